"""Data shaping: read runs turned into what the page shows: leaderboard entries, learning-curve series, node-score
moves, review rates and judge-vs-human agreement, and the episode table with its drill-down sample."""

from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from codreamer_env.rewards.rubric import COMPONENTS

Series = dict[str, list[tuple[float, float]]]


def _num(*xs: Any) -> bool:  # a file can hold a string (or nothing) where a number is expected: such points are left out
    return all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in xs)


def leaderboard(runs: list[tuple[Path, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Benchmark runs (folder, metrics), labelled "agent · folder" (the folder if it names the agent), best first."""
    return sorted(({"dir": d, "m": m, "label": f"{m['agent']} · {d.name}" if m.get("agent") and m["agent"] not in d.name
                    else d.name} for d, m in runs), key=lambda e: -float(e["m"].get("reward_mean", 0)))


def grpo_curves(log: list[dict[str, Any]], evals: list[tuple[int, dict[str, Any]]]) -> tuple[Series, Series]:
    """Reward per step (training groups vs the val split), and the training reward components."""
    series = {"train reward": [(r["step"], r["reward"]) for r in log if "reward" in r and _num(r.get("step"), r["reward"])],
              "val reward": [(s, m["reward_mean"]) for s, m in evals if _num(m.get("reward_mean"))]}
    comps = {c: [(r["step"], r[f"episode/{c}"]) for r in log if f"episode/{c}" in r
                 and _num(r.get("step"), r[f"episode/{c}"])] for c in COMPONENTS}
    return series, {k: v for k, v in comps.items() if v}


def loop_curves(its: list[dict[str, Any]]) -> tuple[Series, Series]:
    """Train and val reward per learn-loop iteration, and the val reward components."""
    val = [m for m in its if isinstance(m.get("val"), dict) and _num(m.get("iteration"))]
    comps = [(m["iteration"], m["val"].get("components")) for m in val]
    return ({"train reward": [(m["iteration"], m["train_reward_mean"]) for m in its
                              if _num(m.get("iteration"), m.get("train_reward_mean"))],
             "val reward": [(m["iteration"], m["val"]["reward_mean"]) for m in val if _num(m["val"].get("reward_mean"))]},
            {c: [(i, cs[c]) for i, cs in comps if isinstance(cs, dict) and _num(cs.get(c))] for c in COMPONENTS})


def node_score_moves(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[float, str, str, float, float]]:
    """(|change|, scenario, node, before, after) of every node whose score moved, largest first."""
    rows = []
    for sid, scores in (after.items() if isinstance(after, dict) else ()):
        was = before.get(sid) if isinstance(before, dict) else None
        for node, s in (scores.items() if isinstance(scores, dict) else ()):  # a damaged file: what reads
            s0 = was.get(node, 1.0) if isinstance(was, dict) else 1.0  # a node not yet scored holds 1.0
            if _num(s0, s) and abs(s - s0) > 1e-9:
                rows.append((abs(s - s0), sid, node, s0, s))
    return sorted(rows, reverse=True)


def review_rates(reviews: list[Any]) -> tuple[Series, int, np.ndarray]:
    """Accept / reject / edit rates in up to 12 time bins (oldest first), the number of bins, the timestamps."""
    ts = np.array([e.timestamp for e in reviews])
    nb = min(12, max(1, len(reviews) // 10))
    edges = np.linspace(ts.min(), ts.max() + 1e-6, nb + 1)
    series: Series = {"accept": [], "reject": [], "edit": []}
    for b in range(nb):
        inb = [e for e in reviews if edges[b] <= e.timestamp < edges[b + 1]]
        if inb:
            for k in series:
                series[k].append((b + 1, sum(e.decision == k for e in inb) / len(inb)))
    return series, nb, ts


def judge_agreement(reviews: list[Any], prefs: list[Any], rewards: dict[str, float], threshold: float
                    ) -> tuple[tuple[int, float, Any, Any] | None, tuple[int, float] | None]:
    """Judge vs human, None where nothing was judged: reviews (accept iff reward >= threshold) as n, agreement, mean
    reward of accepted and of rejected/edited; preferences as n, how often the judge ranks the winner higher."""
    judged = [(rewards[e.trajectory_id], e.decision == "accept") for e in reviews if e.trajectory_id in rewards]
    prefs = [e for e in prefs if e.winner in rewards and e.loser in rewards]
    acc, rej = ([r for r, a in judged if a == want] for want in (True, False))
    rev = (len(judged), sum((r >= threshold) == a for r, a in judged) / len(judged),
           np.mean(acc) if acc else None, np.mean(rej) if rej else None) if judged else None
    return rev, (len(prefs), sum(rewards[e.winner] > rewards[e.loser] for e in prefs) / len(prefs)) if prefs else None


def episode_rewards(episodes: list[tuple[str, list[dict[str, Any]]]]) -> dict[str, float]:
    return {r["id"]: float(r["reward"]) for _, rows in episodes for r in rows
            if "id" in r and isinstance(r.get("reward"), (int, float))}


def episode_table(episodes: list[tuple[str, list[dict[str, Any]]]], max_detail: int, seed: int = 0) -> dict[str, Any]:
    """Rows (run, scenario, trial, reward, turns, email sent, drill-down key), drill-downs for a sample (per run its
    worst and best, then a seeded draw), and each drilled scenario's KG layout and prospect, stored once."""
    from codreamer_env.scenarios import get_scenario

    rng = np.random.default_rng(seed)
    chosen: set[tuple[str, int]] = set()
    per_run = max(2, max_detail // max(1, 4 * len(episodes)))
    for label, rows in episodes:
        order = sorted(range(len(rows)), key=lambda i: rows[i].get("reward", 0.0))
        chosen.update((label, i) for i in order[:per_run] + order[-per_run:])
    rest = [(label, i) for label, rows in episodes for i in range(len(rows)) if (label, i) not in chosen]
    room = max(0, max_detail - len(chosen))
    if rest and room:
        chosen.update(rest[int(k)] for k in rng.choice(len(rest), size=min(room, len(rest)), replace=False))
    table: list[list[Any]] = []
    details: dict[str, Any] = {}
    kgs: dict[str, Any] = {}
    prospects: dict[str, Any] = {}
    for label, rows in episodes:
        for i, r in enumerate(rows):
            key = f"{len(table)}"
            has = (label, i) in chosen
            table.append([label, r.get("scenario_id", ""), r.get("trial", 0), round(float(r.get("reward", 0.0)), 4),
                          r.get("turns", 0), 1 if r.get("subject") is not None else 0, key if has else None])
            if has:
                details[key] = episode_detail(r)
                sid = r.get("scenario_id")
                if sid and sid not in kgs:
                    try:
                        sc = get_scenario(sid)
                    except (KeyError, ValueError, FileNotFoundError):
                        continue
                    kgs[sid] = kg_layout(sc)
                    p = sc.prospect
                    prospects[sid] = {"name": p.name, "title": p.title, "company": p.company, "industry": p.industry,
                                      "goal": sc.goal.text, "product": sc.product.name, "job": sc.job.statement}
    return {"rows": table, "details": details, "kgs": kgs, "prospects": prospects}


def kg_layout(sc: Any) -> dict[str, Any]:
    """Node positions (layers by undirected distance from the start node), edges, and the scenario's highlights."""
    kg, nodes = sc.graph(), [r["id"] for r in sc.kg]
    edges = [[r["id"], e["target"]] for r in sc.kg for e in r.get("edges", [])]
    adj: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        adj[a].add(b)
        adj[b].add(a)
    start = sc.start_nodes[0] if sc.start_nodes else nodes[0]
    dist, queue = {start: 0}, [start]
    for u in queue:  # breadth-first; the queue grows while it is read
        for v in sorted(adj[u]):
            if v not in dist:
                dist[v] = dist[u] + 1
                queue.append(v)
    far = max(dist.values(), default=0) + 1
    layers: dict[int, list[str]] = defaultdict(list)
    for n in nodes:
        layers[dist.get(n, far)].append(n)
    pos = {n: [layer, k, len(members)] for layer, members in layers.items()
           for k, n in enumerate(sorted(members, key=lambda n: (kg.node_type(n) or "", n)))}
    return {"nodes": [[n, kg.node_type(n) or "", *pos[n]] for n in nodes], "edges": edges,
            "gold": sc.gold_nodes, "traps": {t.node_id: t.kind for t in sc.traps}, "layers": len(layers)}


def episode_detail(row: dict[str, Any]) -> dict[str, Any]:
    traj = row.get("trajectory")
    try:
        traj = (orjson.loads(traj) if isinstance(traj, str) else traj) or {}
    except orjson.JSONDecodeError:
        traj = {}
    traj = traj if isinstance(traj, dict) else {}
    calls = []
    for t in traj.get("turns", []) if isinstance(traj.get("turns"), list) else []:
        t = t if isinstance(t, dict) else {}
        tc = t.get("tool_calls") or t.get("calls")
        calls += ([{"name": c.get("name"), "arguments": c.get("arguments")} for c in tc if isinstance(c, dict)]
                  if tc and isinstance(tc, list) else
                  [{"name": "(no valid call)", "arguments": {"action": str(t.get("action", ""))[:300]}}])
    cites, comps, got = row.get("citations"), row.get("components"), traj.get("retrieved_nodes")
    return {"subject": row.get("subject"), "body": row.get("body"),
            "citations": cites if isinstance(cites, list) else [], "calls": calls,
            "retrieved": list(got) if isinstance(got, list) else [], "components": comps if isinstance(comps, dict) else {}}
