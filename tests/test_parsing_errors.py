"""Malformed dossiers: each gets a clear error naming file and line, or a recorded finding;
never a crash and never a silent partial model. Mutations of the real dossier feed hypothesis."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bkgraph.model import Qualification
from bkgraph.parsing import DossierError
from bkgraph.parsing.dossier import parse_bytes

from .conftest import DOSSIER

LINES = DOSSIER.read_bytes().split(b"\n")
NAME = Path("mutated.txt")


def parse_lines(lines: list[bytes]) -> Qualification:
    return parse_bytes(b"\n".join(lines), NAME)


def test_empty_file() -> None:
    with pytest.raises(DossierError, match="mutated.txt: the file is empty"):
        parse_bytes(b"  \n\n", NAME)


def test_truncated_in_the_middle_of_the_table() -> None:
    with pytest.raises(DossierError, match="section 2.2 is missing"):
        parse_lines(LINES[:100])


def test_garbage_bytes_name_the_line() -> None:
    lines = list(LINES)
    lines[19] = b"De office manager \xff\xfe beheert"
    with pytest.raises(DossierError) as error:
        parse_lines(lines)
    assert error.value.line == 20
    assert "not UTF-8" in error.value.message


def test_binary_file() -> None:
    with pytest.raises(DossierError, match="NUL"):
        parse_bytes(b"\x00\x01\x02 BK-0001-1\n", NAME)


def test_not_a_dossier() -> None:
    with pytest.raises(DossierError, match="no numbered sections"):
        parse_bytes(b"Dear reader,\nthis is a letter.\n", NAME)


def test_block_without_activities() -> None:
    lines = [ln for i, ln in enumerate(LINES, start=1) if i != 167]  # block 11's only row
    with pytest.raises(DossierError) as error:
        parse_lines(lines)
    assert error.value.line == 166
    assert "activity block 11 has no activities" in error.value.message


def test_check_mark_in_the_knowledge_column() -> None:
    lines = list(LINES)
    assert lines[58].endswith(b"\t")  # line 59: its knowledge cell (the fifth) is empty
    lines[58] = lines[58] + "\u2713".encode()
    with pytest.raises(DossierError) as error:
        parse_lines(lines)
    assert error.value.line == 59
    assert "knowledge column" in error.value.message


def test_check_mark_beyond_the_columns() -> None:
    lines = list(LINES)
    lines[59] = lines[59] + b"\t\xe2\x9c\x93"  # line 60 gets a sixth column
    with pytest.raises(DossierError, match=r"mutated.txt:60: a check mark stands beyond"):
        parse_lines(lines)


def test_text_in_a_tick_column() -> None:
    lines = list(LINES)
    lines[59] = lines[59].replace("\t\u2713\t".encode(), b"\tja\t", 1)
    with pytest.raises(DossierError, match=r":60: the cognitive column holds 'ja'"):
        parse_lines(lines)


def test_activity_without_a_tick_is_a_finding() -> None:
    lines = list(LINES)
    lines[59] = lines[59].replace("\u2713".encode(), b"", 1)  # line 60 loses its tick
    q = parse_lines(lines)
    (finding,) = [f for f in q.findings if f.kind == "no-skill-type"]
    assert finding.line == 60
    assert q.blocks[0].activities[2].skill_type is None  # block 1's third activity


def test_missing_code() -> None:
    lines = [ln for ln in LINES if ln.strip() != b"BK-0568-1"]
    with pytest.raises(DossierError, match="no qualification code"):
        parse_lines(lines)


def test_error_message_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\n".join(LINES[:100]))
    from bkgraph.parsing import parse_dossier

    with pytest.raises(DossierError, match=str(path)):
        parse_dossier(path)


def _mutations() -> st.SearchStrategy[list[bytes]]:
    index = st.integers(min_value=0, max_value=len(LINES) - 1)
    delete = index.map(lambda i: LINES[:i] + LINES[i + 1 :])
    duplicate = index.map(lambda i: LINES[: i + 1] + LINES[i:])
    truncate = index.map(lambda i: LINES[:i])
    swap = st.tuples(index, index).map(_swap)
    insert = st.tuples(index, st.binary(max_size=40)).map(
        lambda t: [*LINES[: t[0]], t[1], *LINES[t[0] :]]
    )
    retab = st.tuples(index, st.sampled_from([b" ", b"\t\t", b"", "\u2713".encode()])).map(
        lambda t: [*LINES[: t[0]], LINES[t[0]].replace(b"\t", t[1], 1), *LINES[t[0] + 1 :]]
    )
    single = st.one_of(delete, duplicate, truncate, swap, insert, retab)
    return single


def _swap(pair: tuple[int, int]) -> list[bytes]:
    lines = list(LINES)
    a, b = pair
    lines[a], lines[b] = lines[b], lines[a]
    return lines


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations())
def test_mutated_dossiers_parse_or_fail_clearly(lines: list[bytes]) -> None:
    try:
        q = parse_lines(lines)
    except DossierError as error:
        assert error.path == "mutated.txt"
        assert error.message
        return
    # what parses is complete: every block has activities, every activity a text
    assert q.blocks and all(b.activities for b in q.blocks)
    assert all(a.text for b in q.blocks for a in b.activities)
    for block in q.blocks:
        for a in block.activities:
            if a.skill_type is None:  # an untyped activity is never silent
                assert any(
                    f"block/{block.number}/activity/{a.number}" in f.about for f in q.findings
                )
