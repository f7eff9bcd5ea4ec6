"""Structured configs for every experiment script, registered in Hydra's ConfigStore.

Each group (env, agent, judge, reward, logger, experiment) is a dataclass, so an override with a typo
(`agent.temprature=0.5`) or a wrong type fails before anything runs, with Hydra naming the key. Where the
code has a settings class of its own (the optimizer, gate, triggers, budget, monitor, GRPO, rollout and LLM
judge settings), that class is the schema; `build` turns a config section into an instance of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from hydra.core.config_store import ConfigStore
from omegaconf import MISSING, DictConfig, OmegaConf

from agents.grpo import GRPOSettings, RolloutConfig
from agents.prompt_optimizer import OptimizerSettings
from agents.prompt_rewrite import Budget, GateConfig
from agents.prompt_triggers import MonitorConfig, TriggerConfig
from codreamer_env.rewards.llm_judge import LLMJudgeConfig
from codreamer_env.scenarios import DEFAULT_SET

T = TypeVar("T")


@dataclass
class EnvConfig:
    scenario_set: str = DEFAULT_SET
    split: str = "test"
    scenarios: str | None = None  # a scenario JSONL of your own (codreamer_env.make_scenarios): used instead of the set
    limit: int | None = None  # the first N scenarios of the split (a fixed subset)
    max_turns: int | None = None  # None: the scenario set's default (codreamer_env.scenarios.MAX_TURNS)
    context_k: int = 5
    context_radius: int = 2
    context_max_chars: int = 800


@dataclass
class AgentConfig:
    name: str = MISSING  # random | greedy | oracle | llm
    _target_: str | None = None  # your own agent class, "pkg.module.Class" (experiments.factory.make_agent builds it)
    seed: int = 0
    # LLM agents
    backend: str = "transformers"  # transformers | openai
    model: str = "smollm2"  # "smollm2" (bundled GGUF), a local HF folder, or a model name on an endpoint
    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    native_tools: bool = True  # openai backend: send tool schemas and accept native tool calls
    system_prompt: str | None = None  # None: the env's default system prompt
    prompt_registry: str | None = None  # a prompt registry file: its active version is the system prompt
    max_new_tokens: int = 256
    temperature: float = 0.7
    top_p: float = 0.95
    batch_size: int = 8
    max_context_tokens: int = 2048
    prefill: str = ""  # text the assistant turn starts with, e.g. <tool_call>{"name": " (a forced-tool-call scaffold)
    device: str = "auto"  # auto | cpu | cuda
    dtype: str = "auto"  # auto (fp32 on CPU, bf16 on GPU) | float32 | bfloat16


@dataclass
class JudgeConfig(LLMJudgeConfig):
    """The judge `name` picks; the LLM judges (ruler, pointwise) take this config itself as their
    LLMJudgeConfig, with the rubric judge (its `weights`) as their fallback."""

    name: str = "rubric"  # rubric (rubric-v2) | rubric_v1 | ruler | pointwise
    weights: dict[str, float] = field(default_factory=dict)  # rubric component weights (empty: defaults)


@dataclass
class RewardConfig:
    alpha: float = 1.0
    beta: float = 0.0
    gamma: float = 0.0
    feedback_paths: list[str] = field(default_factory=list)


@dataclass
class LoggerConfig:
    name: str = "none"  # none | wandb
    project: str = "codreamer-env"
    entity: str | None = None
    mode: str = "offline"  # offline unless the user configures online
    tags: list[str] = field(default_factory=list)
    table_rows: int = 50


@dataclass
class ExperimentConfig:
    name: str = "default"
    trials: int = 1  # k trials per scenario
    pass_threshold: float = 0.7  # pass^k: all k trials of a scenario at or above this reward
    batch_size: int = 8  # episodes played in lockstep (the LLM agent generates for all of them at once)
    seed: int = 0
    bootstrap: int = 2000
    plot: bool = True
    resume: bool = True
    # Where the benchmark's episodes are played (experiments.executors): local (this process) | ray (Ray workers,
    # each holding its own envs and agent; rows are identical, so none of these three is in the run's hash).
    executor: str = "local"
    workers: int = 2  # ray: worker actors (one CPU each)
    ray_address: str | None = None  # ray: an existing cluster ("auto", "host:6379"); None: start a local Ray


@dataclass
class BenchmarkConfig:
    env: EnvConfig = field(default_factory=EnvConfig)
    agent: AgentConfig = field(default_factory=AgentConfig)
    judge: JudgeConfig = field(default_factory=JudgeConfig)
    reward: RewardConfig = field(default_factory=RewardConfig)
    logger: LoggerConfig = field(default_factory=LoggerConfig)
    experiment: ExperimentConfig = field(default_factory=ExperimentConfig)


@dataclass
class ReviewConfig:
    run: str = MISSING  # a benchmark run folder (holds trajectories.jsonl)
    feedback: str = "data/feedback/reviews.jsonl"
    reviewer: str = "anonymous"
    mode: str = "review"  # review (accept/reject/edit/skip) | pairwise
    decisions: str | None = None  # a JSONL file of decisions: non-interactive
    limit: int | None = None
    editor: str | None = None  # default: $EDITOR, else inline


@dataclass
class RescoreConfig:
    run: str = MISSING  # a benchmark run folder
    judge: JudgeConfig = field(default_factory=JudgeConfig)
    reward: RewardConfig = field(default_factory=RewardConfig)
    out: str = "rescored.jsonl"
    # With no `run`: a scripted agent (random | greedy | oracle | instruction_follower) plays `env` first, into
    # <hydra run dir>/played-<agent>, and that run is re-scored (experiment=smoke does: self-contained).
    play: str | None = None
    env: EnvConfig = field(default_factory=EnvConfig)
    experiment: ExperimentConfig = field(default_factory=ExperimentConfig)


@dataclass
class LoraConfig:
    enabled: bool = False
    r: int = 16
    lora_alpha: int = 32
    dropout: float = 0.05
    target_modules: list[str] = field(default_factory=lambda: ["q_proj", "k_proj", "v_proj", "o_proj"])


@dataclass
class EvalSettings:
    every: int = 25  # steps; 0: only at the end; -1: never
    split: str = "val"
    limit: int = 16
    max_new_tokens: int = 96
    max_turns: int | None = None  # None: the rollout's max_turns


@dataclass
class TrainGRPOConfig:
    model: str = "smollm2"  # the bundled SmolLM2, a local HF folder, or an SFT output folder
    output_dir: str = "outputs/train_grpo/${experiment.name}"
    resume: str | None = None  # a checkpoint folder, or "auto" for the latest one in output_dir
    lora: LoraConfig = field(default_factory=LoraConfig)
    grpo: GRPOSettings = field(default_factory=GRPOSettings)
    rollout: RolloutConfig = field(  # the rollouts play the env's scenarios
        default_factory=lambda: RolloutConfig(scenario_set="${env.scenario_set}", split="${env.split}"))
    eval: EvalSettings = field(default_factory=EvalSettings)
    env: EnvConfig = field(default_factory=lambda: EnvConfig(split="train"))
    judge: JudgeConfig = field(default_factory=JudgeConfig)
    reward: RewardConfig = field(default_factory=RewardConfig)
    logger: LoggerConfig = field(default_factory=LoggerConfig)
    experiment: ExperimentConfig = field(default_factory=ExperimentConfig)


@dataclass
class SFTRunConfig:
    runs: list[str] = field(default_factory=list)  # benchmark run folders (their trajectories.jsonl)
    # With no `runs`: a scripted agent (e.g. oracle) plays `env` first, into <output_dir>/played-<agent>, and SFT
    # trains on that run (experiment=smoke does: self-contained).
    play: str | None = None
    env: EnvConfig = field(default_factory=lambda: EnvConfig(split="train"))
    min_reward: float = 0.8  # keep trajectories at or above this reward ...
    feedback_paths: list[str] = field(default_factory=list)  # ... and human-accepted ones (rejected ones dropped)
    model: str = "smollm2"
    chat_template: str = "auto"  # auto: TRL's ChatML training template (assistant-only masks) for ChatML models
    output_dir: str = "outputs/sft/${experiment.name}"
    max_steps: int = 100
    learning_rate: float = 2e-5
    batch_size: int = 4
    max_length: int = 2048
    seed: int = 0
    logger: LoggerConfig = field(default_factory=LoggerConfig)
    experiment: ExperimentConfig = field(default_factory=ExperimentConfig)


@dataclass
class LearnLoopSettings:
    iterations: int = 3
    episodes_per_iter: int = 16  # train scenarios played in step 1 (a new slice each iteration)
    generator: str = "policy"  # who plays step 1: policy (the model being trained) | greedy | oracle | random
    grpo_steps_per_iter: int = 10
    eta: float = 0.1  # node-score update rate: s <- clamp(s + eta * (r - s)) for the nodes a trajectory cited
    # A node-score file to start from ({node id: score}, the prototype's form, or NodeScores' own): every scenario's
    # scores start from it, and the learned scores go to <output_dir>/node_scores.json in its form, with its ids.
    initial_node_scores: str | None = None
    write_back: bool = False  # also replace initial_node_scores with the learned scores (atomically, under its lock)


@dataclass
class LearnLoopConfig(TrainGRPOConfig):
    output_dir: str = "outputs/learn_loop/${experiment.name}"
    learn_loop: LearnLoopSettings = field(default_factory=LearnLoopSettings)


@dataclass
class RewriterConfig:
    backend: str = "none"  # none (rule proposer only) | transformers | openai
    model: str = "smollm2"  # transformers: "smollm2" or a local HF folder; openai: the model name
    base_url: str | None = None
    api_key_env: str = "OPENAI_API_KEY"
    max_new_tokens: int = 200
    temperature: float = 0.9


@dataclass
class RLRewriterSettings:
    enabled: bool = False  # train the rewriter with GRPO (PRewrite proper) instead of proposing by sampling
    steps: int = 20
    num_generations: int = 4
    minibatch: int = 8  # scenarios the policy plays under each rewritten prompt
    learning_rate: float = 1e-5
    max_completion_length: int = 160
    # Before and after training, sample this many rewrites from the rewriter and score each with the policy on
    # the first eval_scenarios held-out scenarios (0: skip); the difference says whether GRPO helped.
    eval_rewrites: int = 16
    eval_scenarios: int = 16


@dataclass
class OptimizePromptConfig:
    registry: str = "outputs/prompts/registry.json"
    initial_prompt: str = "default"  # default | weak | a text file (used when the registry is created)
    protected: list[str] | None = None  # section names; None: those the initial prompt contains
    feedback_paths: list[str] = field(default_factory=list)
    output_dir: str = "outputs/optimize_prompt/${experiment.name}"
    watch: bool = False
    poll_seconds: float = 60.0
    max_polls: int = 0  # watch mode: stop after this many polls (0: never)
    env: EnvConfig = field(default_factory=EnvConfig)
    agent: AgentConfig = field(default_factory=AgentConfig)
    judge: JudgeConfig = field(default_factory=JudgeConfig)
    reward: RewardConfig = field(default_factory=RewardConfig)
    logger: LoggerConfig = field(default_factory=LoggerConfig)
    experiment: ExperimentConfig = field(default_factory=ExperimentConfig)
    optimizer: OptimizerSettings = field(default_factory=OptimizerSettings)
    rewriter: RewriterConfig = field(default_factory=RewriterConfig)
    gate: GateConfig = field(default_factory=lambda: GateConfig(seed="${optimizer.seed}"))
    triggers: TriggerConfig = field(default_factory=TriggerConfig)
    budget: Budget = field(default_factory=Budget)
    monitor: MonitorConfig = field(default_factory=MonitorConfig)
    rl_rewriter: RLRewriterSettings = field(default_factory=RLRewriterSettings)


def scripted_run_config(agent: str, env: Any, experiment: Any) -> DictConfig:
    """The benchmark config (BenchmarkConfig) of a scripted agent playing `env`: what `play=<agent>` runs."""
    return OmegaConf.merge(OmegaConf.structured(BenchmarkConfig),
                           {"agent": {"name": agent}, "env": env, "experiment": experiment})


def register() -> None:
    """Register every schema (idempotent)."""
    cs = ConfigStore.instance()
    cs.store(name="benchmark_schema", node=BenchmarkConfig)
    cs.store(name="review_schema", node=ReviewConfig)
    cs.store(name="rescore_schema", node=RescoreConfig)
    cs.store(name="train_grpo_schema", node=TrainGRPOConfig)
    cs.store(name="sft_schema", node=SFTRunConfig)
    cs.store(name="learn_loop_schema", node=LearnLoopConfig)
    cs.store(name="optimize_prompt_schema", node=OptimizePromptConfig)


def build(cls: type[T], node: Any) -> T:
    """A `cls` instance from a config section: one Hydra composed with `cls` (or a subclass) as its schema,
    or a plain dict / DictConfig, checked against `cls` (an unknown key raises, naming it)."""
    if not (isinstance(node, DictConfig) and issubclass(OmegaConf.get_type(node) or dict, cls)):
        node = OmegaConf.merge(OmegaConf.structured(cls), node)
    return OmegaConf.to_object(node)  # type: ignore[return-value]


def to_dict(cfg: Any) -> dict[str, Any]:
    """A plain dict of a config (for trackers and results folders; holds no secrets by construction)."""
    return OmegaConf.to_container(cfg, resolve=True)  # type: ignore[return-value]


register()
