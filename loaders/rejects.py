"""The rejects file: one JSON line per bad row — `{"file", "phase", "line", "row", "kind", "reason"}`.

Good rows load; bad ones land here with the reason, so a person can fix and re-load just
them (the rejects file is itself valid JSONL input once the `row` objects are extracted).
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

__all__ = ["Rejects", "trim_after"]


class Rejects:
    """Append-only rejects writer, safe to call from several threads; counts per reason kind."""

    def __init__(self, path: Path | None):
        self.path = Path(path) if path else None
        self._f = open(self.path, "a", encoding="utf-8") if self.path else None
        self._lock = threading.Lock()
        self.count = 0
        self.kinds: dict[str, int] = {}

    def add(self, file: str, phase: str, line: int, row: dict, kind: str, reason: str) -> None:
        """Record one rejected row; `kind` is the short class (`wrong_type`, `unknown_property` …)
        and `phase` which pass over the file found it (`records` or `associations`)."""
        with self._lock:
            self.count += 1
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
            if self._f:
                self._f.write(json.dumps({"file": file, "phase": phase, "line": line, "row": row,
                                          "kind": kind, "reason": reason},
                                         default=str, ensure_ascii=False) + "\n")

    def mark(self) -> tuple:
        """Where the rejects stand now, for `rewind`."""
        self.flush()
        return (self._f.tell() if self._f else 0), self.count, dict(self.kinds)

    def rewind(self, mark: tuple) -> None:
        """Forget every reject added since `mark` (a conversion that starts over)."""
        pos, self.count, self.kinds = mark[0], mark[1], dict(mark[2])
        if self._f:
            with self._lock:
                self._f.flush()
                self._f.truncate(pos)
                self._f.seek(pos)

    def flush(self) -> None:
        if self._f:
            with self._lock:
                self._f.flush()

    def close(self) -> None:
        if self._f:
            self._f.close()
            self._f = None


def trim_after(path: Path, committed: dict[str, int]) -> None:
    """On `--resume`, drop rejects of lines after each file's checkpoint: they are re-read
    and would be written twice. `committed` maps `"<file>#<phase>"` to its last committed line."""
    path = Path(path)
    if not path.exists():
        return
    kept = []
    with open(path, encoding="utf-8") as f:
        for text in f:
            try:
                entry = json.loads(text)
            except ValueError:
                continue
            if entry.get("line", 0) <= committed.get(f"{entry.get('file')}#{entry.get('phase')}", 0):
                kept.append(text)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("".join(kept), encoding="utf-8")
    tmp.replace(path)
