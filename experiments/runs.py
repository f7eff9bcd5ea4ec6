"""A benchmark run folder keyed by its whole config: the config hash, run_config.json, and the folder lock.

- `identity(cfg)`: every setting that changes a run's rows (agent, env, judge, reward, trials, seed, and the
  batch size where batching changes results; for `env.scenarios`, a file of your own, a digest of its content); `config_hash` is a short digest of it. Hydra's default run and
  sweep folders end in `${run_hash:}` (the resolver registered here), so each config gets its own folder.
- `check_run_config(out_dir, ident, resume)`: run_config.json (hash and identity) is written into the folder;
  resuming into a folder whose stored identity differs raises `RunConfigMismatch`, one line naming the keys.
- `run_lock(out_dir)`: one process per folder; a second one fails at once with `RunFolderLocked`.

Not in the hash (they do not change the rows): where a model is served (`base_url`, `api_key_env`), the judge's
retry, timeout, concurrency and cache settings, the experiment's name, pass threshold, bootstrap, plot and
resume flags, the logger, and where the episodes are played (`executor`, `workers`, `ray_address`: Ray workers
play the same batches, so a run may be resumed on either; experiments.executors). The batch size is in it for LLM agents only: their sampling is seeded per batch
and batched generation pads, so batching changes their results; the scripted agents draw per episode.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from omegaconf import OmegaConf

RUN_CONFIG = "run_config.json"
LOCK = ".run.lock"
SCRIPTED_AGENTS = ("random", "greedy", "oracle", "instruction_follower")
_AGENT_SKIP = ("base_url", "api_key_env")
_JUDGE_SKIP = ("base_url", "api_key_env", "concurrency", "timeout_s", "max_retries", "backoff_s", "max_backoff_s",
               "cache_dir", "use_cache")


class RunConfigMismatch(RuntimeError):
    """The run folder holds a run of another config."""


class RunFolderLocked(RuntimeError):
    """Another process is writing the run folder."""


def _plain(node: Any) -> Any:
    return OmegaConf.to_container(node, resolve=True) if OmegaConf.is_config(node) else node


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _file_sha(path: str) -> str:
    """A short digest of a file's bytes ("<missing>" when it cannot be read: loading it will say why)."""
    from hydra.utils import to_absolute_path

    try:
        with open(to_absolute_path(str(path)), "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()[:16]
    except OSError:
        return "<missing>"


def identity(cfg: Any, system_prompt: str | None = None) -> dict[str, Any]:
    """What a run's rows depend on, as a flat {dotted key: value} dict (see the module doc for what is left out).
    `system_prompt`: the resolved prompt (a registry's active version); by default read as the agent would."""
    agent = {k: v for k, v in _plain(cfg.agent).items() if k not in _AGENT_SKIP}
    judge = {k: v for k, v in _plain(cfg.judge).items() if k not in _JUDGE_SKIP}
    if isinstance(judge.get("rubric"), str):
        judge["rubric"] = _sha(judge["rubric"])
    if agent.get("prompt_registry") and system_prompt is None:
        from experiments.factory import resolve_system_prompt

        system_prompt = resolve_system_prompt(cfg.agent)
    if agent.get("prompt_registry"):  # the registry's active version, not just its path
        agent["resolved_system_prompt"] = None if system_prompt is None else _sha(system_prompt)
    env = _plain(cfg.env)
    if env.get("scenarios"):  # your own scenario file: its content, not just its path, keys the run
        env["scenarios_sha256"] = _file_sha(env["scenarios"])
    else:  # unset: left out, so runs of the named sets keep the hashes they had before the key existed
        env.pop("scenarios", None)
    out = {**{f"agent.{k}": v for k, v in agent.items()}, **{f"env.{k}": v for k, v in env.items()},
           **{f"judge.{k}": v for k, v in judge.items()}, **{f"reward.{k}": v for k, v in _plain(cfg.reward).items()},
           "experiment.trials": int(cfg.experiment.trials), "experiment.seed": cfg.experiment.seed}
    if agent.get("name") not in SCRIPTED_AGENTS:
        out["experiment.batch_size"] = int(cfg.experiment.batch_size)
    else:  # the LLM settings do nothing for a scripted agent
        out = {k: v for k, v in out.items() if not k.startswith("agent.") or
               k in ("agent.name", "agent.seed", "agent.system_prompt", "agent.prompt_registry",
                     "agent.resolved_system_prompt")}
    return dict(sorted(out.items()))


def config_hash(ident: dict[str, Any]) -> str:
    """A short, stable digest of an identity."""
    return hashlib.sha256(orjson.dumps(ident, option=orjson.OPT_SORT_KEYS)).hexdigest()[:8]


def _run_hash(*, _root_: Any) -> str:
    try:
        return config_hash(identity(_root_))
    except Exception:  # noqa: BLE001 - e.g. an unreadable prompt registry: hash without it (the run will say why)
        return config_hash(identity(_root_, system_prompt=""))


def register_resolver() -> None:
    """`${run_hash:}`: the config hash of the config it sits in (idempotent)."""
    if not OmegaConf.has_resolver("run_hash"):
        OmegaConf.register_new_resolver("run_hash", _run_hash)


def check_run_config(out_dir: Path, ident: dict[str, Any], resume: bool) -> None:
    """Make `out_dir` a folder of this config. Resuming: a stored identity that differs (or rows without one)
    raises RunConfigMismatch; not resuming: the previous run's files go. Then run_config.json is written."""
    from experiments.layout import METRICS, TRAJECTORIES

    path = out_dir / RUN_CONFIG
    if resume and path.exists():
        stored = orjson.loads(path.read_bytes()).get("config", {})
        diff = sorted(k for k in set(stored) | set(ident) if stored.get(k, "<unset>") != ident.get(k, "<unset>"))
        if diff:
            shown = ", ".join(f"{k} ({stored.get(k, '<unset>')!r} -> {ident.get(k, '<unset>')!r})" for k in diff)
            raise RunConfigMismatch(f"{out_dir} holds a run of another config: {shown}; use another folder, or "
                                    "experiment.resume=false to start it afresh")
    elif resume and (out_dir / TRAJECTORIES).exists():
        raise RunConfigMismatch(f"{out_dir} holds rows without {RUN_CONFIG} (a run of unknown config); use another "
                                "folder, or experiment.resume=false to start it afresh")
    if not resume:
        for name in (TRAJECTORIES, METRICS, "reward_plot.png"):
            (out_dir / name).unlink(missing_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps({"hash": config_hash(ident), "config": ident}, option=orjson.OPT_INDENT_2))


@contextmanager
def run_lock(out_dir: Path) -> Iterator[None]:
    """Hold `out_dir`'s lock (re-entrant within a process); another process holding it: RunFolderLocked."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out_dir / LOCK), timeout=0, is_singleton=True)
    try:
        lock.acquire()
    except Timeout:
        raise RunFolderLocked(f"{out_dir} is being written by another process (lock {out_dir / LOCK}); wait for it "
                              "or use another folder") from None
    try:
        yield
    finally:
        lock.release()


register_resolver()


def run_rows(run: str | Path) -> list[dict[str, Any]]:
    """The episode rows of a benchmark run folder a user named (sft `runs=`, rescore and review `run=`); a
    folder without trajectories.jsonl is a FileNotFoundError naming the path, not an empty run."""
    import errno

    from codreamer_env._io import read_jsonl_rows
    from experiments.layout import TRAJECTORIES

    path = Path(run) / TRAJECTORIES
    if not path.is_file():
        what = "no such folder" if not Path(run).is_dir() else f"not a benchmark run ({TRAJECTORIES} missing)"
        raise FileNotFoundError(errno.ENOENT, what, str(path if Path(run).is_dir() else run))
    return read_jsonl_rows(path)
