"""Discovery: the run folders (and feedback files) under the given paths, by kind, and one reader per kind for
what the report shows. File names come from experiments.layout, which the producing commands write with."""

import glob
import os
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import orjson

from codreamer_env._io import read_jsonl_rows as read_rows
from experiments import layout as L

_ROUND_FILE = L.ROUND_DIR.format("*") + "/{}"  # a file of every round: round*/<name>
_NOT_FEEDBACK = (L.TRAJECTORIES, L.ROUNDS, L.TRAIN_LOG, L.CANDIDATES, L.SCORES)


Warn = Callable[[str], None] | None  # where a reader reports a damaged file or row (build_report: stderr and the page)


class NoRunsError(FileNotFoundError):
    """None of the `runs` patterns matched a file or folder."""


def read_json(path: Path, warn: Warn = None) -> Any:
    try:
        return orjson.loads(path.read_bytes())
    except OSError:
        return None
    except orjson.JSONDecodeError as e:
        if warn:
            warn(f"{path}: damaged, not valid JSON ({e}); skipped")
        return None


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def unmatched(patterns: Sequence[str]) -> list[str]:
    """The patterns that match no file or folder."""
    return [p for p in patterns if not _roots([p])]


def _number(p: Path) -> int | None:  # the step, iteration or round in step<N>.json, iter<i>_<name>, round<r>
    m = re.match(r"[a-z]+(\d+)(?:[_.]|$)", p.name)
    return int(m.group(1)) if m else None


def _roots(patterns: Sequence[str]) -> list[Path]:
    roots: list[Path] = []
    for pat in patterns:
        hits = sorted(glob.glob(os.path.expanduser(pat), recursive=True)) or ([pat] if Path(pat).exists() else [])
        roots += [Path(h) for h in hits]
    return roots


def discover(patterns: Sequence[str]) -> dict[str, list[Path]]:
    """Run folders (and feedback files) under the given folders or globs, by kind."""
    found: dict[str, list[Path]] = defaultdict(list)
    seen: set[Path] = set()
    for root in _roots(patterns):
        if root.is_file():
            if root.suffix == ".jsonl" and _is_feedback(root):
                found["feedback"].append(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            d, names = Path(dirpath), set(filenames)
            dirnames[:] = sorted(x for x in dirnames if not x.startswith((".", "checkpoint-")) and x != L.MODEL_DIR)
            if d in seen:
                continue
            seen.add(d)
            if L.TRAJECTORIES in names and L.METRICS in names and d.parent.name != L.EVAL_DIR:
                found["benchmark"].append(d)
            if L.ITER.format(0, L.METRICS) in names:
                found["learn_loop"].append(d)
            elif L.TRAIN_LOG in names:
                found["grpo"].append(d)
            if L.ROUNDS in names:
                found["prompt_opt"].append(d)
            found["feedback"] += [d / f for f in sorted(names) if f.endswith(".jsonl") and f not in _NOT_FEEDBACK
                                  and not fnmatch(f, L.ITER.format("*", "*")) and _is_feedback(d / f)]
    return {k: sorted(dict.fromkeys(v)) for k, v in found.items() if v}


def _is_feedback(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            line = next((x for x in f if x.strip()), None)
        row = orjson.loads(line) if line else None
    except (OSError, orjson.JSONDecodeError):
        return False
    return isinstance(row, dict) and (row.get("kind") in ("judge", "preference", "review", "outcome", "ruler", "human", "online")
                                   or "event" in row)  # ruler / human / online: the prototype's own kinds


def signature(patterns: Sequence[str]) -> tuple:
    """Size and mtime of every .json / .jsonl file under the paths: what --watch compares."""
    sig = []
    for dirpath, _d, names in (w for root in _roots(patterns) for w in os.walk(root)):
        for f in names:
            if f.endswith((".json", ".jsonl")):
                try:
                    st = os.stat(os.path.join(dirpath, f))
                except OSError:
                    continue
                sig.append((dirpath, f, st.st_size, st.st_mtime_ns))
    return tuple(sorted(sig))


def read_benchmark(d: Path, warn: Warn = None) -> dict[str, Any] | None:
    """A benchmark run (experiments.benchmark): metrics.json (its trajectories.jsonl: `read_episodes`); None, with a
    warning, for a damaged file or one whose reward fields are not numbers."""
    m = read_json(d / L.METRICS, warn)
    if m is None:
        return None
    ci, comps = (m.get("reward_ci95"), m.get("components")) if isinstance(m, dict) else (None, None)
    problem = ("not a JSON object" if not isinstance(m, dict) else
               f"reward_mean is {type(m['reward_mean']).__name__}, not a number"
               if "reward_mean" in m and not _is_number(m["reward_mean"]) else
               "reward_ci95 is not two numbers" if ci is not None and not (
                   isinstance(ci, list) and len(ci) == 2 and all(_is_number(x) for x in ci)) else
               "components is not an object of numbers" if comps is not None and not (
                   isinstance(comps, dict) and all(_is_number(x) for x in comps.values())) else None)
    if problem:
        if warn:
            warn(f"{d / L.METRICS}: {problem}; run skipped")
        return None
    return m


def read_grpo(d: Path) -> tuple[list[dict[str, Any]], list[tuple[int, dict[str, Any]]]]:
    """A GRPO run (experiments.train_grpo): the rows of train_log.jsonl, and eval/step<N>.json as (N, metrics)."""
    evals = [(n, m) for p in sorted(d.glob(L.EVAL_METRICS.format("*")))
             if isinstance(m := read_json(p), dict) and (n := _number(p)) is not None]
    return read_rows(d / L.TRAIN_LOG), evals


def read_learn_loop(d: Path) -> tuple[list[dict[str, Any]], list[tuple[int, dict[str, Any]]]]:
    """A learn-loop (experiments.learn_loop): iter<i>_metrics.json in order, and the first and last
    iter<i>_node_scores.json as (i, scores) (none when there are fewer than two)."""
    its = [m for p in sorted(d.glob(L.ITER.format("*", L.METRICS)), key=_number) if isinstance(m := read_json(p), dict)]
    files = sorted(d.glob(L.ITER.format("*", L.NODE_SCORES)), key=_number)
    return its, [(_number(p), read_json(p) or {}) for p in (files[0], files[-1])] if len(files) > 1 else []


def read_prompt_opt(d: Path) -> dict[str, Any]:
    """A prompt-optimizer run (agents.prompt_optimizer): rounds.jsonl, round<r>/candidates.jsonl in round order, the
    PRewrite-RL rewriter's rl_rewriter/result.json, and the prompt registry (agents.prompt_registry) that
    summary.json names, or None."""
    from agents.prompt_registry import PromptRegistry

    reg = (read_json(d / L.SUMMARY) or {}).get("registry")
    cands = sorted(d.glob(_ROUND_FILE.format(L.CANDIDATES)), key=lambda p: _number(p.parent))
    return {"rounds": read_rows(d / L.ROUNDS), "candidates": [c for p in cands for c in read_rows(p)],
            "rl_rewriter": read_json(d / L.RL_REWRITER_DIR / L.RL_RESULT),
            "registry": PromptRegistry(reg) if reg and Path(reg).exists() else None}


def read_feedback(files: list[Path]) -> Any:
    """Feedback logs (codreamer_env.rewards.feedback): JSONL judge / preference / review / outcome events."""
    from codreamer_env.rewards.feedback import FeedbackStore

    return FeedbackStore([str(f) for f in files])


def _row_problem(r: Any) -> str | None:
    """Why an episode row cannot be shown (a field the report computes with has the wrong type), or None."""
    if not isinstance(r, dict):
        return f"a JSON {type(r).__name__}, not an object"
    if "reward" in r and not _is_number(r["reward"]):
        return f"reward is {type(r['reward']).__name__}, not a number"
    for k, types in (("id", (str, int)), ("scenario_id", (str,))):
        if k in r and not isinstance(r[k], types):
            return f"{k} is {type(r[k]).__name__}"
    return None


def read_episode_rows(path: Path, warn: Warn = None) -> list[dict[str, Any]]:
    """A trajectories file's rows; an unreadable or ill-typed line is skipped with a warning naming file and line."""
    rows: list[dict[str, Any]] = []
    try:
        raw = path.read_bytes()
    except OSError:
        return rows
    for n, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            r = orjson.loads(line)
        except orjson.JSONDecodeError:
            problem = "not valid JSON"
        else:
            if (problem := _row_problem(r)) is None:
                rows.append(r)
                continue
        if warn:
            warn(f"{path} line {n}: {problem}; row skipped")
    return rows


def read_episodes(benchmarks: list[tuple[str, Path]], found: dict[str, list[Path]], warn: Warn = None
                  ) -> list[tuple[str, list[Any]]]:
    """Every run's episode rows (the benchmark's row format), labelled: each benchmark run's trajectories.jsonl,
    a learn-loop's iter<i>_trajectories.jsonl and a prompt-optimizer run's round<r>/trajectories.jsonl."""
    files = ([(label, d / L.TRAJECTORIES) for label, d in benchmarks] +
             [(f"learn-loop {d.name} iter{_number(p)}", p) for d in found.get("learn_loop", [])
              for p in sorted(d.glob(L.ITER.format("*", L.TRAJECTORIES)))] +
             [(f"prompt-opt {d.name} {p.parent.name}", p) for d in found.get("prompt_opt", [])
              for p in sorted(d.glob(_ROUND_FILE.format(L.TRAJECTORIES)), key=lambda q: _number(q.parent))])
    return [(label, read_episode_rows(path, warn)) for label, path in files if path.exists()]
