"""Rendering: inline SVG charts (bars with CIs, grouped bars, lines), HTML tables and sections from shaped data,
and the page; its style and script are the static files report.css and report.js beside this module."""

import difflib
import html
import math
import re
import time
from collections.abc import Iterable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import orjson

from codreamer_env.rewards.rubric import COMPONENTS
from experiments.report import shaping

CSS, JS = (files(__package__).joinpath(name).read_text(encoding="utf-8") for name in ("report.css", "report.js"))
PALETTE = ("#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0")


def esc(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _n(x: Any, spec: str) -> str:
    """A number from a file formatted with `spec`; anything else (a file can hold a string there) escaped."""
    return format(x, spec) if isinstance(x, (int, float)) else esc(x)


_SCRIPT_SAFE = {b"<": b"\\u003c", b">": b"\\u003e", b"&": b"\\u0026", "\u2028".encode(): b"\\u2028",
                "\u2029".encode(): b"\\u2029"}


def script_json(data: Any) -> str:
    """JSON safe inside an HTML <script> element: < > & and U+2028/2029 (the only places they can occur are
    strings) as \\u escapes, so no `</script>` or `<!--` in the data can end or swallow the element."""
    out = orjson.dumps(data)
    for raw, escaped in _SCRIPT_SAFE.items():
        out = out.replace(raw, escaped)
    return out.decode()


def _wrap(label: str, width: int) -> list[str]:
    """A label in lines of about `width` characters, broken after a space, ·, -, _ or / where possible."""
    lines, cur = [], ""
    for tok in re.findall(r"[^ ·\-_/]*[ ·\-_/]?", label):
        if cur and len(cur) + len(tok.rstrip()) > width:
            lines.append(cur.rstrip())
            cur = ""
        while len(tok) > width:
            lines.append(tok[:width])
            tok = tok[width:]
        cur += tok
    return [x for x in lines + [cur.rstrip()] if x] or [""]


def _chart(width: int, h: int, title: str, left: int, grid: Iterable[tuple[float, str]], marks: list[str]) -> str:
    """An SVG chart: horizontal grid lines at (y, label), then the marks."""
    return (f'<svg class="chart" viewBox="0 0 {width} {h}" role="img" aria-label="{esc(title)}">' + "".join(
        f'<line x1="{left}" x2="{width - 5}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
        f'<text x="{left - 6}" y="{y + 4:.1f}" class="ax" text-anchor="end">{label}</text>' for y, label in grid)
        + "".join(marks) + "</svg>")


def _finite(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def svg_bars(labels: Sequence[str], values: Sequence[float], ci: Sequence[tuple[float, float] | None] | None = None,
             width: int = 640, ymax: float = 1.0, title: str = "") -> str:
    values = [v if _finite(v) else 0.0 for v in values]  # a value a file holds as a string draws as an empty bar
    ci = [c if c and len(c) == 2 and _finite(c[0]) and _finite(c[1]) else None for c in ci] if ci else None
    n, left = max(1, len(values)), 44
    bw = (width - left - 10) / n
    wrapped = [_wrap(str(lab), max(6, int(bw / 6))) for lab in labels]  # full labels, ~6 px a character
    extra = 12 * (max((len(w) for w in wrapped), default=1) - 1)
    h, bottom, top = 240 + extra, 48 + extra, 24
    ys = lambda v: top + (h - top - bottom) * (1 - min(max(v / ymax, 0), 1))  # noqa: E731
    out = []
    for i, (lab, v) in enumerate(zip(labels, values, strict=True)):
        x = left + i * bw + bw * 0.15
        out.append(f'<rect x="{x:.1f}" y="{ys(v):.1f}" width="{bw * 0.7:.1f}" height="{ys(0) - ys(v):.1f}" '
                   f'fill="{PALETTE[i % len(PALETTE)]}"><title>{esc(lab)}: {v:.3f}</title></rect>')
        if ci and ci[i]:
            lo, hi = ci[i]
            cx = x + bw * 0.35
            out.append(f'<path d="M{cx:.1f},{ys(lo):.1f}V{ys(hi):.1f}M{cx - 5:.1f},{ys(lo):.1f}h10M{cx - 5:.1f},'
                       f'{ys(hi):.1f}h10" class="err"/>')
        tx = f"{x + bw * 0.35:.1f}"
        out.append(f'<text x="{tx}" y="{h - bottom + 16}" class="ax" text-anchor="middle"><title>{esc(lab)}</title>'
                   + "".join(f'<tspan x="{tx}" dy="{12 if k else 0}">{esc(line)}</tspan>'
                             for k, line in enumerate(wrapped[i])) + "</text>")
    return _chart(width, h, title, left, ((ys(t * ymax), f"{t * ymax:.2f}") for t in (0, 0.25, 0.5, 0.75, 1.0)), out)


def svg_grouped(groups: Sequence[str], series: dict[str, Sequence[float]], width: int = 760, title: str = "") -> str:
    """Grouped bars: one group per component, one bar per series (agent)."""
    per_row = max(1, (width - 44) // 240)
    extra = 14 * ((len(series) - 1) // per_row) if series else 0
    h, left, bottom, top = 250 + extra, 44, 56 + extra, 20
    ng, ns = max(1, len(groups)), max(1, len(series))
    gw = (width - left - 10) / ng
    bw = gw * 0.8 / ns
    ys = lambda v: top + (h - top - bottom) * (1 - min(max(v, 0), 1))  # noqa: E731
    out = []
    for g, name in enumerate(groups):
        for s, (sname, vals) in enumerate(series.items()):
            v = vals[g] if _finite(vals[g]) else 0.0
            x = left + g * gw + gw * 0.1 + s * bw
            out.append(f'<rect x="{x:.1f}" y="{ys(v):.1f}" width="{bw:.1f}" height="{ys(0) - ys(v):.1f}" '
                       f'fill="{PALETTE[s % len(PALETTE)]}"><title>{esc(sname)} {esc(name)}: {v:.3f}</title></rect>')
        out.append(f'<text x="{left + g * gw + gw / 2:.1f}" y="{h - bottom + 16}" class="ax" text-anchor="middle">'
                   f'{esc(name)}</text>')
    out += [f'<rect x="{left + s % per_row * 240}" y="{h - 22 - extra + 14 * (s // per_row)}" width="10" height="10" '
            f'fill="{PALETTE[s % len(PALETTE)]}"/><text x="{left + s % per_row * 240 + 14}" '
            f'y="{h - 13 - extra + 14 * (s // per_row)}" class="ax"><title>{esc(sname)}</title>{esc(sname)}</text>'
            for s, sname in enumerate(series)]
    return _chart(width, h, title, left, ((ys(t), f"{t:.1f}") for t in (0, 0.5, 1.0)), out)


def svg_lines(series: dict[str, Sequence[tuple[float, float]]], width: int = 760, xlabel: str = "step",
              ymin: float = 0.0, ymax: float = 1.0, title: str = "") -> str:
    h, left, bottom, top = 260, 48, 56, 16
    # Points a run file holds as strings (or anything but two finite numbers) are left out, not drawn.
    series = {k: [(x, y) for x, y in pts if _finite(x) and _finite(y)] for k, pts in series.items()}
    xs = [x for pts in series.values() for x, _ in pts] or [0, 1]
    x0, x1 = min(xs), max(xs)
    if x1 == x0:
        x1 = x0 + 1
    sx = lambda x: left + (width - left - 12) * (x - x0) / (x1 - x0)  # noqa: E731
    sy = lambda y: top + (h - top - bottom) * (1 - (min(max(y, ymin), ymax) - ymin) / (ymax - ymin))  # noqa: E731
    ints = all(float(x).is_integer() for x in xs)
    ticks = sorted(set(xs)) if ints and len(set(xs)) <= 12 else [x0 + (x1 - x0) * k / 5 for k in range(6)]
    out = [f'<text x="{sx(xv):.1f}" y="{h - bottom + 16}" class="ax" text-anchor="middle">{xv:g}</text>' for xv in ticks]
    out.append(f'<text x="{width / 2}" y="{h - bottom + 32}" class="ax" text-anchor="middle">{esc(xlabel)}</text>')
    for s, (name, pts) in enumerate(series.items()):
        color = PALETTE[s % len(PALETTE)]
        pts = sorted(pts)
        if len(pts) > 1:
            d = "M" + "L".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts)
            out.append(f'<path d="{d}" fill="none" stroke="{color}" stroke-width="2"/>')
        out += [f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3" fill="{color}"><title>{esc(name)} {x:g}: {y:.3f}'
                f'</title></circle>' for x, y in pts[:: max(1, len(pts) // 60)]]
        step = min(170.0, (width - left) / max(1, len(series)))
        out.append(f'<rect x="{left + s * step:.0f}" y="{h - 20}" width="10" height="10" fill="{color}"/>'
                   f'<text x="{left + s * step + 14:.0f}" y="{h - 11}" class="ax">{esc(name[:24])}</text>')
    grid = [(sy(yv), f"{yv:.2f}") for yv in (ymin + (ymax - ymin) * k / 4 for k in range(5))]
    return _chart(width, h, title, left, grid, out)


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class=""><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _f(x: Any, nd: int = 3) -> str:
    return f"{x:.{nd}f}" if isinstance(x, (int, float)) else "–"


def section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{esc(title)}</h2>{body}</section>'


def leaderboard_section(entries: list[dict[str, Any]]) -> str:
    if not entries:
        return ""
    rows = []
    for e in entries:
        m = e["m"]
        ci = m.get("reward_ci95") or [None, None]
        pk = next((k for k in m if k.startswith("pass^")), None)
        ref = ' <span class="tag">reference</span>' if m.get("reference") else ""
        rows.append([esc(e["label"]) + ref, _f(m.get("reward_mean")), f"[{_f(ci[0])}, {_f(ci[1])}]",
                     _f(m.get(pk)) if pk else "–", _f(m.get("finalized_rate"), 2), _f(m.get("turns_mean"), 2),
                     esc(m.get("episodes", "–")), esc(f"{m.get('scenario_set', '')}/{m.get('split', '')}")])
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
    return section("leaderboard", "Leaderboard", body)


def learning_section(grpo: list[tuple[Path, Any]], loops: list[tuple[Path, Any]]) -> str:
    """GRPO runs as (folder, runs.read_grpo), learn-loops as (folder, runs.read_learn_loop)."""
    parts = []
    for d, run in grpo:
        series, comp_series = shaping.grpo_curves(*run)
        parts.append(f"<h3>GRPO · {esc(d)}</h3><div class='charts'><figure>"
                     f"{svg_lines(series, title='reward')}<figcaption>Reward per step: training groups vs the val "
                     f"split</figcaption></figure>" +
                     (f"<figure>{svg_lines(comp_series, title='components')}<figcaption>Training reward components"
                      f"</figcaption></figure>" if comp_series else "") + "</div>")
    for d, (its, node_scores) in loops:
        series, comps = shaping.loop_curves(its)
        parts.append(f"<h3>Learn-loop · {esc(d)}</h3><div class='charts'><figure>"
                     f"{svg_lines(series, xlabel='iteration', title='reward')}<figcaption>Reward per iteration"
                     f"</figcaption></figure><figure>{svg_lines(comps, xlabel='iteration', title='components')}"
                     f"<figcaption>Val reward components</figcaption></figure></div>" + node_scores_html(node_scores))
    return section("learning", "Learning curves", "".join(parts)) if parts else ""


def node_scores_html(node_scores: list[tuple[int, dict[str, Any]]], top: int = 12) -> str:
    if not node_scores:
        return ""
    (i0, a), (i1, b) = node_scores
    rows = shaping.node_score_moves(a, b)
    if not rows:
        return "<p>No node score moved.</p>"
    return (f"<h4>Node scores, iter{i0} → iter{i1} (largest moves of {len(rows)})</h4>" +
            _table(["scenario", "node", "before", "after", "change"],
                   [[esc(sid), esc(node), _f(s0), _f(s), f"{s - s0:+.3f}"] for _, sid, node, s0, s in rows[:top]]))


def prompt_section(runs: list[tuple[Path, dict[str, Any]]]) -> str:
    """Prompt-optimizer runs as (folder, runs.read_prompt_opt)."""
    parts = []
    for d, run in runs:
        rounds = run["rounds"]
        rows = []
        for r in rounds:
            if "stopped" in r and "decisions" not in r:
                rows.append([esc(r["round"]), "–", "–", "–", f'<span class="bad">stopped: {esc(r["stopped"])}</span>'])
                continue
            decs = r.get("decisions") or []
            dtxt = "<br>".join(
                f'<code>{esc(str(x["candidate"])[:8])}</code> {_n(x["mean_diff"], "+.3f")} [{_n(x["ci"][0], "+.3f")}, '
                f'{_n(x["ci"][1], "+.3f")}] p={_n(x["p_value"], ".4f")} MDE {_n(x["mde"], ".3f")} '
                + ('<span class="good">passed</span>' if x["passed"] else '<span class="bad">rejected</span>')
                for x in decs)
            diag = r.get("diagnosis")
            if diag:
                lost = diag.get("reward_lost") if isinstance(diag.get("reward_lost"), dict) else {}
                lost = sorted(lost.items(), key=lambda kv: -kv[1] if isinstance(kv[1], (int, float)) else 0.0)[:3]
                dtxt = (f'diagnosis (incumbent {_f(diag.get("incumbent_score"))} on {len(diag.get("scenarios", []))} other '
                        f'scenarios), reward lost to: ' + ", ".join(f"{esc(k)} {_n(v, '.3f')}" for k, v in lost)
                        + ("<br>" if dtxt else "") + dtxt)
            conf = r.get("confirmation")
            if conf:
                dtxt += (f'<br>held-out: {_n(conf["mean_diff"], "+.3f")} [{_n(conf["ci"][0], "+.3f")}, '
                         f'{_n(conf["ci"][1], "+.3f")}] p={_n(conf["p_value"], ".4f")} ' + ("confirmed" if conf["passed"] else "not confirmed"))
            rows.append([esc(r["round"]), f'{esc(r.get("evaluated", 0))} / {esc(r.get("candidates", 0))}'
                         + (f' ({esc(r["rejected_protected"])} lost a protected section)' if r.get("rejected_protected") else ""),
                         _f(r.get("incumbent_score")), _f(r.get("active_score")),
                         dtxt + f'<br><em>{esc(r.get("reason", ""))}</em>'])
        cand_rows = [[esc(c.get("round")), esc(c.get("proposer")), f'<code>{esc((c.get("id") or "")[:8])}</code>',
                      esc(c.get("status")), esc(c.get("note") or c.get("reason") or ""),
                      f'<details><summary>text</summary><pre>{esc(c.get("text", ""))}</pre></details>']
                     for c in run["candidates"]]
        scores = [(r["round"], r["active_score"]) for r in rounds if r.get("active_score") is not None]
        inc = [(r["round"], r["incumbent_score"]) for r in rounds if r.get("incumbent_score") is not None]
        chart = svg_lines({"active prompt": scores, "incumbent": inc}, xlabel="round", title="active score")
        parts.append(f"<h3>{esc(d)}</h3><div class='charts'><figure>{chart}<figcaption>The active prompt's mean "
                     f"reward after each round</figcaption></figure></div>" +
                     _table(["round", "evaluated / proposed", "incumbent", "active", "decisions"], rows) +
                     (f"<details><summary>All {len(cand_rows)} candidates</summary>" +
                      _table(["round", "proposer", "id", "status", "note", ""], cand_rows) + "</details>"
                      if cand_rows else "") + rl_rewriter_html(run["rl_rewriter"]) + lineage_html(run["registry"]))
    return section("prompts", "Prompt optimization", "".join(parts)) if parts else ""


def rl_rewriter_html(res: dict[str, Any] | None) -> str:
    """PRewrite-RL: the rewriter's training reward and its rewrites' held-out reward before and after GRPO."""
    if not res:
        return ""
    chart = svg_lines({"mean reward of the step's rewrites": [(x["step"], x["reward"]) for x in res.get("log", [])]},
                      xlabel="GRPO step", title="rewriter training reward")
    q = res.get("quality")
    table = ""
    if q:
        rows = [[name, _f(q[k]["mean"]), f'{_n(q[k]["beat_incumbent"], ".0%")} of {esc(q[k]["k"])}', _f(q[k]["incumbent"]),
                 _f(q[k]["best"]["reward"])] for k, name in (("before", "before GRPO"), ("after", "after GRPO"))]
        d = q["difference"]
        table = (_table(["rewriter", "rewrites' mean reward (held-out)", "beat the incumbent", "incumbent", "best"], rows)
                 + f'<p>difference {_n(d["diff"], "+.3f")} [{_n(d["ci"][0], "+.3f")}, {_n(d["ci"][1], "+.3f")}], '
                   f'p={_n(d["p_value"], ".4f")} ({esc(q["before"]["scenarios"])} held-out scenarios)</p>')
    return (f"<h4>PRewrite-RL rewriter (<code>{esc(res.get('model', ''))}</code>)</h4>"
            f"<div class='charts'><figure>{chart}</figure></div>" + table)


def lineage_html(reg: Any) -> str:
    """The registry's active prompt, its lineage as diffs, and the deploys and rollbacks."""
    if reg is None:
        return ""
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


def feedback_section(files: list[Path], store: Any, rewards: dict[str, float], threshold: float) -> str:
    """Feedback files and their runs.read_feedback store; `rewards` the judge's, by trajectory id."""
    from codreamer_env.rewards.feedback import HumanPreference, HumanReview, OnlineOutcome

    events = store.events()
    reviews = [e for e in events if isinstance(e, HumanReview) and e.decision != "skip"]
    parts = [f"<p>{len(events)} events from {len(files)} file(s): " + ", ".join(esc(f) for f in files) + "</p>"]
    if store.bad_lines:
        parts.append(f"<p class='bad'>{len(store.bad_lines)} unreadable line(s) skipped</p>")
    if reviews:
        series, nb, ts = shaping.review_rates(reviews)
        parts.append(f"<div class='charts'><figure>{svg_lines(series, xlabel='time bin (oldest first)')}"
                     f"<figcaption>Review decisions over time ({len(reviews)} reviews, {nb} bins from "
                     f"{time.strftime('%Y-%m-%d %H:%M', time.localtime(ts.min()))} to "
                     f"{time.strftime('%Y-%m-%d %H:%M', time.localtime(ts.max()))})</figcaption></figure></div>")
    rev, pref = shaping.judge_agreement(reviews, [e for e in events if isinstance(e, HumanPreference)], rewards,
                                        threshold)
    rows = [[f"reviews (accept ⇔ reward ≥ {threshold:.2f})", str(rev[0]), _f(rev[1]),
             f"accepted {_f(rev[2])} vs rejected/edited {_f(rev[3])}"]] if rev else []
    if pref:
        rows.append(["pairwise preferences (judge ranks the winner higher)", str(pref[0]), _f(pref[1]), ""])
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


def episodes_section(data: dict[str, Any], distinct_ids: int | None = None) -> str:
    """The paged episode table; shaping.episode_table's data is inlined as JSON and drawn by report.js.
    `distinct_ids`: how many distinct trajectory ids (with a reward) the rows hold; a run's episodes can recur."""
    if not data["rows"]:
        return ""
    payload = script_json(data)
    ids = f" ({distinct_ids} distinct trajectory ids)" if distinct_ids is not None else ""
    body = (f"<p>{len(data['rows'])} episodes{ids}: every row of the runs' trajectory files; "
            f"{len(data['details'])} with full drill-downs (the worst and best of "
            f"each run and a random sample; click a row marked ▸).</p>"
            "<div class='controls'><input id='ep-filter' placeholder='filter: run or scenario'> "
            "<select id='ep-sort'><option value='0'>in order</option><option value='asc'>reward ↑</option>"
            "<option value='desc'>reward ↓</option></select> "
            "<button id='ep-prev'>‹ prev</button> <span id='ep-page'></span> <button id='ep-next'>next ›</button></div>"
            "<table id='ep-table'><thead><tr><th></th><th>run</th><th>scenario</th><th>trial</th><th>reward</th>"
            "<th>turns</th><th>email</th></tr></thead><tbody></tbody></table>"
            f"<script type='application/json' id='ep-data'>{payload}</script>")
    return section("episodes", "Episodes", body)


def page(runs: Sequence[str], sections: list[str], watch_seconds: float | None, notes: Sequence[str] = ()) -> str:
    """The whole page: header with a link per section, the sections (after `notes`: warnings about damaged run
    files, if any), the inline style and script."""
    sections = [s for s in sections if s] or [
        section("empty", "Nothing found", f"<p>No run folders under {esc(', '.join(runs))}.</p>")]
    if notes:
        sections.insert(0, section("warnings", f"Warnings ({len(notes)})", "<p>Damaged or unreadable run files: "
                                   "what they hold is left out of this report.</p><ul class='bad'>" +
                                   "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>"))
    nav = "".join(f'<a href="#{s.split(chr(34))[1]}">{esc(s.split("<h2>")[1].split("</h2>")[0])}</a>' for s in sections)
    refresh = f'<meta http-equiv="refresh" content="{int(watch_seconds)}">' if watch_seconds else ""
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">{refresh}'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>codreamer-env report</title>'
            f"<style>\n{CSS}</style></head><body><header><h1>codreamer-env report</h1><p>{esc(stamp)} · "
            f"{esc(', '.join(runs))}" + (f" · live: reloads every {int(watch_seconds)}s" if watch_seconds else "") +
            f"</p><nav>{nav}</nav></header><main>{''.join(sections)}</main><script>\n{JS}</script></body></html>")
