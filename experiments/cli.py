"""How every entry point ends on the project's own errors: one or two lines and a non-zero exit, no trace.

`@friendly_errors` goes under `@hydra.main` (or on a plain `main(argv)`). Before the job runs it checks the
config's scenario set and split names (`check_names`), so a typo stops at once, naming which one is wrong, before
any model loads. Then it turns these into `error: ...` lines:

- the project's `DataError` (it names the file, line and field), a run folder of another config or in use;
- missing files and other OS errors (a model path, a runs folder), with the path;
- an OpenAI-compatible endpoint that cannot be reached, times out, refuses the key or lacks the model, with its URL.

Anything else is a bug and keeps its trace. `HYDRA_FULL_ERROR=1` keeps the trace for all of them.
"""

from __future__ import annotations

import errno
import functools
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from omegaconf import OmegaConf

import codreamer_env as ce
from codreamer_env.scenarios import scenario_path

F = TypeVar("F", bound=Callable[..., Any])

# (scenario set key, split key) pairs an entry point's config may hold, as dotted paths.
NAME_KEYS = (("env.scenario_set", "env.split"), ("env.scenario_set", "eval.split"),
             ("env.scenario_set", "optimizer.search_split"), ("env.scenario_set", "optimizer.holdout_split"),
             ("rollout.scenario_set", "rollout.split"))


def check_names(cfg: Any) -> None:
    """Raise `DataError` naming the wrong scenario set or split (`scenario_set` vs `split`) in `cfg`."""
    if not OmegaConf.is_config(cfg):
        return
    def need_file(path: str, key: str) -> None:
        if not Path(path).is_file():
            raise FileNotFoundError(errno.ENOENT, f"no such scenario file ({key})", path)

    own = OmegaConf.select(cfg, "env.scenarios", default=None)  # a scenario file of the user's replaces the set
    if isinstance(own, str) and own:
        need_file(own, "env.scenarios")
    for set_key, split_key in NAME_KEYS:
        if own and set_key == "env.scenario_set":
            continue
        name = OmegaConf.select(cfg, set_key, default=None)
        split = OmegaConf.select(cfg, split_key, default=None)
        if isinstance(name, str) and name.endswith(".jsonl"):  # a scenario file named as the set (load_scenarios)
            need_file(name, set_key)
        elif isinstance(name, str) and isinstance(split, str):
            try:
                scenario_path(name, split)
            except ce.DataError as e:
                key = set_key if e.field == "scenario_set" else split_key
                raise ce.DataError(f"{key}={name if key == set_key else split}: {e.reason}") from None


def _endpoint_error(e: BaseException) -> str | None:
    """One line for an OpenAI-client error, naming the URL it called; None for anything else."""
    try:
        import openai
    except ImportError:  # pragma: no cover - openai is a dependency
        return None
    if not isinstance(e, openai.APIError):
        return None
    request = getattr(e, "request", None)
    # scheme://host[:port]/path only: user info or a key in the query string (some proxies) is a secret
    url = str(request.url.copy_with(username=None, password=None, query=None)) if request is not None \
        else "the endpoint"
    if isinstance(e, openai.APITimeoutError):
        return f"the OpenAI-compatible endpoint {url} timed out"
    if isinstance(e, openai.APIConnectionError):
        return f"cannot reach the OpenAI-compatible endpoint {url} ({e}); is the server up and base_url right?"
    status = getattr(e, "status_code", None)
    hint = {401: "check the API key (api_key_env)", 403: "check the API key (api_key_env)",
            404: "check the model name and base_url"}.get(status or 0, "")
    return f"the OpenAI-compatible endpoint {url} answered {status}: {type(e).__name__}" + (f"; {hint}" if hint else "")


def error_line(e: BaseException) -> str | None:
    """The one-line message for an error the user can fix, or None when it is a bug (keep the trace)."""
    from experiments import runs

    if isinstance(e, (ce.DataError, runs.RunConfigMismatch, runs.RunFolderLocked)):
        return str(e)
    if isinstance(e, OSError):
        return f"{e.strerror or e}: {e.filename}" if e.filename and e.strerror else str(e)
    return _endpoint_error(e)


def friendly_errors(fn: F) -> F:
    """Wrap an entry point's `main`: names checked first, the user's errors as `error: ...` (see the module doc)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        for name in ("openai", "httpx"):  # their per-retry INFO lines; the outcome is reported once, below
            if logging.getLogger(name).level == logging.NOTSET:
                logging.getLogger(name).setLevel(logging.WARNING)
        try:
            if args:
                check_names(args[0])
            return fn(*args, **kwargs)
        except BrokenPipeError:  # `... | head` closed our stdout: stop quietly, as a Unix tool does
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(1) from None
        except Exception as e:
            line = error_line(e)
            if line is None or os.environ.get("HYDRA_FULL_ERROR") == "1":
                raise
            raise SystemExit(f"error: {line}") from None

    return wrapper  # type: ignore[return-value]
