"""Scripted baselines: RandomAgent, GreedyKGAgent, OracleAgent (an upper reference that reads gold paths)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import orjson

from agents.base import BaseAgent, context_entries, parse_brief
from codreamer_env.runner import scenario_lookup
from codreamer_env.scenarios import Scenario, get_scenario


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
        self.seed = seed
        self.rng = np.random.default_rng(seed)  # episodes without a seed (act called outside the runner)
        self.finalize_prob = finalize_prob
        self._rngs: list[np.random.Generator] = []

    def begin_batch(self, seeds: Sequence[int | None]) -> None:
        # One generator per episode, from (agent seed, episode seed): an episode's draws do not depend on which
        # other episodes share its batch, on the batch size, or on a resume.
        self._rngs = [self.rng if s is None else np.random.default_rng([self.seed, int(s)]) for s in seeds]

    def act(self, observation: str, info: dict[str, Any]) -> str:
        # Memoryless: after the first call, finalize with a fixed probability each turn.
        slot = info.get("slot")
        rng = self._rngs[slot] if slot is not None and slot < len(self._rngs) else self.rng
        msgs = info["messages"]
        brief = parse_brief(info)
        seen = list(dict.fromkeys(re.findall(r"'([^']+)'", " ".join(
            m["content"] for m in msgs if m["role"] == "tool")))) or brief.start_nodes
        turns = _n_turns(info)
        if turns == 0 or (turns < info["max_turns"] - 1 and rng.random() >= self.finalize_prob):
            node = seen[int(rng.integers(len(seen)))]
            if rng.random() < 0.5:
                return call("get_connected_nodes", node_id=node)
            return call("get_relevant_context", node_id=node, k=int(rng.integers(1, 8)))
        texts = list(context_entries(msgs).values()) or [brief.goal]
        picks = rng.choice(len(texts), size=min(2, len(texts)), replace=False)
        body = "Hello,\n\n" + " ".join(_first_sentence(texts[int(i)]) for i in picks) + "\n\nRegards"
        cites = [seen[int(i)] for i in rng.choice(len(seen), size=min(3, len(seen)), replace=False)]
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
    return next((line for key, line in _CTA.items() if key in goal), f"Would you be open to this: {goal}?")


class GreedyKGAgent(BaseAgent):
    """Follows the best-ranked evidence from the start node toward a product feature, then fills a template.

    Turn 1 asks for context around "Customer Job"; turn 2 expands the best-ranked product feature's
    neighbourhood; then it writes from the retrieved text: the first pain, the first product feature.
    """

    name = "greedy"

    def __init__(self, k: int = 5) -> None:
        self.k = k

    def act(self, observation: str, info: dict[str, Any]) -> str:
        brief = parse_brief(info)
        ctx = context_entries(info["messages"])
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
            fname = features[0].split(":", 1)[-1].strip()  # "Feature: X" -> "X"; an id without a colon as is
            lines.append(f"{brief.product}'s {fname} {_lower_first(_first_sentence(ctx[features[0]]))}")
        cases = [n for n in ctx if n.startswith("Case Study")]
        if cases:
            lines.append(_first_sentence(ctx[cases[0]]))
            cites.append(cases[0])
        lines += ["", _cta(brief.goal), "", "Best,", "Alex"]
        return call("finalize_email", subject=f"{brief.company} and {brief.product}", body="\n".join(lines),
                    citations=cites)


_TRIGGER_TYPES = ("news", "hiring", "social_post")
_CASE_OUTCOME = (re.compile(r"^After adopting [^,]+, .+?\) (?P<o>.+?)\.?$"),
                 re.compile(r"^.+? is (?:a|an) .+? that (?P<o>.+?) with [^.]+\.?$"),
                 re.compile(r"^.+?, .+?, (?P<o>.+?) after rolling out [^.]+\.?$"))


def _strip_pain(text: str, first: str) -> str:
    """A pain note's statement, without its source line or a "<name> says:" lead."""
    text = re.sub(r"\s*\((?:Source|source):[^)]*\)\s*$", "", text.strip())
    text = re.sub(rf"^{re.escape(first)} says:\s*", "", text)
    text = re.sub(r",? according to [A-Z][\w' ]+\.$", ".", text)
    text = re.sub(r"^At [A-Z][\w&' .-]+?, ", "", text)
    return text.strip()


def _feature_clause(desc: str, name: str, product: str) -> str:
    """What a feature does, in the words after its name ("screens applicants over text at any hour")."""
    first = _first_sentence(desc)
    for pat in (rf"^With {re.escape(name)}, {re.escape(product)} (?P<c>.+)",
                rf"^(?:{re.escape(product)}'s )?{re.escape(name)} (?P<c>.+)"):
        m = re.match(pat, first)
        if m:
            first = m.group("c")
            break
    return re.split(r"[:;]| so |, and ", first.rstrip("."), maxsplit=1)[0].strip().rstrip(",")


def _trigger_opening(text: str, company: str) -> str:
    """An opening line about a public trigger, in the seller's words around the trigger's facts."""
    pats = (
        (r"announced a (?P<a>\$\d+M) growth round led by (?P<b>[^,]+?) on ", "Congratulations on the {a} round led by {b}."),
        (r"appointed (?P<a>[A-Z][\w'-]+ [A-Z][\w'-]+) as (?P<b>[^;]+?) on .*?named (?P<c>[^,]+?)(?:,| as)",
         "I saw that {a} joined as {b} with {c} at the top of the agenda."),
        (r"it will open (?P<a>\d+ new [^,]+?) around (?P<b>[A-Z][\w ]+?) within a year",
         "I read about the {a} " + company + " plans to open around {b}."),
        (r"completed the acquisition of (?P<a>[^,]+), adding about (?P<b>[\d,]+) staff",
         "Congratulations on completing the acquisition of {a} and its {b} staff."),
        (r"posted (?P<a>\d+) openings between (?P<b>.+?) and now, (?P<c>\d+%) of them in teams that work on (?P<d>[^,(]+)",
         "I noticed " + company + " has posted {a} openings since {b}, {c} of them in {d}."),
        (r"wrote on LinkedIn on [^:]+: \"Our big push this year at [^\"]+? is to (?P<a>[^,\"]+)",
         "Your LinkedIn post about the push to {a} this year stuck with me."),
    )
    for pat, tmpl in pats:
        m = re.search(pat, text)
        if m:
            return tmpl.format(**m.groupdict())
    return _first_sentence(text)


class OracleAgent(BaseAgent):
    """Reads the scenario's gold paths (an upper reference, labelled as such), retrieves them, and writes the email
    a careful seller would: a public trigger when there is one, the prospect's own pain, the one fitting feature,
    one customer result, one ask for the goal; in its own words around the facts it quotes."""

    name = "oracle"
    is_reference = True

    def __init__(self, scenarios: Iterable[Scenario] | Mapping[str, Scenario] | None = None) -> None:
        """`scenarios`: the scenarios it will be run on (their gold paths are what it reads); None looks each
        one up by id in the named sets (`codreamer_env.get_scenario`)."""
        self._scenario = get_scenario if scenarios is None else scenario_lookup(scenarios)

    def act(self, observation: str, info: dict[str, Any]) -> str:
        sc = self._scenario(info["scenario_id"])
        kg = sc.graph()
        paths = sc.gold_paths
        trigger_path = next((p for p in paths if kg.node_type(p[0]) in _TRIGGER_TYPES), None)
        main = next((p for p in paths if any(kg.node_type(n) == "case_study" for n in p)),
                    next((p for p in paths if any(kg.is_product_feature(n) for n in p)), paths[0]))
        wanted = list(dict.fromkeys([*(trigger_path or [])[:1], *main]))
        msgs = info["messages"]
        turns = _n_turns(info)
        retrieved = set(context_entries(msgs))
        missing = [n for n in wanted if n not in retrieved]
        if missing and turns < info["max_turns"] - 1:
            # Several calls in one action run in order: every evidence node in one turn.
            return "".join(call("get_relevant_context", node_id=n, k=1, radius=1, max_chars=600) for n in missing)
        p = sc.prospect
        pain = next((n for n in main if kg.node_type(n) == "pain"), None)
        feat = next((n for n in main if kg.is_product_feature(n)), None)
        case = next((n for n in main if kg.node_type(n) == "case_study"), None)
        lines = [f"Hi {p.first_name},", ""]
        cites = []
        if trigger_path:
            lines.append(_trigger_opening(kg.content(trigger_path[0]), p.company))
            cites.append(trigger_path[0])
        if pain:
            stmt = _strip_pain(kg.content(pain), p.first_name)
            lead = "You mentioned that" if kg.attributes(pain).get("voiced_by") == p.name else "I understand that"
            lines.append(f"{lead} {_lower_first(stmt)}")
            cites.append(pain)
        if feat:
            feature = next(f for f in sc.product.features if f.node_id == feat)
            clause = _feature_clause(feature.description, feature.name, sc.product.name)
            lines.append(f"That is the problem {sc.product.name}'s {feature.name} was built for: it {clause}.")
            cites.append(feat)
        if case:
            text = _first_sentence(kg.content(case))
            cust = kg.attributes(case).get("customer") or case.split(":", 1)[-1].strip()
            outcome = next((m.group("o") for rx in _CASE_OUTCOME if (m := rx.match(text))), None)
            lines.append(f"{cust} {outcome} with it." if outcome else text)
            cites.append(case)
        lines += ["", _cta(sc.goal.text), "", "Best,", "Alex"]
        cites = [n for n in cites if n in retrieved] or cites
        job = sc.job.statement.split(",")[0]
        subject = f"{job[:1].upper()}{job[1:]} at {p.company}"
        return call("finalize_email", subject=subject, body="\n".join(lines), citations=cites)


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
        self._seeds: list[int | None] = []

    def begin_batch(self, seeds: Sequence[int | None]) -> None:
        self._seeds = list(seeds)

    def behaviours(self, prompt: str, seed: int) -> dict[str, bool]:
        """Which behaviours are on for an episode with this prompt and seed."""
        h = int.from_bytes(hashlib.sha256(f"{seed}\0{prompt}".encode()).digest()[:8], "little")
        rng = np.random.default_rng(h)
        draws = rng.random(len(INSTRUCTION_CUES))
        # An instruction stated n times is followed with probability 1 - (1 - compliance)^n (emphasis helps).
        return {k: bool(u < 1.0 - (1.0 - self.compliance) ** len(re.findall(pat, prompt, re.IGNORECASE)))
                for (k, pat), u in zip(INSTRUCTION_CUES.items(), draws, strict=True)}

    def act(self, observation: str, info: dict[str, Any]) -> str:
        prompt = self.system_prompt if self.system_prompt is not None else info["messages"][0]["content"]
        slot = info.get("slot")
        seed = self._seeds[slot] if slot is not None and slot < len(self._seeds) else None
        seed = self.seed if seed is None else seed
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
        body_lines = [ln for ln in args["body"].split("\n") if ln and not ln.startswith(("Hi ", "Best,", "Alex"))]
        cta = _cta(brief.goal)
        facts = [ln for ln in body_lines if ln != cta]
        if not on["evidence"]:  # the pain and the feature only, no customer result
            facts = facts[:2]
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
