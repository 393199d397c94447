"""Resident memory of processes, read from /proc: the query pool stops a worker that outgrows
its limit, and the soak and the benchmark report the server with all its workers.

Linux only; elsewhere every figure is 0, so no memory limit applies.
"""

from __future__ import annotations

import os
from pathlib import Path

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes(pid: int) -> int:
    """One process's resident memory, or 0 if it cannot be read (gone, or not Linux)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_bytes().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


def resident_mib_with_children(pid: int) -> float:
    """A process and all its descendants (the children of every thread), in MiB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += resident_bytes(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return total / 2**20
