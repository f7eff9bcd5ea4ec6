"""TRL's GRPOTrainer with `rollout_func`: whole multi-turn episodes in the env's text protocol, any chat template.

    python docs/examples/trl_rollout_func.py                          # SmolLM2, 10 steps
    python docs/examples/trl_rollout_func.py --model /tmp/tiny --steps 1 --scenarios 2 --max-turns 2   # smoke run

`agents.grpo.MultiTurnRollout` plays each prompt's episode with the policy (the same runner the benchmark uses):
it generates a turn, the env runs the tool call, the result is appended, until `finalize_email` or the turn limit.
The policy's tokens are trained; the env's tokens (tool results, chat glue) are masked out. The rewards come from
the reward model (here the rubric judge, each scenario's group scored together) through `env_reward_func`. This
is what `python -m experiments.train_grpo` runs. Prints each logged step, and as its last line a JSON summary.
"""

import argparse
import json
import os

import torch
from trl import GRPOConfig, GRPOTrainer

import codreamer_env as ce
from agents.grpo import MultiTurnRollout, RolloutConfig, env_reward_func
from codreamer_env.models import load_causal_lm

os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")  # environment_factory / rollout_func are experimental in TRL
p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--model", default="smollm2", help='"smollm2", "tiny" or a local HF folder')
p.add_argument("--steps", type=int, default=10)
p.add_argument("--scenarios", type=int, default=8, help="train scenarios in the dataset")
p.add_argument("--num-generations", type=int, default=2)
p.add_argument("--max-turns", type=int, default=6)
p.add_argument("--max-tokens-per-turn", type=int, default=96)
p.add_argument("--output-dir", default="outputs/examples/trl_rollout_func")
args = p.parse_args()

model, tok = load_causal_lm(args.model, for_training=True)  # left padding and a pad token, on the CPU for TRL
rollout = MultiTurnRollout(RolloutConfig(split="train", max_turns=args.max_turns,
                                         max_tokens_per_turn=args.max_tokens_per_turn,
                                         prefill='<tool_call>{"name": "'),  # a forced-tool-call scaffold
                           reward_model=ce.RubricJudge())
gpu = torch.cuda.is_available()
config = GRPOConfig(output_dir=args.output_dir, max_steps=args.steps, learning_rate=1e-5, bf16=gpu, use_cpu=not gpu,
                    gradient_checkpointing=gpu, per_device_train_batch_size=args.num_generations,
                    num_generations=args.num_generations, max_completion_length=args.max_turns * 400,
                    logging_steps=1, save_strategy="no", report_to=[])
trainer = GRPOTrainer(model=model, args=config, processing_class=tok,
                      train_dataset=ce.scenario_dataset("train").select(range(args.scenarios)),
                      reward_funcs=[env_reward_func], rollout_func=rollout)
trainer.train()
logs = [h for h in trainer.state.log_history if "reward" in h]
for h in logs:
    print(f"step {h['step']}: reward {h['reward']:.3f} turns/episode {h.get('episode/turns', float('nan')):.2f} "
          f"finalized {h.get('episode/finalized', float('nan')):.2f}")
print(json.dumps({"steps": trainer.state.global_step, "reward_mean": sum(h["reward"] for h in logs) / len(logs)}))
