"""A cache of answers keyed by the store's version: the graph is read-only between builds, so
an answer stays right until the next build, and a repeated request needs no query at all.

Entries carry an ETag (the hash of version and request), so clients can revalidate with
If-None-Match and get 304 without a body.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass


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
        self._entries[(version, key)] = entry
        self._bytes += len(entry.body)
        while self._bytes > self.max_bytes and self._entries:
            _, old = self._entries.popitem(last=False)
            self._bytes -= len(old.body)
