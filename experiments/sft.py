"""SFT warm start: teach a small model the tool protocol on successful trajectories before RL.

    python -m experiments.benchmark agent=oracle env.split=train experiment=full hydra.run.dir=outputs/benchmark/oracle-train
    python -m experiments.sft "runs=[outputs/benchmark/oracle-train]" max_steps=300
    python -m experiments.train_grpo model=outputs/sft/default/final
    python -m experiments.sft play=oracle env.limit=64              # oracle demonstrations played first, then SFT
    python -m experiments.sft experiment=smoke                      # the same, tiny: 4 scenarios, tiny model, 2 steps

Examples are the episodes of benchmark runs with reward >= `min_reward`, plus episodes a human accepted
(review events in `feedback_paths`; rejected ones are dropped, edited ones use the edited email). Each is
a conversation in the text protocol (tool results as user turns), and the loss is on assistant turns only
(TRL's `assistant_only_loss`, through a chat template with generation markers).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import hydra
import orjson
from omegaconf import DictConfig

from experiments import config as _config
from experiments.cli import friendly_errors
from experiments.layout import MODEL_DIR


def conversation(traj: Any, edited_body: str | None = None) -> list[dict[str, str]]:
    """The episode as chat messages in the text protocol, ending with the model's last (finalize) turn."""
    from agents.llm import to_text_messages

    msgs = to_text_messages(traj.messages)
    while msgs and msgs[-1]["role"] != "assistant":
        msgs.pop()
    if edited_body is not None and traj.final_email is not None and msgs:
        args = {"subject": traj.final_email.subject, "body": edited_body, "citations": traj.final_email.citations}
        msgs[-1] = {"role": "assistant", "content": "<tool_call>" + orjson.dumps(
            {"name": "finalize_email", "arguments": args}).decode() + "</tool_call>"}
    return msgs


def collect_examples(runs: list[str], min_reward: float, feedback_paths: list[str]) -> list[dict[str, Any]]:
    """[{"messages": [...]}] from benchmark runs and human reviews (see the module docstring)."""
    import codreamer_env as ce
    from experiments.runs import run_rows

    events = ce.FeedbackStore(list(feedback_paths)).events(["review"]) if feedback_paths else []
    reviews = {ev.trajectory_id: ev for ev in events}
    out, seen = [], set()
    for run in runs:
        for row in run_rows(run):
            ev = reviews.get(row["id"])
            if row["id"] in seen or (ev is not None and ev.decision == "reject"):
                continue
            keep = row["reward"] >= min_reward or (ev is not None and ev.decision in ("accept", "edit"))
            if not keep or row.get("body") is None:
                continue
            traj = ce.Trajectory.model_validate_json(row["trajectory"])
            msgs = conversation(traj, ev.edited_text if ev is not None and ev.decision == "edit" else None)
            if len(msgs) >= 3:
                out.append({"messages": msgs})
                seen.add(row["id"])
    return out


def play_run(cfg: DictConfig, out: Path) -> Path:
    """`play=<agent>` with no runs: the scripted agent plays `env` into <out>/played-<agent> (a benchmark run)."""
    from experiments.evaluation import run_benchmark

    folder = out / f"played-{cfg.play}"
    m = run_benchmark(_config.scripted_run_config(cfg.play, cfg.env, cfg.experiment), folder)
    print(f"{cfg.play} played {m['episodes']} episodes (reward {m['reward_mean']:.3f}) -> {folder}")
    return folder


def training_tokenizer(path: Path, chat_template: str) -> Any:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(path)
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    if chat_template == "auto":
        if "<|im_start|>" in (tok.chat_template or ""):
            import trl

            tok.chat_template = (Path(trl.__file__).parent / "chat_templates" / "qwen2_5_training.jinja").read_text()
    elif chat_template != "keep":
        tok.chat_template = Path(chat_template).read_text()
    return tok


def run_sft(cfg: DictConfig) -> Any:
    os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
    import datasets
    import torch
    from transformers import AutoModelForCausalLM
    from trl import SFTConfig, SFTTrainer

    from codreamer_env.models import pick_device_dtype, resolve_model_path

    out = Path(cfg.output_dir)
    runs = list(cfg.runs)
    if not runs and cfg.play:
        runs = [str(play_run(cfg, out))]
    examples = collect_examples(runs, cfg.min_reward, list(cfg.feedback_paths))
    if not examples:
        raise SystemExit("no training examples: check runs=[...] (or play=<agent>), min_reward and feedback_paths")
    path = resolve_model_path(cfg.model)
    tok = training_tokenizer(path, cfg.chat_template)
    _dev, dtype = pick_device_dtype()
    model = AutoModelForCausalLM.from_pretrained(path, dtype=dtype)
    on_gpu = torch.cuda.is_available()
    args = SFTConfig(output_dir=str(out), max_steps=cfg.max_steps, learning_rate=cfg.learning_rate,
                     per_device_train_batch_size=cfg.batch_size, max_length=cfg.max_length, assistant_only_loss=True,
                     bf16=on_gpu, use_cpu=not on_gpu, seed=cfg.seed, logging_steps=1, save_strategy="no",
                     report_to=["wandb"] if cfg.logger.name == "wandb" else [])
    trainer = SFTTrainer(model=model, args=args, train_dataset=datasets.Dataset.from_list(examples),
                         processing_class=tok)
    trainer.train()
    final = out / MODEL_DIR
    trainer.save_model(str(final))
    tok.save_pretrained(final)
    (out / "sft_examples.jsonl").write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in examples))
    print(f"SFT on {len(examples)} conversations, {trainer.state.global_step} steps -> {final}")
    return trainer


@hydra.main(version_base="1.3", config_path="pkg://experiments.configs", config_name="sft")
@friendly_errors
def main(cfg: DictConfig) -> None:
    run_sft(cfg)


if __name__ == "__main__":
    main()
