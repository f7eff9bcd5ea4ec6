"""A plain Gymnasium loop: a local transformers model plays SalesEmailEnv episodes, turn by turn.

    python docs/examples/gym_loop.py                          # the bundled SmolLM2-135M-Instruct, 2 episodes
    python docs/examples/gym_loop.py --model /tmp/tiny --episodes 1 --max-turns 2   # a tiny random model: seconds

`--model`: "smollm2" (bundled, converted once), a local HF folder, or "tiny" (a tiny random model with SmolLM2's
tokenizer, `codreamer_env.models.tiny_random_model`: noise, for smoke runs). Prints each turn's action and
observation, then `episode <k>: reward <r> ...`, and as its last line a JSON summary.
"""

import argparse
import json

import gymnasium

import codreamer_env  # noqa: F401 - registers codreamer/SalesEmail-v0
from codreamer_env.integrations.trl import prepare_tokenizer
from codreamer_env.models import load_causal_lm

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--model", default="smollm2")
p.add_argument("--episodes", type=int, default=2)
p.add_argument("--max-turns", type=int, default=6)
p.add_argument("--max-new-tokens", type=int, default=96)
p.add_argument("--prefill", default='<tool_call>{"name": "', help="text each assistant turn starts with")
args = p.parse_args()

model, tok = load_causal_lm(args.model)
tok = prepare_tokenizer(tok)  # SmolLM2's template with tool calls and results (the env's text protocol)
env = gymnasium.make("codreamer/SalesEmail-v0", max_turns=args.max_turns)
rewards = []
for k in range(args.episodes):
    obs, info = env.reset(seed=k)
    done = False
    while not done:
        # info["messages"] is the whole episode so far, in OpenAI chat format: render it, generate one turn.
        prompt = tok.apply_chat_template(info["messages"], tokenize=False, add_generation_prompt=True) + args.prefill
        enc = tok(prompt, return_tensors="pt", add_special_tokens=False).to(model.device)
        out = model.generate(**enc, max_new_tokens=args.max_new_tokens, do_sample=True, temperature=0.7,
                             stop_strings=["</tool_call>"], tokenizer=tok, pad_token_id=tok.pad_token_id)
        action = args.prefill + tok.decode(out[0, enc["input_ids"].shape[1]:], skip_special_tokens=True)
        obs, reward, terminated, truncated, info = env.step(action)  # never raises for a bad action
        print(f"  action: {action[:100]!r}\n  observation: {obs[:100]!r}")
        done = terminated or truncated
    email = info["trajectory"].final_email
    print(f"episode {k}: reward {reward:.3f} scenario {info['scenario_id']} finalized {email is not None}")
    rewards.append(reward)
print(json.dumps({"episodes": len(rewards), "reward_mean": sum(rewards) / len(rewards)}))
