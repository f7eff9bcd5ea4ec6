"""Where a benchmark's episodes are played: in this process (`LocalEpisodes`) or on Ray workers (`RayEpisodes`).

Both take the pending jobs, cut them into units (`plan_units`: consecutive slices of `batch_size` jobs, exactly
the batches `runner.play` plays; with group_by="scenario", whole runs of a scenario's trials, as
`runner.evaluate` keeps them for a group judge), play each unit in lockstep through `codreamer_env.runner`, score
its episodes (each alone, or a scenario's episodes together) and hand each row to `on_row` as it is ready. The
caller (`experiments.evaluation.benchmark`) is the one writer: it appends the rows to trajectories.jsonl.

On Ray (`experiment.executor=ray`), each worker is an actor that builds its own agent (`make_agent` from the
agent's config: no model is pickled), reward model and envs once, then plays the units it is sent, streaming
each row back as its episode ends. A worker that dies (killed, OOM, a lost node) is restarted or replaced and
its unit is played again from the start, so the batch is the same batch; rows already delivered are dropped,
so every job's row arrives exactly once. An error in the agent or the judge is not retried: it stops the run.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from omegaconf import OmegaConf

import codreamer_env as ce
from codreamer_env import runner

log = logging.getLogger(__name__)

EXECUTORS = ("local", "ray")
_PING_S = 0.5  # how often a restarting worker is asked whether it is back
Row = dict[str, Any]


@dataclass(frozen=True)
class AgentInfo:
    """What the driver knows of an agent that lives on the workers."""

    name: str
    is_reference: bool = False


def plan_units(jobs: Sequence[runner.Job], batch_size: int, group_by: str = "episode") -> list[list[runner.Job]]:
    """The jobs as units, each played as one lockstep batch. group_by="episode": consecutive slices of
    `batch_size` (the batches `runner.play` makes); "scenario": a run of one scenario's consecutive jobs is never
    split (a run longer than `batch_size` is a unit of its own), so a group judge sees all its siblings."""
    if group_by not in ("scenario", "episode"):
        raise ValueError(f"group_by must be 'scenario' or 'episode', got {group_by!r}")
    return list(runner.batches(list(jobs), max(1, int(batch_size)), whole_groups=group_by == "scenario"))


class LocalEpisodes:
    """Episodes played here, by `agent` (an object: a configured agent or a live model), scored by `reward_model`."""

    def __init__(self, agent: Any, reward_model: Any, scenarios: Sequence[ce.Scenario],
                 env_kwargs: dict[str, Any] | None = None) -> None:
        self.agent, self.reward_model = agent, reward_model
        self.find = runner.scenario_lookup(scenarios)
        self.envs = runner.EnvPool(lambda: ce.SalesEmailEnv(scenarios=scenarios, reward_model=reward_model,
                                                            **dict(env_kwargs or {})))

    def __enter__(self) -> LocalEpisodes:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    @property
    def max_turns(self) -> int:
        """The envs' turn limit."""
        return self.envs.take(1)[0].max_turns

    def run(self, jobs: Sequence[runner.Job], *, batch_size: int, on_row: Callable[[Row], None],
            group_by: str = "episode") -> None:
        """Play and score `jobs`, unit by unit; `on_row(row)` as each episode's row is ready."""
        for unit in plan_units(jobs, batch_size, group_by):
            self.play_unit(unit, group_by, on_row)

    def play_unit(self, jobs: Sequence[runner.Job], group_by: str, on_row: Callable[[Row], None]) -> None:
        """One unit in lockstep. "episode": each episode is scored alone as it ends; "scenario": a scenario's
        episodes are scored together once the last of them in this unit has ended."""
        size = {sid: len(list(g)) for sid, g in groupby(jobs, key=lambda j: j.scenario_id)}
        ended: dict[str, list[runner.Episode]] = {}

        def done(ep: runner.Episode) -> None:
            group = ended.setdefault(ep.job.scenario_id if group_by == "scenario" else id(ep), [])
            group.append(ep)
            if group_by == "episode" or len(group) == size[ep.job.scenario_id]:
                group.sort(key=lambda e: e.job.trial)
                for scored in runner.score(self.reward_model, group, self.find, group_by=group_by):
                    on_row(scored.to_row(self.agent.name))

        runner.play(self.agent, list(jobs), self.envs, batch_size=len(jobs), on_episode=done)


class EpisodeWorker:
    """One Ray worker (an actor, see `RayEpisodes`): its own agent, reward model and envs, built here from their
    configs. A build error is kept and raised by the first call, so the driver can report it as it is."""

    def __init__(self, agent_cfg: dict[str, Any], judge_cfg: dict[str, Any], reward_cfg: dict[str, Any],
                 scenarios: Sequence[ce.Scenario], env_kwargs: dict[str, Any] | None) -> None:
        self.error: BaseException | None = None
        try:
            from experiments.config import AgentConfig, RewardConfig
            from experiments.factory import make_agent, make_reward

            agent = make_agent(OmegaConf.merge(OmegaConf.structured(AgentConfig), agent_cfg), scenarios)
            reward_model = make_reward(judge_cfg, OmegaConf.merge(OmegaConf.structured(RewardConfig), reward_cfg))
            self.local = LocalEpisodes(agent, reward_model, scenarios, env_kwargs)
        except Exception as exc:  # noqa: BLE001 - raised by info()/play_unit() on the driver's next call
            self.error = exc

    def info(self) -> dict[str, Any]:
        """The agent's name and reference flag, the envs' turn limit and this worker's process id."""
        if self.error is not None:
            raise self.error
        agent = self.local.agent
        return {"name": agent.name, "is_reference": bool(getattr(agent, "is_reference", False)),
                "max_turns": self.local.max_turns, "pid": os.getpid()}

    def play_unit(self, jobs: list[runner.Job], group_by: str) -> Iterator[Row]:
        """Play one unit, yielding each row as its episode is scored (a Ray streaming generator)."""
        if self.error is not None:
            raise self.error
        rows: queue.Queue[Any] = queue.Queue()
        end = object()

        def work() -> None:  # the unit plays in a thread so this generator can yield rows while it runs
            try:
                self.local.play_unit(jobs, group_by, rows.put)
            except BaseException as exc:  # noqa: BLE001 - handed to the generator, which raises it
                rows.put(_Failed(exc))
            else:
                rows.put(end)

        thread = threading.Thread(target=work, name="play-unit", daemon=True)
        thread.start()
        while (item := rows.get()) is not end:
            if isinstance(item, _Failed):
                raise item.exc
            yield item
        thread.join()


@dataclass
class _Failed:
    exc: BaseException


class RayEpisodes:
    """Episodes played on `workers` Ray actors (an existing cluster at `address`, else a local Ray started here and
    stopped on close), each building the agent from `agent_cfg` (an AgentConfig, its system prompt resolved) and
    the reward model from `judge_cfg` and `reward_cfg`. A unit whose worker is lost is played again, at most
    `max_attempts` times in all. Use it as a context manager (`with RayEpisodes(...) as episodes:`)."""

    def __init__(self, agent_cfg: Any, judge_cfg: Any, reward_cfg: Any, scenarios: Sequence[ce.Scenario],
                 env_kwargs: dict[str, Any] | None = None, *, workers: int = 2, address: str | None = None,
                 max_attempts: int = 3, worker_options: dict[str, Any] | None = None) -> None:
        if int(workers) < 1:
            raise ValueError(f"experiment.workers must be >= 1 for the ray executor, got {workers}")
        self.configs = (_plain(agent_cfg), _plain(judge_cfg), _plain(reward_cfg))
        self.scenarios, self.env_kwargs = list(scenarios), dict(env_kwargs or {})
        self.workers, self.address, self.max_attempts = int(workers), address, max(1, int(max_attempts))
        self.worker_options = {"num_cpus": 1, "max_restarts": 3, "max_task_retries": 0, **(worker_options or {})}
        self.actors: list[Any] = []
        self.retries = 0  # units played again after a worker was lost
        self.duplicates = 0  # rows of those units that had already been delivered (dropped)
        self._started_ray = False
        self.agent: AgentInfo | None = None
        self.max_turns: int | None = None

    def __enter__(self) -> RayEpisodes:
        try:
            self.start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Connect to (or start) Ray, start the workers and wait until the first is built (a worker that cannot be
        built says why on its first unit; one that waits for a free CPU does not hold the run up)."""
        ray = _ray()
        if not ray.is_initialized():
            if self.address:
                ray.init(address=self.address)
            else:  # "local": a Ray of our own, never another user's cluster found on this machine
                ray.init(address="local", num_cpus=max(os.cpu_count() or 1, self.workers), include_dashboard=False)
            self._started_ray = True
        cpus = ray.cluster_resources().get("CPU", 0)
        if cpus < self.workers * self.worker_options.get("num_cpus", 1):
            log.warning("Ray has %s CPUs for %d workers of %s CPU each: the workers that do not fit wait",
                        cpus, self.workers, self.worker_options.get("num_cpus", 1))
        self.actors = [self._new_actor() for _ in range(self.workers)]
        info = _get(ray, self.actors[0].info.remote())
        self.agent = AgentInfo(info["name"], info["is_reference"])
        self.max_turns = info["max_turns"]

    def _new_actor(self) -> Any:
        ray = _ray()
        # Configs and scenarios go by value: Ray keeps them with the actor and builds it again from them on restart.
        return (ray.remote(EpisodeWorker).options(**self.worker_options)
                .remote(*self.configs, self.scenarios, self.env_kwargs))

    def worker_pids(self, timeout_s: float = 120.0) -> list[int]:
        """The workers' process ids (on their nodes), waiting up to `timeout_s` for one that is restarting."""
        ray = _ray()
        deadline, pids = time.monotonic() + timeout_s, []
        for actor in self.actors:
            while True:
                try:
                    pids.append(_get(ray, actor.info.remote())["pid"])
                    break
                except ray.exceptions.ActorUnavailableError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        return pids

    def close(self) -> None:
        """Stop the workers, and Ray if this object started it."""
        if not self.actors and not self._started_ray:
            return
        ray = _ray()
        for actor in self.actors:
            with contextlib.suppress(Exception):  # already gone
                ray.kill(actor, no_restart=True)
        self.actors = []
        if self._started_ray:
            ray.shutdown()
            self._started_ray = False

    def run(self, jobs: Sequence[runner.Job], *, batch_size: int, on_row: Callable[[Row], None],
            group_by: str = "episode") -> None:
        """Play and score `jobs` on the workers, one unit per idle worker; `on_row(row)` here, in this process, as
        each row streams back, once per job (rows of a re-played unit that were already delivered are dropped)."""
        ray = _ray()
        if not self.actors:
            raise RuntimeError("RayEpisodes is not started: use it as a context manager")
        retryable = (ray.exceptions.RayActorError, ray.exceptions.WorkerCrashedError, ray.exceptions.ObjectLostError)
        todo = deque((unit, 1) for unit in plan_units(jobs, batch_size, group_by))
        idle, delivered = list(self.actors), set()
        running: dict[Any, tuple[Any, list[runner.Job], int]] = {}  # stream -> (worker, unit, attempt)
        pings: dict[Any, Any] = {}  # info() call -> a worker that is restarting: idle again once it answers
        later: list[tuple[float, Any]] = []  # (when, worker): ping a restarting worker again then
        while todo or running:
            now = time.monotonic()
            for when, actor in [w for w in later if w[0] <= now]:
                later.remove((when, actor))
                pings[actor.info.remote()] = actor
            while todo and idle:
                actor, (unit, attempt) = idle.pop(0), todo.popleft()
                stream = actor.play_unit.options(num_returns="streaming").remote(unit, group_by)
                running[stream] = (actor, unit, attempt)
            if not running and not pings:
                time.sleep(_PING_S)
                continue
            ready, _ = ray.wait([*running, *pings], num_returns=1, timeout=_PING_S if later else None)
            for ref in ready:
                if ref in pings:
                    actor = pings.pop(ref)
                    try:
                        _get(ray, ref)
                        idle.append(actor)
                    except ray.exceptions.ActorUnavailableError:  # still restarting
                        later.append((time.monotonic() + _PING_S, actor))
                    except retryable:  # gone for good
                        idle.append(self._replace(actor))
                    continue
                actor, unit, attempt = running[ref]
                try:
                    row = _get(ray, next(ref))
                except StopIteration:
                    del running[ref]
                    idle.append(actor)
                    continue
                except retryable as exc:
                    del running[ref]
                    if attempt >= self.max_attempts:
                        raise RuntimeError(f"a unit of {len(unit)} episodes ({unit[0].scenario_id} ...) lost its "
                                           f"worker {attempt} times; last: {type(exc).__name__}: {exc}") from exc
                    self.retries += 1
                    log.warning("an episode worker was lost (%s); playing its unit of %d episodes again "
                                "(attempt %d of %d)", type(exc).__name__, len(unit), attempt + 1, self.max_attempts)
                    todo.appendleft((unit, attempt + 1))
                    if isinstance(exc, ray.exceptions.ActorUnavailableError):  # Ray is restarting it: wait for it
                        later.append((time.monotonic(), actor))
                    else:
                        idle.append(self._replace(actor))
                    continue
                key = (row["scenario_id"], row["trial"])
                if key in delivered:
                    self.duplicates += 1
                    continue
                delivered.add(key)
                on_row(row)

    def _replace(self, actor: Any) -> Any:
        """A new worker in place of a dead one (the old one is killed for good, so it does not come back too)."""
        ray = _ray()
        with contextlib.suppress(Exception):  # already gone
            ray.kill(actor, no_restart=True)
        new = self._new_actor()
        self.actors[self.actors.index(actor)] = new
        return new


def _plain(node: Any) -> Any:
    return OmegaConf.to_container(node, resolve=True) if OmegaConf.is_config(node) else node


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise ImportError("experiment.executor=ray needs Ray: pip install 'codreamer-env[distributed]' "
                          "(or pip install 'ray[default]')") from exc
    return ray


def _get(ray: Any, refs: Any) -> Any:
    """ray.get, raising an error of the agent, the judge or the config as itself (its remote trace chained)."""
    try:
        return ray.get(refs)
    except ray.exceptions.RayTaskError as exc:
        cause = exc.cause if isinstance(exc.cause, Exception) else None
        if cause is None:
            raise
        raise cause from exc


def make_executor(cfg: Any, scenarios: Sequence[ce.Scenario], reward_model: Any,
                  system_prompt: str | None = None) -> LocalEpisodes | RayEpisodes:
    """The executor `cfg.experiment.executor` names, for a benchmark config: local (the agent built here, scored
    by `reward_model`) or ray (built on each worker from cfg.agent, cfg.judge and cfg.reward)."""
    from experiments.factory import env_kwargs, make_agent

    x = cfg.experiment
    kind = str(getattr(x, "executor", "local"))
    kwargs = env_kwargs(cfg.env, system_prompt)
    if kind == "local":
        return LocalEpisodes(make_agent(cfg.agent, scenarios), reward_model, scenarios, kwargs)
    if kind == "ray":
        # The workers get the prompt itself, not the registry file it was read from (it may not be there).
        agent_cfg = {**_plain(cfg.agent), "system_prompt": system_prompt, "prompt_registry": None}
        return RayEpisodes(agent_cfg, cfg.judge, cfg.reward, scenarios, kwargs, workers=int(x.workers),
                           address=x.ray_address)
    raise ValueError(f"experiment.executor={kind!r}: use one of {', '.join(EXECUTORS)}")
