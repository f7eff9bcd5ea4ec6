"""docs/examples: each way into the env runs as documented (as a subprocess, on a tiny model or a loopback server),
and the pieces they rest on: the SmolLM2 tool chat template TRL's environment_factory needs, and `agent._target_`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from omegaconf import OmegaConf

import codreamer_env as ce

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples"


def run_example(name: str, *args: str, env: dict[str, str] | None = None, timeout: int = 300) -> list[str]:
    """Run docs/examples/<name> from the repository root; its output lines (it must exit 0)."""
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
                **(env or {})}
    proc = subprocess.run([sys.executable, str(EXAMPLES / name), *args], cwd=ROOT, env=full_env, capture_output=True,
                          text=True, timeout=timeout)
    assert proc.returncode == 0, f"{name} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout.splitlines()


def summary(lines: list[str]) -> dict:
    """The JSON object an example prints as its last line."""
    return json.loads(lines[-1])


# ---- the tool chat template (what TRL's environment_factory needs of SmolLM2's tokenizer)


@pytest.fixture(scope="module")
def tokenizers(tiny_model_dir):
    from transformers import AutoTokenizer

    from codreamer_env.integrations.trl import prepare_tokenizer

    plain = AutoTokenizer.from_pretrained(tiny_model_dir)
    return plain, prepare_tokenizer(AutoTokenizer.from_pretrained(tiny_model_dir))


def test_smollm2_tokenizer_gets_a_template_trl_accepts_for_tools(tokenizers):
    from trl.chat_template_utils import is_chat_template_prefix_preserving, supports_tool_calling

    plain, tok = tokenizers
    assert not supports_tool_calling(plain)  # why TRL refused SmolLM2: its own template drops tool calls
    assert supports_tool_calling(tok) and is_chat_template_prefix_preserving(tok)
    assert tok.response_template is not None and tok.padding_side == "left" and tok.pad_token is not None
    chat = [{"role": "system", "content": "S"}, {"role": "user", "content": "u"}, {"role": "assistant", "content": "a"}]
    for msgs in (chat, chat[1:]):  # without tools: SmolLM2's own rendering, default system prompt included
        for gen in (False, True):
            assert (tok.apply_chat_template(msgs, tokenize=False, add_generation_prompt=gen)
                    == plain.apply_chat_template(msgs, tokenize=False, add_generation_prompt=gen))


def test_tool_template_renders_env_episodes_as_the_text_protocol(tokenizers):
    """An episode's info["messages"] (tool calls, tool results, error turns) renders exactly as the text-protocol
    agents render it: agents.llm.to_text_messages through SmolLM2's own template."""
    from agents.llm import to_text_messages
    from agents.scripted import GreedyKGAgent, OracleAgent, RandomAgent

    plain, tok = tokenizers
    scenarios = ce.load_scenarios("default", "test", limit=2)
    env = ce.SalesEmailEnv(scenarios=scenarios, max_turns=4)
    for agent in (OracleAgent(scenarios), GreedyKGAgent(), RandomAgent(seed=3)):
        for sc in scenarios:
            obs, info = env.reset(options={"scenario_id": sc.id})
            done = False
            while not done:
                obs, _, term, trunc, info = env.step(agent.act(obs, {**info, "slot": 0}))
                done = term or trunc
            msgs = info["messages"]
            assert any(m["role"] == "tool" for m in msgs)
            assert (tok.apply_chat_template(msgs, tokenize=False)
                    == plain.apply_chat_template(to_text_messages(msgs), tokenize=False))


def test_tool_template_lists_tools_and_parses_calls_back(tokenizers):
    from trl.chat_template_utils import parse_response

    from codreamer_env.integrations.trl import SalesEmailToolEnv

    _, tok = tokenizers
    env = SalesEmailToolEnv()
    tools = [env.get_connected_nodes, env.get_relevant_context, env.finalize_email]
    call = {"type": "function", "function": {"name": "get_connected_nodes", "arguments": {"node_id": "Customer Job"}}}
    msgs = [{"role": "user", "content": "go"}, {"role": "assistant", "content": "", "tool_calls": [call]},
            {"role": "tool", "name": "get_connected_nodes", "content": "RESULT"}]
    text = tok.apply_chat_template(msgs, tools=tools, tokenize=False, add_generation_prompt=True)
    assert text.count('"name": "finalize_email"') == 1 and "<tools>" in text.split("<|im_end|>")[0]
    assert '<tool_call>{"name":"get_connected_nodes","arguments":{"node_id":"Customer Job"}}</tool_call><|im_end|>' in text
    assert '<|im_start|>user\n<tool_response name="get_connected_nodes">\nRESULT\n</tool_response><|im_end|>' in text
    # What the model writes (the env's protocol, as its system prompt shows it) parses into a tool call.
    prefix = tok(text, add_special_tokens=False)["input_ids"]
    out = 'Checking.<tool_call>{"name": "get_relevant_context", "arguments": {"node_id": "Pain: x", "k": 3}}</tool_call><|im_end|>'
    parsed = parse_response(tok, tok(out, add_special_tokens=False)["input_ids"], prefix=prefix, tools=tools)
    assert parsed["content"] == "Checking."
    assert parsed["tool_calls"] == [{"type": "function", "function": {"name": "get_relevant_context",
                                                                      "arguments": {"node_id": "Pain: x", "k": 3}}}]
    # With `assistant_prefill` (TRL's chat_template_kwargs) the turn starts inside the call; the parser reads it.
    text = tok.apply_chat_template(msgs[:1], tokenize=False, add_generation_prompt=True,
                                   assistant_prefill='<tool_call>{"name": "')
    assert text.endswith('<|im_start|>assistant\n<tool_call>{"name": "')
    rest = tok('finalize_email", "arguments": {"subject": "s", "body": "b", "citations": []}}</tool_call><|im_end|>',
               add_special_tokens=False)["input_ids"]
    parsed = parse_response(tok, rest, prefix=tok(text, add_special_tokens=False)["input_ids"], tools=tools)
    assert [c["function"]["name"] for c in parsed["tool_calls"]] == ["finalize_email"]


def test_prepare_tokenizer_keeps_tool_capable_templates_and_refuses_unknown_ones(tiny_model_dir):
    import trl
    from transformers import AutoTokenizer

    from codreamer_env.integrations.trl import prepare_tokenizer, tool_chat_template

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    qwen = (Path(trl.__file__).parent / "chat_templates" / "qwen2_5.jinja").read_text()
    tok.chat_template = qwen
    assert prepare_tokenizer(tok).chat_template == qwen and tok.response_template is not None
    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    tok.chat_template = "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
    with pytest.raises(ValueError, match="neither tool-capable nor ChatML"):
        prepare_tokenizer(tok)
    assert prepare_tokenizer(tok, force=True).chat_template == tool_chat_template()


# ---- agent._target_: your own agent class in the benchmark


def test_make_agent_builds_a_target_class_with_the_fields_it_names():
    sys.path.insert(0, str(EXAMPLES))
    try:
        from experiments.config import AgentConfig
        from experiments.factory import make_agent

        cfg = OmegaConf.merge(OmegaConf.structured(AgentConfig),
                              {"name": "context", "_target_": "custom_agent.ContextAgent", "seed": 7})
        agent = make_agent(cfg)
        assert type(agent).__name__ == "ContextAgent" and agent.seed == 7 and agent.k == 4
        with pytest.raises(ValueError, match="agent.name"):  # a baseline's name would share the baseline's run folder
            make_agent(OmegaConf.merge(cfg, {"name": "greedy"}))
        with pytest.raises(ValueError, match="cannot import"):
            make_agent(OmegaConf.merge(cfg, {"_target_": "no_such_module.Agent"}))
        with pytest.raises(TypeError, match="agent protocol"):
            make_agent(OmegaConf.merge(cfg, {"_target_": "argparse.Namespace"}))
    finally:
        sys.path.remove(str(EXAMPLES))


def test_custom_agent_example_runs_in_the_benchmark(tmp_path):
    lines = run_example("custom_agent.py", "experiment=smoke", "env.limit=2", f"hydra.run.dir={tmp_path / 'run'}")
    assert re.match(r"context: reward 0\.\d+ \+- .* 2 episodes, judge rubric", lines[-1]), lines[-1]
    rows = [json.loads(x) for x in (tmp_path / "run" / "trajectories.jsonl").read_text().splitlines()]
    assert len(rows) == 2 and all(r["terminated"] and r["agent"] == "context" and r["citations"] for r in rows)
    # The documented command: the module on PYTHONPATH, the class named by config.
    proc = subprocess.run([sys.executable, "-m", "experiments.benchmark", "agent._target_=custom_agent.ContextAgent",
                           "agent.name=context", "experiment=smoke", "env.limit=2", f"hydra.run.dir={tmp_path / 'b'}"],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(EXAMPLES)}, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.splitlines()[-1].split(" -> ")[0] == lines[-1].split(" -> ")[0]


# ---- the other examples


def test_gym_loop_example(tiny_model_dir):
    lines = run_example("gym_loop.py", "--model", str(tiny_model_dir), "--episodes", "1", "--max-turns", "2",
                        "--max-new-tokens", "8")
    assert sum(x.startswith("episode 0: reward 0.000") for x in lines) == 1 and sum("action:" in x for x in lines) == 2
    assert summary(lines) == {"episodes": 1, "reward_mean": 0.0}


def test_openai_endpoint_example_against_a_loopback_server(fault_server):
    lines = run_example("openai_endpoint.py", "--model", "fault", "--episodes", "2", "--max-turns", "2",
                        env={"OPENAI_BASE_URL": fault_server.base_url, "OPENAI_API_KEY": "sk-example-secret"})
    # The fault server answers JSON text, not tool calls: every turn is a request, no episode finalizes.
    assert fault_server.requests == 4 and fault_server.auth_headers[0] == "Bearer sk-example-secret"
    assert summary(lines) == {"episodes": 2, "reward_mean": 0.0, "finalized": 0}
    assert "sk-example-secret" not in "\n".join(lines)


@pytest.mark.slow
def test_openai_endpoint_example_against_llama_cpp_smollm2(llama_server):
    lines = run_example("openai_endpoint.py", "--base-url", llama_server.base_url, "--model", "smollm2",
                        "--episodes", "1", "--max-turns", "2", "--max-new-tokens", "64")
    assert summary(lines)["episodes"] == 1 and re.search(r"tokens \{'prompt_tokens': [1-9]", lines[0])


@pytest.mark.slow
def test_trl_environment_factory_example(tiny_model_dir, tmp_path):
    lines = run_example("trl_environment_factory.py", "--model", str(tiny_model_dir), "--steps", "1",
                        "--scenarios", "2", "--max-completion-length", "32", "--max-tool-calls", "1",
                        "--output-dir", str(tmp_path))
    assert lines[-2].startswith("step 1: reward") and summary(lines)["steps"] == 1


@pytest.mark.slow
def test_trl_rollout_func_example(tiny_model_dir, tmp_path):
    lines = run_example("trl_rollout_func.py", "--model", str(tiny_model_dir), "--steps", "1", "--scenarios", "2",
                        "--max-turns", "2", "--max-tokens-per-turn", "8", "--output-dir", str(tmp_path))
    assert re.match(r"step 1: reward \S+ turns/episode 2\.00", lines[-2]) and summary(lines)["steps"] == 1


def test_integrations_doc_runs_every_example():
    doc = (ROOT / "docs" / "integrations.md").read_text()
    for example in sorted(EXAMPLES.glob("*.py")):
        assert f"docs/examples/{example.name}" in doc, example.name
        assert f"docs/examples/{example.name}" in example.read_text(), f"{example.name}: its docstring says how to run it"
    assert "tiny_random_model" in doc and "prepare_tokenizer" in doc
