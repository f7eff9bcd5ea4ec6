"""`experiment=smoke` for every entry point, run as a user would (`python -m experiments.<x> experiment=smoke`, a
real subprocess, offline), and the benchmark's smoke with every shipped agent config. The training smokes build
(or reuse) the tiny random model `tiny` themselves: these tests never pass a model path. One model cache (this
session's, see conftest) and one llama.cpp server serve the whole file."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf

from experiments import config as _config  # noqa: F401 - registers the schemas the configs name

ROOT = Path(__file__).resolve().parent.parent
AGENTS = sorted(p.stem for p in (ROOT / "configs" / "agent").glob("*.yaml"))
SCRIPTED = ["greedy", "instruction_follower", "oracle", "random"]
EXPERIMENTS = sorted(p.stem for p in (ROOT / "configs" / "experiment").glob("*.yaml"))
ENTRY_CONFIGS = {"benchmark": "config", "train_grpo": "train_grpo", "learn_loop": "learn_loop", "sft": "sft",
                 "optimize_prompt": "optimize_prompt", "rescore": "rescore"}


@pytest.fixture(scope="session")
def smoke_env(tmp_path_factory):
    """The subprocesses' environment: offline, this session's model cache (conftest's), a dummy key."""
    cache = tmp_path_factory.getbasetemp() / "cache"
    return {k: v for k, v in os.environ.items() if k != "HYDRA_FULL_ERROR"} | {
        "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "CODREAMER_CACHE": str(cache),
        "OPENAI_API_KEY": "sk-smoke-test", "TOKENIZERS_PARALLELISM": "false"}


def smoke(module: str, *overrides: str, env: dict[str, str], timeout: int = 400) -> tuple[str, float]:
    """Run `python -m experiments.<module> experiment=smoke <overrides>`; (its output, its wall time)."""
    t0 = time.monotonic()
    res = subprocess.run([sys.executable, "-m", f"experiments.{module}", "experiment=smoke", *overrides], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=timeout)
    wall = time.monotonic() - t0
    out = res.stdout + res.stderr
    assert res.returncode == 0, out[-4000:]
    print(f"{module} {' '.join(overrides)}: {wall:.1f} s")
    return out, wall


def finite(x) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x)


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def check_benchmark_run(run: Path, agent: str, episodes: int) -> dict:
    m = json.loads((run / "metrics.json").read_text())
    assert m["agent"] == agent and m["episodes"] == episodes
    assert finite(m["reward_mean"]) and 0.0 <= m["reward_mean"] <= 1.0 and all(finite(v) for v in m["reward_ci95"])
    rows = jsonl(run / "trajectories.jsonl")
    assert len(rows) == episodes and all(finite(r["reward"]) for r in rows)
    assert (run / "reward_plot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return m


# Presets named *_train configure the training scripts only (GRPO settings the others have no place for).
@pytest.mark.parametrize(("entry", "experiment"), [
    (e, x) for e in sorted(ENTRY_CONFIGS) for x in EXPERIMENTS
    if not x.endswith("_train") or e in ("train_grpo", "learn_loop")])
def test_every_experiment_composes_for_every_entry_point(entry, experiment):
    with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base="1.3"):
        cfg = compose(config_name=ENTRY_CONFIGS[entry], overrides=[f"experiment={experiment}"])
    assert OmegaConf.to_container(cfg, resolve=True) and cfg.experiment.name == experiment.removesuffix("_train")
    if experiment == "smoke" and entry in ("train_grpo", "learn_loop", "sft"):
        assert cfg.model == "tiny"  # the training smokes need no model path


def test_every_agent_config_is_covered_here():
    assert sorted([*SCRIPTED, "smollm2", "openai"]) == AGENTS  # a new agent config: add it to a test below


@pytest.mark.parametrize("agent", SCRIPTED)
def test_benchmark_smoke_with_a_scripted_agent(agent, smoke_env, tmp_path):
    smoke("benchmark", f"agent={agent}", f"hydra.run.dir={tmp_path / 'run'}", env=smoke_env, timeout=120)
    m = check_benchmark_run(tmp_path / "run", agent, 4)
    assert m["reference"] == (agent == "oracle")


@pytest.mark.slow
def test_benchmark_smoke_with_smollm2(smoke_env, tmp_path):
    # The bundled SmolLM2 on transformers (converted from the GGUF into the session's cache on first use). The full
    # smoke plays 4 scenarios (1.5-3 min on 2 cores, depending on load); 2 run the same code in half the time.
    smoke("benchmark", "agent=smollm2", "env.limit=2", f"hydra.run.dir={tmp_path / 'run'}", env=smoke_env)
    m = check_benchmark_run(tmp_path / "run", "smollm2", 2)
    assert m["completion_tokens"] > 0 and m["prompt_tokens"] > 0


@pytest.mark.slow
def test_benchmark_smoke_with_openai_against_a_llama_server(smoke_env, tmp_path, llama_server):
    # SmolLM2 behind llama.cpp's OpenAI-compatible server; its chat template has no tools: the text protocol.
    smoke("benchmark", "agent=openai", f"agent.base_url={llama_server.base_url}", "agent.model=smollm2",
          "agent.native_tools=false", "agent.max_new_tokens=96", f"hydra.run.dir={tmp_path / 'run'}", env=smoke_env)
    m = check_benchmark_run(tmp_path / "run", "openai", 4)
    assert m["completion_tokens"] > 0


@pytest.mark.slow
def test_train_grpo_smoke_trains_the_tiny_model_it_builds(smoke_env, tmp_path):
    out = tmp_path / "grpo"
    smoke("train_grpo", f"output_dir={out}", env=smoke_env)
    assert (Path(smoke_env["CODREAMER_CACHE"]) / "models" / "tiny-random" / "config.json").exists()
    assert json.loads((out / "rank0.done").read_text()) == {"global_step": 2, "num_processes": 1}
    assert (out / "checkpoint-2").is_dir() and (out / "final" / "config.json").exists()
    log = jsonl(out / "train_log.jsonl")
    assert [r["step"] for r in log if "reward" in r] == [1, 2]
    assert all(finite(r["reward"]) and finite(r.get("loss", 0.0)) for r in log if "reward" in r)
    ev = json.loads((out / "eval" / "step2.json").read_text())
    assert ev["episodes"] == 2 and finite(ev["reward_mean"])
    assert (out / "learning_curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_sft_smoke_plays_its_own_demonstrations(smoke_env, tmp_path):
    out = tmp_path / "sft"
    text, _ = smoke("sft", f"output_dir={out}", env=smoke_env)
    played = json.loads((out / "played-oracle" / "metrics.json").read_text())
    assert played["agent"] == "oracle" and played["episodes"] == 4 and played["split"] == "train"
    examples = jsonl(out / "sft_examples.jsonl")
    assert examples and all(e["messages"][-1]["role"] == "assistant" for e in examples)
    assert (out / "final" / "config.json").exists() and (out / "final" / "tokenizer_config.json").exists()
    loss = re.search(r"'train_loss': '?([-+0-9.eE]+|nan|inf)", text)
    assert loss and math.isfinite(float(loss.group(1))), text[-2000:]
    assert f"SFT on {len(examples)} conversations, 2 steps" in text


@pytest.mark.slow
def test_learn_loop_smoke_runs_one_iteration(smoke_env, tmp_path):
    out = tmp_path / "loop"
    smoke("learn_loop", f"output_dir={out}", env=smoke_env)
    history = json.loads((out / "history.json").read_text())
    assert [h["iteration"] for h in history] == [0, 1]
    assert all(finite(h["val_reward"]) for h in history) and finite(history[1]["train_reward"])
    it1 = json.loads((out / "iter1_metrics.json").read_text())
    assert it1["grpo_steps"] == 1 and it1["val"]["episodes"] == 2
    assert len(jsonl(out / "iter1_rewards.jsonl")) == 2 and (out / "iter1_node_scores.json").exists()
    assert (out / "final" / "config.json").exists()
    assert (out / "learning_curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_optimize_prompt_smoke_runs_a_round_with_its_own_registry(smoke_env, tmp_path):
    out = tmp_path / "opt"
    smoke("optimize_prompt", f"output_dir={out}", env=smoke_env)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["rounds"] == 1 and summary["stopped"] is None
    assert Path(summary["registry"]) == (out / "registry.json").resolve()  # never outputs/prompts/registry.json
    rounds = jsonl(out / "rounds.jsonl")
    assert len(rounds) == 1 and rounds[0]["evaluated"] >= 1 and finite(rounds[0]["incumbent_score"])
    scores = jsonl(out / "round0" / "scores.jsonl")
    assert scores and all(finite(s["reward"]) for s in scores)
    assert (out / "round0" / "candidates.jsonl").exists() and (out / "round0" / "decision.json").exists()


def test_rescore_smoke_plays_and_rescores_its_own_run(smoke_env, tmp_path):
    text, _ = smoke("rescore", f"hydra.run.dir={tmp_path / 'r'}", env=smoke_env, timeout=120)
    run = tmp_path / "r" / "played-greedy"
    rows = jsonl(run / "rescored.jsonl")
    assert len(rows) == 4 and all(finite(r["reward"]) and finite(r["old_reward"]) for r in rows)
    assert "4 trajectories re-scored" in text
