"""Knowledge elements: splitting a block's knowledge cell into items, and naming the concept.

A block's knowledge cell is printed as one long list that PDF extraction cuts at page breaks,
sometimes in the middle of an item ("Kennis van" | "rapporteringstechnieken") and with or
without bullets. The parser therefore joins every fragment of a block first and then splits on
the level words that open each item ("Basiskennis", "Kennis", "Grondige kennis"), which
re-joins split items and needs no bullets.

Spelling variants of one concept ("kennismangement" / "kennismanagement") are merged only
through an explicit table (`data/knowledge-variants.csv`), and each merge is a finding.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from bkgraph.model import Finding, KnowledgeLevel, KnowledgeRequirement, Severity
from bkgraph.parsing.text import comparison_key, fold

_ITEM_START = re.compile(r"(?=\b(?:Basiskennis|Grondige kennis|Kennis)\b)")
_ITEM = re.compile(
    r"^(?P<level>Basiskennis|Grondige kennis|Kennis)\s+(?P<van>van\s+)?(?P<rest>.+)$"
)
_LEVELS = {
    "Basiskennis": KnowledgeLevel.BASIC,
    "Kennis": KnowledgeLevel.KNOWLEDGE,
    "Grondige kennis": KnowledgeLevel.THOROUGH,
}
LANGUAGES = frozenset(
    [
        "Nederlands",
        "Frans",
        "Engels",
        "Duits",
        "Spaans",
        "Italiaans",
        "Portugees",
        "Arabisch",
        "Turks",
        "Pools",
        "Russisch",
        "Chinees",
        "Japans",
    ]
)


@dataclass(frozen=True)
class Variant:
    canonical: str
    reason: str


Variants = dict[str, Variant]  # comparison_key(variant wording) → its canonical concept


def load_variants(path: Path) -> Variants:
    """Read the reviewed table of spelling variants (columns: variant, canonical, reason)."""
    variants: Variants = {}
    if not path.exists():
        return variants
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            variants[comparison_key(row["variant"])] = Variant(row["canonical"], row["reason"])
    return variants


@dataclass(frozen=True)
class Fragment:
    """A piece of a knowledge cell and the line it was printed on."""

    text: str
    line: int


def split_items(fragments: list[Fragment]) -> list[tuple[str, int]]:
    """Join a block's fragments and cut them into items at each level word."""
    joined = ""
    starts: list[tuple[int, int]] = []  # offset in `joined`, source line
    for fragment in fragments:
        if not fragment.text:
            continue
        if joined:
            joined += " "
        starts.append((len(joined), fragment.line))
        joined += fragment.text
    items = []
    offset = 0
    for piece in _ITEM_START.split(joined):
        line = max((ln for start, ln in starts if start <= offset), default=0)
        if piece.strip():
            items.append((fold(piece), line))
        offset += len(piece)
    return items


def parse_item(
    text: str, line: int, variants: Variants, findings: list[Finding], about: tuple[str, ...]
) -> KnowledgeRequirement | None:
    """One worded item → a requirement; None (and a finding) if it names no level."""
    m = _ITEM.match(text)
    if not m:
        findings.append(
            Finding(
                "knowledge-without-level",
                Severity.WARNING,
                f"knowledge text {text[:80]!r} does not start with Basiskennis, Kennis or "
                "Grondige kennis; kept as a finding only",
                line,
                about,
            )
        )
        return None
    rest = m.group("rest").strip()
    if not m.group("van"):
        findings.append(
            Finding(
                "wording",
                Severity.INFO,
                f"{text!r} lacks 'van' after the level word; read as '{m.group('level')} van {rest}'",
                line,
                about,
            )
        )
    concept, descriptor = split_language(rest)
    worded = concept
    variant = variants.get(comparison_key(concept))
    if variant and variant.canonical != concept:
        findings.append(
            Finding(
                "variant-merged",
                Severity.INFO,
                f"{concept!r} merged into {variant.canonical!r} ({variant.reason})",
                line,
                about,
            )
        )
        concept = variant.canonical
    return KnowledgeRequirement(
        level=_LEVELS[m.group("level")],
        concept=concept,
        worded=worded,
        source_text=text,
        descriptor=descriptor,
        line=line,
    )


_LANGUAGE = re.compile(r"^(?P<language>[A-Z][a-z]+)\s*(?::\s*(?P<after>.+)|\((?P<inside>.+)\))$")


def split_language(rest: str) -> tuple[str, str | None]:
    """ "Engels: begrijpt ..." (dossier) or "Engels (de belangrijkste punten ...)" (API) → the
    language as the concept and the level of command as the requirement's descriptor."""
    m = _LANGUAGE.match(rest)
    if m and m.group("language") in LANGUAGES:
        return m.group("language"), fold(m.group("after") or m.group("inside"))
    return rest, None


def is_language(concept: str) -> bool:
    return concept in LANGUAGES
