"""Rollout throughput: batched env rollouts with the transformers backend vs a raw model.generate loop.

    python -m benchmarks.rollout_throughput [--batch 8] [--new-tokens 64] [--reps 3] [--model smollm2]

Both sides use the same model, batch size, prompts (each env's first-turn chat prompt) and output
length (min_new_tokens = max_new_tokens, no stop strings), with sampling seeded identically. The env side
adds everything a rollout needs: env.reset, chat rendering, tokenisation, the agent, env.step (parsing,
tool execution). Prints both tokens/s and the ratio; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import time

import torch

import codreamer_env as ce
from agents.llm import LLMAgent, TransformersBackend, to_text_messages
from benchmarks._common import machine, table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--new-tokens", type=int, default=64)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--model", default="smollm2")
    args = ap.parse_args()
    torch.set_num_threads(torch.get_num_threads())
    backend = TransformersBackend(args.model)
    scenarios = ce.load_scenarios(ce.DEFAULT_SET, "test", limit=args.batch)
    envs = [ce.SalesEmailEnv(scenarios=scenarios, max_turns=2) for _ in range(args.batch)]
    agent = LLMAgent(backend, max_new_tokens=args.new_tokens, min_new_tokens=args.new_tokens, stop_strings=False,
                     temperature=0.7, seed=0)
    # The raw side's prompts: exactly what the agent renders at the first turn.
    infos = [env.reset(options={"scenario_id": s.id})[1] for env, s in zip(envs, scenarios, strict=True)]
    prompts = [backend.render(to_text_messages(i["messages"])) for i in infos]
    tok, model = backend.tok, backend.model

    def raw_once(seed: int) -> int:
        enc = tok(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
        torch.manual_seed(seed)
        with torch.no_grad():
            out = model.generate(**enc, max_new_tokens=args.new_tokens, min_new_tokens=args.new_tokens, do_sample=True,
                                 temperature=0.7, top_p=0.95, pad_token_id=tok.pad_token_id)
        return int((out[:, enc["input_ids"].shape[1]:] != tok.pad_token_id).sum())

    def env_once(seed: int) -> int:
        agent.begin_batch([seed] * args.batch)
        obs, infs = [], []
        for env, s in zip(envs, scenarios, strict=True):
            o, i = env.reset(options={"scenario_id": s.id})
            obs.append(o)
            infs.append(i)
        for k, i in enumerate(infs):
            i["slot"] = k
        actions = agent.act_batch(obs, infs)
        for env, a in zip(envs, actions, strict=True):
            env.step(a)
        return sum(agent.usage(k)["completion_tokens"] for k in range(args.batch))

    raw_once(0), env_once(0)  # warm-up
    raw_t = raw_n = env_t = env_n = 0.0
    for r in range(args.reps):  # interleaved, so drift in machine speed hits both sides alike
        t0 = time.perf_counter()
        raw_n += raw_once(r + 1)
        raw_t += time.perf_counter() - t0
        t0 = time.perf_counter()
        env_n += env_once(r + 1)
        env_t += time.perf_counter() - t0
    prompt_len = sum(len(tok(p, add_special_tokens=False)["input_ids"]) for p in prompts) / len(prompts)
    figs = {"machine": machine(), "model": args.model, "batch": args.batch, "new_tokens": args.new_tokens,
            "reps": args.reps, "prompt_tokens_mean": round(prompt_len, 1),
            "raw_generate_tokens_per_s": round(raw_n / raw_t, 2), "env_rollout_tokens_per_s": round(env_n / env_t, 2)}
    figs["ratio_env_over_raw"] = round(figs["env_rollout_tokens_per_s"] / figs["raw_generate_tokens_per_s"], 3)
    m = figs["machine"]
    print(f"Rollout throughput: {args.model}, batch {args.batch}, {args.new_tokens} new tokens, prompts of "
          f"~{prompt_len:.0f} tokens, {args.reps} reps; {m['cpu']} ({m['cores']} cores)")
    print(table([["raw model.generate loop", f"{figs['raw_generate_tokens_per_s']} tok/s"],
                 ["env rollouts (reset, agent, step)", f"{figs['env_rollout_tokens_per_s']} tok/s"],
                 ["ratio env / raw", f"{figs['ratio_env_over_raw']}"]], ["measure", "value"]))
    print(json.dumps(figs))


if __name__ == "__main__":
    main()
