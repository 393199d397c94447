"""Where builds live on disk, and how the current one is chosen.

``var/store`` is a symbolic link to one directory under ``var/store.builds/``. A build writes a
new directory and then replaces the link in one `rename`, so a reader opening ``var/store``
sees the previous graph or the new one, never a half-written store, and a failed build leaves
the link as it was.
"""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

KEEP_PREVIOUS = 1  # builds kept besides the current one, for readers that still have them open


class StoreLayoutError(RuntimeError):
    pass


def builds_dir(store: Path) -> Path:
    return store.with_name(store.name + ".builds")


def new_build_dir(store: Path, create: bool = True) -> Path:
    """A fresh, unique build directory (not created when a tool such as a backup must)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = builds_dir(store) / f"{stamp}-{os.getpid()}"
    path.parent.mkdir(parents=True, exist_ok=True)
    if create:
        path.mkdir()
    return path


def current(store: Path) -> Path:
    """The build directory the store link points to; a clear error if there is none yet."""
    if not store.exists():
        raise StoreLayoutError(f"no graph at {store}: run `bkgraph build` first")
    return store.resolve()


def publish(store: Path, build: Path) -> None:
    """Point the store link at `build` atomically, then drop builds no reader needs."""
    if store.exists() and not store.is_symlink():
        raise StoreLayoutError(f"{store} is a real directory, not a link made by bkgraph build")
    tmp = store.with_name(f".{store.name}.{os.getpid()}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(build, store.parent), tmp)
    os.replace(tmp, store)
    _prune(store, build)


def _prune(store: Path, keep: Path) -> None:
    builds = sorted(p for p in builds_dir(store).iterdir() if p.is_dir() and p != keep)
    for old in builds[: max(0, len(builds) - KEEP_PREVIOUS)]:
        shutil.rmtree(old, ignore_errors=True)


def discard(build: Path) -> None:
    shutil.rmtree(build, ignore_errors=True)


@contextmanager
def new_build(store: Path, create: bool = True) -> Iterator[Path]:
    """A new build directory to write into; published if the block succeeds, removed if not.

    The block must drop its Store handle before it ends: RocksDB is closed (collected) before
    the directory is published, so no reader ever opens a store that is still being written.
    """
    target = new_build_dir(store, create)
    try:
        yield target
        gc.collect()
        publish(store, target)
    except BaseException:
        discard(target)
        raise
