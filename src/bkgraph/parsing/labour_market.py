"""Section 3 (Arbeidsmarktrelevantie): the vacancy and job-seeker tables and the prose around them.

Every cell becomes an observation whose codes come from its row and column headers: a VDAB
region ("11 Antwerpen"), a sector ("13. Bouw"), a channel ("... rechtstreeks aan VDAB gemeld"),
a period ("dec. 2013", "2020") or a total. What a table is about (received or open vacancies,
which year) comes from the headings above it.

PDF extraction shifts cells: a row can have more cells than its header. Where the row total and
the column totals decide the one position the extra empty cell came from, the row is repaired
and the repair recorded; where they do not, only the cells that every reading agrees on are
kept, and the raw row is a finding. The checks of row and column totals, and between tables that
state the same figures, are findings too; nothing is corrected silently.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass

from bkgraph.model import (
    Code,
    Finding,
    LabourMarket,
    Observation,
    Severity,
    Statement,
    StatTable,
)
from bkgraph.parsing.sections import Section
from bkgraph.parsing.text import fold, slug

_REGION = re.compile(r"^(\d{2}) (\S.*)$")
_SECTOR = re.compile(r"^(\d{2})\. (\S.*)$")
_MONTH = re.compile(r"^dec\. (\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_SHORTAGE = re.compile(r"^(?P<who>.+?) is een knelpuntberoep(?: omwille van (?P<why>.+?))?\.?$")
TOTAL = Code("total", "total", "Totaal")
CHANNELS = {
    "direct": "NEC zonder uitzendopdrachten, rechtstreeks aan VDAB gemeld",
    "agencies": "NEC zonder uitzendopdrachten, via wervings- en selectiekantoren",
    "temporary": "Uitzendopdrachten",
    "nec": "NEC zonder uitzendopdrachten (niet verder bepaald)",
}


def channel_code(label: str) -> Code | None:
    lowered = label.lower()
    if lowered in ("totaal", "eind totaal"):
        return TOTAL
    if "rechtstreeks" in lowered:
        return Code("channel", "direct", label)
    if "werving" in lowered:
        return Code("channel", "agencies", label)
    if lowered.startswith("uitzend"):
        return Code("channel", "temporary", label)
    if lowered.startswith("nec"):
        return Code("channel", "nec", label)
    return None


def header_code(label: str, kind: str) -> Code | None:
    """The code a row or column header stands for, in a table of the given kind."""
    label = fold(label)
    if label.lower() in ("totaal", "eind totaal"):
        return Code("total", "total", label)
    if m := _SECTOR.match(label):
        return Code("sector", m.group(1), m.group(2))
    if m := _REGION.match(label):
        return Code("region", m.group(1), m.group(2))
    if m := _MONTH.match(label):
        return Code("period", f"{m.group(1)}-12", label)
    if m := _YEAR.match(label):
        return Code("period", m.group(1), label)
    if label.lower() == "openstaande vacatures":
        return Code("status", "open", label)
    if kind == "jobseekers":
        return Code("jobseeker-region", slug(label), label)
    return channel_code(label)


@dataclass
class _Row:
    label_cells: list[str]
    cells: list[str]  # the data cells, raw
    line: int


@dataclass
class _RawTable:
    header: list[str]
    rows: list[_Row]
    line: int
    context: list[str]


def _trim(cells: list[str]) -> list[str]:
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _integer(text: str) -> int | None:
    text = text.strip().replace(".", "")
    return int(text) if text.isdigit() else None


def parse_labour_market(section: Section | None, findings: list[Finding]) -> LabourMarket:
    market = LabourMarket()
    if section is None:
        return market
    prose: list[str] = []
    raw: list[_RawTable] = []
    current: _RawTable | None = None
    for ln in section.body:
        if "\t" in ln.text:
            cells = _trim(ln.text.split("\t"))
            if current is None:
                current = _RawTable(cells, [], ln.number, list(prose))
                raw.append(current)
            else:
                labels = 2 if current.header[0].lower() == "ontvangen vacatures" else 1
                current.rows.append(_Row(cells[:labels], cells[labels:], ln.number))
            continue
        current = None
        text = fold(ln.text)
        if text:
            prose.append(text)
            market.statements.append(Statement(text.lstrip("- "), ln.number))
            if m := _SHORTAGE.match(text):
                market.shortage = Statement(text, ln.number)
                market.shortage_reason = m.group("why")
    for table in raw:
        stat = _interpret(table, findings)
        if stat is not None:
            market.tables.append(stat)
    _check_across_tables(market.tables, findings)
    return market


def _fixed_codes(table: _RawTable) -> tuple[str, list[Code], str]:
    """(key, codes that hold for the whole table, measure) from its heading and header."""
    context = " ".join(table.context[-3:])
    lowered = context.lower()
    first = table.header[0].lower()
    if first == "beroep":
        return "jobseekers-by-region", [], "jobseekers"
    status = "open" if "openstaande" in table.context[-1].lower() else "received"
    if first == "ontvangen vacatures":
        status = "received"
    codes = [
        Code(
            "status", status, "openstaande vacatures" if status == "open" else "ontvangen vacatures"
        )
    ]
    if first == "jaartal":
        return f"{status}-by-channel-and-year", codes, "vacancies"
    year = re.search(r"(?:ontvangen \(|in |december |VDAB \()(\d{4})", context)
    if status == "open" and (m := re.search(r"december (\d{4})", lowered)):
        codes.append(Code("period", f"{m.group(1)}-12", f"december {m.group(1)}"))
    elif year:
        codes.append(Code("period", year.group(1), year.group(1)))
    if first == "ontvangen vacatures":
        return f"{status}-by-sector-and-region", codes, "vacancies"
    return f"{status}-by-channel-and-region", codes, "vacancies"


def _interpret(table: _RawTable, findings: list[Finding]) -> StatTable | None:
    key, fixed, measure = _fixed_codes(table)
    kind = "jobseekers" if measure == "jobseekers" else "vacancies"
    labels = 2 if table.header[0].lower() == "ontvangen vacatures" else 1
    columns = [header_code(h, kind) if h.strip() else None for h in table.header[labels:]]
    for h, code in zip(table.header[labels:], columns, strict=True):
        if h.strip() and code is None:
            findings.append(
                Finding(
                    "unknown-header",
                    Severity.WARNING,
                    f"column header {h!r} is not understood",
                    table.line,
                )
            )
    title = table.context[-1] if table.context else key
    stat = StatTable(key, title, table.line, measure)
    sticky: list[Code] = []  # the channel of I.i stands in the first row only
    rows: list[tuple[_Row, list[Code], list[str | None]]] = []
    for row in table.rows:
        row_codes: list[Code] = []
        for position, text in enumerate(row.label_cells):
            if not text.strip():
                continue
            code = header_code(text, kind)
            if code is None:
                findings.append(
                    Finding(
                        "unknown-header",
                        Severity.WARNING,
                        f"row header {text!r} is not understood",
                        row.line,
                    )
                )
                continue
            if labels == 2 and position == 0:
                sticky = [code]
            else:
                row_codes.append(code)
        rows.append((row, sticky + row_codes, list(row.cells)))
    row_dimension = _dimension([c for _, codes, _ in rows for c in codes[len(sticky) :]])
    column_dimension = _dimension([c for c in columns if c])
    cells_by_row = _align(rows, columns, findings, key)
    for (row, codes, _), cells in zip(rows, cells_by_row, strict=True):
        for column, text in zip(columns, cells, strict=True):
            if column is None or text is None or not text.strip():
                continue
            value = _integer(text)
            if value is None:
                findings.append(
                    Finding(
                        "unreadable-cell",
                        Severity.WARNING,
                        f"cell {text!r} is not a count",
                        row.line,
                    )
                )
                continue
            merged = _merge(fixed, codes, column, row_dimension, column_dimension)
            stat.observations.append(Observation(merged, value, row.line))
    _check_totals(stat, columns, rows, cells_by_row, findings)
    return stat


def _dimension(codes: list[Code]) -> str | None:
    """The dimension a table's row (or column) headers run over, totals and status aside."""
    dimensions = [c.dimension for c in codes if c.dimension not in ("total", "status")]
    return max(set(dimensions), key=dimensions.count) if dimensions else None


def _merge(
    fixed: list[Code],
    row: list[Code],
    column: Code,
    row_dimension: str | None,
    column_dimension: str | None,
) -> tuple[Code, ...]:
    """The codes of one cell: the column's override the table's of the same dimension; a total
    row or column becomes the code "total" of the dimension it adds up."""
    merged: dict[str, Code] = {c.dimension: c for c in fixed}
    for code, over in [*((c, row_dimension) for c in row), (column, column_dimension)]:
        if code.dimension == "total":
            if over is None:  # a lone total row (the job-seekers table): nothing to add up
                continue
            code = Code(over, "total", code.label)
        merged[code.dimension] = code
    if column.dimension == "status":  # "Openstaande vacatures": open at the end of the period
        period = merged.get("period")
        if period and len(period.code) == 4:
            merged["period"] = Code("period", f"{period.code}-12", f"december {period.code}")
    return tuple(merged[d] for d in sorted(merged))


def _align(
    rows: list[tuple[_Row, list[Code], list[str]]],
    columns: list[Code | None],
    findings: list[Finding],
    key: str,
) -> list[list[str | None]]:
    """Each row's cells under its columns; shifted rows repaired where totals decide, else the
    cells no reading agrees on are dropped (None) and the raw row is a finding."""
    width = len(columns)
    total_column = next((i for i, c in enumerate(columns) if c and c.dimension == "total"), None)
    aligned: list[list[str | None] | None] = []
    options: dict[int, list[list[str]]] = {}
    for index, (_, _, cells) in enumerate(rows):
        if len(cells) <= width:
            aligned.append(cells + [""] * (width - len(cells)))
            continue
        extra = len(cells) - width
        candidates: list[list[str]] = []
        limit = total_column if total_column is not None else width
        for drop in itertools.combinations(range(limit + extra), extra):
            if all(not cells[i].strip() for i in drop):
                candidate = [c for i, c in enumerate(cells) if i not in drop]
                fits = total_column is None or _row_adds_up(candidate, columns, total_column)
                if fits and candidate not in candidates:  # two empty cells dropped alike
                    candidates.append(candidate)
        options[index] = candidates
        aligned.append(None)
    chosen = _decide_by_column_totals(rows, aligned, options, columns)
    result: list[list[str | None]] = []
    for index, cells in enumerate(aligned):
        if cells is not None:
            result.append(list(cells))
            continue
        row = rows[index][0]
        raw = "\t".join(rows[index][2])
        if index in chosen:
            result.append(list(chosen[index]))
            findings.append(
                Finding(
                    "cells-repaired",
                    Severity.INFO,
                    f"table {key}: the row has {len(rows[index][2]) - width} cell(s) too many; "
                    f"the row total and the column totals allow one reading, which was kept "
                    f"(raw cells: {raw!r})",
                    row.line,
                )
            )
            continue
        candidates = options[index]
        agreed = [
            candidates[0][j]
            if candidates and all(c[j] == candidates[0][j] for c in candidates)
            else None
            for j in range(width)
        ]
        result.append(agreed)
        kept = [
            str(columns[j].label)
            for j in range(width)
            if agreed[j] and agreed[j].strip() and columns[j]
        ]
        findings.append(
            Finding(
                "cells-shifted",
                Severity.WARNING,
                f"table {key}: the row has {len(rows[index][2]) - width} cell(s) too many and "
                f"{len(candidates)} readings fit its total; only the cells every reading agrees on "
                f"are kept ({', '.join(kept) or 'none'}); raw cells: {raw!r}",
                row.line,
            )
        )
    return result


def _row_adds_up(cells: list[str], columns: list[Code | None], total_column: int) -> bool:
    values = [_integer(c) or 0 for c in cells[:total_column] if c.strip()]
    total = _integer(cells[total_column]) if total_column < len(cells) else None
    return total is not None and sum(values) == total


def _decide_by_column_totals(
    rows: list[tuple[_Row, list[Code], list[str]]],
    aligned: list[list[str] | None],
    options: dict[int, list[list[str]]],
    columns: list[Code | None],
) -> dict[int, list[str]]:
    """The one combination of readings of the shifted rows that makes every column add up."""
    total_row = next(
        (i for i, (_, codes, _) in enumerate(rows) if any(c.dimension == "total" for c in codes)),
        None,
    )
    if not options or total_row is None or aligned[total_row] is None:
        return {}
    if (
        any(not c for c in options.values())
        or len(list(itertools.product(*options.values()))) > 100_000
    ):
        return {}
    width = len(columns)
    fixed_sums = [0] * width
    for index, cells in enumerate(aligned):
        if cells is not None and index != total_row:
            for j in range(width):
                fixed_sums[j] += _integer(cells[j]) or 0 if cells[j].strip() else 0
    totals = [_integer(c) if c.strip() else 0 for c in aligned[total_row]]
    fitting = []
    for combination in itertools.product(*options.values()):
        sums = list(fixed_sums)
        for cells in combination:
            for j in range(width):
                sums[j] += _integer(cells[j]) or 0 if cells[j].strip() else 0
        if sums == totals:
            fitting.append(combination)
    if len(fitting) != 1:
        return {}
    return dict(zip(options, fitting[0], strict=True))


def _check_totals(
    stat: StatTable,
    columns: list[Code | None],
    rows: list[tuple[_Row, list[Code], list[str]]],
    cells_by_row: list[list[str | None]],
    findings: list[Finding],
) -> None:
    """Rows against their total column, columns against the total row."""
    total_column = next((i for i, c in enumerate(columns) if c and c.dimension == "total"), None)
    parts = [i for i, c in enumerate(columns) if c and c.dimension not in ("total", "status")]
    if total_column is not None:
        for (row, _, _), cells in zip(rows, cells_by_row, strict=True):
            if any(cells[j] is None for j in parts) or cells[total_column] is None:
                continue  # a shifted row: already a finding
            total = _integer(cells[total_column] or "")
            if total is None:
                continue
            found = sum(_integer(cells[j] or "") or 0 for j in parts)
            if found != total:
                findings.append(
                    Finding(
                        "row-total-mismatch",
                        Severity.WARNING,
                        f"table {stat.key}: the cells of {' / '.join(row.label_cells).strip(' /')!r} "
                        f"add up to {found}, the row total says {total}",
                        row.line,
                    )
                )
    total_rows = [
        i for i, (_, codes, _) in enumerate(rows) if any(c.dimension == "total" for c in codes)
    ]
    if not total_rows or len(total_rows) == len(rows):
        return
    t = total_rows[-1]
    body = [i for i in range(len(rows)) if i not in total_rows]
    for j, column in enumerate(columns):
        if column is None or cells_by_row[t][j] is None:
            continue
        expected = _integer(cells_by_row[t][j] or "")
        if expected is None:
            continue
        unknown = [i for i in body if cells_by_row[i][j] is None]
        found = sum(
            _integer(cells_by_row[i][j] or "") or 0 for i in body if cells_by_row[i][j] is not None
        )
        if found != expected:
            note = f" ({len(unknown)} row(s) with shifted cells left out)" if unknown else ""
            findings.append(
                Finding(
                    "column-total-mismatch",
                    Severity.WARNING,
                    f"table {stat.key}: column {column.label!r} adds up to {found}, the total row "
                    f"says {expected}{note}",
                    rows[t][0].line,
                )
            )


def _check_across_tables(tables: list[StatTable], findings: list[Finding]) -> None:
    """Labels that differ for one code; one figure stated twice with different values or labels."""
    labels: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for table in tables:
        for obs in table.observations:
            for code in obs.codes:
                if code.dimension in ("region", "sector") and code.code != "total":
                    labels[(code.dimension, code.code)].setdefault(code.label, obs.line)
    for (dimension, code), variants in sorted(labels.items()):
        if len(variants) > 1:
            findings.append(
                Finding(
                    "label-variant",
                    Severity.INFO,
                    f"{dimension} {code} is printed as "
                    + " and as ".join(
                        f"{label!r} (line {line})" for label, line in variants.items()
                    )
                    + f"; the code decides: one {dimension}",
                    min(variants.values()),
                )
            )
    _figure_conflicts(tables, findings)


def _facts(table: StatTable) -> dict[tuple, tuple[int, int, str]]:
    """(status, period, channel, region) → (value, line, channel label) for comparable cells."""
    facts = {}
    for obs in table.observations:
        if table.measure != "vacancies" or obs.code("sector") not in (None, "total"):
            continue
        channel = next((c for c in obs.codes if c.dimension == "channel"), None)
        key = (
            obs.code("status"),
            obs.code("period"),
            channel.code if channel else "total",
            obs.code("region") or "total",
        )
        facts[key] = (obs.value, obs.line, channel.label if channel else "Totaal")
    return facts


def _figure_conflicts(tables: list[StatTable], findings: list[Finding]) -> None:
    facts = [(t, _facts(t)) for t in tables]
    for (a, fa), (b, fb) in itertools.combinations(facts, 2):
        clashes = [k for k in fa.keys() & fb.keys() if fa[k][0] != fb[k][0]]
        by_channel: dict[str, list[tuple]] = defaultdict(list)
        for k in clashes:
            by_channel[k[2]].append(k)
        for channel, keys in sorted(by_channel.items()):
            k = sorted(keys, key=lambda x: x[3] != "total")[0]
            value_a, line_a, label_a = fa[k]
            value_b, line_b, label_b = fb[k]
            elsewhere = [
                fb[o][2]
                for o in fb
                if o[:2] == k[:2] and o[3] == k[3] and fb[o][0] == value_a and o[2] != channel
            ]
            findings.append(
                Finding(
                    "figure-conflict",
                    Severity.WARNING,
                    f"{CHANNELS.get(channel, channel)}, {k[0]} {k[1]}: table {a.key} says {value_a} "
                    f"({label_a!r}, line {line_a}), table {b.key} says {value_b} ({label_b!r}, "
                    f"line {line_b})"
                    + (
                        f"; {value_a} is what table {b.key} gives for {elsewhere[0]!r}"
                        if elsewhere
                        else ""
                    )
                    + f"; {len(keys)} cell(s) disagree",
                    line_a,
                )
            )
        _same_figures_other_label(a, fa, b, fb, findings)


def _same_figures_other_label(
    a: StatTable, fa: dict, b: StatTable, fb: dict, findings: list[Finding]
) -> None:
    """A whole row of regional figures repeated in another table under another channel label."""

    def vectors(facts: dict) -> dict[tuple, tuple[tuple[str, int], ...]]:
        grouped: dict[tuple, list[tuple[str, int]]] = defaultdict(list)
        for (status, period, channel, region), (value, _, _) in facts.items():
            if region != "total":
                grouped[(status, period, channel)].append((region, value))
        return {k: tuple(sorted(v)) for k, v in grouped.items() if len(v) >= 3}

    va, vb = vectors(fa), vectors(fb)
    for ka, vector in va.items():
        for kb, other in vb.items():
            if ka[:2] == kb[:2] and ka[2] != kb[2] and vector == other:
                label_a = next(f[2] for k, f in fa.items() if k[:3] == ka)
                label_b = next(f[2] for k, f in fb.items() if k[:3] == kb)
                line = min(f[1] for k, f in fa.items() if k[:3] == ka)
                findings.append(
                    Finding(
                        "same-figures-other-label",
                        Severity.WARNING,
                        f"the {len(vector)} regional figures of {label_a!r} in table {a.key} are "
                        f"those of {label_b!r} in table {b.key}",
                        line,
                    )
                )
