"""Turn any action an agent sends into tool calls, or a clear error. Never raises.

Accepted forms:
- a raw completion holding `<tool_call>{"name": ..., "arguments": {...}}</tool_call>` (Hermes/Qwen style),
  one or several; a missing closing tag at the very end is tolerated;
- a bare JSON object `{"name": ..., "arguments": {...}}` or `{"tool": ..., "args": {...}}` (also in a
  ```json fence, or a JSON list of them);
- a Python-style call such as `get_relevant_context("Customer Job", k=3)` (literal arguments only);
- an OpenAI tool-call dict `{"id", "type": "function", "function": {"name", "arguments": "<json>"}}`, a
  list of them, or an OpenAI assistant message with `tool_calls`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

from codreamer_env._io import loads_lenient
from codreamer_env.tools import TOOLS
from codreamer_env.trajectory import ToolCall

MAX_ACTION_CHARS = 50_000
TOOL_CALL_HELP = (
    'Call a tool as <tool_call>{"name": "get_relevant_context", "arguments": {"node_id": "Customer Job"}}'
    f"</tool_call>. Tools: {', '.join(TOOLS)}."
)
_FENCE = re.compile(r"```(?:json|tool_call|python)?\s*(.*?)```", re.DOTALL)
_PYCALL = re.compile(r"\b(" + "|".join(TOOLS) + r")\s*\(")
_NAME_KEYS = ("name", "tool", "tool_name", "function")
_ARG_KEYS = ("arguments", "args", "parameters", "input", "kwargs")


@dataclass
class ParsedAction:
    """The calls found in an action, in order, and the problems met (each an error message)."""

    calls: list[ToolCall] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    text: str | None = None  # the assistant's text content, if the action was a string or a message


def _call_from_obj(obj: Any, errors: list[str], call_id: str | None = None) -> ToolCall | None:
    """One tool call from a decoded JSON object in any of the accepted spellings."""
    if not isinstance(obj, dict):
        errors.append(f"a tool call must be a JSON object, got {type(obj).__name__}")
        return None
    if obj.get("type") == "function" and isinstance(obj.get("function"), dict):
        call_id = obj.get("id") if isinstance(obj.get("id"), str) else call_id
        obj = obj["function"]
    name = None
    for k in _NAME_KEYS:
        v = obj.get(k)
        if isinstance(v, str):
            name = v
            break
        if isinstance(v, dict) and isinstance(v.get("name"), str):  # {"function": {"name":..., "arguments":...}}
            obj = v
            name = v["name"]
            break
    if name is None:
        errors.append(f"tool call has no 'name' (keys given: {sorted(map(str, obj))[:6]})")
        return None
    args = next((obj[k] for k in _ARG_KEYS if k in obj), {})
    if isinstance(args, str):
        try:
            args = orjson.loads(args) if args.strip() else {}
        except orjson.JSONDecodeError as exc:
            errors.append(f"{name}: arguments are not valid JSON ({exc.msg})")
            return None
    if args is None:
        args = {}
    if not isinstance(args, dict):
        errors.append(f"{name}: arguments must be a JSON object, got {type(args).__name__}")
        return None
    try:
        orjson.dumps(args)  # the env writes them into the chat messages
    except TypeError as exc:  # a Python object, bytes, an integer beyond 64 bits, ...
        errors.append(f"{name}: arguments must be JSON values ({exc})")
        return None
    return ToolCall(name, args, call_id)


def _calls_from_objs(objs: Iterable[Any], errors: list[str]) -> list[ToolCall]:
    return [c for obj in objs if (c := _call_from_obj(obj, errors)) is not None]


def _from_json_blob(blob: str, errors: list[str]) -> list[ToolCall]:
    try:
        obj = loads_lenient(blob)
    except ValueError:
        errors.append(f"could not parse the tool call as JSON: {blob[:80]!r}")
        return []
    return _calls_from_objs(obj if isinstance(obj, list) else [obj], errors)


def _from_python_calls(text: str, errors: list[str]) -> list[ToolCall]:
    out = []
    for m in _PYCALL.finditer(text):
        start = m.start()
        # Find the matching close paren by scanning, respecting string literals.
        depth, i, quote = 0, m.end() - 1, None
        while i < len(text):
            ch = text[i]
            if quote:
                if ch == "\\":
                    i += 2
                    continue
                if ch == quote:
                    quote = None
            elif ch in "\"'":
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        src = text[start : i + 1]
        try:
            node = ast.parse(src, mode="eval").body
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                raise ValueError
            name = node.func.id
            params = TOOLS[name].params
            args: dict[str, Any] = {}
            if len(node.args) > len(params):
                errors.append(f"{name}: takes {len(params)} arguments, got {len(node.args)}")
                continue
            for p, a in zip(params, node.args, strict=False):
                args[p] = ast.literal_eval(a)
            for kw in node.keywords:
                if kw.arg is None:
                    raise ValueError
                args[kw.arg] = ast.literal_eval(kw.value)
            orjson.dumps(args)  # JSON values only (TypeError for bytes, sets, integers beyond 64 bits, ...)
            out.append(ToolCall(name, args))
        except (SyntaxError, ValueError, TypeError, KeyError, MemoryError, RecursionError):
            errors.append(f"could not parse the call {src[:80]!r}; use literal JSON-like arguments, e.g. "
                          'get_connected_nodes("Customer Job")')
    return out


def parse_text(text: str) -> ParsedAction:
    """Parse a raw completion string."""
    res = ParsedAction(text=text)
    if len(text) > MAX_ACTION_CHARS:
        res.errors.append(f"action is {len(text)} characters; the limit is {MAX_ACTION_CHARS}")
        return res
    if "<tool_call>" in text:
        # str.find, not a lazy regex: bodies of long emails make `.*?` crawl.
        pos = text.find("<tool_call>")
        while pos >= 0:
            start = pos + 11
            end = text.find("</tool_call>", start)
            blob = text[start:] if end < 0 else text[start:end]
            res.calls += _from_json_blob(blob.strip(), res.errors)
            if end < 0:
                break
            pos = text.find("<tool_call>", end + 12)
        return res
    stripped = text.strip()
    fences = _FENCE.findall(stripped)
    for blob in fences or [stripped]:
        blob = blob.strip()
        if blob[:1] in "{[":
            before = len(res.errors)
            calls = _from_json_blob(blob, res.errors)
            if calls or len(res.errors) > before:
                res.calls += calls
                continue
        res.calls += _from_python_calls(blob, res.errors)
    if not res.calls and not res.errors and stripped[:1] in "{[":
        res.errors.append("could not find a tool call in the JSON")
    return res


def parse_action(action: Any) -> ParsedAction:
    """Parse any accepted action form. Never raises; problems are returned in `errors`."""
    try:
        if isinstance(action, str):
            return parse_text(action)
        if isinstance(action, dict):
            if "tool_calls" in action or action.get("role") == "assistant":
                res = ParsedAction(text=action.get("content") if isinstance(action.get("content"), str) else None)
                tcs = action.get("tool_calls") or []
                if not isinstance(tcs, list):
                    res.errors.append("'tool_calls' must be a list")
                    return res
                res.calls = _calls_from_objs(tcs, res.errors)
                if not tcs and res.text:
                    return parse_text(res.text)
                return res
            res = ParsedAction()
            res.calls = _calls_from_objs([action], res.errors)
            return res
        if isinstance(action, (list, tuple)):
            res = ParsedAction()
            res.calls = _calls_from_objs(action, res.errors)
            if not action:
                res.errors.append("empty list of tool calls")
            return res
        if isinstance(action, bytes):
            return parse_text(action.decode("utf-8", errors="replace"))
        return ParsedAction(errors=[f"unsupported action type {type(action).__name__}; send a string or a dict"])
    except Exception as exc:  # noqa: BLE001 - the contract: step never raises for an action
        return ParsedAction(errors=[f"could not parse the action ({type(exc).__name__})"])
