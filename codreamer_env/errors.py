"""Errors raised for bad input: each names the file, the line or record, and the field."""

from __future__ import annotations


class DataError(ValueError):
    """Bad input data; the message names the file, the line or node id, and the field."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        node_id: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.node_id = node_id
        self.field = field
        self.reason = message
        where = []
        if file is not None:
            where.append(f"file {file}")
        if line is not None:
            where.append(f"line {line}")
        if node_id is not None:
            where.append(f"node {node_id!r}")
        if field is not None:
            where.append(f"field {field!r}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
