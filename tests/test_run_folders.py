"""Benchmark run folders keyed by their whole config: a folder per config, refused resumes, the folder lock,
rows counted once and only for the requested scenarios x trials, and a random agent seeded per episode."""

import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from hydra import compose, initialize_config_dir

import codreamer_env as ce
from agents.scripted import GreedyKGAgent
from codreamer_env._io import read_jsonl_rows
from experiments.evaluation import benchmark, run_benchmark
from experiments.runs import RUN_CONFIG, RunConfigMismatch, RunFolderLocked, config_hash, identity

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = str(ROOT / "configs")


def _cfg(*overrides):
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        return compose(config_name="config", overrides=["experiment=smoke", "experiment.plot=false", *overrides])


def _rows(out):
    return sorted(read_jsonl_rows(out / "trajectories.jsonl"), key=lambda r: (r["scenario_id"], r["trial"]))


def test_a_multirun_over_two_seeds_gives_two_folders_with_their_own_rows(tmp_path):
    sweep = tmp_path / "sweep"
    subprocess.run([sys.executable, "-m", "experiments.benchmark", "-m", "agent=random", "agent.seed=0,7",
                    "experiment=smoke", "experiment.plot=false", f"hydra.sweep.dir={sweep}"],
                   check=True, capture_output=True, cwd=ROOT)
    runs = sorted(p.parent for p in sweep.rglob("trajectories.jsonl"))
    assert len(runs) == 2
    seeds = {orjson.loads((r / RUN_CONFIG).read_bytes())["config"]["agent.seed"] for r in runs}
    assert seeds == {0, 7}
    a, b = (_rows(r) for r in runs)
    assert len(a) == len(b) == 4
    assert [r["body"] for r in a] != [r["body"] for r in b]
    for r in runs:  # the folder name ends in the stored hash
        assert r.name.endswith(orjson.loads((r / RUN_CONFIG).read_bytes())["hash"])


def test_the_hash_covers_what_changes_results_and_nothing_else():
    base = identity(_cfg("agent=greedy"))
    for override in ("judge=rubric_v1", "env.limit=2", "experiment.seed=1", "experiment.trials=2", "agent.seed=3",
                     "env.max_turns=6", "reward=blend", "env.context_k=3"):
        assert config_hash(identity(_cfg("agent=greedy", override))) != config_hash(base), override
    for override in ("experiment.bootstrap=10", "experiment.pass_threshold=0.5", "experiment.batch_size=1",
                     "judge.concurrency=9", "judge.cache_dir=/tmp/x", "experiment.resume=false", "logger=wandb"):
        assert identity(_cfg("agent=greedy", override)) == base, override
    # LLM agents: the model and the batch size (sampling is seeded per batch) change results.
    llm = identity(_cfg("agent=smollm2"))
    assert identity(_cfg("agent=smollm2", "agent.model=other")) != llm
    assert identity(_cfg("agent=smollm2", "experiment.batch_size=1")) != llm


@pytest.mark.parametrize("override", ["judge=rubric_v1", "env.limit=2", "experiment.seed=1"])
def test_resuming_a_folder_of_another_config_is_refused_in_one_line(tmp_path, override):
    out = tmp_path / "run"
    run_benchmark(_cfg("agent=greedy"), out)
    before = (out / "trajectories.jsonl").read_bytes()
    with pytest.raises(RunConfigMismatch) as ei:
        run_benchmark(_cfg("agent=greedy", override), out)
    msg = str(ei.value)
    assert "\n" not in msg and override.split("=")[0].replace("judge", "judge.name") in msg
    assert "experiment.resume=false" in msg
    assert (out / "trajectories.jsonl").read_bytes() == before
    # Starting afresh: the previous rows go, and the metrics describe the new config.
    m = run_benchmark(_cfg("agent=greedy", override, "experiment.resume=false"), out)
    assert m["episodes_this_run"] == m["episodes"] == len(_rows(out))
    stored = orjson.loads((out / RUN_CONFIG).read_bytes())
    assert stored["hash"] == config_hash(identity(_cfg("agent=greedy", override))) == m["config_hash"]


def test_the_cli_says_why_it_refuses(tmp_path):
    out = tmp_path / "run"
    run_benchmark(_cfg("agent=greedy"), out)
    p = subprocess.run([sys.executable, "-m", "experiments.benchmark", "agent=greedy", "experiment=smoke",
                        "experiment.plot=false", "judge=rubric_v1", f"hydra.run.dir={out}"],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode != 0
    assert "judge.name ('rubric' -> 'rubric_v1')" in p.stderr and "Traceback" not in p.stderr


def test_a_limit_below_the_rows_in_the_folder_counts_only_the_requested_scenarios(tmp_path):
    scenarios = ce.load_scenarios("default-v2", "test", limit=8)
    judge = ce.RubricJudge()
    m8, _ = benchmark(GreedyKGAgent(), judge, scenarios, tmp_path, bootstrap=50)
    assert m8["scenarios"] == 8
    m4, rows = benchmark(GreedyKGAgent(), judge, scenarios[:4], tmp_path, bootstrap=50)
    assert m4["episodes_this_run"] == 0 and m4["episodes"] == m4["scenarios"] == len(rows) == 4
    assert {r["scenario_id"] for r in rows} == {s.id for s in scenarios[:4]}


def test_duplicate_rows_are_counted_once(tmp_path):
    out = tmp_path / "run"
    m = run_benchmark(_cfg("agent=greedy"), out)
    lines = (out / "trajectories.jsonl").read_bytes().splitlines()
    # A duplicate of the first row with another reward (e.g. written by a second process): the first one wins.
    dup = orjson.loads(lines[0]) | {"reward": 1.0}
    (out / "trajectories.jsonl").write_bytes(b"\n".join([*lines, orjson.dumps(dup), lines[1]]) + b"\n")
    m2 = run_benchmark(_cfg("agent=greedy"), out)
    assert m2["episodes"] == 4 and m2["episodes_this_run"] == 0
    assert m2["reward_mean"] == pytest.approx(m["reward_mean"])


def test_a_second_process_on_a_locked_folder_fails_fast(tmp_path):
    out = tmp_path / "run"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from experiments.runs import run_lock\n"
         "with run_lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(60)", str(out)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "locked"
        t0 = time.perf_counter()
        with pytest.raises(RunFolderLocked, match="another process"):
            run_benchmark(_cfg("agent=greedy"), out)
        assert time.perf_counter() - t0 < 5
        assert not (out / "trajectories.jsonl").exists()
    finally:
        holder.kill()
        holder.wait()
    assert run_benchmark(_cfg("agent=greedy"), out)["episodes"] == 4  # free again


def test_random_agent_follows_the_experiment_seed_and_not_the_batching(tmp_path):
    def play(name, *overrides):
        run_benchmark(_cfg("agent=random", "env.max_turns=6", *overrides), tmp_path / name)
        return [(r["scenario_id"], r["body"], r["citations"], r["turns"], r["reward"]) for r in _rows(tmp_path / name)]

    base = play("b4", "experiment.batch_size=4")
    assert play("b1", "experiment.batch_size=1") == base
    assert play("b3", "experiment.batch_size=3") == base
    assert play("seed1", "experiment.seed=1", "experiment.batch_size=4") != base
    # A resume that plays the missing half gives the rows a full run gives.
    half = tmp_path / "half"
    run_benchmark(_cfg("agent=random", "env.max_turns=6", "experiment.batch_size=4"), half)
    lines = (half / "trajectories.jsonl").read_bytes().splitlines()
    (half / "trajectories.jsonl").write_bytes(b"\n".join(lines[::2]) + b"\n")
    run_benchmark(_cfg("agent=random", "env.max_turns=6", "experiment.batch_size=4"), half)
    assert [(r["scenario_id"], r["body"], r["citations"], r["turns"], r["reward"]) for r in _rows(half)] == base
