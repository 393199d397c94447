"""Staying power: 30 seconds at 8 connections of lookups, searches, CONSTRUCTs and page views,
while runaway queries, malformed SPARQL, oversized bodies, a slow client and two rebuilds (one
failing) come in. Every request gets its answer; nothing else fails. Resident memory is printed,
not asserted (figures belong in bench/, see bench/soak.sh for the 5-minute run)."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from bkgraph.store.build import build
from bkgraph.web.memory import resident_mib_with_children

from .conftest import BASE, DATA, ID, ONTOLOGY, Server

pytestmark = pytest.mark.slow
SECONDS = int(os.environ.get("BKGRAPH_SOAK_SECONDS", "30"))  # bench/soak.sh runs 300
MIX = [
    ("GET", "/sparql", {"query": f"SELECT ?p ?o WHERE {{ <{ID}> ?p ?o }} #"}),
    (
        "GET",
        "/sparql",
        {
            "query": 'SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(CONTAINS(?l, "kantoor")) } LIMIT 20 #'
        },
    ),
    (
        "GET",
        "/sparql",
        {"query": f"CONSTRUCT {{ <{ID}/block/2> ?p ?o }} WHERE {{ <{ID}/block/2> ?p ?o }} #"},
    ),
    ("GET", "/doc/qualification/BK-0568-1/block/3", {}),
    ("GET", "/doc/knowledge/kantoorsoftware", {}),
    ("GET", "/sparql", {}),
]


async def _client(url: str, stop: float, n: int, outcomes: Counter, failures: list) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        i = 0
        while time.monotonic() < stop:
            method, path, params = MIX[(n + i) % len(MIX)]
            params = {k: v + str(i) if k == "query" else v for k, v in params.items()}
            headers = {"Accept": "text/html"} if path.startswith("/doc") and i % 2 else {}
            try:
                response = await client.request(method, path, params=params, headers=headers)
                outcomes[response.status_code] += 1
                if response.status_code >= 400:
                    failures.append(f"{response.status_code} {path} {response.text[:100]}")
            except httpx.HTTPError as exc:
                failures.append(f"{type(exc).__name__} {path}")
            i += 1


COUNT = (
    "SELECT (COUNT(?q) AS ?n) WHERE { ?q a <https://w3id.org/bkgraph/def#QualificationVersion> } #"
)
LOOKUP = f"SELECT ?p ?o WHERE {{ <{ID}> ?p ?o }} #quiet-or-not-"


async def _count_poller(
    url: str, stop: float, rebuilt: threading.Event, seen: list[tuple[float, str]]
) -> None:
    """How many qualifications the graph has, asked again and again (never from the cache),
    through the soak and until a second after the last rebuild is published."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        i, until = 0, float("inf")
        while time.monotonic() < max(stop, until):
            if rebuilt.is_set() and until == float("inf"):
                until = time.monotonic() + 1
            response = await client.get("/sparql", params={"query": f"{COUNT}{i}"})
            if response.status_code == 200:
                n = response.json()["results"]["bindings"][0]["n"]["value"]
                seen.append((time.monotonic(), n))
            i += 1
            await asyncio.sleep(0.05)


async def _lookups(url: str, seconds: float, latencies: list[float]) -> None:
    """Uncached lookups one after another, their latency in milliseconds."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        stop, i = time.monotonic() + seconds, 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            response = await client.get("/sparql", params={"query": f"{LOOKUP}{i}{started}"})
            if response.status_code == 200:
                latencies.append((time.perf_counter() - started) * 1000)
            i += 1


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    if not ordered:
        return "no answers"
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return (
        f"p50 {pick(0.5):.1f} ms, p90 {pick(0.9):.1f} ms, p99 {pick(0.99):.1f} ms ({len(ordered)})"
    )


async def _trouble(url: str, stop: float, answers: Counter) -> None:
    """Bad requests during the soak: each must get its own 4xx or 503, quickly or at timeout."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        while time.monotonic() < stop - 5:
            runaway = client.get(
                "/sparql",
                params={
                    "query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
                },
            )
            path = client.get(
                "/sparql",
                params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a (<x:p>|!<x:q>)* ?b }"},
            )
            broken = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p "})
            big = client.post(
                "/sparql",
                content=b"ASK {}" + b" " * 300_000,
                headers={"Content-Type": "application/sparql-query"},
            )
            for response in await asyncio.gather(runaway, path, broken, big):
                answers[response.status_code] += 1


def _slow_client(port: int, stop: float) -> None:
    """A client that sends its request one byte at a time."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        for byte in request:
            if time.monotonic() > stop:
                return
            sock.send(bytes([byte]))
            time.sleep(0.2)
        sock.recv(1000)


def test_soak_with_trouble_and_rebuilds(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    store = tmp_path / "var" / "store"
    build(data, store, BASE, ONTOLOGY)
    server = Server(store, "--timeout", "2", "--max-query-length", "100000")
    outcomes: Counter = Counter()
    trouble: Counter = Counter()
    failures: list[str] = []
    memory: list[float] = []
    counts: list[tuple[float, str]] = []
    quiet: list[float] = []
    troubled: list[float] = []
    asyncio.run(_lookups(server.url, 5, quiet))  # the same lookups with nothing else running
    stop = time.monotonic() + SECONDS
    builds: dict[str, float] = {}
    outcomes_of_builds: dict[str, subprocess.CompletedProcess] = {}
    rebuilt = threading.Event()

    def bkgraph_build() -> subprocess.CompletedProcess:
        """`bkgraph build` as the operator runs it: its own process, beside the server."""
        command = [sys.executable, "-m", "bkgraph", "build", "--quiet"]
        return subprocess.run(
            [*command, "--data", str(data), "--store", str(store), "--base", BASE],
            capture_output=True,
            text=True,
        )

    def rebuilds() -> None:
        time.sleep(SECONDS / 3)
        (data / "dossiers" / "zz-broken.txt").write_text("BK-0001-1\n", encoding="utf-8")
        builds["failed"] = time.monotonic()
        outcomes_of_builds["failed"] = bkgraph_build()
        (data / "dossiers" / "zz-broken.txt").unlink()
        time.sleep(SECONDS / 3)
        text = (DATA / "dossiers" / "BK-0568-1-office-manager.txt").read_text(encoding="utf-8")
        copy = data / "dossiers" / "BK-9999-1-copy.txt"
        copy.write_text(text.replace("BK-0568-1", "BK-9999-1"), encoding="utf-8")
        builds["succeeded"] = time.monotonic()
        try:
            outcomes_of_builds["succeeded"] = bkgraph_build()
        finally:
            rebuilt.set()

    def sample_memory() -> None:
        while time.monotonic() < stop:
            memory.append(resident_mib_with_children(server.process.pid))
            print(
                f"resident memory after {SECONDS - (stop - time.monotonic()):4.0f} s: {memory[-1]:6.0f} MiB"
            )
            time.sleep(10)

    async def run() -> None:
        await asyncio.gather(
            *(_client(server.url, stop, n, outcomes, failures) for n in range(8)),
            _trouble(server.url, stop, trouble),
            _count_poller(server.url, stop, rebuilt, counts),
            _lookups(server.url, SECONDS - 5, troubled),
        )

    threads = [
        threading.Thread(target=rebuilds),
        threading.Thread(target=sample_memory),
        threading.Thread(target=_slow_client, args=(server.port, stop)),
    ]
    try:
        for t in threads:
            t.start()
        asyncio.run(run())
        for t in threads:
            t.join()
    finally:
        server.stop()
    print(f"answers: {dict(outcomes)}; trouble: {dict(trouble)}")
    print(f"lookup latency, quiet:              {percentiles(quiet)}")
    print(f"lookup latency, under load+trouble: {percentiles(troubled)}")
    assert failures == []
    failed, succeeded = outcomes_of_builds["failed"], outcomes_of_builds["succeeded"]
    assert failed.returncode == 3 and "zz-broken.txt" in failed.stderr, failed.stderr
    assert succeeded.returncode == 0, succeeded.stderr
    # the answer changed exactly once, from 61 to 62, and only after the successful build began
    values = [n for _, n in counts]
    changes = [i for i in range(1, len(values)) if values[i] != values[i - 1]]
    assert values[0] == "61" and values[-1] == "62" and len(changes) == 1, values
    assert counts[changes[0]][0] > builds["succeeded"] > builds["failed"]
    assert sum(outcomes.values()) > 100
    assert (
        set(trouble) <= {400, 413, 503}
        and trouble[400] > 0
        and trouble[503] > 0
        and trouble[413] > 0
    )
