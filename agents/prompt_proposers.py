"""Proposers of system-prompt rewrites: a rule-based baseline and three LLM rewriters.

- `RuleProposer`: seeded mutations of the instructions (add a requirement, reorder, tighten, drop a sentence).
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
from collections.abc import Callable, Mapping, Sequence
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

REQUIREMENTS = (
    "Greet the prospect by first name and open with their most pressing job or pain, in their words.",
    "Back the claim with one concrete fact from the KG, such as a case study with a number.",
    "End with one clear ask that matches the goal of the email, such as a short call next week.",
    "Cite the node ids of every fact you use in the citations list.",
    "Keep the body short: 60-150 words, no filler about the company.",
    'Example: <tool_call>{"name": "get_relevant_context", "arguments": {"node_id": "Customer Job"}}</tool_call>',
    "Retrieve evidence before writing: look at the customer job, then the product feature that solves it.",
    "Write in a warm, professional tone.",
    "Use plain language and avoid jargon.",
)
_FILLER = re.compile(r"\b(very|really|just|basically|actually|simply|quite|please)\b\s*", re.IGNORECASE)


class RuleProposer:
    """Seeded, model-free mutations of the instructions (protected sections untouched)."""

    name = "rules"
    mutations = ("add_requirement", "reorder", "tighten", "drop_sentence")

    def __init__(self, requirements: Sequence[str] = REQUIREMENTS, n: int = 4) -> None:
        self.requirements = list(requirements)
        self.n = n

    def mutate(self, instructions: str, kind: str, rng: np.random.Generator) -> tuple[str, str]:
        sents = sentences(instructions)
        if kind == "add_requirement":
            new = [r for r in self.requirements if r not in instructions]
            if not new:
                return instructions, "no requirement left to add"
            req = new[int(rng.integers(len(new)))]
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
        tries = 0
        while len(out) < (n or self.n) and tries < 50:
            tries += 1
            kind = self.mutations[int(rng.integers(len(self.mutations)))]
            new, note = self.mutate(instructions, kind, rng)
            text = join_prompt(new, sections)
            if text not in seen:
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
        return RuleProposer(**{k: v for k, v in kwargs.items() if k in ("n",)})
    classes = {"meta": MetaPromptProposer, "reflective": ReflectiveProposer, "history": HistoryProposer}
    if name not in classes:
        raise ValueError(f"unknown proposer {name!r}; use rules, meta, reflective or history")
    if generate is None:
        raise ValueError(f"proposer {name!r} needs a rewriter model (optimizer.rewriter)")
    return classes[name](generate, **kwargs)
