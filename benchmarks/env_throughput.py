"""Env throughput: tool-steps/s, episodes/s and per-step env overhead, beside a CartPole loop in the same run.

    python -m benchmarks.env_throughput            # default-v2 test split, 3 passes

A scripted agent's actions are recorded once per scenario (a get_connected_nodes call, then the greedy
agent's context calls and finalize) and replayed, so agent cost is excluded. "Judge excluded" runs use a
reward model that returns 0; the judged run uses the rubric judge. Overhead per step = step time minus
the time the same tool call takes when executed directly. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import time

import gymnasium as gym
import numpy as np

import codreamer_env as ce
from agents.scripted import GreedyKGAgent, call
from benchmarks._common import machine, table
from codreamer_env.actions import parse_action
from codreamer_env.tools import KGTools, execute


class ZeroReward:
    """A reward model that costs nothing: isolates the env from the judge."""

    def score_group(self, scenario, trajectories):
        return [(0.0, {}) for _ in trajectories]


def record(scenarios) -> dict[str, list[str]]:
    env = ce.SalesEmailEnv(scenarios=scenarios, reward_model=ZeroReward())
    agent = GreedyKGAgent()
    out = {}
    for s in scenarios:
        obs, info = env.reset(options={"scenario_id": s.id})
        actions = [call("get_connected_nodes", node_id="Customer Job")]  # replayed first; greedy never sees it
        done = False
        while not done:
            a = agent.act(obs, info)
            actions.append(a)
            obs, _, term, trunc, info = env.step(a)
            done = term or trunc
        out[s.id] = actions
    return out


def replay(env, actions: dict[str, list[str]], passes: int) -> tuple[float, int, int]:
    steps = episodes = 0
    t0 = time.perf_counter()
    for _ in range(passes):
        for sid, acts in actions.items():
            env.reset(options={"scenario_id": sid})
            for a in acts:
                env.step(a)
                steps += 1
            episodes += 1
    return time.perf_counter() - t0, steps, episodes


def tool_only(scenarios, actions: dict[str, list[str]], passes: int) -> float:
    """Time to execute the same tool calls directly (parse excluded), for the overhead figure."""
    by_id = {s.id: s for s in scenarios}
    prepared = []
    for sid, acts in actions.items():
        sc = by_id[sid]
        tools = KGTools(sc.graph())
        prepared.append((tools, [(c.name, c.arguments) for a in acts for c in parse_action(a).calls]))
    t0 = time.perf_counter()
    for _ in range(passes):
        for tools, calls in prepared:
            for name, args in calls:
                execute(tools, name, args)
    return time.perf_counter() - t0


def cartpole(steps: int) -> float:
    env = gym.make("CartPole-v1").unwrapped
    env.reset(seed=0)
    acts = np.random.default_rng(0).integers(2, size=steps).tolist()
    t0 = time.perf_counter()
    for a in acts:
        _, _, term, trunc, _ = env.step(a)
        if term or trunc:
            env.reset()
    return steps / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--split", default="test")
    args = ap.parse_args()
    scenarios = ce.load_scenarios(ce.DEFAULT_SET, args.split)
    actions = record(scenarios)
    env = ce.SalesEmailEnv(scenarios=scenarios, reward_model=ZeroReward())
    replay(env, actions, 1)  # warm caches (graphs, successor ids)
    secs, steps, episodes = replay(env, actions, args.passes)
    tool_secs = tool_only(scenarios, actions, args.passes)
    judged_env = ce.SalesEmailEnv(scenarios=scenarios)
    replay(judged_env, actions, 1)
    jsecs, jsteps, jepisodes = replay(judged_env, actions, args.passes)
    cp = cartpole(200_000)
    figs = {
        "machine": machine(), "scenarios": len(scenarios), "steps": steps, "episodes": episodes,
        "tool_steps_per_s": round(steps / secs), "episodes_per_s": round(episodes / secs, 1),
        "step_us": round(secs / steps * 1e6, 2), "tool_exec_us": round(tool_secs / steps * 1e6, 2),
        "env_overhead_us": round((secs - tool_secs) / steps * 1e6, 2),
        "judged_tool_steps_per_s": round(jsteps / jsecs), "judged_episodes_per_s": round(jepisodes / jsecs, 1),
        "cartpole_steps_per_s": round(cp), "ratio_cartpole_over_env": round(cp / (steps / secs), 1),
    }
    m = figs["machine"]
    print(f"Env throughput on {ce.DEFAULT_SET}/{args.split} ({len(scenarios)} scenarios x {args.passes} passes, "
          f"{steps:,} tool steps), one process; {m['cpu']}, Python {m['python']}")
    print(table([
        ["tool steps / s (judge excluded)", f"{figs['tool_steps_per_s']:,}"],
        ["episodes / s (judge excluded)", f"{figs['episodes_per_s']}"],
        ["time per step", f"{figs['step_us']} us"],
        ["  of which the tool itself", f"{figs['tool_exec_us']} us"],
        ["  env overhead (parse, messages, records)", f"{figs['env_overhead_us']} us"],
        ["tool steps / s with the rubric judge", f"{figs['judged_tool_steps_per_s']:,}"],
        ["episodes / s with the rubric judge", f"{figs['judged_episodes_per_s']}"],
        ["reference: CartPole-v1 steps / s (same run)", f"{figs['cartpole_steps_per_s']:,}"],
        ["CartPole / SalesEmail steps ratio", f"{figs['ratio_cartpole_over_env']}x"],
    ], ["measure", "value"]))
    print(json.dumps(figs))


if __name__ == "__main__":
    main()
