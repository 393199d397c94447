"""A read-only handle on the current build that follows `bkgraph build` without a restart.

Each request asks the handle once for the store and keeps that store for the whole request, so
it sees the old graph or the new one, never a mix. `bkgraph build` publishes a build by swapping
the store link atomically, so reading the link (one system call) tells whether anything changed;
only then is the target resolved and opened.
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
        self._link_text: str | None = None  # what the link said when the store was opened
        self._opened: tuple[Store, str] | None = None  # the store and its folder, set together

    def current(self) -> tuple[Store, str]:
        """The store of the current build and the build's name (its version)."""
        try:
            link_text: str | None = os.readlink(self.link)
        except OSError:  # not a link (a plain store folder) or missing: resolve it every time
            link_text = None
        opened = self._opened
        if opened is None or link_text is None or link_text != self._link_text:
            opened = self._open(os.path.realpath(self.link), link_text)
        store, target = opened
        return store, os.path.basename(target)

    def _open(self, target: str, link_text: str | None) -> tuple[Store, str]:
        with self._lock:
            if self._opened is None or self._opened[1] != target:
                if not os.path.isdir(target):
                    raise StoreLayoutError(f"no graph at {self.link}: run `bkgraph build` first")
                self._opened = (Store.read_only(target), target)
            self._link_text = link_text
            return self._opened
