"""Train a policy with GRPO in SalesEmailEnv: TRL's GRPOTrainer, multi-turn text-protocol rollouts, Accelerate.

    python -m experiments.train_grpo                                 # SmolLM2, full fine-tune, default-v1 train
    python -m experiments.train_grpo lora.enabled=true grpo.max_steps=200
    python -m experiments.train_grpo model=outputs/sft/default/final  # warm start from SFT
    python -m experiments.train_grpo resume=auto                      # continue from the latest checkpoint
    accelerate launch --config_file configs/accelerate/cpu_2proc.yaml -m experiments.train_grpo experiment=smoke

fp32 on CPU, bf16 on GPU, chosen automatically (gradient checkpointing likewise: on GPU only, unless
`grpo.gradient_checkpointing` says). Before training, every `eval.every` steps, and at the end, the policy plays
the val split with the benchmark code; results go to `<output_dir>/eval/step<N>.json` and the tracker. The
final model and tokenizer are saved to `<output_dir>/final`, which `agent.model=<that folder>` benchmarks.
`env.scenarios=<file>` (a scenario JSONL of your own, `codreamer_env.make_scenarios`) trains on that file's
scenarios instead of the set's split; a file has one split, so the val evaluations play its first `eval.limit`
scenarios, which training also sees (a log line says so).
TRL's log history goes to `<output_dir>/train_log.jsonl`, the curve to `<output_dir>/learning_curve.png`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import hydra
import orjson
from omegaconf import DictConfig, OmegaConf

from codreamer_env.models import load_causal_lm
from experiments import config as _config
from experiments.cli import friendly_errors
from experiments.evaluation import evaluate_policy
from experiments.layout import EVAL_METRICS, MODEL_DIR, TRAIN_LOG
from experiments.plots import figure
from experiments.tracking import wandb_env

log = logging.getLogger(__name__)


def write_learning_curve(log_history: list[dict[str, Any]], out_dir: Path) -> Path:
    """`train_log.jsonl` (TRL's log history, one row per logged step) and `learning_curve.png`: the training
    reward per step (and its moving average) with the val evaluations (`eval/step<N>.json`) as points."""
    rows = [r for r in log_history if "step" in r]
    with open(out_dir / TRAIN_LOG, "wb") as f:
        for r in rows:
            f.write(orjson.dumps(r, option=orjson.OPT_SERIALIZE_NUMPY) + b"\n")
    train = [(r["step"], r["reward"]) for r in rows if "reward" in r]
    evals = sorted((int(p.stem.removeprefix("step")), orjson.loads(p.read_bytes())["reward_mean"])
                   for p in out_dir.glob(EVAL_METRICS.format("*")))
    path = out_dir / "learning_curve.png"
    with figure(path, (7, 4)) as (_fig, ax):
        if train:
            xs, ys = zip(*train, strict=True)
            ax.plot(xs, ys, ".", alpha=0.35, label="train reward (group mean per step)")
            w = max(1, len(ys) // 10)
            ma = [sum(ys[max(0, i - w + 1): i + 1]) / len(ys[max(0, i - w + 1): i + 1]) for i in range(len(ys))]
            ax.plot(xs, ma, "-", label=f"train, moving average ({w} steps)")
        if evals:
            ex, ey = zip(*evals, strict=True)
            ax.plot(ex, ey, "o-", label="val reward")
        ax.set_xlabel("GRPO step")
        ax.set_ylabel("reward")
        ax.set_ylim(-0.02, 1.02)
        ax.legend(loc="best")
        ax.set_title(f"GRPO in SalesEmailEnv ({out_dir.name})")
    return path


def run_training(cfg: DictConfig) -> Any:
    os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
    import torch
    from transformers import TrainerCallback
    from trl import GRPOTrainer

    import codreamer_env as ce
    from agents.grpo import MultiTurnRollout, RolloutConfig, env_reward_func, grpo_args
    from experiments.factory import load_env_scenarios, make_reward, scenarios_file

    out_dir = Path(cfg.output_dir)
    model, tok = load_causal_lm(cfg.model, for_training=True)
    peft_config = None
    if cfg.lora.enabled:
        from peft import LoraConfig

        peft_config = LoraConfig(r=cfg.lora.r, lora_alpha=cfg.lora.lora_alpha, lora_dropout=cfg.lora.dropout,
                                 target_modules=list(cfg.lora.target_modules), task_type="CAUSAL_LM")
    args = grpo_args(cfg.grpo, out_dir, report_to=["wandb"] if cfg.logger.name == "wandb" else [],
                     run_name=f"grpo-{cfg.experiment.name}")
    if cfg.logger.name == "wandb":
        wandb_env(cfg.logger.mode)
        os.environ.setdefault("WANDB_PROJECT", cfg.logger.project)
    # env.scenarios (a scenario file of your own) replaces the set and split for the dataset, the rollouts and
    # the val evaluation (evaluate_policy): a file has one split, so the evaluation plays training scenarios.
    scenario_file = scenarios_file(cfg.env)
    rollout = MultiTurnRollout(_config.build(RolloutConfig, cfg.rollout),
                               reward_model=make_reward(cfg.judge, cfg.reward),
                               scenarios=load_env_scenarios(OmegaConf.merge(cfg.env, {"limit": None}))
                               if scenario_file else None)
    dataset = ce.scenario_dataset(cfg.env.split, cfg.env.scenario_set, path=scenario_file)
    if cfg.env.limit:
        dataset = dataset.select(range(min(cfg.env.limit, len(dataset))))
    if scenario_file:
        log.info("training on %d scenarios of %s; the val evaluations play the same file (it has one split)",
                 len(dataset), scenario_file)

    class EvalCallback(TrainerCallback):
        def on_train_begin(self, args_, state, control, **kw):  # noqa: ANN001
            # The starting point of the learning curve (skipped when resuming past an evaluated step).
            if (cfg.eval.every > 0 and state.is_world_process_zero
                    and not (out_dir / EVAL_METRICS.format(state.global_step)).exists()):
                evaluate_policy(trainer.model, tok, cfg, state.global_step, out_dir)

        def on_step_end(self, args_, state, control, **kw):  # noqa: ANN001
            if cfg.eval.every > 0 and state.global_step % cfg.eval.every == 0 and state.is_world_process_zero:
                m = evaluate_policy(trainer.model, tok, cfg, state.global_step, out_dir)
                trainer.log({"val/reward_mean": m["reward_mean"], "val/finalized": m["finalized_rate"]})

    trainer = GRPOTrainer(model=model, args=args, processing_class=tok, train_dataset=dataset,
                          reward_funcs=[env_reward_func], rollout_func=rollout, peft_config=peft_config,
                          callbacks=[EvalCallback()])
    resume = cfg.resume
    if resume == "auto":
        ckpts = sorted(out_dir.glob("checkpoint-*"), key=lambda p: int(p.name.split("-")[1]))
        resume = str(ckpts[-1]) if ckpts else None
    trainer.train(resume_from_checkpoint=resume)
    if trainer.accelerator.is_main_process:
        final = out_dir / MODEL_DIR
        merged = trainer.model.merge_and_unload() if cfg.lora.enabled else trainer.model
        merged.save_pretrained(final)
        tok.save_pretrained(final)
        step = trainer.state.global_step
        done = out_dir / EVAL_METRICS.format(step)
        if cfg.eval.every >= 0:  # 0: evaluate only at the end; -1: never
            m = orjson.loads(done.read_bytes()) if done.exists() else evaluate_policy(merged, tok, cfg, step, out_dir)
            print(f"val reward after {trainer.state.global_step} steps: {m['reward_mean']:.3f} "
                  f"(finalized {m['finalized_rate']:.2f}) -> {final}")
        write_learning_curve(trainer.state.log_history, out_dir)
    acc = trainer.accelerator
    (out_dir / f"rank{acc.process_index}.done").write_text(
        orjson.dumps({"global_step": trainer.state.global_step, "num_processes": acc.num_processes}).decode())
    acc.wait_for_everyone()
    if torch.distributed.is_initialized():  # the process group's threads, left running at exit, can abort a rank
        torch.distributed.destroy_process_group()
    return trainer


@hydra.main(version_base="1.3", config_path="pkg://experiments.configs", config_name="train_grpo")
@friendly_errors
def main(cfg: DictConfig) -> None:
    run_training(cfg)


if __name__ == "__main__":
    main()
