"""Prompt parts: the default instructions, the tool protocol and compliance rules (protected sections),
and the chat messages that open an episode. The env takes its system prompt from config; these are
only defaults."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from codreamer_env.tools import TOOLS

if TYPE_CHECKING:
    from codreamer_env.scenarios import Scenario

TOOL_USES = {  # what each tool does, in the prompt's words; names, parameters and defaults: the tools' schemas
    "get_connected_nodes": "the neighbours of a node, best first, with a one-line preview each.",
    "get_relevant_context": "evidence text from a node's neighbourhood and the node ids it used.",
    "finalize_email": "send the email and end the episode; citations lists the KG node ids you relied on.",
}
_ARGS = {name: ", ".join(p if "default" not in s else f"{p}={s['default']}" for p, s in t.parameters["properties"].items())
         for name, t in TOOLS.items()}
TOOL_LIST = """\
## Tool protocol
You browse a knowledge graph (KG) about the prospect and the product. Call one tool per turn, as
<tool_call>{"name": "TOOL", "arguments": {...}}</tool_call>
Tools:
""" + "\n".join(f"- {name}({args}): {TOOL_USES[name]}" for name, args in _ARGS.items())

TOOL_EXAMPLE = """Example: <tool_call>{"name": "get_relevant_context", "arguments": {"node_id": "Customer Job"}}</tool_call>"""

TOOL_PROTOCOL = TOOL_LIST + "\n" + TOOL_EXAMPLE

COMPLIANCE_RULES = """\
## Compliance
Use only facts you retrieved from the KG and cite their node ids. Never promise guaranteed results,
ROI or savings; never use unapproved marketing claims, competitor rumours, or details about other
accounts. No spam language (all caps, "act now", "!!!")."""

DEFAULT_INSTRUCTIONS = """\
You are a sales development representative. Write a short, personalised cold email (subject and a
body of 60-150 words) that connects the prospect's most pressing job to the product feature that
solves it, backed by a concrete fact from the KG, and ends with one clear ask that matches the goal."""


# Sections a prompt rewrite must keep verbatim (checked by exact text, so no markers reach the model).
PROTECTED_SECTIONS = {"tool_protocol": TOOL_PROTOCOL, "compliance": COMPLIANCE_RULES}
# Every named section a prompt registry can protect; "tool_list" is the protocol without its example.
SECTIONS = {**PROTECTED_SECTIONS, "tool_list": TOOL_LIST}

WEAK_INSTRUCTIONS = "Write an email to the prospect about the product."


def default_system_prompt() -> str:
    """The default system prompt: instructions, then the tool protocol and compliance rules."""
    return "\n\n".join([DEFAULT_INSTRUCTIONS, TOOL_PROTOCOL, COMPLIANCE_RULES])


def weak_system_prompt() -> str:
    """A deliberately weak start for prompt optimization: one vague sentence, the tool list without its
    example call, the compliance rules (no length, evidence, personalization or call-to-action guidance)."""
    return "\n\n".join([WEAK_INSTRUCTIONS, TOOL_LIST, COMPLIANCE_RULES])


def build_messages(scenario: Scenario, system_prompt: str | None = None) -> list[dict[str, Any]]:
    """The opening chat messages of an episode: system prompt and task brief."""
    return [
        {"role": "system", "content": system_prompt if system_prompt is not None else default_system_prompt()},
        {"role": "user", "content": scenario.brief()},
    ]
