"""SPARQL Update on a published store, copy-on-write.

Published builds are never written to (readers open them read-only). An update therefore
checkpoints the current build into a new directory (RocksDB hard-links its files, so this is
cheap), applies the update there and publishes the result like a build: readers see the graph
before or after the update, never during it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from pathlib import Path

from pyoxigraph import NamedNode, Quad, Store

from bkgraph.store import layout


def change_a_copy(store: Path, change: Callable[[Store], None]) -> Path:
    """Checkpoint the current build, apply `change` to the copy and publish it; the build
    directory it returns. The Store handle is dropped before `new_build` publishes."""
    current = layout.current(store)
    with layout.new_build(store, create=False) as target:
        Store.read_only(str(current)).backup(str(target))
        db = Store(str(target))
        change(db)
        db.flush()
        del db
    return target


def apply_update(store: Path, update: str, base_iri: str | None = None) -> None:
    change_a_copy(store, lambda db: db.update(update, base_iri=base_iri))


def replace_graphs(store: Path, graphs: list[NamedNode], quads: Iterable[Quad]) -> Path:
    """Empty `graphs` and load `quads` on a copy of the current build, then publish the copy:
    how `bkgraph esco import` adds a version of ESCO without rebuilding the dossiers."""

    def change(db: Store) -> None:
        for graph in graphs:
            if db.contains_named_graph(graph):
                db.remove_graph(graph)
        db.bulk_extend(quads)
        db.flush()
        db.optimize()

    return change_a_copy(store, change)


class Updater:
    """Serialises updates: each starts from the result of the one before."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self._lock = asyncio.Lock()

    async def apply(self, update: str, base_iri: str | None = None) -> None:
        async with self._lock:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, apply_update, self.store, update, base_iri)
