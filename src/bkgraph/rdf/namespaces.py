"""The vocabularies the graph speaks, as pyoxigraph term factories."""

from __future__ import annotations

from pyoxigraph import NamedNode

from bkgraph.config import ONTOLOGY_NAMESPACE


class Namespace:
    """`BK.Activity` → NamedNode('https://w3id.org/bkgraph/def#Activity').

    Not a `str` subclass on purpose: `DCT.title` must be the term, not `str.title`.
    """

    def __init__(self, iri: str) -> None:
        self._iri = iri

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        return NamedNode(self._iri + name)

    def __str__(self) -> str:
        return self._iri


BK = Namespace(ONTOLOGY_NAMESPACE)
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
ESCO = Namespace("http://data.europa.eu/esco/model#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
QB = Namespace("http://purl.org/linked-data/cube#")

PREFIXES = {
    "bk": str(BK),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dct": str(DCT),
    "prov": str(PROV),
    "org": str(ORG),
    "esco": str(ESCO),
    "sd": str(SD),
    "void": str(VOID),
    "dcat": str(DCAT),
    "qb": str(QB),
}
