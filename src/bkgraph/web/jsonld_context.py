"""A JSON-LD context that gives each bkgraph term a short name, generated from the ontology."""

from __future__ import annotations

from functools import lru_cache

import orjson
from pyoxigraph import NamedNode, Store

from bkgraph.config import ONTOLOGY_IRI, ONTOLOGY_NAMESPACE
from bkgraph.rdf.namespaces import OWL, PREFIXES, RDF


@lru_cache(maxsize=2)
def build_context(store: Store, version: str) -> bytes:
    graph = NamedNode(ONTOLOGY_IRI)
    terms: dict[str, object] = dict(PREFIXES)
    for quad in store.quads_for_pattern(None, RDF.type, None, graph):
        iri = quad.subject
        if not isinstance(iri, NamedNode) or not iri.value.startswith(ONTOLOGY_NAMESPACE):
            continue
        name = iri.value[len(ONTOLOGY_NAMESPACE) :]
        if quad.object == OWL.ObjectProperty:
            terms[name] = {"@id": iri.value, "@type": "@id"}
        elif name not in terms:
            terms[name] = iri.value
    return orjson.dumps({"@context": terms}, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
