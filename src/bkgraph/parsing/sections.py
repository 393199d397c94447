"""Splitting a dossier text into its numbered sections, keeping line numbers.

A dossier is a fixed outline (1 Globaal, 1.1 TITEL ... 4 Samenhang). Headings are recognised by
shape, not by exact wording, so that a dossier with a slightly different heading text still
splits; the parsers of each section then ask for the section by number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bkgraph.parsing.errors import DossierError

_SUBSECTION = re.compile(r"^([1-9])\.([1-9]) ([A-Z][A-Z0-9 ()/,\-]+)$")
_SECTION = re.compile(r"^([1-9])\. ([A-Z][^\t]*)$")
_CODE = re.compile(r"^BK-\d{4}-\d+$")

REQUIRED = ("1.1", "1.2", "2.1", "2.2")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, as an editor shows it
    text: str


@dataclass(frozen=True)
class Section:
    key: str  # "1.1", "2", ...
    heading: str
    line: int
    body: tuple[Line, ...]

    def nonblank(self) -> list[Line]:
        return [ln for ln in self.body if ln.text.strip()]


@dataclass(frozen=True)
class Outline:
    path: str
    preamble: tuple[Line, ...]  # the cover: "BEROEPSKWALIFICATIEDOSSIER", title, code
    sections: dict[str, Section]

    def get(self, key: str) -> Section | None:
        return self.sections.get(key)

    def require(self, key: str) -> Section:
        section = self.sections.get(key)
        if section is None:
            raise DossierError(self.path, None, f"section {key} is missing")
        return section

    def code(self) -> tuple[str, int]:
        for line in self.preamble:
            if _CODE.match(line.text.strip()):
                return line.text.strip(), line.number
        raise DossierError(
            self.path, None, "no qualification code (BK-nnnn-n) before section '1. Globaal'"
        )


def split_sections(path: str, text: str) -> Outline:
    lines = [Line(i, t.rstrip("\r")) for i, t in enumerate(text.split("\n"), start=1)]
    starts: list[tuple[str, str, int]] = []  # key, heading, index into lines
    last_top = 0
    for index, line in enumerate(lines):
        stripped = line.text.strip()
        if "\t" in line.text:
            continue
        if m := _SUBSECTION.match(stripped):
            if int(m.group(1)) == last_top:
                starts.append((f"{m.group(1)}.{m.group(2)}", stripped, index))
        elif (m := _SECTION.match(stripped)) and int(m.group(1)) == last_top + 1:
            last_top += 1
            starts.append((m.group(1), stripped, index))
    if not starts:
        raise DossierError(path, None, "no numbered sections found: is this a dossier text?")
    sections: dict[str, Section] = {}
    for n, (key, heading, index) in enumerate(starts):
        end = starts[n + 1][2] if n + 1 < len(starts) else len(lines)
        if key in sections:
            raise DossierError(path, lines[index].number, f"section {key} appears twice")
        sections[key] = Section(key, heading, lines[index].number, tuple(lines[index + 1 : end]))
    outline = Outline(path, tuple(lines[: starts[0][2]]), sections)
    for key in REQUIRED:
        outline.require(key)
    return outline
