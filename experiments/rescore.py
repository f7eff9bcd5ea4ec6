"""Re-score logged trajectories with a new judge and reward mix, reading feedback from the store.

    python -m experiments.rescore run=<run folder> reward=blend reward.feedback_paths=[data/feedback/reviews.jsonl]
    python -m experiments.rescore experiment=smoke    # self-contained: greedy plays 4 test scenarios, then re-scored

Groups the run's trajectories by scenario, scores each group together (so a RULER judge sees the group),
blends in human and online feedback, and writes `<run>/<out>` (default rescored.jsonl) with old and new
rewards and every component, then prints the old and new means. A run played on a scenario file of your own
(`env.scenarios=<file>`, with `play=` too) is scored against that file's scenarios: the one `env.scenarios` names,
else the one the run's metrics.json records.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hydra
import numpy as np
import orjson
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig, OmegaConf

import codreamer_env as ce
from codreamer_env import runner
from codreamer_env._io import atomic_write_bytes
from experiments import config as _config
from experiments import runs
from experiments.cli import friendly_errors
from experiments.factory import make_reward, scenarios_file
from experiments.layout import METRICS


def rescore(run: str | Path, reward_model: Any, out_name: str = "rescored.jsonl",
            scenarios: list[ce.Scenario] | None = None) -> list[dict[str, Any]]:
    """Score a benchmark run's episodes again (each scenario's in one group) into `out_name`, in row order.
    `scenarios`: the ones the run played; None: those of the scenario file its metrics.json names (a run on
    `env.scenarios`), else looked up by id in the named sets."""
    rows = runs.run_rows(run)
    if scenarios is None:
        scenarios = run_scenarios(Path(run))
    played = [runner.Episode(runner.Job(r["scenario_id"], r["trial"], r["seed"]),
                             ce.Trajectory.model_validate_json(r["trajectory"])) for r in rows]
    out = [{"id": r["id"], "scenario_id": r["scenario_id"], "trial": r["trial"], "old_reward": r["reward"],
            "reward": ep.reward, "components": ep.components}
           for r, ep in zip(rows, runner.score(reward_model, played, scenarios or ce.get_scenario), strict=True)]
    atomic_write_bytes(Path(run) / out_name, b"".join(orjson.dumps(o) + b"\n" for o in out))
    return out


def run_scenarios(run: Path) -> list[ce.Scenario] | None:
    """The scenarios of the file a benchmark run was played on (`scenarios_file` in its metrics.json), or None."""
    metrics = run / METRICS
    path = orjson.loads(metrics.read_bytes()).get("scenarios_file") if metrics.is_file() else None
    return ce.load_scenarios(path=path) if path else None


def source_run(cfg: DictConfig, out_dir: Path) -> Path:
    """`run`, or with none and `play=<agent>`, a run that scripted agent plays first into <out_dir>/played-<agent>."""
    if not OmegaConf.is_missing(cfg, "run"):
        return Path(cfg.run)
    if not cfg.play:
        raise SystemExit("error: run=<a benchmark run folder> is required (or play=<a scripted agent>)")
    from experiments.evaluation import run_benchmark

    folder = out_dir / f"played-{cfg.play}"
    m = run_benchmark(_config.scripted_run_config(cfg.play, cfg.env, cfg.experiment), folder)
    print(f"{cfg.play} played {m['episodes']} episodes -> {folder}")
    return folder


@hydra.main(version_base="1.3", config_path="pkg://experiments.configs", config_name="rescore")
@friendly_errors
def main(cfg: DictConfig) -> None:
    run = source_run(cfg, Path(HydraConfig.get().runtime.output_dir))
    own = scenarios_file(cfg.env)  # env.scenarios: the run's scenarios come from that file
    out = rescore(run, make_reward(cfg.judge, cfg.reward), cfg.out,
                  ce.load_scenarios(path=own) if own else None)
    old = np.mean([o["old_reward"] for o in out])
    new = np.mean([o["reward"] for o in out])
    print(f"{len(out)} trajectories re-scored: mean reward {old:.3f} -> {new:.3f} ({run / cfg.out})")


if __name__ == "__main__":
    main()
