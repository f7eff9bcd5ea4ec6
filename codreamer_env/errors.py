"""Errors raised for bad input: each names the file, the line or record, and the field."""

from __future__ import annotations

from typing import Any


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

    @classmethod
    def from_validation(cls, exc: Any, *, file: str | None = None, line: int | None = None,
                        node_id: str | None = None, skip: int = 0, prefix: str = "") -> DataError:
        """The first problem a pydantic ValidationError reports, naming its field as a dotted path (`skip`: leading
        path parts to leave out, e.g. a tagged union's tag; `prefix`: where the validated record sits)."""
        err = exc.errors()[0]
        loc = err["loc"][skip:] or err["loc"]
        return cls(err["msg"], file=file, line=line, node_id=node_id, field=prefix + ".".join(map(str, loc)))
