"""Section 2.2 (descriptor lists) and 2.3 (certificates and conditions).

Section 2.2 restates the competences by descriptor: the knowledge, the activities per skill
type, then context, autonomy and responsibility, each a heading followed by dash items.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bkgraph.model import (
    AutonomyKind,
    AutonomyStatement,
    DescriptorItem,
    Finding,
    Severity,
    SkillType,
    Statement,
)
from bkgraph.parsing.errors import DossierError
from bkgraph.parsing.sections import Section
from bkgraph.parsing.text import fold

_LISTS = {
    "kennis": "knowledge",
    "cognitieve vaardigheden": SkillType.COGNITIVE.value,
    "probleemoplossende vaardigheden": SkillType.PROBLEM_SOLVING.value,
    "motorische vaardigheden": SkillType.MOTOR.value,
    "omgevingscontext": "environment",
    "handelingscontext": "action",
    "autonomie": "autonomy",
    "verantwoordelijkheid": "responsibility",
}
_AUTONOMY = {
    "is zelfstandig in": AutonomyKind.INDEPENDENT_IN,
    "is gebonden aan": AutonomyKind.BOUND_BY,
    "doet beroep op": AutonomyKind.RELIES_ON,
}
DESCRIPTOR_KINDS = ("knowledge", *(t.value for t in SkillType))


@dataclass
class Descriptors:
    items: list[DescriptorItem] = field(default_factory=list)
    environment: list[Statement] = field(default_factory=list)
    action: list[Statement] = field(default_factory=list)
    autonomy: list[AutonomyStatement] = field(default_factory=list)
    responsibilities: list[Statement] = field(default_factory=list)


def parse_descriptors(path: str, section: Section, findings: list[Finding]) -> Descriptors:
    result = Descriptors()
    current: str | None = None
    autonomy_kind: AutonomyKind | None = None
    last: list | None = None  # the list the previous item went into, for continuations
    for ln in section.nonblank():
        text = fold(ln.text)
        lowered = text.lower().rstrip(":")
        if lowered in _LISTS:
            current, autonomy_kind, last = _LISTS[lowered], None, None
            continue
        if current == "autonomy" and lowered in _AUTONOMY:
            autonomy_kind = _AUTONOMY[lowered]
            continue
        if current is None:
            raise DossierError(
                path, ln.number, f"text {text[:40]!r} before the first descriptor heading (Kennis)"
            )
        if not text.startswith("-"):
            if not last:
                raise DossierError(
                    path,
                    ln.number,
                    f"expected a '- ' list item under {current!r}, got {text[:40]!r}",
                )
            _continue(last, text, ln.number, findings)
            continue
        item = fold(text[1:])
        if not item:
            findings.append(
                Finding(
                    "empty-item",
                    Severity.INFO,
                    f"an empty '-' item in the {current} list",
                    ln.number,
                )
            )
            continue
        if item == "/":  # the dossier's way of saying "none"
            continue
        last = _add(path, result, current, autonomy_kind, item, ln.number)
    return result


def _add(
    path: str, result: Descriptors, current: str, kind: AutonomyKind | None, item: str, line: int
) -> list:
    if current in DESCRIPTOR_KINDS:
        result.items.append(DescriptorItem(current, item, line))
        return result.items
    if current == "autonomy":
        if kind is None:
            raise DossierError(
                path,
                line,
                "an autonomy item stands before 'Is zelfstandig in', "
                "'Is gebonden aan' or 'Doet beroep op'",
            )
        result.autonomy.append(AutonomyStatement(kind, item, line))
        return result.autonomy
    target = {
        "environment": result.environment,
        "action": result.action,
        "responsibility": result.responsibilities,
    }[current]
    target.append(Statement(item, line))
    return target


def _continue(items: list, text: str, line: int, findings: list[Finding]) -> None:
    previous = items[-1]
    joined = fold(f"{previous.text} {text}")
    items[-1] = type(previous)(**{**previous.__dict__, "text": joined})
    findings.append(
        Finding("rejoined", Severity.INFO, f"line continues the item {previous.text[:40]!r}", line)
    )


def parse_certificates(section: Section | None) -> list[Statement]:
    """Section 2.3: every line but the sub-heading is a statement about certificates."""
    if section is None:
        return []
    return [
        Statement(fold(ln.text).lstrip("- "), ln.number)
        for ln in section.nonblank()
        if fold(ln.text).lower() != "wettelijke attesten en voorwaarden"
    ]
