"""When to optimize, and when to roll back: batch triggers over the feedback store, and post-deploy monitoring.

Triggers (as in Loop Learner's batch optimization): an optimization runs only when, counting the human
reviews (accept / reject / edit; skips ignored) that arrived within `window_hours` and after the last
optimization,
  - there are at least `min_feedback` of them,
  - at least `min_negative_ratio` of them are negative (reject or edit),
  - at least `min_hours_between` hours have passed since the last optimization,
  - fewer than `max_per_day` optimizations ran in the last 24 hours.

Monitoring: after a deploy, reviews of emails written under the new version (`meta["prompt_version"]`)
are compared with those under the previous version before the deploy; if acceptance fell significantly
(one-sided Fisher exact test at `significance`, with at least `min_reviews` live reviews), the deploy is rolled
back.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from codreamer_env.rewards.feedback import HumanReview

HOUR = 3600.0


@dataclass
class TriggerConfig:
    enabled: bool = False  # read by the caller: false: optimize now; true: only when the triggers fire
    min_feedback: int = 20
    min_negative_ratio: float = 0.3
    window_hours: float = 168.0
    min_hours_between: float = 24.0
    max_per_day: int = 2


@dataclass
class TriggerDecision:
    fire: bool
    reasons: list[str]
    feedback: int
    negative: int
    negative_ratio: float
    since: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _reviews(events: Iterable[Any]) -> list[HumanReview]:
    return [e for e in events if isinstance(e, HumanReview) and e.decision != "skip"]


def check_triggers(events: Iterable[Any], optimization_times: Sequence[float], cfg: TriggerConfig,
                   now: float | None = None) -> TriggerDecision:
    """Whether an optimization should run now; `reasons` says why (or why not) for every condition."""
    now = time.time() if now is None else now
    last = max(optimization_times, default=-math.inf)
    since = max(now - cfg.window_hours * HOUR, last)
    batch = [e for e in _reviews(events) if since < e.timestamp <= now]
    neg = sum(e.decision in ("reject", "edit") for e in batch)
    ratio = neg / len(batch) if batch else 0.0
    reasons, fire = [], True
    if len(batch) < cfg.min_feedback:
        fire = False
        reasons.append(f"{len(batch)} reviews since the last optimization < min_feedback {cfg.min_feedback}")
    else:
        reasons.append(f"{len(batch)} reviews >= min_feedback {cfg.min_feedback}")
    if ratio < cfg.min_negative_ratio:
        fire = False
        reasons.append(f"negative ratio {ratio:.2f} < min_negative_ratio {cfg.min_negative_ratio}")
    else:
        reasons.append(f"negative ratio {ratio:.2f} >= {cfg.min_negative_ratio}")
    hours = (now - last) / HOUR if last > -math.inf else math.inf
    if hours < cfg.min_hours_between:
        fire = False
        reasons.append(f"last optimization {hours:.1f} h ago < min_hours_between {cfg.min_hours_between}")
    today = sum(1 for t in optimization_times if now - 24 * HOUR < t <= now)
    if today >= cfg.max_per_day:
        fire = False
        reasons.append(f"{today} optimizations in the last 24 h >= max_per_day {cfg.max_per_day}")
    return TriggerDecision(fire=fire, reasons=reasons, feedback=len(batch), negative=neg, negative_ratio=ratio,
                           since=since)


# ----------------------------------------------------------------------------- monitoring

def fisher_less(a: int, n1: int, c: int, n2: int) -> float:
    """One-sided Fisher exact p-value that group 1's success rate (a of n1) is lower than group 2's (c of n2)."""
    k, n = a + c, n1 + n2
    denom = math.comb(n, k)
    lo = max(0, k - n2)
    return min(1.0, sum(math.comb(n1, x) * math.comb(n2, k - x) for x in range(lo, a + 1)) / denom)


@dataclass
class MonitorConfig:
    enabled: bool = True  # read by the caller
    significance: float = 0.05
    min_reviews: int = 20


@dataclass
class MonitorDecision:
    rollback: bool
    reason: str
    live: dict[str, float] = field(default_factory=dict)
    baseline: dict[str, float] = field(default_factory=dict)
    p_value: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def monitor_deployment(registry: Any, events: Iterable[Any], cfg: MonitorConfig | None = None,
                       now: float | None = None) -> MonitorDecision:
    """Compare live acceptance of the active version with the previous version's before the deploy."""
    cfg = cfg or MonitorConfig()
    now = time.time() if now is None else now
    deploys = registry.history(("deploy",))
    last = deploys[-1] if deploys else None
    if last is None or last.previous is None or last.version != registry.active.id:
        return MonitorDecision(False, "no deploy to monitor (the active version was not deployed over another)")
    reviews = _reviews(events)
    live = [e for e in reviews if e.meta.get("prompt_version") == last.version and last.time <= e.timestamp <= now]
    base = [e for e in reviews if e.meta.get("prompt_version") == last.previous and e.timestamp < last.time]
    la, ba = sum(e.decision == "accept" for e in live), sum(e.decision == "accept" for e in base)
    live_s = {"reviews": len(live), "accepted": la, "rate": la / len(live) if live else 0.0}
    base_s = {"reviews": len(base), "accepted": ba, "rate": ba / len(base) if base else 0.0}
    if len(live) < cfg.min_reviews or not base:
        return MonitorDecision(False, f"waiting: {len(live)} live reviews (min {cfg.min_reviews}), "
                                      f"{len(base)} baseline reviews", live_s, base_s)
    p = fisher_less(la, len(live), ba, len(base))
    if p < cfg.significance:
        return MonitorDecision(True, f"acceptance fell from {base_s['rate']:.2f} to {live_s['rate']:.2f} "
                                     f"(one-sided Fisher p={p:.4f} < {cfg.significance})", live_s, base_s, p)
    return MonitorDecision(False, f"no significant regression ({live_s['rate']:.2f} vs {base_s['rate']:.2f}, "
                                  f"p={p:.4f})", live_s, base_s, p)
