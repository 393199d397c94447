"""ESCO downloads → typed concepts: the official CSV exports and the SKOS-RDF dump.

ESCO is published by the European Commission with its own URIs and model; the graph keeps both
(never re-minted), so a query can join on the URIs every other ESCO user has. A malformed file
raises a DossierError naming the file, the row (its first line) and the column, before anything
is written.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import RdfFormat, Triple, parse

from bkgraph.parsing.errors import DossierError

ESCO_PREFIX = "http://data.europa.eu/esco/"

# conceptType as the CSV exports spell it; where a file has no such column (the skills file
# reconstructed from derived datasets), the kind follows from the URI's path.
KIND_BY_PATH = {
    "occupation": "Occupation",
    "skill": "KnowledgeSkillCompetence",
    "isco": "ISCOGroup",
    "isced-f": "SkillGroup",
}
KINDS = frozenset(KIND_BY_PATH.values())

_ISCO_CODE = re.compile(r"^\d{1,4}$")
_OCCUPATION_CODE = re.compile(r"^\d{4}(\.\d+)+$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]*$")


@dataclass(frozen=True)
class EscoConcept:
    """One row of an ESCO CSV export, in one language."""

    uri: str
    kind: str
    language: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    description: str | None = None
    isco_group: str | None = None  # the ISCO-08 unit group of an occupation, e.g. "3341"
    code: str | None = None  # an ISCO code ("334") or an ESCO occupation code ("3341.1")
    schemes: tuple[str, ...] = ()
    modified: str | None = None
    line: int = 0


@dataclass(frozen=True)
class EscoSource:
    """A file of one ESCO version, as the manifest or the command line names it."""

    path: Path
    version: str
    language: str | None = None  # CSV only: the language of its labels


def check_version(version: str, where: str) -> str:
    if not _VERSION.match(version):
        raise DossierError(where, None, f"{version!r} is not an ESCO version such as v1.1")
    return version


def language_of(path: Path, given: str | None) -> str:
    """The labels' language: given, or the suffix of the official file names (``_nl.csv``)."""
    if given:
        language = given
    else:
        match = re.search(r"_([a-z]{2,3})\.csv$", path.name)
        if not match:
            raise DossierError(
                str(path), None, "cannot tell the labels' language: name it (--language nl)"
            )
        language = match.group(1)
    if not _LANGUAGE.match(language):
        raise DossierError(str(path), None, f"{language!r} is not a language tag")
    return language


def _split(cell: str | None) -> tuple[str, ...]:
    """The exports put several labels in one cell, one per line."""
    return tuple(part.strip() for part in (cell or "").splitlines() if part.strip())


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(first line of the row, row) pairs; rows span lines when a cell holds several labels."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None)
            if not header:
                raise DossierError(str(path), 1, "empty file: expected a header row")
            if "conceptUri" not in header or "preferredLabel" not in header:
                raise DossierError(
                    str(path),
                    1,
                    "the header has no column 'conceptUri' and 'preferredLabel': "
                    "not an ESCO CSV export",
                )
            start = reader.line_num + 1
            for cells in reader:
                if len(cells) != len(header):
                    raise DossierError(
                        str(path),
                        start,
                        f"{len(cells)} cells where the header has {len(header)} columns",
                    )
                yield start, dict(zip(header, cells, strict=True))
                start = reader.line_num + 1
    except UnicodeDecodeError as exc:
        raise DossierError(str(path), None, f"not UTF-8 text ({exc.reason})") from exc
    except csv.Error as exc:
        raise DossierError(str(path), None, f"malformed CSV: {exc}") from exc


def _kind(uri: str, given: str | None, path: Path, line: int) -> str:
    if given:
        if given not in KINDS:
            raise DossierError(
                str(path), line, f"column 'conceptType': unknown ESCO concept type {given!r}"
            )
        return given
    kind = KIND_BY_PATH.get(uri[len(ESCO_PREFIX) :].split("/", 1)[0])
    if kind is None:
        raise DossierError(
            str(path), line, f"column 'conceptUri': cannot tell the concept type of {uri}"
        )
    return kind


def read_csv(path: Path, language: str) -> list[EscoConcept]:
    concepts: list[EscoConcept] = []
    seen: dict[str, int] = {}
    for line, row in _rows(path):
        uri = row["conceptUri"].strip()
        if not uri.startswith(ESCO_PREFIX) or any(c in uri for c in ' <>"{}|\\^`'):
            raise DossierError(
                str(path), line, f"column 'conceptUri': {uri!r} is not an ESCO URI ({ESCO_PREFIX}…)"
            )
        if uri in seen:
            raise DossierError(
                str(path), line, f"column 'conceptUri': {uri} is also on line {seen[uri]}"
            )
        seen[uri] = line
        label = row["preferredLabel"].strip()
        if not label:
            raise DossierError(str(path), line, "column 'preferredLabel' is empty")
        kind = _kind(uri, row.get("conceptType", "").strip() or None, path, line)
        isco = (row.get("iscoGroup") or "").strip() or None
        if isco is not None and not _ISCO_CODE.match(isco):
            raise DossierError(
                str(path), line, f"column 'iscoGroup': {isco!r} is not an ISCO-08 code"
            )
        code = (row.get("code") or "").strip() or None
        pattern = _ISCO_CODE if kind == "ISCOGroup" else _OCCUPATION_CODE
        if code is not None and kind in ("ISCOGroup", "Occupation") and not pattern.match(code):
            raise DossierError(str(path), line, f"column 'code': {code!r} is not a {kind} code")
        concepts.append(
            EscoConcept(
                uri=uri,
                kind=kind,
                language=language,
                pref_label=label,
                alt_labels=_split(row.get("altLabels")),
                hidden_labels=_split(row.get("hiddenLabels")),
                description=(row.get("description") or "").strip() or None,
                isco_group=isco,
                code=code,
                schemes=tuple(s.strip(",") for s in _split(row.get("inScheme"))),
                modified=(row.get("modifiedDate") or "").strip() or None,
                line=line,
            )
        )
    if not concepts:
        raise DossierError(str(path), None, "no concepts: the file has a header and no rows")
    return concepts


RDF_FORMATS = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".rdf": RdfFormat.RDF_XML,
    ".xml": RdfFormat.RDF_XML,
    ".owl": RdfFormat.RDF_XML,
}


def read_rdf(path: Path) -> list[Triple]:
    """The ESCO SKOS-RDF dump (Turtle, N-Triples or RDF/XML): already in ESCO's model, so it is
    only parsed (whole, so that a syntax error stops the import before anything is written)."""
    rdf_format = RDF_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        raise DossierError(
            str(path), None, f"unknown format: expected .csv or one of {', '.join(RDF_FORMATS)}"
        )
    try:
        return list(parse(path=str(path), format=rdf_format, base_iri=path.resolve().as_uri()))
    except SyntaxError as exc:  # pyoxigraph's message names the line and the columns
        raise DossierError(str(path), exc.lineno, exc.msg) from exc
    except (OSError, ValueError) as exc:
        raise DossierError(str(path), None, str(exc)) from exc


def read_manifest(folder: Path) -> list[EscoSource]:
    """data/esco/manifest.csv: which file holds which ESCO version, in which language."""
    path = folder / "manifest.csv"
    if not path.exists():
        return []
    sources = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                file, version, language = row["file"], row["version"], row["language"] or None
            except KeyError as exc:
                raise DossierError(
                    str(path), line, f"expected file,version,language: {exc}"
                ) from exc
            where = f"{path}:{line}"
            if not (folder / file).exists():
                raise DossierError(str(path), line, f"no such file: {folder / file}")
            sources.append(EscoSource(folder / file, check_version(version, where), language))
    return sources


def read_source(source: EscoSource) -> list[EscoConcept] | list[Triple]:
    if source.path.suffix.lower() == ".csv":
        return read_csv(source.path, language_of(source.path, source.language))
    return read_rdf(source.path)
