"""`--resume`: which line of each input file (and phase) is committed.

Written after every committed batch (atomic rename, so a kill never leaves half a file).
With several workers, batches commit out of order; the checkpoint only ever records the
highest line below which *every* row is committed, so nothing is skipped on resume. The
batch that was in flight when the process died is loaded again — harmless, because every
write is an idempotent MERGE on a constrained key and unchanged values add no history.
"""
from __future__ import annotations

import heapq
import json
import os
import threading
from pathlib import Path

__all__ = ["Checkpoint", "Progress"]


class Progress:
    """Tracks the rows of one file/phase; `committed` is the highest line below which every
    issued row is done. A line may be issued several times (a record row with three
    association columns becomes three edge rows) and is done when all of them are."""

    def __init__(self, start_after: int = 0):
        self.committed = start_after
        self._heap: list[int] = []          # issued lines, each once, smallest first
        self._outstanding: dict[int, int] = {}

    def issue(self, lines) -> None:
        for line in lines:
            if line not in self._outstanding:
                heapq.heappush(self._heap, line)
                self._outstanding[line] = 0
            self._outstanding[line] += 1

    def issue_one(self, line: int) -> None:
        """`issue([line])` without the list (once per association row)."""
        out = self._outstanding
        if line in out:
            out[line] += 1
        else:
            heapq.heappush(self._heap, line)
            out[line] = 1

    def done(self, lines) -> None:
        for line in lines:
            left = self._outstanding.get(line, 0) - 1
            if left > 0:
                self._outstanding[line] = left
            else:
                self._outstanding.pop(line, None)
        while self._heap and self._heap[0] not in self._outstanding:
            self.committed = max(self.committed, heapq.heappop(self._heap))


class Checkpoint:
    """The checkpoint file: `{"version": 1, "files": {"<path>#<phase>": last committed line}}`."""

    def __init__(self, path: Path | None, resume: bool = False):
        self.path = Path(path) if path else None
        self._lock = threading.Lock()
        self.state: dict[str, int] = {}
        if self.path and resume and self.path.exists():
            self.state = json.loads(self.path.read_text()).get("files", {})
        elif self.path and self.path.exists() and not resume:
            self.path.unlink()  # a fresh run starts from line 1 everywhere

    @staticmethod
    def key(file: Path | str, phase: str) -> str:
        return f"{Path(file).resolve()}#{phase}"

    def start_after(self, file: Path | str, phase: str) -> int:
        return self.state.get(self.key(file, phase), 0)

    def save(self, file: Path | str, phase: str, line: int) -> None:
        """Record `line` as committed for `file`/`phase` and write the file atomically."""
        with self._lock:
            key = self.key(file, phase)
            if self.state.get(key) == line:
                return
            self.state[key] = line
            if not self.path:
                return
            tmp = self.path.with_name(self.path.name + ".tmp")
            with open(tmp, "w") as f:
                json.dump({"version": 1, "files": self.state}, f)
                f.flush()
                os.fsync(f.fileno())
            tmp.replace(self.path)

    def finish(self) -> None:
        """A completed run leaves no checkpoint behind (a later `--resume` starts fresh)."""
        if self.path and self.path.exists():
            self.path.unlink()
