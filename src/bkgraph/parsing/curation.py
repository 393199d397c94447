"""Reviewed tables in data/ that say what the sources cannot: which qualification a title of
the career-path grid names. Each row is a person's decision with its reason; the graph links a
grid cell to a qualification only where the table decides one."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from bkgraph.parsing.errors import DossierError


@dataclass(frozen=True)
class GridLink:
    title: str
    decision: str  # a BK code, "candidates" or "none"
    candidates: tuple[str, ...]
    reason: str
    line: int


_CODE = re.compile(r"^BK-\d{4}-\d+$")
GridLinks = dict[tuple[str, int, int], GridLink]  # (qualification, row, column) → decision


def load_grid_links(path: Path) -> GridLinks:
    links: GridLinks = {}
    if not path.exists():
        return links
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                key = (row["qualification"], int(row["row"]), int(row["column"]))
                link = GridLink(
                    row["title"],
                    row["decision"],
                    tuple(row["candidates"].split()),
                    row["reason"],
                    line,
                )
            except (KeyError, ValueError, AttributeError) as exc:
                raise DossierError(
                    str(path),
                    line,
                    f"expected qualification,row,column,title,decision,candidates,reason: {exc}",
                ) from exc
            if link.decision == "candidates" and len(link.candidates) < 2:
                raise DossierError(
                    str(path), line, "a 'candidates' decision names at least two codes"
                )
            links[key] = link
    return links


def check_grid_links(
    path: Path, links: GridLinks, grids: dict[str, dict[tuple[int, int], str]]
) -> None:
    """The table must describe the grids as the dossiers print them: a row whose title is not
    at its place means the dossier changed and the decision must be reviewed again."""
    for (qualification, row, column), link in links.items():
        grid = grids.get(qualification)
        if grid is None:
            continue  # the dossier is not part of this build
        printed = grid.get((row, column))
        if printed != link.title:
            raise DossierError(
                str(path),
                link.line,
                f"{qualification} has {printed!r} at row {row}, column {column}, not {link.title!r}",
            )
        for code in (link.decision, *link.candidates):
            if code not in ("none", "candidates") and not _CODE.match(code):
                raise DossierError(str(path), link.line, f"{code!r} is not a qualification code")
