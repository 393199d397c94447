"""Staying power: 30 seconds at 8 connections of lookups, searches, CONSTRUCTs and page views,
while runaway queries, malformed SPARQL, oversized bodies, a slow client and two rebuilds (one
failing) come in. Every request gets its answer; nothing else fails. Resident memory is printed,
not asserted (figures belong in bench/, see bench/soak.py for the 5-minute run)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import socket
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from bkgraph.parsing import DossierError
from bkgraph.store.build import build

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


def rss_mib(pid: int) -> float:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * 4096
            todo += [
                int(c)
                for t in Path(f"/proc/{p}/task").iterdir()
                for c in (t / "children").read_text().split()
            ]
        except OSError:
            continue
    return total / 2**20


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
    stop = time.monotonic() + SECONDS

    def rebuilds() -> None:
        time.sleep(SECONDS / 3)
        (data / "dossiers" / "zz-broken.txt").write_text("BK-0001-1\n", encoding="utf-8")
        with contextlib.suppress(DossierError):
            build(data, store, BASE, ONTOLOGY)
        (data / "dossiers" / "zz-broken.txt").unlink()
        time.sleep(SECONDS / 3)
        build(data, store, BASE, ONTOLOGY)

    def sample_memory() -> None:
        while time.monotonic() < stop:
            memory.append(rss_mib(server.process.pid))
            print(
                f"resident memory after {SECONDS - (stop - time.monotonic()):4.0f} s: {memory[-1]:6.0f} MiB"
            )
            time.sleep(10)

    async def run() -> None:
        await asyncio.gather(
            *(_client(server.url, stop, n, outcomes, failures) for n in range(8)),
            _trouble(server.url, stop, trouble),
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
    assert failures == []
    assert sum(outcomes.values()) > 100
    assert (
        set(trouble) <= {400, 413, 503}
        and trouble[400] > 0
        and trouble[503] > 0
        and trouble[413] > 0
    )
