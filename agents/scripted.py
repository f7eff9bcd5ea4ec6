"""Scripted baselines: RandomAgent, GreedyKGAgent, OracleAgent (an upper reference that reads gold paths)."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import orjson

from agents.base import BaseAgent, context_entries, parse_brief


def call(name: str, **arguments: Any) -> str:
    """A tool call in the text protocol."""
    return "<tool_call>" + orjson.dumps({"name": name, "arguments": arguments}).decode() + "</tool_call>"


def _n_turns(info: dict[str, Any]) -> int:
    return sum(1 for m in info["messages"] if m["role"] == "assistant")


def _first_sentence(text: str) -> str:
    text = text.rstrip("…").strip()
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return (m.group(1) if m else text).strip()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


class RandomAgent(BaseAgent):
    """Random tool calls on ids it has seen, then a finalize with random sentences and citations."""

    name = "random"

    def __init__(self, seed: int = 0, finalize_prob: float = 0.35) -> None:
        self.rng = np.random.default_rng(seed)
        self.finalize_prob = finalize_prob

    def act(self, observation: str, info: dict[str, Any]) -> str:
        # Memoryless: after the first call, finalize with a fixed probability each turn (no per-episode state,
        # so batches of concurrent episodes need no bookkeeping).
        msgs = info["messages"]
        brief = parse_brief(info)
        seen = list(dict.fromkeys(re.findall(r"'([^']+)'", " ".join(
            m["content"] for m in msgs if m["role"] == "tool")))) or brief.start_nodes
        turns = _n_turns(info)
        if turns == 0 or (turns < info["max_turns"] - 1 and self.rng.random() >= self.finalize_prob):
            node = seen[int(self.rng.integers(len(seen)))]
            if self.rng.random() < 0.5:
                return call("get_connected_nodes", node_id=node)
            return call("get_relevant_context", node_id=node, k=int(self.rng.integers(1, 8)))
        texts = list(context_entries(msgs).values()) or [brief.goal]
        picks = self.rng.choice(len(texts), size=min(2, len(texts)), replace=False)
        body = "Hello,\n\n" + " ".join(_first_sentence(texts[int(i)]) for i in picks) + "\n\nRegards"
        cites = [seen[int(i)] for i in self.rng.choice(len(seen), size=min(3, len(seen)), replace=False)]
        return call("finalize_email", subject=f"About {brief.product}", body=body, citations=cites)


_CTA = {
    "discovery call": "Would you be open to a 20-minute call next week?",
    "trial": "Would you like to start a 14-day free trial next week?",
    "demo": "Could I show you a 30-minute demo next week?",
    "pilot": "Would a 30-day pilot with one team make sense?",
    "introduction": "Could you introduce me to the technical evaluator on your team?",
    "working session": "Would your team join a 45-minute working session next week?",
}


def _cta(goal: str) -> str:
    for key, line in _CTA.items():
        if key in goal:
            return line
    return f"Would you be open to this: {goal}?"


class GreedyKGAgent(BaseAgent):
    """Follows the best-ranked evidence from the start node toward a product feature, then fills a template.

    Turn 1 asks for context around "Customer Job"; turn 2 expands the best-ranked product feature's
    neighbourhood; then it writes from the retrieved text: the first pain, the first product feature.
    """

    name = "greedy"

    def __init__(self, k: int = 5) -> None:
        self.k = k

    def act(self, observation: str, info: dict[str, Any]) -> str:
        msgs = info["messages"]
        brief = parse_brief(info)
        ctx = context_entries(msgs)
        turns = _n_turns(info)
        features = [n for n in ctx if n.startswith("Product Feature")]
        if turns == 0:
            return call("get_relevant_context", node_id=brief.start_nodes[0], k=self.k)
        if turns == 1 and features and info["max_turns"] > 2:
            return call("get_relevant_context", node_id=features[0], k=3, radius=1)
        pains = [n for n in ctx if n.startswith(("Pain", "Customer Job"))]
        pain_text = _first_sentence(ctx[pains[1] if len(pains) > 1 else pains[0]]) if pains else ""
        cites = [n for n in (pains[:2] + features[:1]) if n]
        lines = [f"Hi {brief.first_name},", ""]
        if pain_text:
            lines.append(pain_text)
        if features:
            fname = features[0].split(":", 1)[1].strip()
            lines.append(f"{brief.product}'s {fname} {_lower_first(_first_sentence(ctx[features[0]]))}")
        cases = [n for n in ctx if n.startswith("Case Study")]
        if cases:
            lines.append(_first_sentence(ctx[cases[0]]))
            cites.append(cases[0])
        lines += ["", _cta(brief.goal), "", "Best,", "Alex"]
        return call("finalize_email", subject=f"{brief.company} and {brief.product}", body="\n".join(lines),
                    citations=cites)


class OracleAgent(BaseAgent):
    """Reads the scenario's gold path (an upper reference, labelled as such), retrieves it, writes a precise email."""

    name = "oracle"
    is_reference = True

    def act(self, observation: str, info: dict[str, Any]) -> str:
        from codreamer_env.scenarios import get_scenario

        sc = get_scenario(info["scenario_id"])
        kg = sc.graph()
        path = sc.gold_paths[0]
        msgs = info["messages"]
        turns = _n_turns(info)
        retrieved = set(context_entries(msgs))
        missing = [n for n in path if n not in retrieved]
        if missing and turns < info["max_turns"] - 1:
            # Several calls in one action run in order: the whole gold path in one turn.
            return "".join(call("get_relevant_context", node_id=n, k=1, radius=1, max_chars=600) for n in missing)
        p = sc.prospect
        pain = next((n for n in path if kg.node_type(n) == "pain"), None)
        feat = next(n for n in path if kg.is_product_feature(n))
        case = next((n for n in path if kg.node_type(n) == "case_study"), None)
        fname = next(f.name for f in sc.product.features if f.node_id == feat)
        lines = [f"Hi {p.first_name},", ""]
        if pain:
            lines.append(f"As {p.title} at {p.company}: {_lower_first(_first_sentence(kg.content(pain)))}")
        lines.append(f"{sc.product.name}'s {fname} {_lower_first(_first_sentence(kg.content(feat)))}")
        if case:
            lines.append(_first_sentence(kg.content(case)))
        lines += ["", _cta(sc.goal.text), "", "Best,", "Alex"]
        cites = [n for n in path if n in retrieved or n == path[0]]
        job = sc.job.statement.split(",")[0]
        return call("finalize_email", subject=f"{p.company}: {job}", body="\n".join(lines), citations=cites)
