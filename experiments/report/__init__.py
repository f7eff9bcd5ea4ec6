"""One self-contained HTML report (inline SVG, CSS and a little JS) from any mix of run folders: benchmark runs
and multiruns, GRPO runs, learn-loops, prompt optimizations and feedback logs (docs/report.md).

    python -m experiments.report runs=multirun/quickstart out=report.html
    python -m experiments.report "runs=[outputs/benchmark/*,outputs/train_grpo/*,outputs/optimize_prompt/*]" out=report.html
    python -m experiments.report runs=outputs out=report.html --watch      # regenerate on change; the page reloads

Rooms: `runs` finds run folders and reads each kind (file names from experiments.layout), `shaping` turns what
was read into rows and series, `render` draws the SVG, HTML and page (with the static report.css, report.js).
"""

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from codreamer_env._io import atomic_write_bytes
from experiments.report import render, shaping
from experiments.report import runs as discovery

_OPTIONS = {"runs": lambda v: [x.strip() for x in v.strip("[]").split(",") if x.strip()], "out": str,
            "drilldowns": int, "max_updates": int, "interval": float, "watch": lambda v: v.lower() in ("1", "true", "yes")}
_OPTIONS["feedback"] = _OPTIONS["runs"]


_DAMAGE = (TypeError, AttributeError, KeyError, ValueError, IndexError)  # a file of the wrong shape, as read


def _drawable(kind: str, dirs: Sequence[Path], read: Any, draw: Any, notes: list[str]) -> list[tuple[Path, Any]]:
    """(folder, what was read) for each run folder of one kind that reads and draws; a folder whose files hold
    the wrong types or shapes (a hand-edited or damaged file) is left out with a note naming it."""
    ok = []
    for d in dirs:
        try:
            item = (d, read(d))
            draw([item])
        except _DAMAGE as e:
            notes.append(f"{d}: a {kind} whose files do not have the expected shape ({type(e).__name__}: {e}); "
                         "left out")
        else:
            ok.append(item)
    return ok


def build_report(runs: Sequence[str], out: str | Path, *, drilldowns: int = 300, feedback: Sequence[str] = (),
                 watch_seconds: float | None = None, pass_threshold: float = 0.7) -> dict[str, Any]:
    """Write the report; returns what went into it (counts per kind; `episodes`: the episode table's rows, as the
    page says; `episode_ids`: their distinct trajectory ids with a reward; `warnings`: damaged files and rows, also
    printed to stderr and listed in the page). Raises discovery.NoRunsError when no `runs` pattern matches anything."""
    t0 = time.perf_counter()
    notes: list[str] = []
    missing = discovery.unmatched(list(runs))
    if missing and len(missing) == len(runs) and not feedback:
        raise discovery.NoRunsError(f"nothing matches runs={', '.join(missing)}")
    notes += [f"runs pattern {p!r} matches nothing" for p in missing]
    found = discovery.discover(list(runs))
    fb = sorted(set(found.get("feedback", [])) | {Path(f) for f in feedback})
    entries = shaping.leaderboard([(d, m) for d in found.get("benchmark", [])
                                   if (m := discovery.read_benchmark(d, notes.append)) is not None])
    episodes = discovery.read_episodes([(e["label"], e["dir"]) for e in entries], found, notes.append)
    rewards = shaping.episode_rewards(episodes)
    table = shaping.episode_table(episodes, drilldowns)
    grpo = _drawable("GRPO run", found.get("grpo", []), discovery.read_grpo,
                     lambda x: render.learning_section(x, []), notes)
    loops = _drawable("learn-loop", found.get("learn_loop", []), discovery.read_learn_loop,
                      lambda x: render.learning_section([], x), notes)
    prompts = _drawable("prompt optimization", found.get("prompt_opt", []), discovery.read_prompt_opt,
                        render.prompt_section, notes)
    sections = [
        render.leaderboard_section(entries),
        render.learning_section(grpo, loops),
        render.prompt_section(prompts),
        render.feedback_section(fb, discovery.read_feedback(fb), rewards, pass_threshold) if fb else "",
        render.episodes_section(table, len(rewards))]
    for n in notes:
        print(f"experiments.report: warning: {n}", file=sys.stderr, flush=True)
    page = render.page(runs, sections, watch_seconds, notes).encode("utf-8")
    atomic_write_bytes(Path(out), page)  # a reloading browser never sees half a file
    counts: dict[str, Any] = {k: len(v) for k, v in found.items()}
    counts.update(episodes=len(table["rows"]), episode_ids=len(rewards), warnings=notes, bytes=len(page),
                  seconds=time.perf_counter() - t0)
    return counts


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
        opts[k] = _OPTIONS[k](v)
    return opts


def main(argv: Sequence[str] | None = None) -> None:
    o = parse_args(sys.argv[1:] if argv is None else argv)
    last, updates = None, 0
    while True:
        sig = discovery.signature(o["runs"]) if o["watch"] else None
        if sig != last or not o["watch"]:
            try:
                c = build_report(o["runs"], o["out"], drilldowns=o["drilldowns"], feedback=o["feedback"],
                                 watch_seconds=o["interval"] if o["watch"] else None)
            except discovery.NoRunsError as e:
                raise SystemExit(f"experiments.report: {e}") from None
            kinds = ", ".join(f"{v} {k}" for k, v in c.items()
                              if k not in ("bytes", "seconds", "episodes", "episode_ids", "warnings"))
            warned = f"; {len(c['warnings'])} warning(s), see above" if c["warnings"] else ""
            print(f"{o['out']}: {kinds or 'no runs'}; {c['episodes']} episodes ({c['episode_ids']} distinct trajectory "
                  f"ids){warned}; {c['bytes'] / 1e6:.2f} MB in {c['seconds']:.2f} s", flush=True)
            last = sig
            updates += 1
        if not o["watch"] or (o["max_updates"] and updates >= o["max_updates"]):
            break
        time.sleep(o["interval"])
