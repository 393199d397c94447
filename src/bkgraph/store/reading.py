"""Opening the current graph for reading, and writing it out (`bkgraph export`)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from pyoxigraph import NamedNode, RdfFormat, Store, serialize

from bkgraph.rdf.namespaces import PREFIXES
from bkgraph.store import layout

EXPORT_FORMATS = {
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
}


def open_store(store: Path) -> Store:
    return Store.read_only(str(layout.current(store)))


def export(db: Store, fmt: str, output: BinaryIO, graph: NamedNode | None = None) -> None:
    """Write the dataset (or one named graph) in `fmt`.

    Triple formats (Turtle, N-Triples) of the whole dataset hold the union of all graphs.
    """
    rdf_format = EXPORT_FORMATS[fmt]
    if graph is not None and not db.contains_named_graph(graph):
        raise KeyError(graph.value)
    quads = db.quads_for_pattern(None, None, None, graph)
    if rdf_format.supports_datasets:
        serialize(quads, output, rdf_format, prefixes=PREFIXES)
        return
    triples = {q.triple for q in quads}
    serialize(sorted(triples, key=str), output, rdf_format, prefixes=PREFIXES)
