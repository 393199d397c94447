"""The graph to validate, read out of the store once in the forms the validators need."""

from __future__ import annotations

import rdflib
from pyoxigraph import RdfFormat, Store, serialize


def union_ntriples(db: Store) -> bytes:
    """Our graphs merged into one, as N-Triples (what owlready2 reads). ESCO's graphs are left
    out: they are ESCO's data in ESCO's model, and the shapes and axioms are about ours."""
    triples = {
        q.triple
        for q in db.quads_for_pattern(None, None, None, None)
        if "/graph/esco/" not in getattr(q.graph_name, "value", "")
    }
    return serialize(triples, None, RdfFormat.N_TRIPLES)


def as_rdflib(ntriples: bytes) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=ntriples, format="nt")
    return graph
