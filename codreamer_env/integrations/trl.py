"""What TRL's GRPOTrainer needs: an `environment_factory` class and a group (RULER) reward function.

    from trl import GRPOConfig, GRPOTrainer
    from codreamer_env.integrations.trl import SalesEmailToolEnv, group_reward_func, tool_env_dataset

    trainer = GRPOTrainer(model=..., args=GRPOConfig(...), train_dataset=tool_env_dataset("train"),
                          environment_factory=SalesEmailToolEnv,        # one instance per rollout
                          reward_funcs=[group_reward_func(judge)])     # optional: RULER over each group

For models whose chat templates TRL's tool parsing knows (Qwen, Llama 3.x, ...): the KG tools are the
public typed methods of `SalesEmailToolEnv`, `reset(**row)` returns the task brief (appended to the user
message), and `get_reward()` returns the pointwise reward of the finished episode. Models without tool
templates use the multi-turn text-protocol rollouts instead.

Multi-process runs: TRL repeats each prompt `num_generations` times and slices the batch across
processes, so a group can be split between processes. `group_reward_func` then gathers every
process's trajectories (accelerate's `gather_object`), scores whole groups (identical on every process;
the judge's disk cache makes the repeats free), and returns this process's slice, so a group judge never
sees half a group.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any, get_type_hints

from codreamer_env import runner
from codreamer_env.env import SalesEmailEnv
from codreamer_env.prompts import default_system_prompt
from codreamer_env.scenarios import DEFAULT_SET, load_scenarios
from codreamer_env.tools import TOOLS, Tool
from codreamer_env.trajectory import Trajectory

INSTRUCTION = "Research the prospect in the knowledge graph with the tools, then call finalize_email."


class SalesEmailToolEnv:
    """One SalesEmailEnv episode driven by TRL's tool-calling loop (environment_factory)."""

    scenario_set = DEFAULT_SET
    split = "train"
    max_turns: int | None = None  # None: the scenario set's default
    reward_model: Any = None

    def __init__(self) -> None:
        sc = load_scenarios(self.scenario_set, self.split)
        self._env = SalesEmailEnv(scenarios=sc, max_turns=self.max_turns, reward_model=self.reward_model)
        self._reward: float | None = None
        self._done = False

    @classmethod
    def configured(cls, **attrs: Any) -> type[SalesEmailToolEnv]:
        """A subclass with other class-level settings, e.g. `SalesEmailToolEnv.configured(split="val")`."""
        return type(cls.__name__, (cls,), attrs)

    def reset(self, **row: Any) -> str:
        """Start the episode of `row["scenario_id"]`; returns the task brief."""
        sid = row.get("scenario_id")
        self._env.reset(options={"scenario_id": sid} if sid else None)
        self._reward, self._done = None, False
        return self._env.scenario.brief()

    def _step(self, call: dict[str, Any]) -> str:
        if self._done:
            return "The email was already finalized; the episode is over."
        obs, reward, term, trunc, info = self._env.step(call)
        if term or trunc:
            self._done = True
            self._reward = float(reward)
        return obs

    @property
    def trajectory(self) -> Trajectory:
        """The episode so far (an unfinished one has no email). A property, so TRL does not offer it as a tool
        (it offers every public function of the class)."""
        return self._env.episode_trajectory()

    def get_reward(self) -> float:
        """The pointwise reward of the episode; an episode that never finalized gets the 'no email' score."""
        if self._reward is None:
            ep = runner.Episode(runner.Job(self._env.scenario.id), self.trajectory)
            self._reward = float(runner.score(self._env.reward_model, [ep], [self._env.scenario])[0].reward)
        return self._reward


def _tool_method(tool: Tool) -> Callable[..., str]:
    """An env method running `tool`, with its function's signature and docstring (TRL's `get_json_schema` reads them)."""
    sig = inspect.signature(tool.fn).replace(return_annotation=str)

    def method(self: SalesEmailToolEnv, *args: Any, **kwargs: Any) -> str:
        bound = sig.bind(self, *args, **kwargs)
        bound.apply_defaults()
        return self._step({"name": tool.name, "arguments": dict(list(bound.arguments.items())[1:])})

    method.__name__ = method.__qualname__ = tool.name
    method.__doc__, method.__signature__ = tool.fn.__doc__, sig  # type: ignore[attr-defined]
    method.__annotations__ = {**get_type_hints(tool.fn), "return": str}
    return method


for _tool in TOOLS.values():  # the KG tools are the env's public typed methods
    setattr(SalesEmailToolEnv, _tool.name, _tool_method(_tool))


def tool_env_dataset(split: str = "train", name: str = DEFAULT_SET, system_prompt: str | None = None):
    """A `datasets.Dataset` for environment_factory training: the system prompt and an instruction per row
    (the env's `reset` appends the brief), with `scenario_id` passed to `reset(**row)`."""
    import datasets

    rows = [{"prompt": [{"role": "system", "content": system_prompt or default_system_prompt()},
                        {"role": "user", "content": INSTRUCTION}], "scenario_id": s.id}
            for s in load_scenarios(name, split)]
    return datasets.Dataset.from_list(rows)


def _gather(items: list[Any]) -> tuple[list[Any], int]:
    """(every process's items in rank order, this process's offset); a no-op in a single process."""
    try:
        import torch.distributed as dist
    except ImportError:  # pragma: no cover
        return items, 0
    if not (dist.is_available() and dist.is_initialized()) or dist.get_world_size() == 1:
        return items, 0
    parts: list[list[Any]] = [None] * dist.get_world_size()  # type: ignore[list-item]
    dist.all_gather_object(parts, items)
    offset = sum(len(p) for p in parts[: dist.get_rank()])
    return [x for p in parts for x in p], offset


def group_reward_func(judge: Any) -> Callable[..., list[float]]:
    """A GRPO reward function that scores each prompt's completions together with `judge.score_group`
    (RULER or any group judge). Needs `environment_factory=SalesEmailToolEnv` (it reads the episodes)."""

    def ruler_group_reward(prompts: Sequence[Any], completions: Sequence[Any], environments: Sequence[Any] | None = None,
                           **kwargs: Any) -> list[float]:
        if environments is None:
            raise ValueError("group_reward_func needs environment_factory=SalesEmailToolEnv")
        local = [e.trajectory.model_dump_json() for e in environments]
        everything, offset = _gather(local)
        episodes = [runner.Episode(runner.Job(t.scenario_id), t)
                    for t in map(Trajectory.model_validate_json, everything)]
        scores = [ep.reward for ep in runner.score(judge, episodes, environments[0]._env.scenario_by_id)]
        return scores[offset : offset + len(local)]

    ruler_group_reward.__name__ = f"{getattr(judge, 'name', 'group')}_group_reward"
    return ruler_group_reward
