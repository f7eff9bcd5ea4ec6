"""Hydra config tree, the benchmark script, the leaderboard, tracking, and the LLM agent backends."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir
from hydra.errors import ConfigCompositionException
from omegaconf import OmegaConf

import codreamer_env as ce
from codreamer_env._io import read_jsonl_rows
from experiments import config as _cfg  # noqa: F401
from experiments.evaluation import run_benchmark
from experiments.leaderboard import build

CONFIGS = str(Path(__file__).resolve().parent.parent / "configs")
GROUPS = {g: sorted(p.stem for p in (Path(CONFIGS) / g).glob("*.yaml"))
          for g in ("env", "agent", "judge", "reward", "logger", "experiment")}


def _compose(*overrides, config_name="config"):
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        return compose(config_name=config_name, overrides=list(overrides))


@pytest.mark.parametrize(("group", "option"), [(g, o) for g, opts in GROUPS.items() for o in opts])
def test_every_group_option_composes(group, option):
    # Experiment presets named *_train configure the training scripts; the rest configure the benchmark.
    primaries = ["train_grpo", "learn_loop"] if option.endswith("_train") else ["config"]
    for primary in primaries:
        cfg = _compose(f"{group}={option}", config_name=primary)
        assert OmegaConf.to_container(cfg, resolve=True)
        assert cfg.env.scenario_set and cfg.experiment.name


@pytest.mark.parametrize("override", ["agent.temprature=0.5", "env.max_turns=many", "agent=gredy", "judge.orderngs=2"])
def test_bad_override_fails_fast_with_a_readable_error(override):
    with pytest.raises(ConfigCompositionException) as ei:
        _compose(override)
    msg = str(ei.value) + str(ei.value.__cause__)
    key = override.split("=")[0].split(".")[-1]
    assert key in msg or "gredy" in msg


def _bench_cfg(tmp_path, *overrides):
    cfg = _compose("experiment=smoke", "experiment.plot=true", *overrides)
    return cfg


def test_benchmark_writes_outputs_and_resumes(tmp_path):
    cfg = _bench_cfg(tmp_path, "agent=greedy", "experiment.trials=2")
    out = tmp_path / "run"
    m = run_benchmark(cfg, out)
    assert m["episodes"] == 8 and m["trials"] == 2 and m["scenarios"] == 4
    assert set(json.loads((out / "metrics.json").read_text())) >= {"reward_mean", "reward_std", "reward_ci95",
                                                                    "pass^1", "pass^2", "components", "prompt_tokens"}
    assert (out / "reward_plot.png").stat().st_size > 1000
    lines = (out / "trajectories.jsonl").read_text().splitlines()
    assert len(lines) == 8
    # Crash mid-run: drop the last three episodes and tear a line; a rerun does only what is missing.
    (out / "trajectories.jsonl").write_text("\n".join(lines[:5]) + "\n" + lines[5][:40])
    m2 = run_benchmark(cfg, out)
    assert m2["episodes_this_run"] == 3 and m2["episodes"] == 8
    assert m2["reward_mean"] == pytest.approx(m["reward_mean"])
    assert len(read_jsonl_rows(out / "trajectories.jsonl")) == 8
    m3 = run_benchmark(cfg, out)
    assert m3["episodes_this_run"] == 0
    import datasets

    ds = datasets.load_dataset("json", data_files=str(out / "trajectories.jsonl"), split="train")
    assert len(ds) >= 8 and ds[0]["scenario_id"].startswith("default-v2/test/")
    traj = ce.Trajectory.model_validate_json(ds[0]["trajectory"])
    assert traj.id == ds[0]["id"]


def test_multirun_over_two_agents_gives_a_leaderboard(tmp_path):
    import subprocess
    import sys

    sweep = tmp_path / "sweep"
    subprocess.run([sys.executable, "-m", "experiments.benchmark", "-m", "agent=random,oracle", "experiment=smoke",
                    f"hydra.sweep.dir={sweep}"], check=True, capture_output=True, cwd=Path(CONFIGS).parent)
    md, runs = build(sweep)
    assert [r["agent"] for r in runs] == ["oracle", "random"]
    assert "oracle (reference: reads gold paths)" in md
    assert (sweep / "leaderboard.md").exists() and (sweep / "leaderboard.png").exists()
    assert json.loads((sweep / "leaderboard.json").read_text())[0]["reference"] is True


def test_wandb_logger_writes_offline_run_files(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-SENTINEL-wandb-4d2")
    cfg = _bench_cfg(tmp_path, "agent=greedy", "logger=wandb")
    out = tmp_path / "run"
    run_benchmark(cfg, out)
    runs = list((out / "wandb").glob("offline-run-*"))
    assert runs and list(runs[0].glob("run-*.wandb"))
    for p in (out / "wandb").rglob("*"):
        if p.is_file():
            assert "sk-SENTINEL" not in p.read_text(errors="ignore")


@pytest.mark.parametrize("agent", ["random", "greedy", "oracle", "instruction_follower"])
def test_every_scripted_agent_config_runs_the_smoke_benchmark(tmp_path, agent):
    # smollm2 and openai (the LLM configs) run in the two tests below; a new config must be added here or there.
    assert set(GROUPS["agent"]) == {"random", "greedy", "oracle", "instruction_follower", "smollm2", "openai"}
    m = run_benchmark(_bench_cfg(tmp_path, f"agent={agent}", "experiment.plot=false"), tmp_path / agent)
    assert m["episodes"] == 4 and m["agent"] == agent and m["reference"] == (agent == "oracle")


def test_transformers_backend_on_a_tiny_random_model(tmp_path, tiny_model_dir):
    cfg = _bench_cfg(tmp_path, "agent=smollm2", f"agent.model={tiny_model_dir}", "agent.max_new_tokens=24",
                     "env.limit=3", "env.max_turns=2", "experiment.batch_size=3")
    m = run_benchmark(cfg, tmp_path / "run")
    assert m["episodes"] == 3 and m["completion_tokens"] > 0 and m["prompt_tokens"] > 3 * 100
    rows = read_jsonl_rows(tmp_path / "run" / "trajectories.jsonl")
    assert all(r["turns"] == 2 and r["prompt_tokens"] > 0 for r in rows)
    # Same config and seed: the same generations.
    m2 = run_benchmark(cfg, tmp_path / "run2")
    assert [r["trajectory"] for r in rows] == [r["trajectory"] for r in read_jsonl_rows(tmp_path / "run2" / "trajectories.jsonl")]
    del m2


def test_openai_backend_against_llama_server(tmp_path, llama_server):
    cfg = _bench_cfg(tmp_path, "agent=openai", f"agent.base_url={llama_server.base_url}", "agent.model=smollm2",
                     "agent.native_tools=false", "agent.max_new_tokens=48", "env.limit=2", "env.max_turns=2",
                     "experiment.batch_size=2")
    m = run_benchmark(cfg, tmp_path / "run")
    assert m["episodes"] == 2 and m["completion_tokens"] > 0 and m["prompt_tokens"] > 0


@pytest.mark.slow
def test_real_smollm2_agent_plays_episodes(tmp_path):
    cfg = _bench_cfg(tmp_path, "agent=smollm2", "env.limit=2", "env.max_turns=2", "experiment.batch_size=2",
                     "agent.max_new_tokens=32")
    m = run_benchmark(cfg, tmp_path / "run")
    assert m["episodes"] == 2 and m["completion_tokens"] > 0
    rows = read_jsonl_rows(tmp_path / "run" / "trajectories.jsonl")
    first = json.loads(rows[0]["trajectory"])["turns"][0]["action"]
    assert first.startswith('<tool_call>{"name": "')  # the configured prefill


def test_oracle_beats_greedy_beats_random_outside_the_cis(tmp_path):
    """On default-v1 test: each difference lies outside both bootstrap CIs (else the judge or data is wrong)."""
    res = {}
    for agent in ("random", "greedy", "oracle"):
        cfg = _compose(f"agent={agent}", "experiment.plot=false")
        res[agent] = run_benchmark(cfg, tmp_path / agent)
        assert res[agent]["scenarios"] == 128
    assert res["oracle"]["reward_ci95"][0] > res["greedy"]["reward_ci95"][1]
    assert res["greedy"]["reward_ci95"][0] > res["random"]["reward_ci95"][1]


def test_one_config_family_rejects_unknown_keys_by_name():
    from omegaconf.errors import ConfigKeyError

    from experiments.factory import make_judge

    assert make_judge({"name": "rubric"}).version == "rubric-v2"
    with pytest.raises(ConfigKeyError, match="wieghts"):
        make_judge({"name": "rubric", "wieghts": {}})
    for primary, override in (("optimize_prompt", "optimizer.roundz=2"), ("optimize_prompt", "gate.alpha=0.1"),
                              ("train_grpo", "lora.alpha=8"), ("train_grpo", "rollout.max_turnz=3")):
        with pytest.raises(ConfigCompositionException) as ei:
            _compose(override, config_name=primary)
        assert override.split("=")[0].split(".")[-1] in str(ei.value) + str(ei.value.__cause__)


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace to watch the run's connections")
def test_an_offline_wandb_run_opens_no_network_connection(tmp_path):
    """Every connect() of the run and its children (wandb-core included), traced: only local sockets."""
    log = tmp_path / "connect.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WANDB_")} | {"HF_HUB_OFFLINE": "1"}
    res = subprocess.run(["strace", "-f", "-e", "trace=connect", "-o", str(log), sys.executable, "-m",
                          "experiments.benchmark", "agent=greedy", "experiment=smoke", "logger=wandb",
                          "experiment.plot=false", f"hydra.run.dir={tmp_path / 'run'}"],
                         cwd=Path(CONFIGS).parent, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    calls = [ln for ln in log.read_text().splitlines() if "connect(" in ln]
    assert calls, "strace saw no connect() at all: it did not trace the run"
    outside = [ln for ln in calls if ("AF_INET" in ln and "127.0.0.1" not in ln and '"::1"' not in ln)]
    assert not outside, outside


@pytest.mark.parametrize(("override", "says"), [("env.scenario_set=defualt-v2", "no scenario set 'defualt-v2'"),
                                                 ("env.split=tset", "no scenario split default-v2/tset")])
def test_a_wrong_set_or_split_is_one_line_naming_it(tmp_path, override, says):
    env = {k: v for k, v in os.environ.items() if k != "HYDRA_FULL_ERROR"} | {"HF_HUB_OFFLINE": "1"}
    res = subprocess.run([sys.executable, "-m", "experiments.benchmark", override, "experiment=smoke",
                          f"hydra.run.dir={tmp_path / 'run'}"], cwd=Path(CONFIGS).parent, env=env,
                         capture_output=True, text=True, timeout=300)
    lines = [ln for ln in res.stderr.splitlines() if ln.strip() and "%|" not in ln]
    assert res.returncode != 0 and len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], lines
