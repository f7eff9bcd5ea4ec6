"""The KG tools: typed functions whose OpenAI tool schemas and argument validation come from one source,
their signature and docstring.

An unknown node id or a bad argument never raises: it returns a ToolResult with ok=False and a message
the agent can read and recover from.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from codreamer_env.kg import KnowledgeGraph, NodeScores
from codreamer_env.trajectory import ToolResult

PREVIEW_CHARS = 90


@dataclass(frozen=True)
class ToolConfig:
    """Tool parameters from config: defaults and hard limits for the context tool."""

    default_k: int = 5
    default_radius: int = 2
    default_max_chars: int = 800
    max_neighbors: int = 25
    neighbor_direction: str = "both"  # get_connected_nodes lists incoming edges too, for navigation
    context_direction: str = "out"  # get_relevant_context follows edges forward, toward product features


def _doc_parts(fn: Callable) -> tuple[str, dict[str, str]]:
    """(description, {arg: description}) from a Google-style docstring."""
    doc = inspect.getdoc(fn) or ""
    head, _, rest = doc.partition("Args:")
    rest = rest.partition("Returns:")[0]
    args: dict[str, str] = {}
    current = None
    for line in rest.splitlines():
        m = re.match(r"^\s{0,8}(\w+):\s*(.*)$", line)
        if m and m.group(1) in inspect.signature(fn).parameters:
            current = m.group(1)
            args[current] = m.group(2).strip()
        elif current and line.strip():
            args[current] += " " + line.strip()
    return " ".join(head.split()), args


class Tool:
    """One tool: name, JSON schema, and a pydantic model that validates its arguments."""

    def __init__(self, fn: Callable) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.description, arg_docs = _doc_parts(fn)
        hints = get_type_hints(fn, include_extras=True)
        fields: dict[str, Any] = {}
        self.params: list[str] = []
        for pname, p in inspect.signature(fn).parameters.items():
            if pname == "self":
                continue
            self.params.append(pname)
            default = ... if p.default is inspect.Parameter.empty else p.default
            fields[pname] = (hints[pname], Field(default, description=arg_docs.get(pname)))
        self.model: type[BaseModel] = create_model(
            f"{self.name}_args", __config__=ConfigDict(extra="forbid"), **fields)
        schema = self.model.model_json_schema()
        schema.pop("title", None)
        for prop in schema.get("properties", {}).values():
            prop.pop("title", None)
        self.parameters = schema

    def openai_schema(self) -> dict[str, Any]:
        """The tool in OpenAI's `tools=[...]` format."""
        return {"type": "function", "function": {"name": self.name, "description": self.description,
                                                 "parameters": self.parameters}}

    def validate(self, arguments: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
        """Validated arguments, or a message naming each bad argument."""
        try:
            return dict(self.model.model_validate(arguments).__dict__), None
        except ValidationError as exc:
            parts = []
            for err in exc.errors():
                loc = ".".join(str(x) for x in err["loc"]) or "(arguments)"
                if err["type"] == "extra_forbidden":
                    parts.append(f"unexpected argument '{loc}'")
                elif err["type"] == "missing":
                    parts.append(f"missing argument '{loc}'")
                else:
                    parts.append(f"argument '{loc}': {err['msg']}")
            return None, f"{self.name}: " + "; ".join(parts) + f". Signature: {self.signature()}"

    def signature(self) -> str:
        return f"{self.name}({', '.join(self.params)})"


def _ok(content: str, data: dict[str, Any]) -> ToolResult:
    # Tool results are built by this module from validated data: skip pydantic's re-validation.
    return ToolResult(True, content, data, None)


def _error(msg: str) -> ToolResult:
    return ToolResult(ok=False, content=f"Error: {msg}", error=msg)


def _preview(text: str, n: int = PREVIEW_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class KGTools:
    """The tools of one episode, bound to a scenario's graph and node scores."""

    def __init__(self, kg: KnowledgeGraph, scores: NodeScores | None = None, config: ToolConfig | None = None) -> None:
        self.kg = kg
        self.scores = scores if scores is not None else NodeScores(kg)
        self.config = config or ToolConfig()
        self._texts: dict[int, str] = {}
        self._previews: dict[int, str] = {}
        self._entries: dict[int, str] = {}

    def _text(self, j: int) -> str:
        # Whitespace-normalised node text, cached: an episode reads the same nodes again and again.
        t = self._texts.get(j)
        if t is None:
            t = self._texts[j] = " ".join(self.kg.content(j).split())
        return t

    def _entry(self, j: int) -> str:
        e = self._entries.get(j)
        if e is None:
            e = self._entries[j] = f"[{self.kg.ids[j]}] {self._text(j)}"
        return e

    def _preview(self, j: int) -> str:
        p = self._previews.get(j)
        if p is None:
            p = self._previews[j] = _preview(self._text(j))
        return p

    # The three tools. Signatures and docstrings are the one source of the schemas, TRL's methods and the prompts.
    def get_connected_nodes(self, node_id: str) -> ToolResult:
        """List the nodes connected to a node, best-scored first, with each edge's label and a one-line preview.

        Args:
            node_id: Id of the node to expand, exactly as shown, e.g. "Customer Job".
        Returns:
            The connected nodes, one per line.
        """
        kg = self.kg
        i = kg.get_index(node_id)
        if i is None:
            return self._unknown(node_id)
        ptr, succ, succ_lab, rptr, pred, pred_lab = kg.adjacency_lists()
        labels = kg._labels
        seen: dict[int, tuple[int, int, int]] = {}
        for j, lab in zip(succ[ptr[i] : ptr[i + 1]], succ_lab[ptr[i] : ptr[i + 1]], strict=True):
            seen.setdefault(j, (j, lab, 0))
        if self.config.neighbor_direction == "both":
            for j, lab in zip(pred[rptr[i] : rptr[i + 1]], pred_lab[rptr[i] : rptr[i + 1]], strict=True):
                seen.setdefault(j, (j, lab, 1))
        cand = list(seen.values())
        vals = self.scores.values[[r[0] for r in cand]].tolist() if cand else []
        order = sorted(range(len(cand)), key=lambda q: (-vals[q], cand[q][2], cand[q][0]))[: self.config.max_neighbors]
        lines = [f"Nodes connected to {node_id!r} ({len(order)} of {len(cand)}):"]
        out = []
        for q in order:
            j, lab, direction = cand[q]
            nid, label = kg.ids[j], labels[lab]
            arrow = f"-[{label}]->" if direction == 0 else f"<-[{label}]-"
            pv = self._preview(j)
            lines.append(f"{arrow} {nid!r} (score {vals[q]:.2f}): {pv}")
            out.append({"id": nid, "label": label, "direction": "out" if direction == 0 else "in",
                        "score": round(vals[q], 4), "preview": pv})
        return _ok(content="\n".join(lines),
                   data={"node_id": node_id, "neighbors": out, "shown": [r["id"] for r in out]})

    def get_relevant_context(
        self,
        node_id: str,
        k: Annotated[int, Field(ge=1, le=20)] = 5,
        radius: Annotated[int, Field(ge=1, le=3)] = 2,
        max_chars: Annotated[int, Field(ge=100, le=4000)] = 800,
    ) -> ToolResult:
        """Return evidence text from a node and its best-scored neighbourhood, preferring nodes on paths that reach a product feature, plus the ids of the nodes used (cite them).

        Args:
            node_id: Id of the node to start from, e.g. "Customer Job".
            k: How many neighbouring nodes to include besides the start node (1-20).
            radius: How many hops to search (1-3).
            max_chars: Upper bound on the length of the evidence text (100-4000).
        Returns:
            The evidence text with the ids of the nodes used.
        """
        kg = self.kg
        i = kg.get_index(node_id)
        if i is None:
            return self._unknown(node_id)
        top = kg.ranked_neighborhood(i, radius, self.scores.values, k, prefer_product_paths=True,
                                     direction=self.config.context_direction)
        budget = max_chars
        parts, used = [], []
        for j, _dist, _sc in top:
            entry = self._entry(j)
            if len(entry) > budget:
                if budget < 60:
                    break
                entry = entry[: budget - 1].rstrip() + "…"
            parts.append(entry)
            used.append(kg.ids[j])
            budget -= len(entry) + 1
            if budget <= 0:
                break
        return _ok(content=f"Context from {node_id!r} (cite these node ids: {used}):\n" + "\n".join(parts),
                   data={"node_id": node_id, "citations": used, "shown": used})

    def finalize_email(self, subject: str, body: str, citations: list[str]) -> ToolResult:
        """Send the final email and end the episode.

        Args:
            subject: The email's subject line.
            body: The email's body text, greeting to sign-off.
            citations: Ids of the KG nodes whose facts the email uses.
        Returns:
            A confirmation.
        """
        unknown = [c for c in citations if c not in self.kg]
        note = f" Note: {len(unknown)} citation(s) are not KG node ids: {unknown[:5]}." if unknown else ""
        return _ok(content=f"Email finalized ({len(body.split())} words, {len(citations)} citations).{note}",
                   data={"subject": subject, "body": body, "citations": list(citations), "final": True})

    def _unknown(self, node_id: str) -> ToolResult:
        close = _suggest(node_id, self.kg.ids)
        hint = f" Did you mean: {', '.join(repr(c) for c in close)}?" if close else ""
        msg = f"Unknown node id {node_id!r}.{hint} Start from 'Customer Job' or a node id shown in an earlier result."
        return _error(msg)


def _suggest(query: str, ids: list[str], n: int = 3) -> list[str]:
    q = set(query.lower().split())
    if not q:
        return []
    scored = []
    for nid in ids[:5000]:
        overlap = len(q & set(nid.lower().replace(":", " ").split()))
        if overlap:
            scored.append((-overlap, len(nid), nid))
    return [s[2] for s in sorted(scored)[:n]]


TOOLS: dict[str, Tool] = {t.name: t for t in (Tool(KGTools.get_connected_nodes), Tool(KGTools.get_relevant_context),
                                             Tool(KGTools.finalize_email))}
FINAL_TOOL = "finalize_email"


def tool_schemas() -> list[dict[str, Any]]:
    """OpenAI tool schemas of every KG tool."""
    return [t.openai_schema() for t in TOOLS.values()]


def execute(tools: KGTools, name: str, arguments: dict[str, Any]) -> ToolResult:
    """Validate and run one tool call; any problem becomes an error result, never an exception."""
    tool = TOOLS.get(name)
    if tool is None:
        return _error(f"Unknown tool {name!r}. Available tools: {', '.join(TOOLS)}.")
    if not isinstance(arguments, dict):
        return _error(f"{name}: arguments must be a JSON object, got {type(arguments).__name__}.")
    args, err = tool.validate(arguments)
    if err is not None:
        return _error(err)
    try:
        return tool.fn(tools, **args)
    except Exception as exc:  # noqa: BLE001 - a tool bug must not crash a rollout; it is reported instead
        return _error(f"{name} failed: {type(exc).__name__}: {exc}")


