"""PRewrite proper: train the rewriter LM with GRPO (TRL), its reward the policy's reward under the rewritten prompt.

Each GRPO prompt is PRewrite's meta-prompt around the incumbent's instructions; each completion is a rewrite.
`PolicyRewardUnderPrompt` re-attaches the protected sections, lets the policy agent play a minibatch of
scenarios under every rewrite of the batch (the same scenarios and seeds for all of them, so the group's
advantages compare prompts, not scenario luck), and returns each rewrite's mean reward; a rewrite that loses
a protected section or comes back empty scores 0. The minibatch changes every step. The trained rewriter is
then used as a proposer (`LocalChat(<output_dir>/final)` behind `MetaPromptProposer`), so its rewrites still
go through the paired gate and the held-out confirmation before anything is deployed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from agents.layout import MODEL_DIR
from agents.prompt_proposers import MetaPromptProposer, clean_rewrite, join_prompt, split_prompt
from agents.prompt_rewrite import paired_evaluation


def completion_text(c: Any) -> str:
    if isinstance(c, str):
        return c
    if isinstance(c, list) and c and isinstance(c[-1], dict):
        return str(c[-1].get("content") or "")
    return str(c)


def prompt_from_rewrite(completion: Any, sections: Sequence[str], protected: dict[str, str]) -> str | None:
    """The system prompt a rewriter's completion stands for (its cleaned instructions, then the protected
    sections), or None when it is empty or a protected section is missing."""
    text = clean_rewrite(completion_text(completion))
    if not text:
        return None
    prompt = join_prompt(text, sections)
    return prompt if all(t in prompt for t in protected.values()) else None


class PolicyRewardUnderPrompt:
    """A TRL reward function: the policy's mean reward on a minibatch of scenarios under each rewritten prompt."""

    __name__ = "policy_reward"

    def __init__(self, agent: Any, reward_model: Any, scenarios: Sequence[Any], incumbent: str,
                 protected: dict[str, str], minibatch: int = 8, seed: int = 0, max_turns: int | None = None,
                 trials: int = 1) -> None:
        self.agent, self.reward_model, self.scenarios = agent, reward_model, list(scenarios)
        _, self.sections = split_prompt(incumbent, protected)
        self.protected = protected
        self.minibatch, self.seed, self.max_turns, self.trials = minibatch, seed, max_turns, trials
        self.calls = 0
        self.seen: dict[str, float] = {}  # prompt text -> best reward it got
        self.minibatches: list[list[str]] = []

    def prompt_for(self, completion: Any) -> str | None:
        return prompt_from_rewrite(completion, self.sections, self.protected)

    def __call__(self, prompts: list[Any], completions: list[Any], **kwargs: Any) -> list[float]:
        rng = np.random.default_rng([self.seed, self.calls])
        self.calls += 1
        pick = rng.choice(len(self.scenarios), size=min(self.minibatch, len(self.scenarios)), replace=False)
        batch = [self.scenarios[int(i)] for i in pick]
        self.minibatches.append([s.id for s in batch])
        texts = [self.prompt_for(c) for c in completions]
        arms = {f"c{k}": t for k, t in enumerate(texts) if t is not None}
        rewards = [0.0] * len(texts)
        if arms:
            scored = paired_evaluation(arms, batch, self.agent,
                                       self.reward_model, trials=self.trials, seed=self.seed + self.calls,
                                       max_turns=self.max_turns)
            for name, t in arms.items():
                k = int(name[1:])
                rewards[k] = scored[name].mean()
                self.seen[t] = max(self.seen.get(t, 0.0), rewards[k])
        return rewards

    def best(self, k: int = 4) -> list[tuple[str, float]]:
        return sorted(self.seen.items(), key=lambda x: -x[1])[:k]


def rewrite_quality(generate: Any, incumbent: str, protected: dict[str, str], agent: Any, reward_model: Any,
                    scenarios: Sequence[Any], *, k: int = 16, max_new_tokens: int = 160, temperature: float = 1.0,
                    seed: int = 0, max_turns: int | None = None, trials: int = 1) -> dict[str, Any]:
    """How good a rewriter's rewrites are: sample `k` rewrites of the incumbent's instructions with PRewrite's
    meta-prompt, play each (protected sections re-attached) and the incumbent on the same scenarios and seeds,
    and report the rewrites' per-rewrite mean rewards (a rewrite that is empty or loses a protected section
    scores 0), their mean, the share that beat the incumbent, and the best. Comparing this before and after
    GRPO tells whether RL made the rewriter better, on scenarios it never trained on."""
    instructions, sections = split_prompt(incumbent, protected)
    meta = MetaPromptProposer.TEMPLATE.format(instruction=instructions)
    replies = generate([[{"role": "user", "content": meta}]] * k, max_new_tokens=max_new_tokens,
                       temperature=temperature, seed=seed)
    texts = [prompt_from_rewrite(r, sections, protected) for r in replies]
    arms = {"incumbent": incumbent, **{f"r{i}": t for i, t in enumerate(texts) if t is not None}}
    scored = paired_evaluation(arms, scenarios, agent, reward_model, trials=trials, seed=seed, max_turns=max_turns)
    inc = scored["incumbent"].mean()
    per = [scored[f"r{i}"].mean() if t is not None else 0.0 for i, t in enumerate(texts)]
    best = int(np.argmax(per))
    return {"k": k, "scenarios": len(scenarios), "incumbent": inc, "rewards": per, "mean": float(np.mean(per)),
            "beat_incumbent": float(np.mean([p > inc for p in per])),
            "invalid": float(np.mean([t is None for t in texts])),
            "best": {"text": replies[best], "reward": per[best]}}


def compare_rewriters(before: Sequence[float], after: Sequence[float], resamples: int = 10000,
                      seed: int = 0) -> dict[str, Any]:
    """The difference of two rewriters' mean rewrite rewards (independent samples): the difference, a bootstrap
    95% CI and a two-sided permutation p-value."""
    a, b = np.asarray(before, float), np.asarray(after, float)
    rng = np.random.default_rng(seed)
    diff = float(b.mean() - a.mean())
    boots = [rng.choice(b, b.size).mean() - rng.choice(a, a.size).mean() for _ in range(resamples)]
    pooled = np.concatenate([a, b])
    hits = 0
    for _ in range(resamples):
        perm = rng.permutation(pooled)
        hits += abs(perm[a.size:].mean() - perm[: a.size].mean()) >= abs(diff) - 1e-12
    return {"diff": diff, "ci": [float(np.percentile(boots, 2.5)), float(np.percentile(boots, 97.5))],
            "p_value": (hits + 1) / (resamples + 1)}


def rewriter_dataset(incumbent: str, protected: dict[str, str], rows: int) -> Any:
    from datasets import Dataset

    instructions, _ = split_prompt(incumbent, protected)
    meta = MetaPromptProposer.TEMPLATE.format(instruction=instructions)
    return Dataset.from_list([{"prompt": [{"role": "user", "content": meta}]} for _ in range(rows)])


def train_rewriter(model: str, agent: Any, reward_model: Any, scenarios: Sequence[Any], incumbent: str,
                   protected: dict[str, str], out_dir: str | Path, *, steps: int = 20, num_generations: int = 4,
                   minibatch: int = 8, learning_rate: float = 1e-5, max_completion_length: int = 160,
                   max_turns: int | None = None, seed: int = 0) -> dict[str, Any]:
    """GRPO on the rewriter; returns the trained model's folder, the reward log and the best rewrites seen."""
    os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
    from trl import GRPOTrainer

    from agents.grpo import GRPOSettings, grpo_args
    from codreamer_env.models import load_causal_lm

    out = Path(out_dir)
    lm, tok = load_causal_lm(model, for_training=True)
    reward = PolicyRewardUnderPrompt(agent, reward_model, scenarios, incumbent, protected, minibatch=minibatch,
                                     seed=seed, max_turns=max_turns)
    args = grpo_args(GRPOSettings(num_generations=num_generations, per_device_batch_size=num_generations,
                                  max_steps=steps, learning_rate=learning_rate,
                                  max_completion_length=max_completion_length, seed=seed),
                     out, save_strategy="no", temperature=1.0)
    trainer = GRPOTrainer(model=lm, args=args, processing_class=tok, reward_funcs=[reward],
                          train_dataset=rewriter_dataset(incumbent, protected, steps * num_generations))
    trainer.train()
    final = out / MODEL_DIR
    trainer.model.save_pretrained(final)
    tok.save_pretrained(final)
    log = [{"step": r["step"], "reward": r["reward"]} for r in trainer.state.log_history if "reward" in r]
    return {"model": str(final), "log": log, "best": [{"text": t, "reward": r} for t, r in reward.best()],
            "minibatches": reward.minibatches}
