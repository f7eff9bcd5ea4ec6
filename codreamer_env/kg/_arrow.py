"""Columnar fast path for big KG files: chunked JSON-array splitting -> Arrow -> CSR, no per-edge objects.

Used for files above a size threshold. It validates in bulk; on anything unexpected (missing fields, wrong
types, duplicate ids, unknown targets, mixed node spellings) it returns None and the caller re-parses with
the exact Python builder, whose DataError names the file, line, node and field.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable
from typing import Any

import numpy as np

from codreamer_env.kg.loaders import DEFAULT_LABEL, _scan

_CHUNK = 64 * 1024 * 1024


def _no_temporal(ty: Any) -> Any:
    """`ty` with every timestamp/date/time type (Arrow infers them from date-like strings) replaced by string."""
    import pyarrow as pa

    if pa.types.is_timestamp(ty) or pa.types.is_date(ty) or pa.types.is_time(ty) or pa.types.is_duration(ty):
        return pa.string()
    if pa.types.is_list(ty):
        return pa.list_(ty.value_field.with_type(_no_temporal(ty.value_type)))
    if pa.types.is_large_list(ty):
        return pa.large_list(ty.value_field.with_type(_no_temporal(ty.value_type)))
    if pa.types.is_struct(ty):
        return pa.struct([ty.field(k).with_type(_no_temporal(ty.field(k).type)) for k in range(ty.num_fields)])
    return ty


def _read_json(source: Any, **opts: Any) -> Any:
    """pyarrow's JSON reader, with strings kept as strings: the reader turns strings that look like dates
    ("2024-01-05", "2024-01-05T10:00:00") into timestamps, so a table that got any is read again with an explicit
    schema that says string there (the exact loader keeps the text as written)."""
    import pyarrow as pa
    import pyarrow.json as pj

    data = source if isinstance(source, (bytes, bytearray)) else None
    table = pj.read_json(io.BytesIO(data) if data is not None else source, **opts)
    schema = pa.schema([f.with_type(_no_temporal(f.type)) for f in table.schema])
    if schema.equals(table.schema):
        return table
    base = opts.pop("parse_options", None) or pj.ParseOptions()
    parse = pj.ParseOptions(explicit_schema=schema, newlines_in_values=base.newlines_in_values,
                            unexpected_field_behavior="infer")
    table = pj.read_json(io.BytesIO(data) if data is not None else source, parse_options=parse, **opts)
    if not pa.schema([f.with_type(_no_temporal(f.type)) for f in table.schema]).equals(table.schema):
        raise pa.ArrowInvalid("date-like strings could not be kept as strings")
    return table


def _json_array_tables(path: str) -> list[Any] | None:
    import pyarrow.json as pj

    opts = pj.ParseOptions(newlines_in_values=True)
    tables = []
    with open(path, "rb") as fh:
        carry = b""
        started = False
        while True:
            block = fh.read(_CHUNK)
            buf = carry + block
            if not started:
                s = buf.lstrip()
                if not s:
                    if not block:
                        return None
                    continue
                if s[:1] != b"[":
                    return None
                buf = s[1:]
                started = True
            end, commas = _scan(buf)
            if end < 0:
                if not block:
                    return None if buf.strip() not in (b"]", b"") else tables
                carry = buf
                continue
            body = bytearray(buf[: end + 1])
            if commas.size:
                np.frombuffer(body, dtype=np.uint8)[commas] = 32  # top-level separators -> spaces
            lead = body.lstrip()
            if lead[:1] == b",":
                body = bytearray(lead[1:])
            tables.append(_read_json(bytes(body), parse_options=opts))
            carry = buf[end + 1 :]
            if not block:
                return tables if carry.strip() in (b"]", b"") else None


def _plain(ty: Any) -> bool:
    import pyarrow as pa

    return pa.types.is_string(ty) or pa.types.is_boolean(ty) or pa.types.is_int64(ty) or pa.types.is_null(ty)


def _exact_attr(col: Any, spells_null: Callable[[], bool]) -> bool:
    """Whether an extra-attribute column gives exactly the values the exact loader keeps. Not so: a double column
    holding integral values (the source may have had `1` in one record and `1.5` in another), structs (keys missing
    in one record come back as None), lists of anything but plain values, and nulls when the source spells out
    `null` somewhere (an explicit null is kept by the exact loader, a missing key is not; Arrow cannot tell)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ty = col.type
    if pa.types.is_floating(ty):
        if pc.any(pc.equal(col, pc.floor(col))).as_py():
            return False
    elif pa.types.is_list(ty) or pa.types.is_large_list(ty):
        if not _plain(ty.value_type):
            return False
    elif not _plain(ty):
        return False
    return not col.null_count or not spells_null()


def _spells_null(path: str) -> bool:
    """Whether the file has a `null` literal (a `null` after `:`, `,` or `[`; inside a string it only costs a
    needless fallback)."""
    with open(path, "rb") as fh:
        tail = b""
        while block := fh.read(_CHUNK):
            buf = tail + block
            if b"null" in buf and _NULL_RE.search(buf):
                return True
            tail = buf[-64:]
    return False


_NULL_RE = re.compile(rb"[:,\[]\s*null")


def arrow_build(path: str, jsonl: bool) -> dict[str, Any] | None:
    """Parse and index `path` column-wise; the KnowledgeGraph constructor's arguments, or None to fall back."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.json as pj
    except ImportError:  # pragma: no cover - pyarrow comes with `datasets`
        return None
    try:
        if jsonl:
            tables = [_read_json(path, read_options=pj.ReadOptions(block_size=16 << 20))]
        else:
            tables = _json_array_tables(path)
        if not tables:
            return None
        table = pa.concat_tables(tables, promote_options="permissive").combine_chunks()
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    names = set(table.column_names)
    spells_null = functools.cache(lambda: _spells_null(path))  # read at most once, only when an attribute has nulls
    if "id" not in names or "content" not in names or ("edges" in names and "edge" in names):
        return None
    ids_arr = table.column("id").chunk(0) if table.num_rows else pa.array([], pa.string())
    content = table.column("content").chunk(0)
    if not pa.types.is_string(ids_arr.type) or not pa.types.is_string(content.type):
        return None
    if ids_arr.null_count or content.null_count:
        return None
    n = table.num_rows
    ids = ids_arr.to_pylist()
    index = dict(zip(ids, range(n), strict=True))
    if len(index) != n or "" in index:
        return None  # duplicate or empty ids: the exact builder names them
    # Node texts: one UTF-8 blob with int64 offsets.
    lc = content.cast(pa.large_string())
    offs = np.frombuffer(lc.buffers()[1], dtype=np.int64)[lc.offset : lc.offset + n + 1]
    text = lc.buffers()[2].to_pybytes()[offs[0] : offs[-1]] if n else b""
    text_off = (offs - offs[0]).astype(np.int64)
    # Types as small-integer codes.
    types: list[str] = []
    type_code = np.full(n, -1, dtype=np.int32)
    if "type" in names:
        tcol = table.column("type").chunk(0)
        if not (pa.types.is_string(tcol.type) or pa.types.is_null(tcol.type)):
            return None
        if pa.types.is_string(tcol.type):
            enc = tcol.dictionary_encode()
            types = enc.dictionary.to_pylist()
            type_code = enc.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int32)
    # Edges: list<struct<target|target_id, label|relationship, rationale, ...>>.
    ecol_name = "edges" if "edges" in names else ("edge" if "edge" in names else None)
    labels: list[str] = []
    edge_attrs: dict[int, dict[str, Any]] = {}
    if ecol_name is None:
        indptr = np.zeros(n + 1, dtype=np.int64)
        indices = np.empty(0, dtype=np.int32)
        edge_label = np.empty(0, dtype=np.int32)
    else:
        ecol = table.column(ecol_name).chunk(0)
        if not pa.types.is_list(ecol.type):
            return None
        offsets = ecol.offsets.to_numpy().astype(np.int64)
        indptr = offsets - offsets[0]
        values = ecol.values.slice(int(offsets[0]), int(offsets[-1] - offsets[0]))
        m = len(values)
        if m == 0:
            indices = np.empty(0, dtype=np.int32)
            edge_label = np.empty(0, dtype=np.int32)
        else:
            if not pa.types.is_struct(values.type):
                return None
            fields = {values.type.field(k).name for k in range(values.type.num_fields)}
            tgt = None
            for key in ("target", "target_id"):
                if key in fields:
                    col = values.field(key)
                    if not (pa.types.is_string(col.type) or pa.types.is_null(col.type)):
                        return None
                    col = col.cast(pa.string())
                    tgt = col if tgt is None else pc.coalesce(tgt, col)
            if tgt is None or tgt.null_count:
                return None
            lab = None
            for key in ("label", "relationship"):
                if key in fields:
                    col = values.field(key)
                    if not (pa.types.is_string(col.type) or pa.types.is_null(col.type)):
                        return None
                    col = col.cast(pa.string())
                    lab = col if lab is None else pc.coalesce(lab, col)
            lab = pa.array([DEFAULT_LABEL] * m, pa.string()) if lab is None else lab.fill_null(DEFAULT_LABEL)
            found = pc.index_in(tgt, value_set=ids_arr)
            if found.null_count:
                return None  # an edge to an unknown node: the exact builder names it
            indices = found.to_numpy(zero_copy_only=False).astype(np.int32)
            enc = lab.dictionary_encode()
            labels = enc.dictionary.to_pylist()
            edge_label = enc.indices.to_numpy(zero_copy_only=False).astype(np.int32)
            for key in sorted(fields - {"target", "target_id", "label", "relationship"}):
                col = values.field(key)
                if not _exact_attr(col, spells_null):
                    return None
                valid = np.flatnonzero(col.is_valid().to_numpy(zero_copy_only=False))
                if valid.size:
                    vals = col.take(pa.array(valid)).to_pylist()
                    for e, v in zip(valid.tolist(), vals, strict=True):
                        edge_attrs.setdefault(e, {})[key] = v
    attrs: dict[int, dict[str, Any]] = {}
    for key in sorted(names - {"id", "content", "type", "edges", "edge"}):
        col = table.column(key).chunk(0)
        if not _exact_attr(col, spells_null):
            return None
        valid = np.flatnonzero(col.is_valid().to_numpy(zero_copy_only=False))
        if valid.size:
            vals = col.take(pa.array(valid)).to_pylist()
            for i, v in zip(valid.tolist(), vals, strict=True):
                attrs.setdefault(i, {})[key] = v
    return {
        "ids": ids, "index": index, "text": text, "text_off": text_off, "type_code": type_code, "types": types,
        "indptr": indptr.astype(np.int64), "indices": indices, "edge_label": edge_label, "labels": labels,
        "attrs": attrs, "edge_attrs": edge_attrs, "source": path,
    }
