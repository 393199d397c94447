"""A read-only handle on the current build that follows `bkgraph build` without a restart.

Each request asks the handle once for the store and keeps that store for the whole request, so
it sees the old graph or the new one, never a mix. Following the link costs one `realpath`.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from pyoxigraph import Store

from bkgraph.store.layout import StoreLayoutError


class StoreHandle:
    def __init__(self, link: Path) -> None:
        self.link = link
        self._lock = threading.Lock()
        self._target: str | None = None
        self._store: Store | None = None

    def current(self) -> tuple[Store, str]:
        """The store of the current build and the build's name (its version)."""
        target = os.path.realpath(self.link)
        if target != self._target:
            with self._lock:
                if target != self._target:
                    if not os.path.isdir(target):
                        raise StoreLayoutError(
                            f"no graph at {self.link}: run `bkgraph build` first"
                        )
                    self._store = Store.read_only(target)
                    self._target = target
        assert self._store is not None
        return self._store, os.path.basename(target)
