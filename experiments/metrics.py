"""Benchmark statistics: mean +- std, scenario-level bootstrap CI, pass^k, component means."""

from __future__ import annotations

from collections import defaultdict
from math import comb
from typing import Any

import numpy as np

REFERENCE = " (reference: reads gold paths)"  # follows the name of an agent that reads the gold paths


def bootstrap_ci(values_by_scenario: dict[str, list[float]], n: int = 2000, seed: int = 0,
                 level: float = 0.95) -> tuple[float, float]:
    """CI of the mean reward, resampling scenarios (each scenario's trials stay together)."""
    means = np.array([np.mean(v) for v in values_by_scenario.values()])
    if len(means) == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    boots = means[rng.integers(0, len(means), size=(n, len(means)))].mean(axis=1)
    a = (1 - level) / 2
    return float(np.quantile(boots, a)), float(np.quantile(boots, 1 - a))


def pass_hat_k(values_by_scenario: dict[str, list[float]], threshold: float) -> dict[str, float]:
    """tau-bench's pass^j for j = 1..k: P(all j of j trials of a scenario pass), unbiased from k trials."""
    ks = {len(v) for v in values_by_scenario.values()}
    k = min(ks) if ks else 0
    out = {}
    for j in range(1, k + 1):
        vals = []
        for v in values_by_scenario.values():
            c = sum(x >= threshold for x in v[:k])
            vals.append(comb(c, j) / comb(k, j))
        out[f"pass^{j}"] = float(np.mean(vals))
    return out


def summarize(rows: list[dict[str, Any]], threshold: float, n_boot: int = 2000, seed: int = 0) -> dict[str, Any]:
    """The metrics.json figures from benchmark rows."""
    rewards = np.array([r["reward"] for r in rows], dtype=float)
    by_sc: dict[str, list[float]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: (r["scenario_id"], r["trial"])):
        by_sc[r["scenario_id"]].append(r["reward"])
    comps: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        for key, v in r["components"].items():
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                comps[key].append(float(v))
    lo, hi = bootstrap_ci(by_sc, n_boot, seed)
    sources: dict[str, int] = defaultdict(int)
    for r in rows:
        sources[str(r.get("judge_source", "rubric"))] += 1
    return {
        "episodes": len(rows), "scenarios": len(by_sc),
        "trials": min((len(v) for v in by_sc.values()), default=0),
        "reward_mean": float(rewards.mean()) if len(rows) else float("nan"),
        "reward_std": float(rewards.std(ddof=1)) if len(rows) > 1 else 0.0,
        "reward_ci95": [lo, hi],
        "pass_threshold": threshold,
        **pass_hat_k(by_sc, threshold),
        "components": {k: float(np.mean(v)) for k, v in sorted(comps.items())},
        "turns_mean": float(np.mean([r["turns"] for r in rows])) if rows else 0.0,
        "invalid_actions_mean": float(np.mean([r["invalid_actions"] for r in rows])) if rows else 0.0,
        "finalized_rate": float(np.mean([r["terminated"] for r in rows])) if rows else 0.0,
        "prompt_tokens": int(sum(r.get("prompt_tokens", 0) for r in rows)),
        "completion_tokens": int(sum(r.get("completion_tokens", 0) for r in rows)),
        "judge_sources": dict(sources),  # which judge actually scored: {"llm": n, "fallback": n, "rubric": n}
    }


def fallbacks(metrics: dict[str, Any]) -> int:
    """How many of a run's episodes the fallback judge scored (the LLM judge failed on them)."""
    return int((metrics.get("judge_sources") or {}).get("fallback", 0))


def judge_label(metrics: dict[str, Any], name: str | None = None, fallback: str | None = None) -> str:
    """The judge that actually scored a run: "ruler", or "ruler (4/4 fell back to rubric-v2)".

    `name`: the judge's name (default: the run's judge_version, else its judge); `fallback`: the fallback
    judge's version (default: the rubric judge's, the fallback of every LLM judge the configs build)."""
    name = name or str(metrics.get("judge_version") or metrics.get("judge"))
    n = fallbacks(metrics)
    if not n:
        return name
    if fallback is None:
        from codreamer_env.rewards.rubric import RubricJudge

        fallback = RubricJudge.version
    return f"{name} ({n}/{metrics.get('episodes', '?')} fell back to {fallback})"


def gold_note(metrics: dict[str, Any], lead: str = "") -> str:
    """"derived gold (3/3 scenarios: evidence paths derived from the graph, not labelled)" for a run whose scenarios
    came from `make_scenarios` without gold paths (metrics.json's `gold_derived_scenarios`), else ""; `lead` goes
    before a non-empty note."""
    n = int(metrics.get("gold_derived_scenarios") or 0)
    if not n:
        return ""
    return (f"{lead}derived gold ({n}/{metrics.get('scenarios', '?')} scenarios: evidence paths derived from the "
            "graph, not labelled)")
