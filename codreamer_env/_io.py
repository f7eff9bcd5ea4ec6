"""Small file helpers: atomic writes and JSON(L) reading with located errors."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from codreamer_env.errors import DataError


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` so that readers see either the old file or the new one, never a mix."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        # The old file is untouched; remove the partial temp file.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable (not every filesystem allows it)
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def atomic_write_json(path: str | os.PathLike[str], obj: Any, *, indent: bool = True) -> None:
    """Serialise `obj` as JSON (numpy scalars and arrays included) and write it atomically."""
    opts = orjson.OPT_SORT_KEYS | orjson.OPT_SERIALIZE_NUMPY | (orjson.OPT_INDENT_2 if indent else 0)
    atomic_write_bytes(path, orjson.dumps(obj, option=opts) + b"\n")


def read_json(path: str | os.PathLike[str]) -> Any:
    """Read one JSON document; a syntax error names the file and line."""
    raw = Path(path).read_bytes()
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise DataError(f"malformed JSON: {exc.msg}", file=str(path), line=exc.lineno, field="(json)") from None


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[tuple[int, Any]]:
    """Yield (line number, parsed object) for each non-blank line; a bad line raises a located DataError."""
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield lineno, orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise DataError(f"malformed JSON: {exc.msg}", file=str(path), line=lineno, field="(json)") from None


def loads_lenient(text: str) -> Any:
    """Decode JSON that a model may have wrapped in prose: the whole text, else its outermost {...} or [...]
    span. Raises ValueError when neither decodes."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass
    for open_, close in (("{", "}"), ("[", "]")):
        a, b = text.find(open_), text.rfind(close)
        if 0 <= a < b:
            try:
                return orjson.loads(text[a : b + 1])
            except orjson.JSONDecodeError:
                continue
    raise ValueError("not valid JSON")


def read_jsonl_rows(path: str | os.PathLike[str], *, repair: bool = False) -> list[dict[str, Any]]:
    """Rows of a JSONL log (e.g. a trajectories.jsonl). A torn line (a crash mid-write) is skipped; with
    `repair`, the file is rewritten atomically with only the valid rows, so an append cannot glue onto it."""
    rows: list[dict[str, Any]] = []
    path = Path(path)
    if not path.exists():
        return rows
    raw = path.read_bytes()
    bad = 0
    for line in raw.splitlines():
        if not line.strip():
            continue
        try:
            rows.append(orjson.loads(line))
        except orjson.JSONDecodeError:
            bad += 1
    if repair and (bad or (raw and not raw.endswith(b"\n"))):
        atomic_write_bytes(path, b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return rows
