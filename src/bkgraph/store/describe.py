"""What the server says about one resource: its concise bounded description plus labels.

The description of an IRI is every triple it is the subject of (in any graph), the triples of
the blank nodes it owns, recursively, and the labels of the resources it links to, so that a
client can show the links without another request. Inbound links are a separate, bounded call.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, NamedNode, Store, Triple

from bkgraph.rdf.namespaces import DCT, RDFS, SKOS

LABELS = (RDFS.label, SKOS.prefLabel, DCT.title)


def exists(store: Store, iri: NamedNode) -> bool:
    return any(True for _ in store.quads_for_pattern(iri, None, None, None)) or any(
        True for _ in store.quads_for_pattern(None, None, iri, None)
    )


def describe(store: Store, iri: NamedNode) -> list[Triple]:
    seen: set[Triple] = set()
    ordered: list[Triple] = []
    linked: list[NamedNode] = []
    todo: list[NamedNode | BlankNode] = [iri]
    visited: set[NamedNode | BlankNode] = set()
    while todo:
        subject = todo.pop()
        if subject in visited:
            continue
        visited.add(subject)
        for quad in store.quads_for_pattern(subject, None, None, None):
            triple = quad.triple
            if triple in seen:
                continue
            seen.add(triple)
            ordered.append(triple)
            if isinstance(triple.object, BlankNode):
                todo.append(triple.object)
            elif isinstance(triple.object, NamedNode):
                linked.append(triple.object)
    for target in linked:
        for prop in LABELS:
            for quad in store.quads_for_pattern(target, prop, None, None):
                if quad.triple not in seen:
                    seen.add(quad.triple)
                    ordered.append(quad.triple)
    return ordered


def inbound(store: Store, iri: NamedNode, limit: int) -> tuple[list[Triple], bool]:
    """Up to `limit` triples that point at `iri`, and whether there were more."""
    found: list[Triple] = []
    seen: set[Triple] = set()
    for quad in store.quads_for_pattern(None, None, iri, None):
        if quad.triple in seen:
            continue
        if len(found) == limit:
            return found, True
        seen.add(quad.triple)
        found.append(quad.triple)
    return found, False


def label_of(store: Store, iri: NamedNode, language: str = "nl") -> str | None:
    """The best label: the preferred language first, then any."""
    fallback = None
    for prop in LABELS:
        for quad in store.quads_for_pattern(iri, prop, None, None):
            literal = quad.object
            if getattr(literal, "language", None) == language:
                return literal.value
            fallback = fallback or literal.value
    return fallback
