"""A 2-iteration learn-loop on a tiny model: every artifact, and node scores moved by the update rule."""

import json
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir

from experiments import config as _cfg  # noqa: F401
from experiments.learn_loop import run_learn_loop

ROOT = Path(__file__).resolve().parent.parent


def test_two_iterations_write_every_artifact_and_move_node_scores(tiny_model_dir, tmp_path):
    with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base="1.3"):
        cfg = compose(config_name="learn_loop", overrides=[
            f"model={tiny_model_dir}", f"output_dir={tmp_path}", "learn_loop.iterations=2",
            "learn_loop.episodes_per_iter=4", "learn_loop.generator=oracle", "learn_loop.grpo_steps_per_iter=1",
            "learn_loop.eta=0.5", "grpo.num_generations=2", "grpo.per_device_batch_size=2",
            "grpo.max_completion_length=96", "rollout.max_turns=2", "rollout.max_tokens_per_turn=12",
            "eval.limit=2", "eval.max_new_tokens=12"])
    res = run_learn_loop(cfg)
    for i in (1, 2):
        for name in (f"iter{i}_trajectories.jsonl", f"iter{i}_rewards.jsonl", f"iter{i}_node_scores.json",
                     f"iter{i}_metrics.json"):
            assert (tmp_path / name).stat().st_size > 0, name
    assert (tmp_path / "iter0_metrics.json").exists() and (tmp_path / "iter0_node_scores.json").exists()
    assert (tmp_path / "learning_curve.png").stat().st_size > 1000 and (tmp_path / "final" / "config.json").exists()
    assert [h["iteration"] for h in res["history"]] == [0, 1, 2]
    # The update rule, checked on iteration 1: each cited node moved from its iteration-0 score toward r.
    before = json.loads((tmp_path / "iter0_node_scores.json").read_text())
    after = json.loads((tmp_path / "iter1_node_scores.json").read_text())
    rewards = [json.loads(ln) for ln in (tmp_path / "iter1_rewards.jsonl").read_text().splitlines()]
    rows = [json.loads(ln) for ln in (tmp_path / "iter1_trajectories.jsonl").read_text().splitlines()]
    checked = 0
    for rw, row in zip(rewards, rows, strict=True):
        assert rw["id"] == row["id"]
        for node in row["citations"]:
            old = before.get(rw["scenario_id"], {}).get(node, 1.0)
            cited_by = sum(node in r2["citations"] for r2 in rows if r2["scenario_id"] == rw["scenario_id"])
            if cited_by == 1:  # one update: the closed form applies
                expected = min(1.0, max(0.0, old + 0.5 * (rw["reward"] - old)))
                assert after[rw["scenario_id"]][node] == pytest.approx(expected, abs=1e-6)
                checked += 1
    assert checked >= 4
    # Uncited nodes did not move.
    sid = rewards[0]["scenario_id"]
    cited = {n for r in rows if r["scenario_id"] == sid for n in r["citations"]}
    assert all(v == 1.0 for k, v in after[sid].items() if k not in cited)
