"""experiments.train_grpo through `accelerate launch` with 2 CPU processes, and the saved model in the agent."""

import json
import subprocess
import sys
from pathlib import Path

from hydra import compose, initialize_config_dir

from experiments import config as _cfg  # noqa: F401
from experiments.evaluation import run_benchmark

ROOT = Path(__file__).resolve().parent.parent


def test_accelerate_launch_two_cpu_processes_and_benchmark_the_result(tiny_model_dir, tmp_path):
    out = tmp_path / "grpo"
    accelerate = Path(sys.executable).parent / "accelerate"
    res = subprocess.run([str(accelerate), "launch", "--config_file", "configs/accelerate/cpu_2proc.yaml", "-m",
                          "experiments.train_grpo", "experiment=smoke_train", f"model={tiny_model_dir}",
                          f"output_dir={out}", "eval.every=-1"], cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-3000:]
    done = [json.loads((out / f"rank{r}.done").read_text()) for r in (0, 1)]
    assert done == [{"global_step": 2, "num_processes": 2}] * 2  # both ranks finished both steps
    assert (out / "checkpoint-2").exists() and (out / "final" / "config.json").exists()
    log = [json.loads(x) for x in (out / "train_log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in log if "reward" in r] == [1, 2]
    assert (out / "learning_curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base="1.3"):
        cfg = compose(config_name="config", overrides=["experiment=smoke", "agent=smollm2", f"agent.model={out / 'final'}",
                                                       "agent.max_new_tokens=16", "env.limit=2", "env.max_turns=2",
                                                       "experiment.plot=false"])
    m = run_benchmark(cfg, tmp_path / "bench")
    assert m["episodes"] == 2 and m["completion_tokens"] > 0


def test_train_grpo_config_composes_with_every_override_group():
    with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base="1.3"):
        cfg = compose(config_name="train_grpo", overrides=["lora.enabled=true", "judge=ruler", "reward=blend",
                                                           "logger=wandb", "resume=auto", "experiment=smoke_train"])
    assert cfg.lora.enabled and cfg.judge.name == "ruler" and cfg.grpo.max_steps == 2 and cfg.env.split == "train"
