"""Settings read from the environment, in one place.

BKGRAPH_BASE is the base of every IRI the graph mints (things under ``{base}id/``, documents
under ``{base}doc/``, named graphs under ``{base}graph/``). The graph always holds the IRIs of
the configured base; serving them under another host is the web layer's business.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_BASE = "https://w3id.org/bkgraph/"
ONTOLOGY_NAMESPACE = "https://w3id.org/bkgraph/def#"
ONTOLOGY_IRI = "https://w3id.org/bkgraph/def"

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def base_iri() -> str:
    base = os.environ.get("BKGRAPH_BASE", DEFAULT_BASE)
    if not base.startswith(("http://", "https://")):
        raise ValueError(f"BKGRAPH_BASE must be an http(s) IRI, got {base!r}")
    return base if base.endswith("/") else base + "/"


def data_dir() -> Path:
    return Path(os.environ.get("BKGRAPH_DATA", PROJECT_ROOT / "data"))


def store_path() -> Path:
    return Path(os.environ.get("BKGRAPH_STORE", PROJECT_ROOT / "var" / "store"))


def ontology_dir() -> Path:
    return Path(os.environ.get("BKGRAPH_ONTOLOGY", PROJECT_ROOT / "ontology"))


def assets_dir() -> Path:
    """Front-end files fetched from the npm registry (`bkgraph assets`)."""
    return Path(os.environ.get("BKGRAPH_ASSETS", PROJECT_ROOT / "var" / "assets"))
