"""`bkgraph build`: every source in data/ → one new store, swapped in only on success."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse

from bkgraph import __version__
from bkgraph.config import ONTOLOGY_IRI
from bkgraph.linking.sssom import read_mapping_sets
from bkgraph.model import Qualification
from bkgraph.parsing import DossierError, parse_dossier
from bkgraph.parsing.curation import GridLinks, check_grid_links, load_grid_links
from bkgraph.parsing.esco import EscoConcept, EscoSource, read_manifest, read_source
from bkgraph.parsing.knowledge import Variants, load_variants
from bkgraph.parsing.vks_api import parse_api_file
from bkgraph.rdf.crosswalks import crosswalk_quads, known_subjects, read_rome_labels
from bkgraph.rdf.esco import esco_quads
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
    skipped_links: list[str]


def source_files(data: Path, extra: tuple[Path, ...] = ()) -> list[Path]:
    """Dossier texts (data/dossiers/*.txt), API responses (data/vks-api/BK-*.json), and any
    further files or folders of API responses a user names."""
    files = sorted((data / "dossiers").glob("*.txt")) + sorted((data / "vks-api").glob("BK-*.json"))
    for path in extra:
        if path.is_dir():
            files += sorted(path.glob("*.json"))
        elif path.exists():
            files.append(path)
        else:
            raise DossierError(str(path), None, "no such file or folder")
    if not files:
        raise DossierError(
            str(data),
            None,
            "no dossier (dossiers/*.txt) or API response (vks-api/*.json) to build from",
        )
    return files


def parse_source(path: Path, variants: Variants) -> Qualification:
    if path.suffix.lower() == ".json":
        return parse_api_file(path, variants)
    return parse_dossier(path, variants)


def parse_sources(
    data: Path, progress: Progress | None = None, extra: tuple[Path, ...] = ()
) -> list[Qualification]:
    """Parse every source first: a bad file stops the build before anything is written."""
    variants = load_variants(data / "knowledge-variants.csv")
    qualifications: list[Qualification] = []
    seen: dict[str, Path] = {}
    for path in source_files(data, extra):
        if progress:
            progress(path.name)
        q = parse_source(path, variants)
        if q.code in seen:
            raise DossierError(str(path), None, f"{q.code} is also built from {seen[q.code]}")
        seen[q.code] = path
        qualifications.append(q)
    return qualifications


def ontology_quads(ontology_dir: Path) -> Iterator[Quad]:
    graph = NamedNode(ONTOLOGY_IRI)
    for triple in parse(path=str(ontology_dir / "bkgraph.ttl"), format=RdfFormat.TURTLE):
        yield Quad(triple.subject, triple.predicate, triple.object, graph)


EscoContent = list[tuple[EscoSource, list[EscoConcept] | list]]


def read_esco(sources: list[EscoSource]) -> EscoContent:
    """Every ESCO file read whole before the store is touched (see parsing/esco.py)."""
    return [(source, read_source(source)) for source in sources]


def isco_groups(esco: EscoContent) -> dict[str, str]:
    """ESCO occupation URI → its ISCO-08 unit group code, from the loaded CSV exports."""
    return {
        c.uri: c.isco_group
        for _, content in esco
        for c in content
        if isinstance(c, EscoConcept) and c.isco_group
    }


def all_quads(
    qualifications: list[Qualification],
    uris: Uris,
    ontology_dir: Path,
    links: GridLinks,
    esco: EscoContent,
    crosswalks: list[Quad],
) -> Iterator[Quad]:
    built_at = datetime.now(UTC).replace(microsecond=0)
    yield from ontology_quads(ontology_dir)
    yield from esco_quads(uris, esco, built_at)
    yield from crosswalks
    yield from vocabulary_quads(qualifications, uris)
    for q in qualifications:
        yield from qualification_quads(q, uris, built_at, __version__, links)


def grid_links(data: Path, qualifications: list[Qualification]) -> GridLinks:
    path = data / "career-grid-links.csv"
    links = load_grid_links(path)
    grids = {q.code: {(c.row, c.column): c.title for c in q.career_grid} for q in qualifications}
    check_grid_links(path, links, grids)
    return links


def build(
    data: Path,
    store: Path,
    base: str,
    ontology_dir: Path,
    progress: Progress | None = None,
    extra: tuple[Path, ...] = (),
) -> BuildReport:
    qualifications = parse_sources(data, progress, extra)
    links = grid_links(data, qualifications)
    esco = read_esco(read_manifest(data / "esco"))
    uris = Uris(base)
    crosswalks, skipped = crosswalk_quads(
        read_mapping_sets(data / "mappings", base),
        known_subjects(qualifications, uris),
        isco_groups(esco),
        read_rome_labels(data / "mappings" / "rome.csv"),
        uris,
    )
    with layout.new_build(store) as target:
        db = Store(str(target))
        db.bulk_extend(all_quads(qualifications, uris, ontology_dir, links, esco, crosswalks))
        db.flush()
        quads = len(db)
        db.optimize()
        del db
    return BuildReport(store, target, qualifications, quads, skipped)
