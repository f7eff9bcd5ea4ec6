"""The learn-loop: the prototype's generate / score / GRPO / update-KG / evaluate pipeline, as iterations.

    python -m experiments.learn_loop learn_loop.iterations=5 rollout.max_turns=6

Iteration 0 evaluates the starting policy on the val split and snapshots the node scores. Each iteration i
then (1) generates trajectories on a fresh slice of the train split, (2) scores them with the judge and
feedback blend, (3) runs a GRPO update (multi-turn rollouts), (4) moves the KG node scores of every node a
scored trajectory cited, s <- clamp(s + eta * (r - s)), and (5) evaluates on val. The tools rank with the
learned node scores from then on. Artifacts in the output dir: iter{i}_trajectories.jsonl,
iter{i}_rewards.jsonl, iter{i}_node_scores.json, iter{i}_metrics.json, final/ (the model) and
learning_curve.png. Each iteration's GRPO update starts a fresh optimizer on the current weights.

`env.scenarios=<file>` (a scenario JSONL of your own) replaces the train split: the slices, the GRPO updates and
the val evaluations all play that file's scenarios (it has one split; the evaluations say so in a log line).
`learn_loop.initial_node_scores=<file>` starts every scenario's node scores from a score file (the prototype's
`{node id: score}` map, or NodeScores' own form) instead of 1.0; the loop applies its updates, in order, to that
file's one table too and writes it after every iteration to `<output_dir>/node_scores.json` in the file's own
form and with its ids (with `learn_loop.write_back=true`, also over the file itself, atomically).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import hydra
import orjson
from omegaconf import DictConfig, OmegaConf

from experiments import config as _config
from experiments.cli import friendly_errors
from experiments.layout import HISTORY, ITER, METRICS, MODEL_DIR, NODE_SCORES, REWARDS, TRAJECTORIES
from experiments.plots import figure


class StartingScores:
    """The node-score file a learn loop starts from (`learn_loop.initial_node_scores`): the prototype's plain
    `{node id: score}` map or NodeScores' own `{"version", "default", "scores"}` form. Each scenario's scores start
    from its current values (reconciled with the scenario's graph: nodes the file lacks start at the default,
    ids the graph lacks are ignored there). Every update the loop makes is applied, in order, to this one table
    of the file's ids too, and `save` writes it in the file's own form: the same ids, in the same order."""

    def __init__(self, path: Path, table: Any, plain: bool) -> None:
        self.path, self.table, self.plain = path, table, plain
        self.first = table.as_dict()

    @classmethod
    def open(cls, path: str) -> StartingScores:
        """Read and check the file (a score that is not a number names the file and node); clamps to [0, 1]."""
        from hydra.utils import to_absolute_path

        import codreamer_env as ce
        from codreamer_env._io import read_json
        from codreamer_env.kg.scores import DEFAULT_SCORE

        file = Path(to_absolute_path(str(path)))
        doc = read_json(file)
        if not isinstance(doc, dict) or not doc:
            raise ce.DataError("expected a JSON object of node scores", file=str(file), line=1, field="(root)")
        plain = not isinstance(doc.get("scores"), dict)
        mapping = doc if plain else doc["scores"]
        ids = ce.KnowledgeGraph.from_records([{"id": str(n), "content": str(n)} for n in mapping], source=str(file))
        default = DEFAULT_SCORE if plain else doc.get("default", DEFAULT_SCORE)
        return cls(file, ce.NodeScores.from_mapping(ids, mapping, default=default, source=str(file)), plain)

    def for_graph(self, kg: Any) -> Any:
        """A scenario's NodeScores, starting from the table's current values."""
        import codreamer_env as ce

        return ce.NodeScores.from_mapping(kg, self.table.as_dict(), default=self.table.default, source=str(self.path))

    def update(self, changes: dict[str, Any], reward: float, eta: float) -> None:
        """Apply a scenario's update (the nodes it moved) to the table: s <- clamp(s + eta * (r - s))."""
        self.table.update(list(changes), reward, eta)

    def changes(self) -> dict[str, list[float]]:
        """{node id: [score in the file, score now]} of the nodes that moved."""
        now = self.table.as_dict()
        return {k: [round(v, 6), round(now[k], 6)] for k, v in self.first.items() if now[k] != v}

    def save(self, path: Path, *, lock: bool = False) -> None:
        """Write the table in the file's own form, atomically (and under `path`.lock with `lock`)."""
        from filelock import FileLock

        from codreamer_env._io import atomic_write_bytes

        scores = {k: round(v, 6) for k, v in self.table.as_dict().items()}
        doc = scores if self.plain else {"version": 1, "default": self.table.default, "scores": scores}
        data = orjson.dumps(doc, option=orjson.OPT_INDENT_2) + b"\n"
        if lock:
            with FileLock(f"{path}.lock"):
                atomic_write_bytes(path, data)
        else:
            atomic_write_bytes(path, data)


def run_learn_loop(cfg: DictConfig) -> dict[str, Any]:
    os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
    from trl import GRPOTrainer

    import codreamer_env as ce
    from agents.grpo import MultiTurnRollout, RolloutConfig, env_reward_func, grpo_args
    from agents.llm import LLMAgent, TransformersBackend
    from codreamer_env import runner
    from codreamer_env.models import load_causal_lm
    from experiments.evaluation import evaluate_policy
    from experiments.factory import load_env_scenarios, make_agent, make_reward, scenarios_file

    out = Path(cfg.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    ll = cfg.learn_loop
    # The train split of the set, or every scenario of env.scenarios (a file of your own: its one split, which the
    # val evaluations then play too; evaluate_policy logs that).
    train = load_env_scenarios(OmegaConf.merge(cfg.env, {"limit": None}))
    scores: dict[str, ce.NodeScores] = {}
    starting = StartingScores.open(ll.initial_node_scores) if ll.initial_node_scores else None

    def node_scores(sc: ce.Scenario) -> ce.NodeScores:
        if sc.id not in scores:
            scores[sc.id] = starting.for_graph(sc.graph()) if starting is not None else ce.NodeScores(sc.graph())
        return scores[sc.id]

    def save_scores(path: Path) -> None:
        from codreamer_env._io import atomic_write_json

        atomic_write_json(path, {sid: ns.to_json()["scores"] for sid, ns in sorted(scores.items())})

    reward_model = make_reward(cfg.judge, cfg.reward)
    by_id = {sc.id: sc for sc in train}

    def make_env() -> ce.SalesEmailEnv:  # ranks with the current node scores
        return ce.SalesEmailEnv(scenarios=train, max_turns=cfg.rollout.max_turns, reward_model=reward_model,
                                node_scores=node_scores)

    model, tok = load_causal_lm(cfg.model, for_training=True)
    history: list[dict[str, Any]] = []
    m0 = evaluate_policy(model, tok, cfg, 0, out)
    (out / ITER.format(0, METRICS)).write_bytes(orjson.dumps({"iteration": 0, "val": m0}, option=orjson.OPT_INDENT_2))
    save_scores(out / ITER.format(0, NODE_SCORES))
    if starting is not None:
        starting.save(out / NODE_SCORES)
    history.append({"iteration": 0, "val_reward": m0["reward_mean"], "train_reward": None})
    n = ll.episodes_per_iter
    for it in range(1, ll.iterations + 1):
        start = ((it - 1) * n) % len(train)
        batch = [train[(start + k) % len(train)] for k in range(n)]
        # (1) generate
        if ll.generator == "policy":
            agent: Any = LLMAgent(TransformersBackend(model_obj=model, tokenizer=tok), name="policy",
                                  max_new_tokens=cfg.rollout.max_tokens_per_turn, temperature=cfg.rollout.temperature,
                                  prefill=cfg.rollout.prefill)
        else:
            agent = make_agent(_config.AgentConfig(name=ll.generator), train)
        played = runner.play(agent, runner.make_jobs(batch, seed=None), make_env)
        # (2) score: the episodes of one scenario together (a group judge sees the group)
        episodes = runner.score(reward_model, played, train)
        rewards = [ep.reward for ep in episodes]
        (out / ITER.format(it, TRAJECTORIES)).write_bytes(
            b"".join(orjson.dumps(ep.to_row(ll.generator)) + b"\n" for ep in episodes))
        (out / ITER.format(it, REWARDS)).write_bytes(b"".join(orjson.dumps(
            {"id": ep.trajectory.id, "scenario_id": ep.job.scenario_id, "reward": ep.reward,
             "components": ep.components}) + b"\n" for ep in episodes))
        # (3) GRPO update on this iteration's scenarios, ranking with the current node scores
        rollout = MultiTurnRollout(_config.build(RolloutConfig, cfg.rollout), env_factory=make_env, scenarios=train)
        args = grpo_args(cfg.grpo, out / f"iter{it}_grpo", max_steps=ll.grpo_steps_per_iter, save_strategy="no",
                         seed=cfg.grpo.seed + it)
        pos = {s.id: k for k, s in enumerate(train)}
        dataset = ce.scenario_dataset(cfg.env.split, cfg.env.scenario_set, path=scenarios_file(cfg.env)).select(
            [pos[sid] for sid in dict.fromkeys(sc.id for sc in batch)])
        trainer = GRPOTrainer(model=model, args=args, processing_class=tok, train_dataset=dataset,
                              reward_funcs=[env_reward_func], rollout_func=rollout)
        trainer.train()
        model = trainer.model
        # (4) KG node scores learn from the scored, cited nodes
        moved: dict[str, dict[str, list[float]]] = {}
        for ep in episodes:
            t = ep.trajectory
            if t.final_email is not None and t.final_email.citations:
                sc = by_id[t.scenario_id]
                changes = node_scores(sc).update(t.final_email.citations, ep.reward, ll.eta)
                moved.setdefault(sc.id, {}).update({k: [round(a, 6), round(b, 6)] for k, (a, b) in changes.items()})
                if starting is not None:  # the same update, of the same nodes, in the starting file's one table
                    starting.update(changes, ep.reward, ll.eta)
        save_scores(out / ITER.format(it, NODE_SCORES))
        extra: dict[str, Any] = {}
        if starting is not None:
            starting.save(out / NODE_SCORES)
            if ll.write_back:
                starting.save(starting.path, lock=True)
            extra = {"node_scores_file": str(out / NODE_SCORES), "node_scores_file_changes": starting.changes(),
                     "written_back": str(starting.path) if ll.write_back else None}
        # (5) evaluate
        mv = evaluate_policy(model, tok, cfg, it, out)
        train_mean = sum(rewards) / n
        (out / ITER.format(it, METRICS)).write_bytes(orjson.dumps(
            {"iteration": it, "train_reward_mean": train_mean, "val": mv, "node_score_changes": moved,
             "grpo_steps": ll.grpo_steps_per_iter, **extra}, option=orjson.OPT_INDENT_2))
        history.append({"iteration": it, "val_reward": mv["reward_mean"], "train_reward": train_mean})
        print(f"iteration {it}: train reward {train_mean:.3f}, val reward {mv['reward_mean']:.3f}")
    model.save_pretrained(out / MODEL_DIR)
    tok.save_pretrained(out / MODEL_DIR)
    plot_curve(history, out / "learning_curve.png")
    (out / HISTORY).write_bytes(orjson.dumps(history, option=orjson.OPT_INDENT_2))
    return {"history": history, "output_dir": str(out)}


def plot_curve(history: list[dict[str, Any]], path: Path) -> None:
    with figure(path, (6, 3.6)) as (_fig, ax):
        ax.plot([h["iteration"] for h in history], [h["val_reward"] for h in history], "o-", label="val")
        tr = [h for h in history if h["train_reward"] is not None]
        ax.plot([h["iteration"] for h in tr], [h["train_reward"] for h in tr], "s--", label="train (generated)")
        ax.set_xlabel("iteration")
        ax.set_ylabel("mean reward")
        ax.set_ylim(0, 1)
        ax.legend()


@hydra.main(version_base="1.3", config_path="pkg://experiments.configs", config_name="learn_loop")
@friendly_errors
def main(cfg: DictConfig) -> None:
    run_learn_loop(cfg)


if __name__ == "__main__":
    main()
