"""`codreamer-serve`: SalesEmailEnv as a network service, speaking OpenEnv's WebSocket protocol.

    codreamer-serve --port 8000 --set default-v2 [--split test] [--max-sessions 64] [--idle-timeout 300]

Each WebSocket connection to `/ws` is one session with its own env (envs are pooled and reused, each reset
starts clean). Frames are described in `codreamer_env.service.models`. HTTP GET serves `/health`, `/schema`,
`/metadata` and `/env` (the served env's settings). A connection beyond `--max-sessions` gets one error frame
(code CAPACITY_REACHED, "server busy ...") and is closed; a session idle for `--idle-timeout` seconds gets a
SESSION_TIMEOUT error frame and is closed; a client that disappears frees its session at once (TCP close) or
within about 40 s (keepalive pings). A bad frame gets an error frame and the session carries on.

Envs run on the event loop thread: a step is tens of microseconds, a judged final step a few milliseconds, and
a thread hop per step would cost more than it saves under the GIL.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http
import logging
import signal
import sys
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic import ValidationError
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from codreamer_env.env import SalesEmailEnv
from codreamer_env.scenarios import DEFAULT_SET, SET_ALIASES, Brief, load_scenarios
from codreamer_env.service.models import (
    PROTOCOL,
    PROTOCOL_VERSION,
    EnvState,
    ErrorCode,
    ResetData,
    SalesEmailAction,
    SalesEmailObservation,
    brief_to_wire,
    decode_action,
    dumps,
    error_frame,
    loads,
    trajectory_to_wire,
)
from codreamer_env.trajectory import Trajectory

log = logging.getLogger("codreamer_env.service")
MAX_FRAME_BYTES = 8 * 2**20  # an action is at most 50k characters; an observation at most 16k


@dataclass
class _Session:
    id: str
    env: SalesEmailEnv
    ws: ServerConnection
    delta: bool
    last_active: float
    started: bool = False
    sent: int = 0  # messages of this episode already sent (delta mode)
    episode_id: str | None = None
    briefs: dict[int, dict[str, Any]] = field(default_factory=dict)


class EnvService:
    """Serves SalesEmailEnv sessions over WebSocket (one env per connection, at most `max_sessions`)."""

    def __init__(self, scenario_set: str = DEFAULT_SET, split: str = "test", *, max_sessions: int = 64,
                 idle_timeout_s: float | None = 300.0, env_kwargs: Mapping[str, Any] | None = None,
                 env_factory: Callable[[], SalesEmailEnv] | None = None) -> None:
        if max_sessions < 1:
            raise ValueError(f"max_sessions must be >= 1, got {max_sessions}")
        if idle_timeout_s is not None and idle_timeout_s <= 0:
            raise ValueError(f"idle_timeout_s must be > 0 (or None: no timeout), got {idle_timeout_s}")
        self.scenario_set = SET_ALIASES.get(scenario_set, scenario_set)
        self.split = split
        self.max_sessions = max_sessions
        self.idle_timeout_s = idle_timeout_s
        if env_factory is None:
            from codreamer_env.rewards.rubric import RubricJudge

            scenarios = load_scenarios(self.scenario_set, split)
            kwargs = dict(env_kwargs or {})
            kwargs.setdefault("reward_model", RubricJudge())  # one judge for every session

            def env_factory() -> SalesEmailEnv:
                return SalesEmailEnv(scenarios=scenarios, **kwargs)

        self._factory = env_factory
        self._free: list[SalesEmailEnv] = [self._factory()]  # also checks the settings before serving
        self._sessions: dict[str, _Session] = {}
        self._rejected = 0
        self._served = 0
        self._describe = self._description(self._free[0])

    # ------------------------------------------------------------------ descriptions
    def _description(self, env: SalesEmailEnv) -> dict[str, Any]:
        from codreamer_env import __version__

        return {
            "name": "codreamer/SalesEmail-v0", "version": __version__, "protocol": PROTOCOL,
            "protocol_version": PROTOCOL_VERSION, "scenario_set": self.scenario_set, "split": self.split,
            "scenario_ids": [s.id for s in env.scenarios], "max_turns": env.max_turns,
            "observation_max_length": env.observation_space.max_length,
            "action_max_length": env.action_space.max_length,
            "tools": _tool_schemas(),
            "max_sessions": self.max_sessions, "idle_timeout_s": self.idle_timeout_s,
        }

    def schema(self) -> dict[str, Any]:
        """OpenEnv's /schema: JSON schemas of the action, observation and state."""
        return {"action": SalesEmailAction.model_json_schema(),
                "observation": SalesEmailObservation.model_json_schema(),
                "state": EnvState.model_json_schema()}

    def metadata(self) -> dict[str, Any]:
        """OpenEnv's /metadata (EnvironmentMetadata's fields)."""
        return {"name": self._describe["name"], "version": self._describe["version"],
                "description": "Write a personalised cold sales email grounded in a knowledge graph, one tool "
                               f"call per turn ({self.scenario_set}/{self.split}).",
                "readme_content": None, "author": "codreamer-env", "documentation_url": None}

    def health(self) -> dict[str, Any]:
        return {"status": "healthy", "active_sessions": len(self._sessions), "max_sessions": self.max_sessions,
                "sessions_served": self._served, "sessions_rejected": self._rejected}

    # ------------------------------------------------------------------ HTTP
    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        path = request.path.partition("?")[0].rstrip("/") or "/"
        if path in ("/ws", "/"):
            return None  # the WebSocket handshake goes on (426 if it is not an upgrade)
        body = {"/health": self.health, "/schema": self.schema, "/metadata": self.metadata,
                "/env": lambda: self._describe}.get(path)
        if body is None:
            resp = connection.respond(http.HTTPStatus.NOT_FOUND, dumps({"detail": f"no such path {path!r}; "
                                      "WebSocket sessions are at /ws; GET /health, /schema, /metadata, /env"}))
        else:
            resp = connection.respond(http.HTTPStatus.OK, dumps(body()))
        resp.headers["Content-Type"] = "application/json"
        return resp

    # ------------------------------------------------------------------ sessions
    async def _handler(self, ws: ServerConnection) -> None:
        if len(self._sessions) >= self.max_sessions:
            self._rejected += 1
            with contextlib.suppress(ConnectionClosed):
                await ws.send(error_frame(
                    ErrorCode.CAPACITY_REACHED, f"server busy: all {self.max_sessions} sessions are in use; retry "
                    "later or start codreamer-serve with a larger --max-sessions",
                    active_sessions=len(self._sessions), max_sessions=self.max_sessions))
                await ws.close(1013, "busy")
            return
        query = ws.request.path.partition("?")[2] if ws.request is not None else ""
        env = self._free.pop() if self._free else self._factory()
        # A fresh entropy-seeded RNG, as a new env has: a pooled env must not carry the last session's stream into
        # this one's reset(seed=None) draws.
        env.np_random = np.random.default_rng()
        s = _Session(uuid.uuid4().hex, env, ws, delta="messages=delta" in query.split("&"), last_active=time.monotonic())
        self._sessions[s.id] = s
        self._served += 1
        try:
            async for raw in ws:
                s.last_active = time.monotonic()
                reply, close = self._handle(s, raw)
                if reply is not None:
                    await ws.send(reply)
                if close:
                    break
                s.last_active = time.monotonic()
        except ConnectionClosed:
            pass  # the client went away: its session ends here
        finally:
            del self._sessions[s.id]
            s.started = False
            self._free.append(env)  # the next session's reset starts it clean

    def _handle(self, s: _Session, raw: str | bytes) -> tuple[str | None, bool]:
        """(reply frame, close?) for one incoming frame; never raises."""
        if isinstance(raw, bytes):
            return error_frame(ErrorCode.INVALID_JSON, "binary frames are not accepted; send JSON text"), False
        try:
            msg = loads(raw)
        except (ValueError, RecursionError) as exc:
            return error_frame(ErrorCode.INVALID_JSON, f"invalid JSON: {exc}"), False
        if not isinstance(msg, dict):
            return error_frame(ErrorCode.VALIDATION_ERROR, "a frame is a JSON object with a 'type'"), False
        kind = msg.get("type")
        try:
            if kind == "step":
                return self._step(s, msg), False
            if kind == "reset":
                return self._reset(s, msg), False
            if kind == "state":
                return dumps({"type": "state", "data": self._state(s).model_dump()}), False
            if kind == "close":
                return None, True
            if kind == "schema":
                return dumps({"type": "schema", "data": {**self.schema(), "env": self._describe}}), False
            if kind == "trajectory":
                if not s.started:
                    return error_frame(ErrorCode.RESET_NEEDED, "no episode yet: call reset() first"), False
                return dumps({"type": "trajectory", "data": trajectory_to_wire(s.env.episode_trajectory())}), False
            return error_frame(ErrorCode.UNKNOWN_TYPE, f"unknown message type {kind!r}; expected reset, step, state, "
                               "close, schema or trajectory"), False
        except ValidationError as exc:
            errs = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
            return error_frame(ErrorCode.VALIDATION_ERROR, f"invalid {kind} message: {errs}"), False
        except Exception as exc:  # noqa: BLE001 - one bad request must not end the session or the server
            log.debug("session %s: %s failed", s.id, kind, exc_info=True)
            detail = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)
            return error_frame(ErrorCode.EXECUTION_ERROR, f"{kind} failed: {type(exc).__name__}: {detail}",
                               exception=type(exc).__name__, detail=" ".join(detail.split())), False

    def _reset(self, s: _Session, msg: dict[str, Any]) -> str:
        data = ResetData.model_validate(msg.get("data") or {})
        obs, info = s.env.reset(seed=data.seed, options=data.options)
        s.started, s.sent = True, 0
        s.episode_id = data.episode_id or uuid.uuid4().hex
        return self._frame(s, obs, None, False, False, info, reset=True)

    def _step(self, s: _Session, msg: dict[str, Any]) -> str:
        data = msg.get("data")
        action = decode_action(SalesEmailAction.model_validate(data if isinstance(data, dict) else {}))
        if not s.started:
            return error_frame(ErrorCode.RESET_NEEDED, "call reset() before step()")
        obs, reward, terminated, truncated, info = s.env.step(action)
        return self._frame(s, obs, float(reward), terminated, truncated, info, reset=False)

    def _frame(self, s: _Session, obs: str, reward: float | None, terminated: bool, truncated: bool,
               info: dict[str, Any], *, reset: bool) -> str:
        out: dict[str, Any] = {}
        for key, value in info.items():
            if key == "messages" and s.delta:
                value = value[s.sent:]
            elif key == "tools" and s.delta and not reset:
                value = None
            elif isinstance(value, Brief):
                b = s.briefs.get(id(value))
                if b is None:  # the env hands out one Brief object per scenario: encode it once
                    b = s.briefs[id(value)] = brief_to_wire(value)
                value = b
            elif isinstance(value, Trajectory):
                value = trajectory_to_wire(value)
            out[key] = value
        if s.delta:
            out["messages_start"] = s.sent
            s.sent = len(info.get("messages", ()))
        return dumps({"type": "observation", "data": {
            "observation": {"text": obs, "terminated": terminated, "truncated": truncated, "info": out},
            "reward": reward, "done": terminated or truncated}})

    def _state(self, s: _Session) -> EnvState:
        env = s.env
        if not s.started:
            return EnvState(session_id=s.id, max_turns=env.max_turns)
        return EnvState(episode_id=s.episode_id, step_count=env._turn, session_id=s.id,
                        scenario_id=env.scenario.id if env.scenario else None, started=True, done=env._done,
                        terminated=env._terminated, truncated=env._truncated, invalid_actions=env._invalid,
                        max_turns=env.max_turns, retrieved_nodes=env.retrieved_nodes)

    async def _reap_idle(self) -> None:
        timeout = self.idle_timeout_s
        if timeout is None:
            return
        while True:
            await asyncio.sleep(max(0.05, min(1.0, timeout / 4)))
            now = time.monotonic()
            for s in [s for s in self._sessions.values() if now - s.last_active > timeout]:
                s.last_active = float("inf")  # reaped once
                with contextlib.suppress(ConnectionClosed):
                    await s.ws.send(error_frame(ErrorCode.SESSION_TIMEOUT, f"session closed after {timeout:g} s "
                                                "without a message; reset() opens a new one"))
                    await s.ws.close(4000, "idle timeout")

    # ------------------------------------------------------------------ running
    async def start(self, host: str = "127.0.0.1", port: int = 8000) -> Server:
        """Start serving (returns the websockets Server; `port=0` picks a free port)."""
        server = await serve(self._handler, host, port, process_request=self._process_request,
                             max_size=MAX_FRAME_BYTES, compression=None)
        self._reaper = asyncio.get_running_loop().create_task(self._reap_idle())
        return server

    async def serve_forever(self, host: str = "127.0.0.1", port: int = 8000,
                            on_ready: Callable[[int], None] | None = None,
                            stop: asyncio.Event | None = None) -> None:
        """Serve until `stop` is set (or SIGINT/SIGTERM when run by `main`)."""
        server = await self.start(host, port)
        if on_ready is not None:
            on_ready(server.sockets[0].getsockname()[1] if server.sockets else port)
        stop = stop or asyncio.Event()
        try:
            await stop.wait()
        finally:
            self._reaper.cancel()
            server.close()  # each open session gets close code 1001 (going away)
            await server.wait_closed()


def _tool_schemas() -> list[dict[str, Any]]:
    from codreamer_env.tools import tool_schemas

    return list(tool_schemas())


def main(argv: Sequence[str] | None = None) -> int:
    """The `codreamer-serve` console script."""
    ap = argparse.ArgumentParser(prog="codreamer-serve", description="Serve SalesEmailEnv over WebSocket "
                                 "(OpenEnv's protocol): one isolated env session per connection at ws://HOST:PORT/ws.")
    ap.add_argument("--host", default="127.0.0.1", help="interface to listen on (0.0.0.0: all)")
    ap.add_argument("--port", type=int, default=8000, help="TCP port (0: pick a free one and print it)")
    ap.add_argument("--set", dest="scenario_set", default=DEFAULT_SET,
                    help=f"scenario set (default {DEFAULT_SET}; default-v1, hard-v2, ... or a JSONL path)")
    ap.add_argument("--split", default="test")
    ap.add_argument("--max-sessions", type=int, default=64, help="concurrent sessions; more get 'server busy'")
    ap.add_argument("--idle-timeout", type=float, default=300.0,
                    help="seconds a session may stay silent before it is closed (0: never)")
    ap.add_argument("--max-turns", type=int, default=None, help="turn limit (default: the set's own)")
    ap.add_argument("--log-level", default="WARNING")
    args = ap.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        service = EnvService(args.scenario_set, args.split, max_sessions=args.max_sessions,
                             idle_timeout_s=args.idle_timeout or None,
                             env_kwargs={"max_turns": args.max_turns} if args.max_turns else None)
    except (ValueError, KeyError, OSError) as exc:
        print(f"codreamer-serve: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2

    def ready(port: int) -> None:
        d = service._describe
        print(f"codreamer-serve: {d['scenario_set']}/{d['split']} ({len(d['scenario_ids'])} scenarios) at "
              f"ws://{args.host}:{port}/ws; max {args.max_sessions} sessions, idle timeout "
              f"{args.idle_timeout or 'none'} s", flush=True)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        try:
            await service.serve_forever(args.host, args.port, on_ready=ready, stop=stop)
        except OSError as exc:
            print(f"codreamer-serve: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
            raise SystemExit(2) from None

    asyncio.run(run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
