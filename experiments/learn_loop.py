"""The learn-loop: the prototype's generate / score / GRPO / update-KG / evaluate pipeline, as iterations.

    python -m experiments.learn_loop learn_loop.iterations=5 env.max_turns=6

Iteration 0 evaluates the starting policy on the val split and snapshots the node scores. Each iteration i
then (1) generates trajectories on a fresh slice of the train split, (2) scores them with the judge and
feedback blend, (3) runs a GRPO update (multi-turn rollouts), (4) moves the KG node scores of every node a
scored trajectory cited, s <- clamp(s + eta * (r - s)), and (5) evaluates on val. The tools rank with the
learned node scores from then on. Artifacts in the output dir: iter{i}_trajectories.jsonl,
iter{i}_rewards.jsonl, iter{i}_node_scores.json, iter{i}_metrics.json, final/ (the model) and
learning_curve.png. Each iteration's GRPO update starts a fresh optimizer on the current weights.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import Any

import hydra
import orjson
from omegaconf import DictConfig

from experiments import config as _config  # noqa: F401


def run_learn_loop(cfg: DictConfig) -> dict[str, Any]:
    os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
    import torch
    from trl import GRPOConfig, GRPOTrainer

    import codreamer_env as ce
    from agents.grpo import MultiTurnRollout, RolloutConfig, env_reward_func
    from agents.llm import LLMAgent, TransformersBackend
    from experiments.benchmark import episode_row
    from experiments.factory import make_agent, make_reward
    from experiments.train_grpo import evaluate, load_policy

    out = Path(cfg.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    ll = cfg.learn_loop
    train = ce.load_scenarios(cfg.env.scenario_set, cfg.env.split)
    scores: dict[str, ce.NodeScores] = {}

    def node_scores(sc: ce.Scenario) -> ce.NodeScores:
        if sc.id not in scores:
            scores[sc.id] = ce.NodeScores(sc.graph())
        return scores[sc.id]

    def save_scores(path: Path) -> None:
        from codreamer_env._io import atomic_write_json

        atomic_write_json(path, {sid: ns.to_json()["scores"] for sid, ns in sorted(scores.items())})

    reward_model = make_reward(cfg.judge, cfg.reward)
    model, tok = load_policy(cfg)
    on_gpu = torch.cuda.is_available()
    history: list[dict[str, Any]] = []
    m0 = evaluate(model, tok, cfg, 0, out)
    (out / "iter0_metrics.json").write_bytes(orjson.dumps({"iteration": 0, "val": m0}, option=orjson.OPT_INDENT_2))
    save_scores(out / "iter0_node_scores.json")
    history.append({"iteration": 0, "val_reward": m0["reward_mean"], "train_reward": None})
    n = ll.episodes_per_iter
    for it in range(1, ll.iterations + 1):
        start = ((it - 1) * n) % len(train)
        batch = [train[(start + k) % len(train)] for k in range(n)]
        envs = [ce.SalesEmailEnv(scenarios=train, max_turns=cfg.rollout.max_turns, reward_model=reward_model,
                                 node_scores=node_scores) for _ in batch]
        # (1) generate
        if ll.generator == "policy":
            agent: Any = LLMAgent(TransformersBackend(model_obj=model, tokenizer=tok), name="policy",
                                  max_new_tokens=cfg.rollout.max_tokens_per_turn, temperature=cfg.rollout.temperature,
                                  prefill=cfg.rollout.prefill)
        else:
            agent = make_agent(_config.AgentConfig(name=ll.generator))
        trajs = ce.play_episodes(envs, agent.act_batch, [sc.id for sc in batch], defer_reward=True)
        # (2) score: the episodes of one scenario together (a group judge sees the group)
        by_sc: dict[str, list[int]] = defaultdict(list)
        for j, sc in enumerate(batch):
            by_sc[sc.id].append(j)
        rewards: list[tuple[float, dict[str, Any]]] = [(0.0, {})] * n
        for sid, idx in by_sc.items():
            for j, res in zip(idx, reward_model.score_group(ce.get_scenario(sid), [trajs[j] for j in idx]), strict=True):
                rewards[j] = (float(res[0]), dict(res[1]))
        rows = []
        for j, t in enumerate(trajs):
            info = {"trajectory": t, "reward_components": rewards[j][1]}
            rows.append(episode_row(ll.generator, 0, 0, info, rewards[j][0], {}, 0.0))
        (out / f"iter{it}_trajectories.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
        (out / f"iter{it}_rewards.jsonl").write_bytes(b"".join(orjson.dumps(
            {"id": t.id, "scenario_id": t.scenario_id, "reward": rewards[j][0],
             "components": {k: v for k, v in rewards[j][1].items()}}) + b"\n" for j, t in enumerate(trajs)))
        # (3) GRPO update on this iteration's scenarios, ranking with the current node scores
        rollout = MultiTurnRollout(
            RolloutConfig(scenario_set=cfg.env.scenario_set, split=cfg.env.split, max_turns=cfg.rollout.max_turns,
                          max_tokens_per_turn=cfg.rollout.max_tokens_per_turn, temperature=cfg.rollout.temperature,
                          top_p=cfg.rollout.top_p, prefill=cfg.rollout.prefill),
            env_factory=lambda: ce.SalesEmailEnv(scenarios=train, max_turns=cfg.rollout.max_turns,
                                                 reward_model=reward_model, node_scores=node_scores))
        g = cfg.grpo
        args = GRPOConfig(output_dir=str(out / f"iter{it}_grpo"), per_device_train_batch_size=g.per_device_batch_size,
                          num_generations=g.num_generations, max_steps=ll.grpo_steps_per_iter,
                          learning_rate=g.learning_rate, beta=g.beta, max_completion_length=g.max_completion_length,
                          logging_steps=1, save_strategy="no", seed=g.seed + it, bf16=on_gpu, use_cpu=not on_gpu,
                          report_to=[],
                          gradient_checkpointing=on_gpu if g.gradient_checkpointing is None else g.gradient_checkpointing)
        pos = {s.id: k for k, s in enumerate(train)}
        dataset = ce.scenario_dataset(cfg.env.split, cfg.env.scenario_set).select(
            [pos[sid] for sid in dict.fromkeys(sc.id for sc in batch)])
        trainer = GRPOTrainer(model=model, args=args, processing_class=tok, train_dataset=dataset,
                              reward_funcs=[env_reward_func], rollout_func=rollout)
        trainer.train()
        model = trainer.model
        # (4) KG node scores learn from the scored, cited nodes
        moved: dict[str, dict[str, list[float]]] = {}
        for j, t in enumerate(trajs):
            if t.final_email is not None and t.final_email.citations:
                sc = ce.get_scenario(t.scenario_id)
                changes = node_scores(sc).update(t.final_email.citations, rewards[j][0], ll.eta)
                moved.setdefault(sc.id, {}).update({k: [round(a, 6), round(b, 6)] for k, (a, b) in changes.items()})
        save_scores(out / f"iter{it}_node_scores.json")
        # (5) evaluate
        mv = evaluate(model, tok, cfg, it, out)
        train_mean = sum(r for r, _ in rewards) / n
        (out / f"iter{it}_metrics.json").write_bytes(orjson.dumps(
            {"iteration": it, "train_reward_mean": train_mean, "val": mv, "node_score_changes": moved,
             "grpo_steps": ll.grpo_steps_per_iter}, option=orjson.OPT_INDENT_2))
        history.append({"iteration": it, "val_reward": mv["reward_mean"], "train_reward": train_mean})
        print(f"iteration {it}: train reward {train_mean:.3f}, val reward {mv['reward_mean']:.3f}")
    model.save_pretrained(out / "final")
    tok.save_pretrained(out / "final")
    plot_curve(history, out / "learning_curve.png")
    (out / "history.json").write_bytes(orjson.dumps(history, option=orjson.OPT_INDENT_2))
    return {"history": history, "output_dir": str(out)}


def plot_curve(history: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.6))
    ax.plot([h["iteration"] for h in history], [h["val_reward"] for h in history], "o-", label="val")
    tr = [h for h in history if h["train_reward"] is not None]
    ax.plot([h["iteration"] for h in tr], [h["train_reward"] for h in tr], "s--", label="train (generated)")
    ax.set_xlabel("iteration")
    ax.set_ylabel("mean reward")
    ax.set_ylim(0, 1)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


@hydra.main(version_base="1.3", config_path="../configs", config_name="learn_loop")
def main(cfg: DictConfig) -> None:
    run_learn_loop(cfg)


if __name__ == "__main__":
    main()
