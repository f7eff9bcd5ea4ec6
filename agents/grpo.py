"""Multi-turn GRPO rollouts in SalesEmailEnv for TRL's GRPOTrainer (`rollout_func`), with the text protocol.

Each prompt TRL hands over (the sampler has already repeated every scenario `num_generations` times, groups
consecutive) becomes one whole episode: the policy generates a turn, the env runs the tool call, the tool
result is appended, and so on until `finalize_email` or `max_turns`. Episodes are played in lockstep, so
every turn is one batched `generate` over the live episodes.

The completion TRL trains on is every token after the prompt: the model's own turns (env_mask = 1, with
their sampling log-probabilities) and the env's turns, i.e. the chat-template glue and tool results
(env_mask = 0, excluded from the policy loss). Each group is scored together by the env's reward model
(rubric, RULER or a blend), returned as `env_reward`, which `env_reward_func` hands to TRL, and episode
statistics (turns, invalid actions, finalized, reward components) are logged as metrics.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from agents.llm import to_text_messages
from codreamer_env.env import SalesEmailEnv
from codreamer_env.scenarios import DEFAULT_SET, load_scenarios

STOP = "</tool_call>"


@dataclass
class RolloutConfig:
    """How episodes are generated during GRPO."""

    scenario_set: str = DEFAULT_SET
    split: str = "train"
    max_turns: int = 4
    max_tokens_per_turn: int = 96
    temperature: float = 1.0
    top_p: float = 1.0
    prefill: str = ""
    max_context_tokens: int = 3072


class MultiTurnRollout:
    """A `rollout_func` for GRPOTrainer that plays whole SalesEmailEnv episodes."""

    def __init__(self, config: RolloutConfig | None = None, reward_model: Any | None = None,
                 env_factory: Callable[[], SalesEmailEnv] | None = None) -> None:
        self.config = cfg = config or RolloutConfig()
        scenarios = load_scenarios(cfg.scenario_set, cfg.split)
        self.env_factory = env_factory or (lambda: SalesEmailEnv(scenarios=scenarios, max_turns=cfg.max_turns,
                                                                 reward_model=reward_model))
        self._by_brief = {s.brief(): s.id for s in scenarios}
        self._pool: list[SalesEmailEnv] = []
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
        import torch

        cfg = self.config
        device = next(model.parameters()).device
        close, user_turn = self.turn_templates(tok)
        n = len(prompts)
        while len(self._pool) < n:
            self._pool.append(self.env_factory())
        envs = self._pool[:n]
        sids = [self.scenario_of(p) for p in prompts]
        prompt_ids, completion_ids, masks, logps = [], [], [], []
        for env, sid in zip(envs, sids, strict=True):
            _obs, info = env.reset(options={"scenario_id": sid, "defer_reward": True})
            text = tok.apply_chat_template(info["messages"], tokenize=False, add_generation_prompt=True) + cfg.prefill
            prompt_ids.append(tok(text, add_special_tokens=False)["input_ids"])
            completion_ids.append([])
            masks.append([])
            logps.append([])
        trajs: list[Any] = [None] * n
        live = list(range(n))
        pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
        prefill_ids = tok(cfg.prefill, add_special_tokens=False)["input_ids"] if cfg.prefill else []
        for _turn in range(cfg.max_turns):
            if not live:
                break
            ctx = [(prompt_ids[i] + completion_ids[i])[-cfg.max_context_tokens :] for i in live]
            width = max(len(c) for c in ctx)
            ids = torch.tensor([[pad] * (width - len(c)) + c for c in ctx], device=device)
            att = torch.tensor([[0] * (width - len(c)) + [1] * len(c) for c in ctx], device=device)
            with torch.no_grad():
                out = model.generate(input_ids=ids, attention_mask=att, max_new_tokens=cfg.max_tokens_per_turn,
                                     do_sample=True, temperature=cfg.temperature, top_p=cfg.top_p, pad_token_id=pad,
                                     output_scores=True, return_dict_in_generate=True, stop_strings=[STOP],
                                     tokenizer=tok)
            new = out.sequences[:, width:]
            # Sampling log-probabilities: log-softmax of the processed scores (temperature, top-p) at each sample.
            step_logps = torch.stack([torch.log_softmax(s.float(), dim=-1) for s in out.scores], dim=1)
            chosen = step_logps.gather(2, new[:, : step_logps.shape[1], None])[:, :, 0]
            still = []
            for row, i in enumerate(live):
                toks, lp = self._generated(tok, new[row].tolist(), chosen[row].tolist(), pad)
                action = cfg.prefill + tok.decode(toks, skip_special_tokens=True)
                completion_ids[i] += toks
                masks[i] += [1] * len(toks)
                logps[i] += lp
                _obs, _r, term, trunc, info = envs[i].step(action)
                if term or trunc:
                    trajs[i] = info["trajectory"]
                    continue
                # The env's turn: close the assistant turn, the tool results as a user turn, open the next one;
                # rendered exactly as LLMAgent (and SFT) render it, so the policy trains on what it is run on.
                eos = tok.eos_token or ""
                glue = close[len(eos):] if (toks and toks[-1] == tok.eos_token_id and close.startswith(eos)) else close
                env_text = glue + user_turn.replace("{}", to_text_messages(info["messages"])[-1]["content"])
                env_ids = tok(env_text, add_special_tokens=False)["input_ids"] + prefill_ids
                completion_ids[i] += env_ids
                masks[i] += [0] * len(env_ids)
                logps[i] += [0.0] * len(env_ids)
                still.append(i)
            live = still
        for i in live:  # ran out of turns while generating: the env truncates on its own max_turns
            trajs[i] = envs[i].trajectory or envs[i]._build_trajectory()
        rewards, comps = self._score_groups(envs, sids, trajs)
        stats = {
            "episode/turns": sum(len(t.turns) for t in trajs) / n,
            "episode/invalid_actions": sum(t.invalid_actions for t in trajs) / n,
            "episode/finalized": sum(t.final_email is not None for t in trajs) / n,
        }
        for key in ("grounding", "factuality", "personalization", "alignment", "cta", "clarity", "compliance"):
            vals = [c[key] for c in comps if isinstance(c.get(key), (int, float))]
            if vals:
                stats[f"episode/{key}"] = sum(vals) / len(vals)
        self.last_stats = stats
        return {"prompt_ids": prompt_ids, "completion_ids": completion_ids, "logprobs": logps, "env_mask": masks,
                "env_reward": rewards, "episode_stats": [stats] * n}

    @staticmethod
    def _generated(tok: Any, toks: list[int], lp: list[float], pad: int) -> tuple[list[int], list[float]]:
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

    def _score_groups(self, envs: list[SalesEmailEnv], sids: list[str], trajs: list[Any]) -> tuple[list[float], list[dict]]:
        """Score consecutive runs of the same scenario (TRL's groups) together with the env's reward model."""
        rewards: list[float] = [0.0] * len(trajs)
        comps: list[dict] = [{} for _ in trajs]
        i = 0
        while i < len(trajs):
            j = i
            while j < len(trajs) and sids[j] == sids[i]:
                j += 1
            scored = envs[i].reward_model.score_group(envs[i].scenarios[envs[i]._by_id[sids[i]]], trajs[i:j])
            for k, (total, c) in enumerate(scored):
                rewards[i + k] = float(total)
                comps[i + k] = dict(c)
            i = j
        return rewards, comps


def env_reward_func(env_reward: list[float], episode_stats: list[dict[str, float]] | None = None,
                    log_metric: Callable[[str, float], None] | None = None, **kwargs: Any) -> list[float]:
    """The GRPO reward: the env's (group-scored) reward of each episode; logs the episode statistics."""
    if log_metric is not None and episode_stats:
        for key, value in episode_stats[0].items():
            log_metric(key, float(value))
    return [float(r) for r in env_reward]
