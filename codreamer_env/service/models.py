"""The env service's wire format: typed Action / Observation / State models (OpenEnv's shapes), error codes, and
the codec that carries actions and `info` across the socket without changing them.

Frames are JSON text, as in OpenEnv's WebSocket protocol (`openenv.core.env_server`):

    client -> server   {"type": "reset", "data": {"seed": 3, "options": {"scenario_id": "..."}}}
                       {"type": "step", "data": {"action": "<tool_call>...</tool_call>"}}   (a SalesEmailAction)
                       {"type": "state"} | {"type": "close"}
                       {"type": "schema"} | {"type": "trajectory"}                          (our extensions)
    server -> client   {"type": "observation", "data": {"observation": {...}, "reward": r, "done": d}}
                       {"type": "state", "data": {...}}            (an EnvState)
                       {"type": "error", "data": {"message": "...", "code": "..."}}

The observation dict holds SalesEmailObservation's fields less OpenEnv's `done` / `reward` / `metadata`, which
sit beside it (OpenEnv's `serialize_observation`). With `/ws?messages=delta` (what our client asks for) each
observation carries only the chat messages added since the last one (`info["messages_start"]` says where
they go) and `info["tools"]` only at reset; a plain OpenEnv client gets the whole `info` every time.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from typing import Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field

from codreamer_env.scenarios import Brief
from codreamer_env.trajectory import Trajectory

PROTOCOL = "openenv-ws"  # OpenEnv's WebSocket frames, plus the "schema" and "trajectory" extensions
PROTOCOL_VERSION = 1


class ErrorCode:
    """The `code` of an error frame: OpenEnv's WSErrorCode values, plus ours (last three)."""

    INVALID_JSON = "INVALID_JSON"
    UNKNOWN_TYPE = "UNKNOWN_TYPE"
    VALIDATION_ERROR = "VALIDATION_ERROR"
    EXECUTION_ERROR = "EXECUTION_ERROR"
    CAPACITY_REACHED = "CAPACITY_REACHED"
    FACTORY_ERROR = "FACTORY_ERROR"
    SESSION_ERROR = "SESSION_ERROR"
    RESET_NEEDED = "RESET_NEEDED"
    SESSION_TIMEOUT = "SESSION_TIMEOUT"
    SERVER_STOPPING = "SERVER_STOPPING"


class EnvServiceError(ConnectionError):
    """The env service could not answer: unreachable, connection lost (server stopped or restarted), timed out,
    or it sent an error frame. The message is one line."""


class EnvServiceBusy(EnvServiceError):
    """The server's session limit is reached; retry later or start the server with a larger --max-sessions."""


class SalesEmailAction(BaseModel):
    """One `step` action: what `SalesEmailEnv.step` accepts, as JSON.

    `action` is the model's raw completion (a string, tool call inside) or a dict in OpenAI's tool-call or
    assistant-message shape; a list of calls and any other JSON value pass through too, and the env turns what
    it cannot use into an error observation, exactly as in-process. Values JSON cannot hold are tagged by
    `kind`: a tuple ("tuple", sent as a list), bytes ("bytes", base64) or anything else ("opaque": its repr,
    with `type_name`; the env answers "unsupported action type <type_name>").
    """

    model_config = ConfigDict(extra="forbid")
    action: Any = Field(description="the raw completion (str) or an OpenAI tool-call / assistant-message dict")
    kind: Literal["json", "tuple", "bytes", "opaque"] = "json"
    type_name: str | None = Field(default=None, description="for kind='opaque': the Python type's name")
    metadata: dict[str, Any] = Field(default_factory=dict, description="OpenEnv's action metadata (unused)")


class ResetData(BaseModel):
    """The `data` of a reset frame: `SalesEmailEnv.reset`'s arguments (`episode_id` as in OpenEnv)."""

    model_config = ConfigDict(extra="forbid")
    seed: int | None = None
    options: dict[str, Any] | None = None
    episode_id: str | None = Field(default=None, max_length=255)


class StepInfo(BaseModel):
    """`info` as it crosses the wire (the env's own keys; any key the env adds passes through)."""

    model_config = ConfigDict(extra="allow")
    messages: list[dict[str, Any]] = Field(description="OpenAI chat messages (only the new ones in delta mode)")
    tools: list[dict[str, Any]] | None = Field(default=None, description="OpenAI tool schemas (None: unchanged)")
    scenario_id: str | None = None
    brief: dict[str, Any] | None = Field(default=None, description="codreamer_env.scenarios.Brief's fields")
    turn: int = 0
    max_turns: int = 0
    invalid_actions: int = 0
    step_invalid: int | None = None
    step_executed: int | None = None
    tool_calls: list[str] | None = None
    trajectory: dict[str, Any] | None = Field(default=None, description="a Trajectory (model_dump), last step only")
    reward_components: dict[str, Any] | None = None
    reward_deferred: bool | None = None
    messages_start: int | None = Field(default=None, description="delta mode: index of messages[0] in the episode")


class SalesEmailObservation(BaseModel):
    """What reset and step return: the observation text, how the episode stands, and `info`.

    On the wire the fields other than `done`, `reward` and `metadata` form the observation dict (OpenEnv's
    `serialize_observation`); `reward` is None after reset.
    """

    model_config = ConfigDict(extra="forbid")
    text: str
    terminated: bool = False
    truncated: bool = False
    info: StepInfo
    done: bool = False
    reward: float | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)


class EnvState(BaseModel):
    """A session's state (OpenEnv's State: `episode_id`, `step_count`, plus ours)."""

    model_config = ConfigDict(extra="allow")
    episode_id: str | None = None
    step_count: int = 0
    session_id: str
    scenario_id: str | None = None
    started: bool = False
    done: bool = True
    terminated: bool = False
    truncated: bool = False
    invalid_actions: int = 0
    max_turns: int
    retrieved_nodes: list[str] = Field(default_factory=list)


# ---------------------------------------------------------------------------------------------- JSON codec
def dumps(obj: Any) -> str:
    """JSON text of `obj`: orjson, or the json module (ASCII escapes) for what orjson refuses (lone surrogates,
    non-string keys, huge ints, deep nesting). Raises TypeError/ValueError if neither can write it."""
    try:
        return orjson.dumps(obj).decode()
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(obj, ensure_ascii=True, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    """Parse JSON text (json module fallback: orjson refuses escaped lone surrogates). Raises ValueError."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def error_frame(code: str, message: str, **extra: Any) -> str:
    """An OpenEnv error frame; the message is made one line."""
    return dumps({"type": "error", "data": {"message": " ".join(str(message).split()), "code": code, **extra}})


# ---------------------------------------------------------------------------------------------- actions
def action_frame(action: Any) -> str:
    """The step frame for `action` (client side); never raises."""
    if isinstance(action, tuple):
        data: dict[str, Any] = {"action": list(action), "kind": "tuple"}
    elif isinstance(action, (bytes, bytearray)):
        data = {"action": base64.b64encode(bytes(action)).decode(), "kind": "bytes"}
    else:
        data = {"action": action}
    try:
        return dumps({"type": "step", "data": data})
    except (TypeError, ValueError, RecursionError):
        pass
    try:
        text: str | None = repr(action)
    except Exception:  # noqa: BLE001 - the env records such an action as <unprintable T>; so do we
        text = None
    return dumps({"type": "step", "data": {"action": text, "kind": "opaque", "type_name": type(action).__name__}})


def _opaque(type_name: str, text: str | None) -> Any:
    """A stand-in for an action JSON could not carry: same type name, same repr (or a repr that raises)."""

    def _repr(self: Any) -> str:
        if text is None:
            raise ValueError("unprintable")
        return text

    return type(type_name or "object", (), {"__repr__": _repr})()


def decode_action(msg: SalesEmailAction) -> Any:
    """The Python action a step frame stands for (server side)."""
    if msg.kind == "tuple":
        return tuple(msg.action) if isinstance(msg.action, list) else msg.action
    if msg.kind == "bytes":
        return base64.b64decode(msg.action) if isinstance(msg.action, str) else msg.action
    if msg.kind == "opaque":
        return _opaque(msg.type_name or "object", msg.action if isinstance(msg.action, str) else None)
    return msg.action


# ---------------------------------------------------------------------------------------------- info
_BRIEF_FIELDS = [f.name for f in dataclasses.fields(Brief)]


def brief_to_wire(brief: Brief) -> dict[str, Any]:
    return {name: getattr(brief, name) for name in _BRIEF_FIELDS}


def brief_from_wire(data: dict[str, Any]) -> Brief:
    data = dict(data)
    data["start_nodes"] = tuple(data.get("start_nodes") or ())
    return Brief(**data)


_TRAJECTORY_FIELDS = ("scenario_id", "messages", "turns", "final_email", "terminated", "truncated", "invalid_actions",
                      "retrieved_nodes")


def trajectory_to_wire(traj: Trajectory) -> dict[str, Any]:
    """`traj.model_dump(mode="json")`, built directly (a fifth of the cost on the server's hot path); falls back
    to model_dump if Trajectory's fields are not the ones this knows."""
    if tuple(type(traj).model_fields) != _TRAJECTORY_FIELDS:
        return traj.model_dump(mode="json")
    fe = traj.final_email
    return {
        "scenario_id": traj.scenario_id, "messages": traj.messages,
        "turns": [{"index": t.index, "action": t.action,
                   "calls": [{"name": c.name, "arguments": c.arguments, "id": c.id} for c in t.calls],
                   "results": [{"ok": r.ok, "content": r.content, "data": r.data, "error": r.error} for r in t.results],
                   "invalid": t.invalid, "parse_error": t.parse_error} for t in traj.turns],
        "final_email": None if fe is None else {"subject": fe.subject, "body": fe.body, "citations": list(fe.citations)},
        "terminated": traj.terminated, "truncated": traj.truncated, "invalid_actions": traj.invalid_actions,
        "retrieved_nodes": list(traj.retrieved_nodes), "id": traj.id,
    }


def trajectory_from_wire(data: dict[str, Any]) -> Trajectory:
    """A Trajectory from its dump; its `id` must match its content (Trajectory's own check)."""
    return Trajectory.model_validate(data)
