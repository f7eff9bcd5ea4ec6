"""Build agents, judges and reward models from configs (the one place that maps names to classes)."""

from __future__ import annotations

from typing import Any

import codreamer_env as ce
from codreamer_env.tools import ToolConfig

SCRIPTED = ("random", "greedy", "oracle", "instruction_follower")


def resolve_system_prompt(cfg: Any) -> str | None:
    """The agent's system prompt: `system_prompt`, else the active version of `prompt_registry`, else None
    (the env's default)."""
    if getattr(cfg, "system_prompt", None) is not None:
        return cfg.system_prompt
    if getattr(cfg, "prompt_registry", None):
        from agents.prompt_registry import PromptRegistry

        return PromptRegistry(cfg.prompt_registry).active_text()
    return None


def make_agent(cfg: Any) -> Any:
    """An agent from an AgentConfig: a scripted baseline by name, else an LLM agent."""
    if getattr(cfg, "prompt_registry", None) and getattr(cfg, "system_prompt", None) is None:
        from omegaconf import OmegaConf

        cfg = OmegaConf.merge(cfg, {"system_prompt": resolve_system_prompt(cfg)})
    from agents.scripted import GreedyKGAgent, InstructionFollowingAgent, OracleAgent, RandomAgent

    if cfg.name == "instruction_follower":
        return InstructionFollowingAgent(seed=cfg.seed, system_prompt=cfg.system_prompt)
    if cfg.name == "random":
        return RandomAgent(seed=cfg.seed)
    if cfg.name == "greedy":
        return GreedyKGAgent()
    if cfg.name == "oracle":
        return OracleAgent()
    from agents.llm import LLMAgent

    return LLMAgent.from_config(cfg)


def make_judge(cfg: Any) -> Any:
    """The judge named by a JudgeConfig."""
    if cfg.name in ("rubric", "rubric_v2"):
        return ce.RubricJudge(weights=dict(cfg.weights) or None)
    if cfg.name == "rubric_v1":  # the first rubric, so results measured with it reproduce
        return ce.RubricJudgeV1(weights=dict(cfg.weights) or None)
    llm_cfg = ce.LLMJudgeConfig(base_url=cfg.base_url, model=cfg.model, api_key_env=cfg.api_key_env,
                                orderings=cfg.orderings, concurrency=cfg.concurrency, timeout_s=cfg.timeout_s,
                                max_retries=cfg.max_retries, constrain_schema=cfg.constrain_schema,
                                cache_dir=cfg.cache_dir)
    fallback = ce.RubricJudge(weights=dict(cfg.weights) or None)
    if cfg.name == "ruler":
        return ce.RulerJudge(llm_cfg, fallback=fallback)
    if cfg.name == "pointwise":
        return ce.PointwiseLLMJudge(llm_cfg, fallback=fallback)
    raise ValueError(f"unknown judge {cfg.name!r}; use rubric (rubric-v2), rubric_v1, ruler or pointwise")


def judge_version(reward_model: Any) -> str:
    """The version of the judge inside a reward model ("rubric-v2", "rubric-v1", "ruler-rubric-v1", ...)."""
    judge = getattr(reward_model, "judge", reward_model)
    return str(getattr(judge, "version", None) or getattr(judge, "rubric_version", None)
               or getattr(getattr(judge, "config", None), "rubric_version", None) or type(judge).__name__)


def make_reward(judge_cfg: Any, reward_cfg: Any) -> Any:
    """The env's reward model: the judge alone, or blended with feedback when beta/gamma > 0."""
    judge = make_judge(judge_cfg)
    if not (reward_cfg.beta or reward_cfg.gamma):
        return judge if reward_cfg.alpha else ce.BlendedReward(judge, ce.RewardMix(reward_cfg.alpha, 0, 0))
    store = ce.FeedbackStore(list(reward_cfg.feedback_paths)) if reward_cfg.feedback_paths else None
    return ce.BlendedReward(judge, ce.RewardMix(reward_cfg.alpha, reward_cfg.beta, reward_cfg.gamma), store)


def tool_config(env_cfg: Any) -> ToolConfig:
    return ToolConfig(default_k=env_cfg.context_k, default_radius=env_cfg.context_radius,
                      default_max_chars=env_cfg.context_max_chars)
