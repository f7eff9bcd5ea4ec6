"""Wrappers for extras users expect; the core env stays unshaped."""

from __future__ import annotations

from typing import Any

import gymnasium as gym


class ShapedToolReward(gym.Wrapper):
    """Adds a small penalty per invalid action and an optional bonus for retrieving gold-path nodes.

    The shaping is reported in `info["shaping"]` and the env's own reward in `info["env_reward"]`, so
    logs can always separate the two.
    """

    def __init__(self, env: gym.Env, invalid_penalty: float = 0.05, gold_bonus: float = 0.0) -> None:
        super().__init__(env)
        if invalid_penalty < 0 or gold_bonus < 0:
            raise ValueError("invalid_penalty and gold_bonus must be >= 0")
        self.invalid_penalty = invalid_penalty
        self.gold_bonus = gold_bonus
        self._seen_gold: set[str] = set()
        self._gold: frozenset[str] = frozenset()

    def reset(self, **kwargs: Any) -> tuple[Any, dict[str, Any]]:
        obs, info = self.env.reset(**kwargs)
        self._seen_gold = set()
        self._gold = frozenset(self.env.unwrapped.scenario.gold_nodes)
        return obs, info

    def step(self, action: Any) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        obs, reward, terminated, truncated, info = self.env.step(action)
        shaping = -self.invalid_penalty * info.get("step_invalid", 0)
        if self.gold_bonus:
            retrieved = set(self.env.unwrapped.retrieved_nodes) & self._gold
            fresh = retrieved - self._seen_gold
            self._seen_gold |= fresh
            shaping += self.gold_bonus * len(fresh)
        info["env_reward"] = reward
        info["shaping"] = shaping
        return obs, reward + shaping, terminated, truncated, info
