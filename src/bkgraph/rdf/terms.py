"""Small literal helpers shared by the mapping modules."""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode

from bkgraph.rdf.namespaces import XSD

Term = NamedNode | BlankNode | Literal
Triple = tuple[NamedNode | BlankNode, NamedNode, Term]


def nl(text: str) -> Literal:
    return Literal(text, language="nl")


def en(text: str) -> Literal:
    return Literal(text, language="en")


def positive(number: int) -> Literal:
    """A count or a position; stored as xsd:integer (oxigraph keeps no narrower integer types)."""
    return Literal(str(number), datatype=XSD.integer)
