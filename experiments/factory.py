"""Build agents, judges and reward models from configs (the one place that maps names to classes)."""

from __future__ import annotations

import inspect
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
    """An agent from an AgentConfig: the class `_target_` names (your own agent), else a scripted baseline by
    name, else an LLM agent. `scenarios`: the ones it will play (the oracle reads their gold paths; None: it looks
    them up in the named sets)."""
    from agents.llm import LLMAgent
    from agents.scripted import GreedyKGAgent, InstructionFollowingAgent, OracleAgent, RandomAgent

    prompt = resolve_system_prompt(cfg)
    scripted = {"instruction_follower": lambda: InstructionFollowingAgent(seed=cfg.seed, system_prompt=prompt),
                "random": lambda: RandomAgent(seed=cfg.seed), "greedy": GreedyKGAgent,
                "oracle": lambda: OracleAgent(scenarios)}
    if getattr(cfg, "_target_", None):
        if cfg.name in scripted:  # the run folder and its resume key go by the name: never reuse a baseline's
            raise ValueError(f"agent._target_={cfg._target_} needs a name of its own: add agent.name=<your agent's "
                             f"name> (not {cfg.name!r}, a built-in agent's)")
        return custom_agent(cfg._target_, cfg, prompt, scenarios)
    if cfg.name in scripted:
        return scripted[cfg.name]()
    return LLMAgent.from_config(cfg if prompt == cfg.system_prompt else OmegaConf.merge(cfg, {"system_prompt": prompt}))


def custom_agent(target: str, cfg: Any, system_prompt: str | None = None,
                 scenarios: Sequence[ce.Scenario] | None = None) -> Any:
    """An instance of the agent class `target` ("pkg.module.Class"): `Class.from_config(cfg)` when the class has
    one (as LLMAgent subclasses do), else `Class(**fields)` with the AgentConfig fields its constructor names
    (`seed`, `model`, `system_prompt` (resolved), ...; `scenarios`: the scenarios it will play)."""
    import importlib

    from codreamer_env.runner import Agent

    module, _, attr = target.rpartition(".")
    try:
        cls = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError, ValueError) as exc:
        raise ValueError(f"agent._target_={target}: cannot import it ({type(exc).__name__}: {exc}); the module must be "
                         "importable (on PYTHONPATH, or in the folder you run from)") from exc
    fields = {k: v for k, v in OmegaConf.to_container(OmegaConf.structured(cfg), resolve=True).items()
              if k != "_target_"}
    fields["system_prompt"] = system_prompt
    if callable(getattr(cls, "from_config", None)):
        agent = cls.from_config(OmegaConf.merge(cfg, {"system_prompt": system_prompt}))
    else:
        params = inspect.signature(cls).parameters
        extra = {"scenarios": scenarios} if "scenarios" in params else {}
        agent = cls(**{k: v for k, v in fields.items() if k in params}, **extra)
    missing = [m for m in ("act", "act_batch", "reset", "begin_batch", "usage") if not callable(getattr(agent, m, None))]
    if missing or not isinstance(agent, Agent):
        raise TypeError(f"agent._target_={target}: {cls.__name__} lacks {', '.join(missing) or 'name'} of the agent "
                        "protocol (codreamer_env.runner.Agent); subclass agents.base.BaseAgent and write `act`")
    return agent


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


def scenarios_file(env_cfg: Any) -> str | None:
    """The scenario JSONL an EnvConfig names (`env.scenarios`), as an absolute path (relative paths are read from
    where the command was started, also inside a Hydra run), or None when it names a set and split."""
    path = getattr(env_cfg, "scenarios", None)
    if not path:
        return None
    from hydra.utils import to_absolute_path

    return to_absolute_path(str(path))


def load_env_scenarios(env_cfg: Any, split: str | None = None) -> list[ce.Scenario]:
    """The scenarios an EnvConfig names: the file `env.scenarios` (your own data), else the set `env.scenario_set`
    and `split` (default `env.split`); the first `env.limit` of them."""
    path = scenarios_file(env_cfg)
    if path is not None:
        return ce.load_scenarios(path=path, limit=env_cfg.limit)
    return ce.load_scenarios(env_cfg.scenario_set, split or env_cfg.split, limit=env_cfg.limit)


def env_kwargs(env_cfg: Any, system_prompt: str | None = None) -> dict[str, Any]:
    """SalesEmailEnv keyword arguments from an EnvConfig."""
    return {"max_turns": env_cfg.max_turns, "system_prompt": system_prompt, "tool_config": tool_config(env_cfg)}
