"""Triples → bytes in a named RDF format, with the project's prefixes where the format has them."""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from bkgraph.rdf.namespaces import PREFIXES

RDF_FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "jsonld": RdfFormat.JSON_LD,
    "rdfxml": RdfFormat.RDF_XML,
}


def triples_to_bytes(triples: Sequence[Triple], name: str) -> bytes:
    """Dataset formats get the triples in the default graph."""
    rdf_format = RDF_FORMATS[name]
    data = (
        [Quad(t.subject, t.predicate, t.object) for t in triples]
        if rdf_format.supports_datasets
        else triples
    )
    prefixes = PREFIXES if rdf_format in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
    return serialize(data, None, rdf_format, prefixes=prefixes)
