"""Fluency from real token log-probabilities (Loop Learner's perplexity reward), optional in the mix.

The email ("Subject: ...\\n\\n<body>") is scored by the mean log-probability of its tokens under a causal
LM, either local (transformers) or behind an OpenAI-compatible completions endpoint that returns prompt
logprobs with `echo` (the llama.cpp server does, when started with `--logits_all true`). The mean is
mapped linearly from [lo, hi] to [0, 1] and clipped. `WithFluency` adds it to any reward model.

Measured here: llama-cpp-python's server reports echo logprobs one position late (the distribution listed
at token i already conditions on token i). `echo_offset=1` realigns them: token i is scored from the top-k
list reported at i-1, or, when it is not in that list, by the smallest listed value (an upper bound).
Servers with correct echo logprobs (vLLM, OpenAI's legacy completions) use `echo_offset=0`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from codreamer_env.scenarios import Scenario
    from codreamer_env.trajectory import FinalEmail, Trajectory


def email_text(email: FinalEmail) -> str:
    return f"Subject: {email.subject}\n\n{email.body}"


class FluencyScorer:
    """Mean token log-probability of a text, and its [0, 1] mapping."""

    def __init__(self, backend: str = "transformers", model: str = "smollm2", *, base_url: str | None = None,
                 api_key_env: str = "OPENAI_API_KEY", lo: float = -6.0, hi: float = -1.5, device: str = "auto",
                 model_obj: Any = None, tokenizer: Any = None, timeout_s: float = 60.0, echo_offset: int = 0,
                 top_k: int = 20) -> None:
        if hi <= lo:
            raise ValueError("hi must be greater than lo")
        if backend not in ("transformers", "openai"):
            raise ValueError("backend must be transformers or openai")
        self.backend, self.model_name, self.base_url, self.api_key_env = backend, model, base_url, api_key_env
        self.lo, self.hi, self.timeout_s, self.echo_offset, self.top_k = lo, hi, timeout_s, echo_offset, top_k
        self._model, self._tok, self._device = model_obj, tokenizer, device

    def to_unit(self, mean_logprob: float) -> float:
        return min(1.0, max(0.0, (mean_logprob - self.lo) / (self.hi - self.lo)))

    def mean_logprobs(self, texts: Sequence[str]) -> list[float]:
        """Mean log-probability per token of each text (natural log)."""
        if self.backend == "openai":
            return [self._endpoint_logprob(t) for t in texts]
        return self._local_logprobs(texts)

    def _local_logprobs(self, texts: Sequence[str]) -> list[float]:
        import torch

        if self._model is None:
            from codreamer_env.models import load_causal_lm

            self._model, self._tok = load_causal_lm(self.model_name, self._device)
        tok, model = self._tok, self._model
        out = []
        for text in texts:  # one at a time: exact, no padding effects
            ids = tok(text, return_tensors="pt", add_special_tokens=False)["input_ids"]
            if tok.bos_token_id is not None:
                ids = torch.cat([torch.tensor([[tok.bos_token_id]]), ids], dim=1)
            ids = ids.to(model.device)
            with torch.no_grad():
                logits = model(ids).logits[0, :-1].float()
            lp = torch.log_softmax(logits, dim=-1).gather(1, ids[0, 1:, None])[:, 0]
            out.append(float(lp.mean()) if lp.numel() else 0.0)
        return out

    def _endpoint_logprob(self, text: str) -> float:
        from openai import OpenAI

        client = OpenAI(base_url=self.base_url, api_key=os.environ.get(self.api_key_env) or "not-needed",
                        timeout=self.timeout_s, max_retries=2)
        resp = client.completions.create(model=self.model_name, prompt=text, max_tokens=1, echo=True,
                                         logprobs=self.top_k if self.echo_offset else 1, temperature=0)
        lp = resp.choices[0].logprobs
        n = len(lp.tokens) - 1  # the last entry is the generated token
        if self.echo_offset == 0:
            vals = [x for x in (lp.token_logprobs or [])[:n] if x is not None]
        else:
            vals = []
            for i in range(1, n):
                top = (lp.top_logprobs or [None] * n)[i - 1] or {}
                if top:
                    vals.append(top.get(lp.tokens[i], min(top.values())))
        return sum(vals) / len(vals) if vals else 0.0

    def score(self, email: FinalEmail | None) -> tuple[float, float]:
        """(fluency in [0, 1], mean log-probability); (0, -inf-like lo) with no email."""
        if email is None or not email.body.strip():
            return 0.0, self.lo
        lp = self.mean_logprobs([email_text(email)])[0]
        return self.to_unit(lp), lp


class WithFluency:
    """A reward model plus a fluency term: total = (1 - weight) * inner + weight * fluency."""

    def __init__(self, inner: Any, scorer: FluencyScorer, weight: float = 0.1) -> None:
        if not 0.0 <= weight <= 1.0:
            raise ValueError("weight must be in [0, 1]")
        self.inner, self.scorer, self.weight = inner, scorer, weight
        self.name = getattr(inner, "name", "judge") + "+fluency"

    def score_group(self, scenario: Scenario, trajectories: Sequence[Trajectory]) -> list[tuple[float, dict[str, Any]]]:
        out = []
        for traj, (total, comps) in zip(trajectories, self.inner.score_group(scenario, trajectories), strict=True):
            f, lp = self.scorer.score(traj.final_email)
            out.append(((1 - self.weight) * total + self.weight * f,
                        {**comps, "fluency": round(f, 6), "fluency_logprob": round(lp, 4)}))
        return out
