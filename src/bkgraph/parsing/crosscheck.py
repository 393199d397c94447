"""Cross-checks between the parts of a dossier that state the same facts twice.

Section 2.2 restates section 2.1 by descriptor; section 1.5 names activities the sector added;
the autonomy and responsibility lists follow the activity blocks. Every disagreement becomes a
finding; nothing is corrected here, except the tick order of packed cells, which extraction
lost and only section 2.2 can restore (and that is recorded too).
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import replace

from bkgraph.model import (
    Activity,
    ActivityBlock,
    AddedActivity,
    AutonomyKind,
    AutonomyStatement,
    DescriptorItem,
    Finding,
    Severity,
    SkillType,
    Statement,
)
from bkgraph.parsing.competences import SKILL_COLUMNS, PackedRow
from bkgraph.parsing.knowledge import Variants, parse_item
from bkgraph.parsing.text import comparison_key, slug

_SIMILAR = 0.85  # difflib ratio above which two wordings are taken for one activity


def _path(block: ActivityBlock, number: int) -> str:
    return f"block/{block.number}/activity/{number}"


def _types_in_descriptors(items: list[DescriptorItem]) -> dict[str, set[SkillType]]:
    listed: dict[str, set[SkillType]] = defaultdict(set)
    for item in items:
        if item.kind != "knowledge":
            listed[comparison_key(item.text)].add(SkillType(item.kind))
    return listed


def resolve_packed(
    rows: list[PackedRow], items: list[DescriptorItem], findings: list[Finding]
) -> None:
    """Give each activity of a packed cell its skill type, using section 2.2 where it is clear."""
    listed = _types_in_descriptors(items)
    for row in rows:
        known = {
            id(a): next(iter(listed[comparison_key(a.text)]))
            for a in row.activities
            if len(listed.get(comparison_key(a.text), ())) == 1
        }
        # the ticks left once the known activities took theirs; one kind left decides the rest
        left = row.ticks - Counter(known.values())
        fits = Counter(known.values()) <= row.ticks and len(left) <= 1
        restored = fits and (len(left) == 0) == (len(known) == len(row.activities))
        if restored:
            for activity in row.activities:
                activity.skill_type = known.get(id(activity)) or next(iter(left))
        else:
            remaining = [t for t in SKILL_COLUMNS for _ in range(row.ticks[t])]
            for activity in row.activities:
                activity.skill_type = remaining.pop(0)
        findings.append(
            Finding(
                "tick-order-restored" if restored else "tick-order-ambiguous",
                Severity.INFO if restored else Severity.WARNING,
                f"{len(row.activities)} activities share one cell with "
                + ", ".join(f"{n} {t.value}" for t, n in row.ticks.items())
                + " check marks; "
                + (
                    "each activity's type follows from the lists of section 2.2 and the counts"
                    if restored
                    else "section 2.2 does not decide; the ticks were given in column order"
                ),
                row.line,
                tuple(_path(row.block, a.number) for a in row.activities),
            )
        )


def crosscheck_skills(
    blocks: list[ActivityBlock], items: list[DescriptorItem], findings: list[Finding]
) -> list[DescriptorItem]:
    """Compare the ticks of 2.1 with the skill lists of 2.2; return the items with matches."""
    by_key: dict[str, list[tuple[ActivityBlock, Activity]]] = defaultdict(list)
    for block in blocks:
        for a in block.activities:
            by_key[comparison_key(a.text)].append((block, a))
    _ticked_differently(by_key, findings)
    covered: set[str] = set()
    result = []
    for item in items:
        if item.kind == "knowledge":
            result.append(item)
            continue
        kind = SkillType(item.kind)
        key = comparison_key(item.text)
        same = [(b, a) for b, a in by_key.get(key, []) if a.skill_type is kind]
        if same:
            paths = tuple(_path(b, a.number) for b, a in same)
        elif by_key.get(key):
            other = by_key[key]
            paths = tuple(_path(b, a.number) for b, a in other)
            findings.append(
                Finding(
                    "skill-type-differs",
                    Severity.WARNING,
                    f"section 2.2 lists {item.text!r} as {kind.value}; section 2.1 ticks it "
                    + ", ".join(_ticked(b, a) for b, a in other),
                    item.line,
                    paths,
                )
            )
        else:
            paths = _similar_wording(item, by_key, kind, findings)
        covered.update(paths)
        result.append(replace(item, matches=paths))
    for entries in by_key.values():
        for block, a in entries:
            if _path(block, a.number) not in covered:
                findings.append(
                    Finding(
                        "only-in-2.1",
                        Severity.WARNING,
                        f"activity {a.text!r} of block {block.number} "
                        f"({a.skill_type.value if a.skill_type else 'no type'}) is missing from "
                        "the skill lists of section 2.2",
                        a.line,
                        (_path(block, a.number),),
                    )
                )
    return result


def _ticked(block: ActivityBlock, activity: Activity) -> str:
    kind = activity.skill_type.value if activity.skill_type else "nowhere"
    return f"{kind} in block {block.number} (line {activity.line})"


def _ticked_differently(by_key: dict, findings: list[Finding]) -> None:
    for entries in by_key.values():
        if len({a.skill_type for _, a in entries}) > 1:
            findings.append(
                Finding(
                    "ticked-differently",
                    Severity.WARNING,
                    f"activity {entries[0][1].text!r} is ticked "
                    + " and ".join(_ticked(b, a) for b, a in entries),
                    entries[0][1].line,
                    tuple(_path(b, a.number) for b, a in entries),
                )
            )


def _similar_wording(
    item: DescriptorItem, by_key: dict, kind: SkillType, findings: list[Finding]
) -> tuple[str, ...]:
    key = comparison_key(item.text)
    candidates = difflib.get_close_matches(key, list(by_key), n=1, cutoff=_SIMILAR)
    if not candidates:
        findings.append(
            Finding(
                "only-in-2.2",
                Severity.WARNING,
                f"section 2.2 lists {item.text!r} ({kind.value}) but no activity of section 2.1 "
                "reads so",
                item.line,
            )
        )
        return ()
    entries = by_key[candidates[0]]
    paths = tuple(_path(b, a.number) for b, a in entries)
    findings.append(
        Finding(
            "wording-differs",
            Severity.WARNING,
            f"section 2.2 reads {item.text!r} where section 2.1 reads {entries[0][1].text!r} "
            f"(line {entries[0][1].line})",
            item.line,
            paths,
        )
    )
    return paths


def crosscheck_knowledge(
    blocks: list[ActivityBlock],
    items: list[DescriptorItem],
    variants: Variants,
    findings: list[Finding],
) -> list[DescriptorItem]:
    """Compare the knowledge of the blocks (2.1) with the knowledge list of 2.2."""
    in_blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    levels: dict[str, set[str]] = defaultdict(set)
    for block in blocks:
        for r in block.knowledge:
            key = comparison_key(r.concept)
            in_blocks[(r.level.value, key)].append(
                f"block/{block.number}/knowledge/{slug(r.concept)}"
            )
            levels[key].add(r.level.value)
    listed: set[tuple[str, str]] = set()
    result = []
    for item in items:
        if item.kind != "knowledge":
            result.append(item)
            continue
        requirement = parse_item(item.text, item.line, variants, findings, ("descriptors",))
        if requirement is None:
            result.append(item)
            continue
        key = (requirement.level.value, comparison_key(requirement.concept))
        listed.add(key)
        paths = tuple(in_blocks.get(key, ()))
        if not paths:
            other = levels.get(key[1])
            findings.append(
                Finding(
                    "level-differs" if other else "only-in-2.2",
                    Severity.WARNING,
                    f"section 2.2 lists {item.text!r}"
                    + (
                        f" but the blocks require it as {', '.join(sorted(other))}"
                        if other
                        else " but no block requires it"
                    ),
                    item.line,
                )
            )
        result.append(replace(item, matches=paths))
    for (level, key), paths in in_blocks.items():
        if (level, key) not in listed:
            findings.append(
                Finding(
                    "only-in-2.1",
                    Severity.WARNING,
                    f"the blocks require {key!r} ({level}), but the knowledge list of section 2.2 "
                    "does not name it",
                    None,
                    tuple(paths),
                )
            )
    return result


def crosscheck_outline(
    blocks: list[ActivityBlock],
    autonomy: list[AutonomyStatement],
    responsibilities: list[Statement],
    added: list[AddedActivity],
    findings: list[Finding],
) -> None:
    """The lists that follow the blocks one to one: responsibilities, autonomy, added activities."""
    titles = {comparison_key(b.title): b for b in blocks}
    for r in responsibilities:
        if comparison_key(r.text) not in titles:
            findings.append(
                Finding(
                    "responsibility-without-block",
                    Severity.INFO,
                    f"responsibility {r.text!r} is not the title of an activity block",
                    r.line,
                )
            )
    named = {comparison_key(r.text) for r in responsibilities}
    if responsibilities:
        for key, block in titles.items():
            if key not in named:
                findings.append(
                    Finding(
                        "block-without-responsibility",
                        Severity.INFO,
                        f"block {block.number} ({block.title!r}) has no responsibility of the same wording",
                        block.line,
                        (f"block/{block.number}",),
                    )
                )
    independent = [a for a in autonomy if a.kind is AutonomyKind.INDEPENDENT_IN]
    if independent and len(independent) != len(blocks):
        findings.append(
            Finding(
                "autonomy-count",
                Severity.WARNING,
                f"'Is zelfstandig in' lists {len(independent)} activities for {len(blocks)} "
                "activity blocks",
                independent[0].line,
            )
        )
    for a in added:
        if a.block_number is None:
            findings.append(
                Finding(
                    "added-activity-without-block",
                    Severity.WARNING,
                    f"section 1.5 says the sector added {a.text!r}, but no activity block has "
                    "that title",
                    a.line,
                )
            )
