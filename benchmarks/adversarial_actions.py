"""Pathological actions up to the size cap: the worst env.step time per input family (target <= 50 ms).

    python -m benchmarks.adversarial_actions [--set default-v2] [--repeats 3]

Each family is a kind of input an agent (or a fuzzer) can send: long runs of spaces, braces, brackets, quotes,
backslashes, parentheses, `<tool_call>` and code-fence openers, deep nesting, huge numbers, odd Unicode (lone
surrogates, combining marks, text that NFKC-normalisation expands), dict actions that break JSON. Every
family is sent three ways where it makes sense: as the raw action text, inside a Python-style call, and as
the body of `finalize_email` (a dict action, so the step also runs the default rubric judge, rubric-v2, on
it); the finalize bodies are scored by rubric-v1 as well. Sizes go up to the action cap (MAX_ACTION_CHARS).
Each case runs `--repeats` times on a fresh episode; a family's figure is its worst case's best time (the
best of the repeats drops scheduler noise; the worst over cases is what the family costs). Measured in the
same run: one ordinary step (a tool call) and one ordinary finalize (the oracle's email, judged), the
baseline those figures compare with. The second column leaves finalize_email out (parsing and tools only);
the first includes judging a finalize body, linear in what rubric-v2 reads: at most 600 words or 5,000
characters (`english.read_limit`; a longer body is gated as too long). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import codreamer_env as ce
from agents.scripted import OracleAgent
from benchmarks._common import machine, table
from codreamer_env.actions import MAX_ACTION_CHARS

CAP = MAX_ACTION_CHARS - 500  # room for the JSON around a body, so the longest case is still accepted
TARGET_MS = 50.0


def _deep_list(n: int) -> Any:
    d: Any = "x"
    for _ in range(n):
        d = [d]
    return d


def _fill(unit: str, prefix: str = "", suffix: str = "", size: int = CAP) -> str:
    """`prefix` + `unit` repeated + `suffix`, `size` characters at most."""
    k = max(1, (size - len(prefix) - len(suffix)) // max(1, len(unit)))
    return prefix + unit * k + suffix


# family -> list of texts (each sent as raw text, in a Python call, and as an email body)
TEXT_FAMILIES: dict[str, Callable[[], list[str]]] = {
    "spaces": lambda: [_fill(" "), _fill(" ", "{"), _fill(" ", "{{"), _fill(" ", "[A"), _fill(" ", "<A"),
                       _fill(" ", "[insert"), _fill(" ", "```"), _fill(" ", "```json"), _fill("\t"), _fill(" \t")],
    "braces": lambda: [_fill("{"), _fill("}"), _fill("{ "), _fill("{{ name "), _fill("{a"), _fill("{" + " " * 40)],
    "brackets/angles": lambda: [_fill("["), _fill("[insert"), _fill("[A "), _fill("<"), _fill("<A "), _fill("[x")],
    "quotes": lambda: [_fill('"'), _fill("'"), _fill('"', "get_connected_nodes("), _fill("'", 'finalize_email("'),
                       _fill('\\"'), _fill("“”’")],
    "backslashes": lambda: [_fill("\\"), _fill("\\\\", '<tool_call>{"name": "x", "arguments": {"a": "'),
                            _fill("\\u", '{"name": "'), _fill("\\n")],
    "parentheses": lambda: [_fill("("), _fill(")"), _fill("get_connected_nodes("), _fill("get_connected_nodes()"),
                            _fill("get_relevant_context(", suffix=")" * 10), _fill("(a)")],
    "<tool_call> repeats": lambda: [_fill("<tool_call>"), _fill("<tool_call>{"), _fill("<tool_call></tool_call>"),
                                    _fill('<tool_call>{"name": "get_connected_nodes"'), _fill("</tool_call>")],
    "code fences": lambda: [_fill("```"), _fill("```json\n"), _fill("```x"), _fill("`"), _fill(" ", "```python")],
    "deep nesting": lambda: [_fill("[", "<tool_call>"), _fill("{", "<tool_call>"),
                             _fill('{"a":', "<tool_call>"), "get_connected_nodes(" + "[" * 20_000 + "]" * 20_000 + ")",
                             _fill("[", "get_connected_nodes(")],
    "huge numbers": lambda: [_fill("9", '<tool_call>{"name": "get_relevant_context", "arguments": {"k": ', "}}</tool_call>"),
                             _fill("9", "get_relevant_context(k=", ")"), _fill("1" * 4000 + "e999 "),
                             _fill("1,000,000 "), _fill("$120K 62% 3x ")],
    "unicode": lambda: [_fill("\ud800"), _fill("e\u0301"), _fill("\ufdfa", size=CAP // 2), _fill("\u200b"),
                        _fill("аеорс"), _fill("😀"), _fill("\u202e abc"), _fill("日本語")],
    "prose": lambda: [_fill("word "), _fill("Hi. "), _fill("We cut costs by 30%. "),
                      _fill("Our customers see results on average 40% faster, guaranteed, best in class. "),
                      _fill("at Acme, Beta, Gamma, "), _fill("You mentioned ")],
}


def dict_actions() -> list[Any]:
    """Dict and list actions that are not JSON, or are as large as the cap allows."""
    fin = {"name": "finalize_email", "arguments": {"subject": "Hi", "body": "b" * 1_000_000, "citations": []}}
    return [
        {"name": "get_connected_nodes", "arguments": {"node_id": "\ud800"}},
        {"name": "get_connected_nodes", "arguments": {1: "x"}},
        {"name": "get_connected_nodes", "arguments": {"node_id": 2**70}},
        {"name": "get_connected_nodes", "arguments": {"node_id": _deep_list(250)}},
        {"name": "get_connected_nodes", "arguments": {"node_id": _deep_list(5000)}},
        {"name": "get_connected_nodes", "arguments": {"node_id": b"x" * CAP}},
        {"name": "get_connected_nodes", "arguments": {"node_id": set(range(1000))}},
        {"name": f"x\ud800{'y' * 1000}", "arguments": {}},
        fin, [fin] * 3, {"role": "assistant", "content": "c" * 1_000_000},
        [{"name": "get_connected_nodes", "arguments": {"node_id": "Customer Job"}}] * 2000,
    ]


def cases() -> Iterator[tuple[str, str, Any, str]]:
    """(family, form, action, a short description)."""
    for fam, make in TEXT_FAMILIES.items():
        for text in make():
            desc = f"{text[:24]!r} ({len(text):,} chars)"
            yield fam, "raw text", text, desc
            yield fam, "python call", 'get_connected_nodes("' + text[: CAP - 30].replace("\\", "").replace('"', "'") + '")', desc
            yield fam, "finalize body", {"name": "finalize_email",
                                         "arguments": {"subject": text[:200], "body": text, "citations": []}}, desc
    for a in dict_actions():
        yield "dict/list actions", "dict", a, _describe(a)[:40]


def _describe(action: Any) -> str:
    try:
        return repr(action)[:60]
    except RecursionError:
        return f"<{type(action).__name__} nested too deep to repr>"


def best_ms(fn: Callable[[], Any], repeats: int) -> float:
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1e3)
    return min(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default=ce.DEFAULT_SET)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    scenario = ce.load_scenarios(args.set, "test")[0]
    env = ce.SalesEmailEnv(scenarios=[scenario])
    v1 = ce.RubricJudgeV1()

    def step(action: Any) -> tuple:
        env.reset(options={"scenario_id": scenario.id})
        return env.step(action)

    # Baselines: an ordinary tool call, and the oracle's email finalized and judged.
    agent = OracleAgent()
    obs, info = env.reset(options={"scenario_id": scenario.id})
    first = agent.act(obs, info)
    oracle_actions = [first]
    while True:
        obs, _r, term, trunc, info = env.step(oracle_actions[-1])
        if term or trunc:
            break
        oracle_actions.append(agent.act(obs, info))
    base_step = best_ms(lambda: step(first), max(5, args.repeats))
    final = oracle_actions[-1]
    base_final = best_ms(lambda: step(final), max(5, args.repeats))
    for a in oracle_actions[:-1]:  # warm the judge's per-scenario facts, as in training
        step(a)

    worst: dict[str, dict[str, Any]] = {}
    errors = 0
    t_all = time.perf_counter()
    for fam, form, action, desc in cases():
        try:
            ms = best_ms(lambda a=action: step(a), args.repeats)
        except Exception as exc:  # noqa: BLE001 - a step that raises is what this benchmark looks for
            errors += 1
            ms = float("inf")
            print(f"step RAISED on {fam}/{form}: {type(exc).__name__}: {exc}"[:200])
        v1_ms = 0.0
        if form == "finalize body":
            traj = env.episode_trajectory()
            if traj.final_email is not None:
                v1_ms = best_ms(lambda t=traj: v1.score(scenario, t.final_email, t), args.repeats)
        w = worst.setdefault(fam, {"cases": 0, "worst_step_ms": 0.0, "worst_case": "", "worst_v1_ms": 0.0,
                                   "worst_parse_ms": 0.0})
        w["cases"] += 1
        if form != "finalize body":  # parsing and tools only, no judge
            w["worst_parse_ms"] = max(w["worst_parse_ms"], ms)
        if max(ms, v1_ms) > TARGET_MS:
            print(f"  over {TARGET_MS:.0f} ms: {fam} / {form}: step {ms:.1f} ms, rubric-v1 {v1_ms:.1f} ms")
        if ms > w["worst_step_ms"]:
            w["worst_step_ms"], w["worst_case"] = ms, f"{form}: {desc}"
        w["worst_v1_ms"] = max(w["worst_v1_ms"], v1_ms)
    total_s = time.perf_counter() - t_all

    rows = [[fam, str(w["cases"]), f"{w['worst_step_ms']:.1f}", f"{w['worst_parse_ms']:.1f}", f"{w['worst_v1_ms']:.1f}",
             "yes" if w["worst_step_ms"] <= TARGET_MS else "NO", w["worst_case"]] for fam, w in worst.items()]
    overall = max(w["worst_step_ms"] for w in worst.values())
    overall_parse = max(w["worst_parse_ms"] for w in worst.values())
    m = machine()
    print(f"Adversarial actions through env.step (rubric-v2 judges finalize bodies) on {scenario.id}, "
          f"up to {MAX_ACTION_CHARS:,} chars; best of {args.repeats}; {m['cpu']}, Python {m['python']}")
    print(table([["baseline: ordinary tool call", "1", f"{base_step:.2f}", f"{base_step:.2f}", "", "", "oracle's first call"],
                 ["baseline: ordinary finalize (oracle email)", "1", f"{base_final:.2f}", "", "", "", "judged by rubric-v2"],
                 *rows],
                ["family", "cases", "worst step ms", "worst step ms, no finalize", "worst rubric-v1 ms",
                 f"step <= {TARGET_MS:.0f} ms", "worst case"]))
    print(f"worst step over all families: {overall:.1f} ms; without finalize (parse + tools only): {overall_parse:.1f} ms "
          f"(target <= {TARGET_MS:.0f} ms); steps that raised: {errors}; whole run {total_s:.1f} s")
    figs = {"machine": m, "set": args.set, "scenario": scenario.id, "repeats": args.repeats,
            "max_action_chars": MAX_ACTION_CHARS, "target_step_ms": TARGET_MS,
            "baseline_tool_call_step_ms": round(base_step, 3), "baseline_oracle_finalize_step_ms": round(base_final, 3),
            "worst_step_ms": round(overall, 3), "worst_step_ms_without_finalize": round(overall_parse, 3),
            "steps_raised": errors, "run_s": round(total_s, 1),
            "families": {fam: {"cases": w["cases"], "worst_step_ms": round(w["worst_step_ms"], 3),
                               "worst_step_ms_without_finalize": round(w["worst_parse_ms"], 3),
                               "worst_rubric_v1_ms": round(w["worst_v1_ms"], 3), "worst_case": w["worst_case"]}
                         for fam, w in worst.items()}}
    print(json.dumps(figs))


if __name__ == "__main__":
    main()
