"""The reward blend r = alpha*judge + beta*human + gamma*online, with missing terms left out.

- judge: the judge's total (rubric, RULER or a pointwise LLM judge), in [0, 1];
- human: the confidence-weighted win rate from preferences, and reviews scored accept = 1, reject = 0,
  edit = similarity of the draft to the edited text; skip counts as missing, not 0. With both kinds,
  their mean;
- online: the furthest outcome stage reached: opened 0.2 < replied 0.4 < call 0.6 < opportunity 0.8 <
  closed_won 1.0 (an outcome event with none of them: 0.0).
A term with no data is left out and the remaining weights renormalised; the components say so.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from codreamer_env.rewards.feedback import FeedbackStore, HumanPreference, HumanReview, OnlineOutcome

if TYPE_CHECKING:
    from codreamer_env.scenarios import Scenario
    from codreamer_env.trajectory import Trajectory

ONLINE_LEVELS = (("closed_won", 1.0), ("opportunity", 0.8), ("call_booked", 0.6), ("replied", 0.4), ("opened", 0.2))


def text_similarity(a: str, b: str) -> float:
    """Word-level similarity of two texts in [0, 1] (difflib ratio)."""
    wa, wb = a.split(), b.split()
    if not wa and not wb:
        return 1.0
    return difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).ratio()


def human_score(trajectory_id: str, events: Iterable[Any], draft_text: str | None = None) -> float | None:
    """The human term for one trajectory, or None when there is no human data about it."""
    won = lost = 0.0
    reviews: list[float] = []
    for ev in events:
        if isinstance(ev, HumanPreference):
            if ev.winner == trajectory_id:
                won += ev.confidence
            elif ev.loser == trajectory_id:
                lost += ev.confidence
        elif isinstance(ev, HumanReview) and ev.trajectory_id == trajectory_id:
            if ev.decision == "accept":
                reviews.append(1.0)
            elif ev.decision == "reject":
                reviews.append(0.0)
            elif ev.decision == "edit":
                draft = ev.draft_text if ev.draft_text is not None else draft_text
                if draft is not None:
                    reviews.append(text_similarity(draft, ev.edited_text or ""))
    parts = []
    if won + lost > 0:
        parts.append(won / (won + lost))
    if reviews:
        parts.append(sum(reviews) / len(reviews))
    return sum(parts) / len(parts) if parts else None


def online_score(trajectory_id: str, events: Iterable[Any]) -> float | None:
    """The online term: the furthest stage any outcome event reached, or None with no outcome data."""
    best = None
    for ev in events:
        if isinstance(ev, OnlineOutcome) and ev.trajectory_id == trajectory_id:
            level = next((v for stage, v in ONLINE_LEVELS if getattr(ev, stage)), 0.0)
            best = level if best is None else max(best, level)
    return best


@dataclass
class RewardMix:
    """Weights of the blend. Terms with no data are dropped and the rest renormalised."""

    alpha: float = 1.0
    beta: float = 0.0
    gamma: float = 0.0

    def __post_init__(self) -> None:
        if min(self.alpha, self.beta, self.gamma) < 0 or self.alpha + self.beta + self.gamma <= 0:
            raise ValueError(f"RewardMix weights must be >= 0 and not all 0, got {self}")

    def combine(self, judge: float | None, human: float | None = None, online: float | None = None) -> tuple[float, dict[str, float]]:
        """(total, components). Components hold each term (NaN-free: missing terms are absent), the weights
        actually used, and `renormalized` = 1.0 when some weighted term was missing."""
        terms = {"judge": (self.alpha, judge), "human": (self.beta, human), "online": (self.gamma, online)}
        used = {k: (w, v) for k, (w, v) in terms.items() if w > 0 and v is not None}
        comps = {k: float(v) for k, (_w, v) in terms.items() if v is not None}
        wsum = sum(w for w, _ in used.values())
        total = sum(w * v for w, v in used.values()) / wsum if used else 0.0
        for k in terms:
            comps[f"w_{k}"] = used[k][0] / wsum if k in used else 0.0
        # A weighted term without data renormalises the rest (with none left, the total is 0.0).
        renormalized = not used or any(w > 0 and v is None for w, v in terms.values())
        comps["renormalized"] = 1.0 if renormalized else 0.0
        return total, comps


class BlendedReward:
    """The env's reward model: a judge's group scores blended with human and online feedback from a store."""

    def __init__(self, judge: Any, mix: RewardMix | None = None, store: FeedbackStore | None = None) -> None:
        self.judge = judge
        self.mix = mix or RewardMix()
        self.store = store

    def score_group(self, scenario: Scenario, trajectories: Sequence[Trajectory]) -> list[tuple[float, dict[str, Any]]]:
        """Judge the group together, then blend each trajectory's judge score with its feedback."""
        judged = self.judge.score_group(scenario, trajectories)
        by_traj = self.store.by_trajectory() if (self.store is not None and (self.mix.beta or self.mix.gamma)) else {}
        out = []
        for traj, (jtotal, jcomps) in zip(trajectories, judged, strict=True):
            evs = by_traj.get(traj.id, [])
            draft = traj.final_email.body if traj.final_email else None
            total, comps = self.mix.combine(jtotal, human_score(traj.id, evs, draft), online_score(traj.id, evs))
            source = jcomps.get("judge_source", getattr(self.judge, "name", "judge"))
            out.append((total, {**jcomps, "judge_source": source, **comps}))
        return out
