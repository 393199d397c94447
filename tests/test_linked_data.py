"""Dereferenceable URIs: 303 from things to documents, content negotiation, the ontology, the
JSON-LD context, foreign IRIs, and a graph built for another base served on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest
import rdflib

from bkgraph.store.build import build

from .conftest import DATA, ID, ONTOLOGY, Server

BK = rdflib.Namespace("https://w3id.org/bkgraph/def#")
PATH = "/id/qualification/BK-0568-1/block/4"


def test_thing_redirects_to_its_document(server: Server) -> None:
    response = httpx.get(server.url + PATH, headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    assert response.headers["location"] == "/doc/qualification/BK-0568-1/block/4"


@pytest.mark.parametrize(
    ("accept", "parser"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/n-triples", "nt"),
    ],
)
def test_document_formats(server: Server, accept: str, parser: str) -> None:
    response = httpx.get(server.url + PATH, headers={"Accept": accept}, follow_redirects=True)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    assert "Accept" in response.headers["vary"]
    graph = rdflib.Graph().parse(data=response.content, format=parser)
    block = rdflib.URIRef(ID + "/block/4")
    assert len(set(graph.objects(block, BK.hasActivity))) == 9  # block 4: nine activities
    assert str(graph.value(block, rdflib.RDFS.label)) == "Beheert de bedrijfscommunicatie"
    # the labels of what it links to come along
    activity = rdflib.URIRef(ID + "/block/4/activity/9")
    assert str(graph.value(activity, rdflib.RDFS.label)) == "Gaat vertrouwelijk om met informatie"


def test_extension_chooses_the_format(server: Server) -> None:
    response = httpx.get(server.url + "/doc/qualification/BK-0568-1.jsonld")
    assert response.headers["content-type"] == "application/ld+json"
    graph = rdflib.Graph().parse(data=response.content, format="json-ld")
    assert (
        str(graph.value(rdflib.URIRef(ID), rdflib.URIRef("http://purl.org/dc/terms/title")))
        == "Office manager"
    )


def test_html_document(server: Server) -> None:
    response = httpx.get(server.url + PATH, headers={"Accept": "text/html"}, follow_redirects=True)
    assert response.status_code == 200
    assert "<h1>Beheert de bedrijfscommunicatie</h1>" in response.text
    assert 'href="/id/qualification/BK-0568-1/block/4/activity/9"' in response.text
    assert "Referred to by" in response.text  # the qualification links to the block


def test_unknown_iri_is_404(server: Server) -> None:
    assert httpx.get(server.url + "/id/qualification/BK-0000-1").status_code == 404
    page = httpx.get(server.url + "/doc/nothing/here", headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert "Nothing is known about" in page.text


def test_unacceptable_document_format(server: Server) -> None:
    response = httpx.get(
        server.url + "/doc/qualification/BK-0568-1", headers={"Accept": "image/png"}
    )
    assert response.status_code == 406


def test_ontology_resolves(server: Server) -> None:
    for accept, parser in (("text/turtle", "turtle"), ("application/rdf+xml", "xml")):
        response = httpx.get(server.url + "/def", headers={"Accept": accept})
        graph = rdflib.Graph().parse(data=response.content, format=parser)
        assert (BK.Activity, rdflib.RDF.type, rdflib.OWL.Class) in graph
    assert httpx.get(server.url + "/def.ttl").headers["content-type"].startswith("text/turtle")


def test_json_ld_context(server: Server) -> None:
    context = httpx.get(server.url + "/context.jsonld").json()
    assert context["@context"]["hasActivity"] == {"@id": str(BK.hasActivity), "@type": "@id"}
    doc = {
        "@context": context["@context"],
        "@id": "http://example.org/b",
        "hasActivity": "http://example.org/a",
    }
    graph = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    assert (
        rdflib.URIRef("http://example.org/b"),
        BK.hasActivity,
        rdflib.URIRef("http://example.org/a"),
    ) in graph


def test_foreign_iri_route(server: Server) -> None:
    response = httpx.get(
        server.url + "/resource",
        params={"iri": str(BK.Activity)},
        headers={"Accept": "text/turtle"},
    )
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert str(graph.value(BK.Activity, rdflib.RDFS.label)) in {"activity", "activiteit"}
    assert (
        httpx.get(server.url + "/resource", params={"iri": "http://example.org/none"}).status_code
        == 404
    )
    assert httpx.get(server.url + "/resource").status_code == 422


def test_other_base_served_locally(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    store = tmp_path / "var" / "store"
    build(data, store, "https://example.org/kg/", ONTOLOGY)
    server = Server(store, env={"BKGRAPH_BASE": "https://example.org/kg/"})
    try:
        response = httpx.get(
            server.url + "/id/qualification/BK-0568-1",
            follow_redirects=True,
            headers={"Accept": "text/turtle"},
        )
        graph = rdflib.Graph().parse(data=response.text, format="turtle")
        version = rdflib.URIRef("https://example.org/kg/id/qualification/BK-0568-1")
        assert (
            str(graph.value(version, rdflib.URIRef("http://purl.org/dc/terms/title")))
            == "Office manager"
        )
        page = httpx.get(
            server.url + "/doc/qualification/BK-0568-1", headers={"Accept": "text/html"}
        )
        assert 'href="/id/qualification/BK-0568-1/block/1"' in page.text
        assert "https://example.org/kg/id/qualification/BK-0568-1" in page.text  # the IRI shown
    finally:
        server.stop()
