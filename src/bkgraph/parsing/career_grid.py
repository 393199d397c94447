"""Section 4 (Samenhang): the grid of related professions.

The dossier draws related professions as a grid: each line is a level (the qualification's own
profession on top), each tab-separated position a path; blank cells are positions without a
profession. Keeping row and column lets a query or a page redraw the grid as printed.
"""

from __future__ import annotations

from bkgraph.model import GridCell
from bkgraph.parsing.sections import Section
from bkgraph.parsing.text import fold


def parse_career_grid(section: Section | None) -> list[GridCell]:
    if section is None:
        return []
    cells: list[GridCell] = []
    row = 0
    for ln in section.body:
        if not ln.text.strip():
            continue
        row += 1
        for column, text in enumerate(ln.text.split("\t"), start=1):
            if fold(text):
                cells.append(GridCell(row, column, fold(text), ln.number))
    return cells
