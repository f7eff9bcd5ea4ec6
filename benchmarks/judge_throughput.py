"""Rubric judge throughput on one core: rubric-v2 beside rubric-v1, emails/s, cold (facts built) and warm.

    python -m benchmarks.judge_throughput [--set default-v2] [--passes 5]

The emails are those the oracle, greedy and random agents write on the set's test split (so good, average
and bad emails). "Cold" uses a fresh judge (per-scenario facts are built on first sight); "warm" reuses it.
Measured in the same run: rubric-v1 on the same emails, and one pass of `str.lower` + a regex word split,
the floor any text scorer pays. rubric-v2 has no LM-based part (target: >= 500 emails/s warm). The last
line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import time

import codreamer_env as ce
from agents.scripted import GreedyKGAgent, OracleAgent, RandomAgent
from benchmarks._common import machine, table
from codreamer_env import runner


def collect(set_name: str) -> list[tuple[ce.Scenario, ce.FinalEmail, ce.Trajectory]]:
    scenarios = ce.load_scenarios(set_name, "test")
    envs = [ce.SalesEmailEnv(scenarios=scenarios) for _ in scenarios]
    out = []
    for agent in (OracleAgent(), GreedyKGAgent(), RandomAgent(seed=0)):
        trajs = [ep.trajectory for ep in runner.play(agent, runner.make_jobs(scenarios, seed=None), envs)]
        out += [(s, t.final_email, t) for s, t in zip(scenarios, trajs, strict=True)]
    return out


def rate(make_judge, items, passes: int) -> tuple[float, float]:
    """(cold, warm) emails per second."""
    judge = make_judge()
    t0 = time.perf_counter()
    for s, e, t in items:
        judge.score(s, e, t)
    cold = len(items) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in range(passes):
        for s, e, t in items:
            judge.score(s, e, t)
    return cold, len(items) * passes / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default=ce.DEFAULT_SET)
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args()
    items = collect(args.set)
    n = len(items)
    v2_cold, v2_warm = rate(ce.RubricJudge, items, args.passes)
    n_s = len(items) // 3  # the oracle's emails come first: the longest, most fact-laden ones
    _, v2_oracle = rate(ce.RubricJudge, items[:n_s], args.passes)
    v1_cold, v1_warm = rate(ce.RubricJudgeV1, items, args.passes)
    word = re.compile(r"[a-z0-9]+")
    t0 = time.perf_counter()
    for _ in range(args.passes):
        for _s, e, _t in items:
            word.findall(f"{e.subject}\n{e.body}".lower())
    floor = n * args.passes / (time.perf_counter() - t0)
    figs = {"machine": machine(), "set": args.set, "emails": n, "passes": args.passes,
            "rubric_v2_cold_emails_per_s": round(v2_cold), "rubric_v2_warm_emails_per_s": round(v2_warm),
            "rubric_v2_warm_oracle_emails_per_s": round(v2_oracle),
            "rubric_v1_cold_emails_per_s": round(v1_cold), "rubric_v1_warm_emails_per_s": round(v1_warm),
            "tokenize_only_emails_per_s": round(floor), "ratio_v1_over_v2_warm": round(v1_warm / v2_warm, 2),
            "target_v2_warm_emails_per_s": 500}
    m = figs["machine"]
    print(f"Rubric judges on {n} emails (oracle, greedy, random on {args.set} test), one process; {m['cpu']}")
    print(table([["rubric-v2 cold (facts built on first sight)", f"{round(v2_cold):,} emails/s"],
                 ["rubric-v2 warm (target >= 500)", f"{round(v2_warm):,} emails/s"],
                 ["rubric-v2 warm, the oracle's emails only", f"{round(v2_oracle):,} emails/s"],
                 ["rubric-v1 cold", f"{round(v1_cold):,} emails/s"],
                 ["rubric-v1 warm", f"{round(v1_warm):,} emails/s"],
                 ["reference: lower() + word split only", f"{round(floor):,} emails/s"]],
                ["measure", "value"]))
    print(json.dumps(figs))


if __name__ == "__main__":
    main()
