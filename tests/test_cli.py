"""The `bkgraph` command line, run as a user runs it: a real process on a real store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from .conftest import DATA, DOSSIER, ID, ONTOLOGY


def bkgraph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bkgraph", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "BKGRAPH_ONTOLOGY": str(ONTOLOGY), **(env or {})},
    )


@pytest.fixture()
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    return data, tmp_path / "var" / "store"


def test_build_then_summary(workspace: tuple[Path, Path]) -> None:
    data, store = workspace
    built = bkgraph("build", "--quiet", "--data", str(data), "--store", str(store))
    assert built.returncode == 0, built.stderr
    # the dossier and the 60 API responses: 12 + 842 blocks, 77 + 4,993 activities
    assert built.stdout.startswith("built 61 qualification(s)")
    summary = bkgraph("summary", "--store", str(store))
    assert "qualifications: 61" in summary.stdout
    assert "blocks: 854" in summary.stdout
    assert "activities: 5070" in summary.stdout


def test_build_error_names_file_and_line(workspace: tuple[Path, Path]) -> None:
    data, store = workspace
    assert bkgraph("build", "--quiet", "--data", str(data), "--store", str(store)).returncode == 0
    lines = DOSSIER.read_text(encoding="utf-8").split("\n")
    del lines[166]  # block 11 loses its only activity row (line 167)
    broken = data / "dossiers" / "BK-0568-2-broken.txt"
    broken.write_text("\n".join(lines).replace("BK-0568-1", "BK-0568-2"), encoding="utf-8")
    result = bkgraph("build", "--quiet", "--data", str(data), "--store", str(store))
    assert result.returncode == 3
    assert f"{broken}:166: activity block 11 has no activities" in result.stderr
    assert "the previous graph (if any) is unchanged" in result.stderr
    assert "activities: 5070" in bkgraph("summary", "--store", str(store)).stdout


def test_no_store_yet(tmp_path: Path) -> None:
    result = bkgraph("summary", "--store", str(tmp_path / "nothing"))
    assert result.returncode == 4
    assert "run `bkgraph build` first" in result.stderr


@pytest.mark.parametrize(
    ("fmt", "parser"),
    [("nquads", "nquads"), ("trig", "trig"), ("turtle", "turtle"), ("ntriples", "nt")],
)
def test_export_formats_parse(office_store: Path, tmp_path: Path, fmt: str, parser: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = bkgraph("export", "--store", str(office_store), "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    dataset = rdflib.Dataset()
    dataset.parse(out, format=parser)
    title = rdflib.URIRef("http://purl.org/dc/terms/title")
    fact = (rdflib.URIRef(ID), title, rdflib.Literal("Office manager", lang="nl"))
    assert any(True for _ in dataset.quads((*fact, None)))


def test_export_one_graph(built_store: Path) -> None:
    result = bkgraph(
        "export", "--store", str(built_store), "--format", "turtle", "--graph", "BK-0568-1"
    )
    assert result.returncode == 0
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    blocks = set(
        graph.objects(
            rdflib.URIRef(ID), rdflib.URIRef("https://w3id.org/bkgraph/def#hasActivityBlock")
        )
    )
    assert len(blocks) == 12
    # the ontology lives in its own graph, not in the dossier's
    assert (None, rdflib.RDF.type, rdflib.OWL.Ontology) not in graph


def test_export_unknown_graph(built_store: Path) -> None:
    result = bkgraph("export", "--store", str(built_store), "--graph", "BK-0000-9")
    assert result.returncode == 3
    assert "no named graph https://w3id.org/bkgraph/graph/BK-0000-9" in result.stderr


def test_check_lists_findings_as_json(workspace: tuple[Path, Path]) -> None:
    data, _ = workspace
    result = bkgraph("check", "--format", "json", "--data", str(data))
    assert result.returncode == 0
    findings = json.loads(result.stdout)
    wording = [f for f in findings if f["kind"] == "wording-differs"]
    assert sorted(f["line"] for f in wording) == [244, 264]
    assert all(f["qualification"] == "BK-0568-1" for f in wording)
    untyped = [f for f in findings if f["kind"] == "no-skill-type"]
    assert len(untyped) == 18  # 4,993 skills, 4,975 with a vaardigheid_type
    assert all(f["path"].startswith("$.beroepskwalificatie.competenties[") for f in untyped)


def test_help_for_every_command() -> None:
    for command in ("build", "validate", "export", "check", "summary", "ontology-docs"):
        result = bkgraph(command, "--help")
        assert result.returncode == 0
        assert "Usage: python -m bkgraph" in result.stdout
