"""The one episode runner: jobs in, episodes out. Every caller that plays episodes goes through here.

- `Job`: what to play (scenario id, trial, episode seed, optional system prompt); `make_jobs` makes them.
- `play(agent, jobs, envs)`: the jobs in batches, each batch in lockstep (one `act_batch` call per turn over
  the episodes still running); the reward is deferred, so the episodes come back unscored.
- `score(reward_model, episodes, scenarios)`: the one place that groups episodes for the reward model: all
  episodes of a scenario form one group (a group judge such as RULER ranks siblings), optionally shuffled,
  or (`group_by="episode"`) each is scored alone.
- `evaluate(...)` = score(play(...)), batch by batch.

An agent is anything with the methods of `Agent` (subclass it, or `agents.base.BaseAgent`, for the
defaults). Each `info` the runner hands to `act_batch` carries `slot`: the episode's index in the current
batch, i.e. in `begin_batch`'s seeds and the argument of `usage`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import Any, Protocol, runtime_checkable

import numpy as np

from codreamer_env.env import SalesEmailEnv
from codreamer_env.scenarios import Scenario
from codreamer_env.trajectory import Trajectory


@runtime_checkable
class Agent(Protocol):
    """What the runner calls on an agent, with defaults for all but `act`."""

    name: str = "agent"
    is_reference: bool = False  # True for agents that read grading data (the oracle); tables label them

    def reset(self) -> None:
        """Forget per-episode state."""

    def begin_batch(self, seeds: Sequence[int | None]) -> None:
        """A new batch of episodes starts; episode `slot` k is played with seed `seeds[k]`."""

    def act(self, observation: str, info: dict[str, Any]) -> Any:
        """The next action of one episode."""
        raise NotImplementedError

    def act_batch(self, observations: list[str], infos: list[dict[str, Any]]) -> list[Any]:
        """The next action of each live episode (`info["slot"]` says which)."""
        return [self.act(o, i) for o, i in zip(observations, infos, strict=True)]

    def usage(self, slot: int) -> dict[str, int]:
        """Tokens episode `slot` of the current batch used so far (LLM agents count them)."""
        return {"prompt_tokens": 0, "completion_tokens": 0}


def episode_seed(seed: int, scenario_id: str, trial: int) -> int:
    """A stable per-episode seed (the same in every process: no Python hash randomisation)."""
    return int(hashlib.sha256(f"{seed}|{scenario_id}|{trial}".encode()).hexdigest()[:8], 16)


@dataclass(frozen=True)
class Job:
    """One episode to play: a scenario, its trial number, the reset seed, and an optional system prompt
    (None: the env's own)."""

    scenario_id: str
    trial: int = 0
    seed: int | None = None
    system_prompt: str | None = None


def make_jobs(scenarios: Iterable[Scenario | str], trials: int = 1, seed: int | None = 0,
              system_prompt: str | None = None) -> list[Job]:
    """`trials` jobs per scenario (a scenario's trials consecutive), seeded by `episode_seed` (None: unseeded)."""
    ids = [s if isinstance(s, str) else s.id for s in scenarios]
    return [Job(sid, t, None if seed is None else episode_seed(seed, sid, t), system_prompt)
            for sid in ids for t in range(trials)]


@dataclass
class Episode:
    """A played job: its trajectory and, once scored, its reward and reward components."""

    job: Job
    trajectory: Trajectory
    usage: dict[str, int] = field(default_factory=dict)
    wall_s: float = 0.0
    reward: float | None = None
    components: dict[str, Any] = field(default_factory=dict)

    def to_row(self, agent_name: str) -> dict[str, Any]:
        """One flat, `datasets`-friendly row (the full trajectory is a JSON string column)."""
        if self.reward is None:
            raise ValueError("an unscored episode has no row: score it first (runner.score)")
        traj, comps = self.trajectory, dict(self.components)
        email = traj.final_email
        return {
            "id": traj.id, "scenario_id": traj.scenario_id, "trial": self.job.trial, "seed": self.job.seed,
            "agent": agent_name, "reward": float(self.reward),
            "judge_source": str(comps.pop("judge_source", "rubric")),
            "components": {k: float(v) for k, v in comps.items() if isinstance(v, (int, float))},
            "terminated": traj.terminated, "truncated": traj.truncated, "turns": len(traj.turns),
            "invalid_actions": traj.invalid_actions,
            "subject": email.subject if email else None, "body": email.body if email else None,
            "citations": list(email.citations) if email else [],
            "prompt_tokens": int(self.usage.get("prompt_tokens", 0)),
            "completion_tokens": int(self.usage.get("completion_tokens", 0)),
            "wall_s": round(self.wall_s, 4), "trajectory": traj.model_dump_json(),
        }


class EnvPool:
    """Envs reused across batches (an env caches each scenario's tools), made on demand by `factory`."""

    def __init__(self, factory: Callable[[], SalesEmailEnv], envs: Sequence[SalesEmailEnv] = ()) -> None:
        self.factory, self.envs = factory, list(envs)

    def take(self, n: int) -> list[SalesEmailEnv]:
        """n envs (the same objects on every call)."""
        while len(self.envs) < n:
            self.envs.append(self.factory())
        return self.envs[:n]


Envs = EnvPool | Callable[[], SalesEmailEnv] | Sequence[SalesEmailEnv] | SalesEmailEnv


def _pool(envs: Envs) -> EnvPool:
    if isinstance(envs, EnvPool):
        return envs
    if isinstance(envs, SalesEmailEnv):
        envs = [envs]
    return EnvPool(envs) if callable(envs) else EnvPool(_no_more_envs, envs)


def _no_more_envs() -> SalesEmailEnv:
    raise ValueError("a batch needs more envs than were given: pass a factory, or a smaller batch_size")


def play(agent: Agent, jobs: Sequence[Job], envs: Envs, *, batch_size: int | None = None,
         on_episode: Callable[[Episode], None] | None = None) -> list[Episode]:
    """Play `jobs` in batches of `batch_size` (default: as many as the envs given, or all at once), each batch in
    lockstep; returns the unscored episodes in job order. `on_episode` is called as each episode ends."""
    missing = [m for m in ("name", "reset", "begin_batch", "act_batch", "usage") if not hasattr(agent, m)]
    if missing:
        raise TypeError(f"{type(agent).__name__} lacks {', '.join(missing)} of codreamer_env.runner.Agent; "
                        "subclass Agent (or agents.base.BaseAgent) for the defaults")
    pool = _pool(envs)
    size = max(1, batch_size or (len(pool.envs) if pool.factory is _no_more_envs else len(jobs)) or 1)
    out: list[Episode] = []
    for start in range(0, len(jobs), size):
        out += _play_batch(agent, jobs[start:start + size], pool.take(min(size, len(jobs) - start)), on_episode)
    return out


def _play_batch(agent: Agent, jobs: Sequence[Job], envs: Sequence[SalesEmailEnv],
                on_episode: Callable[[Episode], None] | None) -> list[Episode]:
    agent.reset()
    agent.begin_batch([j.seed for j in jobs])
    t0 = time.perf_counter()
    obs, infos = [], []
    for env, job in zip(envs, jobs, strict=False):
        o, i = env.reset(seed=job.seed, options={"scenario_id": job.scenario_id, "defer_reward": True,
                                                 "system_prompt": job.system_prompt})
        obs.append(o)
        infos.append(i)
    done: list[Episode | None] = [None] * len(jobs)
    live = list(range(len(jobs)))
    while live:
        for k in live:
            infos[k]["slot"] = k
        actions = agent.act_batch([obs[k] for k in live], [infos[k] for k in live])
        if len(actions) != len(live):
            raise ValueError(f"{agent.name}.act_batch returned {len(actions)} actions for {len(live)} episodes")
        still = []
        for k, action in zip(live, actions, strict=True):
            obs[k], _r, term, trunc, infos[k] = envs[k].step(action)
            if term or trunc:
                done[k] = ep = Episode(jobs[k], infos[k]["trajectory"], agent.usage(k), time.perf_counter() - t0)
                if on_episode is not None:
                    on_episode(ep)
            else:
                still.append(k)
        live = still
    return [ep for ep in done if ep is not None]


ScenarioSource = Mapping[str, Scenario] | Iterable[Scenario] | Callable[[str], Scenario]


def scenario_lookup(scenarios: ScenarioSource) -> Callable[[str], Scenario]:
    """id -> Scenario, from scenarios, a {id: scenario} mapping, or such a function (returned as is)."""
    if callable(scenarios) and not isinstance(scenarios, Mapping):
        return scenarios
    by_id = dict(scenarios) if isinstance(scenarios, Mapping) else {s.id: s for s in scenarios}
    return by_id.__getitem__


def score(reward_model: Any, episodes: Sequence[Episode], scenarios: ScenarioSource, *,
          group_by: str = "scenario", shuffle: np.random.Generator | int | None = None,
          on_group: Callable[[str, int], None] | None = None) -> list[Episode]:
    """Scored copies of `episodes`, in their order. group_by="scenario": each scenario's episodes are one group
    (in order of first appearance; `shuffle`, a seed or Generator, permutes each group so a group judge cannot
    tell who wrote what); "episode": each alone. `on_group(scenario_id, size)` runs before each group."""
    if group_by not in ("scenario", "episode"):
        raise ValueError(f"group_by must be 'scenario' or 'episode', got {group_by!r}")
    find = scenario_lookup(scenarios)
    groups: dict[Any, list[int]] = {}
    for i, ep in enumerate(episodes):
        groups.setdefault(ep.job.scenario_id if group_by == "scenario" else i, []).append(i)
    rng = None if shuffle is None else np.random.default_rng(shuffle)  # a Generator passes through as is
    out: list[Episode | None] = [None] * len(episodes)
    for idx in groups.values():
        if rng is not None:
            idx = [idx[p] for p in rng.permutation(len(idx))]
        sid = episodes[idx[0]].job.scenario_id
        if on_group is not None:
            on_group(sid, len(idx))
        scored = reward_model.score_group(find(sid), [episodes[i].trajectory for i in idx])
        for i, (total, comps) in zip(idx, scored, strict=True):
            out[i] = replace(episodes[i], reward=float(total), components=dict(comps))
    return out  # type: ignore[return-value]


def evaluate(agent: Agent, reward_model: Any, scenarios: Iterable[Scenario] | Mapping[str, Scenario], *,
             trials: int = 1, seed: int | None = 0, jobs: Sequence[Job] | None = None, envs: Envs | None = None,
             batch_size: int = 8, group_by: str = "scenario", env_kwargs: Mapping[str, Any] | None = None,
             on_batch: Callable[[list[Episode]], None] | None = None) -> list[Episode]:
    """score(play(...)) batch by batch: `jobs` (default `make_jobs(scenarios, trials, seed)`) are played in envs
    over `scenarios` (or `envs`), about `batch_size` at a time, each batch scored and handed to `on_batch`. With
    group_by="scenario" a batch holds whole runs of a scenario's consecutive jobs, so no group is split."""
    scenarios = list(scenarios.values() if isinstance(scenarios, Mapping) else scenarios)
    todo = list(jobs) if jobs is not None else make_jobs(scenarios, trials, seed)
    pool = _pool(envs if envs is not None else
                 (lambda: SalesEmailEnv(scenarios=scenarios, reward_model=reward_model, **dict(env_kwargs or {}))))
    out: list[Episode] = []
    for batch in batches(todo, max(1, batch_size), whole_groups=group_by == "scenario"):
        scored = score(reward_model, play(agent, batch, pool), scenarios, group_by=group_by)
        if on_batch is not None:
            on_batch(scored)
        out += scored
    return out


def batches(jobs: list[Job], size: int, whole_groups: bool) -> Iterator[list[Job]]:
    """Consecutive slices of at most `size` jobs; with `whole_groups`, a run of one scenario's consecutive jobs
    is never split (a run longer than `size` is a batch of its own)."""
    runs = [list(g) for _k, g in groupby(jobs, key=lambda j: j.scenario_id)] if whole_groups else [[j] for j in jobs]
    batch: list[Job] = []
    for run in runs:
        if batch and len(batch) + len(run) > size:
            yield batch
            batch = []
        batch += run
    if batch:
        yield batch
