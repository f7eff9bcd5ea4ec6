"""TRL's GRPOTrainer with `environment_factory`: TRL runs the tool-calling loop, the env's KG tools are the tools.

    python docs/examples/trl_environment_factory.py                      # SmolLM2, 10 steps
    python docs/examples/trl_environment_factory.py --model /tmp/tiny --steps 1 --scenarios 2   # a smoke run

SmolLM2's own chat template has no tool support (TRL refuses it); `load_tokenizer` / `prepare_tokenizer` give it
codreamer_env's tool template (the env's <tool_call> text protocol) and a parser for its tool calls; `--prefill`
starts each assistant turn inside a tool call (the template's `assistant_prefill`), which a 135M model needs to
call tools at all. The reward
is the env's own (`SalesEmailToolEnv.get_reward`, the rubric judge) plus, as a second reward function, the
rubric judging each prompt's group together (`group_reward_func`; RULER's place). Prints each logged step,
and as its last line a JSON summary (steps, reward, tool calls).
"""

import argparse
import json
import os

import torch
from transformers import AutoModelForCausalLM
from trl import GRPOConfig, GRPOTrainer

import codreamer_env as ce
from codreamer_env.integrations.trl import (
    SalesEmailToolEnv,
    group_reward_func,
    load_tokenizer,
    tool_env_dataset,
)
from codreamer_env.models import resolve_model_path

os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")  # environment_factory / rollout_func are experimental in TRL
p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--model", default="smollm2", help='"smollm2", "tiny" or a local HF folder')
p.add_argument("--steps", type=int, default=10)
p.add_argument("--scenarios", type=int, default=8, help="train scenarios in the dataset")
p.add_argument("--num-generations", type=int, default=2)
p.add_argument("--max-completion-length", type=int, default=256)
p.add_argument("--max-tool-calls", type=int, default=4, help="tool-calling iterations per episode")
p.add_argument("--prefill", default='<tool_call>{"name": "', help="text each assistant turn starts with ('': none)")
p.add_argument("--output-dir", default="outputs/examples/trl_environment_factory")
args = p.parse_args()

tok = load_tokenizer(args.model)  # = prepare_tokenizer(AutoTokenizer.from_pretrained(...))
model = AutoModelForCausalLM.from_pretrained(resolve_model_path(args.model))
gpu = torch.cuda.is_available()
config = GRPOConfig(output_dir=args.output_dir, max_steps=args.steps, learning_rate=1e-5, bf16=gpu, use_cpu=not gpu,
                    gradient_checkpointing=gpu,
                    per_device_train_batch_size=args.num_generations, num_generations=args.num_generations,
                    max_completion_length=args.max_completion_length, max_tool_calling_iterations=args.max_tool_calls,
                    chat_template_kwargs={"assistant_prefill": args.prefill},  # the tool template's scaffold
                    logging_steps=1, save_strategy="no", report_to=[])
trainer = GRPOTrainer(model=model, args=config, processing_class=tok,
                      train_dataset=tool_env_dataset("train").select(range(args.scenarios)),
                      environment_factory=SalesEmailToolEnv.configured(max_turns=args.max_tool_calls + 1),
                      reward_funcs=[group_reward_func(ce.RubricJudge())])
trainer.train()
logs = [h for h in trainer.state.log_history if "reward" in h]
for h in logs:
    print(f"step {h['step']}: reward {h['reward']:.3f} env reward {h['rewards/SalesEmailToolEnv/mean']:.3f} "
          f"tool calls/episode {h.get('tools/call_frequency', 0):.2f}")
print(json.dumps({"steps": trainer.state.global_step, "reward_mean": sum(h["reward"] for h in logs) / len(logs),
                  "tool_call_frequency": logs[-1].get("tools/call_frequency")}))
