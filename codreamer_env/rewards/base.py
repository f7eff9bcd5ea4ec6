"""What every judge returns, and the protocol the env's reward model follows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from codreamer_env.scenarios import Scenario
    from codreamer_env.trajectory import FinalEmail, Trajectory


@dataclass
class JudgeResult:
    """A score in [0, 1], its named components, and free-form details (explanations, evidence)."""

    total: float
    components: dict[str, float] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    source: str = "rubric"


@runtime_checkable
class RewardModel(Protocol):
    """Scores a group of finished trajectories of one scenario together: -> [(total, components)]."""

    def score_group(self, scenario: Scenario, trajectories: Sequence[Trajectory]) -> list[tuple[float, dict[str, float]]]:
        ...


@runtime_checkable
class Judge(Protocol):
    """Scores one email for its scenario."""

    def score(self, scenario: Scenario, email: FinalEmail | None, trajectory: Trajectory | None = None) -> JudgeResult:
        ...


def component_weights(defaults: dict[str, float], weights: dict[str, float] | None) -> dict[str, float]:
    """A rubric's component weights: the defaults updated by `weights`; unknown names and all-zero are errors."""
    w = dict(defaults)
    if weights:
        unknown = set(weights) - set(defaults)
        if unknown:
            raise ValueError(f"unknown rubric components {sorted(unknown)}; known: {list(defaults)}")
        w.update(weights)
    if any(v < 0 for v in w.values()) or sum(w.values()) <= 0:
        raise ValueError(f"rubric weights must be >= 0 and not all 0, got {w}")
    return w


def pointwise_group(judge: Judge, scenario: Scenario, trajectories: Sequence[Trajectory]) -> list[tuple[float, dict[str, float]]]:
    """[(total, components)] of a group scored one trajectory at a time (for judges that need no group context)."""
    out = []
    for tr in trajectories:
        r = judge.score(scenario, tr.final_email, tr)
        out.append((r.total, dict(r.components)))
    return out
