"""GRPO-style groups: G episodes of one scenario, played in lockstep, scored together by the reward model.

A group judge (RULER) ranks trajectories relative to their siblings, so it must see the whole group; the
env's per-episode reward is deferred and the group is scored once here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from codreamer_env.env import SalesEmailEnv
from codreamer_env.trajectory import Trajectory

BatchPolicy = Callable[[list[str], list[dict[str, Any]]], list[Any]]


def episode_seed(seed: int, scenario_id: str, trial: int) -> int:
    """A stable per-episode seed (the same in every process: no Python hash randomisation)."""
    return int(hashlib.sha256(f"{seed}|{scenario_id}|{trial}".encode()).hexdigest()[:8], 16)


@dataclass
class GroupResult:
    """The group's trajectories, their rewards and components, in episode order."""

    scenario_id: str
    trajectories: list[Trajectory]
    rewards: list[float]
    components: list[dict[str, float]] = field(default_factory=list)


def play_episodes(
    envs: Sequence[SalesEmailEnv],
    policy: BatchPolicy,
    scenario_ids: Sequence[str],
    *,
    seeds: Sequence[int | None] | None = None,
    defer_reward: bool = False,
    on_done: Callable[[int, float, dict[str, Any]], None] | None = None,
) -> list[Trajectory]:
    """Play one episode of `scenario_ids[k]` in `envs[k]` for every k, in lockstep, batching the policy's calls
    over the episodes still running. Each `info` handed to the policy carries `slot` = k (for per-episode
    bookkeeping). `on_done(k, reward, info)` is called as each episode ends. Returns the trajectories in order."""
    if len(scenario_ids) > len(envs):
        raise ValueError(f"{len(scenario_ids)} episodes need as many envs, got {len(envs)}")
    obs, infos = [], []
    for k, sid in enumerate(scenario_ids):
        o, i = envs[k].reset(seed=seeds[k] if seeds else None,
                             options={"scenario_id": sid, "defer_reward": defer_reward})
        obs.append(o)
        infos.append(i)
    trajs: list[Trajectory | None] = [None] * len(scenario_ids)
    live = list(range(len(scenario_ids)))
    while live:
        for k in live:
            infos[k]["slot"] = k
        actions = policy([obs[k] for k in live], [infos[k] for k in live])
        if len(actions) != len(live):
            raise ValueError(f"policy returned {len(actions)} actions for {len(live)} episodes")
        still = []
        for k, a in zip(live, actions, strict=True):
            o, r, term, trunc, info = envs[k].step(a)
            obs[k], infos[k] = o, info
            if term or trunc:
                trajs[k] = info["trajectory"]
                if on_done is not None:
                    on_done(k, float(r), info)
            else:
                still.append(k)
        live = still
    return [t for t in trajs if t is not None]


def rollout_group(
    envs: Sequence[SalesEmailEnv],
    policy: BatchPolicy,
    scenario_id: str,
    *,
    seed: int | None = None,
    reward_model: Any | None = None,
) -> GroupResult:
    """Play one episode of `scenario_id` in each env (one env per group member), batching the policy's calls
    across the live episodes, then score all trajectories together.

    `policy(observations, infos) -> actions` is called with the episodes still running; an LLM agent can
    generate for all of them in one batch. Episode k is reset with seed `seed + k` (if given).
    """
    if not envs:
        raise ValueError("a group needs at least one env")
    seeds = None if seed is None else [seed + k for k in range(len(envs))]
    done = play_episodes(envs, policy, [scenario_id] * len(envs), seeds=seeds, defer_reward=True)
    model = reward_model if reward_model is not None else envs[0].reward_model
    scored = model.score_group(envs[0].scenario, done)
    return GroupResult(scenario_id=scenario_id, trajectories=done, rewards=[float(s[0]) for s in scored],
                       components=[dict(s[1]) for s in scored])
