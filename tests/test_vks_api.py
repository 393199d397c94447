"""The VKS API format: 60 responses import into the same model and ontology as the dossier.
Facts are read from the JSON files in data/vks-api/ by hand."""

from __future__ import annotations

import json
import shutil
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pyoxigraph import Store

from bkgraph.model import KnowledgeLevel, Qualification, SkillType
from bkgraph.parsing import DossierError
from bkgraph.parsing.knowledge import load_variants
from bkgraph.parsing.vks_api import parse_api_file
from bkgraph.store.build import build
from bkgraph.store.reading import open_store

from .conftest import BASE, DATA, ONTOLOGY, run_query

API = DATA / "vks-api"
VARIANTS = load_variants(DATA / "knowledge-variants.csv")


def load(code: str) -> Qualification:
    return parse_api_file(API / f"{code}.json", VARIANTS)


def test_polyvalent_administratief_ondersteuner() -> None:
    q = load("BK-0203-3")
    assert (q.title, q.vks_level, q.recognition_date) == (
        "Polyvalent administratief ondersteuner",
        2,
        "2019-09-20",
    )
    assert len(q.blocks) == 10  # ten competenties
    skills = Counter(a.skill_type for b in q.blocks for a in b.activities)
    assert skills == {SkillType.COGNITIVE: 26, SkillType.MOTOR: 9, SkillType.PROBLEM_SOLVING: 2}
    levels = Counter(r.level for b in q.blocks for r in b.knowledge)
    assert levels == {KnowledgeLevel.BASIC: 9, KnowledgeLevel.KNOWLEDGE: 39}
    assert "Klerk" in q.synonyms
    first = q.blocks[0]
    assert (first.number, first.code, first.kind) == (1, "bkc0043656", "Vakspecifieke competentie")
    assert first.references == [
        "5784-c",
        "16576-c",
        "34505-c",
        "SK-2434-c",
        "SK-2457-c",
        "SK-7586-c",
    ]
    empty = [f for f in q.findings if f.kind == "empty-reference"]  # the bare "-c" of competence 1
    assert empty[0].path == "$.beroepskwalificatie.competenties[0].referenties[3].referentie_nr"
    isced = {(c.level, c.code) for c in q.classifications if c.scheme == "isced-f"}
    assert isced == {("broad", "04"), ("narrow", "041"), ("detail", "0415")}
    assert q.domains[0].path == ("Ondersteuning aan bedrijven en organisaties", "Administratie")


def test_onthaalmedewerker_skill_without_type() -> None:
    q = load("BK-0390-2")
    assert (q.vks_level, len(q.blocks)) == (3, 12)
    skills = Counter(a.skill_type for b in q.blocks for a in b.activities)
    assert skills == {
        SkillType.COGNITIVE: 80,
        SkillType.PROBLEM_SOLVING: 4,
        SkillType.MOTOR: 3,
        None: 1,
    }
    (untyped,) = [f for f in q.findings if f.kind == "no-skill-type"]
    assert untyped.path == "$.beroepskwalificatie.competenties[5].vaardigheden[5]"
    assert "Verwittigt hulpdiensten bij medische noodgevallen" in untyped.message
    english = next(r for b in q.blocks for r in b.knowledge if r.concept == "Engels")
    assert english.descriptor.startswith("de belangrijkste punten kunnen begrijpen")


def test_the_quirks_of_the_corpus_are_findings() -> None:
    corpus = [parse_api_file(p, VARIANTS) for p in sorted(API.glob("BK-*.json"))]
    assert len(corpus) == 60
    assert sum(len(q.blocks) for q in corpus) == 842
    assert sum(len(b.activities) for q in corpus for b in q.blocks) == 4993
    kinds = Counter(f.kind for q in corpus for f in q.findings)
    assert kinds["level-wording-differs"] == 30  # typed Kennis, worded "Basiskennis van ..."
    assert kinds["no-skill-type"] == 18
    by_code = {q.code: q for q in corpus}
    assert any(f.kind == "summary-cut-off" for f in by_code["BK-0243-2"].findings)
    assert any(f.kind == "duplicate-synonym" for f in by_code["BK-0381-2"].findings)
    assert ("kennis", "$.beroepskwalificatie.kennis") in {
        (k, f.path)
        for f in by_code["BK-0424-3"].findings
        for k in ["kennis"]
        if f.kind == "extra-field"
    }
    assert any(key == "kennis" for key, _ in by_code["BK-0424-3"].extras)
    spacing = [f for q in corpus for f in q.findings if f.kind == "reference-spacing"]
    assert any("'co  0018'" in f.message for f in spacing)


def test_typed_level_wins_over_wording() -> None:
    q = load("BK-0351-3")
    finding = next(f for f in q.findings if f.kind == "level-wording-differs")
    assert finding.path == "$.beroepskwalificatie.competenties[5].kennis[2]"
    requirement = next(
        r for r in q.blocks[5].knowledge if r.source_text.startswith("Basiskennis van boekhouden")
    )
    assert requirement.level is KnowledgeLevel.KNOWLEDGE


def _write(tmp_path: Path, document: object, name: str = "BK-9001-1.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _minimal(**changes: object) -> dict:
    bk = {
        "versie_nr_lang": "BK-9001-1",
        "titel": "Proefberoep",
        "definitie": "Proeft.",
        "vks_niveau": 3,
        "competenties": [
            {
                "nr": 1,
                "waarde": "Proeft",
                "referenties": [{"referentie_nr": "SK-1-c"}],
                "vaardigheden": [
                    {"vaardigheid_type": "Cognitieve vaardigheden", "waarde": "Proeft soep"}
                ],
                "kennis": [{"kennis_type": "Kennis", "waarde": "Kennis van soep"}],
            }
        ],
    }
    bk.update(changes)
    return {"beroepskwalificatie": bk, "totalItems": 1}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"totalItems": 1}, "$: no 'beroepskwalificatie' object"),
        (
            {"beroepskwalificatie": {"titel": "x"}},
            "$.beroepskwalificatie.versie_nr_lang: expected a code",
        ),
        (_minimal(titel=None), "$.beroepskwalificatie.titel: the qualification has no title"),
        (
            _minimal(competenties=[{"nr": 1, "vaardigheden": []}]),
            "$.beroepskwalificatie.competenties[0].waarde: a competence without 'waarde'",
        ),
    ],
)
def test_malformed_responses(tmp_path: Path, document: dict, message: str) -> None:
    path = _write(tmp_path, document)
    with pytest.raises(DossierError) as error:
        parse_api_file(path)
    assert str(path) in str(error.value) and message in str(error.value)


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "beroepskwalificatie": {\n    "titel": "x",\n  }\n}', encoding="utf-8")
    with pytest.raises(DossierError) as error:
        parse_api_file(path)
    assert error.value.line == 4 and "not JSON" in error.value.message


def test_unknown_values_import_as_given(tmp_path: Path) -> None:
    document = _minimal()
    competence = document["beroepskwalificatie"]["competenties"][0]
    competence["vaardigheden"][0]["vaardigheid_type"] = "Sociale vaardigheden"
    competence["kennis"][0]["kennis_type"] = "Expertkennis"
    q = parse_api_file(_write(tmp_path, document))
    activity = q.blocks[0].activities[0]
    requirement = q.blocks[0].knowledge[0]
    assert (activity.skill_type, activity.skill_type_given) == (None, "Sociale vaardigheden")
    assert (requirement.level, requirement.level_given, requirement.concept) == (
        None,
        "Expertkennis",
        "soep",
    )
    assert {"unknown-skill-type", "unknown-knowledge-level"} <= {f.kind for f in q.findings}


def test_malformed_file_leaves_the_graph(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("vks-api"))
    store = tmp_path / "var" / "store"
    first = build(data, store, BASE, ONTOLOGY, extra=(API / "BK-0203-3.json",))
    bad = _write(tmp_path, _minimal(competenties=[{"nr": 1}]))
    with pytest.raises(DossierError, match=r"competenties\[0\]\.waarde"):
        build(data, store, BASE, ONTOLOGY, extra=(API / "BK-0203-3.json", bad))
    assert store.resolve() == first.build
    assert len(open_store(store)) == first.quads


def test_merged_concepts(db: Store) -> None:
    # "Kennis van kantoorsoftware" (or Basiskennis/Grondige kennis) in 20 qualifications,
    # the Office manager and 19 API responses, all one concept
    rows = run_query(db, "m-most-shared-knowledge.rq")
    top = {r["label"]: int(r["qualifications"]) for r in rows}
    assert top["kantoorsoftware"] == 20
    assert top["Engels"] == 15  # "Kennis van Engels: ..." and "Kennis van Engels (...)" alike


def test_what_an_onthaalmedewerker_lacks(db: Store) -> None:
    rows = run_query(db, "n-what-one-qualification-lacks.rq")
    knowledge = {r["label"] for r in rows if r["kind"] == "knowledge"}
    # BK-0390-2 has kantoorsoftware, Engels and Frans of the Office manager's 36 elements
    assert len(knowledge) == 33
    assert {"kantoorsoftware", "Engels", "Frans"}.isdisjoint(knowledge)
    assert "managementtechnieken" in knowledge


def test_levels_domains_grid_and_search(db: Store) -> None:
    levels = {
        r["level"]: int(r["qualifications"])
        for r in run_query(db, "o-qualifications-per-vks-level.rq")
    }
    assert levels == {"2": 8, "3": 15, "4": 37}  # vks_niveau of data/vks-api/index.json
    domains = {
        r["label"]: int(r["qualifications"])
        for r in run_query(db, "p-qualifications-per-domain.rq")
    }
    assert domains["Administratie"] == 8
    grid = {
        (int(r["row"]), int(r["column"])): r for r in run_query(db, "q-career-grid-with-levels.rq")
    }
    assert (grid[(5, 4)]["qualification"], grid[(5, 4)]["vksLevel"]) == ("BK-0203-3", "2")
    assert grid[(3, 4)]["qualification"] is None
    assert grid[(3, 4)]["candidates"].split() == ["BK-0297-3", "BK-0498-2"]
    assert (
        grid[(4, 4)]["qualification"] is None
    )  # Polyvalent administratief medewerker: not in the corpus
    found = {r["code"] for r in run_query(db, "r-search-titles.rq")}
    assert {"BK-0285-4", "BK-0321-3", "BK-0587-1", "BK-0004-2"} <= found
    assert "BK-0568-1" not in found


class _FakeApi(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        code = self.path.rsplit("/", 1)[-1]
        path = API / f"{code}.json"
        if self.headers.get("x-api-key") != "k3y":
            self.send_response(401)
            self.end_headers()
            return
        if not path.exists():
            self.send_response(404)
            self.end_headers()
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_fetch_vks_from_a_fake_api(tmp_path: Path) -> None:
    import subprocess
    import sys

    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeApi)
    thread = threading.Thread(target=server.serve_forever)
    thread.start()
    endpoint = f"http://127.0.0.1:{server.server_address[1]}/beroepskwalificatie/"
    try:

        def fetch(*codes: str, key: str = "k3y") -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bkgraph",
                    "fetch-vks",
                    *codes,
                    "--api-key",
                    key,
                    "--endpoint",
                    endpoint,
                    "--out",
                    str(tmp_path / "out"),
                ],
                capture_output=True,
                text=True,
                timeout=60,
            )

        ok = fetch("BK-0203-3")
        assert ok.returncode == 0, ok.stderr
        assert (tmp_path / "out" / "BK-0203-3.json").read_bytes() == (
            API / "BK-0203-3.json"
        ).read_bytes()
        missing = fetch("BK-0000-1")
        assert missing.returncode == 3 and "HTTP 404" in missing.stderr
        refused = fetch("BK-0203-3", key="wrong")
        assert refused.returncode == 3 and "HTTP 401" in refused.stderr
    finally:
        server.shutdown()
        thread.join()
