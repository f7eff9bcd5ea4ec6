"""Episode records: tool calls, turns, the final email, and whole trajectories with stable content ids."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, computed_field


def content_id(obj: Any, n: int = 16) -> str:
    """A stable hex id of a JSON-serialisable object (sorted keys)."""
    return hashlib.sha256(orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)).hexdigest()[:n]


class FinalEmail(BaseModel):
    """The email an episode ends with."""

    model_config = ConfigDict(extra="forbid")
    subject: str = ""
    body: str = ""
    citations: list[str] = Field(default_factory=list)

    def __init__(self, subject: str = "", body: str = "", citations: list[str] | None = None, **kw: Any) -> None:
        super().__init__(subject=subject, body=body, citations=list(citations or []), **kw)


class ToolCall(BaseModel):
    """One parsed tool call."""

    model_config = ConfigDict(extra="forbid")
    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    id: str | None = None


class ToolResult(BaseModel):
    """What a tool returned: readable text for the agent, structured data, and whether it succeeded."""

    model_config = ConfigDict(extra="forbid")
    ok: bool
    content: str
    data: dict[str, Any] = Field(default_factory=dict)
    error: str | None = None


class Turn(BaseModel):
    """One env step: the raw action, the calls parsed from it, and their results."""

    model_config = ConfigDict(extra="forbid")
    index: int
    action: str | dict[str, Any]
    calls: list[ToolCall] = Field(default_factory=list)
    results: list[ToolResult] = Field(default_factory=list)
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
