"""The competency questions of queries/, run on the built graph; answers read from the dossier."""

from __future__ import annotations

from collections import Counter

from pyoxigraph import Store

from .conftest import ID, run_query


def test_a_activity_blocks_in_order(db: Store) -> None:
    rows = run_query(db, "a-activity-blocks.rq")
    # activities per block, counted in section 2.1 (see BLOCKS in test_parsing.py)
    assert [int(r["activities"]) for r in rows] == [5, 6, 7, 9, 8, 4, 3, 8, 10, 6, 4, 7]
    assert [int(r["position"]) for r in rows] == list(range(1, 13))
    assert rows[3]["title"] == "Beheert de bedrijfscommunicatie"  # line 90
    assert rows[0]["block"] == ID + "/block/1"


def test_b_problem_solving_activities(db: Store) -> None:
    rows = [r for r in run_query(db, "b-problem-solving-activities.rq") if r["code"] == "BK-0568-1"]
    assert len(rows) == 15  # the 15 items of "Probleemoplossende vaardigheden" (lines 290-304)
    per_block = Counter(int(r["blockPosition"]) for r in rows)
    assert per_block == {2: 2, 3: 3, 4: 1, 5: 2, 7: 1, 8: 4, 9: 1, 10: 1}
    texts = {r["text"] for r in rows}
    assert "Stuurt bij waar nodig" in texts  # the packed cell of line 165
    assert "Detecteert probleemsituaties" in texts  # line 80


def test_c_thorough_knowledge(db: Store) -> None:
    rows = [r for r in run_query(db, "c-thorough-knowledge.rq") if r["code"] == "BK-0568-1"]
    blocks = {r["label"]: int(r["blocks"]) for r in rows}
    # the seven "Grondige kennis" items of section 2.2 (lines 213-219), and in how many blocks
    # section 2.1 asks for each
    assert blocks == {
        "bedrijfsadministratie": 6,  # blocks 2, 3, 5, 6, 8, 11
        "hedendaagse (interne) communicatie technieken": 4,  # blocks 1, 3, 8, 9
        "managementtechnieken": 6,  # blocks 1, 2, 6, 8, 9, 12
        "planningstechnieken": 4,  # blocks 5, 7, 8, 9
        "principes, processen, modellen en theorieën over bedrijfsadministratie -en organisatie": 11,
        "procesmanagement": 5,  # blocks 2, 3, 7, 8, 12
        "zakelijk communicatie": 10,  # every block but 1 and 3
    }


def test_d_knowledge_shared_by_blocks_1_and_2(db: Store) -> None:
    rows = run_query(db, "d-shared-knowledge.rq")
    assert {r["label"]: (r["levelA"], r["levelB"]) for r in rows} == {
        "kantoorsoftware": ("kennis", "kennis"),
        "analysetechnieken": ("kennis", "kennis"),
        "Engels": ("kennis", "kennis"),
        "Frans": ("kennis", "kennis"),
        "managementtechnieken": ("grondige kennis", "grondige kennis"),
        "principes, processen, modellen en theorieën over bedrijfsadministratie -en organisatie": (
            "grondige kennis",
            "grondige kennis",
        ),
    }


def test_e_reference_frameworks(db: Store) -> None:
    rows = run_query(db, "e-reference-frameworks.rq")
    assert [(r["notation"], r["title"], r["publisher"], r["issued"]) for r in rows] == [
        ("M160401", "Managementassistentie", "SERV", "2014-10-20"),  # line 39
        ("OP-82", "Managementassistent", None, None),  # line 40
    ]


def test_f_autonomy_by_kind(db: Store) -> None:
    rows = [r for r in run_query(db, "f-autonomy.rq") if r["code"] == "BK-0568-1"]
    assert Counter(r["kind"] for r in rows) == {
        "is zelfstandig in": 11,
        "is gebonden aan": 3,
        "doet beroep op": 3,
    }
    assert rows[0]["text"] == "het permanent ontwikkelen van de eigen deskundigheid"  # line 338
    assert rows[13]["text"] == "de afspraken met verantwoordelijken en externe dienstverleners"


def test_g_differences_between_sections(db: Store) -> None:
    rows = run_query(db, "g-section-differences.rq")
    assert sorted((r["kind"], r["line"]) for r in rows) == [
        ("ticked-differently", "157"),
        ("wording-differs", "244"),
        ("wording-differs", "264"),
    ]
    ticked = next(r for r in rows if r["kind"] == "ticked-differently")
    assert set(ticked["concerns"].split()) == {
        ID + "/block/9/activity/8",
        ID + "/block/12/activity/1",
    }
