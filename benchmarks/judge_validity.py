"""Judge validity: how the rubric judges score the adversarial trick families of tests/adversarial.py.

    python -m benchmarks.judge_validity --set default-v2 --split test [--families a,b] [--examples 0]

One row per trick family (one email per scenario, each played through the env), with n, mean total,
share of emails >= 0.7 and max, for rubric-v1 and the default judge side by side (and rubric-v2 when a
`rubric_v2` module exists). A family passes when mean <= 0.30 and share >= 0.7 <= 5%. The oracle's own email
is a reference row (it should score high). The machine is printed first; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import codreamer_env as ce
from benchmarks._common import machine, table
from codreamer_env.scenarios import data_dir
from tests import adversarial_extra
from tests.adversarial import FAMILIES, build_family, oracle_base

ALL = {**FAMILIES, **adversarial_extra.FAMILIES}

MAX_MEAN, HIGH, MAX_SHARE = 0.30, 0.7, 0.05


def judges() -> dict[str, object]:
    """{label: judge}: every rubric judge class found (rubric_v1 / rubric / rubric_v2 modules, classes
    RubricJudge, RubricJudgeV1, RubricJudgeV2), plus the default `codreamer_env.RubricJudge`, deduplicated."""
    classes: list[tuple[str, type]] = []
    for mod in ("codreamer_env.rewards.rubric_v1", "codreamer_env.rewards.rubric", "codreamer_env.rewards.rubric_v2"):
        try:
            module = importlib.import_module(mod)
        except ImportError:
            continue
        for attr in ("RubricJudgeV1", "RubricJudge", "RubricJudgeV2"):
            cls = getattr(module, attr, None)
            if isinstance(cls, type) and hasattr(cls, "score") and all(cls is not c for _, c in classes):
                classes.append((str(getattr(cls, "version", f"{mod.rsplit('.', 1)[-1]}.{attr}")), cls))
    classes.sort(key=lambda lc: lc[0])
    default = ce.RubricJudge
    out: dict[str, object] = {}
    for label, cls in classes:
        out[label + (" (default)" if cls is default else "")] = cls()
    if all(default is not c for _, c in classes):
        out[f"default ({getattr(default, 'version', '?')})"] = default()
    return out


def stats(totals: list[float]) -> dict[str, float]:
    n = len(totals)
    mean = sum(totals) / n if n else 0.0
    share = sum(t >= HIGH for t in totals) / n if n else 0.0
    return {"n": n, "mean": round(mean, 4), "share_ge_0.7": round(share, 4), "max": round(max(totals, default=0.0), 4),
            "pass": bool(mean <= MAX_MEAN and share <= MAX_SHARE)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default="default-v2", help="scenario set (falls back to default-v1 if missing)")
    ap.add_argument("--split", default="test")
    ap.add_argument("--families", default="", help="comma-separated subset of families")
    ap.add_argument("--examples", type=int, default=0, help="print this many example emails per family")
    args = ap.parse_args()
    m = machine()
    print(f"machine: {m['platform']} | {m['cpu']} | {m['cores']} cores | python {m['python']}")
    set_name = args.set
    if not (data_dir() / "scenarios" / set_name / f"{args.split}.jsonl").exists():
        print(f"note: {set_name}/{args.split} does not exist; using default-v1/{args.split}")
        set_name = "default-v1"
    scenarios = ce.load_scenarios(set_name, args.split)
    js = judges()
    names = [n for n in args.families.split(",") if n] or list(ALL)
    print(f"set {set_name}/{args.split}: {len(scenarios)} scenarios, {len(names)} trick families; judges: {', '.join(js)}")
    t0 = time.perf_counter()
    results: dict[str, dict[str, dict]] = {}
    ref = [(sc, *oracle_base(sc)) for sc in scenarios]
    results["oracle (reference)"] = {lab: stats([j.score(sc, e, t).total for sc, e, t in ref]) for lab, j in js.items()}
    for name in names:
        items = build_family(name, scenarios, ALL)
        results[name] = {}
        for lab, j in js.items():
            totals = [j.score(sc, e, t).total for sc, e, t in items]
            results[name][lab] = stats(totals)
        for sc, e, _t in items[: args.examples]:
            print(f"--- {name} | {sc.id}\nsubject: {e.subject}\n{e.body}\ncitations: {e.citations}")
    secs = time.perf_counter() - t0
    header = ["family", "n"] + [f"{lab} {col}" for lab in js for col in ("mean", "share>=0.7", "max")]
    rows = []
    for name, per in results.items():
        n = next(iter(per.values()))["n"]
        row = [name, str(n)]
        for lab in js:
            s = per[lab]
            flag = "" if name.startswith("oracle (") or s["pass"] else " x"
            row += [f"{s['mean']:.3f}{flag}", f"{s['share_ge_0.7']:.1%}", f"{s['max']:.3f}"]
        rows.append(row)
    passing = {lab: sum(results[n][lab]["pass"] for n in names) for lab in js}
    rows.append(["families passing", str(len(names))] + [x for lab in js for x in (f"{passing[lab]}/{len(names)}", "", "")])
    print(table(rows, header))
    print(f"(x: fails the acceptance bar mean <= {MAX_MEAN} and share >= {HIGH} <= {MAX_SHARE:.0%}; {secs:.1f} s)")
    print(json.dumps({"machine": m, "set": set_name, "split": args.split, "scenarios": len(scenarios),
                      "judges": list(js), "bar": {"max_mean": MAX_MEAN, "high": HIGH, "max_share": MAX_SHARE},
                      "families_passing": passing, "seconds": round(secs, 2), "results": results}))


if __name__ == "__main__":
    main()
