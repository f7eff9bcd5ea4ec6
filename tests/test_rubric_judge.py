"""Judge validity on default-v1: hand-written pairs, gaming resistance, determinism, for rubric-v1 (kept so
v1 results reproduce) and rubric-v2 (the default; its own suite on default-v2 is tests/test_rubric_v2.py)."""

import pytest

import codreamer_env as ce
from codreamer_env import FinalEmail, RubricJudge, RubricJudgeV1
from codreamer_env.rewards import rubric, rubric_v1
from tests.data.judge_pairs import PAIRS


def _email(sc, spec):
    kg = sc.graph()
    cites = list(kg.ids) if spec["citations"] == "ALL" else spec["citations"]
    body = "\n".join(kg.content(i) for i in range(kg.num_nodes)) if spec["body"] == "ALL_CONTENT" else spec["body"]
    return FinalEmail(spec["subject"], body, cites)


def _cases():
    for sid, spec in PAIRS.items():
        for mode, worse in spec["worse"]:
            yield pytest.param(sid, spec["good"], worse, id=f"{sid.split('/')[-1]}-{mode.replace(' ', '_')}")


def test_pair_set_is_big_and_covers_every_failure_mode():
    modes = {m for spec in PAIRS.values() for m, _ in spec["worse"]}
    assert len(PAIRS) >= 10
    assert sum(len(s["worse"]) for s in PAIRS.values()) >= 40
    for needed in ["hallucinated number", "cited competitor trap", "wrong prospect", "no CTA", "placeholder text",
                   "citation dump", "keyword stuffing", "too long", "forbidden claim"]:
        assert any(needed in m for m in modes), needed


@pytest.fixture(scope="module", params=[RubricJudgeV1, RubricJudge], ids=["rubric-v1", "rubric-v2"])
def judge(request):
    return request.param()


def _components(judge):
    return rubric.COMPONENTS if isinstance(judge, RubricJudge) else rubric_v1.COMPONENTS


@pytest.mark.parametrize(("sid", "good", "worse"), list(_cases()))
def test_judge_prefers_the_better_email(judge, sid, good, worse):
    sc = ce.get_scenario(sid)
    g = judge.score(sc, _email(sc, good))
    w = judge.score(sc, _email(sc, worse))
    assert g.total > w.total, (g.components, w.components, w.details)


def test_good_emails_score_high_and_components_in_range(judge):
    for sid, spec in PAIRS.items():
        sc = ce.get_scenario(sid)
        r = judge.score(sc, _email(sc, spec["good"]))
        assert r.total >= 0.7, (sid, r.components, r.details)
        assert set(_components(judge)) <= set(r.components)
        assert all(0.0 <= v <= 1.0 for v in r.components.values())


def test_degenerate_emails_score_near_zero(judge):
    sc = ce.get_scenario("default-v1/test/0012")
    for email in [FinalEmail("", "", []), FinalEmail("Hi", "Thanks!", []),
                  FinalEmail("[Subject]", "Hi [First Name], I saw [Company] is growing. [Value prop]. [CTA]", []),
                  FinalEmail("Weekend", "Hope you have a lovely weekend with family and friends, and that the weather "
                             "stays kind for the walk you were planning along the river on Sunday.", [])]:
        assert judge.score(sc, email).total <= 0.1, email


def test_paste_everything_scores_clearly_below_concise(judge):
    for sid in PAIRS:
        sc = ce.get_scenario(sid)
        good = judge.score(sc, _email(sc, PAIRS[sid]["good"])).total
        kg = sc.graph()
        dump = FinalEmail("Everything", "\n".join(kg.content(i) for i in range(kg.num_nodes)), list(kg.ids))
        assert judge.score(sc, dump).total < good - 0.4


def test_email_for_the_wrong_prospect_scores_low(judge):
    a, b = ce.get_scenario("default-v1/test/0004"), ce.get_scenario("default-v1/test/0006")
    good_for_b = _email(b, PAIRS[b.id]["good"])
    assert judge.score(a, good_for_b).total < 0.25
    assert judge.score(b, good_for_b).total > 0.7


def test_retrieval_matters_when_the_trajectory_is_given(judge):
    sc = ce.get_scenario("default-v1/test/0012")
    email = _email(sc, PAIRS[sc.id]["good"])
    seen = ce.Trajectory(scenario_id=sc.id, messages=[], final_email=email, retrieved_nodes=email.citations)
    unseen = ce.Trajectory(scenario_id=sc.id, messages=[], final_email=email, retrieved_nodes=["Customer Job"])
    assert judge.score(sc, email, seen).components["grounding"] > 0.9
    assert judge.score(sc, email, unseen).components["grounding"] < 0.3


def test_deterministic_and_weight_config(judge):
    sc = ce.get_scenario("default-v1/test/0030")
    e = _email(sc, PAIRS[sc.id]["good"])
    assert judge.score(sc, e) == type(judge)().score(sc, e)
    only_cta = type(judge)(weights=dict.fromkeys(_components(judge), 0.0) | {"cta": 1.0})
    r = only_cta.score(sc, e)
    assert r.total == pytest.approx(r.components["cta"] * r.components["gate"], abs=1e-6)
    with pytest.raises(ValueError, match="unknown rubric components"):
        type(judge)(weights={"vibes": 1.0})


def test_no_email_is_a_defined_zero(judge):
    r = judge.score(ce.get_scenario("default-v1/test/0000"), None)
    assert r.total == 0.0 and r.details["reason"] == "no email"
