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


def _build_copy(factory: pytest.TempPathFactory, name: str, *leave_out: str) -> Path:
    """Build a store from a copy of data/ without the folders named."""
    root = factory.mktemp(name)
    data = root / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns(*leave_out))
    store = root / "var" / "store"
    build(data, store, BASE, ONTOLOGY)
    return store


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from a copy of data/ (the project's own var/ is never touched)."""
    return _build_copy(tmp_path_factory, "built")


@pytest.fixture(scope="session")
def db(built_store: Path) -> Store:
    return open_store(built_store)


@pytest.fixture(scope="session")
def office_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the Office manager dossier alone, without ESCO: small enough to validate
    quickly."""
    return _build_copy(tmp_path_factory, "office", "vks-api", "esco")


@pytest.fixture(scope="session")
def office_db(office_store: Path) -> Store:
    return open_store(office_store)


def run_query(db: Store, name: str) -> list[dict[str, str]]:
    """Run a competency question of queries/ and return its rows as plain strings."""
    text = (QUERIES / name).read_text(encoding="utf-8")
    solutions = db.query(text, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in solutions]


class Server:
    """`bkgraph serve` as a real process on 127.0.0.1 and a free port; stopped by the fixture."""

    def __init__(self, store: Path, *options: str, env: dict[str, str] | None = None) -> None:
        import os
        import socket
        import subprocess
        import sys

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = store.parent / f"server-{self.port}.log"
        self._log_handle = self.log.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bkgraph",
                "serve",
                "--store",
                str(store),
                "--port",
                str(self.port),
                *options,
            ],
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
        )
        self._wait()

    def _wait(self) -> None:
        import time

        import httpx

        for _ in range(300):
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped: {self.log.read_text()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not come up: {self.log.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except Exception:
            self.process.kill()
            self.process.wait(10)
        self._log_handle.close()


@pytest.fixture(scope="session")
def server(built_store: Path):
    """The server on the built graph, with small limits so tests can reach them."""
    running = Server(
        built_store,
        "--timeout",
        "3",
        "--workers",
        "2",
        "--max-rows",
        "50",
        "--max-query-length",
        "20000",
    )
    yield running
    running.stop()


# --- the tally of the W3C suites, printed at the end of a run ---------------------------------

_W3C_SUITES = {
    "test_query_evaluation": "query evaluation and result formats",
    "test_positive_syntax": "query syntax (positive)",
    "test_negative_syntax": "query syntax (negative)",
    "test_protocol": "protocol (query)",
    "test_protocol_update_is_refused": "protocol (update, read-only)",
    "test_protocol_updates_with_the_admin_token": "protocol (update, admin token)",
    "test_sd_": "service description",
}


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ARG001 - pytest's hook
    tally: dict[str, dict[str, int]] = {}
    reasons: dict[str, list[str]] = {}
    for outcome in ("passed", "failed", "skipped", "xfailed"):
        for report in terminalreporter.stats.get(outcome, []):
            nodeid = getattr(report, "nodeid", "")
            if "test_w3c.py::" not in nodeid or (report.when != "call" and outcome == "passed"):
                continue
            name = nodeid.split("::", 1)[1].split("[", 1)[0]
            keys = sorted(_W3C_SUITES, key=len, reverse=True)  # the longest name that fits
            suite = next((_W3C_SUITES[k] for k in keys if name.startswith(k)), None)
            if suite is None:
                continue
            tally.setdefault(suite, {"passed": 0, "failed": 0, "skipped": 0, "xfailed": 0})[
                outcome
            ] += 1
            for key, value in getattr(report, "user_properties", []):
                reasons.setdefault(suite, []).append(f"{key}: {value}")
            if outcome in ("skipped", "xfailed"):
                test_id = nodeid.split("[", 1)[-1].rstrip("]").rsplit("/", 2)[-2:]
                why = report.wasxfail if outcome == "xfailed" else str(report.longrepr[-1])
                reasons.setdefault(suite, []).append(
                    f"{'/'.join(test_id)}: {why.removeprefix('Skipped: ')}"
                )
    if not tally:
        return
    write = terminalreporter.write_line
    terminalreporter.section("W3C SPARQL 1.1 test suites")
    for suite, counts in tally.items():
        write(
            f"{suite:40} passed {counts['passed']:4}  failed {counts['failed']:3}  "
            f"skipped {counts['skipped']:3}  expected failures {counts['xfailed']:3}"
        )
    for suite, lines in reasons.items():
        write(f"-- {suite}: skipped or expected to fail")
        for line in lines:
            write(f"   {line}")
