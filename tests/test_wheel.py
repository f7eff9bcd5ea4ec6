"""The wheel is self-contained: built from this tree and installed into a fresh venv, it finds its scenario sets
and Hydra configs from a folder outside the repository, and its console scripts run (docs/install.md).

The slow test builds the wheel from a copy of the packaging inputs (an in-tree build would write build/ and
*.egg-info into the checkout), installs torch==2.13.0 and then the wheel with its dependencies into a new venv
(pip's cache and find-links make that quick; PyPI is the only index reached), and runs everything with the
venv's own interpreter and scripts, cwd in a temp folder, CODREAMER_DATA and PYTHONPATH unset.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
SCRIPTS = {"codreamer-benchmark", "codreamer-leaderboard", "codreamer-report", "codreamer-train-grpo",
           "codreamer-sft", "codreamer-learn-loop", "codreamer-optimize-prompt", "codreamer-rescore",
           "codreamer-review", "codreamer-make-scenarios", "codreamer-serve"}
# What a wheel is built from: the readme pyproject names, the packages, and the folders package-dir maps.
BUILD_INPUTS = ("pyproject.toml", "README.md", "codreamer_env", "agents", "experiments", "configs", "data")

# One episode through gymnasium.make with a scripted action sequence: a raw completion, then OpenAI tool calls.
EPISODE = r'''
import json, sys
import gymnasium as gym
import codreamer_env
from codreamer_env.scenarios import data_dir

env = gym.make("codreamer/SalesEmail-v0")
obs, info = env.reset(seed=0)
first = info["brief"].first_name
actions = [
    '<tool_call>{"name": "get_connected_nodes", "arguments": {"node_id": "Customer Job"}}</tool_call>',
    {"type": "function", "function": {"name": "get_relevant_context",
                                      "arguments": json.dumps({"node_id": "Customer Job", "k": 3})}},
    {"type": "function", "function": {"name": "finalize_email", "arguments": json.dumps({
        "subject": "A quicker way to plan shifts",
        "body": f"Hi {first},\n\nWould a 20-minute call next week make sense?\n\nBest,\nSam",
        "citations": ["Customer Job"]})}},
]
steps = []
for action in actions:
    obs, reward, terminated, truncated, info = env.step(action)
    steps.append([obs, reward, terminated, truncated])
test_set = codreamer_env.load_scenarios("default-v1", split="test")
print(json.dumps({"steps": steps, "invalid_actions": info["invalid_actions"], "scenario_id": info["scenario_id"],
                  "components": info["reward_components"], "has_trajectory": "trajectory" in info,
                  "test_ids": [s.id for s in test_set], "data_dir": str(data_dir()),
                  "files": {m: sys.modules[m].__file__ for m in ("codreamer_env", "gymnasium")}}))
'''

# A user's project whose own top-level `agents` and `experiments` packages sit beside a script that uses the
# library in-process (docs/install.md, "Your own agents and experiments packages").
USER_SCRIPT = '''
import gymnasium as gym
import agents, experiments  # the project's own packages: this folder is sys.path[0]
import codreamer_env
from myco_agents import FinalizeNow  # on PYTHONPATH=src

assert agents.WHO == "user" and experiments.WHO == "user", (agents.__file__, experiments.__file__)
env = gym.make("codreamer/SalesEmail-v0")
obs, info = env.reset(seed=0)
obs, reward, terminated, truncated, info = env.step(FinalizeNow().act(obs, info))
assert terminated and 0.0 <= reward <= 1.0 and info["invalid_actions"] == 0, info
print("ok", codreamer_env.__file__)
'''
USER_AGENT = '''
"""A user's agent, in a package whose name is not one of the library's top-level packages."""
import json
from codreamer_env.runner import Agent


class FinalizeNow(Agent):
    name = "finalize-now"

    def act(self, observation, info):
        args = {"subject": "Quick idea", "body": "Hi, would a short call next week make sense?", "citations": []}
        return {"type": "function", "function": {"name": "finalize_email", "arguments": json.dumps(args)}}
'''


def _package_dirs() -> dict[str, Path]:
    """Every regular package in the tree (a folder with __init__.py under a top-level package)."""
    return {".".join(p.parent.relative_to(ROOT).parts): p.parent
            for top in ("codreamer_env", "agents", "experiments") for p in sorted((ROOT / top).rglob("__init__.py"))}


def test_package_list_names_every_package_and_entry_point():
    setup = PYPROJECT["tool"]["setuptools"]
    listed, mapped = set(setup["packages"]), setup["package-dir"]
    missing = sorted(set(_package_dirs()) - listed)
    assert not missing, f"add these packages to [tool.setuptools] packages in pyproject.toml: {missing}"
    for name in sorted(listed):
        folder = ROOT / mapped[name] if name in mapped else ROOT / name.replace(".", "/")
        assert folder.is_dir(), f"pyproject.toml lists package {name!r}, but {folder} is not a folder"
    assert mapped == {"codreamer_env.data": "data", "experiments.configs": "configs"}
    scripts = PYPROJECT["project"]["scripts"]
    assert set(scripts) == SCRIPTS
    for script, target in scripts.items():
        module, func = target.split(":")
        path = ROOT / (module.replace(".", "/") + ".py")
        path = path if path.exists() else path.with_suffix("") / "__init__.py"
        assert f"def {func}(" in path.read_text(), f"{script}: {target} has no function {func}"


def _clean_env(**extra: str) -> dict[str, str]:
    drop = {"CODREAMER_DATA", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", WANDB_MODE="offline", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.update(extra)
    return env


def _run(cmd: list[str], cwd: Path, timeout: int = 600, **env: str) -> subprocess.CompletedProcess:
    res = subprocess.run(cmd, cwd=cwd, env=_clean_env(**env), capture_output=True, text=True, timeout=timeout)
    assert res.returncode == 0, f"{' '.join(map(str, cmd))} (cwd {cwd}) failed:\n{res.stdout[-3000:]}\n{res.stderr[-5000:]}"
    return res


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(wheel, venv, a work folder outside the repository, the copy of the tree the wheel was built from): the
    wheel built from this tree, installed alone."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(src), "-w", str(tmp / "dist")], cwd=tmp)
    (wheel,) = (tmp / "dist").glob("codreamer_env-*.whl")
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp)
    py = venv / "bin" / "python"
    _run([str(py), "-m", "pip", "install", "-q", "torch==2.13.0"], cwd=tmp)  # first: pinned, CPU, from the cache
    _run([str(py), "-m", "pip", "install", "-q", str(wheel)], cwd=tmp)
    work = tmp / "work"
    work.mkdir()
    yield wheel, venv, work, src
    # ~1.7 GB in ~50k files, not worth keeping among pytest's last three temp dirs; deleting them takes 30 s to
    # 2 min on a busy 2-core machine, so `rm -rf` runs on in the background instead of holding up the suite.
    subprocess.Popen(["rm", "-rf", str(venv)], start_new_session=True, stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.slow
def test_wheel_holds_data_configs_and_console_scripts(installed):
    wheel, _venv, _work, src = installed  # compared with the copy it was built from: the tree may change meanwhile
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        entry_points = next(z.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))
    shipped_data = {f"codreamer_env/data/{p.relative_to(src / 'data').as_posix()}"
                    for p in [src / "data/scenarios/MANIFEST.json", *(src / "data/scenarios").glob("*/*.jsonl")]}
    shipped_configs = {f"experiments/configs/{p.relative_to(src / 'configs').as_posix()}"
                       for p in (src / "configs").rglob("*.yaml")}
    assert "codreamer_env/data/scenarios/default-v1/test.jsonl" in shipped_data
    assert "experiments/configs/config.yaml" in shipped_configs
    assert shipped_data <= names, sorted(shipped_data - names)
    assert shipped_configs <= names, sorted(shipped_configs - names)
    assert {"codreamer_env/integrations/smollm2_tools.jinja", "experiments/report/report.css"} <= names
    assert not [n for n in names if n.split("/")[0] in ("data", "configs", "tests", "benchmarks")]
    for script in SCRIPTS:
        assert f"{script} = " in entry_points, script


@pytest.mark.slow
def test_installed_wheel_finds_its_data_outside_the_repo(installed):
    _wheel, venv, work, src = installed
    (work / "episode.py").write_text(EPISODE)
    got = json.loads(_run([str(venv / "bin/python"), "episode.py"], cwd=work).stdout.splitlines()[-1])
    site = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    assert Path(got["files"]["codreamer_env"]).parent == site / "codreamer_env"  # not the checkout
    assert Path(got["data_dir"]) == site / "codreamer_env" / "data"
    rows = (src / "data/scenarios/default-v1/test.jsonl").read_text().splitlines()
    assert got["test_ids"] == [json.loads(r)["id"] for r in rows] and len(rows) > 100
    assert got["invalid_actions"] == 0 and got["has_trajectory"]
    assert [s[2] for s in got["steps"]] == [False, False, True]  # finalize_email ended it
    assert got["steps"][-1][0].startswith("Email finalized")
    assert 0.0 <= got["steps"][-1][1] <= 1.0 and "grounding" in got["components"]
    # The same episode in this checkout (editable install) scores byte for byte the same.
    here = json.loads(_run([sys.executable, "episode.py"], cwd=work).stdout.splitlines()[-1])
    assert (here["steps"], here["components"], here["test_ids"]) == (got["steps"], got["components"], got["test_ids"])
    assert Path(here["data_dir"]) == ROOT / "data"
    # CODREAMER_DATA replaces the shipped sets: a folder of your own, laid out as scenarios/<set>/<split>.jsonl.
    mine = work / "mydata" / "scenarios" / "mine-v1"
    mine.mkdir(parents=True)
    (mine / "test.jsonl").write_text("\n".join(rows[:2]) + "\n")
    check = ("import codreamer_env as ce\nfrom codreamer_env.errors import DataError\n"
             "print(len(ce.load_scenarios('mine-v1')))\n"
             "try:\n    ce.load_scenarios('default-v1')\nexcept DataError as exc:\n    print(exc)\n")
    out = _run([str(venv / "bin/python"), "-c", check], cwd=work, CODREAMER_DATA=str(work / "mydata")).stdout
    assert out.splitlines()[0] == "2" and "no scenario set 'default-v1'; sets: mine-v1" in out


@pytest.mark.slow
def test_console_scripts_run_from_the_wheel(installed):
    _wheel, venv, work, _src = installed
    bin_ = venv / "bin"
    res = _run([str(bin_ / "codreamer-benchmark"), "agent=greedy", "experiment=quickstart"], cwd=work)
    (metrics,) = (work / "outputs/benchmark/quickstart").glob("greedy-*/metrics.json")
    m = json.loads(metrics.read_text())
    assert m["agent"] == "greedy" and m["episodes"] == 16 and 0.0 <= m["reward_mean"] <= 1.0, m
    assert "greedy: reward" in res.stdout + res.stderr
    res = _run([str(bin_ / "codreamer-leaderboard"), f"dir={work / 'outputs/benchmark'}"], cwd=work)
    assert "| 1 | greedy |" in res.stdout
    assert (work / "outputs/benchmark/leaderboard.md").read_text().count("| greedy |") == 1
    for script in SCRIPTS - {"codreamer-benchmark", "codreamer-leaderboard"}:
        assert (bin_ / script).is_file(), script
    # The wheel without its distributed extra: codreamer-serve says which extra, in one line, instead of a trace.
    res = subprocess.run([str(bin_ / "codreamer-serve"), "--help"], cwd=work, capture_output=True, text=True)
    assert res.returncode != 0 and res.stderr.strip() == (
        "codreamer-serve: the env service needs the websockets package: pip install 'codreamer-env[distributed]'")


@pytest.mark.slow
def test_user_config_dir_and_own_agents_package(installed):
    """A project with its own top-level `agents`/`experiments` packages: the console scripts and the library work
    beside them, with the project's agent in a package of another name; `python -m experiments.*` does not."""
    _wheel, venv, work, _src = installed
    proj = work / "myproject"
    for pkg in ("agents", "experiments"):
        (proj / pkg).mkdir(parents=True)
        (proj / pkg / "__init__.py").write_text('WHO = "user"\n')
    (proj / "src/myco_agents").mkdir(parents=True)
    (proj / "src/myco_agents/__init__.py").write_text(USER_AGENT)
    (proj / "conf/agent").mkdir(parents=True)
    (proj / "conf/agent/finalize_now.yaml").write_text("name: finalize-now\n_target_: myco_agents.FinalizeNow\n")
    (proj / "conf/experiment").mkdir(parents=True)
    (proj / "conf/experiment/tiny.yaml").write_text(
        "# @package _global_\nexperiment:\n  name: tiny\n  trials: 1\nenv:\n  limit: 3\n  max_turns: 2\n")
    (proj / "use_library.py").write_text(USER_SCRIPT)
    bin_ = venv / "bin"
    res = _run([str(bin_ / "python"), "use_library.py"], cwd=proj, PYTHONPATH="src")
    assert "ok" in res.stdout and str(venv) in res.stdout
    # --config-dir adds the project's groups (agent=finalize_now, experiment=tiny) to the shipped tree.
    _run([str(bin_ / "codreamer-benchmark"), "--config-dir", "conf", "agent=finalize_now", "experiment=tiny"],
         cwd=proj, PYTHONPATH="src")
    (metrics,) = (proj / "outputs/benchmark/tiny").glob("finalize-now-*/metrics.json")
    assert json.loads(metrics.read_text())["episodes"] == 3
    # hydra.searchpath does the same from an override (or from a primary config of your own).
    _run([str(bin_ / "codreamer-benchmark"), f"hydra.searchpath=[file://{proj / 'conf'}]", "agent=greedy",
          "experiment=tiny"], cwd=proj)
    assert list((proj / "outputs/benchmark/tiny").glob("greedy-*/metrics.json"))
    # What docs/install.md warns about: from the project's folder, `python -m` (or a console script with
    # PYTHONPATH=.) finds the project's `experiments` first.
    res = subprocess.run([str(bin_ / "python"), "-m", "experiments.benchmark", "agent=greedy"], cwd=proj,
                         env=_clean_env(), capture_output=True, text=True, timeout=300)
    assert res.returncode != 0 and "No module named experiments.benchmark" in res.stderr
    res = subprocess.run([str(bin_ / "codreamer-benchmark"), "agent=greedy"], cwd=proj, env=_clean_env(PYTHONPATH="."),
                         capture_output=True, text=True, timeout=300)
    assert res.returncode != 0 and "No module named 'experiments.benchmark'" in res.stderr
