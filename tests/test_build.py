"""`bkgraph build`: a real store on disk, stable IRIs, provenance, atomic replacement."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Store

from bkgraph.parsing import DossierError
from bkgraph.store import layout
from bkgraph.store.build import build
from bkgraph.store.reading import open_store

from .conftest import BASE, DATA, DOSSIER, ID, ONTOLOGY

BK = "https://w3id.org/bkgraph/def#"


def _copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    return data


def _stable_triples(db: Store) -> set[tuple[str, str, str]]:
    """The triples without blank nodes and build times: what must not change on a rebuild."""
    times = {"http://www.w3.org/ns/prov#generatedAtTime", "http://www.w3.org/ns/prov#startedAtTime"}
    return {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in db
        if not isinstance(q.subject, BlankNode)
        and not isinstance(q.object, BlankNode)
        and q.predicate.value not in times
    }


def test_named_graphs(db: Store) -> None:
    graphs = {g.value for g in db.named_graphs()}
    assert {
        "https://w3id.org/bkgraph/def",
        BASE + "graph/vocabulary",
        BASE + "graph/BK-0568-1",
    } <= graphs
    api = {BASE + "graph/" + p.stem for p in (DATA / "vks-api").glob("BK-*.json")}
    assert len(api) == 60 and api <= graphs
    # ESCO: one graph per version named in data/esco/manifest.csv; the curated crosswalks
    esco = {BASE + "graph/esco/" + v for v in ("v1.1", "v1.0", "v1")}
    assert esco | {BASE + "graph/crosswalks"} <= graphs
    assert len(graphs) == 63 + 4


def test_provenance(db: Store) -> None:
    graph = NamedNode(BASE + "graph/BK-0568-1")
    source = NamedNode(BASE + "source/BK-0568-1-office-manager.txt")
    sha = hashlib.sha256(DOSSIER.read_bytes()).hexdigest()
    assert list(db.quads_for_pattern(source, NamedNode(BK + "sha256"), None, graph))[
        0
    ].object == Literal(sha)
    derived = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    assert list(db.quads_for_pattern(graph, derived, source, graph))
    ask = f"""ASK {{ GRAPH <{graph.value}> {{ <{graph.value}> <http://www.w3.org/ns/prov#wasGeneratedBy>/
             <http://www.w3.org/ns/prov#wasAssociatedWith>/<{BK}toolVersion> ?v }} }}"""
    assert db.query(ask)


def test_versioned_and_lineage_iris(db: Store) -> None:
    version = NamedNode(ID)
    lineage = NamedNode(BASE + "id/qualification/BK-0568")
    is_version_of = NamedNode("http://purl.org/dc/terms/isVersionOf")
    assert list(db.quads_for_pattern(version, is_version_of, lineage, None))


def test_one_concept_per_knowledge_element(db: Store) -> None:
    """ "Kennis van kantoorsoftware" stands in the knowledge cell of all 12 blocks (lines 58, 68,
    79, 91, 104, 117, 126, 133, 146, 161, 167, 169): twelve requirements of one concept."""
    query = f"""
      SELECT (COUNT(DISTINCT ?k) AS ?concepts) (COUNT(?r) AS ?requirements) WHERE {{
        ?k <http://www.w3.org/2004/02/skos/core#prefLabel> "kantoorsoftware"@nl .
        GRAPH <{BASE}graph/BK-0568-1> {{ ?r <{BK}requiresKnowledge> ?k }}
      }}"""
    row = next(iter(db.query(query, use_default_graph_as_union=True)))
    assert (int(row["concepts"].value), int(row["requirements"].value)) == (1, 12)


@pytest.mark.slow  # two full builds
def test_rebuild_gives_the_same_iris(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    first = build(data, tmp_path / "a" / "store", BASE, ONTOLOGY)
    second = build(data, tmp_path / "b" / "store", BASE, ONTOLOGY)
    a, b = open_store(first.store), open_store(second.store)
    assert _stable_triples(a) == _stable_triples(b)
    assert len(a) == len(b)


def test_rebuild_in_place_swaps_the_link(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    store = tmp_path / "var" / "store"
    first = build(data, store, BASE, ONTOLOGY)
    second = build(data, store, BASE, ONTOLOGY)
    assert store.is_symlink() and store.resolve() == second.build
    assert first.build != second.build
    assert first.build.exists()  # the previous build stays for readers that have it open


def test_failed_build_leaves_the_previous_graph(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    store = tmp_path / "var" / "store"
    good = build(data, store, BASE, ONTOLOGY)
    before = len(open_store(store))
    lines = DOSSIER.read_text(encoding="utf-8").split("\n")
    (data / "dossiers" / "BK-0001-1-broken.txt").write_text(
        "\n".join(lines[:100]), encoding="utf-8"
    )
    with pytest.raises(DossierError, match="BK-0001-1-broken.txt: section 2.2 is missing"):
        build(data, store, BASE, ONTOLOGY)
    assert store.resolve() == good.build
    assert len(open_store(store)) == before
    assert sorted(layout.builds_dir(store).iterdir()) == [good.build]


def test_more_dossiers_add_named_graphs(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    text = DOSSIER.read_text(encoding="utf-8").replace("BK-0568-1", "BK-9999-1")
    (data / "dossiers" / "BK-9999-1-copy.txt").write_text(text, encoding="utf-8")
    report = build(data, tmp_path / "var" / "store", BASE, ONTOLOGY)
    db = open_store(report.store)
    graphs = {g.value for g in db.named_graphs()}
    assert {BASE + "graph/BK-0568-1", BASE + "graph/BK-9999-1"} <= graphs
    query = f"""SELECT ?code WHERE {{
        ?q <{BK}hasActivityBlock>/<{BK}hasKnowledgeRequirement>/<{BK}requiresKnowledge>
           <{BASE}id/knowledge/kantoorsoftware> ; <http://purl.org/dc/terms/identifier> ?code
        FILTER(STRSTARTS(?code, "BK-9999") || STRSTARTS(?code, "BK-0568")) }}"""
    codes = {row["code"].value for row in db.query(query, use_default_graph_as_union=True)}
    assert codes == {"BK-0568-1", "BK-9999-1"}


def test_duplicate_codes_are_an_error(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    shutil.copy(DOSSIER, data / "dossiers" / "again.txt")
    with pytest.raises(DossierError, match="BK-0568-1 is also built from"):
        build(data, tmp_path / "store", BASE, ONTOLOGY)


def test_configurable_base(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    report = build(data, tmp_path / "store", "https://example.org/kg/", ONTOLOGY)
    db = open_store(report.store)
    version = NamedNode("https://example.org/kg/id/qualification/BK-0568-1")
    assert list(db.quads_for_pattern(version, None, None, None))
    assert not list(db.quads_for_pattern(NamedNode(ID), None, None, None))
