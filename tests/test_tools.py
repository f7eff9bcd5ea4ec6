"""The KG tool functions are the one source of every description of the tools: the OpenAI schemas, TRL's typed
env methods, the system prompt's tool list and the RULER judge's prompt."""

import hashlib
import inspect

from codreamer_env.prompts import TOOL_LIST, TOOL_USES, default_system_prompt, weak_system_prompt
from codreamer_env.tools import TOOLS, tool_schemas

# The tool list as the benchmarks and the prompt optimizer's protected sections know it: byte for byte.
FROZEN_TOOL_LIST = """\
## Tool protocol
You browse a knowledge graph (KG) about the prospect and the product. Call one tool per turn, as
<tool_call>{"name": "TOOL", "arguments": {...}}</tool_call>
Tools:
- get_connected_nodes(node_id): the neighbours of a node, best first, with a one-line preview each.
- get_relevant_context(node_id, k=5, radius=2, max_chars=800): evidence text from a node's neighbourhood and the node ids it used.
- finalize_email(subject, body, citations): send the email and end the episode; citations lists the KG node ids you relied on."""


def test_system_prompt_tool_list_is_rendered_from_the_schemas_and_unchanged():
    assert TOOL_LIST == FROZEN_TOOL_LIST and set(TOOL_USES) == set(TOOLS)
    assert hashlib.sha256(default_system_prompt().encode()).hexdigest() == (
        "6d372a1564fd469c7858c1e90e429caf9535c3c8aa0d8f783c93410cc55a4321")
    assert hashlib.sha256(weak_system_prompt().encode()).hexdigest() == (
        "9e3ad7eee7d99ad8160dfd4a14b00fef17b64d3ce9491197a59b004e9be2dd2f")
    for schema in tool_schemas():  # every tool, parameter and default is named in the prompt
        fn = schema["function"]
        line = next(x for x in TOOL_LIST.splitlines() if x.startswith(f"- {fn['name']}("))
        for p, spec in fn["parameters"]["properties"].items():
            assert (f"{p}={spec['default']}" if "default" in spec else p) in line


def test_trl_tool_methods_are_the_tool_functions():
    from transformers.utils import get_json_schema

    from codreamer_env.integrations.trl import SalesEmailToolEnv

    env = SalesEmailToolEnv.configured(split="val")()
    for schema in tool_schemas():
        fn = schema["function"]
        method = getattr(env, fn["name"])
        assert inspect.getdoc(method) == inspect.getdoc(TOOLS[fn["name"]].fn)
        trl = get_json_schema(method)["function"]
        assert trl["name"] == fn["name"] and trl["description"] == fn["description"]
        assert trl["parameters"]["required"] == fn["parameters"]["required"]
        for p, spec in fn["parameters"]["properties"].items():  # TRL's schema: types and descriptions, no ranges
            assert trl["parameters"]["properties"][p] == {k: v for k, v in spec.items() if k in ("type", "items",
                                                                                                 "description")}
        assert get_json_schema(method)["function"]["return"]["type"] == "string"
    assert inspect.signature(env.get_relevant_context).parameters["k"].default == 5


def test_ruler_prompt_names_every_tool():
    import codreamer_env as ce

    sc = ce.get_scenario("default-v2/test/0000")
    traj = ce.Trajectory(scenario_id=sc.id, messages=[{"role": "user", "content": sc.brief()}])
    user = ce.RulerJudge()._messages(sc, traj.messages, [("A", traj)], 1)[1]["content"]
    assert "Tools available to the agent: get_connected_nodes, get_relevant_context, finalize_email." in user
