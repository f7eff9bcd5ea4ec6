"""Paired evaluation of system prompts and the statistical gate that decides whether a rewrite is deployed.

    arms = paired_evaluation({"inc": inc_text, "c1": c1_text}, scenarios, agent, reward_model, trials=2, seed=0)
    test = paired_test(arms["c1"], arms["inc"], significance=0.05)   # effect, CI, p-value, MDE
    decisions = gate(arms, "inc", GateConfig())                        # Holm across the round's candidates

Evaluation: every arm plays the same scenarios with the same episode seeds, `trials` episodes each; all
arms' trajectories of one scenario are scored together in one shuffled group (so a group judge such as
RULER compares them side by side, blind to which prompt wrote which). The unit of analysis is the scenario:
d_s = mean over trials (candidate) - mean over trials (incumbent).

Gate: one-sided paired test on the d_s, a sign-flip permutation test (exact up to 16 scenarios) or a
centred bootstrap test; a (1 - significance) percentile bootstrap CI of mean d; Holm's step-down correction
across the candidates of a round; a candidate passes if Holm-significant and mean d >= max(min_margin x
incumbent mean, min_abs_margin). The best passing candidate must then be confirmed on a held-out split the
search never saw (see `agents.prompt_optimizer`). The smallest detectable effect (80% power at the one-sided
significance level, normal approximation) is reported with every test, so "not significant" can be read as
"too small a sample" or "no effect".
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import groupby, product
from typing import Any

import numpy as np

from codreamer_env import runner
from codreamer_env.env import SalesEmailEnv


class BudgetExhausted(RuntimeError):
    """A configured budget (agent calls, judge calls, tokens) ran out; the run stops cleanly."""


@dataclass
class Budget:
    """Limits for one optimization run; 0 means unlimited. `charge` raises BudgetExhausted *before* spending
    past a limit, so partial work is never counted as done."""

    agent_calls: int = 0
    judge_calls: int = 0
    tokens: int = 0

    def __post_init__(self) -> None:  # what was spent: not a setting (so not a config key)
        self.used = {"agent_calls": 0, "judge_calls": 0, "tokens": 0}

    def check(self, **amounts: int) -> None:
        for key, amount in amounts.items():
            limit = getattr(self, key)
            if limit and self.used[key] + amount > limit:
                raise BudgetExhausted(f"budget exhausted: {key} would reach {self.used[key] + amount} > limit {limit} "
                                      f"(used so far: {self.used})")

    def charge(self, **amounts: int) -> None:
        self.check(**amounts)
        for key, amount in amounts.items():
            self.used[key] += amount


# ----------------------------------------------------------------------------- evaluation

@dataclass
class ArmScores:
    """One prompt's rewards: per scenario, one value per trial (and the scored episodes behind them)."""

    rewards: dict[str, list[float]] = field(default_factory=dict)
    episodes: dict[str, list[runner.Episode]] = field(default_factory=dict)

    def means(self) -> dict[str, float]:
        return {s: float(np.mean(v)) for s, v in self.rewards.items()}

    def mean(self) -> float:
        return float(np.mean(list(self.means().values()))) if self.rewards else 0.0


def paired_evaluation(prompts: Mapping[str, str], scenarios: Sequence[Any], agent: Any, reward_model: Any, *,
                      trials: int = 1, seed: int = 0, batch_size: int = 16, max_turns: int | None = None,
                      env_kwargs: Mapping[str, Any] | None = None, budget: Budget | None = None,
                      progress: bool = False) -> dict[str, ArmScores]:
    """Play every arm (name -> system prompt) on every scenario `trials` times with shared episode seeds;
    score each scenario's episodes of all arms in one shuffled group. The agent must take its system prompt
    from the episode (LLMAgent with system_prompt=None does, as do the scripted agents). A progress bar is
    shown for evaluations of 64 episodes or more, or when `progress` is set."""
    from tqdm import tqdm

    budget = budget or Budget()
    names = list(prompts)
    slots = [(a, t, s.id) for a in names for t in range(trials) for s in scenarios]
    jobs = [runner.Job(sid, t, runner.episode_seed(seed, sid, t), prompts[a]) for a, t, sid in slots]
    bar = tqdm(total=len(jobs), desc=f"{len(names)} prompts x {len(scenarios)} scenarios x {trials}", unit="ep",
               mininterval=5.0, disable=len(jobs) < 64 and not progress)

    def finished(ep: runner.Episode) -> None:
        budget.charge(tokens=sum(ep.usage.values()))
        bar.update(1)

    envs = runner.EnvPool(lambda: SalesEmailEnv(scenarios=list(scenarios), max_turns=max_turns, **dict(env_kwargs or {})))
    charged, played = _Charged(agent, budget), []
    for start in range(0, len(jobs), batch_size):  # a batch never mixes arms (jobs are arm-major): one play per arm
        for _arm, run in groupby(range(start, min(start + batch_size, len(jobs))), key=lambda i: slots[i][0]):
            played += runner.play(charged, [jobs[i] for i in run], envs, on_episode=finished)
    bar.close()
    # One shuffled group per scenario, in the scenarios' order, holding every arm's trials (arm-major).
    pos = {s.id: k for k, s in enumerate(scenarios)}
    arm_pos = {a: k for k, a in enumerate(names)}
    order = sorted(range(len(slots)), key=lambda i: (pos[slots[i][2]], arm_pos[slots[i][0]], slots[i][1]))
    scored = runner.score(reward_model, [played[i] for i in order], scenarios, shuffle=np.random.default_rng(seed),
                          on_group=lambda _sid, _n: budget.charge(judge_calls=1))
    out = {a: ArmScores() for a in names}
    for i, ep in zip(order, scored, strict=True):
        arm, sid = out[slots[i][0]], slots[i][2]
        arm.rewards.setdefault(sid, []).append(float(ep.reward))
        arm.episodes.setdefault(sid, []).append(ep)
    return out


class _Charged:
    """The agent, charging the budget one agent call per live episode before each batched call."""

    def __init__(self, agent: Any, budget: Budget) -> None:
        self._agent, self._budget = agent, budget

    def __getattr__(self, name: str) -> Any:
        return getattr(self._agent, name)

    def act_batch(self, observations: list[str], infos: list[dict[str, Any]]) -> list[Any]:
        self._budget.charge(agent_calls=len(observations))
        return self._agent.act_batch(observations, infos)


# ----------------------------------------------------------------------------- statistics

@dataclass
class PairedTest:
    """A one-sided paired comparison of a candidate with the incumbent over scenarios."""

    n: int
    incumbent_mean: float
    candidate_mean: float
    mean_diff: float
    rel_diff: float | None  # mean_diff / incumbent_mean (None when the incumbent scores 0)
    ci: tuple[float, float]  # (1 - significance) bootstrap percentile CI of mean_diff
    p_value: float  # H1: the candidate is better
    sd_diff: float
    effect_size_dz: float | None  # Cohen's d_z = mean_diff / sd_diff
    mde: float  # smallest mean difference detectable with 80% power at one-sided significance
    method: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _z(q: float) -> float:
    return statistics.NormalDist().inv_cdf(q)


def paired_test(candidate: ArmScores | Mapping[str, float], incumbent: ArmScores | Mapping[str, float], *,
                significance: float = 0.05, method: str = "permutation", resamples: int = 10_000,
                seed: int = 0) -> PairedTest:
    """Test H1: candidate > incumbent on per-scenario mean rewards (scenarios present in both)."""
    c = candidate.means() if isinstance(candidate, ArmScores) else dict(candidate)
    i = incumbent.means() if isinstance(incumbent, ArmScores) else dict(incumbent)
    sids = [s for s in i if s in c]
    if not sids:
        raise ValueError("no scenario in common between the two arms")
    d = np.array([c[s] - i[s] for s in sids], dtype=float)
    n = len(d)
    t_obs = float(d.mean())
    rng = np.random.default_rng(seed)
    if method == "permutation":
        if n <= 16:  # exact: all 2^n sign patterns
            signs = np.array(list(product((1.0, -1.0), repeat=n)))
            null = (signs * d).mean(axis=1)
            p = float(np.mean(null >= t_obs - 1e-12))
        else:
            signs = rng.choice((-1.0, 1.0), size=(resamples, n))
            null = (signs * d).mean(axis=1)
            p = float((1 + np.sum(null >= t_obs - 1e-12)) / (resamples + 1))
    elif method == "bootstrap":
        centred = d - t_obs
        idx = rng.integers(0, n, size=(resamples, n))
        null = centred[idx].mean(axis=1)
        p = float((1 + np.sum(null >= t_obs - 1e-12)) / (resamples + 1))
    else:
        raise ValueError(f"unknown test method {method!r}; use permutation or bootstrap")
    boot = d[np.random.default_rng(seed + 1).integers(0, n, size=(resamples, n))].mean(axis=1)
    ci = (float(np.quantile(boot, significance / 2)), float(np.quantile(boot, 1 - significance / 2)))
    sd = float(d.std(ddof=1)) if n > 1 else 0.0
    inc_mean = float(np.mean([i[s] for s in sids]))
    return PairedTest(
        n=n, incumbent_mean=inc_mean, candidate_mean=float(np.mean([c[s] for s in sids])), mean_diff=t_obs,
        rel_diff=(t_obs / inc_mean) if inc_mean > 0 else None, ci=ci, p_value=min(1.0, p), sd_diff=sd,
        effect_size_dz=(t_obs / sd) if sd > 0 else None,
        mde=float((_z(1 - significance) + _z(0.8)) * sd / math.sqrt(n)), method=method)


def holm(p_values: Sequence[float], significance: float) -> list[bool]:
    """Holm's step-down procedure: which hypotheses are rejected at family-wise error rate `significance`."""
    m = len(p_values)
    order = sorted(range(m), key=lambda k: p_values[k])
    reject = [False] * m
    for rank, k in enumerate(order):
        if p_values[k] <= significance / (m - rank):
            reject[k] = True
        else:
            break
    return reject


@dataclass
class GateConfig:
    significance: float = 0.05  # the one-sided test's level, family-wise across a round's candidates (Holm)
    min_margin: float = 0.05  # relative to the incumbent's mean reward
    min_abs_margin: float = 0.01  # and at least this much in absolute terms
    method: str = "permutation"  # permutation | bootstrap
    resamples: int = 10_000
    seed: int = 0


@dataclass
class Decision:
    """The gate's verdict on one candidate of a round."""

    candidate: str
    test: PairedTest
    holm_significant: bool
    margin_ok: bool
    passed: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"candidate": self.candidate, **self.test.to_dict(), "holm_significant": self.holm_significant,
                "margin_ok": self.margin_ok, "passed": self.passed, "reason": self.reason}


def margin_ok(test: PairedTest, cfg: GateConfig) -> bool:
    return test.mean_diff >= max(cfg.min_margin * test.incumbent_mean, cfg.min_abs_margin)


def gate(arms: Mapping[str, ArmScores], incumbent: str, cfg: GateConfig | None = None) -> list[Decision]:
    """Test every arm except `incumbent` against it; Holm-correct across them; apply the margin."""
    cfg = cfg or GateConfig()
    names = [a for a in arms if a != incumbent]
    tests = [paired_test(arms[a], arms[incumbent], significance=cfg.significance, method=cfg.method,
                         resamples=cfg.resamples, seed=cfg.seed) for a in names]
    sig = holm([t.p_value for t in tests], cfg.significance) if tests else []
    out = []
    for a, t, s in zip(names, tests, sig, strict=True):
        m = margin_ok(t, cfg)
        if s and m:
            reason = "significant after Holm correction and above the minimum margin"
        elif s:
            reason = (f"significant but below the minimum margin ({t.mean_diff:+.4f} < "
                      f"{max(cfg.min_margin * t.incumbent_mean, cfg.min_abs_margin):.4f})")
        else:
            reason = f"not significant after Holm correction (p={t.p_value:.4f}, {len(names)} candidates)"
        out.append(Decision(candidate=a, test=t, holm_significant=s, margin_ok=m, passed=s and m, reason=reason))
    return out


def best_passing(decisions: Sequence[Decision]) -> Decision | None:
    passing = [d for d in decisions if d.passed]
    return max(passing, key=lambda d: d.test.mean_diff) if passing else None
