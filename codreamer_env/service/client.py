"""RemoteSalesEmailEnv: a SalesEmailEnv whose episodes run in a `codreamer-serve` process.

    env = gymnasium.make("codreamer/SalesEmail-v0", remote="ws://host:8000")

`reset` / `step` return what the local env returns (the same observation text, reward, flags and `info`,
with `info["brief"]` a Brief and `info["trajectory"]` a Trajectory whose id is checked against its content),
so agents, `runner.play` and GRPO rollouts take it unchanged. Settings (scenario set, turn limit, judge) are
the server's; a per-episode system prompt still goes in `reset(options={"system_prompt": ...})`.

When the service fails, a call raises `EnvServiceError` (a ConnectionError) with a one-line message; after a
lost connection `reset()` reconnects (a new session), `step()` raises until then.
"""

from __future__ import annotations

import contextlib
import inspect
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import gymnasium as gym
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import ClientConnection, connect

from codreamer_env.scenarios import SET_ALIASES, Scenario, load_scenarios
from codreamer_env.service.models import (
    EnvServiceBusy,
    EnvServiceError,
    EnvState,
    ErrorCode,
    action_frame,
    brief_from_wire,
    dumps,
    loads,
    trajectory_from_wire,
)
from codreamer_env.spaces import TextSpace
from codreamer_env.trajectory import Trajectory

# websockets >= 17.1 wants `legacy=True` to hand back a connection that outlives a `with` block.
_LEGACY = {"legacy": True} if "legacy" in inspect.signature(connect).parameters else {}
_RAISE_AS = {"KeyError": KeyError, "ValueError": ValueError, "TypeError": TypeError}


def ws_url(url: str) -> str:
    """The session endpoint for a server address: ws://host:port -> ws://host:port/ws (http(s) -> ws(s))."""
    parts = urlsplit(url)
    scheme = {"http": "ws", "https": "wss"}.get(parts.scheme, parts.scheme)
    if scheme not in ("ws", "wss") or not parts.netloc:
        raise ValueError(f"remote must be a ws:// (or http://) address such as ws://127.0.0.1:8000, got {url!r}")
    path = parts.path.rstrip("/") or "/ws"
    return urlunsplit((scheme, parts.netloc, path, "messages=delta", ""))


class RemoteSalesEmailEnv(gym.Env[str, str]):
    """SalesEmailEnv played over a WebSocket session on a `codreamer-serve` server (see the module docstring)."""

    metadata = {"render_modes": [], "render_fps": 1}

    def __init__(self, remote: str, *, scenario_set: str | None = None, split: str | None = None,
                 connect_timeout_s: float = 10.0, message_timeout_s: float = 600.0) -> None:
        self.remote = remote
        self.url = ws_url(remote)
        self.connect_timeout_s = connect_timeout_s
        self.message_timeout_s = message_timeout_s
        self._ws: ClientConnection | None = None
        self._connect()
        d = self._describe
        for want, have, what in ((scenario_set, d["scenario_set"], "scenario set"), (split, d["split"], "split")):
            if want is not None and SET_ALIASES.get(want, want) != have:
                self.close()
                raise ValueError(f"the env service at {remote} serves {d['scenario_set']}/{d['split']}, not the "
                                 f"{what} {want!r} asked for: start codreamer-serve with --set/--split to match")
        self.scenario_set, self.split, self.max_turns = d["scenario_set"], d["split"], int(d["max_turns"])
        self.scenario_ids: list[str] = list(d["scenario_ids"])
        self.observation_space = TextSpace(max_length=int(d["observation_max_length"]))
        self.action_space = TextSpace(max_length=int(d["action_max_length"]))
        self._tools: list[dict[str, Any]] = list(d["tools"])
        self._messages: list[dict[str, Any]] = []
        self._brief: tuple[dict[str, Any], Any] | None = None
        self._scenarios: dict[str, Scenario] | None = None
        self._scenario_id: str | None = None
        self._trajectory: Trajectory | None = None

    # ------------------------------------------------------------------ transport
    def _connect(self) -> None:
        try:
            self._ws = connect(self.url, open_timeout=self.connect_timeout_s, max_size=2**24, compression=None,
                               close_timeout=2, **_LEGACY)
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
            raise EnvServiceError(f"cannot reach the env service at {self.remote}: {_one_line(exc)}") from None
        self._describe = self._call({"type": "schema"}, "schema")["env"]

    def _call(self, frame: dict[str, Any] | str, expect: str) -> dict[str, Any]:
        if self._ws is None:
            raise EnvServiceError(f"the connection to the env service at {self.remote} is closed (lost or closed "
                                  "earlier); call reset() to open a new session")
        try:
            self._ws.send(frame if isinstance(frame, str) else dumps(frame))
            raw = self._ws.recv(timeout=self.message_timeout_s)
        except ConnectionClosed as exc:
            last = self._last_frame()  # a server that turns us away says why before it closes (e.g. busy)
            if last is not None and last.get("type") == "error":
                self._raise(last.get("data") or {}, drop=True)
            self._drop()
            raise EnvServiceError(f"lost the connection to the env service at {self.remote} ({_close_reason(exc)}): "
                                  "the server stopped or restarted and this session's episode is gone; call reset() "
                                  "to start a new session") from None
        except TimeoutError:
            self._drop()
            raise EnvServiceError(f"the env service at {self.remote} sent no reply within {self.message_timeout_s:g} s; "
                                  "the connection is closed; call reset() to start a new session") from None
        msg = loads(raw)
        if msg.get("type") == "error":
            self._raise(msg.get("data") or {})
        if msg.get("type") != expect:
            raise EnvServiceError(f"the env service at {self.remote} answered {msg.get('type')!r} to a "
                                  f"{expect!r} request")
        return msg.get("data") or {}

    def _last_frame(self) -> dict[str, Any] | None:
        """A frame still buffered on a closed connection, if any."""
        try:
            msg = loads(self._ws.recv(timeout=0)) if self._ws is not None else None
        except Exception:  # noqa: BLE001 - nothing buffered (or not JSON): there is no reason to report
            return None
        return msg if isinstance(msg, dict) else None

    def _raise(self, err: dict[str, Any], drop: bool = False) -> None:
        code, text = err.get("code"), str(err.get("message", "unknown error"))
        if drop:
            self._drop()
        if code == ErrorCode.CAPACITY_REACHED:
            self._drop()
            raise EnvServiceBusy(f"env service at {self.remote}: {text}")
        if code == ErrorCode.RESET_NEEDED:
            raise gym.error.ResetNeeded(text)
        if code in (ErrorCode.SESSION_TIMEOUT, ErrorCode.SERVER_STOPPING):
            self._drop()
            raise EnvServiceError(f"env service at {self.remote}: {text}")
        exc_type = _RAISE_AS.get(err.get("exception", ""))
        if exc_type is not None:  # the env's own error (an unknown scenario id, a system prompt too long, ...)
            raise exc_type(str(err.get("detail", text)))
        raise EnvServiceError(f"env service at {self.remote}: {text} ({code})")

    def _drop(self) -> None:
        if self._ws is not None:
            with contextlib.suppress(Exception):  # the socket is gone either way
                self._ws.close()
            self._ws = None

    # ------------------------------------------------------------------ gymnasium API
    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
        """Start an episode on the server (reconnecting first if the connection was lost)."""
        super().reset(seed=seed)
        if self._ws is None:
            self._connect()
        data = self._call({"type": "reset", "data": {"seed": seed, "options": options}}, "observation")
        self._messages = []
        self._brief = None
        self._trajectory = None
        obs = data["observation"]
        info = self._info(obs["info"])
        self._scenario_id = info.get("scenario_id")
        return obs["text"], info

    def step(self, action: Any) -> tuple[str, float, bool, bool, dict[str, Any]]:
        """One tool-call step on the server; see SalesEmailEnv.step."""
        data = self._call(action_frame(action), "observation")
        obs = data["observation"]
        info = self._info(obs["info"])
        if "trajectory" in info:
            self._trajectory = info["trajectory"]
        reward = data.get("reward")
        return obs["text"], 0.0 if reward is None else float(reward), obs["terminated"], obs["truncated"], info

    def _info(self, wire: dict[str, Any]) -> dict[str, Any]:
        start = wire.pop("messages_start", None)
        info: dict[str, Any] = {}
        for key, value in wire.items():
            if key == "messages":
                if start is None:  # a server that sends every message
                    self._messages = list(value)
                else:
                    del self._messages[start:]
                    self._messages.extend(value)
                value = list(self._messages)
            elif key == "tools":
                if value is None:
                    value = list(self._tools)
                else:
                    self._tools = list(value)
            elif key == "brief" and value is not None:
                if self._brief is None or self._brief[0] != value:
                    self._brief = (value, brief_from_wire(value))
                value = self._brief[1]
            elif key == "trajectory" and value is not None:
                value = trajectory_from_wire(value)
            info[key] = value
        return info

    def close(self) -> None:
        """End the session (safe to call twice)."""
        if self._ws is not None:
            with contextlib.suppress(Exception):  # closing a dead connection is not an error
                self._ws.send(dumps({"type": "close"}))
            self._drop()

    def __del__(self) -> None:
        # An env dropped without close() must not hold its server session until the idle timeout.
        with contextlib.suppress(Exception):  # interpreter shutdown
            self._drop()

    # ------------------------------------------------------------------ SalesEmailEnv's extras
    def state(self) -> EnvState:
        """The session's state on the server (episode id, step count, scenario, retrieved nodes, ...)."""
        return EnvState.model_validate(self._call({"type": "state"}, "state"))

    @property
    def retrieved_nodes(self) -> list[str]:
        """Ids of the KG nodes the tools have shown this episode (asks the server)."""
        return self.state().retrieved_nodes

    def episode_trajectory(self) -> Trajectory:
        """The episode so far as a Trajectory (asks the server)."""
        return trajectory_from_wire(self._call({"type": "trajectory"}, "trajectory"))

    @property
    def trajectory(self) -> Trajectory | None:
        """The finished episode's trajectory (None while running)."""
        return self._trajectory

    @property
    def scenarios(self) -> list[Scenario]:
        """The served scenarios, loaded here from the same named set (for wrappers and judges that read them)."""
        if self._scenarios is None:
            self._scenarios = {s.id: s for s in load_scenarios(self.scenario_set, self.split)}
        return list(self._scenarios.values())

    @property
    def scenario(self) -> Scenario | None:
        """The current episode's Scenario (loaded here from the served set; None before the first reset)."""
        return None if self._scenario_id is None else self.scenario_by_id(self._scenario_id)

    def scenario_by_id(self, scenario_id: str) -> Scenario:
        """The served scenario with this id (KeyError if it is not one of them)."""
        self.scenarios  # noqa: B018 - loads them
        return self._scenario(scenario_id)

    def _scenario(self, scenario_id: str) -> Scenario:
        assert self._scenarios is not None
        if scenario_id not in self._scenarios:
            raise KeyError(f"scenario {scenario_id!r} is not in this env's scenario set")
        return self._scenarios[scenario_id]


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _close_reason(exc: ConnectionClosed) -> str:
    frame = exc.rcvd or exc.sent
    if frame is None:
        return "connection closed without a close frame"
    return f"close code {frame.code}{' ' + frame.reason if frame.reason else ''}"
