"""Benchmark of `bkgraph build` against pyoxigraph's bulk loader on the same quads, and of how
the build grows with the corpus.

Prints the time of a full build (parse every source, map to RDF, load, optimise) of data/, and
of loading the resulting N-Quads into a fresh store with `Store.bulk_load` (the floor: no
parsing of dossiers, no mapping), both in this process, and their ratio. With --scale it also
builds corpora of 10x and 100x the qualifications (synthetic copies of the API responses under
new codes) in child processes and prints their time, quads and peak memory.

    .venv/bin/python bench/build.py [--repeat 3] [--scale 10 100]
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from bkgraph.config import DEFAULT_BASE, data_dir, ontology_dir
from bkgraph.store.build import build
from bkgraph.store.reading import open_store


def synthetic_corpus(target: Path, factor: int) -> int:
    """data/ with `factor` copies of every API response (codes BK-9nnn-k), the dossier once."""
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns("vks-api"))
    (target / "vks-api").mkdir()
    count = 0
    for _ in range(factor):
        for path in sorted((data_dir() / "vks-api").glob("BK-*.json")):
            document = json.loads(path.read_text(encoding="utf-8"))
            count += 1
            code = f"BK-{9000 + count // 10:04d}-{count % 10 + 1}"
            document["beroepskwalificatie"]["versie_nr_lang"] = code
            (target / "vks-api" / f"{code}.json").write_text(json.dumps(document), encoding="utf-8")
    return count + 1


def scaled(factor: int) -> None:
    """One scaled build, in its own process so its peak memory is its own."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        qualifications = synthetic_corpus(data, factor)
        start = time.perf_counter()
        report = build(data, Path(tmp) / "store", DEFAULT_BASE, ontology_dir())
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{qualifications:6} qualifications: {report.quads:>10,} quads in {seconds:7.1f} s, "
        f"{report.quads / seconds:9,.0f} quads/s, peak memory {peak:6.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, nargs="*", default=[], help="factors, e.g. 10 100")
    parser.add_argument("--one-scaled", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_scaled:
        scaled(args.one_scaled)
        return
    ours, floor = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            report = build(data_dir(), Path(tmp) / "store", DEFAULT_BASE, ontology_dir())
            ours.append(time.perf_counter() - start)
            dump = io.BytesIO()
            open_store(report.store).dump(dump, RdfFormat.N_QUADS)
            start = time.perf_counter()
            baseline = Store(str(Path(tmp) / "baseline"))
            baseline.bulk_load(dump.getvalue(), RdfFormat.N_QUADS)
            baseline.optimize()
            floor.append(time.perf_counter() - start)
            del baseline
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"qualifications: {len(report.qualifications)}, quads: {report.quads}")
    print(
        f"bkgraph build:          median {statistics.median(ours):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in ours)})"
    )
    print(
        f"pyoxigraph bulk_load:   median {statistics.median(floor):.2f} s  (same quads, N-Quads in memory)"
    )
    print(f"ratio build / bulk_load: {statistics.median(ours) / statistics.median(floor):.1f}x")
    print(f"peak resident memory of this process: {peak:.0f} MiB")
    if args.scale:
        print("growth (each build in a fresh process):")
        for factor in [1, *args.scale]:
            subprocess.run([sys.executable, __file__, "--one-scaled", str(factor)], check=True)


if __name__ == "__main__":
    main()
