"""Cut a row stream into batches, and spread relationship rows over lanes.

Why lanes: two transactions that create relationships on the same node lock it, so parallel
relationship batches touching a hub (a company with thousands of contacts) deadlock and
retry. Rows are assigned to a lane by their hub node, lanes run one batch at a time each,
and rows inside a batch are sorted by start node — so concurrent batches rarely meet on a
node, and when they do the driver's managed transaction retries the deadlock.
"""
from __future__ import annotations

import zlib
from itertools import islice
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")

__all__ = ["batched", "lane_of", "LaneBuffer"]


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to `size` items, in order; the last one may be shorter."""
    it = iter(items)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield chunk


def lane_of(key: str, lanes: int) -> int:
    """A stable lane for `key` (crc32: fast, and the same in every process and run)."""
    return zlib.crc32(key.encode()) % lanes if lanes > 1 else 0


class LaneBuffer:
    """Row buffers by key — `(relationship type, lane)` — that hand out a full batch as soon
    as one fills up, so a batch always holds one relationship type and one lane's rows."""

    def __init__(self, size: int):
        self.size = size
        self.buffers: dict = {}

    def add(self, key, item) -> list | None:
        """Add `item` under `key`; return that buffer as a batch when it reached `size`."""
        buf = self.buffers.setdefault(key, [])
        buf.append(item)
        if len(buf) >= self.size:
            del self.buffers[key]
            return buf
        return None

    def drain(self) -> Iterator[tuple[object, list]]:
        """The remaining partial batches."""
        while self.buffers:
            key = next(iter(self.buffers))
            yield key, self.buffers.pop(key)
