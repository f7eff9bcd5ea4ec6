"""The prototype's data end to end (its real files in ../shared/fixtures/prototype, docs/prototype.md): its graph and
its prospect -> `make_scenarios` -> a scenario file -> the benchmark with the greedy agent and with SmolLM2 -> one
learn-loop iteration (tiny model) that starts from the prototype's own node_scores.json -> the updated scores written
back in its `{node id: score}` form, reconciled with its graph. And the other entry points on a scenario file:
rescore and SFT (`play=`), the prompt optimizer (a one-split file divided into search and held-out scenarios)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import codreamer_env as ce
from codreamer_env.user_data import make_scenarios
from tests.test_user_data import CSV, GOAL, KG, PROTOTYPE, SPEC

ROOT = Path(__file__).resolve().parent.parent
# CI has ../shared beside the clone: there a missing fixture fails instead of skipping.
PROTO = ROOT.parent / "shared" / "fixtures" / "prototype"


def _prototype() -> Path:
    if not (PROTO / "graph.json").is_file() or not (PROTO / "node_scores.json").is_file():
        msg = f"the prototype fixtures ({PROTO}) are absent"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return PROTO


def _run(module: str, *overrides: str, timeout: int = 300) -> tuple[str, float]:
    """`python -m experiments.<module> <overrides>` offline (this session's model cache): (output, wall seconds)."""
    env = {k: v for k, v in os.environ.items() if k != "HYDRA_FULL_ERROR"} | {
        "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    t0 = time.monotonic()
    res = subprocess.run([sys.executable, "-m", f"experiments.{module}", *overrides], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=timeout)
    out = res.stdout + res.stderr
    assert res.returncode == 0, out[-4000:]
    return out, time.monotonic() - t0


def _rows(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def _benchmark(tmp_path: Path, file: Path, name: str, *overrides: str) -> tuple[dict, list[dict], float]:
    run = tmp_path / name
    _out, wall = _run("benchmark", f"env.scenarios={file}", "experiment=smoke", f"hydra.run.dir={run}", *overrides)
    return json.loads((run / "metrics.json").read_text()), _rows(run / "trajectories.jsonl"), wall


@pytest.mark.slow
def test_the_prototype_end_to_end(tmp_path):
    proto = _prototype()
    t0 = time.monotonic()
    timings: dict[str, float] = {}

    # 1. Its graph and its prospect become a scenario file (the call tests/test_user_data.py makes).
    file = tmp_path / "prototype.jsonl"
    (made,) = make_scenarios(proto / "graph.json", out=file, **PROTOTYPE)
    (s,) = ce.load_scenarios(path=file)
    assert s.model_dump() == made.model_dump() and s.id == "prototype/test/0000" and s.gold_derived
    timings["make_scenarios"] = time.monotonic() - t0

    # 2. The benchmark plays it: the greedy agent, then SmolLM2 (one scenario, two short turns).
    for agent, overrides in (("greedy", ()),
                             ("smollm2", ("env.limit=1", "env.max_turns=2", "agent.max_new_tokens=16"))):
        m, rows, timings[f"benchmark {agent}"] = _benchmark(tmp_path, file, agent, f"agent={agent}", *overrides)
        assert (m["agent"], m["episodes"], m["gold"], m["scenarios_file"]) == (agent, 1, "derived", str(file))
        assert (m["scenario_set"], m["split"]) == ("prototype", "test")
        assert [r["scenario_id"] for r in rows] == [s.id] and 0.0 <= rows[0]["reward"] <= 1.0
    assert rows[0]["completion_tokens"] > 0  # SmolLM2 really generated

    # 3. One learn-loop iteration from the prototype's own node scores (a writable copy), written back in its form.
    original = json.loads((proto / "node_scores.json").read_text())
    scores_file = tmp_path / "node_scores.json"
    shutil.copyfile(proto / "node_scores.json", scores_file)
    scores_file.chmod(0o644)
    out = tmp_path / "learn_loop"
    _log, timings["learn_loop"] = _run(
        "learn_loop", "experiment=smoke", f"env.scenarios={file}", "learn_loop.generator=greedy",
        "learn_loop.episodes_per_iter=1", f"learn_loop.initial_node_scores={scores_file}", "learn_loop.write_back=true",
        f"output_dir={out}")
    written = json.loads(scores_file.read_text())
    assert written == json.loads((out / "node_scores.json").read_text())  # written back = the run's copy
    # The prototype's form: a plain {node id: score} map with the same 16 ids, in the same order, scores in [0, 1].
    assert list(written) == list(original) and len(written) == 16
    assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in written.values())
    reconciled = ce.NodeScores.load(scores_file, ce.KnowledgeGraph.load(proto / "graph.json"))
    assert (reconciled.report.dropped, reconciled.report.added, reconciled.report.clamped) == ([], [], [])

    # The nodes the episode cited moved by the loop's rule from the prototype's values; the others did not move.
    (episode,) = _rows(out / "iter1_trajectories.jsonl")
    assert episode["scenario_id"] == s.id and episode["citations"]
    touched = set(episode["citations"]) & set(original)
    assert touched, episode["citations"]
    eta, r = 0.1, episode["reward"]  # learn_loop.eta's default
    for nid, before in original.items():
        if nid in touched:
            assert written[nid] == pytest.approx(min(1.0, max(0.0, before + eta * (r - before))), abs=1e-6), nid
            assert written[nid] != before or before == r, nid
        else:
            assert written[nid] == before, nid
    metrics = json.loads((out / "iter1_metrics.json").read_text())
    changes = metrics["node_scores_file_changes"]
    assert set(changes) == {n for n in touched if written[n] != original[n]}
    # The scenario's own scores (the ones the tools rank with) started from the prototype's file, not from 1.0.
    assert {k: v[0] for k, v in metrics["node_score_changes"][s.id].items()} == {k: original[k] for k in touched}
    evals = [row["scenario_id"] for p in (out / "eval").glob("*/trajectories.jsonl") for row in _rows(p)]
    assert evals and set(evals) == {s.id}  # the val evaluations played the file (its one split)
    print(f"\nnode scores moved: {changes}; reward {r}; timings (s): "
          + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()) + f"; total {time.monotonic() - t0:.1f}")


@pytest.fixture(scope="module")
def user_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("user") / "scenarios.jsonl"
    make_scenarios(KG, CSV, SPEC, GOAL, out=out)
    return out


def test_a_one_split_file_is_divided_into_search_and_held_out_scenarios(user_file, tmp_path):
    from omegaconf import OmegaConf

    from experiments.config import EnvConfig
    from experiments.optimize_prompt import search_and_holdout

    env = OmegaConf.merge(OmegaConf.structured(EnvConfig), {"scenarios": str(user_file)})
    search, holdout = search_and_holdout(env, "train", "val")
    assert [x.id for x in search] == ["custom/test/0000", "custom/test/0002"]
    assert [x.id for x in holdout] == ["custom/test/0001"]
    assert search_and_holdout(env, "train", "val") == (search, holdout)  # deterministic
    one = tmp_path / "one.jsonl"
    one.write_text(user_file.read_text().splitlines()[0] + "\n")
    with pytest.raises(ce.DataError) as e:
        search_and_holdout(OmegaConf.merge(env, {"scenarios": str(one)}), "train", "val")
    assert str(one) in str(e.value) and "at least 2 scenarios" in str(e.value)


@pytest.mark.slow
def test_rescore_sft_and_the_prompt_optimizer_play_a_scenario_file(user_file, tmp_path):
    ids = {"custom/test/0000", "custom/test/0001", "custom/test/0002"}
    out, _ = _run("rescore", "experiment=smoke", f"env.scenarios={user_file}", f"hydra.run.dir={tmp_path / 'rescore'}")
    rescored = _rows(tmp_path / "rescore" / "played-greedy" / "rescored.jsonl")
    assert {r["scenario_id"] for r in rescored} == ids and "3 trajectories re-scored" in out
    # A run re-scored by itself (no env.scenarios) finds its scenario file in its metrics.json.
    _run("rescore", f"run={tmp_path / 'rescore' / 'played-greedy'}", f"hydra.run.dir={tmp_path / 'rescore2'}")
    _run("sft", "experiment=smoke", f"env.scenarios={user_file}", f"output_dir={tmp_path / 'sft'}")
    assert {r["scenario_id"] for r in _rows(tmp_path / "sft" / "played-oracle" / "trajectories.jsonl")} == ids
    assert (tmp_path / "sft" / "final" / "config.json").exists()
    out, _ = _run("optimize_prompt", "experiment=smoke", "agent=instruction_follower", f"env.scenarios={user_file}",
                  f"output_dir={tmp_path / 'opt'}")
    assert "scenarios 1, 3, 5, ... (2) to search on, 2, 4, 6, ... (1) held out" in out
    played = {r["scenario_id"] for r in _rows(tmp_path / "opt" / "round0" / "trajectories.jsonl")}
    assert played and played <= {"custom/test/0000", "custom/test/0002"}  # the search half only
