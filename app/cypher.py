"""The query registry: every Cypher statement lives in `cypher/**/*.cypher`.

One named query per file; the name is the path without the suffix
(`cypher/act/related_records.cypher` → `act/related_records`). Each file starts with a
header of `//` comment lines::

    // Why the query exists, in a sentence or two.
    // mode: read | write | schema
    // returns: none | one | many | scalar
    // param contact_id: string — the contact's id
    MATCH (c:Contact {id: $contact_id}) ...

Loading is strict, like aiosql: a missing or unknown `mode`/`returns`, a `$param` used but
not declared, or declared but not used, fails at start-up with the file and the problem.
Results are materialised inside the transaction (`Query.run`), never returned live.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Record

__all__ = ["Query", "Registry", "RegistryError", "registry", "load", "CYPHER_DIR"]

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"
MODES = {"read", "write", "schema"}
RETURNS = {"none", "one", "many", "scalar"}
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_PARAM_DECL = re.compile(r"^param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+)$")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


class RegistryError(ValueError):
    """A `.cypher` file breaks the header rules; the message names file and problem."""


@dataclass(frozen=True)
class Query:
    """One named Cypher statement with its declared contract."""

    name: str
    text: str
    mode: str
    returns: str
    params: dict[str, str] = field(default_factory=dict)
    doc: str = ""

    def run(self, tx, params: dict[str, Any] | None = None) -> Any:
        """Run in `tx` and shape the result as the header's `returns` says."""
        params = params or {}
        missing = set(self.params) - set(params)
        extra = set(params) - set(self.params)
        if missing or extra:
            raise TypeError(f"query {self.name}: missing params {sorted(missing)}, unexpected {sorted(extra)}")
        result = tx.run(self.text, {k: _quiet(v) for k, v in params.items()})
        if self.returns == "many":
            return [record_dict(r) for r in result]
        if self.returns == "one":
            rec = result.single(strict=False)
            return record_dict(rec) if rec else None
        if self.returns == "scalar":
            rec = result.single(strict=False)
            return rec[0] if rec else None
        return result.consume().counters


class Batch(list):
    """A list parameter whose `repr` is its length, not its contents.

    Why: the driver (neo4j 6.4.1, `Bolt5x*.run`) builds the text of its DEBUG log line —
    `" ".join(map(repr, fields))`, every parameter included — before calling `log.debug`, so
    even with debug logging off each RUN pays for the repr of its parameters. For a loader
    batch (5000 node maps) that is ~34 ms, more than packing it (~16 ms): about 9 s of
    Python CPU over a 1.65M-row load. Both of the driver's packers take a list subclass
    as a list, so the bytes sent are the same."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} items>"


_QUIET_FROM = 64    # shorter lists keep their repr: cheap, and readable in a debug log


def _quiet(value: Any, depth: int = 2) -> Any:
    """`value` with its long lists as `Batch`es, also inside short lists of maps (row groups)."""
    if type(value) is list:
        if len(value) >= _QUIET_FROM:
            return Batch(value)
        if depth and value and type(value[0]) is dict:
            return [_quiet(v, depth - 1) for v in value]
    elif type(value) is dict and depth:
        return {k: _quiet(v, depth - 1) for k, v in value.items()}
    return value


_PLAIN = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """`value` with nodes, relationships and paths turned into what `Record.data()` makes of
    them; plain values (our queries return maps and lists of scalars) pass by exact type checks."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    if kind is list:
        return [_plain(v) for v in value]
    return Record({"v": value}).data()["v"]  # a node, relationship, path, temporal …


def record_dict(record) -> dict:
    """`record.data()`, without its cost: the driver's converter tests every nested value
    against abstract base classes (a thousand `isinstance` calls for one `act/log_facts` row,
    a fifth of a log's Python time); exact type checks do the same for plain values."""
    return {k: _plain(v) for k, v in zip(record.keys(), record.values())}


def parse(name: str, source: str) -> Query:
    """Parse one file's text into a `Query`, or raise `RegistryError`."""
    header: list[str] = []
    body_lines: list[str] = []
    in_header = True
    for line in source.splitlines():
        stripped = line.strip()
        if in_header and stripped.startswith("//"):
            header.append(stripped[2:].strip())
            continue
        if in_header and not stripped:
            continue
        in_header = False
        body_lines.append(line)
    text = "\n".join(body_lines).strip()
    if not text:
        raise RegistryError(f"{name}: no Cypher after the header")
    meta: dict[str, str] = {}
    params: dict[str, str] = {}
    doc: list[str] = []
    for h in header:
        m = _PARAM_DECL.match(h)
        if m:
            if m.group(1) in params:
                raise RegistryError(f"{name}: param ${m.group(1)} declared twice")
            params[m.group(1)] = m.group(2).strip()
        elif re.match(r"^(mode|returns)\s*:", h):
            key, value = h.split(":", 1)
            meta[key.strip()] = value.strip().split()[0] if value.strip() else ""
        else:
            doc.append(h)
    if meta.get("mode") not in MODES:
        raise RegistryError(f"{name}: header needs 'mode: read|write|schema', got {meta.get('mode')!r}")
    if meta.get("returns") not in RETURNS:
        raise RegistryError(f"{name}: header needs 'returns: none|one|many|scalar', got {meta.get('returns')!r}")
    code = "\n".join(l.split("//", 1)[0] if "//" in l and not _STRING.search(l) else l for l in body_lines)
    used = set(_PARAM_USE.findall(_STRING.sub("''", code)))
    if used - set(params):
        raise RegistryError(f"{name}: uses undeclared params {sorted('$' + p for p in used - set(params))}")
    if set(params) - used:
        raise RegistryError(f"{name}: declares unused params {sorted('$' + p for p in set(params) - used)}")
    return Query(name, text, meta["mode"], meta["returns"], params, " ".join(doc))


class Registry:
    """All queries of a folder, by name; immutable after loading."""

    def __init__(self, queries: dict[str, Query]):
        self._queries = dict(queries)
        self._by_text = {q.text: q for q in self._queries.values()}

    def get(self, name: str) -> Query:
        try:
            return self._queries[name]
        except KeyError:
            raise KeyError(f"no Cypher query named {name!r} in {CYPHER_DIR}") from None

    def by_text(self, text: str) -> Query | None:
        """The query whose Cypher is `text` (what a transaction is asked to run), or None."""
        return self._by_text.get(text)

    def __contains__(self, name: str) -> bool:
        return name in self._queries

    def names(self, prefix: str = "") -> list[str]:
        return sorted(n for n in self._queries if n.startswith(prefix))


def load(folder: Path = CYPHER_DIR) -> Registry:
    """Load every `*.cypher` below `folder`; raise on the first broken file."""
    queries = {}
    for path in sorted(folder.rglob("*.cypher")):
        name = path.relative_to(folder).with_suffix("").as_posix()
        queries[name] = parse(name, path.read_text())
    return Registry(queries)


_REGISTRY: Registry | None = None


def registry() -> Registry:
    """The process-wide registry, loaded on first use (files never change at run time)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = load()
    return _REGISTRY


def run(tx, query_name: str, /, **params: Any) -> Any:
    """Run the named query in `tx` — the call repositories make."""
    return registry().get(query_name).run(tx, params)
