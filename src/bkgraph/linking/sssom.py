"""The curated mapping tables in data/mappings/, in the SSSOM TSV format.

SSSOM (Simple Standard for Sharing Ontological Mappings) is the format mapping tools and
registries exchange: a YAML header (curie_map, mapping_set_id, license) in '#' lines, then one
row per link with its subject, SKOS predicate, object, justification, author, confidence and
comment. `sssom:NoTermFound` as object records an item that a person checked and found no
counterpart for. Ids are CURIEs written against the default base; a build with another base
rewrites them, so the table does not depend on where the graph is published.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import yaml

from bkgraph.config import DEFAULT_BASE
from bkgraph.parsing.errors import DossierError

SKOS = "http://www.w3.org/2004/02/skos/core#"
SEMAPV = "https://w3id.org/semapv/vocab/"
SSSOM = "https://w3id.org/sssom/"
NO_TERM_FOUND = SSSOM + "NoTermFound"
CURATED = SEMAPV + "ManualMappingCuration"
SUGGESTED = SEMAPV + "LexicalMatching"
MATCH_PREDICATES = frozenset(
    SKOS + p for p in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
)
COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "author_label",
    "mapping_date",
    "confidence",
    "comment",
)


@dataclass(frozen=True)
class Mapping:
    subject: str
    subject_label: str
    predicate: str
    object: str | None  # None: checked, no counterpart (sssom:NoTermFound)
    object_label: str
    justification: str
    author: str
    date: str | None
    confidence: float | None
    comment: str
    line: int

    @property
    def curated(self) -> bool:
        return self.justification == CURATED


@dataclass(frozen=True)
class MappingSet:
    path: Path
    id: str
    description: str
    license: str | None
    curie_map: dict[str, str]
    mappings: list[Mapping]

    @property
    def curated(self) -> list[Mapping]:
        return [m for m in self.mappings if m.curated]

    def curie(self, iri: str) -> str:
        """The table's spelling of an IRI (written against the default base)."""
        for prefix, expansion in self.curie_map.items():
            if iri.startswith(expansion):
                return f"{prefix}:{iri[len(expansion) :]}"
        return iri


def _header(path: Path, text: str) -> tuple[dict, int]:
    lines = text.splitlines()
    meta = [line[1:] for line in lines if line.startswith("#")]
    try:
        header = yaml.safe_load("\n".join(meta)) or {}
    except yaml.YAMLError as exc:
        raise DossierError(str(path), None, f"the '#' header is not YAML: {exc}") from exc
    if not isinstance(header, dict) or not isinstance(header.get("curie_map"), dict):
        raise DossierError(str(path), 1, "the '#' header has no curie_map")
    return header, len(meta)


def _expand(value: str, curie_map: dict[str, str], base: str, where: tuple[Path, int, str]) -> str:
    path, line, column = where
    prefix, sep, local = value.partition(":")
    if not sep or not local:
        raise DossierError(str(path), line, f"column {column!r}: {value!r} is not a CURIE")
    if prefix in ("http", "https"):
        iri = value
    elif prefix in curie_map:
        iri = curie_map[prefix] + local
    else:
        raise DossierError(
            str(path), line, f"column {column!r}: prefix {prefix!r} is not in the curie_map"
        )
    if iri.startswith(DEFAULT_BASE):
        iri = base + iri[len(DEFAULT_BASE) :]
    return iri


def read_sssom(path: Path, base: str = DEFAULT_BASE) -> MappingSet:
    text = path.read_text(encoding="utf-8")
    header, skip = _header(path, text)
    curie_map = {str(k): str(v) for k, v in header["curie_map"].items()}
    curie_map.setdefault("sssom", SSSOM)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    reader = csv.DictReader(io.StringIO(body), delimiter="\t")
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DossierError(str(path), skip + 1, f"missing columns: {', '.join(missing)}")
    mappings: list[Mapping] = []
    seen: dict[tuple[str, str, str | None], int] = {}
    for number, row in enumerate(reader, start=skip + 2):
        mappings.append(_row(path, number, row, curie_map, base))
        m = mappings[-1]
        key = (m.subject, m.predicate, m.object)
        if key in seen:
            raise DossierError(str(path), number, f"the same link is on line {seen[key]}")
        seen[key] = number
    return MappingSet(
        path,
        str(header.get("mapping_set_id", path.resolve().as_uri())),
        str(header.get("mapping_set_description", "")),
        str(header["license"]) if header.get("license") else None,
        curie_map,
        mappings,
    )


def _row(path: Path, line: int, row: dict, curie_map: dict[str, str], base: str) -> Mapping:
    def expand(column: str) -> str:
        return _expand(row[column].strip(), curie_map, base, (path, line, column))

    subject, predicate, obj = expand("subject_id"), expand("predicate_id"), expand("object_id")
    justification = expand("mapping_justification")
    if predicate not in MATCH_PREDICATES:
        raise DossierError(
            str(path), line, f"column 'predicate_id': {row['predicate_id']!r} is not a SKOS match"
        )
    if justification not in (CURATED, SUGGESTED):
        raise DossierError(
            str(path),
            line,
            "column 'mapping_justification': expected semapv:ManualMappingCuration "
            "or semapv:LexicalMatching",
        )
    confidence = None
    if row["confidence"].strip():
        try:
            confidence = float(row["confidence"])
        except ValueError:
            confidence = -1.0
        if not 0.0 <= confidence <= 1.0:
            raise DossierError(
                str(path), line, f"column 'confidence': {row['confidence']!r} is not in [0, 1]"
            )
    return Mapping(
        subject=subject,
        subject_label=row["subject_label"].strip(),
        predicate=predicate,
        object=None if obj == NO_TERM_FOUND else obj,
        object_label=row["object_label"].strip(),
        justification=justification,
        author=row["author_label"].strip(),
        date=row["mapping_date"].strip() or None,
        confidence=confidence,
        comment=row["comment"].strip(),
        line=line,
    )


def read_mapping_sets(folder: Path, base: str = DEFAULT_BASE) -> list[MappingSet]:
    return [read_sssom(path, base) for path in sorted(folder.glob("*.sssom.tsv"))]
