"""Benchmark of `bkgraph build` against pyoxigraph's bulk loader on the same quads.

Prints the time of a full build (parse every source, map to RDF, load, optimise) of data/, and
of loading the resulting N-Quads into a fresh store with `Store.bulk_load` (the floor: no
parsing of dossiers, no mapping), both in this process, and their ratio.

    .venv/bin/python bench/build.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import tempfile
import time
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from bkgraph.config import DEFAULT_BASE, data_dir, ontology_dir
from bkgraph.store.build import build
from bkgraph.store.reading import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
