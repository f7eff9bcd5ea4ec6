"""Benchmark one agent on a fixed scenario split: k trials per scenario, in batches, resumable.

    python -m experiments.benchmark agent=greedy
    python -m experiments.benchmark -m agent=random,greedy,oracle,smollm2 experiment=quickstart
    python -m experiments.leaderboard dir=multirun/quickstart

Writes to the Hydra run dir: trajectories.jsonl (one row per episode; `datasets.load_dataset("json", ...)`
reads it), metrics.json (mean +- std, scenario-bootstrap 95% CI, pass^k, component means, tokens, wall
time), reward_plot.png and run_config.json (the config hash and what it covers). The default folder ends in that
hash, so each config has its own; re-running the same command resumes: finished episodes are skipped. Resuming
into a folder of another config is refused; `experiment.resume=false` starts afresh. One process per folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

import codreamer_env as ce
from codreamer_env.rewards.rubric import COMPONENTS
from experiments import config as _config  # noqa: F401 - registers the structured configs
from experiments import runs  # registers ${run_hash:} (the default run folders end in it)
from experiments.cli import friendly_errors
from experiments.evaluation import benchmark, run_meta
from experiments.factory import env_kwargs, make_agent, make_reward, resolve_system_prompt
from experiments.metrics import judge_label
from experiments.plots import figure
from experiments.tracking import Tracker


def run_benchmark(cfg: DictConfig, out_dir: Path) -> dict[str, Any]:
    """Run (or resume) the benchmark described by `cfg`, writing into `out_dir`; returns the metrics. The folder
    is locked while it runs and keyed by the config (`experiments.runs`): resuming a run of another config is
    refused, naming the keys that differ; `experiment.resume=false` starts the folder afresh."""
    x = cfg.experiment
    system_prompt = resolve_system_prompt(cfg.agent)
    ident = runs.identity(cfg, system_prompt)
    with runs.run_lock(out_dir):  # checked, played, plotted and logged by one process
        runs.check_run_config(out_dir, ident, resume=bool(x.resume))
        scenarios = ce.load_scenarios(cfg.env.scenario_set, cfg.env.split, limit=cfg.env.limit)
        agent = make_agent(cfg.agent, scenarios)
        reward_model = make_reward(cfg.judge, cfg.reward)
        metrics, rows = benchmark(
            agent, reward_model, scenarios, out_dir, trials=int(x.trials), seed=x.seed, batch_size=int(x.batch_size),
            env_kwargs=env_kwargs(cfg.env, system_prompt), resume=x.resume,
            pass_threshold=x.pass_threshold, bootstrap=x.bootstrap,
            meta={"agent": cfg.agent.name, **run_meta(cfg.env, cfg.judge, cfg.reward),
                  "config_hash": runs.config_hash(ident)})
        if x.plot:
            plot_run(rows, metrics, out_dir / "reward_plot.png")
        tracker = Tracker(cfg.logger, out_dir, f"{x.name}-{cfg.agent.name}", _config.to_dict(cfg))
        tracker.log(metrics)
        tracker.log_emails(rows)
        tracker.finish()
    return metrics


def plot_run(rows: list[dict[str, Any]], metrics: dict[str, Any], path: Path) -> None:
    """Reward histogram and component means, side by side."""
    with figure(path, (10, 3.6), ncols=2) as (_fig, (a, b)):
        a.hist([r["reward"] for r in rows], bins=20, range=(0, 1), color="#4c72b0")
        a.axvline(metrics["reward_mean"], color="k", ls="--", lw=1)
        a.set_title(f"{metrics['agent']}: reward (mean {metrics['reward_mean']:.3f})")
        a.set_xlabel("reward")
        comps = {k: v for k, v in metrics["components"].items() if k in
                 (*COMPONENTS, "gate")}
        b.barh(list(comps), list(comps.values()), color="#55a868")
        b.set_xlim(0, 1)
        b.set_title("component means")


@hydra.main(version_base="1.3", config_path="../configs", config_name="config")
@friendly_errors
def main(cfg: DictConfig) -> None:
    out_dir = Path(HydraConfig.get().runtime.output_dir)
    m = run_benchmark(cfg, out_dir)  # the user's own errors: one line (experiments.cli)
    lo, hi = m["reward_ci95"]
    ref = " (reference: reads gold paths)" if m["reference"] else ""
    print(f"{cfg.agent.name}{ref}: reward {m['reward_mean']:.3f} +- {m['reward_std']:.3f} "
          f"[95% CI {lo:.3f}, {hi:.3f}], pass^1 {m.get('pass^1', float('nan')):.3f}, "
          f"{m['episodes']} episodes, judge {judge_label(m, cfg.judge.name)} -> {out_dir}")


if __name__ == "__main__":
    main()
