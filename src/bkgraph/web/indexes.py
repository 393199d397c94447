"""In-memory indexes built from the store once per store version (search, reconciliation).

Built in a thread so the event loop keeps serving while the first request after a rebuild
waits; a lock keeps two requests from building the same index twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from fastapi import Request
from pyoxigraph import Store

T = TypeVar("T")
_locks: dict[str, asyncio.Lock] = {}


async def cached_index(request: Request, name: str, build: Callable[[Store], T]) -> T:
    state = request.app.state
    store, version = state.handle.current()
    cache: dict[str, tuple[str, object]] = state.__dict__.setdefault("_indexes", {})
    hit = cache.get(name)
    if hit is not None and hit[0] == version:
        return hit[1]  # type: ignore[return-value]
    async with _locks.setdefault(name, asyncio.Lock()):
        hit = cache.get(name)
        if hit is None or hit[0] != version:
            index = await asyncio.get_running_loop().run_in_executor(None, build, store)
            cache[name] = (version, index)
        return cache[name][1]  # type: ignore[return-value]
