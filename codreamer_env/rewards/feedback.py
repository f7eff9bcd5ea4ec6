"""Feedback events and a JSONL store over one or more files.

Events (pydantic, discriminated by `kind`): JudgeFeedback, HumanPreference, HumanReview, OnlineOutcome.
Appends take a file lock, so several processes can append at once and no line is lost or interleaved. On
read, a corrupt or partial line is reported with its file and line number and skipped; every valid event
is kept. The prototype's old format (`"kind": "ruler" | "human" | "online"`) is read and converted (see
`from_legacy`; docs/prototype.md).

Timestamps are stored as UTC epoch seconds (a float); on input an ISO-8601 string is accepted too (no zone
means UTC), and `time_iso` renders one back as `2025-10-11T21:20:54.521532Z`.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import orjson
from filelock import FileLock
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

log = logging.getLogger(__name__)


def parse_timestamp(value: Any) -> float:
    """UTC epoch seconds from a number (or one in a string) or an ISO-8601 string ("2025-10-11 21:20:54.521532",
    with or without a zone; without one it is UTC, as the prototype wrote it)."""
    if isinstance(value, bool):
        raise ValueError(f"a timestamp must be epoch seconds or an ISO-8601 string, got {value!r}")
    if isinstance(value, (int, float)):
        ts = float(value)
    elif isinstance(value, str):
        try:
            dt = datetime.fromisoformat(value.strip())
        except ValueError:
            try:  # epoch seconds written as a string, which pydantic's float took before
                dt, ts = None, float(value)
            except ValueError:
                raise ValueError(f"not an ISO-8601 time or epoch seconds: {value!r}") from None
        if dt is not None:
            ts = (dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)).timestamp()
    else:
        raise ValueError(f"a timestamp must be epoch seconds or an ISO-8601 string, got {value!r}")
    if not math.isfinite(ts):
        raise ValueError(f"a timestamp must be finite, got {value!r}")
    return ts


def format_timestamp(ts: float) -> str:
    """Epoch seconds as ISO-8601 UTC with a `Z` (microseconds kept): 2025-10-11T21:20:54.521532Z."""
    return datetime.fromtimestamp(ts, UTC).isoformat().removesuffix("+00:00") + "Z"


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid")
    scenario_id: str
    timestamp: float = Field(default_factory=time.time)  # UTC epoch seconds; an ISO-8601 string is accepted
    meta: dict[str, Any] = Field(default_factory=dict)

    @field_validator("timestamp", mode="before")
    @classmethod
    def _timestamp(cls, value: Any) -> float:
        return parse_timestamp(value)

    @property
    def time_iso(self) -> str:
        """The event's time as ISO-8601 UTC (`2025-10-11T21:20:54.521532Z`)."""
        return format_timestamp(self.timestamp)


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


def _number(value: Any, what: str) -> float:
    # Strict: a bool, a string or a NaN is not a score (the old float() took "0.5" and True silently).
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{what} must be a number, got {value!r}")
    return float(value)


def _legacy_judge_score(raw: dict[str, Any]) -> tuple[float, dict[str, float]]:
    """(score, rubric components) of a prototype `ruler` record: its `score` / `reward`, else the mean of its
    `rubric` values (the prototype's rule). No score at all is an error, never a 0."""
    rubric = raw.get("rubric")
    components: dict[str, float] = {}
    if rubric is not None:
        if not isinstance(rubric, dict):
            raise ValueError(f"ruler event: rubric must be an object of named scores, got {rubric!r}")
        components = {str(k): _number(v, f"ruler event: rubric component {k!r}") for k, v in rubric.items()}
    for key in ("score", "reward"):
        if raw.get(key) is not None:
            return _number(raw[key], f"ruler event: {key}"), components
    if not components:
        raise ValueError("ruler event has no score (no 'score', 'reward' or 'rubric' values)")
    return math.fsum(components.values()) / len(components), components


def from_legacy(raw: dict[str, Any]) -> dict[str, Any]:
    """Convert the prototype's `{"kind": "ruler" | "human" | "online", ...}` records to current events.

    - every kind: `ts` / `timestamp` (epoch seconds or ISO-8601, no zone = UTC) -> `timestamp`; the prototype's
      `prospect_id` and `step` go to `meta` (with `legacy_kind`), and the prospect id is the `scenario_id`
      when the record has none (the prototype's unit of work was one prospect);
    - `ruler` -> JudgeFeedback: `score` / `reward`, else the mean of the `rubric` values, each component
      kept by name in `rubric_scores`; `rank`, `group_size`, `explanation` kept. No score -> an error;
    - `human` with `winner` / `loser` (or `preferred` / `rejected`) -> HumanPreference (`reviewer_id` or
      `reviewer`, `confidence`); otherwise a HumanReview from `decision` / `label` / `action` / `score`;
    - `online` -> OnlineOutcome from the funnel flags (`opened`, `replied`, `call_booked`, `opportunity`,
      `closed_won`) and/or a stage name (`event` / `outcome` / `stage`: reaching a stage implies the earlier
      ones). A record with neither is an error, not an outcome that reached nothing.
    Raises ValueError for what cannot be converted; the store reports it as a bad line (file:line).
    """
    kind = raw.get("kind")
    tid = raw.get("trajectory_id") or raw.get("traj_id") or raw.get("id")
    prospect = raw.get("prospect_id")
    meta: dict[str, Any] = {"legacy_kind": kind}
    for k in ("prospect_id", "step"):
        if raw.get(k) is not None:
            meta[k] = raw[k]
    scenario = raw.get("scenario_id") or (str(prospect) if prospect is not None else "unknown")
    base: dict[str, Any] = {"scenario_id": scenario, "meta": meta}
    for k in ("timestamp", "ts"):
        if raw.get(k) is not None:
            base["timestamp"] = raw[k]  # parsed (number or ISO-8601) and checked by the event model
            break
    if kind == "ruler":
        score, components = _legacy_judge_score(raw)
        out = {**base, "kind": "judge", "trajectory_id": tid, "score": score, "rubric_scores": components,
               "source": "llm", "judge": raw.get("judge") or "ruler"}
        for k in ("rank", "group_size", "explanation"):
            if raw.get(k) is not None:
                out[k] = raw[k]
        return out
    if kind == "human":
        reviewer = raw.get("reviewer_id") or raw.get("reviewer") or "legacy"
        if "winner" in raw or "preferred" in raw:
            out = {**base, "kind": "preference", "winner": raw.get("winner", raw.get("preferred")),
                   "loser": raw.get("loser", raw.get("rejected")), "reviewer": reviewer}
            if raw.get("confidence") is not None:
                out["confidence"] = raw["confidence"]  # checked (0..1) by the event model
            return out
        decision = raw.get("decision") or raw.get("label") or raw.get("action")
        if decision is None and raw.get("score") is not None:
            decision = "accept" if _number(raw["score"], "human event: score") >= 0.5 else "reject"
        if decision in ("approve", "approved", "thumbs_up", "up"):
            decision = "accept"
        if decision in ("thumbs_down", "down", "rejected"):
            decision = "reject"
        return {**base, "kind": "review", "trajectory_id": tid, "decision": decision,
                "edited_text": raw.get("edited_text", raw.get("edit")), "reason": raw.get("reason", raw.get("comment")),
                "reviewer": reviewer}
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
        flags = [s for s in _OUTCOME_STAGES if raw.get(s) is not None]
        if stage is None and not flags:
            raise ValueError("online event has no funnel flags (opened, replied, call_booked, opportunity, "
                             "closed_won) and no stage")
        for s in flags:
            if raw[s] not in (True, False):  # 1 / 0 pass too; "yes" or 2 is not a flag
                raise ValueError(f"online event: {s} must be true or false, got {raw[s]!r}")
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
