"""`bkgraph build`: every source in data/ → one new store, swapped in only on success."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse

from bkgraph import __version__
from bkgraph.config import ONTOLOGY_IRI
from bkgraph.model import Qualification
from bkgraph.parsing import DossierError, parse_dossier
from bkgraph.parsing.knowledge import load_variants
from bkgraph.rdf.mapping import qualification_quads, vocabulary_quads
from bkgraph.rdf.uris import Uris
from bkgraph.store import layout

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildReport:
    store: Path
    build: Path
    qualifications: list[Qualification]
    quads: int


def dossier_files(data: Path) -> list[Path]:
    folder = data / "dossiers"
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise DossierError(str(folder), None, "no dossier (*.txt) to build from")
    return files


def parse_sources(data: Path, progress: Progress | None = None) -> list[Qualification]:
    """Parse every source first: a bad file stops the build before anything is written."""
    variants = load_variants(data / "knowledge-variants.csv")
    qualifications: list[Qualification] = []
    seen: dict[str, Path] = {}
    for path in dossier_files(data):
        if progress:
            progress(path.name)
        q = parse_dossier(path, variants)
        if q.code in seen:
            raise DossierError(str(path), None, f"{q.code} is also built from {seen[q.code]}")
        seen[q.code] = path
        qualifications.append(q)
    return qualifications


def ontology_quads(ontology_dir: Path) -> Iterator[Quad]:
    graph = NamedNode(ONTOLOGY_IRI)
    for triple in parse(path=str(ontology_dir / "bkgraph.ttl"), format=RdfFormat.TURTLE):
        yield Quad(triple.subject, triple.predicate, triple.object, graph)


def all_quads(
    qualifications: list[Qualification], uris: Uris, ontology_dir: Path
) -> Iterator[Quad]:
    built_at = datetime.now(UTC).replace(microsecond=0)
    yield from ontology_quads(ontology_dir)
    yield from vocabulary_quads(qualifications, uris)
    for q in qualifications:
        yield from qualification_quads(q, uris, built_at, __version__)


def build(
    data: Path, store: Path, base: str, ontology_dir: Path, progress: Progress | None = None
) -> BuildReport:
    qualifications = parse_sources(data, progress)
    uris = Uris(base)
    target = layout.new_build_dir(store)
    try:
        db = Store(str(target))
        db.bulk_extend(all_quads(qualifications, uris, ontology_dir))
        db.flush()
        quads = len(db)
        db.optimize()
        del db
        gc.collect()  # closes the RocksDB handle before the directory is published
        layout.publish(store, target)
    except BaseException:
        layout.discard(target)
        raise
    return BuildReport(store, target, qualifications, quads)
