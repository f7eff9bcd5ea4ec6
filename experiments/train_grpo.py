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
TRL's log history goes to `<output_dir>/train_log.jsonl`, the curve to `<output_dir>/learning_curve.png`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import hydra
import orjson
from omegaconf import DictConfig, OmegaConf

from experiments import config as _config  # noqa: F401


def load_policy(cfg: DictConfig) -> tuple[Any, Any]:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from agents.models import pick_device_dtype, resolve_model_path

    path = resolve_model_path(cfg.model)
    _dev, dtype = pick_device_dtype("auto", "auto")
    tok = AutoTokenizer.from_pretrained(path)
    tok.padding_side = "left"
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    model = AutoModelForCausalLM.from_pretrained(path, dtype=dtype)
    return model, tok


def evaluate(model: Any, tok: Any, cfg: DictConfig, step: int, out_dir: Path) -> dict[str, Any]:
    """Play the eval split with the current policy (the benchmark loop) and write eval/step<N>.json."""
    from agents.llm import LLMAgent, TransformersBackend
    from experiments.benchmark import run_benchmark

    bench = OmegaConf.create({
        "env": {**OmegaConf.to_container(cfg.env), "split": cfg.eval.split, "limit": cfg.eval.limit,
                "max_turns": cfg.eval.max_turns or cfg.rollout.max_turns},
        "agent": {"name": "policy", "seed": cfg.grpo.seed, "system_prompt": None},
        "judge": OmegaConf.to_container(cfg.judge), "reward": OmegaConf.to_container(cfg.reward),
        "logger": {"name": "none"},
        "experiment": {"name": "eval", "trials": 1, "pass_threshold": cfg.experiment.pass_threshold,
                       "batch_size": 8, "seed": 0, "bootstrap": 500, "plot": False, "resume": False},
    })
    was_training = model.training
    model.eval()
    agent = LLMAgent(TransformersBackend(model_obj=model, tokenizer=tok), name="policy",
                     max_new_tokens=cfg.eval.max_new_tokens, temperature=0.7, prefill=cfg.rollout.prefill)
    import experiments.benchmark as B

    orig = B.make_agent
    B.make_agent = lambda _c: agent  # the in-training policy, not a fresh load
    try:
        metrics = run_benchmark(bench, out_dir / "eval" / f"step{step}")
    finally:
        B.make_agent = orig
        if was_training:
            model.train()
    (out_dir / "eval" / f"step{step}.json").write_bytes(orjson.dumps(metrics, option=orjson.OPT_INDENT_2))
    return metrics


def write_learning_curve(log_history: list[dict[str, Any]], out_dir: Path) -> Path:
    """`train_log.jsonl` (TRL's log history, one row per logged step) and `learning_curve.png`: the training
    reward per step (and its moving average) with the val evaluations (`eval/step<N>.json`) as points."""
    rows = [r for r in log_history if "step" in r]
    with open(out_dir / "train_log.jsonl", "wb") as f:
        for r in rows:
            f.write(orjson.dumps(r, option=orjson.OPT_SERIALIZE_NUMPY) + b"\n")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    train = [(r["step"], r["reward"]) for r in rows if "reward" in r]
    evals = sorted((int(p.stem.removeprefix("step")), orjson.loads(p.read_bytes())["reward_mean"])
                   for p in (out_dir / "eval").glob("step*.json"))
    fig, ax = plt.subplots(figsize=(7, 4))
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
    fig.tight_layout()
    path = out_dir / "learning_curve.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def run_training(cfg: DictConfig) -> Any:
    os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
    from transformers import TrainerCallback
    from trl import GRPOConfig, GRPOTrainer

    import codreamer_env as ce
    from agents.grpo import MultiTurnRollout, RolloutConfig, env_reward_func
    from experiments.factory import make_reward

    out_dir = Path(cfg.output_dir)
    model, tok = load_policy(cfg)
    peft_config = None
    if cfg.lora.enabled:
        from peft import LoraConfig

        peft_config = LoraConfig(r=cfg.lora.r, lora_alpha=cfg.lora.alpha, lora_dropout=cfg.lora.dropout,
                                 target_modules=list(cfg.lora.target_modules), task_type="CAUSAL_LM")
    import torch

    on_gpu = torch.cuda.is_available()
    g = cfg.grpo
    args = GRPOConfig(
        output_dir=str(out_dir), per_device_train_batch_size=g.per_device_batch_size, num_generations=g.num_generations,
        gradient_accumulation_steps=g.gradient_accumulation_steps, max_steps=g.max_steps, learning_rate=g.learning_rate,
        beta=g.beta, max_completion_length=g.max_completion_length, logging_steps=g.logging_steps,
        save_strategy="steps", save_steps=g.save_steps, seed=g.seed, bf16=on_gpu, use_cpu=not on_gpu,
        gradient_checkpointing=on_gpu if g.gradient_checkpointing is None else g.gradient_checkpointing,
        report_to=["wandb"] if cfg.logger.name == "wandb" else [], run_name=f"grpo-{cfg.experiment.name}",
    )
    if cfg.logger.name == "wandb":
        os.environ.setdefault("WANDB_MODE", cfg.logger.mode)
        os.environ.setdefault("WANDB_PROJECT", cfg.logger.project)
    rollout = MultiTurnRollout(RolloutConfig(scenario_set=cfg.env.scenario_set, split=cfg.env.split,
                                             max_turns=cfg.rollout.max_turns,
                                             max_tokens_per_turn=cfg.rollout.max_tokens_per_turn,
                                             temperature=cfg.rollout.temperature, top_p=cfg.rollout.top_p,
                                             prefill=cfg.rollout.prefill),
                               reward_model=make_reward(cfg.judge, cfg.reward))
    dataset = ce.scenario_dataset(cfg.env.split, cfg.env.scenario_set)
    if cfg.env.limit:
        dataset = dataset.select(range(min(cfg.env.limit, len(dataset))))

    class EvalCallback(TrainerCallback):
        def on_train_begin(self, args_, state, control, **kw):  # noqa: ANN001
            # The starting point of the learning curve (skipped when resuming past an evaluated step).
            if (cfg.eval.every > 0 and state.is_world_process_zero
                    and not (out_dir / "eval" / f"step{state.global_step}.json").exists()):
                evaluate(trainer.model, tok, cfg, state.global_step, out_dir)

        def on_step_end(self, args_, state, control, **kw):  # noqa: ANN001
            if cfg.eval.every > 0 and state.global_step % cfg.eval.every == 0 and state.is_world_process_zero:
                m = evaluate(trainer.model, tok, cfg, state.global_step, out_dir)
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
        final = out_dir / "final"
        merged = trainer.model.merge_and_unload() if cfg.lora.enabled else trainer.model
        merged.save_pretrained(final)
        tok.save_pretrained(final)
        step = trainer.state.global_step
        done = out_dir / "eval" / f"step{step}.json"
        if cfg.eval.every >= 0:  # 0: evaluate only at the end; -1: never
            m = orjson.loads(done.read_bytes()) if done.exists() else evaluate(merged, tok, cfg, step, out_dir)
            print(f"val reward after {trainer.state.global_step} steps: {m['reward_mean']:.3f} "
                  f"(finalized {m['finalized_rate']:.2f}) -> {final}")
        write_learning_curve(trainer.state.log_history, out_dir)
    acc = trainer.accelerator
    (out_dir / f"rank{acc.process_index}.done").write_text(
        orjson.dumps({"global_step": trainer.state.global_step, "num_processes": acc.num_processes}).decode())
    return trainer


@hydra.main(version_base="1.3", config_path="../configs", config_name="train_grpo")
def main(cfg: DictConfig) -> None:
    run_training(cfg)


if __name__ == "__main__":
    main()
