"""Episode records: tool calls, turns, the final email, and whole trajectories with stable content ids."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator


def content_id(obj: Any, n: int = 16) -> str:
    """A stable hex id of a JSON-serialisable object (sorted keys): the sha256 of its orjson bytes.

    Text that is not valid Unicode (a lone surrogate, which orjson refuses) still has an id: such an object is
    written with the standard json module and encoded with "surrogatepass", so each surrogate becomes its three
    WTF-8 bytes. Those bytes never occur in UTF-8, so such an id can never equal the id of valid text, and every
    id of valid text (everything orjson writes) is unchanged.
    """
    try:
        blob = orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # orjson.JSONEncodeError
        blob = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                          allow_nan=True).encode("utf-8", "surrogatepass")
    return hashlib.sha256(blob).hexdigest()[:n]


class FinalEmail(BaseModel):
    """The email an episode ends with."""

    model_config = ConfigDict(extra="forbid")
    subject: str = ""
    body: str = ""
    citations: list[str] = Field(default_factory=list)

    def __init__(self, subject: str = "", body: str = "", citations: list[str] | None = None, **kw: Any) -> None:
        super().__init__(subject=subject, body=body, citations=list(citations or []), **kw)


# ToolCall and ToolResult are made on every env step, so they are slotted stdlib dataclasses (~0.3 us to
# build, against ~2-3 us for a pydantic model). Pydantic validates them as fields of Turn/Trajectory, so a
# trajectory read back from a file is still fully validated.
@dataclass(slots=True)
class ToolCall:
    """One parsed tool call."""

    name: str
    arguments: dict[str, Any] = field(default_factory=dict)
    id: str | None = None

    def model_dump(self) -> dict[str, Any]:
        return {"name": self.name, "arguments": self.arguments, "id": self.id}


@dataclass(slots=True)
class ToolResult:
    """What a tool returned: readable text for the agent, structured data, and whether it succeeded."""

    ok: bool
    content: str
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass(slots=True)
class Turn:
    """One env step: the raw action, the calls parsed from it, and their results."""

    index: int
    action: str | dict[str, Any]
    calls: list[ToolCall] = field(default_factory=list)
    results: list[ToolResult] = field(default_factory=list)
    invalid: int = 0
    parse_error: str | None = None


class Trajectory(BaseModel):
    """A whole episode: scenario, chat messages, turns, final email (or none), and how it ended."""

    model_config = ConfigDict(extra="forbid")
    scenario_id: str
    messages: list[dict[str, Any]]
    turns: list[Turn] = Field(default_factory=list)
    final_email: FinalEmail | None = None
    terminated: bool = False
    truncated: bool = False
    invalid_actions: int = 0
    retrieved_nodes: list[str] = Field(default_factory=list)

    @model_validator(mode="wrap")
    @classmethod
    def _verify_id(cls, data: Any, handler: Any) -> Trajectory:
        # A dumped trajectory carries its id; on the way back in it must match the content.
        given = None
        if isinstance(data, dict) and "id" in data:
            data = dict(data)
            given = data.pop("id")
        obj = handler(data)
        if given is not None and given != obj.id:
            raise ValueError(f"trajectory id {given!r} does not match its content (recomputed {obj.id!r})")
        return obj

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str:
        """Stable content id: same scenario, messages and email give the same id in any process."""
        return content_id({
            "scenario_id": self.scenario_id,
            "messages": self.messages,
            "final_email": self.final_email.model_dump() if self.final_email else None,
        })

    @property
    def tool_calls(self) -> list[ToolCall]:
        return [c for t in self.turns for c in t.calls]
