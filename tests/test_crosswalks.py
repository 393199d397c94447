"""ESCO and ISCO in the graph, the curated crosswalks, `bkgraph esco import` and `bkgraph link`.

Facts about ESCO are read from the copies in data/esco/ (and ../shared/esco/README.md); facts
about the dossier from its text, with the line.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Store

from bkgraph.linking.sssom import read_sssom
from bkgraph.linking.suggest import Glossary
from bkgraph.parsing.errors import DossierError
from bkgraph.store.reading import open_store

from .conftest import BASE, DATA, ID, run_query
from .test_cli import bkgraph

OFFICE_MANAGER = "http://data.europa.eu/esco/occupation/6e6839b6-099c-4802-906e-7f2c8203ee69"
MANAGEMENT_ASSISTANT = "http://data.europa.eu/esco/occupation/8cce40c1-4479-47e7-b5fc-c976631d919f"
SKOS = "http://www.w3.org/2004/02/skos/core#"
FIXTURES = Path(__file__).parent / "fixtures" / "esco"


def ask(db: Store, query: str) -> bool:
    return bool(db.query(query, use_default_graph_as_union=True))


def test_esco_occupations_in_both_languages_with_isco(db: Store) -> None:
    labels = {
        (r["l"].value, r["l"].language)
        for r in db.query(
            f"SELECT ?l WHERE {{ <{OFFICE_MANAGER}> <{SKOS}prefLabel> ?l }}",
            use_default_graph_as_union=True,
        )
    }
    assert labels == {("office manager", "en"), ("office manager", "nl")}
    # ISCO 3341 "Office supervisors" (ISCOGroups_en.csv), its hierarchy spelled by the codes
    assert ask(
        db,
        f"""ASK {{ <{OFFICE_MANAGER}> <http://data.europa.eu/esco/model#memberOfISCOGroup>
                 ?g . ?g <{SKOS}notation> "3341" ; <{SKOS}prefLabel> "Office supervisors"@en ;
                 <{SKOS}broader>/<{SKOS}broader>/<{SKOS}broader> ?top .
                 ?top <{SKOS}notation> "3" ; <{SKOS}topConceptOf> ?scheme }}""",
    )


def test_each_esco_version_is_a_graph_with_attribution(db: Store) -> None:
    for version in ("v1.1", "v1.0", "v1"):
        graph = NamedNode(BASE + "graph/esco/" + version)
        rights = list(
            db.quads_for_pattern(graph, NamedNode("http://purl.org/dc/terms/rights"), None, graph)
        )
        assert rights and "© European Union" in rights[0].object.value
    # the Dutch labels come from v1.1, the English ones from v1.0 (data/esco/manifest.csv)
    nl = NamedNode(BASE + "graph/esco/v1.1")
    assert any(
        q.object.language == "nl"
        for q in db.quads_for_pattern(
            NamedNode(OFFICE_MANAGER), NamedNode(SKOS + "prefLabel"), None, nl
        )
    )


def test_qualification_crosswalks(db: Store) -> None:
    rows = run_query(db, "s-esco-occupation-of-qualification.rq")
    assert [(r["occupation"], r["match"], r["iscoCode"]) for r in rows] == [
        (OFFICE_MANAGER, SKOS + "closeMatch", "3341")
    ]
    # OP-82 (line 40) ↔ management assistant, ISCO 3343; M160401 (line 39) refines ROME M1604
    assert ask(
        db, f"ASK {{ <{BASE}id/framework/OP-82> <{SKOS}closeMatch> <{MANAGEMENT_ASSISTANT}> }}"
    )
    assert ask(
        db,
        f"""ASK {{ <{BASE}id/framework/M160401> <{SKOS}broadMatch> ?rome .
                 ?rome <{SKOS}notation> "M1604" ; <{SKOS}prefLabel> "Assistanat de direction"@fr }}""",
    )
    # section 1.5 (line 44): the dossier took over activities of both frameworks
    assert ask(
        db,
        f"ASK {{ <{ID}> <https://w3id.org/bkgraph/def#basedOnFramework> <{BASE}id/framework/OP-82> }}",
    )


def test_every_qualification_has_an_esco_row(db: Store) -> None:
    table = read_sssom(DATA / "mappings" / "occupations.sssom.tsv")
    codes = {m.subject.rsplit("/", 1)[1] for m in table.curated if "/qualification/" in m.subject}
    assert len(codes) == 61
    linked = {r["code"] for r in run_query(db, "t-qualifications-for-esco-occupation.rq")}
    # receptionist: Administratief medewerker onthaal and Onthaalmedewerker (not Receptionist,
    # whose synonyms and Competent fiche G170301 are hotel reception)
    assert linked == {"BK-0205-3", "BK-0390-2"}


def test_competent_fiche_read_from_an_api_note(db: Store) -> None:
    # BK-0002-3.json titel_toelichting: "... in de Competent-fiche (N110301) ..."
    assert ask(
        db,
        f"""ASK {{ <{BASE}id/qualification/BK-0002-3> <https://w3id.org/bkgraph/def#referenceFramework>
                 <{BASE}id/framework/N110301> .
                 <{BASE}id/framework/N110301> <{SKOS}broadMatch>/<{SKOS}notation> "N1103" }}""",
    )


def test_skills_behind_knowledge_by_level(db: Store) -> None:
    rows = run_query(db, "u-esco-skills-by-level.rq")
    found = {(r["levelLabel"], r["knowledgeLabel"], r["skillLabel"]) for r in rows}
    assert ("kennis", "kantoorsoftware", "office software") in found
    assert ("basiskennis", "arbeidsrecht", "employment law") in found
    assert ("grondige kennis", "bedrijfsadministratie", "office administration") in found


def test_related_professions_reach_esco(db: Store) -> None:
    rows = run_query(db, "v-related-professions-esco.rq")
    by_title = {(r["title"], r["via"]): r["occupationLabel"] for r in rows}
    assert by_title[("HR deskundige", "profession")] == "human resources officer"
    assert by_title[("Onthaalmedewerker", "qualification")] == "receptionist"  # BK-0390-2
    assert not any(t == "Logistiek assistent" for t, _ in by_title)  # checked, ambiguous


def test_career_neighbours_share_the_isco_unit_group(db: Store) -> None:
    rows = run_query(db, "w-career-neighbours-isco.rq")
    assert {r["iscoCode"] for r in rows} == {"3341"}
    assert "call centre supervisor" in {r["neighbourLabel"] for r in rows}
    assert OFFICE_MANAGER not in {r["neighbour"] for r in rows}


def test_mapping_coverage_of_the_office_manager(db: Store) -> None:
    rows = {
        (r["kind"], r["status"]): int(r["items"]) for r in run_query(db, "x-mapping-coverage.rq")
    }
    # every one of the 77 activities and 36 knowledge elements was curated
    assert rows[("activity", "linked")] + rows[("activity", "checked, no match")] == 77
    assert (
        rows[("knowledge element", "linked")] + rows[("knowledge element", "checked, no match")]
        == 36
    )
    assert not any(status == "not curated" for _, status in rows)


def test_link_records_carry_provenance(db: Store) -> None:
    assert ask(
        db,
        f"""PREFIX bk: <https://w3id.org/bkgraph/def#>
        ASK {{ ?m bk:mappingSubject <{BASE}id/knowledge/kantoorsoftware> ;
                  bk:matchType <{SKOS}closeMatch> ; bk:confidence ?c ;
                  bk:justification <https://w3id.org/semapv/vocab/ManualMappingCuration> ;
                  <http://www.w3.org/ns/prov#wasAttributedTo> ?who ;
                  bk:sourceLine ?line . FILTER(?c > 0.5) }}""",
    )


# --- bkgraph esco import ---------------------------------------------------------------------


@pytest.fixture()
def small_store(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("vks-api", "esco"))
    store = tmp_path / "store"
    assert bkgraph("build", "--quiet", "--data", str(data), "--store", str(store)).returncode == 0
    return store


def test_esco_import_csv_and_rdf(small_store: Path) -> None:
    result = bkgraph(
        "esco", "import", "--store", str(small_store), "--version", "v1.2.0",
        str(FIXTURES / "occupations_fr.csv"), str(FIXTURES / "skos-dump.ttl"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    db = open_store(small_store)
    graph = NamedNode(BASE + "graph/esco/v1.2.0")
    labels = {
        (q.object.value, q.object.language)
        for q in db.quads_for_pattern(
            NamedNode(OFFICE_MANAGER), NamedNode(SKOS + "prefLabel"), None, graph
        )
    }
    assert labels == {("responsable de bureau", "fr"), ("office manager", "en")}
    alt = list(
        db.quads_for_pattern(NamedNode(OFFICE_MANAGER), NamedNode(SKOS + "altLabel"), None, graph)
    )
    assert {q.object.value for q in alt} == {"chef de bureau", "gestionnaire de bureau"}
    # the code 3341.7 puts the occupation under ISCO 3341
    assert ask(
        db,
        f"ASK {{ GRAPH <{graph.value}> {{ <{OFFICE_MANAGER}> <{SKOS}broader> <http://data.europa.eu/esco/isco/C3341> }} }}",
    )
    # the dossier's graph is still there
    assert ask(db, f"ASK {{ <{ID}> ?p ?o }}")


def test_esco_import_replaces_its_version_only(small_store: Path) -> None:
    args = ("esco", "import", "--store", str(small_store), "--version", "v9")
    assert bkgraph(*args, str(FIXTURES / "occupations_fr.csv")).returncode == 0
    assert bkgraph(*args, str(FIXTURES / "skos-dump.ttl")).returncode == 0
    db = open_store(small_store)
    graph = NamedNode(BASE + "graph/esco/v9")
    # the second import replaced the first: management assistant was only in the CSV
    assert not list(db.quads_for_pattern(NamedNode(MANAGEMENT_ASSISTANT), None, None, graph))
    assert list(db.quads_for_pattern(NamedNode(OFFICE_MANAGER), None, None, graph))


def test_esco_import_rejects_a_bad_row_and_changes_nothing(small_store: Path) -> None:
    before = small_store.resolve()
    result = bkgraph(
        "esco", "import", "--store", str(small_store), "--version", "v1",
        str(FIXTURES / "broken_occupations_en.csv"),
    )  # fmt: skip
    assert result.returncode == 3
    # the second record starts on line 4 (the first spans lines 2-3)
    assert (
        f"{FIXTURES / 'broken_occupations_en.csv'}:4: column 'iscoGroup': '33X3'" in result.stderr
    )
    assert "the graph is unchanged" in result.stderr
    assert small_store.resolve() == before


def test_esco_import_rejects_broken_turtle_with_its_position(small_store: Path) -> None:
    result = bkgraph(
        "esco", "import", "--store", str(small_store), "--version", "v1",
        str(FIXTURES / "broken-dump.ttl"),
    )  # fmt: skip
    assert result.returncode == 3
    assert "broken-dump.ttl:4:" in result.stderr and "column" in result.stderr


def test_esco_import_needs_a_language_for_an_unnamed_csv(small_store: Path, tmp_path: Path) -> None:
    csv = tmp_path / "export.csv"
    shutil.copy(FIXTURES / "occupations_fr.csv", csv)
    result = bkgraph("esco", "import", "--store", str(small_store), "--version", "v1", str(csv))
    assert result.returncode == 3 and "--language" in result.stderr
    ok = bkgraph(
        "esco",
        "import",
        "--store",
        str(small_store),
        "--version",
        "v1",
        "--language",
        "fr",
        str(csv),
    )
    assert ok.returncode == 0, ok.stderr


# --- the tables and the suggester --------------------------------------------------------------


def test_sssom_errors_name_line_and_column(tmp_path: Path) -> None:
    table = tmp_path / "bad.sssom.tsv"
    text = (DATA / "mappings" / "occupations.sssom.tsv").read_text(encoding="utf-8")
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("bkq:BK-0002-3"))
    lines[row] = lines[row].replace("skos:closeMatch", "skos:sameAs")
    table.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DossierError) as error:
        read_sssom(table)
    assert error.value.line == row + 1 and "predicate_id" in error.value.message


def test_glossary_splits_dutch_compounds() -> None:
    glossary = Glossary.load(DATA / "glossary-nl-en.csv")
    assert glossary.translate("kantoorsoftware") == ["office", "software"]
    assert "report" in glossary.translate("rapporteringstechnieken")
    assert "techniques" in glossary.translate("rapporteringstechnieken")


@pytest.mark.slow  # indexes all ESCO skills and occupations twice
def test_link_report_measures_the_suggester() -> None:
    result = bkgraph("link", "report", "--data", str(DATA))
    assert result.returncode == 0, result.stderr
    assert "skills.sssom.tsv: 150 curated row(s)" in result.stdout
    assert "among the first five" in result.stdout


def test_link_suggest_writes_unreviewed_rows_the_build_leaves_out(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("vks-api"))
    dossier = data / "dossiers" / "BK-0568-1-office-manager.txt"
    dossier.write_text(
        dossier.read_text(encoding="utf-8").replace(
            "Kennis van auteursrechten", "Kennis van boekhouding"
        ),
        encoding="utf-8",
    )
    result = bkgraph("link", "suggest", "--data", str(data), "--limit", "2", "--write")
    assert result.returncode == 0, result.stderr
    assert "boekhouding" in result.stdout
    table = read_sssom(data / "mappings" / "skills.sssom.tsv")
    suggested = [m for m in table.mappings if not m.curated]
    assert {m.subject for m in suggested} == {BASE + "id/knowledge/boekhouding"}
    store = tmp_path / "store"
    build = bkgraph("build", "--quiet", "--data", str(data), "--store", str(store))
    assert build.returncode == 0 and "a suggestion nobody has reviewed" in build.stderr
    db = open_store(store)
    assert not ask(
        db,
        f"ASK {{ <{BASE}id/knowledge/boekhouding> ?match ?esco . FILTER(STRSTARTS(STR(?esco), 'http://data.europa.eu/esco/')) }}",
    )
