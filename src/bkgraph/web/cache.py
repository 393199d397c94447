"""Caches keyed by the store's version: the graph is read-only between builds, so an answer
stays right until the next build, and a repeated request needs no query at all.

Entries carry an ETag (the hash of version and request), so clients can revalidate with
If-None-Match and get 304 without a body.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Cached:
    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...]
    etag: str


class AnswerCache:
    def __init__(self, max_bytes: int = 64 * 1024 * 1024, max_entry: int = 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self.max_entry = max_entry
        self._entries: OrderedDict[tuple, Cached] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    @staticmethod
    def etag(version: str, key: tuple) -> str:
        digest = hashlib.blake2b(repr((version, key)).encode(), digest_size=12).hexdigest()
        return f'"{digest}"'

    def get(self, version: str, key: tuple) -> Cached | None:
        entry = self._entries.get((version, key))
        if entry is None:
            self.misses += 1
            return None
        self._entries.move_to_end((version, key))
        self.hits += 1
        return entry

    def put(self, version: str, key: tuple, entry: Cached) -> None:
        if len(entry.body) > self.max_entry or entry.status != 200:
            return
        replaced = self._entries.pop((version, key), None)  # two misses of one request
        if replaced is not None:
            self._bytes -= len(replaced.body)
        self._entries[(version, key)] = entry
        self._bytes += len(entry.body)
        while self._bytes > self.max_bytes and self._entries:
            _, old = self._entries.popitem(last=False)
            self._bytes -= len(old.body)


class PageDataCache:
    """The query results behind pages, per store version.

    A qualification page runs about twenty queries; between builds their answers cannot change,
    so a page seen once is rendered again from its rows. Entries of older versions are never
    hit again and leave by age. Page views run in threads, hence the lock.
    """

    def __init__(self, max_entries: int = 256) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, version: str, key: tuple, compute: Callable[[], T]) -> T:
        with self._lock:
            if (version, key) in self._entries:
                self._entries.move_to_end((version, key))
                return self._entries[(version, key)]  # type: ignore[return-value]
        value = compute()  # outside the lock: two first views may both compute, both right
        with self._lock:
            self._entries[(version, key)] = value
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value
