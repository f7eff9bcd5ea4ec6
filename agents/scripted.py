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


# Instructions the InstructionFollowingAgent responds to: a behaviour turns on when the system prompt matches.
INSTRUCTION_CUES: dict[str, str] = {
    "example": r'Example: <tool_call>\{"name"',  # a worked tool call: without one, calls are often malformed
    "personalize": r"personali[sz]ed?|by (first )?name|the prospect's (role|pain|job)",
    "cite": r"\bcite\b|citations? (list|must|should)",
    "evidence": r"concrete fact|case stud|evidence",
    "cta": r"\bclear ask\b|call to action|\bCTA\b|ends? with (one|a) (clear )?(question|ask)",
    "concise": r"\d+\s*-\s*\d+ words|short|concise|under \d+ words",
}


class InstructionFollowingAgent(BaseAgent):
    """A deterministic stand-in for an instruction-following LLM, for testing and demonstrating prompt
    optimizers without a model: it reads its system prompt (the episode's first message, or `system_prompt`)
    and behaves as the instructions it finds ask (`INSTRUCTION_CUES`): personalise, cite, add evidence, end
    with a call to action, stay concise; without a worked tool-call example, half of its calls are malformed.

    Each instruction it sees is followed with probability `compliance`, or 1 - (1 - compliance)^n when stated n
    times (else that behaviour lapses for the episode). The lapses are drawn from a generator seeded by (episode seed, prompt text), so the same
    prompt on the same seed behaves identically, and two different prompts get independent noise: exactly
    the situation a paired A/B test on prompts faces with a sampled LLM.
    """

    name = "instruction_follower"

    def __init__(self, compliance: float = 0.85, seed: int = 0, system_prompt: str | None = None) -> None:
        self.compliance = compliance
        self.seed = seed
        self.system_prompt = system_prompt
        self._greedy = GreedyKGAgent()

    def begin_batch(self, n: int, seeds: list[int] | None = None) -> None:
        self._seeds = list(seeds) if seeds else None

    def behaviours(self, prompt: str, seed: int) -> dict[str, bool]:
        """Which behaviours are on for an episode with this prompt and seed."""
        import hashlib

        h = int.from_bytes(hashlib.sha256(f"{seed}\0{prompt}".encode()).digest()[:8], "little")
        rng = np.random.default_rng(h)
        draws = rng.random(len(INSTRUCTION_CUES))
        # An instruction stated n times is followed with probability 1 - (1 - compliance)^n (emphasis helps).
        return {k: bool(u < 1.0 - (1.0 - self.compliance) ** len(re.findall(pat, prompt, re.IGNORECASE)))
                for (k, pat), u in zip(INSTRUCTION_CUES.items(), draws, strict=True)}

    def act(self, observation: str, info: dict[str, Any]) -> str:
        prompt = self.system_prompt if self.system_prompt is not None else info["messages"][0]["content"]
        seeds = getattr(self, "_seeds", None)
        slot = info.get("slot")
        seed = seeds[slot] if seeds and slot is not None and slot < len(seeds) else self.seed
        seed = int(seed) ^ int.from_bytes(str(info["scenario_id"]).encode()[-8:], "little")
        on = self.behaviours(prompt, seed)
        turns = _n_turns(info)
        if not on["example"]:
            u = np.random.default_rng([seed, turns, 7]).random()
            if u < 0.5:  # no example to copy: a malformed call (the env answers with an error, the turn is lost)
                return '{"tool": "get_relevant_context", "node": "' + parse_brief(info).start_nodes[0] + '"}'
        action = self._greedy.act(observation, info)
        if not action.startswith('<tool_call>{"name":"finalize_email"') and turns < info["max_turns"] - 1:
            return action
        if not action.startswith('<tool_call>{"name":"finalize_email"'):
            action = GreedyKGAgent.act(self._greedy, observation, {**info, "max_turns": 2})  # write now
        args = orjson.loads(action[len("<tool_call>"):-len("</tool_call>")])["arguments"]
        brief = parse_brief(info)
        lines = args["body"].split("\n")
        body_lines = [ln for ln in lines if ln and not ln.startswith(("Hi ", "Best,", "Alex"))]
        cta = _cta(brief.goal)
        facts = [ln for ln in body_lines if ln != cta]
        cases = [ln for ln in facts[2:]]
        facts = facts[:2] + (cases if on["evidence"] else [])
        if not on["personalize"]:
            facts = [f"{brief.product} helps companies like yours."] + facts[1:]
        out = [f"Hi {brief.first_name}," if on["personalize"] else "Hello,", ""] + facts
        if not on["concise"]:
            out += ["We are a leading provider trusted by many teams, and we would be delighted to tell you much more "
                    "about everything our platform offers, its many capabilities and how other teams use it every day."]
        if on["cta"]:
            out += ["", cta]
        out += ["", "Best,", "Alex"]
        cites = args["citations"] if on["cite"] else []
        return call("finalize_email", subject=args["subject"], body="\n".join(out), citations=cites)
