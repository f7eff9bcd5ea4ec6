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
from experiments.metrics import REFERENCE, fallbacks, gold_note, judge_label
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
    the settings that tell them apart, from each folder's run_config.json (a key one run lacks reads <unset>),
    and by the folder's name where those do not."""
    from experiments.runs import RUN_CONFIG

    def config(m: dict[str, Any]) -> dict[str, Any]:
        try:
            return orjson.loads((Path(m["run_dir"]) / RUN_CONFIG).read_bytes())["config"]
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
            return {}

    configs = [config(m) for m in runs]  # each read once
    out = [m["agent"] + (REFERENCE if m.get("reference") else "") for m in runs]
    groups: dict[str, list[int]] = {}
    for i, m in enumerate(runs):
        groups.setdefault(m["agent"], []).append(i)
    for members in (g for g in groups.values() if len(g) > 1):
        keys = sorted({k for i in members for k in configs[i]} - {"agent.name"})
        varying = [k for k in keys if len({repr(configs[i].get(k, "<unset>")) for i in members}) > 1]
        # The keys that split the group most come first; three at most, then the folder where labels still collide.
        varying.sort(key=lambda k: -len({repr(configs[i].get(k, "<unset>")) for i in members}))
        tags = {i: ", ".join(f"{k}={configs[i].get(k, '<unset>')}" for k in varying[:3]) for i in members}
        counts: dict[str, int] = {}
        for t in tags.values():
            counts[t] = counts.get(t, 0) + 1
        for i in members:
            tag = tags[i] if tags[i] and counts[tags[i]] == 1 else ", ".join(
                x for x in (tags[i], Path(runs[i]["run_dir"]).name) if x)
            out[i] += f" ({tag})"
    return out


def markdown(runs: list[dict[str, Any]], names: list[str] | None = None) -> str:
    fell_back = any(fallbacks(m) for m in runs)  # a column saying which runs the fallback judge scored
    head = ["rank", "agent", "reward", "95% CI", "pass^1", "finalized", *[c[:5] for c in RubricJudge.components], "tokens/ep", "episodes",
            *(["fell back"] if fell_back else [])]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for i, (m, name) in enumerate(zip(runs, names or labels(runs), strict=True), start=1):
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
        derived = [(n, gold_note(m)) for m, n in zip(runs, names or labels(runs), strict=True) if gold_note(m)]
        if derived:  # their grounding and alignment were judged against paths derived from the graph
            lines.append("Derived gold: " + "; ".join(f"{n}: {note}" for n, note in derived) + ".")
    return "\n".join(lines)


def plot(runs: list[dict[str, Any]], path: Path, names: list[str] | None = None) -> None:
    names = [n.replace(REFERENCE, " (ref)") for n in (names or labels(runs))][::-1]
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
    names = labels(runs)
    md = markdown(runs, names)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "leaderboard.md").write_text(md + "\n")
    (out_dir / "leaderboard.json").write_bytes(orjson.dumps(runs, option=orjson.OPT_INDENT_2))
    plot(runs, out_dir / "leaderboard.png", names)
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
