"""Small literal helpers shared by the mapping modules."""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import BlankNode, Literal, NamedNode

from bkgraph.rdf.namespaces import BK, RDF, RDFS, XSD

Term = NamedNode | BlankNode | Literal
Triple = tuple[NamedNode | BlankNode, NamedNode, Term]


def nl(text: str) -> Literal:
    return Literal(text, language="nl")


def en(text: str) -> Literal:
    return Literal(text, language="en")


def positive(number: int) -> Literal:
    """A count or a position; stored as xsd:integer (oxigraph keeps no narrower integer types)."""
    return Literal(str(number), datatype=XSD.integer)


def source_line(node: NamedNode | BlankNode, line: int | None) -> Iterator[Triple]:
    """The line of the source a resource comes from; API responses have no lines."""
    if line is not None:
        yield node, BK.sourceLine, positive(line)


def listed_item(
    owner: NamedNode,
    prop: NamedNode,
    node: NamedNode,
    cls: NamedNode,
    position: int,
    text: str,
    line: int | None,
) -> Iterator[Triple]:
    """One item of a list the source prints (a context statement, a descriptor, a sentence of
    section 3): its owner's link to it, its class, position, wording, label and source line."""
    yield owner, prop, node
    yield node, RDF.type, cls
    yield node, BK.position, positive(position)
    yield node, BK.text, nl(text)
    yield node, RDFS.label, nl(text)
    yield from source_line(node, line)
