"""Third-party SPARQL clients against the real server: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from .conftest import ID, Server

PROBLEM_SOLVING = f"""PREFIX bk: <https://w3id.org/bkgraph/def#>
SELECT ?a WHERE {{ <{ID}> bk:hasActivityBlock/bk:hasActivity ?a . ?a bk:skillType ?t .
  FILTER(STRENDS(STR(?t), "/problem-solving")) }}"""


def test_sparqlwrapper_json_xml_csv(server: Server) -> None:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(PROBLEM_SOLVING)
    client.setReturnFormat(JSON)
    assert len(client.query().convert()["results"]["bindings"]) == 15  # section 2.2, lines 290-304
    client.setReturnFormat(XML)
    document = client.query().convert()
    assert len(document.getElementsByTagName("result")) == 15
    client.setReturnFormat(CSV)
    assert len(client.query().convert().decode().strip().splitlines()) == 16


def test_sparqlwrapper_post_and_construct(server: Server) -> None:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setMethod("POST")
    client.setQuery(f"CONSTRUCT {{ <{ID}> ?p ?o }} WHERE {{ <{ID}> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    title = graph.value(rdflib.URIRef(ID), rdflib.URIRef("http://purl.org/dc/terms/title"))
    assert str(title) == "Office manager"


def test_rdflib_sparqlstore(server: Server) -> None:
    store = SPARQLStore(server.url + "/sparql", returnFormat="json")
    graph = rdflib.Graph(store)
    rows = list(
        graph.query(
            "SELECT ?title WHERE { ?q <http://purl.org/dc/terms/identifier> 'BK-0568-1' ; "
            "<http://purl.org/dc/terms/title> ?title }"
        )
    )
    assert [str(r.title) for r in rows] == ["Office manager"]
    ask = graph.query(f"ASK {{ <{ID}/block/12> ?p ?o }}")
    assert ask.askAnswer is True
    triples = list(
        graph.triples(
            (
                rdflib.URIRef(ID + "/block/11"),
                rdflib.URIRef("https://w3id.org/bkgraph/def#hasActivity"),
                None,
            )
        )
    )
    assert len(triples) == 4
