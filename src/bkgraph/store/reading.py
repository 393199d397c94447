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


_SUMMARY = """
PREFIX bk: <https://w3id.org/bkgraph/def#>
SELECT
  (COUNT(DISTINCT ?q) AS ?qualifications) (COUNT(DISTINCT ?b) AS ?blocks)
  (COUNT(DISTINCT ?a) AS ?activities) (COUNT(DISTINCT ?k) AS ?knowledge_elements)
  (COUNT(DISTINCT ?f) AS ?findings)
WHERE {
  { ?q a bk:QualificationVersion } UNION { ?b a bk:ActivityBlock } UNION
  { ?a a bk:Activity } UNION { ?k a bk:KnowledgeElement } UNION { ?f a bk:Finding }
}
"""


def summarise(db: Store) -> dict[str, int]:
    """Counts a person checks first after a build."""
    solution = next(iter(db.query(_SUMMARY, use_default_graph_as_union=True)))
    counts = {
        name: int(solution[name].value)
        for name in ("qualifications", "blocks", "activities", "knowledge_elements", "findings")
    }
    counts["named_graphs"] = sum(1 for _ in db.named_graphs())
    counts["quads"] = len(db)
    return counts
