"""Object IDs: numeric strings like HubSpot's, allocated in blocks (hi/lo).

Why blocks: a single counter node incremented inside every write transaction would
serialise all concurrent writers on its lock until they commit. Instead each process
reserves a block of IDs in a short transaction of its own (`cypher/ids/allocate_block`)
and hands them out from memory; a restart wastes at most one block (gaps are harmless).
"""
from __future__ import annotations

import threading

from app import cypher

__all__ = ["IdAllocator"]


class IdAllocator:
    """Thread-safe block allocator over one `:IdSequence`."""

    def __init__(self, db, name: str = "objects", block: int = 1000):
        self.db = db
        self.name = name
        self.block = block
        self._lock = threading.Lock()
        self._next = 0
        self._end = 0

    def take(self, n: int = 1) -> list[str]:
        """`n` fresh IDs as strings."""
        out: list[str] = []
        with self._lock:
            while len(out) < n:
                if self._next >= self._end:
                    size = max(self.block, n - len(out))
                    first = self.db.query("ids/allocate_block", name=self.name, size=size)
                    self._next, self._end = first, first + size
                take = min(n - len(out), self._end - self._next)
                out.extend(str(i) for i in range(self._next, self._next + take))
                self._next += take
        return out

    def one(self) -> str:
        return self.take(1)[0]

    def reset(self) -> None:
        """Forget the current block (after the database was emptied)."""
        with self._lock:
            self._next = self._end = 0
