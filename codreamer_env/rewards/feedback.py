"""Feedback events and a JSONL store over one or more files.

Events (pydantic, discriminated by `kind`): JudgeFeedback, HumanPreference, HumanReview, OnlineOutcome.
Appends take a file lock, so several processes can append at once and no line is lost or interleaved. On
read, a corrupt or partial line is reported with its file and line number and skipped; every valid event
is kept. The prototype's old format (`"kind": "ruler" | "human" | "online"`) is read and converted.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import orjson
from filelock import FileLock
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

log = logging.getLogger(__name__)


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scenario_id: str
    timestamp: float = Field(default_factory=time.time)
    meta: dict[str, Any] = Field(default_factory=dict)


class JudgeFeedback(_Event):
    """A judge's verdict on one trajectory (and its rank in its group)."""

    kind: Literal["judge"] = "judge"
    trajectory_id: str
    score: float = Field(ge=0.0, le=1.0)
    rank: int | None = Field(default=None, ge=1)
    group_size: int | None = Field(default=None, ge=1)
    rubric_scores: dict[str, float] = Field(default_factory=dict)
    source: str = "rubric"  # rubric | llm | fallback
    judge: str | None = None
    explanation: str | None = None


class HumanPreference(_Event):
    """A reviewer preferred one draft over another of the same scenario."""

    kind: Literal["preference"] = "preference"
    winner: str
    loser: str
    reviewer: str = "anonymous"
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _distinct(self) -> HumanPreference:
        if self.winner == self.loser:
            raise ValueError("winner and loser must be different trajectories")
        return self


class HumanReview(_Event):
    """A reviewer's decision on one draft: accept, reject, edit (with the edited text) or skip."""

    kind: Literal["review"] = "review"
    trajectory_id: str
    decision: Literal["accept", "reject", "edit", "skip"]
    edited_text: str | None = None
    draft_text: str | None = None
    reason: str | None = None
    reviewer: str = "anonymous"

    @model_validator(mode="after")
    def _edit_has_text(self) -> HumanReview:
        if self.decision == "edit" and not self.edited_text:
            raise ValueError("an 'edit' review needs edited_text")
        return self


class OnlineOutcome(_Event):
    """What happened after the email was sent (real, or simulated and marked so)."""

    kind: Literal["outcome"] = "outcome"
    trajectory_id: str
    opened: bool = False
    replied: bool = False
    call_booked: bool = False
    opportunity: bool = False
    closed_won: bool = False
    simulated: bool = False


FeedbackEvent = Annotated[JudgeFeedback | HumanPreference | HumanReview | OnlineOutcome, Field(discriminator="kind")]
_ADAPTER: TypeAdapter[Any] = TypeAdapter(FeedbackEvent)
_KINDS = ("judge", "preference", "review", "outcome")
_OUTCOME_STAGES = ("opened", "replied", "call_booked", "opportunity", "closed_won")
_LEGACY_STAGE = {"open": "opened", "opened": "opened", "reply": "replied", "replied": "replied", "call": "call_booked",
                 "meeting": "call_booked", "call_booked": "call_booked", "booked": "call_booked",
                 "opportunity": "opportunity", "opp": "opportunity", "won": "closed_won", "closed_won": "closed_won"}


def event_trajectories(ev: Any) -> tuple[str, ...]:
    """The trajectory ids an event is about (two for a preference)."""
    if isinstance(ev, HumanPreference):
        return (ev.winner, ev.loser)
    return (ev.trajectory_id,)


def from_legacy(raw: dict[str, Any]) -> dict[str, Any]:
    """Convert the prototype's `{"kind": "ruler" | "human" | "online", ...}` records to current events."""
    kind = raw.get("kind")
    tid = raw.get("trajectory_id") or raw.get("traj_id") or raw.get("id")
    base = {"scenario_id": raw.get("scenario_id", "unknown"), "meta": {"legacy_kind": kind}}
    if "timestamp" in raw or "ts" in raw:
        base["timestamp"] = float(raw.get("timestamp", raw.get("ts")))
    if kind == "ruler":
        out = {**base, "kind": "judge", "trajectory_id": tid, "score": float(raw.get("score", raw.get("reward", 0.0))),
               "source": "llm", "judge": raw.get("judge", "ruler")}
        for k in ("rank", "group_size", "explanation"):
            if raw.get(k) is not None:
                out[k] = raw[k]
        return out
    if kind == "human":
        if "winner" in raw or "preferred" in raw:
            return {**base, "kind": "preference", "winner": raw.get("winner", raw.get("preferred")),
                    "loser": raw.get("loser", raw.get("rejected")), "reviewer": raw.get("reviewer", "legacy"),
                    "confidence": float(raw.get("confidence", 1.0))}
        decision = raw.get("decision") or raw.get("label") or raw.get("action")
        if decision is None and "score" in raw:
            decision = "accept" if float(raw["score"]) >= 0.5 else "reject"
        if decision in ("approve", "approved", "thumbs_up", "up"):
            decision = "accept"
        if decision in ("thumbs_down", "down", "rejected"):
            decision = "reject"
        return {**base, "kind": "review", "trajectory_id": tid, "decision": decision,
                "edited_text": raw.get("edited_text", raw.get("edit")), "reason": raw.get("reason", raw.get("comment")),
                "reviewer": raw.get("reviewer", "legacy")}
    if kind == "online":
        out = {**base, "kind": "outcome", "trajectory_id": tid}
        stage = raw.get("event") or raw.get("outcome") or raw.get("stage")
        if stage is not None:
            key = _LEGACY_STAGE.get(str(stage).lower())
            if key is None:
                raise ValueError(f"unknown legacy outcome {stage!r}")
            # Reaching a stage implies every earlier stage.
            for s in _OUTCOME_STAGES[: _OUTCOME_STAGES.index(key) + 1]:
                out[s] = True
        for s in _OUTCOME_STAGES:
            if s in raw:
                out[s] = bool(raw[s])
        return out
    raise ValueError(f"unknown event kind {kind!r}")


def parse_event(raw: Any) -> Any:
    """Validate one decoded JSON object as a feedback event (legacy kinds converted)."""
    if isinstance(raw, dict) and raw.get("kind") in ("ruler", "human", "online"):
        raw = from_legacy(raw)
    return _ADAPTER.validate_python(raw)


@dataclass
class BadLine:
    """A line that could not be read, with where it is and why."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class FeedbackStore:
    """Feedback events in JSONL files. Reads all `paths`; appends go to `write_path` (default: the first)."""

    def __init__(self, paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
                 write_path: str | os.PathLike[str] | None = None) -> None:
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        self.paths = [Path(p) for p in paths]
        if not self.paths and write_path is None:
            raise ValueError("FeedbackStore needs at least one path")
        self.write_path = Path(write_path) if write_path is not None else self.paths[0]
        if self.write_path not in self.paths:
            self.paths.append(self.write_path)
        self.bad_lines: list[BadLine] = []

    def _lock(self) -> FileLock:
        return FileLock(str(self.write_path) + ".lock")

    def append(self, event: Any) -> None:
        """Append one event (a model or a dict) as one JSON line, under the file lock."""
        self.extend([event])

    def extend(self, events: Iterable[Any], *, key: Callable[[Any], str | None] | None = None) -> int:
        """Append several events in one locked write. Returns how many were written.

        With `key` (an event -> its identity), events whose key is already in the store, or repeated among
        `events`, are not written: read and appended under one lock, so two processes appending the same
        events write them once."""
        models = [ev if isinstance(ev, BaseModel) else parse_event(ev) for ev in events]
        if not models:
            return 0
        self.write_path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock():
            if key is not None:
                seen = {key(ev) for ev in self.iter_events()}
                fresh = []
                for ev in models:
                    if (k := key(ev)) is None or k not in seen:
                        seen.add(k)
                        fresh.append(ev)
                models = fresh
            return self._write([orjson.dumps(m.model_dump(mode="json")) + b"\n" for m in models])

    def _write(self, lines: list[bytes]) -> int:  # the caller holds the lock
        if not lines:
            return 0
        with open(self.write_path, "a+b", opener=lambda p, flags: os.open(p, flags, 0o644)) as fh:
            # A file left with a torn last line gets a newline first, so the torn line stays one bad line
            # instead of swallowing the next good one.
            if fh.seek(0, os.SEEK_END):
                fh.seek(-1, os.SEEK_END)
                if fh.read(1) != b"\n":
                    fh.write(b"\n")
            fh.write(b"".join(lines))
        return len(lines)

    def iter_events(self) -> Iterator[Any]:
        """Every valid event of every file, in file order; bad lines are logged and collected in `bad_lines`."""
        self.bad_lines = []
        for path in self.paths:
            if not path.exists():
                continue
            with open(path, "rb") as fh:
                for lineno, line in enumerate(fh, start=1):
                    if not line.strip():
                        continue
                    try:
                        raw = orjson.loads(line)
                    except orjson.JSONDecodeError as exc:
                        self._bad(path, lineno, f"malformed JSON ({exc.msg})" if line.endswith(b"\n")
                                  else "partial line (no newline at end of file)")
                        continue
                    try:
                        yield parse_event(raw)
                    except (ValidationError, ValueError, TypeError) as exc:
                        reason = exc.errors()[0] if isinstance(exc, ValidationError) else str(exc)
                        if isinstance(reason, dict):
                            loc = reason["loc"][1:] if reason["loc"] and reason["loc"][0] in _KINDS else reason["loc"]
                            reason = f"field {'.'.join(map(str, loc)) or '(event)'}: {reason['msg']}"
                        self._bad(path, lineno, f"invalid event ({reason})")

    def _bad(self, path: Path, lineno: int, reason: str) -> None:
        bad = BadLine(str(path), lineno, reason)
        self.bad_lines.append(bad)
        log.warning("skipping %s", bad)

    def events(self, kinds: Iterable[str] | None = None) -> list[Any]:
        """All valid events (optionally only some kinds)."""
        wanted = set(kinds) if kinds is not None else None
        return [e for e in self.iter_events() if wanted is None or e.kind in wanted]

    def by_trajectory(self) -> dict[str, list[Any]]:
        """{trajectory id: [events about it]} (a preference is filed under both its trajectories)."""
        out: dict[str, list[Any]] = {}
        for ev in self.iter_events():
            for tid in event_trajectories(ev):
                out.setdefault(tid, []).append(ev)
        return out
