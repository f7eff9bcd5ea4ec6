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

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from experiments import config as _config  # noqa: F401 - registers the structured configs
from experiments.cli import friendly_errors
from experiments.evaluation import run_benchmark
from experiments.metrics import REFERENCE, gold_note, judge_label


@hydra.main(version_base="1.3", config_path="pkg://experiments.configs", config_name="config")
@friendly_errors
def main(cfg: DictConfig) -> None:
    out_dir = Path(HydraConfig.get().runtime.output_dir)
    m = run_benchmark(cfg, out_dir)  # the user's own errors: one line (experiments.cli)
    lo, hi = m["reward_ci95"]
    ref = REFERENCE if m["reference"] else ""
    print(f"{cfg.agent.name}{ref}: reward {m['reward_mean']:.3f} +- {m['reward_std']:.3f} "
          f"[95% CI {lo:.3f}, {hi:.3f}], pass^1 {m.get('pass^1', float('nan')):.3f}, "
          f"{m['episodes']} episodes, judge {judge_label(m, cfg.judge.name)}{gold_note(m, ', ')} -> {out_dir}")


if __name__ == "__main__":
    main()
