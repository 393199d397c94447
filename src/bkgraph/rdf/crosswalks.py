"""Curated mapping tables → SKOS links, each with a mapping record that carries its provenance.

A link is two things in the graph: the SKOS triple a query follows (`bk:…/BK-0568-1
skos:closeMatch esco:…`) and a `bk:Mapping` record that says who made it, on what ground
(SEMAPV justification), how sure (confidence), why (comment), and from which line of which
table (PROV). An item checked without result gets a record and no triple, so "checked and
unmatched" differs from "never looked at". The ISCO-08 unit group of a qualification follows
from its ESCO occupation and is written out (`bk:iscoGroup`) because registries join on it.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from bkgraph.linking.sssom import MappingSet
from bkgraph.model import Qualification
from bkgraph.parsing.errors import DossierError
from bkgraph.rdf.esco import isco_group
from bkgraph.rdf.namespaces import BK, DCT, PROV, RDF, RDFS, SKOS, XSD
from bkgraph.rdf.terms import Triple, positive
from bkgraph.rdf.uris import Uris

SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
UNREVIEWED = "a suggestion nobody has reviewed"
NOT_BUILT = "is not in this build"
VERSION = re.compile(r"^id/qualification/BK-\d{4}-\d+$")
ISCO_FOLLOWS = {SKOS_NS + p for p in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch")}


@dataclass(frozen=True)
class RomeLabel:
    code: str
    label: str
    language: str


def read_rome_labels(path: Path) -> list[RomeLabel]:
    """data/mappings/rome.csv: the labels of ROME v3 codes that Competent fiches refine."""
    if not path.exists():
        return []
    labels = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code, label, language = row.get("code"), row.get("label"), row.get("language")
            if not code or len(code) != 5 or not label or not language:
                raise DossierError(str(path), line, "expected code (5 characters),label,language")
            labels.append(RomeLabel(code, label, language))
    return labels


def known_subjects(qualifications: list[Qualification], uris: Uris) -> set[str]:
    """The IRIs a mapping table may link from, in this build."""
    known: set[str] = set()
    for q in qualifications:
        known.add(uris.version(q.code).value)
        for block in q.blocks:
            for activity in block.activities:
                path = uris.activity_path(block.number, activity.number)
                known.add(uris.part(q.code, path).value)
            known.update(uris.knowledge(r.concept).value for r in block.knowledge)
        known.update(uris.profession(cell.title).value for cell in q.career_grid)
        known.update(uris.framework(f.code).value for f in q.frameworks)
    return known


def crosswalk_quads(
    sets: list[MappingSet],
    known: set[str],
    isco_of: dict[str, str],
    rome: list[RomeLabel],
    uris: Uris,
) -> tuple[list[Quad], list[str]]:
    """The quads of every curated row whose subject is in this build, and a note for each
    row that was left out (a suggestion nobody reviewed, or an item this build lacks)."""
    graph = uris.crosswalk_graph()
    versions = {s for s in known if VERSION.match(s[len(uris.base) :])}
    triples: list[Triple] = []
    skipped: list[str] = []
    for mapping_set in sets:
        triples.extend(_set_description(mapping_set, uris))
        for m in mapping_set.mappings:
            where = f"{mapping_set.path.name}:{m.line}"
            if not m.curated:
                skipped.append(f"{where}: {UNREVIEWED}")
                continue
            if m.subject not in known:
                skipped.append(f"{where}: {m.subject} {NOT_BUILT}")
                continue
            subject = NamedNode(m.subject)
            if m.object is not None:
                triples.append((subject, NamedNode(m.predicate), NamedNode(m.object)))
                if m.predicate in ISCO_FOLLOWS and m.object in isco_of and m.subject in versions:
                    triples.append((subject, BK.iscoGroup, isco_group(isco_of[m.object])))
            triples.extend(_record(mapping_set, m, where, uris))
    for r in rome:
        node = uris.rome(r.code)
        triples.append((node, SKOS.prefLabel, Literal(r.label, language=r.language)))
    return [Quad(s, p, o, graph) for s, p, o in triples], skipped


def _set_description(mapping_set: MappingSet, uris: Uris) -> Iterator[Triple]:
    node = NamedNode(mapping_set.id)
    source = uris.source(f"mappings/{mapping_set.path.name}")
    yield node, RDF.type, BK.MappingSet
    yield node, RDF.type, PROV.Entity
    yield node, RDFS.label, Literal(mapping_set.path.name)
    if mapping_set.description:
        yield node, DCT.description, Literal(mapping_set.description, language="en")
    if mapping_set.license:
        yield node, DCT.license, NamedNode(mapping_set.license)
    yield node, PROV.wasDerivedFrom, source
    yield source, RDF.type, BK.SourceFile
    yield source, DCT.title, Literal(mapping_set.path.name)
    yield source, BK.sha256, Literal(hashlib.sha256(mapping_set.path.read_bytes()).hexdigest())


def _record(mapping_set: MappingSet, m, where: str, uris: Uris) -> Iterator[Triple]:
    key = f"{m.subject} {m.predicate} {m.object}".encode()
    node = uris.mapping(hashlib.sha256(key).hexdigest()[:16])
    author = uris.agent(m.author)
    yield node, RDF.type, BK.Mapping
    yield node, BK.inMappingSet, NamedNode(mapping_set.id)
    yield node, BK.mappingSubject, NamedNode(m.subject)
    yield node, BK.matchType, NamedNode(m.predicate)
    if m.object is None:
        yield node, BK.noMatchFound, Literal("true", datatype=XSD.boolean)
    else:
        yield node, BK.mappingObject, NamedNode(m.object)
    yield node, BK.justification, NamedNode(m.justification)
    yield node, PROV.wasAttributedTo, author
    yield author, RDF.type, PROV.Agent
    yield author, RDFS.label, Literal(m.author)
    if m.confidence is not None:
        yield node, BK.confidence, Literal(f"{m.confidence:.2f}", datatype=XSD.decimal)
    if m.comment:
        yield node, RDFS.comment, Literal(m.comment, language="en")
    if m.date:
        yield node, DCT.date, Literal(m.date, datatype=XSD.date)
    yield node, PROV.wasDerivedFrom, uris.source(f"mappings/{mapping_set.path.name}")
    yield node, BK.sourceLine, positive(m.line)
    yield node, RDFS.label, Literal(f"{where}: {m.subject_label} → {m.object_label or 'no match'}")
