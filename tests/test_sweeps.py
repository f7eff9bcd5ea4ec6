"""Sweeps through Hydra's own launchers, run as the README runs them (`python -m experiments.benchmark -m ...`):
a 2 x 2 multirun gives four folders of their own; joblib runs jobs in parallel with the same rows as a
sequential sweep; submitit_local (submitit's local stand-in for SLURM) gives folders the leaderboard reads.
The launchers come with the `sweep` extra; without them these tests skip, and fail under CI."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
import yaml

from codreamer_env._io import read_jsonl_rows
from codreamer_env.runner import episode_seed
from experiments.runs import RUN_CONFIG

ROOT = Path(__file__).resolve().parent.parent
FAST = ("env.limit=4", "experiment.plot=false")  # the scripted agents on 4 scenarios: a second or two per job


def _need(*modules: str) -> None:
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        msg = f"needs {missing}: pip install -e '.[sweep]' (.ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)


def _run(*args: str) -> str:
    """`python -m <args>` in the repo root, offline; its stdout and stderr together (shown when it fails)."""
    p = subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                       env={**os.environ, "HF_HUB_OFFLINE": "1"})
    out = p.stdout + p.stderr
    assert p.returncode == 0, f"python -m {' '.join(args)} exited {p.returncode}:\n{out[-3000:]}"
    return out


def _sweep(sweep_dir: Path, *overrides: str) -> str:
    return _run("experiments.benchmark", "-m", *overrides, *FAST, f"hydra.sweep.dir={sweep_dir}")


def _runs(sweep_dir: Path) -> dict[str, Path]:
    """{config hash: run folder} of every run folder below `sweep_dir`."""
    folders = sorted(p.parent for p in sweep_dir.rglob(RUN_CONFIG))
    runs = {orjson.loads((f / RUN_CONFIG).read_bytes())["hash"]: f for f in folders}
    assert len(runs) == len(folders), "two folders hold the same config"
    return runs


def _config(run: Path) -> dict:
    return orjson.loads((run / RUN_CONFIG).read_bytes())["config"]


def _rows(run: Path) -> list[dict]:
    """The folder's rows in (scenario, trial) order, without the wall time (the one field that varies)."""
    rows = [{k: v for k, v in r.items() if k != "wall_s"} for r in read_jsonl_rows(run / "trajectories.jsonl")]
    return sorted(rows, key=lambda r: (r["scenario_id"], r["trial"]))


def _check_own_rows(run: Path, episodes: int) -> list[dict]:
    """The folder holds its own config's rows only, each (scenario, trial) once, seeded from its own seed."""
    cfg, rows = _config(run), _rows(run)
    assert len(rows) == episodes, run
    assert len({(r["scenario_id"], r["trial"]) for r in rows}) == episodes, f"duplicate rows in {run}"
    assert {r["agent"] for r in rows} == {cfg["agent.name"]}
    assert all(r["seed"] == episode_seed(cfg["experiment.seed"], r["scenario_id"], r["trial"]) for r in rows), \
        f"rows of another experiment.seed in {run}"
    # Hydra's record of the job's overrides agrees with the config the folder was keyed by.
    job = dict(o.split("=", 1) for o in yaml.safe_load((run / ".hydra" / "overrides.yaml").read_text()))
    for key in ("agent", "agent.seed", "experiment.seed"):
        if key in job:
            assert str(cfg["agent.name" if key == "agent" else key]) == job[key], (run, key)
    assert run.name.endswith(orjson.loads((run / RUN_CONFIG).read_bytes())["hash"])
    return rows


def test_a_two_by_two_multirun_gives_four_folders_of_their_own(tmp_path):
    # agent.seed seeds the random agent's draws (with each episode's seed); experiment.seed seeds the episodes.
    _sweep(tmp_path, "agent=random,greedy", "agent.seed=0,7", "experiment.trials=1")
    runs = _runs(tmp_path)
    assert len(runs) == 4 and all((r / "metrics.json").exists() for r in runs.values())
    by_job = {(_config(r)["agent.name"], _config(r)["agent.seed"]): r for r in runs.values()}
    assert set(by_job) == {("random", 0), ("random", 7), ("greedy", 0), ("greedy", 7)}
    rows = {job: _check_own_rows(r, 4) for job, r in by_job.items()}
    assert [r["body"] for r in rows["random", 0]] != [r["body"] for r in rows["random", 7]]
    # The greedy agent draws nothing: its two seeds are two folders (agent.seed is in the hash for every
    # scripted agent) holding the same rows.
    assert rows["greedy", 0] == rows["greedy", 7]
    # The leaderboard tells the runs of one agent apart by the settings that differ.
    board = _run("experiments.leaderboard", f"dir={tmp_path}")
    for agent in ("random", "greedy"):
        assert {f"| {agent} (agent.seed=0) |", f"| {agent} (agent.seed=7) |"} <= {
            "| " + ln.split(" | ")[1] + " |" for ln in board.splitlines() if ln.startswith("| ") and " | " in ln}


def test_joblib_runs_jobs_in_parallel_with_the_rows_of_a_sequential_sweep(tmp_path):
    _need("hydra_plugins.hydra_joblib_launcher", "joblib")
    grid = ("agent=random", "experiment.seed=0,1", "experiment.trials=2")
    out = _sweep(tmp_path / "parallel", "hydra/launcher=joblib", "hydra.launcher.n_jobs=2", *grid)
    assert "Joblib.Parallel(n_jobs=2" in out  # the jobs went through joblib's process pool
    _sweep(tmp_path / "sequential", *grid)
    parallel, sequential = _runs(tmp_path / "parallel"), _runs(tmp_path / "sequential")
    assert len(parallel) == 2 and parallel.keys() == sequential.keys()
    assert {_config(r)["experiment.seed"] for r in parallel.values()} == {0, 1}
    for h, run in parallel.items():
        assert _check_own_rows(run, 8) == _check_own_rows(sequential[h], 8)
        assert sequential[h].name == run.name


def test_submitit_local_runs_give_folders_the_leaderboard_lists(tmp_path):
    _need("hydra_plugins.hydra_submitit_launcher", "submitit")
    _sweep(tmp_path, "hydra/launcher=submitit_local", "hydra.launcher.timeout_min=10", "agent=random,greedy",
           "experiment.trials=1")
    assert any((tmp_path / ".submitit").rglob("*_result.pkl"))  # the jobs ran as submitit jobs
    runs = _runs(tmp_path)
    assert {_config(r)["agent.name"] for r in runs.values()} == {"random", "greedy"}
    for run in runs.values():
        _check_own_rows(run, 4)
    out = _run("experiments.leaderboard", f"dir={tmp_path}")
    assert "| 1 | greedy |" in out and "| 2 | random |" in out
    board = orjson.loads((tmp_path / "leaderboard.json").read_bytes())
    assert {Path(m["run_dir"]) for m in board} == set(runs.values())
    for m in board:
        metrics = orjson.loads((Path(m["run_dir"]) / "metrics.json").read_bytes())
        assert m["reward_mean"] == metrics["reward_mean"] and m["episodes"] == 4


def test_leaderboard_labels_tell_every_run_of_one_agent_apart(tmp_path):
    from experiments.leaderboard import labels

    def run(name, agent, **config):
        d = tmp_path / name
        d.mkdir()
        (d / "run_config.json").write_bytes(orjson.dumps({"hash": name, "config": {"agent.name": agent, **config}}))
        return {"agent": agent, "run_dir": str(d)}

    runs = [run("a", "random", **{"agent.seed": 1, "env.limit": 5, "experiment.trials": 1}),
            run("b", "random", **{"agent.seed": 2, "env.limit": 6, "experiment.trials": 1}),
            run("c", "random", **{"agent.seed": 2, "env.limit": 6, "experiment.trials": 3}),
            run("d", "greedy", **{"env.limit": 4}),
            run("e", "greedy", **{"env.limit": 4, "env.scenarios": "mine.jsonl"}),
            run("f", "oracle")]
    got = labels(runs)
    assert len(set(got)) == len(got), got  # no two rows read the same
    assert got[3] == "greedy (env.scenarios=<unset>)" and got[4] == "greedy (env.scenarios=mine.jsonl)"
    assert got[5] == "oracle"
    assert got[1] == "random (agent.seed=2, env.limit=6, experiment.trials=1)"  # differs from c only in trials
    assert got[2] == "random (agent.seed=2, env.limit=6, experiment.trials=3)"
