"""Paired evaluation of system prompts and the statistical gate that decides whether a rewrite is deployed.

    arms = paired_evaluation({"inc": inc_text, "c1": c1_text}, scenarios, agent, reward_model, trials=2, seed=0)
    test = paired_test(arms["c1"], arms["inc"], alpha=0.05)          # effect, CI, p-value, MDE
    decisions = gate(arms, "inc", GateConfig())                        # Holm across the round's candidates

Evaluation: every arm plays the same scenarios with the same episode seeds, `trials` episodes each; all
arms' trajectories of one scenario are scored together in one shuffled group (so a group judge such as
RULER compares them side by side, blind to which prompt wrote which). The unit of analysis is the scenario:
d_s = mean over trials (candidate) - mean over trials (incumbent).

Gate: one-sided paired test on the d_s, a sign-flip permutation test (exact up to 16 scenarios) or a
centred bootstrap test; a (1 - alpha) percentile bootstrap CI of mean d; Holm's step-down correction across
the candidates of a round; a candidate passes if Holm-significant and mean d >= max(min_margin x incumbent
mean, min_abs_margin). The best passing candidate must then be confirmed on a held-out split the search
never saw (see `agents.prompt_optimizer`). The smallest detectable effect (80% power, one-sided alpha,
normal approximation) is reported with every test, so "not significant" can be read as "too small a
sample" or "no effect".
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import product
from typing import Any

import numpy as np

from codreamer_env.env import SalesEmailEnv
from codreamer_env.groups import episode_seed, play_episodes


class BudgetExhausted(RuntimeError):
    """A configured budget (agent calls, judge calls, tokens) ran out; the run stops cleanly."""


@dataclass
class Budget:
    """Limits for one optimization run; 0 means unlimited. `charge` raises BudgetExhausted *before* spending
    past a limit, so partial work is never counted as done."""

    agent_calls: int = 0
    judge_calls: int = 0
    tokens: int = 0
    used: dict[str, int] = field(default_factory=lambda: {"agent_calls": 0, "judge_calls": 0, "tokens": 0})

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
    """One prompt's rewards: per scenario, one value per trial (and the components and trajectory ids)."""

    rewards: dict[str, list[float]] = field(default_factory=dict)
    components: dict[str, list[dict[str, float]]] = field(default_factory=dict)
    trajectories: dict[str, list[Any]] = field(default_factory=dict)

    def means(self) -> dict[str, float]:
        return {s: float(np.mean(v)) for s, v in self.rewards.items()}

    def mean(self) -> float:
        return float(np.mean(list(self.means().values()))) if self.rewards else 0.0


def paired_evaluation(prompts: Mapping[str, str], scenarios: Sequence[Any], agent: Any, reward_model: Any, *,
                      trials: int = 1, seed: int = 0, batch_size: int = 16, max_turns: int = 6,
                      env_kwargs: Mapping[str, Any] | None = None, budget: Budget | None = None,
                      keep_trajectories: bool = True, progress: bool = False) -> dict[str, ArmScores]:
    """Play every arm (name -> system prompt) on every scenario `trials` times with shared episode seeds;
    score each scenario's episodes of all arms in one shuffled group. The agent must take its system prompt
    from the episode (LLMAgent with system_prompt=None does, as do the scripted agents). A progress bar is
    shown for evaluations of 64 episodes or more, or when `progress` is set."""
    budget = budget or Budget()
    names = list(prompts)
    sids = [s.id for s in scenarios]
    by_id = {s.id: s for s in scenarios}
    jobs = [(a, sid, t) for a, t, sid in product(names, range(trials), sids)]
    played: dict[tuple[str, str, int], Any] = {}
    envs: dict[str, list[SalesEmailEnv]] = {}
    from tqdm import tqdm

    bar = tqdm(total=len(jobs), desc=f"{len(names)} prompts x {len(sids)} scenarios x {trials}", unit="ep",
               mininterval=5.0, disable=len(jobs) < 64 and not progress)
    for start in range(0, len(jobs), batch_size):
        chunk = jobs[start: start + batch_size]
        for arm in dict.fromkeys(a for a, _, _ in chunk):
            part = [(s, t) for a, s, t in chunk if a == arm]
            pool = envs.setdefault(arm, [])
            while len(pool) < len(part):
                pool.append(SalesEmailEnv(scenarios=list(scenarios), system_prompt=prompts[arm], max_turns=max_turns,
                                          **dict(env_kwargs or {})))
            seeds = [episode_seed(seed, s, t) for s, t in part]
            if hasattr(agent, "begin_batch"):
                agent.begin_batch(len(part), seeds)

            def policy(obs: list[str], infos: list[dict[str, Any]]) -> list[Any]:
                budget.charge(agent_calls=len(obs))
                return agent.act_batch(obs, infos)

            trajs = play_episodes(pool, policy, [s for s, _ in part], seeds=seeds, defer_reward=True)
            if hasattr(agent, "episode_tokens"):
                try:
                    used = sum(sum(agent.episode_tokens(k).values()) for k in range(len(part)))
                except TypeError:
                    used = 0
                budget.charge(tokens=used)
            for (s, t), traj in zip(part, trajs, strict=True):
                played[(arm, s, t)] = traj
            bar.update(len(part))
    bar.close()
    out = {a: ArmScores() for a in names}
    rng = np.random.default_rng(seed)
    for sid in sids:
        members = [(a, t) for a in names for t in range(trials)]
        order = rng.permutation(len(members))
        group = [played[(members[i][0], sid, members[i][1])] for i in order]
        budget.charge(judge_calls=1)
        scored = reward_model.score_group(by_id[sid], group)
        back: dict[tuple[str, int], tuple[float, dict[str, float]]] = {}
        for pos, i in enumerate(order):
            back[members[i]] = (float(scored[pos][0]), dict(scored[pos][1]))
        for a in names:
            vals = [back[(a, t)] for t in range(trials)]
            out[a].rewards[sid] = [v[0] for v in vals]
            out[a].components[sid] = [v[1] for v in vals]
            if keep_trajectories:
                out[a].trajectories[sid] = [played[(a, sid, t)] for t in range(trials)]
    return out


# ----------------------------------------------------------------------------- statistics

@dataclass
class PairedTest:
    """A one-sided paired comparison of a candidate with the incumbent over scenarios."""

    n: int
    incumbent_mean: float
    candidate_mean: float
    mean_diff: float
    rel_diff: float | None  # mean_diff / incumbent_mean (None when the incumbent scores 0)
    ci: tuple[float, float]  # (1 - alpha) bootstrap percentile CI of mean_diff
    p_value: float  # H1: the candidate is better
    sd_diff: float
    effect_size_dz: float | None  # Cohen's d_z = mean_diff / sd_diff
    mde: float  # smallest mean difference detectable with 80% power at one-sided alpha
    method: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _z(q: float) -> float:
    return statistics.NormalDist().inv_cdf(q)


def paired_test(candidate: ArmScores | Mapping[str, float], incumbent: ArmScores | Mapping[str, float], *,
                alpha: float = 0.05, method: str = "permutation", resamples: int = 10_000, seed: int = 0) -> PairedTest:
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
    ci = (float(np.quantile(boot, alpha / 2)), float(np.quantile(boot, 1 - alpha / 2)))
    sd = float(d.std(ddof=1)) if n > 1 else 0.0
    inc_mean = float(np.mean([i[s] for s in sids]))
    return PairedTest(
        n=n, incumbent_mean=inc_mean, candidate_mean=float(np.mean([c[s] for s in sids])), mean_diff=t_obs,
        rel_diff=(t_obs / inc_mean) if inc_mean > 0 else None, ci=ci, p_value=min(1.0, p), sd_diff=sd,
        effect_size_dz=(t_obs / sd) if sd > 0 else None,
        mde=float((_z(1 - alpha) + _z(0.8)) * sd / math.sqrt(n)), method=method)


def holm(p_values: Sequence[float], alpha: float) -> list[bool]:
    """Holm's step-down procedure: which hypotheses are rejected at family-wise error rate alpha."""
    m = len(p_values)
    order = sorted(range(m), key=lambda k: p_values[k])
    reject = [False] * m
    for rank, k in enumerate(order):
        if p_values[k] <= alpha / (m - rank):
            reject[k] = True
        else:
            break
    return reject


@dataclass
class GateConfig:
    alpha: float = 0.05
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
    tests = [paired_test(arms[a], arms[incumbent], alpha=cfg.alpha, method=cfg.method, resamples=cfg.resamples,
                         seed=cfg.seed) for a in names]
    sig = holm([t.p_value for t in tests], cfg.alpha) if tests else []
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
