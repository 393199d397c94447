"""The W3C Entity Reconciliation API at /reconcile, with the protocol's own request and
response shapes (Reconciliation Service API v0.2), over HTTP on the test server."""

from __future__ import annotations

import json

import httpx

from .conftest import BASE, Server

QUALIFICATION = "https://w3id.org/bkgraph/def#QualificationVersion"
KNOWLEDGE = "https://w3id.org/bkgraph/def#KnowledgeElement"


def test_manifest(server: Server) -> None:
    manifest = httpx.get(server.url + "/reconcile").json()
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == BASE + "id/"
    assert {t["id"] for t in manifest["defaultTypes"]} >= {QUALIFICATION, KNOWLEDGE}
    assert manifest["view"]["url"] == "{{id}}"


def test_a_batch_as_openrefine_sends_it(server: Server) -> None:
    queries = {
        "q0": {"query": "office manager", "type": QUALIFICATION, "limit": 3},
        "q1": {"query": "Kantoorsoftware", "type": KNOWLEDGE},
        "q2": {"query": "onthaal medewerker"},
    }
    answer = httpx.post(server.url + "/reconcile", data={"queries": json.dumps(queries)}).json()
    assert set(answer) == {"q0", "q1", "q2"}
    first = answer["q0"]["result"][0]
    assert first["id"] == BASE + "id/qualification/BK-0568-1"
    assert first["name"] == "Office manager" and first["match"] is True and first["score"] == 100
    assert first["type"] == [{"id": QUALIFICATION, "name": "Qualification (BK)"}]
    assert len(answer["q0"]["result"]) <= 3
    # case is set aside: the knowledge element kantoorsoftware (20 qualifications need it)
    assert answer["q1"]["result"][0]["id"] == BASE + "id/knowledge/kantoorsoftware"
    assert answer["q1"]["result"][0]["match"] is True
    # an inexact query gets candidates, none an automatic match
    names = [r["name"] for r in answer["q2"]["result"]]
    assert "Onthaalmedewerker" in names
    assert not any(r["match"] for r in answer["q2"]["result"])


def test_synonyms_of_the_api_reconcile(server: Server) -> None:
    # BK-0390-2.json lists the synonym "Meertalig receptionist"
    queries = {"q0": {"query": "meertalig receptionist", "type": QUALIFICATION}}
    result = httpx.get(server.url + "/reconcile", params={"queries": json.dumps(queries)}).json()
    ids = [r["id"] for r in result["q0"]["result"]]
    assert BASE + "id/qualification/BK-0390-2" in ids


def test_bad_requests_are_400_with_the_place(server: Server) -> None:
    bad = {
        "{not json": "not JSON",
        "[]": "non-empty JSON object",
        json.dumps({"q0": {"query": ""}}): "queries.q0",
        json.dumps({"q0": {"query": "x", "type": "urn:nope"}}): "queries.q0.type",
        json.dumps({"q0": {"query": "x", "limit": 0}}): "queries.q0.limit",
    }
    for queries, message in bad.items():
        response = httpx.post(server.url + "/reconcile", data={"queries": queries})
        assert response.status_code == 400, queries
        assert message in response.json()["error"]
