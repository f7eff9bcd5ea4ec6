"""Benchmark one agent on a fixed scenario split: k trials per scenario, in batches, resumable.

    python -m experiments.benchmark agent=greedy
    python -m experiments.benchmark -m agent=random,greedy,oracle,smollm2 experiment=quickstart
    python -m experiments.leaderboard dir=multirun/quickstart

Writes to the Hydra run dir: trajectories.jsonl (one row per episode; `datasets.load_dataset("json", ...)`
reads it), metrics.json (mean +- std, scenario-bootstrap 95% CI, pass^k, component means, tokens, wall
time) and reward_plot.png. Re-running the same command resumes: finished episodes are skipped.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import hydra
import orjson
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig
from tqdm import tqdm

import codreamer_env as ce
from codreamer_env.groups import episode_seed
from codreamer_env.rewards.rubric import COMPONENTS
from experiments import config as _config  # noqa: F401 - registers the structured configs
from experiments.factory import judge_version, make_agent, make_reward, resolve_system_prompt, tool_config
from experiments.metrics import summarize
from experiments.tracking import Tracker

TRAJ_FILE = "trajectories.jsonl"


def read_rows(path: Path, *, repair: bool = False) -> list[dict[str, Any]]:
    """Rows of a trajectories.jsonl. A torn line (a crash mid-write) is skipped; with `repair`, the file is
    rewritten atomically with only the valid rows, so appending after it cannot glue a new row onto it."""
    rows: list[dict[str, Any]] = []
    if not path.exists():
        return rows
    raw = path.read_bytes()
    bad = 0
    for line in raw.splitlines():
        if not line.strip():
            continue
        try:
            rows.append(orjson.loads(line))
        except orjson.JSONDecodeError:
            bad += 1
    if repair and (bad or (raw and not raw.endswith(b"\n"))):
        from codreamer_env._io import atomic_write_bytes

        atomic_write_bytes(path, b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return rows


def episode_row(agent_name: str, trial: int, seed: int, info: dict[str, Any], reward: float,
                tokens: dict[str, int], wall_s: float) -> dict[str, Any]:
    """One flat, `datasets`-friendly row (the full trajectory is a JSON string column)."""
    traj: ce.Trajectory = info["trajectory"]
    comps = dict(info.get("reward_components") or {})
    email = traj.final_email
    return {
        "id": traj.id, "scenario_id": traj.scenario_id, "trial": trial, "seed": seed, "agent": agent_name,
        "reward": float(reward), "judge_source": str(comps.pop("judge_source", "rubric")),
        "components": {k: float(v) for k, v in comps.items() if isinstance(v, (int, float))},
        "terminated": traj.terminated, "truncated": traj.truncated, "turns": len(traj.turns),
        "invalid_actions": traj.invalid_actions,
        "subject": email.subject if email else None, "body": email.body if email else None,
        "citations": list(email.citations) if email else [],
        "prompt_tokens": int(tokens.get("prompt_tokens", 0)), "completion_tokens": int(tokens.get("completion_tokens", 0)),
        "wall_s": round(wall_s, 4), "trajectory": traj.model_dump_json(),
    }


def run_benchmark(cfg: DictConfig, out_dir: Path) -> dict[str, Any]:
    """Run (or resume) the benchmark described by `cfg`, writing into `out_dir`; returns the metrics."""
    out_dir.mkdir(parents=True, exist_ok=True)
    t_start = time.perf_counter()
    scenarios = ce.load_scenarios(cfg.env.scenario_set, cfg.env.split, limit=cfg.env.limit)
    k = int(cfg.experiment.trials)
    traj_path = out_dir / TRAJ_FILE
    rows = read_rows(traj_path, repair=True) if cfg.experiment.resume else []
    if not cfg.experiment.resume and traj_path.exists():
        traj_path.unlink()
    done = {(r["scenario_id"], r["trial"]) for r in rows}
    todo = [(s.id, t) for s in scenarios for t in range(k) if (s.id, t) not in done]
    agent = make_agent(cfg.agent)
    reward_model = make_reward(cfg.judge, cfg.reward)
    system_prompt = resolve_system_prompt(cfg.agent)
    batch = max(1, int(cfg.experiment.batch_size))
    envs = [ce.SalesEmailEnv(scenarios=scenarios, max_turns=cfg.env.max_turns, tool_config=tool_config(cfg.env),
                             reward_model=reward_model, system_prompt=system_prompt) for _ in range(min(batch, max(1, len(todo))))]
    bar = tqdm(total=len(scenarios) * k, initial=len(done), desc=f"{cfg.agent.name}", unit="ep", mininterval=2.0)
    with open(traj_path, "ab") as fh:
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            seeds = [episode_seed(cfg.experiment.seed, sid, trial) for sid, trial in chunk]
            if hasattr(agent, "begin_batch"):
                agent.begin_batch(len(chunk), seeds)
            t0 = time.perf_counter()

            def on_done(j: int, r: float, info: dict[str, Any], chunk=chunk, seeds=seeds, t0=t0) -> None:
                tokens = agent.episode_tokens(j) if hasattr(agent, "begin_batch") else {}
                row = episode_row(cfg.agent.name, chunk[j][1], seeds[j], info, r, tokens, time.perf_counter() - t0)
                rows.append(row)
                fh.write(orjson.dumps(row) + b"\n")
                fh.flush()
                bar.update(1)

            ce.play_episodes(envs, agent.act_batch, [sid for sid, _ in chunk], seeds=seeds, on_done=on_done)
    bar.close()
    metrics = summarize(rows, cfg.experiment.pass_threshold, cfg.experiment.bootstrap, cfg.experiment.seed)
    is_ref = getattr(agent, "is_reference", False)
    metrics.update({
        "agent": cfg.agent.name, "reference": bool(is_ref), "scenario_set": cfg.env.scenario_set,
        "split": cfg.env.split, "limit": cfg.env.limit, "judge": cfg.judge.name,
        "judge_version": judge_version(reward_model),
        "reward_mix": {"alpha": cfg.reward.alpha, "beta": cfg.reward.beta, "gamma": cfg.reward.gamma},
        "max_turns": cfg.env.max_turns, "wall_s_this_run": round(time.perf_counter() - t_start, 2),
        "episodes_this_run": len(todo),
    })
    (out_dir / "metrics.json").write_bytes(orjson.dumps(metrics, option=orjson.OPT_INDENT_2))
    if cfg.experiment.plot:
        plot_run(rows, metrics, out_dir / "reward_plot.png")
    tracker = Tracker(cfg.logger, out_dir, f"{cfg.experiment.name}-{cfg.agent.name}", _config.to_dict(cfg))
    tracker.log(metrics)
    tracker.log_emails(rows)
    tracker.finish()
    return metrics


def plot_run(rows: list[dict[str, Any]], metrics: dict[str, Any], path: Path) -> None:
    """Reward histogram and component means, side by side."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 3.6))
    a.hist([r["reward"] for r in rows], bins=20, range=(0, 1), color="#4c72b0")
    a.axvline(metrics["reward_mean"], color="k", ls="--", lw=1)
    a.set_title(f"{metrics['agent']}: reward (mean {metrics['reward_mean']:.3f})")
    a.set_xlabel("reward")
    comps = {k: v for k, v in metrics["components"].items() if k in
             (*COMPONENTS, "gate")}
    b.barh(list(comps), list(comps.values()), color="#55a868")
    b.set_xlim(0, 1)
    b.set_title("component means")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


@hydra.main(version_base="1.3", config_path="../configs", config_name="config")
def main(cfg: DictConfig) -> None:
    out_dir = Path(HydraConfig.get().runtime.output_dir)
    m = run_benchmark(cfg, out_dir)
    lo, hi = m["reward_ci95"]
    ref = " (reference: reads gold paths)" if m["reference"] else ""
    print(f"{cfg.agent.name}{ref}: reward {m['reward_mean']:.3f} +- {m['reward_std']:.3f} "
          f"[95% CI {lo:.3f}, {hi:.3f}], pass^1 {m.get('pass^1', float('nan')):.3f}, "
          f"{m['episodes']} episodes -> {out_dir}")


if __name__ == "__main__":
    main()
