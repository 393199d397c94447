"""Fuzzing the HTTP surface: schemathesis against the service's own OpenAPI description (every
route, every parameter), and hypothesis for content negotiation. No answer may be a 5xx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import Server

pytestmark = pytest.mark.slow

OFFERED = {
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "text/turtle",
    "application/n-triples",
    "application/n-quads",
    "application/trig",
    "application/ld+json",
    "application/rdf+xml",
    "text/html",
}
MEDIA = st.sampled_from(
    [
        "*/*",
        "text/*",
        "application/*",
        "text/html",
        "application/json",
        "application/xml",
        "text/plain",
        "image/png",
        "application/sparql-results+json",
        "text/csv",
        "text/tab-separated-values",
        "application/sparql-results+xml",
        "text/turtle",
        "application/ld+json",
        "application/rdf+xml",
        "application/n-triples",
        "x/y",
        "",
    ]
)
Q_VALUES = st.one_of(st.none(), st.floats(0, 1), st.from_regex(r"[0-9a-z.]{1,4}", fullmatch=True))
ACCEPT = st.lists(st.tuples(MEDIA, Q_VALUES), max_size=4).map(
    lambda items: ",".join(m + (f";q={q}" if q is not None else "") for m, q in items).strip()
)
QUERIES = st.sampled_from(
    [
        "ASK {}",
        "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1",
    ]
)


def test_openapi_routes(server: Server) -> None:
    """schemathesis, the real tool, against the live server's OpenAPI description: every route,
    every parameter, generated examples; no answer may be a 5xx."""
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            server.url + "/openapi.json",
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "25",
            "--seed",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Tested: 19" in result.stdout  # every operation of /openapi.json


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(accept=ACCEPT, query=QUERIES)
def test_any_accept_header_gets_an_answer_or_406(server: Server, accept: str, query: str) -> None:
    response = httpx.get(
        server.url + "/sparql", params={"query": query}, headers={"Accept": accept}, timeout=30
    )
    assert response.status_code in (200, 406), response.text
    if response.status_code == 200:
        assert response.headers["content-type"].split(";")[0] in OFFERED


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(accept=ACCEPT)
def test_any_accept_header_on_documents(server: Server, accept: str) -> None:
    response = httpx.get(
        server.url + "/doc/qualification/BK-0568-1", headers={"Accept": accept}, timeout=30
    )
    assert response.status_code in (200, 406)
