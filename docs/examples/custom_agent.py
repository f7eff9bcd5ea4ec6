"""Your own agent in the benchmark, by config: a class with `act` (subclass `agents.base.BaseAgent`), named by
`agent._target_`.

    PYTHONPATH=docs/examples python -m experiments.benchmark agent._target_=custom_agent.ContextAgent agent.name=context
    python docs/examples/custom_agent.py experiment=smoke        # the same, with this folder put on PYTHONPATH

`make_agent` builds the class `agent._target_` names: with `Class.from_config(cfg)` if it has one, else
`Class(**fields)` with the AgentConfig fields its constructor names (here `seed`); `agent.name` is its label and
run folder. Arguments after the script's name are Hydra overrides for the benchmark. Prints the benchmark's
result line: `context: reward <mean> +- <std> [95% CI ...], pass^1 ..., <n> episodes, judge ... -> <run folder>`.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from agents.base import BaseAgent, context_entries, parse_brief


def tool_call(name: str, **arguments: Any) -> str:
    """A tool call in the env's text protocol."""
    return "<tool_call>" + json.dumps({"name": name, "arguments": arguments}) + "</tool_call>"


class ContextAgent(BaseAgent):
    """Reads the evidence around the brief's start node, then writes its first three facts into an email."""

    name = "context"

    def __init__(self, seed: int = 0, k: int = 4) -> None:
        self.seed, self.k = seed, k

    def act(self, observation: str, info: dict[str, Any]) -> str:
        brief = parse_brief(info)  # the task brief's fields: prospect, product, goal, start nodes
        facts = context_entries(info["messages"])  # {node id: text} retrieved so far
        if not facts and info.get("turn", 0) < 1:
            return tool_call("get_relevant_context", node_id=brief.start_nodes[0], k=self.k)
        cited = list(facts)[:3]
        body = "\n".join([f"Hi {brief.first_name},", "", " ".join(facts[n].split(". ")[0].rstrip(".") + "." for n in cited),
                          "", f"Would you be open to a 20-minute call next week to see how {brief.product} could help?",
                          "", "Best,", "Alex"])
        return tool_call("finalize_email", subject=f"{brief.company} and {brief.product}", body=body, citations=cited)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(here), os.environ.get("PYTHONPATH")]))}
    cmd = [sys.executable, "-m", "experiments.benchmark", "agent._target_=custom_agent.ContextAgent",
           "agent.name=context", *sys.argv[1:]]
    sys.exit(subprocess.call(cmd, env=env))
