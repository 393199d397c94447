"""How one server instance is configured (`bkgraph serve` options)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class ServerSettings:
    store: Path
    base: str  # the IRI base the graph was built with; request paths map onto it
    ontology_dir: Path
    queries_dir: Path
    dumps_dir: Path
    workers: int = 2
    timeout: float = 30.0  # seconds a query may run before it is stopped (503)
    worker_memory_mib: int = 1024  # resident memory a query worker may reach (503); 0: no limit
    max_rows: int = 10_000  # rows (or triples) in one answer; more is cut and said so
    max_query_length: int = 100_000  # characters of a query or bytes of a request body
    cache_mib: int = 32  # memory for cached SPARQL answers (the answers of one store version)
    admin_token: str | None = None  # enables SPARQL Update for requests that present it
    service_allow: tuple[str, ...] = field(default_factory=tuple)  # SERVICE targets allowed
    union_default_graph: bool = True  # the default graph is the union of the named graphs
    assets_dir: Path | None = None  # YASGUI and axe-core from `bkgraph assets`, if fetched
