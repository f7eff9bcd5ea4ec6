"""Episodes on Ray (experiment.executor=ray): the same rows as the local executor, a killed worker's episodes
played again and written once, resume without duplicates, and the real CLI. A local Ray (2 CPUs, no dashboard)
is started once for the module; skipped when Ray is not installed, unless $CI is set (then it fails)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import orjson
import pytest
from omegaconf import OmegaConf

try:
    import ray
except ImportError:  # pragma: no cover - depends on the install
    if os.environ.get("CI"):
        raise
    pytest.skip("needs ray (pip install 'codreamer-env[distributed]')", allow_module_level=True)

import codreamer_env as ce
from agents.scripted import RandomAgent
from codreamer_env import runner
from experiments import runs
from experiments.config import AgentConfig, RewardConfig
from experiments.evaluation import benchmark
from experiments.executors import LocalEpisodes, RayEpisodes, plan_units
from experiments.factory import make_agent, make_reward
from experiments.layout import TRAJECTORIES

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = str(ROOT / "configs")
TRIALS = 2
JUDGE, REWARD = {"name": "rubric"}, {"alpha": 1.0, "beta": 0.0, "gamma": 0.0, "feedback_paths": []}
CRASH_DIR = "CODREAMER_TEST_CRASH_DIR"


class CrashOnceAgent(RandomAgent):
    """The random agent, except that the first time one of its batches has some episodes ended and others still
    running, it waits until the driver has written the ended ones' rows (in $CODREAMER_TEST_CRASH_DIR/run), then
    kills its own process (SIGKILL: no cleanup, as the OOM killer or a lost node would), once per marker file.
    Built on the Ray worker by make_agent (agent._target_)."""

    name = "crash_once"

    def begin_batch(self, seeds: Any) -> None:
        super().begin_batch(seeds)
        self._batch = len(seeds)

    def act_batch(self, observations: list[str], infos: list[dict[str, Any]]) -> list[Any]:
        base = Path(os.environ[CRASH_DIR])
        if len(observations) < self._batch and not (base / "crashed").exists():
            (base / "crashed").write_text(str(os.getpid()))
            rows, ended = base / "run" / TRAJECTORIES, self._batch - len(observations)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and (not rows.exists() or len(rows.read_bytes().splitlines()) < ended):
                time.sleep(0.05)
            os.kill(os.getpid(), signal.SIGKILL)
        return super().act_batch(observations, infos)


@pytest.fixture(scope="module")
def ray_local(tmp_path_factory):
    """A local Ray for this module: 2 CPUs, no dashboard; the workers get the env the tests need."""
    base = tmp_path_factory.mktemp("ray")
    env = {CRASH_DIR: str(base), "CODREAMER_CACHE": str(base / "cache"), "HF_HUB_OFFLINE": "1"}
    ray.init(address="local", num_cpus=2, include_dashboard=False, runtime_env={"env_vars": env},
             object_store_memory=100 * 1024 * 1024)
    yield env
    ray.shutdown()


@pytest.fixture(scope="module")
def scenarios():
    return ce.load_scenarios("default", "test", limit=3)


def _ray_episodes(agent: str | dict[str, Any], scenarios: list[ce.Scenario], cls: type = RayEpisodes,
                  workers: int = 2, **kw: Any) -> RayEpisodes:
    cfg = {"name": agent, "seed": 0} if isinstance(agent, str) else agent
    return cls(cfg, JUDGE, REWARD, scenarios, {"max_turns": None}, workers=workers, **kw)


def _agent(name: str, scenarios: list[ce.Scenario]) -> Any:
    return make_agent(OmegaConf.merge(OmegaConf.structured(AgentConfig), {"name": name, "seed": 0}), scenarios)


def _reward() -> Any:
    return make_reward(JUDGE, OmegaConf.merge(OmegaConf.structured(RewardConfig), REWARD))


def _local(agent: str, scenarios: list[ce.Scenario], out: Path, **kw: Any) -> list[dict[str, Any]]:
    return _local_run(agent, scenarios, out, **kw)[1]


def _local_run(agent: str, scenarios: list[ce.Scenario], out: Path, **kw: Any) -> tuple[dict, list[dict]]:
    return benchmark(_agent(agent, scenarios), _reward(), scenarios, out, trials=TRIALS, bootstrap=50, **kw)


def _run(episodes: RayEpisodes, scenarios: list[ce.Scenario], out: Path, **kw: Any) -> tuple[dict, list[dict]]:
    return benchmark(episodes.agent, _reward(), scenarios, out, trials=TRIALS, bootstrap=50, executor=episodes, **kw)


def _file_rows(out: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in (out / TRAJECTORIES).read_bytes().splitlines() if line.strip()]


def _by_key(rows: list[dict[str, Any]], drop: tuple[str, ...] = ("wall_s",)) -> dict[tuple[str, int], dict]:
    return {(r["scenario_id"], r["trial"]): {k: v for k, v in r.items() if k not in drop} for r in rows}


def _rewards(rows: list[dict[str, Any]]) -> dict[tuple[str, int], float]:
    return {(r["scenario_id"], r["trial"]): r["reward"] for r in rows}


@pytest.mark.parametrize("agent", ["random", "greedy", "oracle"])
def test_ray_rows_match_local(agent, ray_local, scenarios, tmp_path):
    """executor=ray: per-scenario rewards (and every row field but wall time, and the metrics) equal the local
    executor's."""
    local_metrics, local = _local_run(agent, scenarios, tmp_path / "local", batch_size=4)
    with _ray_episodes(agent, scenarios) as episodes:
        metrics, rows = _run(episodes, scenarios, tmp_path / "ray", batch_size=4)
        assert episodes.retries == 0
    assert _by_key(rows) == _by_key(local)
    file_rows = _file_rows(tmp_path / "ray")
    assert len(file_rows) == len(scenarios) * TRIALS and _by_key(file_rows) == _by_key(local)
    assert metrics["agent"] == agent and metrics["episodes"] == len(scenarios) * TRIALS
    assert {**metrics, "wall_s_this_run": 0} == {**local_metrics, "wall_s_this_run": 0}
    assert metrics["reference"] is (agent == "oracle")


@pytest.mark.parametrize("workers", [1, 2])
def test_killed_worker_episodes_replayed_once(workers, ray_local, scenarios, tmp_path):
    """A worker killed mid-unit (SIGKILL of its process, after some of the unit's rows were delivered) is
    restarted, its unit played again, and every (scenario, trial) row is written exactly once, as local. With one
    worker, the run waits for Ray to restart it."""
    (Path(ray_local[CRASH_DIR]) / "crashed").unlink(missing_ok=True)
    shutil.rmtree(Path(ray_local[CRASH_DIR]) / "run", ignore_errors=True)
    local = _local("random", scenarios, tmp_path / "local", batch_size=3)
    agent = {"name": "crash_once", "_target_": f"{__name__}.CrashOnceAgent", "seed": 0}
    with _ray_episodes(agent, scenarios, workers=workers) as episodes:
        pids = set(episodes.worker_pids())
        _metrics, rows = _run(episodes, scenarios, out := Path(ray_local[CRASH_DIR]) / "run", batch_size=3)
        # the unit's 2 rows written before the kill came again and were dropped
        assert (episodes.retries, episodes.duplicates) == (1, 2)
        killed = int((Path(ray_local[CRASH_DIR]) / "crashed").read_text())
        assert killed in pids and killed not in set(episodes.worker_pids())  # that process is gone, replaced
    file_rows = _file_rows(out)
    assert len(file_rows) == len(scenarios) * TRIALS == len(_by_key(file_rows))  # no row lost, none doubled
    assert _rewards(file_rows) == _rewards(rows) == _rewards(local)
    assert _by_key(file_rows, drop=("wall_s", "agent")) == _by_key(local, drop=("wall_s", "agent"))


class KillFirstWorker(RayEpisodes):
    """Kills worker 0 for good (ray.kill, no restart) once the first row is written, wherever it is."""

    def run(self, jobs, *, batch_size, on_row, group_by="episode"):
        self.killed = None

        def hook(row):
            on_row(row)
            if self.killed is None:
                self.killed = self.actors[0]
                ray.kill(self.killed, no_restart=True)

        super().run(jobs, batch_size=batch_size, on_row=hook, group_by=group_by)


def test_worker_killed_for_good_is_replaced(ray_local, scenarios, tmp_path):
    """A worker that Ray will not restart (ray.kill) is replaced by a new one; no row is lost or doubled."""
    local = _local("greedy", scenarios, tmp_path / "local", batch_size=1)
    with _ray_episodes("greedy", scenarios, cls=KillFirstWorker) as episodes:
        _run(episodes, scenarios, tmp_path / "ray", batch_size=1)
        assert episodes.retries >= 1 and episodes.killed not in episodes.actors  # 5 units were left for it
    file_rows = _file_rows(tmp_path / "ray")
    assert len(file_rows) == len(scenarios) * TRIALS == len(_by_key(file_rows))
    assert _by_key(file_rows) == _by_key(local)


class _Stop(Exception):
    pass


class StopAfter(RayEpisodes):
    """Stops the run (as Ctrl-C or a lost driver would) once `n` rows have been written."""

    def __init__(self, *a: Any, n: int, **kw: Any) -> None:
        super().__init__(*a, **kw)
        self.n = n

    def run(self, jobs, *, batch_size, on_row, group_by="episode"):
        seen = []

        def hook(row):
            on_row(row)
            seen.append(row)
            if len(seen) == self.n:
                raise _Stop

        super().run(jobs, batch_size=batch_size, on_row=hook, group_by=group_by)


def test_resume_with_ray_completes_without_duplicates(ray_local, scenarios, tmp_path):
    """A run stopped part-way (plus a torn last line) and resumed with executor=ray plays only the rest."""
    local = _local("greedy", scenarios, tmp_path / "local", batch_size=2)
    out = tmp_path / "ray"
    with _ray_episodes("greedy", scenarios, cls=StopAfter, n=2) as episodes, pytest.raises(_Stop):
        _run(episodes, scenarios, out, batch_size=2)
    assert len(_file_rows(out)) == 2
    with open(out / TRAJECTORIES, "ab") as fh:  # a crash mid-write
        fh.write(b'{"scenario_id": "default-v2/test/00')
    with _ray_episodes("greedy", scenarios) as episodes:
        metrics, rows = _run(episodes, scenarios, out, batch_size=2)
    file_rows = _file_rows(out)
    assert metrics["episodes_this_run"] == len(scenarios) * TRIALS - 2
    assert len(file_rows) == len(rows) == len(scenarios) * TRIALS == len(_by_key(file_rows))
    assert _by_key(file_rows) == _by_key(local)


def test_scenario_groups_stay_together(ray_local, scenarios):
    """group_by="scenario": units hold whole runs of a scenario's trials, and Ray's rows equal local ones."""
    jobs = runner.make_jobs(scenarios, 3, 0)
    units = plan_units(jobs, 4, "scenario")
    assert [len(u) for u in units] == [3, 3, 3]  # 4 would split a scenario's 3 trials
    assert all(len({j.scenario_id for j in u}) == 1 for u in units)
    assert [len(u) for u in plan_units(jobs, 4, "episode")] == [4, 4, 1]
    assert [len(u) for u in plan_units(jobs, 7, "scenario")] == [6, 3]
    local: list[dict] = []
    LocalEpisodes(_agent("random", scenarios), _reward(), scenarios).run(
        jobs, batch_size=4, on_row=local.append, group_by="scenario")
    remote: list[dict] = []
    with _ray_episodes("random", scenarios) as episodes:
        episodes.run(jobs, batch_size=4, on_row=remote.append, group_by="scenario")
    assert _by_key(remote) == _by_key(local) and len(remote) == len(jobs)
    for sid in {j.scenario_id for j in jobs}:  # a scenario's rows arrive together, in trial order
        trials = [r["trial"] for r in remote if r["scenario_id"] == sid]
        start = [r["scenario_id"] for r in remote].index(sid)
        assert trials == [0, 1, 2] and [r["trial"] for r in remote[start:start + 3]] == [0, 1, 2]


def test_worker_build_error_is_raised_as_itself(ray_local, scenarios):
    """An agent that cannot be built on the worker stops the run with the factory's own error, not a Ray trace."""
    bad = {"name": "mine", "_target_": "no_such_module.Agent"}
    with pytest.raises(ValueError, match="cannot import it"), _ray_episodes(bad, scenarios):
        pass


def _compose(*overrides: str):
    from hydra import compose, initialize_config_dir

    from experiments import config as _config  # noqa: F401 - registers the schemas

    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        return compose(config_name="config", overrides=["experiment=smoke", *overrides])


def test_executor_settings_not_in_run_hash():
    """executor, workers and ray_address do not change the rows, so they do not change the run's folder."""
    base = runs.config_hash(runs.identity(_compose("agent=greedy")))
    for extra in (["experiment.executor=ray"], ["experiment.executor=ray", "experiment.workers=7",
                                                 "experiment.ray_address=auto"]):
        ident = runs.identity(_compose("agent=greedy", *extra))
        assert runs.config_hash(ident) == base and not any("executor" in k or "workers" in k for k in ident)
    with pytest.raises(ValueError, match="experiment.executor='dask'"):
        from experiments.executors import make_executor

        make_executor(_compose("experiment.executor=dask"), [], None)


def test_cli_benchmark_on_ray(tmp_path):
    """The real CLI with experiment.executor=ray (its own local Ray): the same rows and hash as a local run."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "CODREAMER_CACHE": str(tmp_path / "cache")}
    env.pop("RAY_ADDRESS", None)
    outs = {}
    for executor in ("ray", "local"):
        out = tmp_path / executor
        cmd = [sys.executable, "-m", "experiments.benchmark", "agent=greedy", "experiment=smoke",
               f"experiment.executor={executor}", "experiment.workers=2", "experiment.plot=false",
               f"hydra.run.dir={out}"]
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert "greedy: reward" in proc.stdout
        outs[executor] = out
    ray_rows, local_rows = _file_rows(outs["ray"]), _file_rows(outs["local"])
    assert len(ray_rows) == 4 and _by_key(ray_rows) == _by_key(local_rows)
    hashes = {orjson.loads((o / runs.RUN_CONFIG).read_bytes())["hash"] for o in outs.values()}
    assert len(hashes) == 1


def test_an_llm_agent_on_an_openai_endpoint_plays_on_ray_workers_as_locally(tmp_path, fault_server):
    """agent=openai: each worker builds its own client from the config and calls the endpoint; rows equal local."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "OPENAI_API_KEY": "sk-test"}
    env.pop("RAY_ADDRESS", None)
    outs = {}
    for executor in ("ray", "local"):
        out = tmp_path / executor
        cmd = [sys.executable, "-m", "experiments.benchmark", "agent=openai", f"agent.base_url={fault_server.base_url}",
               "agent.model=fault", "experiment=smoke", "env.limit=2", "env.max_turns=2", "experiment.batch_size=2",
               f"experiment.executor={executor}", "experiment.workers=2", "experiment.plot=false",
               f"hydra.run.dir={out}"]
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
        assert proc.returncode == 0, proc.stderr[-3000:]
        outs[executor] = out
    ray_rows, local_rows = _file_rows(outs["ray"]), _file_rows(outs["local"])
    assert len(ray_rows) == 2 and _by_key(ray_rows) == _by_key(local_rows)
    assert fault_server.requests >= 4  # both runs called the endpoint
