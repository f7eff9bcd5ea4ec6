"""Build agents, judges and reward models from configs (the one place that maps names to classes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from omegaconf import OmegaConf

import codreamer_env as ce
from codreamer_env.tools import ToolConfig
from experiments.config import JudgeConfig, build


def resolve_system_prompt(cfg: Any) -> str | None:
    """The agent's system prompt: `system_prompt`, else the active version of `prompt_registry`, else None
    (the env's default)."""
    if getattr(cfg, "system_prompt", None) is not None:
        return cfg.system_prompt
    if getattr(cfg, "prompt_registry", None):
        from agents.prompt_registry import PromptRegistry

        return PromptRegistry(cfg.prompt_registry).active_text()
    return None


def make_agent(cfg: Any, scenarios: Sequence[ce.Scenario] | None = None) -> Any:
    """An agent from an AgentConfig: a scripted baseline by name, else an LLM agent. `scenarios`: the ones it
    will play (the oracle reads their gold paths; None: it looks them up in the named sets)."""
    from agents.llm import LLMAgent
    from agents.scripted import GreedyKGAgent, InstructionFollowingAgent, OracleAgent, RandomAgent

    prompt = resolve_system_prompt(cfg)
    scripted = {"instruction_follower": lambda: InstructionFollowingAgent(seed=cfg.seed, system_prompt=prompt),
                "random": lambda: RandomAgent(seed=cfg.seed), "greedy": GreedyKGAgent,
                "oracle": lambda: OracleAgent(scenarios)}
    if cfg.name in scripted:
        return scripted[cfg.name]()
    return LLMAgent.from_config(cfg if prompt == cfg.system_prompt else OmegaConf.merge(cfg, {"system_prompt": prompt}))


def make_judge(cfg: Any) -> Any:
    """The judge named by a JudgeConfig (a config section or a dict of its fields)."""
    cfg = build(JudgeConfig, cfg)
    weights = cfg.weights or None
    if cfg.name in ("rubric", "rubric_v2"):
        return ce.RubricJudge(weights=weights)
    if cfg.name == "rubric_v1":  # the first rubric, so results measured with it reproduce
        return ce.RubricJudgeV1(weights=weights)
    if cfg.name == "ruler":
        return ce.RulerJudge(cfg, fallback=ce.RubricJudge(weights=weights))
    if cfg.name == "pointwise":
        return ce.PointwiseLLMJudge(cfg, fallback=ce.RubricJudge(weights=weights))
    raise ValueError(f"unknown judge {cfg.name!r}; use rubric (rubric-v2), rubric_v1, ruler or pointwise")


def judge_version(reward_model: Any) -> str:
    """The version of the judge inside a reward model ("rubric-v2", "rubric-v1", "ruler-rubric-v1", ...)."""
    judge = getattr(reward_model, "judge", reward_model)
    return str(getattr(judge, "version", None) or type(judge).__name__)


def make_reward(judge_cfg: Any, reward_cfg: Any) -> Any:
    """The env's reward model: the judge alone, or blended with feedback when beta/gamma > 0."""
    judge = make_judge(judge_cfg)
    if not (reward_cfg.beta or reward_cfg.gamma):
        return judge if reward_cfg.alpha else ce.BlendedReward(judge, ce.RewardMix(reward_cfg.alpha, 0, 0))
    store = ce.FeedbackStore(list(reward_cfg.feedback_paths)) if reward_cfg.feedback_paths else None
    return ce.BlendedReward(judge, ce.RewardMix(reward_cfg.alpha, reward_cfg.beta, reward_cfg.gamma), store)


def tool_config(env_cfg: Any) -> ToolConfig:
    """The tools' context settings from an EnvConfig."""
    return ToolConfig(default_k=env_cfg.context_k, default_radius=env_cfg.context_radius,
                      default_max_chars=env_cfg.context_max_chars)


def env_kwargs(env_cfg: Any, system_prompt: str | None = None) -> dict[str, Any]:
    """SalesEmailEnv keyword arguments from an EnvConfig."""
    return {"max_turns": env_cfg.max_turns, "system_prompt": system_prompt, "tool_config": tool_config(env_cfg)}
