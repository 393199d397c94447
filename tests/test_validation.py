"""`bkgraph validate`: the built graph passes; graphs with planted violations fail, naming why."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, parse

from bkgraph.store import layout
from bkgraph.validation.graph import as_rdflib, union_ntriples
from bkgraph.validation.owl import check_consistency
from bkgraph.validation.shacl import validate_shacl

from .conftest import BASE, ID, ONTOLOGY

BK = "https://w3id.org/bkgraph/def#"
SHAPES = ONTOLOGY / "shapes.ttl"
ACTIVITY = NamedNode(ID + "/block/1/activity/1")  # "Informeert zich ...", cognitive (line 58)
GRAPH = NamedNode(BASE + "graph/BK-0568-1")


def planted(db: Store, *quads: Quad, drop: tuple[NamedNode, NamedNode] | None = None) -> bytes:
    """The union graph as N-Triples with `quads` added and (subject, predicate) removed."""
    graph = Store()
    graph.bulk_extend(
        Quad(t.subject, t.predicate, t.object)
        for t in parse(union_ntriples(db), RdfFormat.N_TRIPLES)
    )
    if drop:
        for q in list(graph.quads_for_pattern(drop[0], drop[1], None, None)):
            graph.remove(q)
    graph.extend(quads)
    return graph.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())


def test_shacl_catches_a_mapping_record_without_its_link(office_db: Store) -> None:
    db = office_db
    record = next(
        q.subject for q in db.quads_for_pattern(None, NamedNode(BK + "mappingObject"), None, None)
    )
    subject = next(
        db.quads_for_pattern(record, NamedNode(BK + "mappingSubject"), None, None)
    ).object
    link = next(
        q
        for q in db.quads_for_pattern(subject, None, None, None)
        if q.predicate.value.startswith("http://www.w3.org/2004/02/skos/core#")
        and q.predicate.value.endswith("Match")
    )
    data = planted(
        db,
        Quad(
            record,
            NamedNode(BK + "confidence"),
            Literal("1.5", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ),
        drop=(link.subject, link.predicate),
    )
    report = validate_shacl(as_rdflib(data), SHAPES)
    messages = {(v.focus, v.path) for v in report.violations}
    assert (record.value, BK + "confidence") in messages
    assert any("SKOS link is missing" in v.message for v in report.violations)


@pytest.mark.slow
def test_shacl_conforms_on_the_whole_corpus(db: Store) -> None:
    report = validate_shacl(as_rdflib(union_ntriples(db)), SHAPES)
    assert report.conforms, [str(r) for r in report.violations]
    assert report.violations == []
    # the only warnings: the 18 API skills without a vaardigheid_type (4,993 skills, 4,975 typed)
    # and the 17 Competent fiches that API notes name by code only (BK-0002-3's N110301, ...)
    assert len(report.results) == 18 + 17
    assert Counter(r.path for r in report.results) == {
        BK + "skillType": 18,
        "http://purl.org/dc/terms/title": 17,
    }


def test_shacl_names_a_second_skill_type(office_db: Store) -> None:
    motor = NamedNode(BASE + "id/skill-type/motor")
    data = planted(office_db, Quad(ACTIVITY, NamedNode(BK + "skillType"), motor))
    report = validate_shacl(as_rdflib(data), SHAPES)
    assert not report.conforms
    (violation,) = report.violations
    assert violation.focus == ACTIVITY.value
    assert violation.path == BK + "skillType"
    assert "at most one skill type" in violation.message


def test_shacl_names_a_missing_label_and_a_bad_level(office_db: Store) -> None:
    vks = Quad(
        NamedNode(ID),
        NamedNode(BK + "vksLevel"),
        Literal("12", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    )
    data = planted(
        office_db, vks, drop=(ACTIVITY, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"))
    )
    report = validate_shacl(as_rdflib(data), SHAPES)
    causes = {(v.focus, v.path) for v in report.violations}
    assert causes == {
        (ACTIVITY.value, "http://www.w3.org/2000/01/rdf-schema#label"),
        (ID, BK + "vksLevel"),
    }


def test_shacl_conforms_on_the_dossier(office_db: Store) -> None:
    report = validate_shacl(as_rdflib(union_ntriples(office_db)), SHAPES)
    assert report.conforms and report.results == []


def test_missing_skill_type_is_only_a_warning(office_db: Store) -> None:
    data = planted(office_db, drop=(ACTIVITY, NamedNode(BK + "skillType")))
    report = validate_shacl(as_rdflib(data), SHAPES)
    assert report.conforms
    mine = [(r.severity, r.focus) for r in report.results if r.focus == ACTIVITY.value]
    assert mine == [("Warning", ACTIVITY.value)]


@pytest.mark.slow
def test_owl_consistent(db: Store) -> None:
    report = check_consistency(union_ntriples(db))
    assert report.consistent, report.message


@pytest.mark.slow
def test_owl_two_skill_types_are_inconsistent(office_db: Store) -> None:
    # bk:skillType is functional and the skill types are owl:differentFrom each other
    motor = NamedNode(BASE + "id/skill-type/motor")
    report = check_consistency(
        planted(office_db, Quad(ACTIVITY, NamedNode(BK + "skillType"), motor))
    )
    assert not report.consistent
    assert "inconsistent" in report.message


@pytest.mark.slow
def test_owl_disjoint_classes_are_inconsistent(office_db: Store) -> None:
    rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    report = check_consistency(
        planted(office_db, Quad(ACTIVITY, rdf_type, NamedNode(BK + "Finding")))
    )
    assert not report.consistent


def _store_with(tmp_path: Path, ntriples: bytes) -> Path:
    """A store laid out as `bkgraph build` lays it out, holding the given triples."""
    store = tmp_path / "var" / "store"
    target = layout.new_build_dir(store)
    db = Store(str(target))
    db.bulk_extend(
        Quad(t.subject, t.predicate, t.object, GRAPH) for t in parse(ntriples, RdfFormat.N_TRIPLES)
    )
    db.flush()
    del db
    layout.publish(store, target)
    return store


def _validate(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bkgraph", "validate", "--store", str(store), *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_cli_validate_fails_on_a_shacl_violation(office_db: Store, tmp_path: Path) -> None:
    motor = NamedNode(BASE + "id/skill-type/motor")
    store = _store_with(
        tmp_path, planted(office_db, Quad(ACTIVITY, NamedNode(BK + "skillType"), motor))
    )
    result = _validate(store, "--skip-owl")
    assert result.returncode == 1
    assert f"[Violation] {ACTIVITY.value} {BK}skillType" in result.stdout
    assert "SHACL: does not conform (1 violation(s)" in result.stdout


@pytest.mark.slow
def test_cli_validate_passes_and_fails_on_owl(
    office_db: Store, built_store: Path, tmp_path: Path
) -> None:
    ok = _validate(built_store)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "OWL: consistent" in ok.stdout
    rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    store = _store_with(
        tmp_path, planted(office_db, Quad(ACTIVITY, rdf_type, NamedNode(BK + "Finding")))
    )
    bad = _validate(store)
    assert bad.returncode == 1
    assert "OWL: the ontology and data are inconsistent" in bad.stdout
