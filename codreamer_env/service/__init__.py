"""SalesEmailEnv as a service: an OpenEnv-protocol WebSocket server (`codreamer-serve`) and a gymnasium client.

    codreamer-serve --port 8000 --set default-v2                      # serve_main -> server.main
    env = gymnasium.make("codreamer/SalesEmail-v0", remote="ws://127.0.0.1:8000")

Nothing here imports the `websockets` package until a server or client is made (see docs/env_service.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from codreamer_env.service.models import (
    EnvServiceBusy,
    EnvServiceError,
    EnvState,
    SalesEmailAction,
    SalesEmailObservation,
    StepInfo,
)

if TYPE_CHECKING:
    from codreamer_env.env import SalesEmailEnv
    from codreamer_env.service.client import RemoteSalesEmailEnv
    from codreamer_env.service.server import EnvService

__all__ = ["EnvService", "EnvServiceBusy", "EnvServiceError", "EnvState", "RemoteSalesEmailEnv", "SalesEmailAction",
           "SalesEmailObservation", "StepInfo", "make_env"]


_NEEDS_EXTRA = "needs the websockets package: pip install 'codreamer-env[distributed]'"


def _websockets() -> None:
    """Raise a one-line ImportError naming the extra when `websockets` is not installed."""
    import importlib.util

    if importlib.util.find_spec("websockets") is None:
        raise ImportError(f"the env service {_NEEDS_EXTRA}")


def serve_main(argv: list[str] | None = None) -> int | None:
    """`codreamer-serve`: server.main, or one line saying which extra to install when websockets is missing."""
    try:
        _websockets()
    except ImportError as e:
        raise SystemExit(f"codreamer-serve: {e}") from None
    from codreamer_env.service.server import main

    return main(argv)


def make_env(remote: str | None = None, **kwargs: Any) -> SalesEmailEnv | RemoteSalesEmailEnv:
    """The registered env ids' entry point: SalesEmailEnv(**kwargs), or with `remote="ws://host:port"` a
    RemoteSalesEmailEnv on that server (then only scenario_set / split, checked against the server's, and the
    client's timeouts may be given: every other setting is the server's)."""
    if remote is None:
        from codreamer_env.env import SalesEmailEnv

        return SalesEmailEnv(**kwargs)
    _websockets()
    from codreamer_env.service.client import RemoteSalesEmailEnv

    allowed = {"scenario_set", "split", "connect_timeout_s", "message_timeout_s"}
    extra = sorted(k for k, v in kwargs.items() if k not in allowed and not (k == "render_mode" and v is None))
    if extra:
        raise TypeError(f"with remote=..., {', '.join(extra)} cannot be set here: a remote env's settings are the "
                        "server's (codreamer-serve --set/--split/--max-turns)")
    kwargs.pop("render_mode", None)
    return RemoteSalesEmailEnv(remote, **kwargs)


make_env.metadata = {"render_modes": ["ansi"], "render_fps": 1}  # type: ignore[attr-defined] # gymnasium reads it


def __getattr__(name: str) -> Any:
    if name == "RemoteSalesEmailEnv":
        from codreamer_env.service.client import RemoteSalesEmailEnv

        return RemoteSalesEmailEnv
    if name == "EnvService":
        from codreamer_env.service.server import EnvService

        return EnvService
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
