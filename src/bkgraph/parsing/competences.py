"""Section 2.1 (Opsomming competenties): the activity table.

The table has five tab-separated columns: the activity, three tick columns (cognitive,
problem-solving, motor) and the knowledge elements of the block. PDF extraction adds:
- the two header rows again at every page break;
- an activity cut at a page break: its second half starts the next page without a bullet;
- several activities packed in one cell, their ticks packed in the tick cells ("✓ ✓ ✓ ✓"),
  which loses the row each tick belonged to when more than one column has ticks.
The parser undoes the first two and hands the third to `resolve_packed`, which needs section 2.2.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bkgraph.model import (
    Activity,
    ActivityBlock,
    Finding,
    KnowledgeRequirement,
    Severity,
    SkillType,
)
from bkgraph.parsing.errors import DossierError
from bkgraph.parsing.knowledge import Fragment, Variants, parse_item, split_items
from bkgraph.parsing.sections import Section
from bkgraph.parsing.text import CHECK_MARK, fold, starts_list_item, strip_markup

SKILL_COLUMNS = (SkillType.COGNITIVE, SkillType.PROBLEM_SOLVING, SkillType.MOTOR)
COLUMN_NAMES = ("activity", "cognitive", "problem-solving", "motor", "knowledge")
_BLOCK = re.compile(r"^(\d+)\.\s+(\S.*)$")
# a packed cell is cut before each capitalised verb that follows a lower-case word
_PACKED_SPLIT = re.compile(r"(?<=[a-z0-9.)…]) (?=[A-Z][a-z])")


@dataclass
class PackedRow:
    """Activities that shared one cell and whose ticks spread over several columns."""

    block: ActivityBlock
    activities: list[Activity]
    ticks: Counter[SkillType]
    line: int


def _is_header(raw: str) -> bool:
    cells = [c.strip() for c in raw.split("\t")]
    return cells[:2] == ["Activiteiten", "Vaardigheden"] or cells[1:4] == [
        "Cognitieve",
        "Probleemoplossende",
        "Motorische",
    ]


def _cells(path: str, number: int, raw: str, findings: list[Finding]) -> list[str]:
    cells = raw.split("\t")
    if len(cells) > 5:
        extra = "\t".join(cells[5:])
        if CHECK_MARK in extra:
            raise DossierError(path, number, "a check mark stands beyond the five table columns")
        if extra.strip():
            findings.append(
                Finding(
                    "extra-cell",
                    Severity.WARNING,
                    f"text beyond the fifth column joined to the knowledge cell: {fold(extra)[:60]!r}",
                    number,
                )
            )
        cells = [*cells[:4], " ".join(cells[4:])]
    return cells + [""] * (5 - len(cells))


def parse_table(
    path: str, section: Section, variants: Variants, findings: list[Finding]
) -> tuple[list[ActivityBlock], list[PackedRow]]:
    blocks: list[ActivityBlock] = []
    packed: list[PackedRow] = []
    fragments: dict[int, list[Fragment]] = {}
    after_break = False
    for ln in section.body:
        if not ln.text.strip():
            continue
        if _is_header(ln.text):
            after_break = True
            continue
        cells = _cells(path, ln.number, ln.text, findings)
        for column in (0, 4):
            if CHECK_MARK in cells[column]:
                raise DossierError(
                    path,
                    ln.number,
                    f"a check mark stands in the {COLUMN_NAMES[column]} column, not in a skill "
                    "column (cognitive, problem-solving, motor)",
                )
        for column in (1, 2, 3):
            leftover = strip_markup(cells[column].replace(CHECK_MARK, ""))
            if leftover:
                raise DossierError(
                    path,
                    ln.number,
                    f"the {COLUMN_NAMES[column]} column holds {leftover[:40]!r}; "
                    "expected only check marks",
                )
        ticks = [cells[c].count(CHECK_MARK) for c in (1, 2, 3)]
        text = strip_markup(cells[0])
        block_match = None
        if not starts_list_item(cells[0]) and sum(ticks) == 0:
            block_match = _BLOCK.match(text)
        if block_match:
            number = int(block_match.group(1))
            if number != len(blocks) + 1:
                findings.append(
                    Finding(
                        "block-numbering",
                        Severity.WARNING,
                        f"block {number} follows block {len(blocks)}",
                        ln.number,
                    )
                )
            if any(b.number == number for b in blocks):
                raise DossierError(path, ln.number, f"activity block {number} appears twice")
            blocks.append(ActivityBlock(number, block_match.group(2), ln.number))
            fragments[number] = []
        elif text:
            if not blocks:
                raise DossierError(
                    path, ln.number, "an activity stands before the first numbered activity block"
                )
            block = blocks[-1]
            if starts_list_item(cells[0]):
                packed_row = _add_activities(block, text, ticks, ln.number, findings)
                if packed_row:
                    packed.append(packed_row)
            else:
                _continue_activity(path, block, text, ticks, ln.number, after_break, findings)
        elif sum(ticks):
            raise DossierError(path, ln.number, "check marks on a row without an activity")
        if cells[4].strip():
            if not blocks:
                raise DossierError(
                    path, ln.number, "knowledge elements stand before the first activity block"
                )
            fragments[blocks[-1].number].append(Fragment(strip_markup(cells[4]), ln.number))
        after_break = False
    if not blocks:
        raise DossierError(path, section.line, "section 2.1 has no numbered activity blocks")
    for block in blocks:
        if not block.activities:
            raise DossierError(path, block.line, f"activity block {block.number} has no activities")
        _add_knowledge(block, fragments[block.number], variants, findings)
    return blocks, packed


def _add_activities(
    block: ActivityBlock, text: str, ticks: list[int], line: int, findings: list[Finding]
) -> PackedRow | None:
    about = (f"block/{block.number}",)
    total = sum(ticks)
    texts = _PACKED_SPLIT.split(text) if total > 1 else [text]
    columns = [t for t, n in zip(SKILL_COLUMNS, ticks, strict=True) if n]
    start = len(block.activities)
    activities = [
        Activity(start + i + 1, fold(t), None, line) for i, t in enumerate(texts) if fold(t)
    ]
    block.activities.extend(activities)
    if total == 0:
        findings.append(
            Finding(
                "no-skill-type",
                Severity.ERROR,
                f"activity {activities[0].text!r} has no check mark in any skill column",
                line,
                (f"block/{block.number}/activity/{activities[0].number}",),
            )
        )
        return None
    if len(activities) == 1 and total > 1:
        findings.append(
            Finding(
                "several-skill-types",
                Severity.WARNING,
                f"activity {activities[0].text!r} is ticked in {total} places "
                f"({', '.join(c.value for c in columns)}); the first is kept",
                line,
                (f"block/{block.number}/activity/{activities[0].number}",),
            )
        )
        activities[0].skill_type = columns[0]
        return None
    if len(columns) == 1:
        for activity in activities:
            activity.skill_type = columns[0]
    if len(activities) != total:
        findings.append(
            Finding(
                "packed-cell-mismatch",
                Severity.WARNING,
                f"a cell packs {len(activities)} activities but {total} check marks",
                line,
                about,
            )
        )
        return None
    if len(columns) > 1:
        counts = Counter({t: n for t, n in zip(SKILL_COLUMNS, ticks, strict=True) if n})
        return PackedRow(block, activities, counts, line)
    return None


def _continue_activity(
    path: str,
    block: ActivityBlock,
    text: str,
    ticks: list[int],
    line: int,
    after_break: bool,
    findings: list[Finding],
) -> None:
    if not block.activities:
        raise DossierError(
            path,
            line,
            f"text {text[:40]!r} continues an activity, but block {block.number} has none yet "
            "(an activity starts with a bullet or an <ul> fragment)",
        )
    if sum(ticks):
        raise DossierError(path, line, "a continued activity line carries check marks")
    last = block.activities[-1]
    findings.append(
        Finding(
            "rejoined" if after_break else "rejoined-without-page-break",
            Severity.INFO if after_break else Severity.WARNING,
            f"{last.text!r} + {text!r} re-joined into one activity"
            + (" across a page break" if after_break else ""),
            line,
            (f"block/{block.number}/activity/{last.number}",),
        )
    )
    last.text = fold(f"{last.text} {text}")


def _add_knowledge(
    block: ActivityBlock, fragments: list[Fragment], variants: Variants, findings: list[Finding]
) -> None:
    about = (f"block/{block.number}",)
    for text, line in split_items(fragments):
        requirement = parse_item(text, line, variants, findings, about)
        if requirement is not None:
            add_requirement(block, requirement, findings)


def add_requirement(
    block: ActivityBlock,
    requirement: KnowledgeRequirement,
    findings: list[Finding],
    path: str | None = None,
) -> None:
    """Add a requirement to its block unless the block already names that concept."""
    earlier = next((r for r in block.knowledge if r.concept == requirement.concept), None)
    if earlier is None:
        block.knowledge.append(requirement)
        return
    levels = [r.level.value if r.level else r.level_given for r in (earlier, requirement)]
    findings.append(
        Finding(
            "duplicate-knowledge",
            Severity.WARNING,
            f"block {block.number} lists {requirement.concept!r} twice "
            f"({levels[0]} and {levels[1]}); the first is kept",
            requirement.line,
            (f"block/{block.number}",),
            path,
        )
    )
