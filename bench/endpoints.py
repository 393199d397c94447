"""Benchmark of the SPARQL endpoint against its peers, on the same data, in one run.

Builds the default graph (data/: 61 qualifications), then measures with wrk, at 1 and 8
connections, the throughput and latency of representative queries against:
  - bkgraph serve (this project), cached (the same request repeated) and uncached (every
    request a new query text, so no cache can answer it);
  - oxigraph serve-read-only (the Rust server of the PyPI package `oxigraph`), the fastest peer;
  - rdflib-endpoint (FastAPI + rdflib), the existing Python peer;
and the same queries in process with pyoxigraph (no HTTP: the floor). It prints figures and
ratios, the latency of a lookup sent while a heavy query runs, and resident memory.

Needs wrk (Debian: apt-get install wrk) and `pip install oxigraph rdflib-endpoint`.

    .venv/bin/python bench/endpoints.py [--seconds 5]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import httpx
from pyoxigraph import RdfFormat

from bkgraph.config import DEFAULT_BASE, data_dir, ontology_dir
from bkgraph.store.build import build
from bkgraph.store.reading import open_store
from bkgraph.web.memory import resident_mib_with_children

BK = "https://w3id.org/bkgraph/def#"
ID = DEFAULT_BASE + "id/qualification/BK-0568-1"
QUERIES = {
    "lookup": f"SELECT ?p ?o WHERE {{ <{ID}> ?p ?o }}",
    "construct": f"CONSTRUCT {{ <{ID}/block/4> ?p ?o }} WHERE {{ <{ID}/block/4> ?p ?o }}",
    "contains": "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l "
    'FILTER(CONTAINS(LCASE(STR(?l)), "kantoor")) } LIMIT 50',
    "regex": "SELECT ?s ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l "
    'FILTER(REGEX(?l, "^kennis|techniek", "i")) } LIMIT 50',
    "group-count": f"SELECT ?t (COUNT(?a) AS ?n) WHERE {{ ?a <{BK}skillType> ?t }} GROUP BY ?t",
    "two-hop": f"SELECT ?q ?k WHERE {{ ?q <{BK}hasActivityBlock> ?b . ?b <{BK}hasKnowledgeRequirement> ?r . "
    f"?r <{BK}requiresKnowledge> ?k }} LIMIT 200",
    "order-limit": f"SELECT ?a ?l WHERE {{ ?a a <{BK}Activity> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }} "
    "ORDER BY ?l LIMIT 20",
}
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
NO_CACHE_LUA = """
-- every request a query text never sent before: a comment with the run, the wrk thread and a
-- counter (each wrk thread has its own counter, and a server keeps its cache between runs)
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
init = function(args)
  run = args[1]
  counter = 0
end
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "%23" .. run .. "-" .. id .. "-" .. counter)
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url: str) -> None:
    for _ in range(600):
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def start_bkgraph(bindir: Path, store: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """`bkgraph serve` on a free port of 127.0.0.1; its process and endpoint URL."""
    port = free_port()
    command = [bindir / "bkgraph", "serve", "--store", str(store), "--port", str(port), *options]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    return process, f"http://127.0.0.1:{port}/sparql"


def wrk(
    url: str, connections: int, seconds: int, uncached: bool, workdir: Path
) -> tuple[float, float, float]:
    """(requests/s, median ms, p99 ms) of GET url."""
    args = [
        "wrk",
        "-t",
        str(min(connections, 2)),
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--latency",
    ]
    if uncached:
        script = workdir / "nocache.lua"
        script.write_text(NO_CACHE_LUA)
        args += ["-s", str(script), url, "--", uuid.uuid4().hex]
    else:
        args.append(url)
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(label: str) -> float:
        m = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        print(f"    ! {errors.group(1)} non-2xx answers from {url[:60]}", file=sys.stderr)
    return rps, ms("50%"), ms("99%")


def in_process(store, query: str, repeat: int = 200) -> float:
    """Median milliseconds of one query in process, rows read."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = store.query(query, use_default_graph_as_union=True)
        for _row in result:
            pass
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def lookup_during_heavy(endpoint: str, seconds: int, workdir: Path) -> tuple[float, float, float]:
    """Uncached lookups with wrk at 1 connection: the median ms alone, then the median and p99
    while a cartesian-product query runs on the same server."""
    url = endpoint + "?query=" + urllib.parse.quote(QUERIES["lookup"])
    _, quiet, _ = wrk(url, 1, seconds, True, workdir)

    def run_heavy() -> None:
        with contextlib.suppress(httpx.HTTPError):  # the server may stop before it answers
            httpx.get(endpoint, params={"query": HEAVY}, timeout=120)

    threading.Thread(target=run_heavy, daemon=True).start()
    time.sleep(0.5)
    _, during, during_p99 = wrk(url, 1, seconds, True, workdir)
    return quiet, during, during_p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    for tool in ("wrk", "oxigraph", "rdflib-endpoint"):
        if not shutil.which(tool) and not Path(sys.executable).with_name(tool).exists():
            sys.exit(f"{tool} is needed: see the docstring")
    tmp = Path(tempfile.mkdtemp(prefix="bkgraph-bench-"))
    report = build(data_dir(), tmp / "var" / "store", DEFAULT_BASE, ontology_dir())
    db = open_store(report.store)
    nquads = tmp / "data.nq"
    buffer = io.BytesIO()
    db.dump(buffer, RdfFormat.N_QUADS)
    nquads.write_bytes(buffer.getvalue())
    print(f"data: {report.quads} quads, {len(report.qualifications)} qualifications")
    bindir = Path(sys.executable).parent
    servers = {}
    try:
        servers["bkgraph"] = start_bkgraph(bindir, report.store, "--timeout", "60")
        oxi_dir = tmp / "oxigraph"
        subprocess.run(
            [bindir / "oxigraph", "load", "--location", str(oxi_dir), "--file", str(nquads)],
            check=True,
            capture_output=True,
        )
        port = free_port()
        servers["oxigraph"] = (
            subprocess.Popen(
                [
                    bindir / "oxigraph",
                    "serve-read-only",
                    "--location",
                    str(oxi_dir),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--union-default-graph",
                ],
                stderr=subprocess.DEVNULL,
            ),
            f"http://127.0.0.1:{port}/query",
        )
        port = free_port()
        servers["rdflib-endpoint"] = (
            subprocess.Popen(
                [
                    bindir / "rdflib-endpoint",
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    str(nquads),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            ),
            f"http://127.0.0.1:{port}/",
        )
        for name, (_, url) in servers.items():
            wait(url + ("?query=ASK%7B%7D" if name != "rdflib-endpoint" else "?query=ASK%20%7B%7D"))
        print(f"\n{'query':12} {'peer':24} {'c':>2} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
        figures: dict[tuple[str, str, int], float] = {}
        for qname, query in QUERIES.items():
            floor = in_process(db, query)
            print(
                f"{qname:12} {'pyoxigraph in process':24} {'-':>2} {1000 / floor:9.0f} {floor:8.2f}"
            )
            for connections in (1, 8):
                for peer, uncached in (
                    ("bkgraph (cached)", False),
                    ("bkgraph (uncached)", True),
                    ("oxigraph", True),
                    ("rdflib-endpoint", True),
                ):
                    if peer == "rdflib-endpoint" and connections == 8 and qname not in ("lookup",):
                        continue  # slow: one point is enough to place it
                    server = "bkgraph" if peer.startswith("bkgraph") else peer
                    url = servers[server][1] + "?query=" + urllib.parse.quote(query)
                    rps, p50, p99 = wrk(url, connections, args.seconds, uncached, tmp)
                    figures[(qname, peer, connections)] = rps
                    print(f"{qname:12} {peer:24} {connections:>2} {rps:9.0f} {p50:8.2f} {p99:8.2f}")
        print("\nratios (throughput)")
        for qname in QUERIES:
            for connections in (1, 8):
                ours = figures[(qname, "bkgraph (uncached)", connections)]
                cached = figures[(qname, "bkgraph (cached)", connections)]
                oxi = figures[(qname, "oxigraph", connections)] or 0.01  # none answered in time
                line = f"{qname:12} c={connections}: uncached/oxigraph {ours / oxi:5.2f}  cached/oxigraph {cached / oxi:5.2f}"
                if (qname, "rdflib-endpoint", connections) in figures:
                    rdflib_rps = figures[(qname, "rdflib-endpoint", connections)] or 0.01
                    line += f"  uncached/rdflib-endpoint {ours / rdflib_rps:6.1f}"
                print(line)
        print("\nhorizontal scale: bkgraph with 1 and 2 HTTP workers, uncached, 8 connections")
        for http_workers in (1, 2):
            process, url = start_bkgraph(bindir, report.store, "--http-workers", str(http_workers))
            try:
                wait(url + "?query=ASK%7B%7D")
                for qname in ("lookup", "group-count"):
                    query_url = url + "?query=" + urllib.parse.quote(QUERIES[qname])
                    rps, p50, p99 = wrk(query_url, 8, args.seconds, True, tmp)
                    print(
                        f"  {qname:12} {http_workers} HTTP worker(s): {rps:7.0f} req/s"
                        f"  p50 {p50:6.2f} ms  p99 {p99:7.2f} ms"
                    )
            finally:
                process.terminate()
                process.wait(10)
        print("\nuncached lookups (wrk, 1 connection), ms: alone / while a heavy query runs")
        for name in ("bkgraph", "oxigraph"):
            quiet, during, p99 = lookup_during_heavy(servers[name][1], args.seconds, tmp)
            print(f"  {name:16} p50 {quiet:6.2f} / p50 {during:6.2f}, p99 {p99:6.2f}")
        print("\nresident memory, all processes (MiB)")
        for name, (process, _) in servers.items():
            print(f"  {name:16} {resident_mib_with_children(process.pid):8.0f}")
    finally:
        for process, _ in servers.values():
            process.terminate()
        for process, _ in servers.values():
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
