"""Shared fixtures: the real dossier, parsed once, and a real store built from it once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import Store

from bkgraph.config import DEFAULT_BASE, PROJECT_ROOT
from bkgraph.model import Qualification
from bkgraph.parsing import parse_dossier
from bkgraph.parsing.knowledge import load_variants
from bkgraph.store.build import build
from bkgraph.store.reading import open_store

DATA = PROJECT_ROOT / "data"
DOSSIER = DATA / "dossiers" / "BK-0568-1-office-manager.txt"
ONTOLOGY = PROJECT_ROOT / "ontology"
QUERIES = PROJECT_ROOT / "queries"
BASE = DEFAULT_BASE
ID = BASE + "id/qualification/BK-0568-1"


@pytest.fixture(scope="session")
def office_manager() -> Qualification:
    return parse_dossier(DOSSIER, load_variants(DATA / "knowledge-variants.csv"))


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from a copy of data/ (the project's own var/ is never touched)."""
    root = tmp_path_factory.mktemp("built")
    data = root / "data"
    shutil.copytree(DATA, data)
    store = root / "var" / "store"
    build(data, store, BASE, ONTOLOGY)
    return store


@pytest.fixture(scope="session")
def db(built_store: Path) -> Store:
    return open_store(built_store)


def run_query(db: Store, name: str) -> list[dict[str, str]]:
    """Run a competency question of queries/ and return its rows as plain strings."""
    text = (QUERIES / name).read_text(encoding="utf-8")
    solutions = db.query(text, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in solutions]
