"""Streaming readers: one row at a time with its line number, never a whole file in memory.

Why line numbers: rejects name the line a person can open in an editor, and `--resume`
skips every line up to the last committed one. CSV lines are the physical line on which a
record ends (a quoted field may span lines); JSONL lines are 1-based file lines.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

__all__ = ["Row", "read_rows", "csv_values", "detect_format", "FORMATS"]

FORMATS = ("csv", "jsonl")
csv.field_size_limit(64 * 1024 * 1024)  # long note bodies are fine; the default 128 KiB is not


@dataclass
class Row:
    """One input record: its line, its raw fields, or why it could not be parsed."""

    line: int
    data: dict
    error: str | None = None


def detect_format(path: Path, fmt: str | None = None) -> str:
    """`csv` or `jsonl`, from `fmt` or the file suffix (`.json`/`.ndjson` count as JSONL)."""
    if fmt:
        return fmt
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    return "csv"


def csv_values(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str], str | None]]]:
    """(header, rows as (line, values, error)) of a CSV file: the lists `csv.reader` gives, for
    callers that index columns instead of building a dict per row (`--initial`'s conversion)."""
    f = open(path, newline="", encoding="utf-8-sig")  # -sig: Excel/HubSpot exports start with a BOM
    reader = csv.reader(f)
    header = [h.strip() for h in next(reader, None) or []]
    width = len(header)
    if not header:
        f.close()

    def rows():
        with f:
            if not header:
                return
            for values in reader:
                if not values or (len(values) == 1 and not values[0].strip()):
                    continue
                if len(values) != width:
                    yield reader.line_num, values, f"malformed CSV: {len(values)} fields, header has {width}"
                    continue
                yield reader.line_num, values, None
    return header, rows()


def _read_csv(path: Path) -> Iterator[Row]:
    header, rows = csv_values(path)
    for line, values, error in rows:
        yield Row(line, dict(zip(header, values)), error)


def _read_jsonl(path: Path) -> Iterator[Row]:
    with open(path, encoding="utf-8-sig") as f:
        for number, text in enumerate(f, start=1):
            if not text.strip():
                continue
            try:
                data = json.loads(text)
            except ValueError as exc:
                yield Row(number, {"_raw": text.rstrip("\n")}, f"malformed JSON: {exc}")
                continue
            if not isinstance(data, dict):
                yield Row(number, {"_raw": data}, "malformed JSON: each line must be an object")
                continue
            yield Row(number, data)


def read_rows(path: Path | str, fmt: str | None = None, start_after: int = 0) -> Iterator[Row]:
    """Rows of a CSV (header line first) or JSONL file, skipping lines ≤ `start_after`."""
    path = Path(path)
    reader = _read_jsonl if detect_format(path, fmt) == "jsonl" else _read_csv
    for row in reader(path):
        if row.line > start_after:
            yield row
