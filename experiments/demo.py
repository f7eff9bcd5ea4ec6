"""Demo: the scripted baselines on a fixed subset of default-v1 test, judged by the offline rubric judge.

    python -m experiments.demo [--n 48] [--set default-v1] [--split test]

Prints one table (mean reward, bootstrap 95% CI, per-component means) and one example email.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import codreamer_env as ce
from agents.scripted import GreedyKGAgent, OracleAgent, RandomAgent


def run(agent, env, scenarios) -> tuple[list[float], list[dict[str, float]], list]:
    rewards, comps, trajs = [], [], []
    for s in scenarios:
        obs, info = env.reset(seed=0, options={"scenario_id": s.id})
        done = False
        while not done:
            obs, r, term, trunc, info = env.step(agent.act(obs, info))
            done = term or trunc
        rewards.append(r)
        comps.append(info["reward_components"])
        trajs.append(info["trajectory"])
    return rewards, comps, trajs


def bootstrap_ci(x: list[float], n: int = 2000, seed: int = 0) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    arr = np.asarray(x)
    means = arr[rng.integers(0, len(arr), size=(n, len(arr)))].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=48)
    ap.add_argument("--set", default="default-v1")
    ap.add_argument("--split", default="test")
    args = ap.parse_args()
    scenarios = ce.load_scenarios(args.set, args.split, limit=args.n)
    env = ce.SalesEmailEnv(scenarios=scenarios, max_turns=6)
    t0 = time.perf_counter()
    rows, example = [], None
    for agent in (RandomAgent(seed=0), GreedyKGAgent(), OracleAgent()):
        rewards, comps, trajs = run(agent, env, scenarios)
        lo, hi = bootstrap_ci(rewards)
        keys = ("grounding", "factuality", "personalization", "alignment", "cta", "clarity", "compliance")
        means = {k: np.mean([c[k] for c in comps]) for k in keys}
        label = agent.name + (" (reference: reads gold paths)" if agent.is_reference else "")
        rows.append((label, np.mean(rewards), lo, hi, means))
        if agent.name == "greedy":
            example = trajs[0]
    print(f"{len(scenarios)} scenarios of {args.set}/{args.split}, rubric judge, "
          f"{time.perf_counter() - t0:.1f}s\n")
    head = f"{'agent':42s} {'reward':>7s}  {'95% CI':>15s}  " + " ".join(f"{k[:6]:>6s}" for k in rows[0][4])
    print(head)
    print("-" * len(head))
    for label, mean, lo, hi, means in sorted(rows, key=lambda r: -r[1]):
        print(f"{label:42s} {mean:7.3f}  [{lo:.3f}, {hi:.3f}]  " + " ".join(f"{v:6.3f}" for v in means.values()))
    if example is not None and example.final_email is not None:
        e = example.final_email
        print(f"\nExample (greedy, {example.scenario_id}):\nSubject: {e.subject}\n\n{e.body}\nCitations: {e.citations}")


if __name__ == "__main__":
    main()
