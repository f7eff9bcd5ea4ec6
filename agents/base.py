"""BaseAgent: the runner's agent protocol (`codreamer_env.runner.Agent`) with its defaults, and what agents read
from `info`: the brief's fields and the context shown so far."""

from __future__ import annotations

import re
from typing import Any

from codreamer_env.runner import Agent
from codreamer_env.scenarios import Brief

__all__ = ["Agent", "BaseAgent", "Brief", "context_entries", "parse_brief"]


class BaseAgent(Agent):
    """Every method of `Agent`: `act_batch` loops over `act`, no per-batch state, no token usage."""

    name = "base"


def parse_brief(info: dict[str, Any]) -> Brief:
    """The episode's brief (prospect, product, goal, start nodes): the env's `info["brief"]`."""
    if "brief" not in info:
        raise ValueError("info has no 'brief': agents read it from SalesEmailEnv's reset/step info")
    return info["brief"]


_CTX_LINE = re.compile(r"^\[(?P<id>[^\]]+)\] (?P<text>.*)$")


def context_entries(messages: list[dict[str, Any]]) -> dict[str, str]:
    """{node id: text} of every node shown by get_relevant_context so far, in order of appearance."""
    out: dict[str, str] = {}
    for m in messages:
        if m["role"] == "tool" and m.get("name") == "get_relevant_context":
            for line in m["content"].splitlines()[1:]:
                mm = _CTX_LINE.match(line)
                if mm:
                    out.setdefault(mm.group("id"), mm.group("text"))
    return out
