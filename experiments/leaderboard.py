"""Aggregate benchmark runs into one leaderboard: leaderboard.md, leaderboard.json and leaderboard.png.

    python -m experiments.leaderboard dir=multirun/quickstart [out=multirun/quickstart]

Finds every metrics.json below `dir` and ranks the runs by mean reward. Reference agents (the oracle,
which reads gold paths) are labelled as such. Prints the markdown table.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import orjson

from codreamer_env.rewards import RubricJudge  # the columns: the default judge's components, in its order
from experiments.cli import friendly_errors
from experiments.layout import METRICS
from experiments.metrics import fallbacks, gold_note, judge_label
from experiments.plots import figure
from experiments.report.runs import read_benchmark


def collect(root: Path) -> list[dict[str, Any]]:
    """Every run's metrics (with its folder) below `root`, best first."""
    warn = lambda w: print(f"experiments.leaderboard: warning: {w}", file=sys.stderr)  # noqa: E731 - damaged files
    runs = [{**m, "run_dir": str(p.parent)} for p in sorted(root.rglob(METRICS))
            if (m := read_benchmark(p.parent, warn)) and "reward_mean" in m and "agent" in m]
    return sorted(runs, key=lambda m: -m["reward_mean"])


def labels(runs: list[dict[str, Any]]) -> list[str]:
    """Each run's agent name; where one name has several runs (a sweep over seeds, models, prompts), followed by
    the settings that tell them apart, from each folder's run_config.json (else the folder's name)."""
    from experiments.runs import RUN_CONFIG

    def config(m: dict[str, Any]) -> dict[str, Any]:
        try:
            return orjson.loads((Path(m["run_dir"]) / RUN_CONFIG).read_bytes())["config"]
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
            return {}

    out = []
    for m in runs:
        name = m["agent"] + (" (reference: reads gold paths)" if m.get("reference") else "")
        same = [r for r in runs if r["agent"] == m["agent"]]
        if len(same) > 1:
            mine, others = config(m), [config(r) for r in same if r is not m]
            diff = [k for k in mine if any(o.get(k) != mine[k] for o in others) and k != "agent.name"]
            name += " (" + (", ".join(f"{k}={mine[k]}" for k in diff[:3]) if diff and mine
                            else Path(m["run_dir"]).name) + ")"
        out.append(name)
    return out


def markdown(runs: list[dict[str, Any]]) -> str:
    fell_back = any(fallbacks(m) for m in runs)  # a column saying which runs the fallback judge scored
    head = ["rank", "agent", "reward", "95% CI", "pass^1", "finalized", *[c[:5] for c in RubricJudge.components], "tokens/ep", "episodes",
            *(["fell back"] if fell_back else [])]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for i, (m, name) in enumerate(zip(runs, labels(runs), strict=True), start=1):
        lo, hi = m["reward_ci95"]
        toks = (m.get("prompt_tokens", 0) + m.get("completion_tokens", 0)) / max(1, m["episodes"])
        cells = [str(i), name, f"{m['reward_mean']:.3f} ± {m['reward_std']:.3f}", f"[{lo:.3f}, {hi:.3f}]",
                 f"{m.get('pass^1', float('nan')):.3f}", f"{m.get('finalized_rate', 0):.2f}",
                 *[f"{m['components'].get(c, float('nan')):.2f}" for c in RubricJudge.components], f"{toks:.0f}", str(m["episodes"]),
                 *([f"{fallbacks(m)}/{m['episodes']}"] if fell_back else [])]
        lines.append("| " + " | ".join(cells) + " |")
    if runs:
        r0 = runs[0]
        judges = sorted({judge_label(m) for m in runs})  # the judge that actually scored, fallbacks included
        where = r0.get("scenarios_file") or f"{r0.get('scenario_set')}/{r0.get('split')}"
        lines.append(f"\n{where} (limit {r0.get('limit')}), judge {', '.join(judges)}, "
                     f"{r0.get('trials')} trial(s) per scenario; CI: scenario bootstrap; pass^1 at reward >= "
                     f"{r0.get('pass_threshold')}.")
        derived = [(n, gold_note(m)) for m, n in zip(runs, labels(runs), strict=True) if gold_note(m)]
        if derived:  # their grounding and alignment were judged against paths derived from the graph
            lines.append("Derived gold: " + "; ".join(f"{n}: {note}" for n, note in derived) + ".")
    return "\n".join(lines)


def plot(runs: list[dict[str, Any]], path: Path) -> None:
    names = [n.replace(" (reference: reads gold paths)", " (ref)") for n in labels(runs)][::-1]
    means = [m["reward_mean"] for m in runs][::-1]
    errs = [[m["reward_mean"] - m["reward_ci95"][0] for m in runs][::-1],
            [m["reward_ci95"][1] - m["reward_mean"] for m in runs][::-1]]
    with figure(path, (7, 0.6 * len(runs) + 1.2)) as (_fig, ax):
        ax.barh(names, means, xerr=errs, color="#4c72b0", capsize=4)
        ax.set_xlim(0, 1)
        ax.set_xlabel("mean reward (95% CI)")


def build(root: str | Path, out: str | Path | None = None) -> tuple[str, list[dict[str, Any]]]:
    """Write leaderboard.md/.json/.png for the runs below `root`; returns (markdown, runs)."""
    root = Path(root)
    out_dir = Path(out) if out else root
    runs = collect(root)
    if not runs:
        raise SystemExit(f"no metrics.json found below {root}")
    md = markdown(runs)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "leaderboard.md").write_text(md + "\n")
    (out_dir / "leaderboard.json").write_bytes(orjson.dumps(runs, option=orjson.OPT_INDENT_2))
    plot(runs, out_dir / "leaderboard.png")
    return md, runs


@friendly_errors
def main(argv: list[str] | None = None) -> None:
    args = dict(a.split("=", 1) for a in (argv if argv is not None else sys.argv[1:]) if "=" in a)
    if "dir" not in args:
        raise SystemExit("usage: python -m experiments.leaderboard dir=<multirun folder> [out=<folder>]")
    md, _ = build(args["dir"], args.get("out"))
    print(md)


if __name__ == "__main__":
    main()
