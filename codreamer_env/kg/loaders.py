"""Loading a KnowledgeGraph: JSON (a node array or {"nodes": [...]}), JSONL, big JSON streamed node by node,
a columnar fast path (`_arrow`) for big files, and the binary on-disk cache.

Node records (either spelling, per node and per edge):

    {"id": "...", "content": "...", "type": "...", "edges": [{"target": "...", "label": "..."}]}
    {"id": "Customer Job", "content": "...", "edge": [{"target_id": "...", "relationship": "supports",
                                                       "rationale": "..."}]}
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from array import array
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from codreamer_env._io import TEMP_STALE_AFTER_S, _pid_alive, atomic_open, iter_jsonl
from codreamer_env.errors import DataError
from codreamer_env.kg.graph import KnowledgeGraph

DEFAULT_LABEL = "related_to"

_NODE_KEYS = {"id", "content", "type", "edges", "edge"}
_EDGE_KEYS = {"target", "target_id", "label", "relationship"}
_CACHE_ARRAYS = ("text_off", "type_code", "indptr", "indices", "edge_label")
_CACHE_VERSION = 4  # 4: ids stored so that any id (NUL included) and the empty graph round-trip
_STREAM_THRESHOLD = 32 * 1024 * 1024  # JSON files larger than this are parsed node by node
_CHUNK = 16 * 1024 * 1024
_FAST_THRESHOLD = 8 * 1024 * 1024  # files larger than this go through the columnar (Arrow) path first


def from_records(records: Iterable[Mapping[str, Any]], source: str) -> KnowledgeGraph:
    """See KnowledgeGraph.from_records."""
    b = _Builder(source)
    for i, rec in enumerate(records):
        b.add(rec, None if source == "<records>" else i + 1)
    return KnowledgeGraph(**b.finish())


def load(path: str | os.PathLike[str], cache: bool | None) -> KnowledgeGraph:
    """See KnowledgeGraph.load."""
    path = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DataError("no such file", file=path, field="(path)") from None
    use_cache = st.st_size > _STREAM_THRESHOLD if cache is None else cache
    cache_file = _cache_path(path, st) if use_cache else None
    if cache_file is not None and cache_file.exists():
        try:
            return KnowledgeGraph(**_load_cache(cache_file, path))
        except Exception:  # noqa: BLE001 - a stale or torn cache is rebuilt, never trusted
            pass
    args = _parse(path, st.st_size)
    if cache_file is not None:
        _save_cache(args, cache_file)
    return KnowledgeGraph(**args)


def _parse(path: str, size: int) -> dict[str, Any]:
    """The KnowledgeGraph constructor's arguments for the file at `path`."""
    lower = path.lower()
    jsonl = lower.endswith((".jsonl", ".ndjson"))
    if size > _FAST_THRESHOLD:
        from codreamer_env.kg._arrow import arrow_build

        built = arrow_build(path, jsonl)
        if built is not None:
            return built
        # Anything unusual: re-parse exactly, so the error names file, line, node and field.
    b = _Builder(path)
    if jsonl:
        for lineno, rec in iter_jsonl(path):
            b.add(rec, lineno)
        return b.finish()
    if size > _STREAM_THRESHOLD:
        for nodes, body, base in _iter_json_array_stream(path):
            lines = _object_lines(body, base, top=0) if len(nodes) < 4096 else None
            for k, rec in enumerate(nodes):
                b.add(rec, lines[k] if lines else None)
        return b.finish()
    raw = Path(path).read_bytes()
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise DataError(f"malformed JSON: {exc.msg}", file=path, line=exc.lineno, field="(json)") from None
    top = 1
    if isinstance(doc, dict) and "nodes" in doc:
        doc, top = doc["nodes"], 2
    if not isinstance(doc, list):
        raise DataError("expected a JSON array of nodes (or an object with 'nodes')", file=path, line=1, field="(root)")
    lines = _object_lines(raw, 1, top=top)
    for k, rec in enumerate(doc):
        b.add(rec, lines[k] if k < len(lines) else None)
    return b.finish()


def _save_cache(args: dict[str, Any], cache_file: Path) -> None:
    """Write the binary cache atomically (see `_io.atomic_open`: no torn file, no temp file left behind).

    Node ids are stored NUL-joined when no id contains a NUL (the fast, common case), else concatenated with
    character offsets, so any id round-trips; `meta["n"]` makes the empty graph unambiguous."""
    ids = args["ids"]
    n = len(ids)
    joined = "\x00".join(ids)
    meta: dict[str, Any] = {"v": _CACHE_VERSION, "n": n, "types": args["types"], "labels": args["labels"]}
    id_arrays: dict[str, np.ndarray] = {}
    if n and joined.count("\x00") == n - 1:
        meta["ids"] = "nul"
        blob = joined.encode("utf-8")
    else:
        meta["ids"] = "off"
        blob = "".join(ids).encode("utf-8")
        off = np.zeros(n + 1, dtype=np.int64)
        if n:
            np.cumsum(np.fromiter(map(len, ids), dtype=np.int64, count=n), out=off[1:])
        id_arrays["ids_off"] = off
    for key in ("attrs", "edge_attrs"):
        meta[key] = {str(k): v for k, v in args[key].items()}
    _clean_legacy_temps(cache_file)
    with atomic_open(cache_file) as fh:
        np.savez(fh, ids=np.frombuffer(blob, dtype=np.uint8), **id_arrays,
                 text=np.frombuffer(args["text"], dtype=np.uint8), **{k: args[k] for k in _CACHE_ARRAYS},
                 meta=np.frombuffer(orjson.dumps(meta), dtype=np.uint8))


def _clean_legacy_temps(cache_file: Path) -> None:
    """Remove `<cache>.npz.<pid>.tmp` files that earlier versions left when killed mid-write (their writer is
    gone, or they are over an hour old); today's writes go through `atomic_open`, which cleans its own."""
    with contextlib.suppress(OSError):
        for tmp in cache_file.parent.glob(cache_file.name + ".*.tmp"):
            pid = tmp.name[len(cache_file.name) + 1 : -4]
            if pid.isdigit() and (not _pid_alive(int(pid)) or time.time() - tmp.stat().st_mtime > TEMP_STALE_AFTER_S):
                with contextlib.suppress(OSError):
                    tmp.unlink()


def _load_cache(cache_file: Path, source: str) -> dict[str, Any]:
    with np.load(cache_file) as z:
        meta = orjson.loads(z["meta"].tobytes())
        if meta.get("v") != _CACHE_VERSION:
            raise ValueError("cache version")
        n = meta["n"]
        blob = z["ids"].tobytes().decode("utf-8")
        if meta["ids"] == "nul":
            ids = blob.split("\x00")
        else:
            off = z["ids_off"].tolist()
            ids = [blob[a:b] for a, b in zip(off, off[1:], strict=False)]
        args = {k: z[k] for k in _CACHE_ARRAYS}
        text = z["text"].tobytes()
    if len(ids) != n or len(args["text_off"]) != n + 1 or len(args["indptr"]) != n + 1:
        raise ValueError("cache shape")
    for key in ("attrs", "edge_attrs"):
        args[key] = {int(k): v for k, v in meta[key].items()}
    index = dict(zip(ids, range(len(ids)), strict=True))
    return {**args, "ids": ids, "index": index, "text": text, "types": meta["types"], "labels": meta["labels"],
            "source": source}


def _cache_path(path: str, st: os.stat_result) -> Path:
    root = Path(os.environ.get("CODREAMER_CACHE", Path.home() / ".cache" / "codreamer_env")) / "kg"
    key = hashlib.sha256(f"{os.path.abspath(path)}|{st.st_size}|{st.st_mtime_ns}|{_CACHE_VERSION}".encode()).hexdigest()
    return root / f"{key[:32]}.npz"


class _Builder:
    """Accumulates nodes into compact arrays while a source is parsed; resolves edges at the end."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.ids: list[str] = []
        self.index: dict[str, int] = {}
        self.text = bytearray()
        self.text_off = array("q", [0])
        self.type_code = array("i")
        self.types: list[str] = []
        self._type_index: dict[str, int] = {}
        self.indptr = array("q", [0])
        self.targets: list[str] = []
        self.edge_label = array("i")
        self.labels: list[str] = []
        self._label_index: dict[str, int] = {}
        self.attrs: dict[int, dict[str, Any]] = {}
        self.edge_attrs: dict[int, dict[str, Any]] = {}
        self.node_line: dict[int, int] = {}

    def _code(self, table: list[str], index: dict[str, int], value: str) -> int:
        code = index.get(value)
        if code is None:
            code = index[value] = len(table)
            table.append(value)
        return code

    def add(self, node: Any, line: int | None) -> None:
        src = self.source
        if not isinstance(node, dict):
            raise DataError(f"a node must be a JSON object, got {type(node).__name__}", file=src, line=line, field="(node)")
        nid = node.get("id")
        if nid is None:
            raise DataError("missing required field", file=src, line=line, field="id")
        if not isinstance(nid, str) or not nid:
            raise DataError("node id must be a non-empty string", file=src, line=line, field="id")
        if nid in self.index:
            raise DataError("duplicate node id", file=src, line=line, node_id=nid, field="id")
        content = node.get("content")
        if content is None:
            raise DataError("missing required field", file=src, line=line, node_id=nid, field="content")
        if not isinstance(content, str):
            raise DataError("content must be a string", file=src, line=line, node_id=nid, field="content")
        ntype = node.get("type")
        if ntype is not None and not isinstance(ntype, str):
            raise DataError("type must be a string", file=src, line=line, node_id=nid, field="type")
        i = len(self.ids)
        self.index[nid] = i
        self.ids.append(nid)
        if line is not None:
            self.node_line[i] = line
        self.text += content.encode("utf-8")
        self.text_off.append(len(self.text))
        self.type_code.append(-1 if ntype is None else self._code(self.types, self._type_index, ntype))
        if len(node) > 2 + ("type" in node) + ("edges" in node) + ("edge" in node):
            extra = {k: v for k, v in node.items() if k not in _NODE_KEYS}
            if extra:
                self.attrs[i] = extra
        edges = node.get("edges")
        key = "edges"
        if edges is None:
            edges = node.get("edge")
            key = "edge"
        elif "edge" in node:
            raise DataError("both 'edges' and 'edge' given; use one", file=src, line=line, node_id=nid, field="edge")
        if edges is None:
            edges = []
        if not isinstance(edges, list):
            raise DataError("must be a list of edge objects", file=src, line=line, node_id=nid, field=key)
        for j, edge in enumerate(edges):
            if not isinstance(edge, dict):
                raise DataError("an edge must be a JSON object", file=src, line=line, node_id=nid, field=f"{key}[{j}]")
            target = edge.get("target")
            if target is None:
                target = edge.get("target_id")
            if target is None:
                raise DataError("missing required field", file=src, line=line, node_id=nid, field=f"{key}[{j}].target")
            if not isinstance(target, str):
                raise DataError("edge target must be a string", file=src, line=line, node_id=nid, field=f"{key}[{j}].target")
            label = edge.get("label")
            if label is None:
                label = edge.get("relationship", DEFAULT_LABEL)
            if not isinstance(label, str):
                raise DataError("edge label must be a string", file=src, line=line, node_id=nid, field=f"{key}[{j}].label")
            e = len(self.targets)
            self.targets.append(target)
            self.edge_label.append(self._code(self.labels, self._label_index, label))
            # Anything beyond target and label is kept: a two-key {"target", "rationale"} edge too.
            if len(edge) > 1 + ("label" in edge or "relationship" in edge):
                extra = {k: v for k, v in edge.items() if k not in _EDGE_KEYS}
                if extra:
                    self.edge_attrs[e] = extra
        self.indptr.append(len(self.targets))

    def finish(self) -> dict[str, Any]:
        """The KnowledgeGraph constructor's arguments; DataError names the first edge to an unknown node."""
        index = self.index
        try:
            indices = np.fromiter((index[t] for t in self.targets), dtype=np.int32, count=len(self.targets))
        except KeyError as exc:
            missing = exc.args[0]
            e = self.targets.index(missing)
            src_node = int(np.searchsorted(np.frombuffer(self.indptr, dtype=np.int64), e, side="right")) - 1
            raise DataError(
                f"edge points to unknown node {missing!r}",
                file=self.source,
                line=self.node_line.get(src_node),
                node_id=self.ids[src_node],
                field="edges.target",
            ) from None
        return dict(
            ids=self.ids,
            index=index,
            text=bytes(self.text),
            text_off=np.frombuffer(self.text_off, dtype=np.int64).copy(),
            type_code=np.frombuffer(self.type_code, dtype=np.int32).copy(),
            types=self.types,
            indptr=np.frombuffer(self.indptr, dtype=np.int64).copy(),
            indices=indices,
            edge_label=np.frombuffer(self.edge_label, dtype=np.int32).copy(),
            labels=self.labels,
            attrs=self.attrs,
            edge_attrs=self.edge_attrs,
            source=self.source,
        )


def _iter_json_array_stream(path: str) -> Iterator[tuple[list[Any], bytes, int]]:
    """Yield batches of node objects from a JSON array file without materialising the whole document.

    The splitter finds top-level object boundaries with vectorised scans (quotes, escapes, braces), then
    hands each batch of complete objects to orjson. Yields (nodes, chunk, line number where the chunk starts).
    """
    with open(path, "rb") as fh:
        carry = b""
        line_base = 1
        started = False
        while True:
            block = fh.read(_CHUNK)
            buf = carry + block
            if not started:
                stripped = buf.lstrip()
                if not stripped:
                    if not block:
                        raise DataError("empty file", file=path, field="(json)")
                    carry = buf
                    continue
                if stripped[:1] != b"[":
                    raise DataError("a streamed KG file must be a JSON array of nodes", file=path, line=1, field="(json)")
                skip = len(buf) - len(stripped) + 1
                line_base += buf.count(b"\n", 0, skip)
                buf = buf[skip:]
                started = True
            end = _scan(buf)[0]
            if end < 0:
                if not block:
                    tail = buf.strip().rstrip(b"]").strip().strip(b",").strip()
                    if tail:
                        raise DataError("malformed JSON: unterminated node object", file=path, line=line_base, field="(json)")
                    return
                carry = buf
                continue
            body = buf[: end + 1]
            rest = buf[end + 1 :]
            try:
                nodes = orjson.loads(b"[" + body.lstrip().lstrip(b",") + b"]")
            except orjson.JSONDecodeError as exc:
                raise DataError(
                    f"malformed JSON: {exc.msg}", file=path, line=line_base + exc.lineno - 1, field="(json)"
                ) from None
            yield nodes, body, line_base
            line_base += body.count(b"\n")
            carry = rest
            if not block:
                tail = rest.strip()
                if tail not in (b"]", b""):
                    raise DataError("malformed JSON after the last node", file=path, line=line_base, field="(json)")
                return


def _unescaped_quotes(a: np.ndarray, buf: bytes) -> np.ndarray:
    """Positions of the double quotes in `buf` (as uint8 array `a`) that open or close JSON strings."""
    quotes = np.flatnonzero(a == 34)
    if quotes.size:
        esc = quotes[(quotes > 0) & (a[np.maximum(quotes - 1, 0)] == 92)]
        if esc.size:
            # A quote preceded by an odd run of backslashes is escaped. Rare: resolve in Python.
            drop = []
            for q in esc.tolist():
                k = q - 1
                while k >= 0 and buf[k] == 92:
                    k -= 1
                if (q - 1 - k) % 2 == 1:
                    drop.append(q)
            if drop:
                quotes = np.setdiff1d(quotes, np.asarray(drop, dtype=quotes.dtype), assume_unique=True)
    return quotes


def _scan(buf: bytes) -> tuple[int, np.ndarray]:
    """(end of the last complete top-level object in `buf` or -1, positions of top-level commas before it)."""
    a = np.frombuffer(buf, dtype=np.uint8)
    quotes = _unescaped_quotes(a, buf)
    struct = np.flatnonzero((a == 123) | (a == 125) | (a == 44))
    struct = struct[(np.searchsorted(quotes, struct) % 2) == 0]
    ch = a[struct]
    step = np.where(ch == 123, 1, np.where(ch == 125, -1, 0))
    depth = np.cumsum(step)
    closes = np.flatnonzero((depth == 0) & (step == -1))
    if closes.size == 0:
        return -1, np.empty(0, dtype=np.int64)
    end = int(struct[closes[-1]])
    commas = struct[(ch == 44) & (depth == 0) & (struct < end)]
    return end, commas


def _object_lines(raw: bytes, base: int, top: int) -> list[int]:
    """Line numbers where each top-level object of a JSON array starts (for located errors)."""
    a = np.frombuffer(raw, dtype=np.uint8)
    quotes = _unescaped_quotes(a, raw)
    br = np.flatnonzero((a == 123) | (a == 125) | (a == 91) | (a == 93))
    br = br[(np.searchsorted(quotes, br) % 2) == 0]
    if br.size == 0:
        return []
    step = np.where((a[br] == 123) | (a[br] == 91), 1, -1)
    depth_before = np.cumsum(step) - step
    # `top` is the bracket depth at which node objects open: 1 in a bare array, 2 under {"nodes": [...]},
    # 0 in a stream chunk that starts after the array's opening bracket.
    starts = br[(a[br] == 123) & (depth_before == top)]
    nl = np.flatnonzero(a == 10)
    return (np.searchsorted(nl, starts) + base).tolist()

