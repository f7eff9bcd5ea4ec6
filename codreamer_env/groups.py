"""GRPO-style groups: G episodes of one scenario, played in lockstep, scored together by the reward model.

A group judge (RULER) ranks trajectories relative to their siblings, so it must see the whole group; the
env's per-episode reward is deferred and the group is scored once here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from codreamer_env.env import SalesEmailEnv
from codreamer_env.trajectory import Trajectory

BatchPolicy = Callable[[list[str], list[dict[str, Any]]], list[Any]]


@dataclass
class GroupResult:
    """The group's trajectories, their rewards and components, in episode order."""

    scenario_id: str
    trajectories: list[Trajectory]
    rewards: list[float]
    components: list[dict[str, float]] = field(default_factory=list)


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
    obs, infos = [], []
    for k, env in enumerate(envs):
        o, i = env.reset(seed=None if seed is None else seed + k,
                         options={"scenario_id": scenario_id, "defer_reward": True})
        obs.append(o)
        infos.append(i)
    live = list(range(len(envs)))
    trajs: list[Trajectory | None] = [None] * len(envs)
    while live:
        actions = policy([obs[k] for k in live], [infos[k] for k in live])
        if len(actions) != len(live):
            raise ValueError(f"policy returned {len(actions)} actions for {len(live)} episodes")
        still = []
        for k, a in zip(live, actions, strict=True):
            o, _r, term, trunc, info = envs[k].step(a)
            obs[k], infos[k] = o, info
            if term or trunc:
                trajs[k] = info["trajectory"]
            else:
                still.append(k)
        live = still
    done = [t for t in trajs if t is not None]
    model = reward_model if reward_model is not None else envs[0].reward_model
    scored = model.score_group(envs[0].scenario, done)
    return GroupResult(scenario_id=scenario_id, trajectories=done, rewards=[float(s[0]) for s in scored],
                       components=[dict(s[1]) for s in scored])
