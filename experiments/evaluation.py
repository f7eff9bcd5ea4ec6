"""Evaluation with objects in: an agent (a configured one or a live model), a reward model, scenarios.

`benchmark` is what `experiments.benchmark` runs after building the objects from its config; the training
scripts call it (through `evaluate_policy`) with the policy being trained. Both play and score through
`codreamer_env.runner`.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import orjson
from omegaconf import DictConfig, OmegaConf
from tqdm import tqdm

import codreamer_env as ce
from codreamer_env import runner
from codreamer_env._io import read_jsonl_rows
from codreamer_env.rewards.rubric import COMPONENTS
from experiments import config as _config
from experiments import runs
from experiments.executors import LocalEpisodes, make_executor
from experiments.factory import (
    env_kwargs,
    judge_version,
    load_env_scenarios,
    make_reward,
    resolve_system_prompt,
    scenarios_file,
)
from experiments.layout import EVAL_METRICS, EVAL_RUN, METRICS, TRAJECTORIES
from experiments.metrics import summarize
from experiments.plots import figure
from experiments.runs import run_lock
from experiments.tracking import Tracker

log = logging.getLogger(__name__)


def benchmark(agent: Any, reward_model: Any, scenarios: list[ce.Scenario], out_dir: Path, *, trials: int = 1,
              seed: int = 0, batch_size: int = 8, env_kwargs: dict[str, Any] | None = None, resume: bool = True,
              pass_threshold: float = 0.7, bootstrap: int = 2000, meta: dict[str, Any] | None = None,
              executor: Any = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Play `trials` episodes of every scenario with `agent` (objects in: a live model works as well as a
    configured one), score each episode on its own (absolute scores, also for a group judge) as it ends, and
    write trajectories.jsonl row by row and metrics.json (`meta` merged in); returns (metrics, rows). With
    `resume`, the episodes already in trajectories.jsonl are kept and skipped; only rows of the requested scenarios x
    trials count, each (scenario, trial) once. The folder is locked while it runs (`experiments.runs.run_lock`).
    `executor`: where the episodes are played (`experiments.executors`: a started `RayEpisodes` plays them on Ray
    workers, `agent` then being its `.agent`); default: here, with `agent` and `reward_model`. Either way this
    process is the one writer, and a (scenario, trial) row is written once."""
    with run_lock(out_dir):  # one writer per folder: a second process fails fast
        return _benchmark(agent, reward_model, scenarios, out_dir, trials=trials, seed=seed, batch_size=batch_size,
                          env_kwargs=env_kwargs, resume=resume, pass_threshold=pass_threshold,
                          bootstrap=bootstrap, meta=meta, executor=executor)


def _benchmark(agent: Any, reward_model: Any, scenarios: list[ce.Scenario], out_dir: Path, *, trials: int, seed: int,
               batch_size: int, env_kwargs: dict[str, Any] | None, resume: bool, pass_threshold: float,
               bootstrap: int, meta: dict[str, Any] | None, executor: Any = None,
               ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    t_start = time.perf_counter()
    episodes = executor if executor is not None else LocalEpisodes(agent, reward_model, scenarios, env_kwargs)
    traj_path = out_dir / TRAJECTORIES
    all_jobs = runner.make_jobs(scenarios, trials, seed)
    # Only the requested scenarios x trials count, each once (the first row of a (scenario, trial) wins).
    wanted = {(j.scenario_id, j.trial) for j in all_jobs}
    rows, done = [], set()
    for r in read_jsonl_rows(traj_path, repair=True) if resume else []:
        if (key := (r["scenario_id"], r["trial"])) in wanted and key not in done:
            done.add(key)
            rows.append(r)
    if not resume and traj_path.exists():
        traj_path.unlink()
    jobs = [j for j in all_jobs if (j.scenario_id, j.trial) not in done]
    bar = tqdm(total=len(scenarios) * trials, initial=len(done), desc=agent.name, unit="ep", mininterval=2.0)
    with bar, open(traj_path, "ab") as fh:  # the bar closes (ends its line) whatever happens

        def write(row: dict[str, Any]) -> None:  # as each episode ends: a crash loses no finished episode
            if (key := (row["scenario_id"], row["trial"])) in done:  # e.g. a unit a lost Ray worker had begun
                return
            done.add(key)
            rows.append(row)
            fh.write(orjson.dumps(row) + b"\n")
            fh.flush()
            bar.update(1)

        episodes.run(jobs, batch_size=max(1, batch_size), on_row=write)
    # In job order, whatever order the episodes ended in (Ray workers, resumes): the metrics to the last bit too.
    order = {(j.scenario_id, j.trial): i for i, j in enumerate(all_jobs)}
    rows.sort(key=lambda r: order[(r["scenario_id"], r["trial"])])
    metrics = summarize(rows, pass_threshold, bootstrap, seed)
    metrics.update({"agent": agent.name, "reference": bool(agent.is_reference),
                    "judge_version": judge_version(reward_model), **(meta or {}),
                    "max_turns": episodes.max_turns,
                    "wall_s_this_run": round(time.perf_counter() - t_start, 2), "episodes_this_run": len(jobs)})
    (out_dir / METRICS).write_bytes(orjson.dumps(metrics, option=orjson.OPT_INDENT_2))
    return metrics, rows


def run_meta(env_cfg: Any, judge_cfg: Any, reward_cfg: Any) -> dict[str, Any]:
    """What a benchmark's metrics.json records about its setting (beside the agent and the judge's version)."""
    return {"scenario_set": env_cfg.scenario_set, "split": env_cfg.split, "limit": env_cfg.limit,
            "judge": judge_cfg.name, "reward_mix": {k: reward_cfg[k] for k in ("alpha", "beta", "gamma")}}


def evaluate_policy(model: Any, tok: Any, cfg: DictConfig, step: int, out_dir: Path) -> dict[str, Any]:
    """Play the eval split with the live policy (the benchmark's code, objects in): a run in eval/step<N>/ and
    its metrics in eval/step<N>.json. With `env.scenarios` (a scenario file: one split) it plays the first
    `eval.limit` scenarios of that file instead, the ones training uses too (logged as such)."""
    from agents.llm import LLMAgent, TransformersBackend

    was_training = model.training
    model.eval()
    agent = LLMAgent(TransformersBackend(model_obj=model, tokenizer=tok), name="policy", seed=cfg.grpo.seed,
                     max_new_tokens=cfg.eval.max_new_tokens, temperature=0.7, prefill=cfg.rollout.prefill)
    env = OmegaConf.merge(cfg.env, {"split": cfg.eval.split, "limit": cfg.eval.limit,
                                    "max_turns": cfg.eval.max_turns or cfg.rollout.max_turns})
    scenarios = load_env_scenarios(env)  # env.scenarios (a file of your own) wins over the set's eval split
    if scenarios_file(env) is not None:
        log.info("step %d: evaluating on the first %d scenarios of %s (a scenario file has one split, so these are "
                 "scenarios the policy also trains on, not a held-out %s split)", step, len(scenarios),
                 scenarios_file(env), cfg.eval.split)
    try:
        metrics, _rows = benchmark(
            agent, make_reward(cfg.judge, cfg.reward), scenarios,
            out_dir / EVAL_RUN.format(step), seed=0, env_kwargs=env_kwargs(env), resume=False,
            pass_threshold=cfg.experiment.pass_threshold, bootstrap=500,
            meta={**run_meta(env, cfg.judge, cfg.reward), **scenario_meta(env, scenarios)})
    finally:
        if was_training:
            model.train()
    (out_dir / EVAL_METRICS.format(step)).write_bytes(orjson.dumps(metrics, option=orjson.OPT_INDENT_2))
    return metrics


def run_benchmark(cfg: DictConfig, out_dir: Path) -> dict[str, Any]:
    """Run (or resume) the benchmark described by `cfg`, writing into `out_dir`; returns the metrics. The folder
    is locked while it runs and keyed by the config (`experiments.runs`): resuming a run of another config is
    refused, naming the keys that differ; `experiment.resume=false` starts the folder afresh."""
    x = cfg.experiment
    system_prompt = resolve_system_prompt(cfg.agent)
    ident = runs.identity(cfg, system_prompt)
    with runs.run_lock(out_dir):  # checked, played, plotted and logged by one process
        runs.check_run_config(out_dir, ident, resume=bool(x.resume))
        scenarios = load_env_scenarios(cfg.env)
        reward_model = make_reward(cfg.judge, cfg.reward)
        # experiment.executor: local (the agent built here) or ray (built on each worker); the same rows either way
        with make_executor(cfg, scenarios, reward_model, system_prompt) as episodes:
            metrics, rows = benchmark(
                episodes.agent, reward_model, scenarios, out_dir, trials=int(x.trials), seed=x.seed,
                batch_size=int(x.batch_size), env_kwargs=env_kwargs(cfg.env, system_prompt), resume=x.resume,
                pass_threshold=x.pass_threshold, bootstrap=x.bootstrap, executor=episodes,
                meta={"agent": cfg.agent.name, **run_meta(cfg.env, cfg.judge, cfg.reward),
                      "config_hash": runs.config_hash(ident), **scenario_meta(cfg.env, scenarios)})
        if x.plot:
            plot_run(rows, metrics, out_dir / "reward_plot.png")
        tracker = Tracker(cfg.logger, out_dir, f"{x.name}-{cfg.agent.name}", _config.to_dict(cfg))
        tracker.log(metrics)
        tracker.log_emails(rows)
        tracker.finish()
    return metrics


def scenario_meta(env_cfg: Any, scenarios: list[ce.Scenario]) -> dict[str, Any]:
    """What metrics.json records about the scenarios themselves: the file they came from (your own data), and how
    many have gold paths derived from the graph rather than labelled ("gold": "derived", "labelled" or "mixed")."""
    derived = sum(1 for s in scenarios if s.gold_derived)
    out: dict[str, Any] = {"gold": "labelled" if not derived else "derived" if derived == len(scenarios) else "mixed",
                           "gold_derived_scenarios": derived}
    path = scenarios_file(env_cfg)
    if path is not None:  # the set and split named in the file's scenario ids, not env.scenario_set's
        out.update(scenarios_file=path, scenario_set=scenarios[0].set, split=scenarios[0].split)
    return out


def plot_run(rows: list[dict[str, Any]], metrics: dict[str, Any], path: Path) -> None:
    """Reward histogram and component means, side by side."""
    with figure(path, (10, 3.6), ncols=2) as (_fig, (a, b)):
        a.hist([r["reward"] for r in rows], bins=20, range=(0, 1), color="#4c72b0")
        a.axvline(metrics["reward_mean"], color="k", ls="--", lw=1)
        a.set_title(f"{metrics['agent']}: reward (mean {metrics['reward_mean']:.3f})")
        a.set_xlabel("reward")
        comps = {k: v for k, v in metrics["components"].items() if k in
                 (*COMPONENTS, "gate")}
        b.barh(list(comps), list(comps.values()), color="#55a868")
        b.set_xlim(0, 1)
        b.set_title("component means")
