"""Section 1 (Globaal): title, definition, sectors, submitting organisations, frameworks."""

from __future__ import annotations

import re

from bkgraph.model import Finding, Organisation, ReferenceFramework, Sector, Severity
from bkgraph.parsing.errors import DossierError
from bkgraph.parsing.sections import Line, Outline, Section
from bkgraph.parsing.text import fold

_SECTOR = re.compile(r"^- (?P<label>.+?)(?: \((?P<pc>PC ?\d+(?:\.\d+)*)\s*(?P<name>[^)]*)\))?$")
_FRAMEWORK = re.compile(
    r"^- (?P<kind>[^:(]+?)(?: \((?P<publisher>[^)]+)\))?: (?P<code>\S+) (?P<title>.+?)"
    r"(?:, (?P<date>\d{1,2} \w+ \d{4}))?$"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    )
}
_ROLES = {"hoofdindieners": "main-submitter", "mede-indieners": "co-submitter"}


def paragraph(path: str, section: Section) -> tuple[str, int]:
    """The text of a one-paragraph section (title, definition), with its first line."""
    lines = section.nonblank()
    if not lines:
        raise DossierError(
            path, section.line, f"section {section.key} ({section.heading}) is empty"
        )
    return fold(" ".join(ln.text for ln in lines)), lines[0].number


def parse_sectors(section: Section | None) -> list[Sector]:
    if section is None:
        return []
    sectors = []
    for ln in section.nonblank():
        m = _SECTOR.match(fold(ln.text))
        if m:
            pc = m.group("pc")
            sectors.append(
                Sector(
                    label=m.group("label"),
                    joint_committee=pc.replace(" ", "") if pc else None,
                    joint_committee_name=fold(m.group("name")) or None if pc else None,
                    line=ln.number,
                )
            )
    return sectors


def parse_organisations(section: Section | None, findings: list[Finding]) -> list[Organisation]:
    if section is None:
        return []
    role: str | None = None
    organisations = []
    for ln in section.nonblank():
        text = fold(ln.text)
        if text.lower() in _ROLES:
            role = _ROLES[text.lower()]
        elif role is None:
            findings.append(
                Finding(
                    "organisation-without-role",
                    Severity.WARNING,
                    f"organisation {text!r} is listed before any role heading",
                    ln.number,
                )
            )
        else:
            organisations.append(Organisation(text.removeprefix("- "), role, ln.number))
    return organisations


def _iso_date(text: str | None) -> str | None:
    if not text:
        return None
    day, month, year = text.split()
    number = _MONTHS.get(month.lower())
    return f"{int(year):04d}-{number:02d}-{int(day):02d}" if number else None


def parse_frameworks(
    path: str, section: Section | None, findings: list[Finding]
) -> tuple[list[ReferenceFramework], str | None, list[Line]]:
    """Returns the frameworks, the prose relating the dossier to them, and the added activities."""
    if section is None:
        return [], None, []
    frameworks: list[ReferenceFramework] = []
    prose: list[str] = []
    added: list[Line] = []
    part = "frameworks"
    for ln in section.nonblank():
        text = fold(ln.text)
        lowered = text.lower()
        if lowered.startswith("gehanteerde referentiekader"):
            part = "frameworks"
        elif lowered.startswith("relatie tot het referentiekader"):
            part = "relation"
        elif part == "frameworks" and text.startswith("-"):
            m = _FRAMEWORK.match(text)
            if not m:
                raise DossierError(
                    path,
                    ln.number,
                    "a reference framework must read '- Kind (publisher): CODE Title[, date]'",
                )
            frameworks.append(
                ReferenceFramework(
                    kind=m.group("kind").strip(),
                    publisher=m.group("publisher"),
                    code=m.group("code"),
                    title=m.group("title"),
                    issued=_iso_date(m.group("date")),
                    line=ln.number,
                )
            )
            if m.group("date") and not _iso_date(m.group("date")):
                findings.append(
                    Finding(
                        "unreadable-date",
                        Severity.WARNING,
                        f"date {m.group('date')!r} of {m.group('code')} is not a Dutch date",
                        ln.number,
                    )
                )
        elif part == "relation" and text.startswith("-"):
            added.append(Line(ln.number, fold(text[1:])))
        else:
            prose.append(text)
    return frameworks, " ".join(prose) or None, added


def parse_title_and_code(outline: Outline) -> tuple[str, str, list[Finding]]:
    """The title of section 1.1 and the code of the cover, cross-checked with the cover title."""
    title, title_line = paragraph(outline.path, outline.require("1.1"))
    code, _ = outline.code()
    findings = []
    cover = [ln for ln in outline.preamble if ln.text.strip()]
    cover_titles = [fold(ln.text) for ln in cover[1:] if fold(ln.text) != code]
    if cover_titles and cover_titles[0] != title:
        findings.append(
            Finding(
                "title-mismatch",
                Severity.WARNING,
                f"the cover says {cover_titles[0]!r}, section 1.1 says {title!r}",
                title_line,
            )
        )
    return title, code, findings
