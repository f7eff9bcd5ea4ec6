"""Online outcomes: a seeded simulator of prospect responses (marked simulated), and import of real ones.

The simulator walks the funnel opened -> replied -> call_booked -> opportunity -> closed_won. Each stage is
a logistic function of the email's rubric components and the prospect's persona (responsiveness,
skepticism, seniority), drawn from an RNG seeded by (seed, trajectory id), so the same email always gets
the same simulated outcome. Each stage lands later than the one before (hours, then days), so
experiments can exercise delayed credit: an outcome is only visible once `now` has passed its time.
"""

from __future__ import annotations

import csv
import hashlib
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from codreamer_env.errors import DataError
from codreamer_env.rewards.feedback import OnlineOutcome, parse_event

if TYPE_CHECKING:
    from codreamer_env.scenarios import Scenario
    from codreamer_env.trajectory import Trajectory

STAGES = ("opened", "replied", "call_booked", "opportunity", "closed_won")
# Typical delay of each stage after sending, in hours (opened within a day, replies within days, ...).
STAGE_DELAY_H = {"opened": 6.0, "replied": 48.0, "call_booked": 120.0, "opportunity": 480.0, "closed_won": 1440.0}


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


@dataclass
class OutcomeModel:
    """Logistic coefficients per stage: bias + weights on rubric components and persona traits."""

    open_bias: float = -0.6
    reply_bias: float = -2.6
    call_bias: float = -1.2
    opp_bias: float = -0.4
    won_bias: float = -1.0

    def probabilities(self, comps: dict[str, float], persona: dict[str, Any]) -> dict[str, float]:
        """P(stage | previous stage reached) for each stage, in funnel order (`STAGES`)."""
        g = lambda k: float(comps.get(k, 0.0))  # noqa: E731
        resp = float(persona.get("responsiveness", 0.5))
        skep = float(persona.get("skepticism", 0.5))
        senior = 0.4 if persona.get("seniority") == "executive" else 0.0
        return {
            "opened": _sigmoid(self.open_bias + 1.6 * g("personalization") + 0.8 * g("clarity") + 1.2 * resp - senior),
            "replied": _sigmoid(self.reply_bias + 1.8 * g("alignment") + 1.2 * g("factuality") + 1.0 * g("cta")
                                + 1.0 * g("grounding") + 1.2 * resp - 1.5 * skep - 2.5 * (1 - g("compliance"))),
            "call_booked": _sigmoid(self.call_bias + 2.0 * g("cta") + 1.0 * g("alignment") - 0.8 * skep),
            "opportunity": _sigmoid(self.opp_bias + 1.0 * g("alignment") + 0.5 * g("factuality") - 0.5 * skep),
            "won": _sigmoid(self.won_bias + 0.8 * g("alignment") - 0.6 * skep),
        }


class OutcomeSimulator:
    """Seeded, clearly simulated prospect responses for judged trajectories."""

    def __init__(self, seed: int = 0, model: OutcomeModel | None = None) -> None:
        self.seed = seed
        self.model = model or OutcomeModel()

    def _rng(self, trajectory_id: str) -> np.random.Generator:
        h = hashlib.sha256(f"{self.seed}|{trajectory_id}".encode()).digest()
        return np.random.default_rng(int.from_bytes(h[:8], "little"))

    def simulate(self, scenario: Scenario, trajectory: Trajectory, components: dict[str, float],
                 sent_at: float = 0.0) -> list[OnlineOutcome]:
        """The outcome events for one sent email: one event per stage reached, each at its own time.

        An episode with no email produces no events (nothing was sent).
        """
        if trajectory.final_email is None:
            return []
        rng = self._rng(trajectory.id)
        probs = self.model.probabilities(components, scenario.prospect.persona.model_dump())
        reached: list[str] = []
        for stage, q in zip(STAGES, probs.values(), strict=True):
            if rng.random() >= q:
                break
            reached.append(stage)
        events = []
        t = sent_at
        for i, stage in enumerate(reached):
            t += STAGE_DELAY_H[stage] * 3600 * float(rng.uniform(0.3, 1.7))
            events.append(OnlineOutcome(scenario_id=scenario.id, trajectory_id=trajectory.id, timestamp=t,
                                        simulated=True, meta={"simulator_seed": self.seed},
                                        **dict.fromkeys(reached[: i + 1], True)))
        return events

    def expected_score(self, scenario: Scenario, components: dict[str, float]) -> float:
        """E[online score] under the model (the ordinal levels of the blend), for analysis and tests."""
        from codreamer_env.rewards.blend import ONLINE_LEVELS

        chain = list(self.model.probabilities(components, scenario.prospect.persona.model_dump()).values())
        levels = dict(ONLINE_LEVELS)
        exp, reach = 0.0, 1.0
        for i, q in enumerate(chain):
            reach *= q
            stop_here = reach * (1 - chain[i + 1]) if i + 1 < len(chain) else reach
            exp += stop_here * levels[STAGES[i]]
        return exp


def visible(events: Sequence[OnlineOutcome], now: float) -> list[OnlineOutcome]:
    """Only the outcomes that have happened by `now` (delayed credit)."""
    return [e for e in events if e.timestamp <= now]


def import_outcomes(path: str | os.PathLike[str]) -> list[OnlineOutcome]:
    """Read real outcomes from CSV (header: trajectory_id, scenario_id, opened, replied, call_booked, opportunity,
    closed_won[, timestamp]) or JSONL (OnlineOutcome records). Bad rows raise DataError naming file, line, field."""
    path = Path(path)
    out: list[OnlineOutcome] = []
    if path.suffix.lower() == ".csv":
        with open(path, newline="") as fh:
            reader = csv.DictReader(fh)
            for lineno, row in enumerate(reader, start=2):
                rec: dict[str, Any] = {"kind": "outcome", "trajectory_id": row.get("trajectory_id"),
                                       "scenario_id": row.get("scenario_id")}
                for s in STAGES:
                    v = (row.get(s) or "").strip().lower()
                    if v not in ("", "0", "1", "true", "false", "yes", "no"):
                        raise DataError(f"expected a boolean, got {row.get(s)!r}", file=str(path), line=lineno, field=s)
                    rec[s] = v in ("1", "true", "yes")
                if row.get("timestamp"):  # epoch seconds or ISO-8601, as feedback events (parse_timestamp)
                    rec["timestamp"] = row["timestamp"]
                out.append(_validated(rec, path, lineno))
        return out
    from codreamer_env._io import iter_jsonl

    for lineno, rec in iter_jsonl(path):
        out.append(_validated({"kind": "outcome", **rec}, path, lineno))
    return out


def _validated(rec: dict[str, Any], path: Path, lineno: int) -> OnlineOutcome:
    from pydantic import ValidationError

    try:
        ev = parse_event(rec)
    except ValidationError as exc:  # the event union's tag first in the path: left out
        raise DataError.from_validation(exc, file=str(path), line=lineno, skip=1) from None
    except (ValueError, TypeError) as exc:  # a legacy (prototype) record that does not convert
        raise DataError(str(exc), file=str(path), line=lineno, field="(record)") from None
    if not isinstance(ev, OnlineOutcome):
        raise DataError("not an outcome record", file=str(path), line=lineno, field="kind")
    return ev
