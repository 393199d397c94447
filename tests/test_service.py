"""The service around the endpoint: health, version, metrics, VoID/DCAT, dumps; a runaway query;
a rebuild and an update while serving; OpenAPI."""

from __future__ import annotations

import contextlib
import gzip
import shutil
import threading
import time
from pathlib import Path

import httpx
import pytest
import rdflib
from pyoxigraph import RdfFormat, parse

from bkgraph.parsing import DossierError
from bkgraph.store.build import build

from .conftest import BASE, DATA, DOSSIER, ID, ONTOLOGY, Server

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
COUNT_QUALIFICATIONS = (
    "SELECT (COUNT(?q) AS ?n) WHERE { ?q a <https://w3id.org/bkgraph/def#QualificationVersion> }"
)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 4,000³ rows


def test_health_and_version(server: Server) -> None:
    health = httpx.get(server.url + "/healthz").json()
    assert health["status"] == "ok" and health["quads"] > 4000
    version = httpx.get(server.url + "/version").json()
    assert version["ontology"] == "0.1.0"
    assert version["store_version"] == health["store_version"]


def test_metrics_count_requests(server: Server) -> None:
    httpx.get(server.url + "/sparql", params={"query": "ASK {}"})
    text = httpx.get(server.url + "/metrics").text
    assert 'bkgraph_http_requests_total{method="GET",route="/sparql",status="200"}' in text
    assert "bkgraph_http_request_seconds_bucket" in text
    assert "bkgraph_query_timeouts_total" in text


def test_void_and_dcat(server: Server) -> None:
    response = httpx.get(server.url + "/.well-known/void", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    dataset = rdflib.URIRef(BASE + "id/dataset/bkgraph")
    assert graph.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef(BASE + "sparql")
    subsets = {
        str(s): int(graph.value(s, VOID.triples)) for s in graph.objects(dataset, VOID.subset)
    }
    health = httpx.get(server.url + "/healthz").json()
    assert {
        BASE + "graph/BK-0568-1",
        BASE + "graph/vocabulary",
        "https://w3id.org/bkgraph/def",
    } <= set(subsets)
    assert (
        len(subsets) == 67
    )  # 61 qualifications, ontology, vocabulary, 3 ESCO versions, crosswalks
    assert sum(subsets.values()) == int(graph.value(dataset, VOID.triples)) == health["quads"]
    source = graph.value(dataset, DCT.source)
    assert (
        str(graph.value(source, DCT.bibliographicCitation))
        == "Bron: Vlaamse overheid, Vlaamse kwalificatiestructuur"
    )
    assert "states no licence" in str(graph.value(source, DCT.rights))
    assert len(list(graph.objects(dataset, VOID.dataDump))) == 2


def test_dumps(server: Server) -> None:
    response = httpx.get(server.url + "/dumps/bkgraph.nq.gz", timeout=120)
    assert response.status_code == 200
    quads = list(parse(gzip.decompress(response.content), RdfFormat.N_QUADS))
    assert len(quads) == httpx.get(server.url + "/healthz").json()["quads"]
    turtle = httpx.get(server.url + "/dumps/bkgraph.ttl", timeout=120)
    triples = {q.triple for q in parse(turtle.content, RdfFormat.TURTLE)}
    assert triples == {q.triple for q in quads}  # the union of the named graphs
    assert httpx.get(server.url + "/dumps/other.zip").status_code == 404


def test_openapi(server: Server) -> None:
    paths = httpx.get(server.url + "/openapi.json").json()["paths"]
    assert {"/sparql", "/id/{path}", "/doc/{path}", "/.well-known/void", "/healthz"} <= set(paths)


def test_runaway_query_is_stopped_and_others_are_served(server: Server) -> None:
    outcome: dict[str, httpx.Response] = {}
    lookups_done = threading.Event()

    def runaway() -> None:
        outcome["runaway"] = httpx.get(
            server.url + "/sparql", params={"query": RUNAWAY}, timeout=60
        )
        outcome["runaway_finished_after_lookups"] = lookups_done.is_set()

    thread = threading.Thread(target=runaway)
    thread.start()
    lookups = [
        httpx.get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
        for _ in range(20)
    ]
    lookups_done.set()
    thread.join()
    assert all(r.status_code == 200 for r in lookups)
    assert outcome["runaway_finished_after_lookups"] is True  # they were served while it ran
    assert outcome["runaway"].status_code == 503
    assert "ran longer than 3 s and was stopped" in outcome["runaway"].text
    # the worker it ran in was replaced: the server answers as before
    assert (
        httpx.get(server.url + "/sparql", params={"query": "ASK {}"}, timeout=60).status_code == 200
    )
    assert "bkgraph_query_timeouts_total 1.0" in httpx.get(server.url + "/metrics").text


def test_lookups_do_not_wait_behind_a_runaway(built_store: Path) -> None:
    """With the only query worker held by a runaway, a lookup (one triple pattern with a fixed
    subject) is still answered, and correctly: it runs in the server's own lookup lane."""
    server = Server(built_store, "--workers", "1", "--timeout", "5")
    outcome: dict[str, httpx.Response] = {}
    try:
        thread = threading.Thread(
            target=lambda: outcome.setdefault(
                "runaway",
                httpx.get(server.url + "/sparql", params={"query": RUNAWAY}, timeout=60),
            )
        )
        thread.start()
        time.sleep(0.5)  # the runaway now holds the worker for 5 s
        lookup = httpx.get(
            server.url + "/sparql",
            params={"query": f"SELECT ?p ?o WHERE {{ <{ID}> ?p ?o }}"},
            headers={"Accept": "application/sparql-results+json"},
            timeout=60,
        )
        runaway_still_running = "runaway" not in outcome
        thread.join()
    finally:
        server.stop()
    assert runaway_still_running
    assert lookup.status_code == 200
    values = {
        (row["p"]["value"], row["o"]["value"]) for row in lookup.json()["results"]["bindings"]
    }
    # dossier line 5 (title) and line 9 (code)
    assert ("http://purl.org/dc/terms/title", "Office manager") in values
    assert outcome["runaway"].status_code == 503


def test_a_query_that_outgrows_its_memory_is_stopped(built_store: Path) -> None:
    """A property path over everything fills a worker's memory long before a generous
    timeout; the worker is stopped at its memory limit, and the server serves on."""
    server = Server(built_store, "--workers", "1", "--timeout", "120", "--worker-memory-mib", "300")
    try:
        hungry = httpx.get(
            server.url + "/sparql",
            params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a (<x:p>|!<x:q>)* ?b }"},
            timeout=180,
        )
        after = httpx.get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
        metrics = httpx.get(server.url + "/metrics").text
    finally:
        server.stop()
    assert hungry.status_code == 503
    assert hungry.text == "the query needed more than 300 MiB of memory and was stopped\n"
    assert after.status_code == 200 and after.json()["boolean"] is True
    assert "bkgraph_query_memory_stops_total 1.0" in metrics


def _wait_for(condition, what: str) -> None:
    """Wait (bounded) for the pollers to have seen enough answers."""
    for _ in range(6000):
        if condition():
            return
        time.sleep(0.01)
    raise AssertionError(f"gave up waiting for {what}")


def _served_copy(tmp_path: Path, *options: str) -> tuple[Path, Path, Server]:
    """A copy of data/, built, and a server on it: for tests that change the graph."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    store = tmp_path / "var" / "store"
    build(data, store, BASE, ONTOLOGY)
    return data, store, Server(store, *options)


def test_rebuild_while_serving(tmp_path: Path) -> None:
    data, store, server = _served_copy(tmp_path, "--workers", "2")
    seen: list[list[str]] = [[], []]  # the answers of each poller, in its order
    failures: list[str] = []
    stop = threading.Event()

    def poll(answers: list[str]) -> None:
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                r = client.get(server.url + "/sparql", params={"query": COUNT_QUALIFICATIONS})
                if r.status_code != 200:
                    failures.append(f"{r.status_code} {r.text}")
                else:
                    answers.append(r.json()["results"]["bindings"][0]["n"]["value"])

    pollers = [threading.Thread(target=poll, args=(answers,)) for answers in seen]
    try:
        for p in pollers:
            p.start()
        _wait_for(lambda: all(len(a) > 10 for a in seen), "answers before the builds")
        broken = data / "dossiers" / "zz-broken.txt"
        broken.write_text("BK-0001-1\n1. Globaal\n", encoding="utf-8")
        with pytest.raises(DossierError):
            build(data, store, BASE, ONTOLOGY)  # a failed build changes nothing
        broken.unlink()
        before = [len(a) for a in seen]
        _wait_for(
            lambda: all(len(a) > n + 10 for a, n in zip(seen, before, strict=True)),
            "answers after the failed build",
        )
        text = DOSSIER.read_text(encoding="utf-8").replace("BK-0568-1", "BK-9999-1")
        (data / "dossiers" / "BK-9999-1-copy.txt").write_text(text, encoding="utf-8")
        build(data, store, BASE, ONTOLOGY)
        _wait_for(lambda: all(a.count("62") > 10 for a in seen), "answers from the new graph")
    finally:
        stop.set()
        for p in pollers:
            p.join()
        server.stop()
    assert failures == []
    for answers in seen:
        # each reader saw the old graph, then the new one, and the answer changed exactly once
        first_new = answers.index("62")  # 61 qualifications, then one more
        assert set(answers[:first_new]) == {"61"} and set(answers[first_new:]) == {"62"}


def test_update_with_the_admin_token(tmp_path: Path) -> None:
    _, _, server = _served_copy(tmp_path, "--admin-token", "s3cret")
    try:
        insert = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> 'c' } }"
        refused = httpx.post(server.url + "/sparql", data={"update": insert})
        assert refused.status_code == 401
        wrong = httpx.post(
            server.url + "/sparql",
            data={"update": insert},
            headers={"Authorization": "Bearer nope"},
        )
        assert wrong.status_code == 401
        done = httpx.post(
            server.url + "/sparql",
            data={"update": insert},
            headers={"Authorization": "Bearer s3cret"},
        )
        assert done.status_code == 204
        ask = httpx.get(server.url + "/sparql", params={"query": "ASK { <urn:x:a> <urn:x:b> 'c' }"})
        assert ask.json()["boolean"] is True
        broken = httpx.post(
            server.url + "/sparql",
            data={"update": "INSERT DATA {"},
            headers={"Authorization": "Bearer s3cret"},
        )
        assert broken.status_code == 400 and "malformed update" in broken.text
    finally:
        server.stop()


def test_query_workers_die_with_a_killed_server(built_store: Path) -> None:
    """A server killed outright (no shutdown) must not leave a worker computing a runaway."""
    server = Server(built_store, "--timeout", "60")
    try:
        tasks = Path(
            f"/proc/{server.process.pid}/task"
        ).iterdir()  # workers start from pool threads
        children = [int(c) for t in tasks for c in (t / "children").read_text().split()]
        workers = [c for c in children if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text()]
        assert workers

        def runaway() -> None:
            with contextlib.suppress(httpx.HTTPError):  # the server is killed under it
                httpx.get(server.url + "/sparql", params={"query": RUNAWAY}, timeout=30)

        thread = threading.Thread(target=runaway, daemon=True)
        thread.start()
        time.sleep(1)
        server.process.kill()
        server.process.wait(10)
        _wait_for(
            lambda: not any(Path(f"/proc/{w}").exists() for w in workers), "the workers to exit"
        )
    finally:
        server.stop()
