"""How the HTML report scales: build time, file size, and the time headless Chromium takes to open it and show
the episode table, for a 10,000-trajectory run against a 100-trajectory baseline measured in the same run.

    python -m benchmarks.report_scale [--episodes 10000] [--chromium /usr/bin/chromium]

The runs are made of real episodes: the greedy, random and oracle agents on the default set's test split (rows repeated
with fresh ids and trials up to the requested count). Target: the 10,000-episode report opens in under 3 s.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import orjson

from benchmarks._common import machine, table


def make_run(root: Path, agent: str, episodes: int) -> Path:
    from hydra import compose, initialize_config_dir

    from experiments import config as _cfg  # noqa: F401
    from experiments.benchmark import run_benchmark

    out = root / f"{agent}-{episodes}"
    conf = Path(__file__).resolve().parent.parent / "configs"
    with initialize_config_dir(config_dir=str(conf), version_base="1.3"):
        cfg = compose(config_name="config", overrides=[f"agent={agent}", "experiment.plot=false", "env.limit=128"])
    run_benchmark(cfg, out)
    rows = [orjson.loads(x) for x in (out / "trajectories.jsonl").read_bytes().splitlines()]
    with open(out / "trajectories.jsonl", "wb") as f:
        for k in range(episodes):
            r = dict(rows[k % len(rows)])
            r["id"] = f"{r['id']}-{k}"
            r["trial"] = k // len(rows)
            f.write(orjson.dumps(r) + b"\n")
    m = orjson.loads((out / "metrics.json").read_bytes())
    m["episodes"] = episodes
    (out / "metrics.json").write_bytes(orjson.dumps(m))
    return out


def open_time(html: Path, chromium: str, repeats: int = 3) -> float:
    """Median seconds from navigation to the episode table's first page being drawn."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(repeats):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            t0 = time.perf_counter()
            page.goto(html.as_uri(), wait_until="load")
            page.wait_for_selector("#ep-table tbody tr")
            times.append(time.perf_counter() - t0)
            page.close()
        browser.close()
    return sorted(times)[len(times) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--episodes", type=int, default=10_000)
    ap.add_argument("--baseline", type=int, default=100)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    a = ap.parse_args()
    from experiments.report import build_report

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for n in (a.baseline, a.episodes):
            runs = root / f"runs{n}"
            for agent in ("greedy", "random", "oracle"):
                make_run(runs, agent, n // 3 + (1 if agent == "greedy" else 0) * (n % 3))
            out = root / f"report{n}.html"
            c = build_report([str(runs)], out)
            results[n] = {"episodes": c["episodes"], "build_s": c["seconds"], "mb": c["bytes"] / 1e6,
                          "open_s": open_time(out, a.chromium)}
    b, big = results[a.baseline], results[a.episodes]
    print(json.dumps(machine()))
    print(table([[str(n), str(r["episodes"]), f"{r['build_s']:.2f}", f"{r['mb']:.2f}", f"{r['open_s']:.2f}"]
                 for n, r in results.items()], ["requested", "episodes", "build s", "MB", "open s (Chromium)"]))
    print(f"ratios {a.episodes} vs {a.baseline}: build {big['build_s'] / b['build_s']:.1f}x, size "
          f"{big['mb'] / b['mb']:.1f}x, open {big['open_s'] / b['open_s']:.2f}x; target: open < 3 s -> "
          f"{'met' if big['open_s'] < 3 else 'NOT met'}")
    print(json.dumps({"machine": machine(), "results": results}))


if __name__ == "__main__":
    main()
