"""Evaluation with objects in: an agent (a configured one or a live model), a reward model, scenarios.

`benchmark` is what `experiments.benchmark` runs after building the objects from its config; the training
scripts call it (through `evaluate_policy`) with the policy being trained. Both play and score through
`codreamer_env.runner`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import orjson
from omegaconf import DictConfig, OmegaConf
from tqdm import tqdm

import codreamer_env as ce
from codreamer_env import runner
from codreamer_env._io import read_jsonl_rows
from experiments.factory import env_kwargs, judge_version, make_reward
from experiments.layout import EVAL_METRICS, EVAL_RUN, METRICS, TRAJECTORIES
from experiments.metrics import summarize
from experiments.runs import run_lock


def benchmark(agent: Any, reward_model: Any, scenarios: list[ce.Scenario], out_dir: Path, *, trials: int = 1,
              seed: int = 0, batch_size: int = 8, env_kwargs: dict[str, Any] | None = None, resume: bool = True,
              pass_threshold: float = 0.7, bootstrap: int = 2000, meta: dict[str, Any] | None = None,
              ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Play `trials` episodes of every scenario with `agent` (objects in: a live model works as well as a
    configured one), score each episode on its own (absolute scores, also for a group judge) as it ends, and
    write trajectories.jsonl row by row and metrics.json (`meta` merged in); returns (metrics, rows). With
    `resume`, the episodes already in trajectories.jsonl are kept and skipped; only rows of the requested scenarios x
    trials count, each (scenario, trial) once. The folder is locked while it runs (`experiments.runs.run_lock`)."""
    with run_lock(out_dir):  # one writer per folder: a second process fails fast
        return _benchmark(agent, reward_model, scenarios, out_dir, trials=trials, seed=seed, batch_size=batch_size,
                          env_kwargs=env_kwargs, resume=resume, pass_threshold=pass_threshold,
                          bootstrap=bootstrap, meta=meta)


def _benchmark(agent: Any, reward_model: Any, scenarios: list[ce.Scenario], out_dir: Path, *, trials: int, seed: int,
               batch_size: int, env_kwargs: dict[str, Any] | None, resume: bool, pass_threshold: float,
               bootstrap: int, meta: dict[str, Any] | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    t_start = time.perf_counter()
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
    envs = runner.EnvPool(lambda: ce.SalesEmailEnv(scenarios=scenarios, reward_model=reward_model,
                                                   **dict(env_kwargs or {})))
    find = runner.scenario_lookup(scenarios)
    with bar, open(traj_path, "ab") as fh:  # the bar closes (ends its line) whatever happens

        def write(ep: runner.Episode) -> None:  # as each episode ends: a crash loses no finished episode
            rows.append(row := runner.score(reward_model, [ep], find)[0].to_row(agent.name))
            fh.write(orjson.dumps(row) + b"\n")
            fh.flush()
            bar.update(1)

        runner.play(agent, jobs, envs, batch_size=max(1, batch_size), on_episode=write)
    metrics = summarize(rows, pass_threshold, bootstrap, seed)
    metrics.update({"agent": agent.name, "reference": bool(agent.is_reference),
                    "judge_version": judge_version(reward_model), **(meta or {}),
                    "max_turns": envs.take(1)[0].max_turns,
                    "wall_s_this_run": round(time.perf_counter() - t_start, 2), "episodes_this_run": len(jobs)})
    (out_dir / METRICS).write_bytes(orjson.dumps(metrics, option=orjson.OPT_INDENT_2))
    return metrics, rows


def run_meta(env_cfg: Any, judge_cfg: Any, reward_cfg: Any) -> dict[str, Any]:
    """What a benchmark's metrics.json records about its setting (beside the agent and the judge's version)."""
    return {"scenario_set": env_cfg.scenario_set, "split": env_cfg.split, "limit": env_cfg.limit,
            "judge": judge_cfg.name, "reward_mix": {k: reward_cfg[k] for k in ("alpha", "beta", "gamma")}}


def evaluate_policy(model: Any, tok: Any, cfg: DictConfig, step: int, out_dir: Path) -> dict[str, Any]:
    """Play the eval split with the live policy (the benchmark's code, objects in): a run in eval/step<N>/ and
    its metrics in eval/step<N>.json."""
    from agents.llm import LLMAgent, TransformersBackend

    was_training = model.training
    model.eval()
    agent = LLMAgent(TransformersBackend(model_obj=model, tokenizer=tok), name="policy", seed=cfg.grpo.seed,
                     max_new_tokens=cfg.eval.max_new_tokens, temperature=0.7, prefill=cfg.rollout.prefill)
    env = OmegaConf.merge(cfg.env, {"split": cfg.eval.split, "limit": cfg.eval.limit,
                                    "max_turns": cfg.eval.max_turns or cfg.rollout.max_turns})
    try:
        metrics, _rows = benchmark(
            agent, make_reward(cfg.judge, cfg.reward), ce.load_scenarios(env.scenario_set, env.split, limit=env.limit),
            out_dir / EVAL_RUN.format(step), seed=0, env_kwargs=env_kwargs(env), resume=False,
            pass_threshold=cfg.experiment.pass_threshold, bootstrap=500,
            meta=run_meta(env, cfg.judge, cfg.reward))
    finally:
        if was_training:
            model.train()
    (out_dir / EVAL_METRICS.format(step)).write_bytes(orjson.dumps(metrics, option=orjson.OPT_INDENT_2))
    return metrics
