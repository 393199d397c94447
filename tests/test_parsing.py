"""Facts of BK-0568-1 (data/dossiers/BK-0568-1-office-manager.txt), read by hand from the
dossier, checked against what the parser makes of it. Line numbers refer to that file."""

from __future__ import annotations

from collections import Counter

import pytest

from bkgraph.model import AutonomyKind, KnowledgeLevel, Qualification, SkillType

C, P, M = SkillType.COGNITIVE, SkillType.PROBLEM_SOLVING, SkillType.MOTOR
B, K, G = KnowledgeLevel.BASIC, KnowledgeLevel.KNOWLEDGE, KnowledgeLevel.THOROUGH

# Per block, counted by hand in section 2.1: (header line, activities, cognitive ticks,
# problem-solving ticks, basiskennis, kennis, grondige kennis). Knowledge items that a page break
# cuts in two are counted once; the lists continue on the page after the header line.
BLOCKS = {
    1: (57, 5, 5, 0, 0, 7, 3),  # lines 57-62 and the knowledge continued on line 66
    2: (67, 6, 4, 2, 0, 8, 5),  # lines 67-73, knowledge continued on line 77
    3: (78, 7, 4, 3, 0, 10, 4),  # lines 78-85, knowledge continued on line 89
    4: (90, 9, 8, 1, 0, 11, 2),  # lines 90-98 and "Gaat vertrouwelijk om" on line 102
    5: (103, 8, 6, 2, 1, 12, 4),  # lines 103-111, "reglementering bij" + knowledge on line 115
    6: (116, 4, 4, 0, 2, 13, 4),  # lines 116-120, the Engels item cut at line 117 / 124
    7: (
        125,
        3,
        2,
        1,
        0,
        7,
        4,
    ),  # lines 125-131, "Kennis van" (126) | "rapporteringstechnieken" (130)
    8: (132, 8, 4, 4, 0, 21, 7),  # lines 132-140, knowledge continued on line 144
    9: (145, 10, 9, 1, 0, 5, 5),  # lines 145-159, "de doelstelling(en)" on line 150
    10: (160, 6, 5, 1, 2, 8, 2),  # line 161 and the packed cell of line 165
    11: (166, 4, 4, 0, 0, 4, 3),  # the packed cell of line 167
    12: (168, 7, 7, 0, 0, 7, 3),  # line 169 (packed) and lines 173-176
}


def test_identity(office_manager: Qualification) -> None:
    assert office_manager.code == "BK-0568-1"  # line 9
    assert office_manager.lineage_code == "BK-0568"
    assert office_manager.version == 1
    assert office_manager.title == "Office manager"  # line 15
    assert office_manager.definition.startswith("De office manager beheert de administratieve")
    assert office_manager.definition.endswith(
        "van het management van de organisatie te garanderen."
    )
    assert office_manager.vks_level is None  # the dossier states no VKS level


def test_sector_and_organisations(office_manager: Qualification) -> None:
    (sector,) = office_manager.sectors  # line 23
    assert (sector.label, sector.joint_committee, sector.joint_committee_name) == (
        "Overige",
        "PC200",
        "Aanvullend PC bedienden",
    )
    assert [(o.name, o.role) for o in office_manager.organisations] == [
        ("Cevora (Cevora vzw - Cefora asbl)", "main-submitter"),  # line 29
        ("VDAB-Studiedienst", "co-submitter"),  # line 33
    ]


def test_reference_frameworks(office_manager: Qualification) -> None:
    fiche, profile = office_manager.frameworks  # lines 39-40
    assert (fiche.kind, fiche.publisher, fiche.code, fiche.title, fiche.issued) == (
        "Competent-fiche",
        "SERV",
        "M160401",
        "Managementassistentie",
        "2014-10-20",
    )
    assert (profile.kind, profile.code, profile.title, profile.issued) == (
        "Competent 2.0 Beroepscompetentieprofiel",
        "OP-82",
        "Managementassistent",
        None,
    )
    assert "geheel of deels in dit dossier overgenomen" in office_manager.framework_relation
    added = [(a.text, a.block_number) for a in office_manager.added_activities]  # lines 48-49
    assert added == [
        ("Ontwikkelt permanent de eigen deskundigheid", 1),
        ("Optimaliseert administratieve en organisatorische processen", None),
    ]


def test_twelve_blocks_with_titles(office_manager: Qualification) -> None:
    assert [b.number for b in office_manager.blocks] == list(range(1, 13))
    assert office_manager.blocks[10].title == "Beheert budgetten"  # line 166
    assert [b.line for b in office_manager.blocks] == [v[0] for v in BLOCKS.values()]


@pytest.mark.parametrize("number", list(BLOCKS))
def test_block_counts(office_manager: Qualification, number: int) -> None:
    _, activities, cognitive, problem, basic, knowledge, thorough = BLOCKS[number]
    block = office_manager.blocks[number - 1]
    ticks = Counter(a.skill_type for a in block.activities)
    levels = Counter(r.level for r in block.knowledge)
    assert len(block.activities) == activities
    assert (ticks[C], ticks[P], ticks[M]) == (cognitive, problem, 0)
    assert (levels[B], levels[K], levels[G]) == (basic, knowledge, thorough)


def test_totals(office_manager: Qualification) -> None:
    activities = [a for b in office_manager.blocks for a in b.activities]
    assert len(activities) == 77
    assert Counter(a.skill_type for a in activities) == {C: 62, P: 15}
    concepts = {r.concept for b in office_manager.blocks for r in b.knowledge}
    assert len(concepts) == 36  # the 36 items of the knowledge list of section 2.2 (lines 182-219)


def test_activities_rejoined_across_page_breaks(office_manager: Qualification) -> None:
    block5, block9 = office_manager.blocks[4], office_manager.blocks[8]
    # line 111 "Werkt professionele informatie en" + line 115 "reglementering bij"
    assert block5.activities[-1].text == "Werkt professionele informatie en reglementering bij"
    assert block5.activities[-1].skill_type is C
    # line 146 "Werkt een concept uit dat beantwoordt aan" + line 150 "de doelstelling(en)"
    assert (
        block9.activities[0].text == "Werkt een concept uit dat beantwoordt aan de doelstelling(en)"
    )
    # line 102: the first row after a page break still belongs to block 4
    assert office_manager.blocks[3].activities[-1].text == "Gaat vertrouwelijk om met informatie"


def test_packed_cells(office_manager: Qualification) -> None:
    block10 = office_manager.blocks[9]
    # line 165 packs five activities; its problem-solving tick belongs to "Stuurt bij waar nodig",
    # which section 2.2 lists under Probleemoplossende vaardigheden (line 297)
    assert [(a.text, a.skill_type) for a in block10.activities[1:]] == [
        ("Reserveert lokalen en toebehoren voor opleidingen en aanwervingen", C),
        ("Maakt afspraken met de opleider over praktische regelingen en behoeftigheden", C),
        ("Stelt vacatures op volgens richtlijnen en laat ze verspreiden", C),
        ("Beheert de documenten van de personeelsdossiers", C),
        ("Stuurt bij waar nodig", P),
    ]
    assert [a.text for a in office_manager.blocks[11].activities[:3]] == [
        "Stelt een planning op en past ze aan wijzigende omstandigheden aan",
        "Verdeelt taken en verantwoordelijkheden",
        "Informeert, begeleidt, stuurt en motiveert (nieuwe) medewerkers",
    ]


def test_knowledge_items_rejoined(office_manager: Qualification) -> None:
    block7 = {r.concept: r for r in office_manager.blocks[6].knowledge}
    assert block7["rapporteringstechnieken"].level is K  # "Kennis van" line 126 | line 130
    block6 = {r.concept: r for r in office_manager.blocks[5].knowledge}
    english = block6["Engels"]  # cut between line 117 and line 124
    assert english.descriptor == (
        "begrijpt en produceert met een vrij grote mate van autonomie vloeiende mondelinge en "
        "schriftelijke teksten over een breed scala van onderwerpen die samenhangen met zijn of "
        "haar vakgebied, opdat een uitwisseling van uitgebreide en gedetailleerde informatie "
        "mogelijk wordt"
    )
    assert block6["sociale wetgeving"].level is B


def test_variants_merged_through_the_table(office_manager: Qualification) -> None:
    block2 = {r.concept: r for r in office_manager.blocks[1].knowledge}
    assert block2["kennismanagement"].worded == "kennismangement"  # line 77
    block10 = {r.concept: r for r in office_manager.blocks[9].knowledge}
    assert "klassement- en archiveringsmethodes" in block10  # "klassemment-" on line 165
    merged = [f for f in office_manager.findings if f.kind == "variant-merged"]
    assert sorted(f.line for f in merged) == [77, 89, 165]


def test_descriptor_lists(office_manager: Qualification) -> None:
    kinds = Counter(i.kind for i in office_manager.descriptor_items)
    # section 2.2: 36 knowledge items (lines 182-219, one empty "-" on line 212),
    # 62 cognitive (lines 223-286), 15 problem-solving (lines 290-304), motor "- /" (line 308)
    assert kinds == {"knowledge": 36, "cognitive": 62, "problem-solving": 15}
    assert len(office_manager.environment_context) == 11  # lines 312-323
    assert len(office_manager.action_context) == 6  # lines 327-332
    assert len(office_manager.responsibilities) == 12  # lines 364-375
    by_kind = Counter(a.kind for a in office_manager.autonomy)
    assert by_kind == {
        AutonomyKind.INDEPENDENT_IN: 11,  # lines 338-348
        AutonomyKind.BOUND_BY: 3,  # lines 352-354
        AutonomyKind.RELIES_ON: 3,  # lines 358-360
    }
    assert [c.text for c in office_manager.certificates] == [
        "Er zijn geen (wettelijke) attesten of voorwaarden vereist."  # line 381
    ]


def test_findings_of_the_source(office_manager: Qualification) -> None:
    """The defects of BK-0568-1 found by reading it, each at its line."""
    found = {(f.kind, f.line) for f in office_manager.findings}
    expected = {
        ("wording-differs", 244),  # "kantooormateriaal" (2.2) vs "kantoor materiaal" (line 104)
        ("wording-differs", 264),  # "benodigdheden" (2.2) vs "behoeftigheden" (line 165)
        ("ticked-differently", 157),  # "Stelt een planning op": problem-solving in block 9 ...
        ("autonomy-count", 338),  # 11 "Is zelfstandig in" items for 12 blocks
        ("added-activity-without-block", 49),  # no block is titled so
        ("empty-item", 212),  # a lone "-" in the knowledge list
        ("tick-order-restored", 165),
        ("rejoined", 115),
        ("rejoined", 150),
    }
    assert expected <= found
    ticked = next(f for f in office_manager.findings if f.kind == "ticked-differently")
    assert ticked.about == ("block/9/activity/8", "block/12/activity/1")  # ... cognitive in 12
    assert not [f for f in office_manager.findings if f.kind in ("only-in-2.1", "only-in-2.2")]
