"""Every entry point ends on the user's own errors in one or two lines (experiments.cli): wrong set or split names
checked before anything loads, missing run folders and model paths with the path, unreachable endpoints with
the URL; HYDRA_FULL_ERROR=1 keeps the trace, and a bug keeps its trace."""

import os
import subprocess
import sys
from pathlib import Path

import httpx
import openai
import pytest
from omegaconf import OmegaConf

import codreamer_env as ce
from experiments import cli
from tests.servers import FaultServer, free_port

ROOT = Path(__file__).resolve().parent.parent


def _run(module, *args, full_error=False, timeout=300):
    env = {k: v for k, v in os.environ.items() if k != "HYDRA_FULL_ERROR"} | {"HF_HUB_OFFLINE": "1",
                                                                               "OPENAI_API_KEY": "sk-test"}
    if full_error:
        env["HYDRA_FULL_ERROR"] = "1"
    res = subprocess.run([sys.executable, "-m", f"experiments.{module}", *args], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=timeout)
    text = (res.stdout + res.stderr).replace("\r", "\n")  # progress bars redraw with \r
    lines = [ln for ln in text.splitlines() if ln.strip() and "%|" not in ln]
    return res, lines


def _one_error_line(res, lines, says):
    assert res.returncode != 0, lines
    assert len(lines) <= 2 and any(ln.startswith("error: ") and says in ln for ln in lines), lines


@pytest.mark.parametrize(("module", "override", "says"), [
    ("train_grpo", "env.split=tset", "env.split=tset: no scenario split default-v2/tset"),
    ("learn_loop", "env.scenario_set=defualt-v2", "env.scenario_set=defualt-v2: no scenario set 'defualt-v2'"),
    ("optimize_prompt", "optimizer.holdout_split=vla", "optimizer.holdout_split=vla: no scenario split"),
    ("benchmark", "env.scenario_set=hard-v9", "env.scenario_set=hard-v9: no scenario set 'hard-v9'"),
])
def test_a_wrong_set_or_split_stops_every_entry_point_before_it_loads_anything(tmp_path, module, override, says):
    res, lines = _run(module, override, f"hydra.run.dir={tmp_path / 'run'}", "output_dir=" + str(tmp_path / "o")
                      if module != "benchmark" else "experiment.plot=false", timeout=120)
    _one_error_line(res, lines, says)


@pytest.mark.parametrize(("module", "args"), [("rescore", ["run={p}"]), ("review", ["run={p}"]),
                                              ("sft", ["runs=[{p}]"])])
def test_a_missing_run_folder_is_named(tmp_path, module, args):
    missing = tmp_path / "no-such-run"
    res, lines = _run(module, *(a.format(p=missing) for a in args), f"hydra.run.dir={tmp_path / 'h'}")
    _one_error_line(res, lines, str(missing))
    assert not missing.exists() or not any(missing.iterdir())


def test_a_model_path_that_is_not_there_is_one_line(tmp_path):
    res, lines = _run("benchmark", "agent=smollm2", "agent.model=/nope/model", "experiment=smoke",
                      f"hydra.run.dir={tmp_path / 'run'}")
    _one_error_line(res, lines, "model '/nope/model'")


def test_an_unreachable_endpoint_names_its_url_and_the_trace_is_there_on_request(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/v1"
    args = ("agent=openai", f"agent.base_url={url}", "experiment=smoke",
            "experiment.plot=false")
    res, lines = _run("benchmark", *args, f"hydra.run.dir={tmp_path / 'a'}")
    _one_error_line(res, lines, f"cannot reach the OpenAI-compatible endpoint {url}/chat/completions")
    res, lines = _run("benchmark", *args, f"hydra.run.dir={tmp_path / 'b'}", full_error=True)
    assert res.returncode != 0 and "Traceback" in res.stderr and "APIConnectionError" in res.stderr


def test_a_refused_key_says_so_without_the_key():
    with FaultServer() as server:
        server.script = ["401_echo"]
        client = openai.OpenAI(base_url=server.base_url, api_key="sk-secret-123", max_retries=0)
        with pytest.raises(openai.APIError) as ei:
            client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    line = cli.error_line(ei.value)
    assert line.startswith(f"the OpenAI-compatible endpoint {server.base_url}/chat/completions answered 401")
    assert "check the API key" in line and "sk-secret-123" not in line


def test_the_decorator_passes_bugs_through_with_their_trace_and_turns_data_errors_into_one_line():
    @cli.friendly_errors
    def bug(cfg):
        raise KeyError("a bug")

    @cli.friendly_errors
    def bad_data(cfg):
        raise ce.DataError("score must be finite", file="f.jsonl", line=3, field="reward")

    cfg = OmegaConf.create({"env": {"scenario_set": "default-v2", "split": "test"}})
    with pytest.raises(KeyError):
        bug(cfg)
    with pytest.raises(SystemExit, match=r"^error: file f.jsonl, line 3, field 'reward': score must be finite$"):
        bad_data(cfg)
    with pytest.raises(SystemExit, match=r"env.split=tset: no scenario split default-v2/tset"):
        bad_data(OmegaConf.create({"env": {"scenario_set": "default-v2", "split": "tset"}}))


def test_a_timeout_names_the_url():
    request = httpx.Request("POST", "http://10.0.0.1:8000/v1/chat/completions")
    assert cli.error_line(openai.APITimeoutError(request=request)) == (
        "the OpenAI-compatible endpoint http://10.0.0.1:8000/v1/chat/completions timed out")


def test_a_scenario_file_of_ones_own_replaces_the_set_check_and_a_missing_one_is_named(tmp_path):
    cfg = OmegaConf.create({"env": {"scenarios": str(tmp_path / "mine.jsonl"), "scenario_set": "x", "split": "t"}})
    with pytest.raises(FileNotFoundError) as ei:
        cli.check_names(cfg)
    assert cli.error_line(ei.value) == f"no such scenario file (env.scenarios): {tmp_path / 'mine.jsonl'}"
    (tmp_path / "mine.jsonl").write_text("")
    cli.check_names(cfg)  # the set name is not used, so not checked


def test_an_endpoint_url_is_printed_without_user_info_or_query():
    request = httpx.Request("POST", "https://alice:sk-secret-123@llm.example.com/v1/chat/completions?api-key=sk-q-456")
    line = cli.error_line(openai.APIConnectionError(request=request))
    assert "https://llm.example.com/v1/chat/completions" in line and "sk-" not in line and "alice" not in line


def test_a_scenario_file_given_as_the_set_name_is_checked_as_a_file(tmp_path):
    mine = tmp_path / "mine.jsonl"
    with pytest.raises(FileNotFoundError):
        cli.check_names(OmegaConf.create({"env": {"scenario_set": str(mine), "split": "test"}}))
    mine.write_text("")
    cli.check_names(OmegaConf.create({"env": {"scenario_set": str(mine), "split": "test"}}))
