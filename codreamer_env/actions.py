"""Turn any action an agent sends into tool calls, or a clear error. Never raises.

Accepted forms:
- a raw completion holding `<tool_call>{"name": ..., "arguments": {...}}</tool_call>` (Hermes/Qwen style),
  one or several; a missing closing tag at the very end is tolerated;
- a bare JSON object `{"name": ..., "arguments": {...}}` or `{"tool": ..., "args": {...}}` (also in a
  ```json fence, or a JSON list of them);
- a Python-style call such as `get_relevant_context("Customer Job", k=3)` (literal arguments only);
- an OpenAI tool-call dict `{"id", "type": "function", "function": {"name", "arguments": "<json>"}}`, a
  list of them, or an OpenAI assistant message with `tool_calls`.

Limits, the same for every form: an action whose size is over MAX_ACTION_CHARS (a string's length, else the
length of its JSON serialisation) is an error, not parsed. Text is made valid Unicode before anything reads it:
a lone surrogate (a code point no UTF-8 codec can write) in a string action, an assistant message's content, a
tool name or a call id becomes U+FFFD, as a bytes action's bad bytes do (it is decoded with errors="replace").
Arguments must be JSON values: an argument that orjson cannot write (a lone surrogate in a dict action's
argument or written as an escape such as "\\ud800", bytes, a set, an integer beyond 64 bits, a non-string key,
nesting deeper than 254) makes that call an error. Every regex here is linear in the text (no nested or
overlapping quantifiers over the same characters), and the Python-call scanner reads each character once.
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
# `\s*+` is possessive: with `\s*` a fence opener followed by a long run of spaces and no closing fence
# took quadratic time (each split of the spaces between `\s*` and `.*?` was tried).
_FENCE = re.compile(r"```(?:json|tool_call|python)?\s*+(.*?)```", re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")
_PYCALL = re.compile(r"\b(" + "|".join(TOOLS) + r")\s*\(")
_NAME_KEYS = ("name", "tool", "tool_name", "function")
_ARG_KEYS = ("arguments", "args", "parameters", "input", "kwargs")


def valid_text(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (the same string when there is none: no copy)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _walk_size(obj: Any, limit: int) -> int:
    """About how many characters `obj` takes as JSON, for objects orjson cannot write (lone surrogates,
    integers beyond 64 bits, deep nesting, Python objects); stops counting once past `limit`."""
    total, stack = 0, [obj]
    while stack and total <= limit:
        o = stack.pop()
        if isinstance(o, (str, bytes)):
            total += len(o) + 2
        elif isinstance(o, dict):
            total += 2 + 2 * len(o)
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            total += 2 + len(o)
            stack.extend(o)
        elif isinstance(o, int):
            total += 1 + o.bit_length() * 30103 // 100000  # decimal digits, without str() (capped in 3.11+)
        else:
            total += 4
    return total


def action_size(action: Any, limit: int = MAX_ACTION_CHARS) -> int:
    """The size the action cap is measured on: a string's length in characters, a bytes action's length, else
    the length of the action's JSON serialisation in characters (estimated, past `limit`, when orjson cannot
    write it)."""
    if isinstance(action, (str, bytes)):
        return len(action)
    try:
        blob = orjson.dumps(action, option=orjson.OPT_NON_STR_KEYS, default=repr)
    except Exception:  # noqa: BLE001 - orjson's errors, or whatever a Python object's repr raises
        return _walk_size(action, limit)
    return len(blob) if blob.isascii() else len(blob.decode())


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
        call_id = valid_text(obj["id"]) if isinstance(obj.get("id"), str) else call_id
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
    name = valid_text(name)
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
    scanned = 0  # where the last call's scan ended: a name inside it (an argument) is not another call
    for m in _PYCALL.finditer(text):
        start = m.start()
        if start < scanned:
            continue
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
        scanned = i + 1
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
    """Parse a raw completion string (lone surrogates in it read as U+FFFD)."""
    text = valid_text(text)
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
    """Parse any accepted action form. Never raises; problems are returned in `errors` (valid Unicode)."""
    res = _parse_action(action)
    res.errors = [valid_text(e) for e in res.errors]
    return res


def _parse_action(action: Any) -> ParsedAction:
    try:
        if isinstance(action, str):
            return parse_text(action)
        if isinstance(action, (dict, list, tuple)) and (size := action_size(action)) > MAX_ACTION_CHARS:
            return ParsedAction(errors=[f"action is {size} characters as JSON; the limit is {MAX_ACTION_CHARS}"])
        if isinstance(action, dict):
            if "tool_calls" in action or action.get("role") == "assistant":
                content = action.get("content")
                res = ParsedAction(text=valid_text(content) if isinstance(content, str) else None)
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
