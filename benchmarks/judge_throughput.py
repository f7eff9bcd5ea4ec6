"""Rubric judge throughput on one core: emails/s over a realistic mix, cold (facts built) and warm.

    python -m benchmarks.judge_throughput [--passes 5]

The emails are those the oracle, greedy and random agents write on default-v1 test (so good, average and
bad emails). "Cold" uses a fresh judge (per-scenario facts are built on first sight); "warm" reuses it.
Reference in the same run: one pass of `str.lower` + a regex word split over the same emails, the floor
any text scorer pays. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import time

import codreamer_env as ce
from agents.scripted import GreedyKGAgent, OracleAgent, RandomAgent
from benchmarks._common import machine, table


def collect() -> list[tuple[ce.Scenario, ce.FinalEmail, ce.Trajectory]]:
    scenarios = ce.load_scenarios("default-v1", "test")
    envs = [ce.SalesEmailEnv(scenarios=scenarios) for _ in scenarios]
    out = []
    for agent in (OracleAgent(), GreedyKGAgent(), RandomAgent(seed=0)):
        trajs = ce.play_episodes(envs, agent.act_batch, [s.id for s in scenarios], defer_reward=True)
        out += [(s, t.final_email, t) for s, t in zip(scenarios, trajs, strict=True)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args()
    items = collect()
    n = len(items)
    judge = ce.RubricJudge()
    t0 = time.perf_counter()
    for s, e, t in items:
        judge.score(s, e, t)
    cold = n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in range(args.passes):
        for s, e, t in items:
            judge.score(s, e, t)
    warm = n * args.passes / (time.perf_counter() - t0)
    word = re.compile(r"[a-z0-9]+")
    t0 = time.perf_counter()
    for _ in range(args.passes):
        for _s, e, _t in items:
            word.findall(f"{e.subject}\n{e.body}".lower())
    floor = n * args.passes / (time.perf_counter() - t0)
    figs = {"machine": machine(), "emails": n, "passes": args.passes, "cold_emails_per_s": round(cold),
            "warm_emails_per_s": round(warm), "tokenize_only_emails_per_s": round(floor),
            "ratio_tokenize_over_judge": round(floor / warm, 1)}
    m = figs["machine"]
    print(f"Rubric judge on {n} emails (oracle, greedy, random on default-v1 test), one process; {m['cpu']}")
    print(table([["cold (facts built on first sight)", f"{figs['cold_emails_per_s']:,} emails/s"],
                 ["warm", f"{figs['warm_emails_per_s']:,} emails/s"],
                 ["reference: lower() + word split only", f"{figs['tokenize_only_emails_per_s']:,} emails/s"]],
                ["measure", "value"]))
    print(json.dumps(figs))


if __name__ == "__main__":
    main()
