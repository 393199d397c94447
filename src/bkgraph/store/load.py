"""`bkgraph load`: any RDF files into a store laid out like a build (atomic, swapped in whole).

For serving data that is not a dossier: a test's dataset (the W3C suites), a vocabulary, an
export of another graph. Each file goes to the default graph or to the named graph given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store, parse

from bkgraph.store import layout

FORMATS_BY_SUFFIX = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG,
    ".rdf": RdfFormat.RDF_XML,
    ".owl": RdfFormat.RDF_XML,
    ".jsonld": RdfFormat.JSON_LD,
}


def _quads(path: Path, graph: str | None) -> Iterator[Quad]:
    rdf_format = FORMATS_BY_SUFFIX.get(path.suffix.lower())
    if rdf_format is None:
        raise ValueError(f"{path}: unknown RDF format (known: {', '.join(FORMATS_BY_SUFFIX)})")
    target = NamedNode(graph) if graph else DefaultGraph()
    base = path.resolve().as_uri()
    for quad in parse(path=str(path), format=rdf_format, base_iri=base):
        if rdf_format.supports_datasets and graph is None:
            yield quad
        else:
            yield Quad(quad.subject, quad.predicate, quad.object, target)


def load(store: Path, sources: Iterable[tuple[Path, str | None]]) -> Path:
    """Build a new store from (file, graph IRI or None) pairs and publish it; return its dir."""
    with layout.new_build(store) as target:
        db = Store(str(target))
        for path, graph in sources:
            db.bulk_extend(_quads(path, graph))
        db.flush()
        del db
    return target
