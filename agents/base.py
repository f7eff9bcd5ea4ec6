"""The agent protocol: reset, act, act_batch. Agents see only observations and `info` (messages, tools)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Agent(Protocol):
    """What every agent offers. `act_batch` lets an LLM agent generate for many envs in one batch."""

    name: str

    def reset(self) -> None: ...

    def act(self, observation: str, info: dict[str, Any]) -> Any: ...

    def act_batch(self, observations: list[str], infos: list[dict[str, Any]]) -> list[Any]: ...


class BaseAgent:
    """Per-episode state keyed by scenario id and episode counter; `act_batch` loops over `act`."""

    name = "base"
    is_reference = False  # True for agents that read grading data (the oracle); tables label them

    def reset(self) -> None:
        """Forget per-episode state."""

    def act(self, observation: str, info: dict[str, Any]) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def act_batch(self, observations: list[str], infos: list[dict[str, Any]]) -> list[Any]:
        """One action per live episode."""
        return [self.act(o, i) for o, i in zip(observations, infos, strict=True)]

    def episode_tokens(self) -> dict[str, int]:
        """Tokens used since the last reset (LLM agents override)."""
        return {"prompt_tokens": 0, "completion_tokens": 0}


@dataclass
class Brief:
    """What the task brief says, parsed from the first user message."""

    name: str
    first_name: str
    title: str
    company: str
    industry: str
    seller: str
    product: str
    goal: str
    start_nodes: list[str]
    as_of: str | None = None


_BRIEF = re.compile(
    r"Prospect: (?P<name>.+?), (?P<title>.+?) at (?P<company>.+?) \((?P<industry>[^)]*)\)\.\n"
    r"Seller: (?P<seller>.+?), product (?P<product>.+?) \(.*?\)\.\n"
    r"Goal of the email: (?P<goal>.+?)\.\n"
    r"(?:Today's date: (?P<as_of>[^\n]+?)\.\n)?"
    r"Start nodes: (?P<start>.+)\."
)


def parse_brief(info: dict[str, Any]) -> Brief:
    """Read the prospect, product, goal and start nodes from the episode's first user message."""
    text = next(m["content"] for m in info["messages"] if m["role"] == "user")
    m = _BRIEF.search(text)
    if m is None:
        raise ValueError(f"unexpected task brief: {text[:200]!r}")
    start = re.findall(r"'([^']+)'", m.group("start"))
    return Brief(name=m.group("name"), first_name=m.group("name").split()[0], title=m.group("title"),
                 company=m.group("company"), industry=m.group("industry"), seller=m.group("seller"),
                 product=m.group("product"), goal=m.group("goal"), start_nodes=start, as_of=m.group("as_of"))


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
