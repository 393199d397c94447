"""The ontology: every term labelled and defined in Dutch and English, versioned, documented,
and every term the data uses declared."""

from __future__ import annotations

import rdflib
from pyoxigraph import NamedNode, Store
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from bkgraph.config import ONTOLOGY_NAMESPACE, PROJECT_ROOT
from bkgraph.ontology_docs import render

from .conftest import ONTOLOGY

GRAPH = rdflib.Graph().parse(ONTOLOGY / "bkgraph.ttl", format="turtle")
OWN_TERMS = {
    s
    for s in GRAPH.subjects(RDF.type, None)
    if isinstance(s, rdflib.URIRef) and str(s).startswith(ONTOLOGY_NAMESPACE)
}


def _languages(term: rdflib.URIRef, prop: rdflib.URIRef) -> set[str]:
    return {o.language for o in GRAPH.objects(term, prop) if isinstance(o, rdflib.Literal)}


def test_every_term_labelled_and_defined_in_dutch_and_english() -> None:
    assert len(OWN_TERMS) > 50
    for term in OWN_TERMS:
        assert _languages(term, RDFS.label) >= {"nl", "en"}, term
        assert _languages(term, SKOS.definition) >= {"nl", "en"}, term


def test_versioned() -> None:
    ontology = rdflib.URIRef("https://w3id.org/bkgraph/def")
    assert GRAPH.value(ontology, OWL.versionIRI) == rdflib.URIRef(
        "https://w3id.org/bkgraph/def/0.1.0"
    )
    assert str(GRAPH.value(ontology, OWL.versionInfo)) == "0.1.0"
    assert not list(GRAPH.objects(ontology, OWL.imports))  # no network at build time


def test_data_uses_only_declared_terms(db: Store) -> None:
    used = set()
    for quad in db:
        for term in (quad.predicate, quad.object):
            if isinstance(term, NamedNode) and term.value.startswith(ONTOLOGY_NAMESPACE):
                used.add(rdflib.URIRef(term.value))
    assert used and used <= OWN_TERMS, used - OWN_TERMS


def test_documentation_is_current() -> None:
    current = (PROJECT_ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert current == render(ONTOLOGY / "bkgraph.ttl"), "run `bkgraph ontology-docs`"
    for term in OWN_TERMS:
        assert f"`bk:{str(term).removeprefix(ONTOLOGY_NAMESPACE)}`" in current
