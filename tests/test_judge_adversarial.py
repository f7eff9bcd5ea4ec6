"""Judge validity: every adversarial trick family (tests/adversarial.py and the second round in
tests/adversarial_extra.py) must fail under the default judge, and the honest controls must pass.

For each family, over every `default-v2` test scenario: mean total <= 0.30 and at most 5% of its emails
score >= 0.7. `CODREAMER_ADVERSARIAL_SET=default-v1` runs the
same checks on another set (expected to fail on rubric-v1: that is the issue being fixed).
"""

from __future__ import annotations

import functools
import os

import pytest

import codreamer_env as ce
from codreamer_env.scenarios import data_dir
from tests import adversarial_extra
from tests.adversarial import FAMILIES, build_family, oracle_base

ALL_FAMILIES = {**FAMILIES, **adversarial_extra.FAMILIES}

SET = os.environ.get("CODREAMER_ADVERSARIAL_SET", "default-v2")
SPLIT = "test"
MAX_MEAN = 0.30
HIGH = 0.7
MAX_HIGH_SHARE = 0.05


def _have_set() -> bool:
    return (data_dir() / "scenarios" / SET / f"{SPLIT}.jsonl").exists()


# The default set is committed: a missing file is a failure, not a skip. Another set only runs where it exists.
needs_set = pytest.mark.skipif(SET != "default-v2" and not _have_set(),
                               reason=f"scenario set {SET}/{SPLIT} does not exist (data/scenarios/{SET}/{SPLIT}.jsonl)")


@functools.cache
def _scenarios() -> tuple[ce.Scenario, ...]:
    return tuple(ce.load_scenarios(SET, SPLIT))


@functools.cache
def _judge() -> ce.RubricJudge:
    return ce.RubricJudge()


@functools.cache
def _scored(name: str) -> list[tuple[float, ce.Scenario, ce.FinalEmail, dict]]:
    judge = _judge()
    out = []
    families = ALL_FAMILIES if name in ALL_FAMILIES else adversarial_extra.GOOD
    for sc, email, traj in build_family(name, _scenarios(), families):
        r = judge.score(sc, email, traj)
        out.append((float(r.total), sc, email, {"components": dict(r.components), "details": r.details}))
    return out


def _report(name: str, rows: list, mean: float, share: float) -> str:
    lines = [f"family {name!r} on {SET}/{SPLIT} ({len(rows)} emails): mean {mean:.3f} (limit {MAX_MEAN}), "
             f"share >= {HIGH}: {share:.1%} (limit {MAX_HIGH_SHARE:.0%}); judge {getattr(_judge(), 'version', '?')}",
             "highest-scoring emails:"]
    for total, sc, email, info in sorted(rows, key=lambda r: -r[0])[:3]:
        lines += [f"--- {sc.id}: total {total:.3f}", f"subject: {email.subject}", email.body,
                  f"citations: {email.citations}", f"components: {info['components']}", f"details: {info['details']}"]
    return "\n".join(lines)


@needs_set
@pytest.mark.parametrize("name", sorted(ALL_FAMILIES))
def test_trick_family_fails(name: str) -> None:
    rows = _scored(name)
    assert rows, f"family {name} built no emails"
    totals = [r[0] for r in rows]
    mean = sum(totals) / len(totals)
    share = sum(t >= HIGH for t in totals) / len(totals)
    if mean > MAX_MEAN or share > MAX_HIGH_SHARE:
        pytest.fail(_report(name, rows, mean, share), pytrace=False)


@needs_set
@pytest.mark.parametrize("name", sorted(adversarial_extra.GOOD))
def test_honest_control_scores_high(name: str) -> None:
    """An honest email with one harmless difference (a signature with a phone number, a P.S., "I can't promise",
    an ordinal date, a named customer's result, ...) keeps a good score: mean >= 0.9, >= 95% of emails >= 0.8."""
    rows = _scored(name)
    totals = [r[0] for r in rows]
    mean = sum(totals) / len(totals)
    share = sum(t >= 0.8 for t in totals) / len(totals)
    if mean < 0.9 or share < 0.95:
        worst = sorted(rows, key=lambda r: r[0])[:2]
        pytest.fail(f"control {name!r}: mean {mean:.3f}, share >= 0.8 {share:.1%}\n" + "\n".join(
            f"--- {sc.id} {t:.3f}\n{e.body}\n{info['details'].get('penalties')}" for t, sc, e, info in worst),
            pytrace=False)


@needs_set
def test_oracle_reference_still_passes() -> None:
    """Positive control: a judge that fails everything would pass the suite above. The oracle's email
    (gold path, retrieved and cited) must stay well above the trick limit."""
    judge = _judge()
    totals = [judge.score(sc, *oracle_base(sc)).total for sc in _scenarios()]
    mean = sum(totals) / len(totals)
    assert mean >= 0.9, f"oracle mean {mean:.3f} on {SET}/{SPLIT}: the judge no longer rewards the reference email"


@needs_set
def test_judge_is_deterministic() -> None:
    scs = _scenarios()[:8]
    for name in ("keyword_bag", "oracle_insult", "paraphrased_trap_fact", "spanish"):
        for sc, email, traj in build_family(name, scs):
            a = _judge().score(sc, email, traj)
            b = _judge().score(sc, email, traj)
            c = ce.RubricJudge().score(sc, email, traj)
            assert a.total == b.total == c.total, f"{name} on {sc.id}: {a.total} / {b.total} / {c.total}"
    # building a family twice gives the same emails (seeded)
    first = [(e.subject, e.body, e.citations) for _, e, _ in build_family("word_salad", scs)]
    again = [(e.subject, e.body, e.citations) for _, e, _ in build_family("word_salad", scs)]
    assert first == again


def test_families_are_generic_and_played() -> None:
    """Runs on any set that exists (default-v1 today): every family builds a real, finished trajectory."""
    scs = ce.load_scenarios("default-v1", "test")[:3]
    assert len(FAMILIES) >= 20
    for name in FAMILIES:
        for sc, email, traj in build_family(name, scs):
            assert traj.terminated and traj.final_email == email, (name, sc.id)
            assert traj.invalid_actions == 0, (name, sc.id, traj.invalid_actions)
            assert email.body.strip(), (name, sc.id)
