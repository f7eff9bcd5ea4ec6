"""One self-contained HTML report from any mix of run folders: benchmark runs and multiruns, GRPO runs,
learn-loops, prompt optimizations and feedback logs.

    python -m experiments.report runs=multirun/quickstart out=report.html
    python -m experiments.report "runs=[outputs/benchmark/*,outputs/train_grpo/*,outputs/optimize_prompt/*]" out=report.html
    python -m experiments.report runs=outputs out=report.html --watch      # regenerate on change; the page reloads

Sections: leaderboard (CIs, per-component bars), learning curves (reward and components, train vs val),
prompt optimization (rounds, candidates, decisions with effect / CI / p-value, the active prompt's lineage
with diffs, rollbacks), feedback (review rates over time, judge-vs-human agreement, the outcome funnel) and
per-episode drill-downs (the prospect, the email, the tool calls, the scenario's KG with the cited path, gold
path and traps highlighted; node-score changes of learn-loops).

Everything is inline (SVG charts, CSS, a little JS; no server, no CDN). Big runs stay light: the episode
table holds every episode but pages through them in the browser, and full drill-downs are kept for a sample
(`drilldowns=300`: the worst and best of each run, then a seeded random sample), each scenario's KG stored
once and drawn only when its episode is opened.
"""

from __future__ import annotations

import glob
import html
import os
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from codreamer_env._io import atomic_write_bytes
from codreamer_env.rewards.rubric import COMPONENTS
from experiments.benchmark import read_rows

PALETTE = ("#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0")


def esc(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _read_json(path: Path) -> Any:
    try:
        return orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None


# ----------------------------------------------------------------------------- discovery

def discover(patterns: Sequence[str]) -> dict[str, list[Path]]:
    """Run folders (and feedback files) under the given folders or globs, by kind."""
    found: dict[str, list[Path]] = defaultdict(list)
    roots: list[Path] = []
    for pat in patterns:
        hits = sorted(glob.glob(os.path.expanduser(pat), recursive=True)) or ([pat] if Path(pat).exists() else [])
        roots += [Path(h) for h in hits]
    seen: set[Path] = set()
    for root in roots:
        if root.is_file():
            if root.suffix == ".jsonl" and _is_feedback(root):
                found["feedback"].append(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            d = Path(dirpath)
            dirnames[:] = sorted(x for x in dirnames if not x.startswith((".", "checkpoint-")) and x != "final")
            if d in seen:
                continue
            seen.add(d)
            names = set(filenames)
            if "trajectories.jsonl" in names and "metrics.json" in names and d.parent.name != "eval":
                found["benchmark"].append(d)
            if "iter0_metrics.json" in names:
                found["learn_loop"].append(d)
            elif "train_log.jsonl" in names:
                found["grpo"].append(d)
            if "rounds.jsonl" in names:
                found["prompt_opt"].append(d)
            for f in sorted(names):
                if f.endswith(".jsonl") and f not in ("trajectories.jsonl", "rounds.jsonl", "train_log.jsonl",
                                                      "candidates.jsonl", "scores.jsonl") and not f.startswith("iter"):
                    p = d / f
                    if _is_feedback(p):
                        found["feedback"].append(p)
    return {k: sorted(dict.fromkeys(v)) for k, v in found.items()}


def _is_feedback(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            for line in f:
                if line.strip():
                    row = orjson.loads(line)
                    return isinstance(row, dict) and (row.get("kind") in ("judge", "preference", "review", "outcome")
                                                      or "event" in row)
    except (OSError, orjson.JSONDecodeError):
        return False
    return False


# ----------------------------------------------------------------------------- SVG charts

def svg_bars(labels: Sequence[str], values: Sequence[float], ci: Sequence[tuple[float, float] | None] | None = None,
             width: int = 640, ymax: float = 1.0, title: str = "") -> str:
    n = max(1, len(values))
    h, left, bottom, top = 240, 44, 48, 24
    bw = (width - left - 10) / n
    ys = lambda v: top + (h - top - bottom) * (1 - min(max(v / ymax, 0), 1))  # noqa: E731
    out = [f'<svg class="chart" viewBox="0 0 {width} {h}" role="img" aria-label="{esc(title)}">']
    for t in (0, 0.25, 0.5, 0.75, 1.0):
        y = ys(t * ymax)
        out.append(f'<line x1="{left}" x2="{width - 5}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" class="ax" text-anchor="end">{t * ymax:.2f}</text>')
    for i, (lab, v) in enumerate(zip(labels, values, strict=True)):
        x = left + i * bw + bw * 0.15
        out.append(f'<rect x="{x:.1f}" y="{ys(v):.1f}" width="{bw * 0.7:.1f}" height="{ys(0) - ys(v):.1f}" '
                   f'fill="{PALETTE[i % len(PALETTE)]}"><title>{esc(lab)}: {v:.3f}</title></rect>')
        if ci and ci[i]:
            lo, hi = ci[i]
            cx = x + bw * 0.35
            out.append(f'<path d="M{cx:.1f},{ys(lo):.1f}V{ys(hi):.1f}M{cx - 5:.1f},{ys(lo):.1f}h10M{cx - 5:.1f},'
                       f'{ys(hi):.1f}h10" class="err"/>')
        out.append(f'<text x="{x + bw * 0.35:.1f}" y="{h - bottom + 16}" class="ax" text-anchor="middle">'
                   f'{esc(lab[:18])}</text>')
    out.append("</svg>")
    return "".join(out)


def svg_grouped(groups: Sequence[str], series: dict[str, Sequence[float]], width: int = 760, title: str = "") -> str:
    """Grouped bars: one group per component, one bar per series (agent)."""
    h, left, bottom, top = 250, 44, 56, 20
    ng, ns = max(1, len(groups)), max(1, len(series))
    gw = (width - left - 10) / ng
    bw = gw * 0.8 / ns
    ys = lambda v: top + (h - top - bottom) * (1 - min(max(v, 0), 1))  # noqa: E731
    out = [f'<svg class="chart" viewBox="0 0 {width} {h}" role="img" aria-label="{esc(title)}">']
    for t in (0, 0.5, 1.0):
        out.append(f'<line x1="{left}" x2="{width - 5}" y1="{ys(t):.1f}" y2="{ys(t):.1f}" class="grid"/>'
                   f'<text x="{left - 6}" y="{ys(t) + 4:.1f}" class="ax" text-anchor="end">{t:.1f}</text>')
    for g, name in enumerate(groups):
        for s, (sname, vals) in enumerate(series.items()):
            v = vals[g]
            x = left + g * gw + gw * 0.1 + s * bw
            out.append(f'<rect x="{x:.1f}" y="{ys(v):.1f}" width="{bw:.1f}" height="{ys(0) - ys(v):.1f}" '
                       f'fill="{PALETTE[s % len(PALETTE)]}"><title>{esc(sname)} {esc(name)}: {v:.3f}</title></rect>')
        out.append(f'<text x="{left + g * gw + gw / 2:.1f}" y="{h - bottom + 16}" class="ax" text-anchor="middle">'
                   f'{esc(name)}</text>')
    for s, sname in enumerate(series):
        out.append(f'<rect x="{left + s * 150}" y="{h - 22}" width="10" height="10" fill="{PALETTE[s % len(PALETTE)]}"/>'
                   f'<text x="{left + s * 150 + 14}" y="{h - 13}" class="ax">{esc(sname[:20])}</text>')
    out.append("</svg>")
    return "".join(out)


def svg_lines(series: dict[str, Sequence[tuple[float, float]]], width: int = 760, xlabel: str = "step",
              ylabel: str = "reward", ymin: float = 0.0, ymax: float = 1.0, title: str = "") -> str:
    h, left, bottom, top = 260, 48, 56, 16
    xs = [x for pts in series.values() for x, _ in pts] or [0, 1]
    x0, x1 = min(xs), max(xs)
    if x1 == x0:
        x1 = x0 + 1
    sx = lambda x: left + (width - left - 12) * (x - x0) / (x1 - x0)  # noqa: E731
    sy = lambda y: top + (h - top - bottom) * (1 - (min(max(y, ymin), ymax) - ymin) / (ymax - ymin))  # noqa: E731
    out = [f'<svg class="chart" viewBox="0 0 {width} {h}" role="img" aria-label="{esc(title)}">']
    for k in range(5):
        yv = ymin + (ymax - ymin) * k / 4
        out.append(f'<line x1="{left}" x2="{width - 5}" y1="{sy(yv):.1f}" y2="{sy(yv):.1f}" class="grid"/>'
                   f'<text x="{left - 6}" y="{sy(yv) + 4:.1f}" class="ax" text-anchor="end">{yv:.2f}</text>')
    ints = all(float(x).is_integer() for x in xs)
    ticks = sorted(set(xs)) if ints and len(set(xs)) <= 12 else [x0 + (x1 - x0) * k / 5 for k in range(6)]
    for xv in ticks:
        out.append(f'<text x="{sx(xv):.1f}" y="{h - bottom + 16}" class="ax" text-anchor="middle">{xv:g}</text>')
    out.append(f'<text x="{width / 2}" y="{h - bottom + 32}" class="ax" text-anchor="middle">{esc(xlabel)}</text>')
    for s, (name, pts) in enumerate(series.items()):
        color = PALETTE[s % len(PALETTE)]
        pts = sorted(pts)
        if len(pts) > 1:
            d = "M" + "L".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts)
            out.append(f'<path d="{d}" fill="none" stroke="{color}" stroke-width="2"/>')
        for x, y in pts[:: max(1, len(pts) // 60)]:
            out.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3" fill="{color}"><title>{esc(name)} '
                       f'{x:g}: {y:.3f}</title></circle>')
        step = min(170.0, (width - left) / max(1, len(series)))
        out.append(f'<rect x="{left + s * step:.0f}" y="{h - 20}" width="10" height="10" fill="{color}"/>'
                   f'<text x="{left + s * step + 14:.0f}" y="{h - 11}" class="ax">{esc(name[:24])}</text>')
    out.append("</svg>")
    return "".join(out)


# ----------------------------------------------------------------------------- sections

def _table(header: Sequence[str], rows: Iterable[Sequence[Any]], cls: str = "") -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _f(x: Any, nd: int = 3) -> str:
    return f"{x:.{nd}f}" if isinstance(x, (int, float)) else "–"


def run_label(d: Path, m: dict[str, Any]) -> str:
    return f"{m.get('agent', d.name)} · {d.name}" if m.get("agent") and m.get("agent") not in d.name else d.name


def leaderboard_section(runs: list[Path]) -> tuple[str, list[dict[str, Any]]]:
    entries = []
    for d in runs:
        m = _read_json(d / "metrics.json")
        if isinstance(m, dict):
            entries.append({"dir": d, "m": m, "label": run_label(d, m)})
    if not entries:
        return "", entries
    entries.sort(key=lambda e: -float(e["m"].get("reward_mean", 0)))
    rows = []
    for e in entries:
        m = e["m"]
        ci = m.get("reward_ci95") or [None, None]
        pk = next((k for k in m if k.startswith("pass^")), None)
        ref = ' <span class="tag">reference</span>' if m.get("reference") else ""
        rows.append([esc(e["label"]) + ref, _f(m.get("reward_mean")), f"[{_f(ci[0])}, {_f(ci[1])}]",
                     _f(m.get(pk)) if pk else "–", _f(m.get("finalized_rate"), 2), _f(m.get("turns_mean"), 2),
                     str(m.get("episodes", "–")), esc(f"{m.get('scenario_set', '')}/{m.get('split', '')}")])
    labels = [e["label"] for e in entries]
    bars = svg_bars(labels, [float(e["m"].get("reward_mean", 0)) for e in entries],
                    [tuple(e["m"]["reward_ci95"]) if e["m"].get("reward_ci95") else None for e in entries],
                    width=max(480, 90 * len(entries)), title="mean reward with 95% CI")
    comps = svg_grouped(list(COMPONENTS), {e["label"]: [float((e["m"].get("components") or {}).get(c, 0.0))
                                                          for c in COMPONENTS] for e in entries[:8]},
                        title="reward components")
    body = (_table(["run", "reward", "95% CI", "pass^k", "finalized", "turns", "episodes", "scenarios"], rows) +
            f'<div class="charts"><figure>{bars}<figcaption>Mean reward, 95% scenario-bootstrap CI</figcaption>'
            f'</figure><figure>{comps}<figcaption>Mean reward components</figcaption></figure></div>')
    return section("leaderboard", "Leaderboard", body), entries


def learning_section(grpo: list[Path], loops: list[Path]) -> str:
    parts = []
    for d in grpo:
        log = read_rows(d / "train_log.jsonl")
        train = [(r["step"], r["reward"]) for r in log if "reward" in r]
        evals = []
        for p in sorted((d / "eval").glob("step*.json")) if (d / "eval").exists() else []:
            m = _read_json(p)
            if isinstance(m, dict) and p.stem[4:].isdigit():
                evals.append((int(p.stem[4:]), m))
        series = {"train reward": train, "val reward": [(s, m["reward_mean"]) for s, m in evals]}
        comp_series = {c: [(r["step"], r[f"episode/{c}"]) for r in log if f"episode/{c}" in r] for c in COMPONENTS}
        comp_series = {k: v for k, v in comp_series.items() if v}
        parts.append(f"<h3>GRPO · {esc(d)}</h3><div class='charts'><figure>"
                     f"{svg_lines(series, title='reward')}<figcaption>Reward per step: training groups vs the val "
                     f"split</figcaption></figure>" +
                     (f"<figure>{svg_lines(comp_series, title='components')}<figcaption>Training reward components"
                      f"</figcaption></figure>" if comp_series else "") + "</div>")
    for d in loops:
        its = []
        for p in sorted(d.glob("iter*_metrics.json"), key=lambda p: int(p.stem[4:].split("_")[0])):
            m = _read_json(p)
            if isinstance(m, dict):
                its.append(m)
        series = {"train reward": [(m["iteration"], m["train_reward_mean"]) for m in its if "train_reward_mean" in m],
                  "val reward": [(m["iteration"], m["val"]["reward_mean"]) for m in its if m.get("val")]}
        comps = {c: [(m["iteration"], m["val"]["components"].get(c, 0.0)) for m in its if m.get("val")]
                 for c in COMPONENTS}
        parts.append(f"<h3>Learn-loop · {esc(d)}</h3><div class='charts'><figure>"
                     f"{svg_lines(series, xlabel='iteration', title='reward')}<figcaption>Reward per iteration"
                     f"</figcaption></figure><figure>{svg_lines(comps, xlabel='iteration', title='components')}"
                     f"<figcaption>Val reward components</figcaption></figure></div>" + node_score_changes(d))
    return section("learning", "Learning curves", "".join(parts)) if parts else ""


def node_score_changes(d: Path, top: int = 12) -> str:
    files = sorted(d.glob("iter*_node_scores.json"), key=lambda p: int(p.stem[4:].split("_")[0]))
    if len(files) < 2:
        return ""
    a, b = _read_json(files[0]) or {}, _read_json(files[-1]) or {}
    rows = []
    for sid, scores in b.items():
        for node, s in scores.items():
            s0 = (a.get(sid) or {}).get(node, 1.0)  # a node not yet scored holds the initial score, 1.0
            if isinstance(s0, (int, float)) and abs(s - s0) > 1e-9:
                rows.append((abs(s - s0), sid, node, s0, s))
    rows.sort(reverse=True)
    if not rows:
        return "<p>No node score moved.</p>"
    return (f"<h4>Node scores, {esc(files[0].stem.split('_')[0])} → {esc(files[-1].stem.split('_')[0])} "
            f"(largest moves of {len(rows)})</h4>" +
            _table(["scenario", "node", "before", "after", "change"],
                   [[esc(sid), esc(node), _f(s0), _f(s), f"{s - s0:+.3f}"] for _, sid, node, s0, s in rows[:top]]))


def prompt_section(dirs: list[Path]) -> str:
    parts = []
    for d in dirs:
        rounds = read_rows(d / "rounds.jsonl")
        summary = _read_json(d / "summary.json") or {}
        rows = []
        for r in rounds:
            if "stopped" in r and "decisions" not in r:
                rows.append([str(r["round"]), "–", "–", "–", f'<span class="bad">stopped: {esc(r["stopped"])}</span>'])
                continue
            decs = r.get("decisions") or []
            dtxt = "<br>".join(
                f'<code>{esc(x["candidate"][:8])}</code> {x["mean_diff"]:+.3f} [{x["ci"][0]:+.3f}, {x["ci"][1]:+.3f}] '
                f'p={x["p_value"]:.4f} MDE {x["mde"]:.3f} '
                + ('<span class="good">passed</span>' if x["passed"] else '<span class="bad">rejected</span>')
                for x in decs)
            diag = r.get("diagnosis")
            if diag:
                lost = sorted((diag.get("reward_lost") or {}).items(), key=lambda kv: -kv[1])[:3]
                dtxt = (f'diagnosis (incumbent {_f(diag.get("incumbent_score"))} on {len(diag.get("scenarios", []))} other '
                        f'scenarios), reward lost to: ' + ", ".join(f"{esc(k)} {v:.3f}" for k, v in lost)
                        + ("<br>" if dtxt else "") + dtxt)
            conf = r.get("confirmation")
            if conf:
                dtxt += (f'<br>held-out: {conf["mean_diff"]:+.3f} [{conf["ci"][0]:+.3f}, {conf["ci"][1]:+.3f}] '
                         f'p={conf["p_value"]:.4f} ' + ("confirmed" if conf["passed"] else "not confirmed"))
            rows.append([str(r["round"]), f'{r.get("evaluated", 0)} / {r.get("candidates", 0)}'
                         + (f' ({r["rejected_protected"]} lost a protected section)' if r.get("rejected_protected") else ""),
                         _f(r.get("incumbent_score")), _f(r.get("active_score")),
                         dtxt + f'<br><em>{esc(r.get("reason", ""))}</em>'])
        cand_rows = []
        for cf in sorted(d.glob("round*/candidates.jsonl"), key=lambda p: int(p.parent.name[5:])):
            for c in read_rows(cf):
                cand_rows.append([str(c.get("round")), esc(c.get("proposer")), f'<code>{esc((c.get("id") or "")[:8])}</code>',
                                  esc(c.get("status")), esc(c.get("note") or c.get("reason") or ""),
                                  f'<details><summary>text</summary><pre>{esc(c.get("text", ""))}</pre></details>'])
        scores = [(r["round"], r["active_score"]) for r in rounds if r.get("active_score") is not None]
        inc = [(r["round"], r["incumbent_score"]) for r in rounds if r.get("incumbent_score") is not None]
        chart = svg_lines({"active prompt": scores, "incumbent": inc}, xlabel="round", title="active score")
        parts.append(f"<h3>{esc(d)}</h3><div class='charts'><figure>{chart}<figcaption>The active prompt's mean "
                     f"reward after each round</figcaption></figure></div>" +
                     _table(["round", "evaluated / proposed", "incumbent", "active", "decisions"], rows) +
                     (f"<details><summary>All {len(cand_rows)} candidates</summary>" +
                      _table(["round", "proposer", "id", "status", "note", ""], cand_rows) + "</details>"
                      if cand_rows else "") + rl_rewriter_html(d) + lineage_html(summary))
    return section("prompts", "Prompt optimization", "".join(parts)) if parts else ""


def rl_rewriter_html(run_dir: Path) -> str:
    """PRewrite-RL: the rewriter's training reward and its rewrites' held-out reward before and after GRPO."""
    res = _read_json(run_dir / "rl_rewriter" / "result.json")
    if not res:
        return ""
    chart = svg_lines({"mean reward of the step's rewrites": [(x["step"], x["reward"]) for x in res.get("log", [])]},
                      xlabel="GRPO step", title="rewriter training reward")
    q = res.get("quality")
    table = ""
    if q:
        rows = [[name, _f(q[k]["mean"]), f'{q[k]["beat_incumbent"]:.0%} of {q[k]["k"]}', _f(q[k]["incumbent"]),
                 _f(q[k]["best"]["reward"])] for k, name in (("before", "before GRPO"), ("after", "after GRPO"))]
        d = q["difference"]
        table = (_table(["rewriter", "rewrites' mean reward (held-out)", "beat the incumbent", "incumbent", "best"], rows)
                 + f'<p>difference {d["diff"]:+.3f} [{d["ci"][0]:+.3f}, {d["ci"][1]:+.3f}], p={d["p_value"]:.4f} '
                   f'({q["before"]["scenarios"]} held-out scenarios)</p>')
    return (f"<h4>PRewrite-RL rewriter (<code>{esc(res.get('model', ''))}</code>)</h4>"
            f"<div class='charts'><figure>{chart}</figure></div>" + table)


def lineage_html(summary: dict[str, Any]) -> str:
    reg_path = summary.get("registry")
    if not reg_path or not Path(reg_path).exists():
        return ""
    import difflib

    from agents.prompt_registry import PromptRegistry

    reg = PromptRegistry(reg_path)
    chain = reg.lineage(reg.active.id)
    blocks = []
    for a, b in zip(chain, chain[1:], strict=False):
        lines = []
        for ln in difflib.unified_diff(a.text.splitlines(), b.text.splitlines(), lineterm="", n=1):
            if ln.startswith(("---", "+++")):
                continue
            cls = "add" if ln.startswith("+") else "del" if ln.startswith("-") else "hunk" if ln.startswith("@@") else ""
            lines.append(f'<span class="{cls}">{esc(ln)}</span>')
        blocks.append(f"<h4><code>{esc(a.id[:8])}</code> → <code>{esc(b.id[:8])}</code> ({esc(b.proposer)})</h4>"
                      f"<pre class='diff'>{chr(10).join(lines)}</pre>")
    events = [[time.strftime("%Y-%m-%d %H:%M", time.localtime(e.time)), esc(e.kind),
               f"<code>{esc((e.version or '')[:8])}</code>", esc(e.reason)] for e in reg.history()]
    return (f"<h4>Active prompt lineage ({len(chain)} versions)</h4>" + "".join(blocks) +
            f"<details open><summary>Active prompt <code>{esc(reg.active.id)}</code></summary>"
            f"<pre>{esc(reg.active.text)}</pre></details>" +
            "<h4>Deploys and rollbacks</h4>" + _table(["time", "event", "version", "reason"], events))


def feedback_section(files: list[Path], rewards: dict[str, float], threshold: float) -> str:
    if not files:
        return ""
    from codreamer_env.rewards.feedback import FeedbackStore, HumanPreference, HumanReview, OnlineOutcome

    store = FeedbackStore([str(f) for f in files])
    events = store.events()
    reviews = [e for e in events if isinstance(e, HumanReview) and e.decision != "skip"]
    parts = [f"<p>{len(events)} events from {len(files)} file(s): " + ", ".join(esc(f) for f in files) + "</p>"]
    if store.bad_lines:
        parts.append(f"<p class='bad'>{len(store.bad_lines)} unreadable line(s) skipped</p>")
    if reviews:
        ts = np.array([e.timestamp for e in reviews])
        nb = min(12, max(1, len(reviews) // 10))
        edges = np.linspace(ts.min(), ts.max() + 1e-6, nb + 1)
        series: dict[str, list[tuple[float, float]]] = {"accept": [], "reject": [], "edit": []}
        for b in range(nb):
            inb = [e for e in reviews if edges[b] <= e.timestamp < edges[b + 1]]
            if inb:
                for k in series:
                    series[k].append((b + 1, sum(e.decision == k for e in inb) / len(inb)))
        parts.append(f"<div class='charts'><figure>{svg_lines(series, xlabel='time bin (oldest first)', ylabel='rate')}"
                     f"<figcaption>Review decisions over time ({len(reviews)} reviews, {nb} bins from "
                     f"{time.strftime('%Y-%m-%d %H:%M', time.localtime(ts.min()))} to "
                     f"{time.strftime('%Y-%m-%d %H:%M', time.localtime(ts.max()))})</figcaption></figure></div>")
    # Judge vs human: does the judge's reward agree with accept / reject, and with pairwise preferences?
    judged = [(rewards[e.trajectory_id], e.decision == "accept") for e in reviews if e.trajectory_id in rewards]
    prefs = [e for e in events if isinstance(e, HumanPreference) and e.winner in rewards and e.loser in rewards]
    rows = []
    if judged:
        agree = sum((r >= threshold) == acc for r, acc in judged) / len(judged)
        acc_r = [r for r, a in judged if a]
        rej_r = [r for r, a in judged if not a]
        rows.append([f"reviews (accept ⇔ reward ≥ {threshold:.2f})", str(len(judged)), _f(agree),
                     f"accepted {_f(np.mean(acc_r) if acc_r else None)} vs rejected/edited "
                     f"{_f(np.mean(rej_r) if rej_r else None)}"])
    if prefs:
        agree = sum(rewards[e.winner] > rewards[e.loser] for e in prefs) / len(prefs)
        rows.append(["pairwise preferences (judge ranks the winner higher)", str(len(prefs)), _f(agree), ""])
    if rows:
        parts.append("<h4>Judge vs human</h4>" + _table(["comparison", "n", "agreement", "mean judge reward"], rows))
    outcomes = [e for e in events if isinstance(e, OnlineOutcome)]
    if outcomes:
        stages = ("opened", "replied", "call_booked", "opportunity", "closed_won")
        counts = [sum(bool(getattr(e, s)) for e in outcomes) / len(outcomes) for s in stages]
        sim = sum(e.simulated for e in outcomes)
        parts.append(f"<div class='charts'><figure>{svg_bars(list(stages), counts, title='funnel')}<figcaption>"
                     f"Outcome funnel over {len(outcomes)} sent emails ({sim} simulated)</figcaption></figure></div>")
    return section("feedback", "Feedback", "".join(parts))


# ----------------------------------------------------------------------------- drill-downs

def kg_layout(sc: Any) -> dict[str, Any]:
    """Node positions (layers by undirected distance from the start node), edges, and the scenario's highlights."""
    kg = sc.graph()
    nodes = [r["id"] for r in sc.kg]
    adj: dict[str, set[str]] = defaultdict(set)
    edges = []
    for r in sc.kg:
        for e in r.get("edges", []):
            edges.append([r["id"], e["target"]])
            adj[r["id"]].add(e["target"])
            adj[e["target"]].add(r["id"])
    start = sc.start_nodes[0] if sc.start_nodes else nodes[0]
    dist = {start: 0}
    frontier = [start]
    while frontier:
        nxt = []
        for u in frontier:
            for v in sorted(adj[u]):
                if v not in dist:
                    dist[v] = dist[u] + 1
                    nxt.append(v)
        frontier = nxt
    far = max(dist.values(), default=0) + 1
    layers: dict[int, list[str]] = defaultdict(list)
    for n in nodes:
        layers[dist.get(n, far)].append(n)
    pos = {}
    for layer, members in layers.items():
        members.sort(key=lambda n: (kg.node_type(n) or "", n))
        for k, n in enumerate(members):
            pos[n] = [layer, k, len(members)]
    return {"nodes": [[n, kg.node_type(n) or "", *pos[n]] for n in nodes], "edges": edges,
            "gold": sc.gold_nodes, "traps": {t.node_id: t.kind for t in sc.traps}, "layers": len(layers)}


def episode_detail(row: dict[str, Any]) -> dict[str, Any]:
    traj = row.get("trajectory")
    if isinstance(traj, str):
        traj = orjson.loads(traj)
    traj = traj or {}
    calls = []
    for t in traj.get("turns", []):
        for c in t.get("tool_calls") or t.get("calls") or []:
            calls.append({"name": c.get("name"), "arguments": c.get("arguments")})
        if not (t.get("tool_calls") or t.get("calls")):
            calls.append({"name": "(no valid call)", "arguments": {"action": str(t.get("action", ""))[:300]}})
    retrieved = list(traj.get("retrieved_nodes") or [])
    return {"subject": row.get("subject"), "body": row.get("body"), "citations": row.get("citations") or [],
            "calls": calls, "retrieved": retrieved, "components": row.get("components") or {}}


def drilldown_section(entries: list[dict[str, Any]], extra_runs: list[tuple[str, Path]], max_detail: int,
                      seed: int = 0) -> tuple[str, dict[str, float]]:
    from codreamer_env.scenarios import get_scenario

    table: list[list[Any]] = []
    details: dict[str, Any] = {}
    kgs: dict[str, Any] = {}
    prospects: dict[str, Any] = {}
    rewards: dict[str, float] = {}
    sources = [(e["label"], e["dir"] / "trajectories.jsonl") for e in entries] + [
        (label, p) for label, p in extra_runs]
    all_rows = []
    for label, path in sources:
        if not path.exists():
            continue
        rows = read_rows(path)
        for r in rows:
            if "id" in r and isinstance(r.get("reward"), (int, float)):
                rewards[r["id"]] = float(r["reward"])
        all_rows.append((label, rows))
    # The sample that gets full drill-downs: per run its worst and best, then a seeded random draw.
    rng = np.random.default_rng(seed)
    chosen: set[tuple[str, int]] = set()
    per_run = max(2, max_detail // max(1, 4 * len(all_rows)))
    for label, rows in all_rows:
        order = sorted(range(len(rows)), key=lambda i: rows[i].get("reward", 0.0))
        chosen.update((label, i) for i in order[:per_run] + order[-per_run:])
    rest = [(label, i) for label, rows in all_rows for i in range(len(rows)) if (label, i) not in chosen]
    room = max(0, max_detail - len(chosen))
    if rest and room:
        for k in rng.choice(len(rest), size=min(room, len(rest)), replace=False):
            chosen.add(rest[int(k)])
    for label, rows in all_rows:
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
    if not table:
        return "", rewards
    data = {"rows": table, "details": details, "kgs": kgs, "prospects": prospects}
    payload = orjson.dumps(data).decode().replace("</", "<\\/")
    body = (f"<p>{len(table)} episodes; {len(details)} with full drill-downs (the worst and best of each run and a "
            f"random sample; click a row marked ▸).</p>"
            "<div class='controls'><input id='ep-filter' placeholder='filter: run or scenario'> "
            "<select id='ep-sort'><option value='0'>in order</option><option value='asc'>reward ↑</option>"
            "<option value='desc'>reward ↓</option></select> "
            "<button id='ep-prev'>‹ prev</button> <span id='ep-page'></span> <button id='ep-next'>next ›</button></div>"
            "<table id='ep-table'><thead><tr><th></th><th>run</th><th>scenario</th><th>trial</th><th>reward</th>"
            "<th>turns</th><th>email</th></tr></thead><tbody></tbody></table>"
            f"<script type='application/json' id='ep-data'>{payload}</script>")
    return section("episodes", "Episodes", body), rewards


# ----------------------------------------------------------------------------- page

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}
header{background:#1f2937;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#cbd5e1;font-size:12px}nav a{color:#93c5fd;margin-right:14px;text-decoration:none}
main{padding:8px 24px 40px;max-width:1400px}section{background:#fff;border:1px solid #e5e7eb;border-radius:8px;
margin:16px 0;padding:8px 18px 16px}h2{font-size:17px;border-bottom:1px solid #eee;padding-bottom:6px}
h3{font-size:15px;margin-top:18px}h4{font-size:13px;margin:12px 0 4px}
table{border-collapse:collapse;width:100%;margin:6px 0;font-size:13px}th,td{border-bottom:1px solid #eee;
padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f4f6}
.charts{display:flex;flex-wrap:wrap;gap:12px}figure{margin:6px 0;flex:1 1 460px;max-width:720px}figcaption{font-size:12px;color:#555}
svg.chart{width:100%;height:auto;background:#fff}.grid{stroke:#e5e7eb}.ax{font-size:10px;fill:#555}
.err{stroke:#111;stroke-width:1.5;fill:none}.tag{background:#fde68a;border-radius:4px;padding:0 4px;font-size:11px}
.good{color:#15803d}.bad{color:#b91c1c}pre{white-space:pre-wrap;background:#f9fafb;padding:8px;border-radius:6px;
font-size:12px}.diff .add{color:#15803d;display:block}.diff .del{color:#b91c1c;display:block}
.diff .hunk{color:#6b7280;display:block}tr.ep{cursor:pointer}tr.ep:hover{background:#eef2ff}
tr.ep.nodetail{cursor:default;color:#6b7280}.detail td{background:#fafafa}.kg{width:100%;height:auto;
border:1px solid #eee;border-radius:6px}.legend span{display:inline-block;margin-right:12px;font-size:12px}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:middle}
.controls{margin:6px 0}.controls input{width:240px}.cols{display:flex;gap:16px;flex-wrap:wrap}.cols>div{flex:1 1 380px}
"""

JS = r"""
(function(){
const el=document.getElementById('ep-data'); if(!el) return;
const D=JSON.parse(el.textContent); const tbody=document.querySelector('#ep-table tbody');
const PAGE=50; let page=0, rows=D.rows.map((r,i)=>[...r,i]);
function esc(s){return String(s==null?'':s).replace(/[&<>"']/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));}
function view(){const f=document.getElementById('ep-filter').value.toLowerCase(), s=document.getElementById('ep-sort').value;
 let v=rows.filter(r=>!f||(r[0]+' '+r[1]).toLowerCase().includes(f));
 if(s==='asc')v=v.slice().sort((a,b)=>a[3]-b[3]); if(s==='desc')v=v.slice().sort((a,b)=>b[3]-a[3]); return v;}
function render(){const v=view(); const pages=Math.max(1,Math.ceil(v.length/PAGE)); page=Math.min(page,pages-1);
 document.getElementById('ep-page').textContent=`page ${page+1} of ${pages} (${v.length} episodes)`;
 tbody.innerHTML=v.slice(page*PAGE,(page+1)*PAGE).map(r=>`<tr class="ep${r[6]==null?' nodetail':''}" data-k="${r[6]==null?'':r[6]}">`+
  `<td>${r[6]==null?'':'▸'}</td><td>${esc(r[0])}</td><td>${esc(r[1])}</td><td>${r[2]}</td><td>${r[3].toFixed(3)}</td><td>${r[4]}</td><td>${r[5]?'sent':'none'}</td></tr>`).join('');}
function kgSvg(sid,d){const g=D.kgs[sid]; if(!g) return '<p>(KG not available)</p>';
 const W=960, H=Math.max(260,40+18*Math.max(...g.nodes.map(n=>n[4]))), L=Math.max(1,g.layers);
 const P={}; g.nodes.forEach(n=>{P[n[0]]=[40+(W-200)*n[2]/Math.max(1,L-1), 20+(H-40)*(n[3]+0.5)/n[4]];});
 const cited=new Set(d.citations), gold=new Set(g.gold), got=new Set(d.retrieved);
 let s=`<svg class="kg" viewBox="0 0 ${W} ${H}">`;
 g.edges.forEach(e=>{const a=P[e[0]],b=P[e[1]]; if(!a||!b)return; const hot=cited.has(e[0])&&cited.has(e[1]);
  s+=`<line x1="${a[0]}" y1="${a[1]}" x2="${b[0]}" y2="${b[1]}" stroke="${hot?'#2563eb':'#d1d5db'}" stroke-width="${hot?2.5:1}"/>`;});
 g.nodes.forEach(n=>{const p=P[n[0]]; const trap=g.traps[n[0]]; const fill=trap?'#fecaca':gold.has(n[0])?'#bbf7d0':got.has(n[0])?'#e0e7ff':'#f3f4f6';
  const stroke=cited.has(n[0])?'#2563eb':trap?'#dc2626':'#9ca3af';
  s+=`<g><circle cx="${p[0]}" cy="${p[1]}" r="6" fill="${fill}" stroke="${stroke}" stroke-width="${cited.has(n[0])?3:1}"><title>${esc(n[0])} (${esc(n[1])}${trap?', trap: '+esc(trap):''})</title></circle>`+
   `<text x="${p[0]+9}" y="${p[1]+3}" font-size="9" fill="#374151">${esc(n[0].slice(0,30))}</text></g>`;});
 return s+'</svg><div class="legend"><span><i class="dot" style="background:#bbf7d0"></i>gold path</span>'+
  '<span><i class="dot" style="background:#fecaca"></i>trap</span><span><i class="dot" style="background:#e0e7ff"></i>retrieved</span>'+
  '<span><i class="dot" style="border:3px solid #2563eb"></i>cited</span></div>';}
function detail(k){const d=D.details[k]; const r=rows.find(x=>String(x[6])===k); const sid=r[1]; const p=D.prospects[sid]||{};
 const comps=Object.entries(d.components).filter(([a,b])=>typeof b==='number').map(([a,b])=>`${esc(a)} ${b.toFixed(2)}`).join(' · ');
 const calls=d.calls.map((c,i)=>`<li><code>${esc(c.name)}</code> ${esc(JSON.stringify(c.arguments))}</li>`).join('');
 return `<div class="cols"><div><h4>Prospect</h4><p><b>${esc(p.name)}</b>, ${esc(p.title)} at ${esc(p.company)} (${esc(p.industry)})<br>`+
  `Product: ${esc(p.product)} · Goal: ${esc(p.goal)}<br>Job: ${esc(p.job)}</p><h4>Email</h4>`+
  (d.subject!=null?`<pre><b>${esc(d.subject)}</b>\n\n${esc(d.body)}</pre><p>Citations: ${d.citations.map(esc).join(', ')||'none'}</p>`:'<p class="bad">No email was sent.</p>')+
  `<p>${comps}</p></div><div><h4>Tool calls</h4><ol>${calls}</ol></div></div><h4>Knowledge graph</h4>${kgSvg(sid,d)}`;}
tbody.addEventListener('click',ev=>{const tr=ev.target.closest('tr.ep'); if(!tr||!tr.dataset.k) return;
 const nx=tr.nextElementSibling; if(nx&&nx.classList.contains('detail')){nx.remove(); tr.cells[0].textContent='▸'; return;}
 const d=document.createElement('tr'); d.className='detail'; d.innerHTML=`<td colspan="7">${detail(tr.dataset.k)}</td>`;
 tr.after(d); tr.cells[0].textContent='▾';});
document.getElementById('ep-filter').addEventListener('input',()=>{page=0;render();});
document.getElementById('ep-sort').addEventListener('change',()=>{page=0;render();});
document.getElementById('ep-prev').addEventListener('click',()=>{page=Math.max(0,page-1);render();});
document.getElementById('ep-next').addEventListener('click',()=>{page=page+1;render();});
render();})();
"""


def section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{esc(title)}</h2>{body}</section>'


def build_report(runs: Sequence[str], out: str | Path, *, drilldowns: int = 300, feedback: Sequence[str] = (),
                 watch_seconds: float | None = None, pass_threshold: float = 0.7) -> dict[str, Any]:
    """Write the report; returns what went into it (counts per kind)."""
    t0 = time.perf_counter()
    found = discover(list(runs))
    fb = list(found.get("feedback", [])) + [Path(f) for f in feedback]
    lb, entries = leaderboard_section(found.get("benchmark", []))
    extra = [(f"learn-loop {d.name} iter{p.stem[4:].split('_')[0]}", p) for d in found.get("learn_loop", [])
             for p in sorted(d.glob("iter*_trajectories.jsonl"))]
    extra += [(f"prompt-opt {d.name} {p.parent.name}", p) for d in found.get("prompt_opt", [])
              for p in sorted(d.glob("round*/trajectories.jsonl"), key=lambda q: int(q.parent.name[5:]))]
    episodes, rewards = drilldown_section(entries, extra, drilldowns)
    sections = [lb, learning_section(found.get("grpo", []), found.get("learn_loop", [])),
                prompt_section(found.get("prompt_opt", [])), feedback_section(sorted(set(fb)), rewards, pass_threshold),
                episodes]
    sections = [s for s in sections if s]
    if not sections:
        sections = [section("empty", "Nothing found", f"<p>No run folders under {esc(', '.join(runs))}.</p>")]
    nav = "".join(f'<a href="#{s.split(chr(34))[1]}">{esc(s.split("<h2>")[1].split("</h2>")[0])}</a>' for s in sections)
    refresh = f'<meta http-equiv="refresh" content="{int(watch_seconds)}">' if watch_seconds else ""
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8">{refresh}'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>codreamer-env report</title>'
            f"<style>{CSS}</style></head><body><header><h1>codreamer-env report</h1><p>{esc(stamp)} · "
            f"{esc(', '.join(runs))}" + (f" · live: reloads every {int(watch_seconds)}s" if watch_seconds else "") +
            f"</p><nav>{nav}</nav></header><main>{''.join(sections)}</main><script>{JS}</script></body></html>")
    out = Path(out)
    atomic_write_bytes(out, page.encode("utf-8"))  # a reloading browser never sees half a file
    counts = {k: len(v) for k, v in found.items()}
    counts.update(episodes=sum(1 for _ in rewards), bytes=len(page.encode()), seconds=time.perf_counter() - t0)
    return counts


def _signature(runs: Sequence[str]) -> tuple:
    sig = []
    for pat in runs:
        for hit in glob.glob(os.path.expanduser(pat), recursive=True) or [pat]:
            for dirpath, _d, files in os.walk(hit):
                for f in files:
                    if f.endswith((".json", ".jsonl")):
                        try:
                            st = os.stat(os.path.join(dirpath, f))
                            sig.append((dirpath, f, st.st_size, st.st_mtime_ns))
                        except OSError:
                            pass
    return tuple(sorted(sig))


def parse_args(argv: Sequence[str]) -> dict[str, Any]:
    """`key=value` arguments (Hydra style; lists as [a,b]) and the --watch flag."""
    opts: dict[str, Any] = {"runs": ["outputs", "multirun"], "out": "report.html", "drilldowns": 300, "feedback": [],
                            "watch": False, "interval": 5.0, "max_updates": 0}
    for a in argv:
        if a == "--watch":
            opts["watch"] = True
            continue
        if "=" not in a:
            raise SystemExit(f"experiments.report: unexpected argument {a!r} (use key=value: runs=, out=, drilldowns=, "
                             f"feedback=, interval=, or --watch)")
        k, v = a.split("=", 1)
        k = k.lstrip("+-")
        if k not in opts:
            raise SystemExit(f"experiments.report: unknown option {k!r}; known: {', '.join(sorted(opts))}")
        if k in ("runs", "feedback"):
            v = [x.strip() for x in v.strip("[]").split(",") if x.strip()]
        elif k in ("drilldowns", "max_updates"):
            v = int(v)
        elif k == "interval":
            v = float(v)
        elif k == "watch":
            v = v.lower() in ("1", "true", "yes")
        opts[k] = v
    return opts


def main(argv: Sequence[str] | None = None) -> None:
    o = parse_args(sys.argv[1:] if argv is None else argv)
    last, updates = None, 0
    while True:
        sig = _signature(o["runs"]) if o["watch"] else None
        if sig != last or not o["watch"]:
            c = build_report(o["runs"], o["out"], drilldowns=o["drilldowns"], feedback=o["feedback"],
                             watch_seconds=o["interval"] if o["watch"] else None)
            kinds = ", ".join(f"{v} {k}" for k, v in c.items() if k not in ("bytes", "seconds", "episodes"))
            print(f"{o['out']}: {kinds or 'no runs'}; {c['episodes']} episodes; {c['bytes'] / 1e6:.2f} MB in "
                  f"{c['seconds']:.2f} s", flush=True)
            last = sig
            updates += 1
        if not o["watch"] or (o["max_updates"] and updates >= o["max_updates"]):
            break
        time.sleep(o["interval"])


if __name__ == "__main__":
    main()
