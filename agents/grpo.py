"""Multi-turn GRPO rollouts in SalesEmailEnv for TRL's GRPOTrainer (`rollout_func`), with the text protocol.

Each prompt TRL hands over (the sampler has already repeated every scenario `num_generations` times, groups
consecutive) becomes one whole episode, played by `codreamer_env.runner.play` with the policy as its agent:
the policy generates a turn, the env runs the tool call, the tool result is appended, and so on until
`finalize_email` or the env's turn limit (`RolloutConfig.max_turns` for the envs the rollout builds). The
episodes run in lockstep, so every turn is one batched `generate` over the live episodes.

The completion TRL trains on is every token after the prompt: the model's own turns (env_mask = 1, with
their sampling log-probabilities) and the env's turns, i.e. the chat-template glue and tool results
(env_mask = 0, excluded from the policy loss). `runner.score` scores each scenario's episodes together with
the reward model (rubric, RULER or a blend); the rewards go back as `env_reward`, which `env_reward_func`
hands to TRL, and episode statistics (turns, invalid actions, finalized, reward components) are logged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agents.base import BaseAgent
from agents.llm import to_text_messages
from codreamer_env import runner
from codreamer_env.env import SalesEmailEnv
from codreamer_env.scenarios import DEFAULT_SET, Scenario, load_scenarios

STOP = "</tool_call>"


@dataclass
class RolloutConfig:
    """How episodes are generated during GRPO."""

    scenario_set: str = DEFAULT_SET
    split: str = "train"
    max_turns: int | None = None  # the turn limit of the envs the rollout builds (None: the set's default)
    max_tokens_per_turn: int = 96
    temperature: float = 1.0
    top_p: float = 1.0
    prefill: str = ""
    max_context_tokens: int = 3072


@dataclass
class GRPOSettings:
    """The GRPO optimisation settings (the `grpo` config group); `grpo_args` turns them into TRL's GRPOConfig."""

    num_generations: int = 4
    per_device_batch_size: int = 4  # episodes per process and step (a multiple of num_generations)
    gradient_accumulation_steps: int = 1
    max_steps: int = 50
    learning_rate: float = 1e-5
    beta: float = 0.0  # KL coefficient (0: no reference model, as in DAPO/Dr.GRPO)
    max_completion_length: int = 512  # every token after the prompt, env turns included
    logging_steps: int = 1
    save_steps: int = 25
    seed: int = 0
    gradient_checkpointing: bool | None = None  # None: on GPU only (on CPU memory is ample and it costs ~30% time)


def grpo_args(settings: GRPOSettings, output_dir: str | Path, **overrides: Any) -> Any:
    """TRL's GRPOConfig from GRPOSettings (or a config node with its fields): bf16 on GPU, fp32 on CPU, no
    tracker; `overrides` are GRPOConfig arguments that replace what the settings say (max_steps, seed, ...)."""
    import torch
    from trl import GRPOConfig

    s, on_gpu = settings, torch.cuda.is_available()
    return GRPOConfig(**{
        "output_dir": str(output_dir), "per_device_train_batch_size": s.per_device_batch_size,
        "num_generations": s.num_generations, "gradient_accumulation_steps": s.gradient_accumulation_steps,
        "max_steps": s.max_steps, "learning_rate": s.learning_rate, "beta": s.beta,
        "max_completion_length": s.max_completion_length, "logging_steps": s.logging_steps,
        "save_strategy": "steps", "save_steps": s.save_steps, "seed": s.seed, "bf16": on_gpu, "use_cpu": not on_gpu,
        "gradient_checkpointing": on_gpu if s.gradient_checkpointing is None else s.gradient_checkpointing,
        "report_to": [], **overrides})


class MultiTurnRollout:
    """A `rollout_func` for GRPOTrainer that plays whole SalesEmailEnv episodes."""

    def __init__(self, config: RolloutConfig | None = None, reward_model: Any | None = None,
                 env_factory: Callable[[], SalesEmailEnv] | None = None,
                 scenarios: Sequence[Scenario] | None = None) -> None:
        """`scenarios`: the ones the dataset's prompts come from (a scenario file of your own); None: the config's
        `scenario_set` and `split`. An `env_factory`'s envs must hold them too."""
        self.config = cfg = config or RolloutConfig()
        scenarios = list(scenarios) if scenarios is not None else load_scenarios(cfg.scenario_set, cfg.split)
        self.envs = runner.EnvPool(env_factory or (lambda: SalesEmailEnv(scenarios=scenarios, max_turns=cfg.max_turns,
                                                                         reward_model=reward_model)))
        self.reward_model = reward_model  # None: the envs' own
        self._by_brief = {s.brief(): s.id for s in scenarios}
        self.last_stats: dict[str, float] = {}

    def scenario_of(self, prompt: Any) -> str:
        """The scenario id a dataset prompt (from `scenario_dataset`) was made for."""
        text = prompt[-1]["content"] if isinstance(prompt, list) else str(prompt)
        sid = self._by_brief.get(text)
        if sid is None:
            raise KeyError("prompt does not hold a task brief of this rollout's scenario split")
        return sid

    @staticmethod
    def turn_templates(tok: Any) -> tuple[str, str]:
        """(what closes an assistant turn, a user turn with "{}" for its content that opens the next assistant
        turn), read off the tokenizer's own chat template by rendering sentinels."""
        s, u, a = "\x01S\x01", "\x01U\x01", "\x01A\x01"
        sys_only = tok.apply_chat_template([{"role": "system", "content": s}], tokenize=False)
        with_user = tok.apply_chat_template([{"role": "system", "content": s}, {"role": "user", "content": u}],
                                            tokenize=False, add_generation_prompt=True)
        with_asst = tok.apply_chat_template([{"role": "system", "content": s}, {"role": "user", "content": u},
                                             {"role": "assistant", "content": a}], tokenize=False)
        close = with_asst.split(a, 1)[1]
        user_turn = with_user[len(sys_only):] if with_user.startswith(sys_only) else with_user.split(s, 1)[1]
        return close, user_turn.replace(u, "{}")

    def __call__(self, prompts: list[Any], trainer: Any) -> dict[str, Any]:
        with self._generation_model(trainer) as model:
            was_training = model.training
            model.eval()  # no dropout while sampling; the KV cache on
            try:
                return self._play(prompts, trainer.processing_class, model)
            finally:
                if was_training:
                    model.train()

    @staticmethod
    @contextmanager
    def _generation_model(trainer: Any) -> Iterator[Any]:
        """The model to sample from: TRL's `unwrap_model_for_generation` (unwraps DDP/FSDP, gathers ZeRO-3
        parameters, and turns gradient checkpointing off, which would otherwise disable the KV cache and make
        every generated token re-read the whole context)."""
        if not hasattr(trainer, "accelerator"):
            yield trainer.model
            return
        from trl.models.utils import unwrap_model_for_generation

        args = getattr(trainer, "args", None)
        with unwrap_model_for_generation(
            getattr(trainer, "model_wrapped", trainer.model), trainer.accelerator,
            gather_deepspeed3_params=getattr(args, "ds3_gather_for_generation", True),
            gradient_checkpointing_kwargs=getattr(args, "gradient_checkpointing_kwargs", None),
        ) as model:
            yield model

    def _play(self, prompts: list[Any], tok: Any, model: Any) -> dict[str, Any]:
        """Play one episode per prompt through the runner (the policy as its agent), score TRL's groups."""
        policy = _TokenPolicy(model, tok, self.config)
        played = runner.play(policy, [runner.Job(self.scenario_of(p)) for p in prompts], self.envs)
        env = self.envs.envs[0]
        episodes = runner.score(self.reward_model or env.reward_model, played, env.scenario_by_id)
        n = len(episodes)
        trajs = [ep.trajectory for ep in episodes]
        stats = {
            "episode/turns": sum(len(t.turns) for t in trajs) / n,
            "episode/invalid_actions": sum(t.invalid_actions for t in trajs) / n,
            "episode/finalized": sum(t.final_email is not None for t in trajs) / n,
        }
        for key in dict.fromkeys(k for ep in episodes for k, v in ep.components.items() if isinstance(v, (int, float))):
            vals = [ep.components[key] for ep in episodes if isinstance(ep.components.get(key), (int, float))]
            stats[f"episode/{key}"] = sum(vals) / len(vals)  # every numeric component the reward model reports
        self.last_stats = stats
        return {"prompt_ids": policy.prompt_ids, "completion_ids": policy.completion_ids, "logprobs": policy.logps,
                "env_mask": policy.masks, "env_reward": [ep.reward for ep in episodes], "episode_stats": [stats] * n}


class _TokenPolicy(BaseAgent):
    """The model being trained, as the runner's agent: each turn is one batched `generate` over the live
    episodes; per episode it records the prompt tokens and every later token, the model's own (env_mask 1,
    with their sampling log-probabilities) and the env's turns (env_mask 0: chat-template glue and tool
    results, rendered exactly as LLMAgent and SFT render them, so the policy trains on what it is run on)."""

    name = "policy"

    def __init__(self, model: Any, tok: Any, cfg: RolloutConfig) -> None:
        self.model, self.tok, self.cfg = model, tok, cfg
        self.close, self.user_turn = MultiTurnRollout.turn_templates(tok)
        self.pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        self.prefill_ids = tok(cfg.prefill, add_special_tokens=False)["input_ids"] if cfg.prefill else []

    def begin_batch(self, seeds: Any) -> None:
        n = len(seeds)
        self.prompt_ids: list[list[int]] = [[] for _ in range(n)]
        self.completion_ids: list[list[int]] = [[] for _ in range(n)]
        self.masks: list[list[int]] = [[] for _ in range(n)]
        self.logps: list[list[float]] = [[] for _ in range(n)]
        self._ended_with_eos = [False] * n

    def _record(self, k: int, toks: list[int], lps: list[float] | None) -> None:
        self.completion_ids[k] += toks
        self.masks[k] += [1 if lps is not None else 0] * len(toks)
        self.logps[k] += lps if lps is not None else [0.0] * len(toks)

    def act_batch(self, observations: list[str], infos: list[dict[str, Any]]) -> list[Any]:
        import torch

        tok, cfg = self.tok, self.cfg
        slots = [info["slot"] for info in infos]
        for k, info in zip(slots, infos, strict=True):
            if not self.prompt_ids[k]:
                text = tok.apply_chat_template(info["messages"], tokenize=False, add_generation_prompt=True) + cfg.prefill
                self.prompt_ids[k] = tok(text, add_special_tokens=False)["input_ids"]
                continue
            # The env's turn: close the assistant turn, the tool results as a user turn, open the next one.
            eos = tok.eos_token or ""
            glue = self.close[len(eos):] if (self._ended_with_eos[k] and self.close.startswith(eos)) else self.close
            env_text = glue + self.user_turn.replace("{}", to_text_messages(info["messages"])[-1]["content"])
            self._record(k, tok(env_text, add_special_tokens=False)["input_ids"] + self.prefill_ids, None)
        ctx = [(self.prompt_ids[k] + self.completion_ids[k])[-cfg.max_context_tokens:] for k in slots]
        width = max(len(c) for c in ctx)
        device = next(self.model.parameters()).device
        ids = torch.tensor([[self.pad] * (width - len(c)) + c for c in ctx], device=device)
        att = torch.tensor([[0] * (width - len(c)) + [1] * len(c) for c in ctx], device=device)
        with torch.no_grad():
            out = self.model.generate(input_ids=ids, attention_mask=att, max_new_tokens=cfg.max_tokens_per_turn,
                                      do_sample=True, temperature=cfg.temperature, top_p=cfg.top_p,
                                      pad_token_id=self.pad, output_scores=True, return_dict_in_generate=True,
                                      stop_strings=[STOP], tokenizer=tok)
        new = out.sequences[:, width:]
        # Sampling log-probabilities: log-softmax of the processed scores (temperature, top-p) at each sample.
        step_logps = torch.stack([torch.log_softmax(s.float(), dim=-1) for s in out.scores], dim=1)
        chosen = step_logps.gather(2, new[:, : step_logps.shape[1], None])[:, :, 0]
        actions = []
        for row, k in enumerate(slots):
            toks, lp = generated_tokens(tok, new[row].tolist(), chosen[row].tolist(), self.pad)
            self._record(k, toks, lp)
            self._ended_with_eos[k] = bool(toks) and toks[-1] == tok.eos_token_id
            actions.append(cfg.prefill + tok.decode(toks, skip_special_tokens=True))
        return actions


def generated_tokens(tok: Any, toks: list[int], lp: list[float], pad: int) -> tuple[list[int], list[float]]:
    """The tokens the model actually produced in one row of a batched generate: up to the stop string, or up
    to and including a natural end-of-sequence token; never the padding of rows that finished early (the pad
    token may equal EOS, so the stop string is looked for first)."""
    cut = len(toks)
    if tok.eos_token_id in toks:
        cut = toks.index(tok.eos_token_id) + 1
    elif pad in toks:
        cut = toks.index(pad)
    if STOP in tok.decode(toks[:cut], skip_special_tokens=True):
        for k in range(1, cut + 1):
            if STOP in tok.decode(toks[:k], skip_special_tokens=True):
                cut = k
                break
    return toks[:cut], lp[:cut]




def env_reward_func(env_reward: list[float], episode_stats: list[dict[str, float]] | None = None,
                    log_metric: Callable[[str, float], None] | None = None, **kwargs: Any) -> list[float]:
    """The GRPO reward: the env's (group-scored) reward of each episode; logs the episode statistics."""
    if log_metric is not None and episode_stats:
        for key, value in episode_stats[0].items():
            log_metric(key, float(value))
    return [float(r) for r in env_reward]
