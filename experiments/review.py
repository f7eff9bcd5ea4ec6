"""Human review of a run's drafts, in the terminal or from a file of decisions.

    python -m experiments.review run=outputs/benchmark/default/greedy-default-v2-test-<hash>
    python -m experiments.review run=... mode=pairwise
    python -m experiments.review run=... decisions=my_decisions.jsonl      # non-interactive

Review mode shows the prospect, the email and its citations and takes [a]ccept / [r]eject (with a reason) /
[e]dit (opens $EDITOR, or inline: end with a line holding a single '.') / [s]kip / [q]uit. Pairwise mode
shows two drafts of the same scenario and takes [1] / [2] / [s]kip, then a confidence. Decisions are
written to the feedback store as HumanReview / HumanPreference events; drafts this reviewer already
reviewed are skipped, so a session can stop and resume. A decisions file holds one JSON object a line:
{"trajectory_id", "decision", "edited_text"?, "reason"?} or {"winner", "loser", "confidence"?}.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import hydra
import orjson
from omegaconf import DictConfig

import codreamer_env as ce
from codreamer_env._io import iter_jsonl
from codreamer_env.errors import DataError
from experiments import config as _config  # noqa: F401
from experiments.cli import friendly_errors
from experiments.runs import run_rows

Ask = Callable[[str], str]
_DECISIONS = {"a": "accept", "r": "reject", "e": "edit", "s": "skip"}


def _show(row: dict[str, Any], out: Callable[[str], None]) -> None:
    sc = ce.get_scenario(row["scenario_id"])
    p = sc.prospect
    out(f"\n=== {row['scenario_id']} (trajectory {row['id']}, reward {row['reward']:.3f})")
    out(f"Prospect: {p.name}, {p.title} at {p.company} ({p.industry}); goal: {sc.goal.text}")
    if row.get("body") is None:
        out("(no email: the episode ended without finalize_email)")
        return
    out(f"Subject: {row['subject']}\n\n{row['body']}\n\nCitations: {', '.join(row['citations']) or 'none'}")


def _edit(text: str, editor: str | None, ask: Ask, out: Callable[[str], None]) -> str:
    editor = editor or os.environ.get("EDITOR")
    if editor and sys.stdin.isatty():
        with tempfile.NamedTemporaryFile("w+", suffix=".txt", delete=False) as fh:
            fh.write(text)
            name = fh.name
        try:
            subprocess.run([*editor.split(), name], check=True)
            return Path(name).read_text()
        finally:
            os.unlink(name)
    out("Type the edited email; end with a line holding a single '.'")
    lines = []
    while True:
        line = ask("")
        if line.strip() == ".":
            break
        lines.append(line)
    return "\n".join(lines)


def review_interactive(rows: list[dict[str, Any]], store: ce.FeedbackStore, reviewer: str, ask: Ask = input,
                       out: Callable[[str], None] = print, editor: str | None = None) -> int:
    """Walk the drafts; returns how many events were written."""
    written = 0
    for row in rows:
        _show(row, out)
        if row.get("body") is None:
            continue
        while True:
            choice = ask("[a]ccept [r]eject [e]dit [s]kip [q]uit > ").strip().lower()[:1]
            if choice in _DECISIONS or choice == "q":
                break
            out("please answer a, r, e, s or q")
        if choice == "q":
            break
        ev: dict[str, Any] = {"scenario_id": row["scenario_id"], "trajectory_id": row["id"], "reviewer": reviewer,
                              "draft_text": row["body"], "decision": _DECISIONS[choice]}
        if choice == "r":
            ev["reason"] = ask("reason > ").strip() or None
        elif choice == "e":
            ev["edited_text"] = _edit(row["body"], editor, ask, out)
            ev["reason"] = ask("what was wrong (optional) > ").strip() or None
        store.append(ce.HumanReview(**ev))
        written += 1
    return written


def review_pairwise(rows: list[dict[str, Any]], store: ce.FeedbackStore, reviewer: str, ask: Ask = input,
                    out: Callable[[str], None] = print) -> int:
    """Two drafts of the same scenario at a time; returns how many preferences were written."""
    by_sc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r.get("body") is not None:
            by_sc[r["scenario_id"]].append(r)
    written = 0
    for sid, drafts in by_sc.items():
        for a, b in itertools.combinations(drafts, 2):
            if a["id"] == b["id"]:
                continue
            out(f"\n##### {sid}: draft 1")
            _show(a, out)
            out("##### draft 2")
            _show(b, out)
            choice = ask("which is better? [1] [2] [s]kip [q]uit > ").strip().lower()[:1]
            if choice == "q":
                return written
            if choice not in ("1", "2"):
                continue
            conf = ask("confidence 0-1 [1.0] > ").strip()
            winner, loser = (a, b) if choice == "1" else (b, a)
            store.append(ce.HumanPreference(scenario_id=sid, winner=winner["id"], loser=loser["id"], reviewer=reviewer,
                                            confidence=float(conf) if conf else 1.0))
            written += 1
    return written


def decision_id(event: Any) -> str:
    """A stable id of a review decision: a hash of the event without its timestamp and meta, so the same decision
    (same kind, trajectory or pair, verdict, texts, reviewer) has the same id wherever and whenever it is made."""
    body = event.model_dump(mode="json", exclude={"timestamp", "meta"})
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]


def apply_decisions(path: str | Path, rows: list[dict[str, Any]], store: ce.FeedbackStore, reviewer: str) -> int:
    """Non-interactive review from a JSONL file of decisions; bad lines raise DataError naming file and line.

    Idempotent: each decision gets a stable id (`decision_id`, also stored as `meta.decision_id`), and one that
    the store already holds (from an earlier run of the same file, or an identical review or preference made
    any other way) is not written again, nor is a line repeated within the file. Returns how many were written."""
    by_id = {r["id"]: r for r in rows}
    events = []
    for lineno, rec in iter_jsonl(path):
        if not isinstance(rec, dict):
            raise DataError("a decision must be a JSON object", file=str(path), line=lineno, field="(line)")
        try:
            if "winner" in rec:
                w = by_id.get(rec["winner"])
                if w is None or rec.get("loser") not in by_id:
                    raise DataError("winner/loser must be trajectory ids of this run", file=str(path), line=lineno,
                                    field="winner")
                events.append(ce.HumanPreference(scenario_id=w["scenario_id"], winner=rec["winner"], loser=rec["loser"],
                                                 reviewer=rec.get("reviewer", reviewer),
                                                 confidence=float(rec.get("confidence", 1.0))))
            else:
                row = by_id.get(rec.get("trajectory_id"))
                if row is None:
                    raise DataError("not a trajectory id of this run", file=str(path), line=lineno, field="trajectory_id")
                events.append(ce.HumanReview(scenario_id=row["scenario_id"], trajectory_id=row["id"],
                                             decision=rec.get("decision"), edited_text=rec.get("edited_text"),
                                             reason=rec.get("reason"), draft_text=row.get("body"),
                                             reviewer=rec.get("reviewer", reviewer)))
        except DataError:
            raise
        except Exception as exc:  # pydantic ValidationError and friends: name the line
            raise DataError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, file=str(path), line=lineno,
                            field="decision") from None
    for ev in events:
        ev.meta["decision_id"] = decision_id(ev)
    # Read and appended under the store's lock: two runs of one file at once still write each decision once.
    return store.extend(events, key=lambda ev: (ev.meta.get("decision_id") or decision_id(ev))
                        if ev.kind in ("review", "preference") else None)


def run_review(cfg: DictConfig, ask: Ask = input, out: Callable[[str], None] = print) -> int:
    rows = run_rows(cfg.run)
    if not rows:
        raise SystemExit(f"no trajectories in {cfg.run}")
    store = ce.FeedbackStore(cfg.feedback)
    if cfg.decisions:
        return apply_decisions(cfg.decisions, rows, store, cfg.reviewer)
    seen = {ev.trajectory_id for ev in store.events(["review"]) if ev.reviewer == cfg.reviewer}
    todo = [r for r in rows if r["id"] not in seen]
    if cfg.limit:
        todo = todo[: cfg.limit]
    if cfg.mode == "pairwise":
        return review_pairwise(todo, store, cfg.reviewer, ask, out)
    return review_interactive(todo, store, cfg.reviewer, ask, out, cfg.editor)


@hydra.main(version_base="1.3", config_path="pkg://experiments.configs", config_name="review")
@friendly_errors
def main(cfg: DictConfig) -> None:
    n = run_review(cfg)
    print(f"\n{n} feedback events written to {cfg.feedback}")


if __name__ == "__main__":
    main()
