"""Proposers of system-prompt rewrites: a rule-based baseline and three LLM rewriters.

- `RuleProposer`: seeded mutations of the instructions (add a requirement, reorder, tighten, drop a sentence);
  the requirement added is drawn by the reward the incumbent's episodes lose to the failure it targets
  (`diagnose`).
- `MetaPromptProposer`: PRewrite's meta-prompt (arXiv:2401.08189), "rewrite the instruction via rephrasing
  and/or adding specific requirements", sampled several times.
- `ReflectiveProposer` (GEPA-style): shows the rewriter the worst trajectories with their reward components,
  judge explanations and human reject reasons or edits, and asks for a fix.
- `HistoryProposer` (OPRO-style): shows prior (instruction, score) pairs, rejected ones included, worst to
  best, and asks for a new instruction that scores higher, so failed edits are not repeated.

A prompt is its editable instructions plus protected sections (see `PromptRegistry.protected`). With
`scope="instructions"` (the default) the rewriter sees and rewrites the instructions only and the protected
sections are put back verbatim; with `scope="full"` it rewrites the whole prompt, and a candidate that lost
a protected section is rejected by the registry before any evaluation.

LLM rewriters run through `ChatGenerator`s: `LocalChat` (the transformers backend of the LLM agent) or
`OpenAIChat` (any OpenAI-compatible endpoint), or any callable with the same signature.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np


@dataclass
class Candidate:
    text: str
    proposer: str
    meta_prompt: str | None = None
    note: str = ""


@dataclass
class ProposalContext:
    """What a proposer may look at: the incumbent, past attempts, and the worst recent episodes."""

    incumbent: str
    protected: Mapping[str, str]
    history: list[dict[str, Any]] = field(default_factory=list)  # {"instructions", "score", "decision"}
    worst: list[dict[str, Any]] = field(default_factory=list)  # {"email", "reward", "components", "explanation", "human"}
    diagnosis: dict[str, float] = field(default_factory=dict)  # `diagnose` of all the incumbent's recent episodes
    round: int = 0
    seed: int = 0


# ----------------------------------------------------------------------------- prompt parts

def split_prompt(text: str, protected: Mapping[str, str]) -> tuple[str, list[str]]:
    """(the editable instructions, the protected sections present, in prompt order). The instructions are the
    text with every protected section cut out, paragraphs re-joined."""
    spans = sorted((text.index(t), t) for t in protected.values() if t in text)
    rest, pos, found = [], 0, []
    for start, t in spans:
        rest.append(text[pos:start])
        found.append(t)
        pos = start + len(t)
    rest.append(text[pos:])
    paragraphs = [p.strip() for chunk in rest for p in re.split(r"\n\s*\n", chunk) if p.strip()]
    return "\n\n".join(paragraphs), found


def join_prompt(instructions: str, sections: Sequence[str]) -> str:
    """Instructions first, then the protected sections verbatim (the default prompt's layout)."""
    return "\n\n".join([instructions.strip(), *sections]) if instructions.strip() else "\n\n".join(sections)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])", text.replace("\n", " ")) if s.strip()]


# ----------------------------------------------------------------------------- rule-based

# Each requirement with the failure it targets: a rubric component, or "protocol" (invalid tool calls, no email).
REQUIREMENT_TARGETS: dict[str, tuple[str, ...]] = {
    "Greet the prospect by first name and open with their most pressing job or pain, in their words.":
        ("personalization",),
    "Back the claim with one concrete fact from the KG, such as a case study with a number.":
        ("factuality", "grounding"),
    "End with one clear ask that matches the goal of the email, such as a short call next week.": ("cta",),
    "Cite the node ids of every fact you use in the citations list.": ("grounding",),
    "Keep the body short: 60-150 words, no filler about the company.": ("clarity",),
    'Example: <tool_call>{"name": "get_relevant_context", "arguments": {"node_id": "Customer Job"}}</tool_call>':
        ("protocol",),
    "Retrieve evidence before writing: look at the customer job, then the product feature that solves it.":
        ("grounding", "alignment"),
    "Write in a warm, professional tone.": ("clarity",),
    "Use plain language and avoid jargon.": ("clarity",),
}
_FILLER = re.compile(r"\b(very|really|just|basically|actually|simply|quite|please)\b\s*", re.IGNORECASE)


def diagnose(episodes: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """The reward an incumbent's episodes lose to each kind of failure, estimated from their outcomes:

    - "protocol": episodes that broke the tool protocol (sent no email, or made invalid tool calls) times the
      reward gap to the episodes that did not (1 minus their mean when every episode broke it);
    - each rubric component: the share of episodes that sent an email times the component's mean shortfall
      (1 - score) over them, divided by the number of components (equal weights assumed).

    Rows are `{"email", "reward", "components", "invalid_actions"}`; a row without an "email" key (a human
    review) counts as sent."""
    if not episodes:
        return {}
    broke = [w for w in episodes if w.get("email", "") is None or w.get("invalid_actions", 0) > 0]
    kept = [w for w in episodes if not (w.get("email", "") is None or w.get("invalid_actions", 0) > 0)]
    mean = (lambda rows: float(np.mean([w.get("reward", 0.0) for w in rows])))  # noqa: E731
    gap = (mean(kept) if kept else 1.0) - mean(broke) if broke else 0.0
    out = {"protocol": len(broke) / len(episodes) * max(gap, 0.0)}
    sent = [w for w in episodes if w.get("email", "") is not None]
    comps: dict[str, list[float]] = {}
    for w in sent:
        for k, v in (w.get("components") or {}).items():
            if isinstance(v, (int, float)) and k != "gate":
                comps.setdefault(k, []).append(1.0 - float(v))
    out.update({k: len(sent) / len(episodes) * float(np.mean(v)) / len(comps) for k, v in comps.items()})
    return out


class RuleProposer:
    """Seeded, model-free mutations of the instructions (protected sections untouched).

    "add_requirement" draws from a fixed list of requirements, each tagged with the failure it targets. With
    `targeted=True` the draw is weighted by the reward the incumbent's episodes lose to that failure
    (`ctx.diagnosis`, else `diagnose(ctx.worst)`; weight exp((loss / largest loss - 1) / temperature)), so a
    prompt whose episodes send no email gets the worked tool-call example first and one with weak calls to
    action gets the ask; and requirements whose addition was already rejected (the proposal history) are tried
    only when none is left untried. Without episodes to look at, the draw is uniform."""

    name = "rules"
    mutations = ("add_requirement", "reorder", "tighten", "drop_sentence")

    def __init__(self, requirements: Sequence[str] | Mapping[str, Sequence[str]] = REQUIREMENT_TARGETS, n: int = 4,
                 targeted: bool = True, temperature: float = 0.25) -> None:
        if isinstance(requirements, Mapping):
            self.targets = {r: tuple(t) for r, t in requirements.items()}
        else:
            self.targets = {r: REQUIREMENT_TARGETS.get(r, ()) for r in requirements}
        self.requirements = list(self.targets)
        self.n, self.targeted, self.temperature = n, targeted, temperature
        if temperature <= 0:
            raise ValueError(f"temperature must be > 0, got {temperature}")

    @property
    def uses_episodes(self) -> bool:
        """Whether proposals depend on the incumbent's episodes (the optimizer then plays it once before a
        first round that has none)."""
        return self.targeted

    @staticmethod
    def _rejected(history: Sequence[Mapping[str, Any]], req: str) -> bool:
        """Whether adding `req` to prompts without it was tried and rejected before."""
        return any(h.get("decision") == "rejected" and req in h.get("instructions", "") for h in history)

    def _pick_requirement(self, instructions: str, ctx: ProposalContext | None, rng: np.random.Generator,
                          used: Collection[str] = ()) -> str | None:
        present = ctx.incumbent if ctx is not None else instructions  # protected sections count as present
        new = [r for r in self.requirements if r not in present and r not in used]
        if not new:
            return None
        if ctx is not None:
            untried = [r for r in new if not self._rejected(ctx.history, r)]
            new = untried or new
        weights = np.ones(len(new))
        if self.targeted and ctx is not None:
            loss = ctx.diagnosis or diagnose(ctx.worst)
            scores = np.array([max((loss.get(t, 0.0) for t in self.targets[r]), default=0.0) for r in new])
            if scores.max() > 0:
                weights = np.exp((scores / scores.max() - 1.0) / self.temperature)
        return new[int(rng.choice(len(new), p=weights / weights.sum()))]

    def mutate(self, instructions: str, kind: str, rng: np.random.Generator,
               ctx: ProposalContext | None = None, used: set[str] | None = None) -> tuple[str, str]:
        """One mutation of the instructions and a note saying what it did; `used` collects the requirements
        added so far this round, which are not drawn again."""
        sents = sentences(instructions)
        if kind == "add_requirement":
            req = self._pick_requirement(instructions, ctx, rng, used or ())
            if req is None:
                return instructions, "no requirement left to add"
            if used is not None:
                used.add(req)
            return (instructions + "\n" + req).strip(), f"add requirement: {req}"
        if kind == "reorder" and len(sents) > 1:
            perm = list(rng.permutation(len(sents)))
            return " ".join(sents[i] for i in perm), "reorder sentences"
        if kind == "tighten":
            tight = _FILLER.sub("", instructions)
            tight = re.sub(r"\s+([.,;:])", r"\1", re.sub(r"[ \t]+", " ", tight)).strip()
            return tight, "tighten wording"
        if kind == "drop_sentence" and len(sents) > 1:
            k = int(rng.integers(len(sents)))
            return " ".join(s for i, s in enumerate(sents) if i != k), f"drop sentence: {sents[k]}"
        return instructions, f"{kind}: not applicable"

    def propose(self, ctx: ProposalContext, n: int | None = None) -> list[Candidate]:
        rng = np.random.default_rng([ctx.seed, ctx.round, 17])
        instructions, sections = split_prompt(ctx.incumbent, ctx.protected)
        out, seen = [], {ctx.incumbent}
        rejected = {h.get("instructions") for h in ctx.history if h.get("decision") == "rejected"}
        used: set[str] = set()
        tries = 0
        while len(out) < (n or self.n) and tries < 50:
            tries += 1
            kind = self.mutations[int(rng.integers(len(self.mutations)))]
            new, note = self.mutate(instructions, kind, rng, ctx, used)
            text = join_prompt(new, sections)
            if text not in seen and new not in rejected:  # a rewrite rejected before is not proposed again
                seen.add(text)
                out.append(Candidate(text=text, proposer=self.name, note=note))
        return out


# ----------------------------------------------------------------------------- LLM rewriters

class ChatGenerator(Protocol):
    def __call__(self, chats: list[list[dict[str, str]]], *, max_new_tokens: int, temperature: float,
                 seed: int) -> list[str]: ...


class LocalChat:
    """A ChatGenerator on the LLM agent's transformers backend (a local HF folder or the bundled SmolLM2)."""

    def __init__(self, model: str = "smollm2", backend: Any = None, device: str = "auto") -> None:
        from agents.llm import TransformersBackend

        self.backend = backend or TransformersBackend(model, device=device)
        self.tokens = 0

    def __call__(self, chats: list[list[dict[str, str]]], *, max_new_tokens: int = 256, temperature: float = 0.9,
                 seed: int = 0) -> list[str]:
        prompts = [self.backend.render(c) for c in chats]
        gens = self.backend.generate(prompts, max_new_tokens, temperature, 0.95, seed=seed)
        self.tokens += sum(g.prompt_tokens + g.completion_tokens for g in gens)
        return [g.text for g in gens]


class OpenAIChat:
    """A ChatGenerator on any OpenAI-compatible endpoint (one request per chat; `n` is not relied upon)."""

    def __init__(self, model: str, base_url: str | None = None, api_key_env: str = "OPENAI_API_KEY",
                 timeout_s: float = 120.0) -> None:
        from openai import OpenAI

        self.client = OpenAI(base_url=base_url, api_key=os.environ.get(api_key_env, "not-needed"), timeout=timeout_s,
                             max_retries=2)
        self.model = model
        self.tokens = 0

    def __call__(self, chats: list[list[dict[str, str]]], *, max_new_tokens: int = 256, temperature: float = 0.9,
                 seed: int = 0) -> list[str]:
        out = []
        for k, chat in enumerate(chats):
            r = self.client.chat.completions.create(model=self.model, messages=chat, max_tokens=max_new_tokens,
                                                    temperature=temperature, seed=seed + k)
            if r.usage is not None:
                self.tokens += int(r.usage.total_tokens)
            out.append(r.choices[0].message.content or "")
        return out


def clean_rewrite(text: str) -> str:
    """The instruction inside a rewriter's reply: code fences, quotes and "New instruction:" lead-ins removed."""
    t = text.strip()
    m = re.search(r"```(?:\w+)?\n(.*?)```", t, re.DOTALL)
    if m:
        t = m.group(1).strip()
    t = re.sub(r"^(here is|here's)[^:\n]*:\s*", "", t, flags=re.IGNORECASE)
    t = re.sub(r"^(new|rewritten|improved)\s+(instruction|prompt)s?\s*:\s*", "", t, flags=re.IGNORECASE)
    return t.strip().strip('"').strip()


class LLMProposer:
    """Base of the LLM rewriters: build one chat per sample, generate, clean, reassemble."""

    name = "llm"

    def __init__(self, generate: ChatGenerator | Callable[..., list[str]], n: int = 4, scope: str = "instructions",
                 max_new_tokens: int = 256, temperature: float = 0.9) -> None:
        if scope not in ("instructions", "full"):
            raise ValueError(f"scope must be 'instructions' or 'full', got {scope!r}")
        self.generate, self.n, self.scope = generate, n, scope
        self.max_new_tokens, self.temperature = max_new_tokens, temperature

    def meta_prompt(self, ctx: ProposalContext, target: str) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def propose(self, ctx: ProposalContext, n: int | None = None) -> list[Candidate]:
        instructions, sections = split_prompt(ctx.incumbent, ctx.protected)
        target = instructions if self.scope == "instructions" else ctx.incumbent
        meta = self.meta_prompt(ctx, target)
        k = n or self.n
        replies = self.generate([[{"role": "user", "content": meta}]] * k, max_new_tokens=self.max_new_tokens,
                                temperature=self.temperature, seed=ctx.seed * 1000 + ctx.round)
        out, seen = [], {ctx.incumbent}
        for r in replies:
            new = clean_rewrite(r)
            if not new:
                continue
            text = join_prompt(new, sections) if self.scope == "instructions" else new
            if text not in seen:
                seen.add(text)
                out.append(Candidate(text=text, proposer=self.name, meta_prompt=meta))
        return out


class MetaPromptProposer(LLMProposer):
    """PRewrite's rewrite meta-prompt."""

    name = "meta"
    TEMPLATE = ("Rewrite the following instruction via rephrasing and/or adding specific requirements. Add "
                "instructions which would be helpful to solve the problem correctly. Output the new instruction "
                "only.\n\nThe instruction is given to an assistant that writes personalised cold sales emails "
                "grounded in a knowledge graph.\n\nInstruction:\n{instruction}")

    def meta_prompt(self, ctx: ProposalContext, target: str) -> str:
        return self.TEMPLATE.format(instruction=target)


class ReflectiveProposer(LLMProposer):
    """GEPA-style reflection on the worst episodes."""

    name = "reflective"
    uses_episodes = True

    def __init__(self, *args: Any, worst_k: int = 3, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.worst_k = worst_k

    def meta_prompt(self, ctx: ProposalContext, target: str) -> str:
        cases = []
        for k, w in enumerate(sorted(ctx.worst, key=lambda x: x.get("reward", 0.0))[: self.worst_k], 1):
            comps = ", ".join(f"{n} {v:.2f}" for n, v in sorted((w.get("components") or {}).items())
                              if isinstance(v, (int, float)))
            lines = [f"Example {k}: reward {w.get('reward', 0.0):.2f} ({comps})",
                     f"Email:\n{(w.get('email') or '(no email was sent)').strip()}"]
            if w.get("explanation"):
                lines.append(f"Judge: {w['explanation']}")
            for h in w.get("human") or []:
                lines.append(f"Reviewer: {h}")
            cases.append("\n".join(lines))
        return ("You improve the instruction given to an assistant that writes personalised cold sales emails "
                "grounded in a knowledge graph.\n\nCurrent instruction:\n" + target +
                "\n\nHere are some of its worst results, with their scores per criterion (0-1) and feedback:\n\n" +
                "\n\n".join(cases or ["(no examples yet)"]) +
                "\n\nDiagnose what the instruction fails to ask for, then write an improved instruction that fixes "
                "these failures. Output the new instruction only.")


class HistoryProposer(LLMProposer):
    """OPRO-style optimization by prompting with the scored history."""

    name = "history"

    def __init__(self, *args: Any, max_history: int = 8, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_history = max_history

    def meta_prompt(self, ctx: ProposalContext, target: str) -> str:
        hist = sorted(ctx.history, key=lambda h: h.get("score", 0.0))[-self.max_history:]
        shown = "\n\n".join(f"Instruction:\n{h['instructions']}\nScore: {100 * h.get('score', 0.0):.0f}"
                            f" ({h.get('decision', 'evaluated')})" for h in hist)
        return ("Below are instructions for an assistant that writes personalised cold sales emails grounded in a "
                "knowledge graph, with their scores (0-100, higher is better), worst first. Rejected ones did not "
                "beat the instruction in use; do not repeat them.\n\n" + (shown or "(none yet)") +
                "\n\nThe instruction in use:\n" + target +
                "\n\nWrite a new instruction that is different from all of the above and scores higher. Output the "
                "new instruction only.")


def make_proposer(name: str, generate: ChatGenerator | None = None, **kwargs: Any) -> Any:
    if name == "rules":
        return RuleProposer(**{k: v for k, v in kwargs.items() if k in ("n", "targeted", "temperature")})
    classes = {"meta": MetaPromptProposer, "reflective": ReflectiveProposer, "history": HistoryProposer}
    if name not in classes:
        raise ValueError(f"unknown proposer {name!r}; use rules, meta, reflective or history")
    if generate is None:
        raise ValueError(f"proposer {name!r} needs a rewriter model (optimizer.rewriter)")
    return classes[name](generate, **kwargs)
