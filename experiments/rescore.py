"""Re-score logged trajectories with a new judge and reward mix, reading feedback from the store.

    python -m experiments.rescore run=<run folder> reward=blend reward.feedback_paths=[data/feedback/reviews.jsonl]

Groups the run's trajectories by scenario, scores each group together (so a RULER judge sees the group),
blends in human and online feedback, and writes `<run>/<out>` (default rescored.jsonl) with old and new
rewards and every component, then prints the old and new means.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hydra
import numpy as np
import orjson
from omegaconf import DictConfig

import codreamer_env as ce
from codreamer_env import runner
from codreamer_env._io import atomic_write_bytes
from experiments import config as _config  # noqa: F401
from experiments import runs
from experiments.cli import friendly_errors
from experiments.factory import make_reward


def rescore(run: str | Path, reward_model: Any, out_name: str = "rescored.jsonl") -> list[dict[str, Any]]:
    """Score a benchmark run's episodes again (each scenario's in one group) into `out_name`, in row order."""
    rows = runs.run_rows(run)
    played = [runner.Episode(runner.Job(r["scenario_id"], r["trial"], r["seed"]),
                             ce.Trajectory.model_validate_json(r["trajectory"])) for r in rows]
    out = [{"id": r["id"], "scenario_id": r["scenario_id"], "trial": r["trial"], "old_reward": r["reward"],
            "reward": ep.reward, "components": ep.components}
           for r, ep in zip(rows, runner.score(reward_model, played, ce.get_scenario), strict=True)]
    atomic_write_bytes(Path(run) / out_name, b"".join(orjson.dumps(o) + b"\n" for o in out))
    return out


@hydra.main(version_base="1.3", config_path="../configs", config_name="rescore")
@friendly_errors
def main(cfg: DictConfig) -> None:
    out = rescore(cfg.run, make_reward(cfg.judge, cfg.reward), cfg.out)
    old = np.mean([o["old_reward"] for o in out])
    new = np.mean([o["reward"] for o in out])
    print(f"{len(out)} trajectories re-scored: mean reward {old:.3f} -> {new:.3f} ({Path(cfg.run) / cfg.out})")


if __name__ == "__main__":
    main()
