"""What every benchmark shares: a throwaway Neo4j with the app on it, and its own section of
docs/benchmarks.md.

Each benchmark runs against its own server home (`.neo4j/bench-<name>`, deleted after) so it
never touches the `make run` database or a test session's, and rewrites only the part of
`docs/benchmarks.md` between its own markers, so benchmarks can be re-run one at a time.
"""
from __future__ import annotations

import contextlib
import logging
import shutil
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"

__all__ = ["DOCS", "bench_app", "write_docs_section"]


@contextlib.contextmanager
def bench_app(name: str, heap: str = "2g", pagecache: str = "2g", echo=print, base: Path | None = None,
              timeout: float = 600):
    """Start `.neo4j/bench-<name>`, yield `(app, db)` connected to it, stop and delete it after."""
    from app import create_app
    from app.localneo4j import LocalNeo4j
    from app.localneo4j.server import DEFAULT_BASE, free_port

    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    home = Path(base or DEFAULT_BASE).resolve() / f"bench-{name}"
    shutil.rmtree(home, ignore_errors=True)
    server = LocalNeo4j(home=home, port=free_port(), heap=heap, pagecache=pagecache)
    server.start(timeout=timeout, echo=echo)
    try:
        app = create_app({"NEO4J_URI": server.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": server.password})
        db = app.extensions["neo4j"]
        try:
            yield app, db
        finally:
            db.close()
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


def write_docs_section(mark_start: str, mark_end: str, section: str, path: Path = DOCS) -> None:
    """Replace only the text between `mark_start` and `mark_end` (re-read right before writing);
    append the section when the markers are not there yet."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if mark_start in text and mark_end in text:
        head, rest = text.split(mark_start, 1)
        text = head + section + rest.split(mark_end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text)
