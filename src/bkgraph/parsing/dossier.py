"""A dossier text file → a `Qualification`. The entry point of the text format."""

from __future__ import annotations

import hashlib
from pathlib import Path

from bkgraph.model import AddedActivity, Finding, Qualification, Severity
from bkgraph.parsing.career_grid import parse_career_grid
from bkgraph.parsing.competences import parse_table
from bkgraph.parsing.crosscheck import (
    crosscheck_knowledge,
    crosscheck_outline,
    crosscheck_skills,
    resolve_packed,
)
from bkgraph.parsing.descriptors import parse_certificates, parse_descriptors
from bkgraph.parsing.errors import DossierError
from bkgraph.parsing.general import (
    paragraph,
    parse_frameworks,
    parse_organisations,
    parse_sectors,
    parse_title_and_code,
)
from bkgraph.parsing.knowledge import Variants
from bkgraph.parsing.labour_market import parse_labour_market
from bkgraph.parsing.sections import split_sections
from bkgraph.parsing.text import comparison_key


def decode(data: bytes, path: Path) -> str:
    """The text of a dossier file; a clear error for what is not UTF-8 text."""
    if not data.strip():
        raise DossierError(str(path), None, "the file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)
        raise DossierError(
            str(path), line, f"byte {data[exc.start]:#04x} at column {column} is not UTF-8 text"
        ) from exc
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DossierError(str(path), line, "the file holds NUL bytes: not a text dossier")
    return text


def parse_dossier(path: Path, variants: Variants | None = None) -> Qualification:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DossierError(str(path), None, f"cannot read the file: {exc.strerror}") from exc
    return parse_bytes(data, path, variants)


def parse_bytes(data: bytes, path: Path, variants: Variants | None = None) -> Qualification:
    """Parse the bytes of a dossier file; `path` names it in errors and provenance."""
    variants = variants or {}
    text = decode(data, path)
    sha256 = hashlib.sha256(data).hexdigest()
    name = str(path)
    outline = split_sections(name, text)
    findings: list[Finding] = []

    title, code, title_findings = parse_title_and_code(outline)
    findings.extend(title_findings)
    definition, _ = paragraph(name, outline.require("1.2"))
    frameworks, relation, added_lines = parse_frameworks(name, outline.get("1.5"), findings)
    blocks, packed = parse_table(name, outline.require("2.1"), variants, findings)
    descriptors = parse_descriptors(name, outline.require("2.2"), findings)
    if not descriptors.items:
        raise DossierError(name, outline.require("2.2").line, "section 2.2 lists no descriptors")

    resolve_packed(packed, descriptors.items, findings)
    items = crosscheck_skills(blocks, descriptors.items, findings)
    items = crosscheck_knowledge(blocks, items, variants, findings)
    titles = {comparison_key(b.title): b.number for b in blocks}
    added = [
        AddedActivity(ln.text, ln.number, titles.get(comparison_key(ln.text))) for ln in added_lines
    ]
    crosscheck_outline(blocks, descriptors.autonomy, descriptors.responsibilities, added, findings)
    labour_market = parse_labour_market(outline.get("3.1") or outline.get("3"), findings)
    if (
        labour_market.shortage
        and comparison_key(labour_market.shortage.text).find(comparison_key(title)) < 0
    ):
        who = labour_market.shortage.text.split(" is een knelpuntberoep")[0]
        findings.append(
            Finding(
                "shortage-names-another-profession",
                Severity.INFO,
                f"the shortage statement names {who!r}, not {title!r}",
                labour_market.shortage.line,
            )
        )

    return Qualification(
        code=code,
        title=title,
        definition=definition,
        source_file=path.name,
        source_sha256=sha256,
        sectors=parse_sectors(outline.get("1.3")),
        organisations=parse_organisations(outline.get("1.4"), findings),
        frameworks=frameworks,
        framework_relation=relation,
        added_activities=added,
        blocks=blocks,
        descriptor_items=items,
        environment_context=descriptors.environment,
        action_context=descriptors.action,
        autonomy=descriptors.autonomy,
        responsibilities=descriptors.responsibilities,
        certificates=parse_certificates(outline.get("2.3")),
        labour_market=labour_market,
        career_grid=parse_career_grid(outline.get("4")),
        findings=findings,
    )
