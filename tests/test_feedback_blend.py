import json
import multiprocessing as mp

import pytest

import codreamer_env as ce
from codreamer_env.rewards.blend import BlendedReward, RewardMix, human_score, online_score, text_similarity
from codreamer_env.rewards.feedback import (
    FeedbackStore,
    HumanPreference,
    HumanReview,
    JudgeFeedback,
    OnlineOutcome,
    parse_event,
)
from codreamer_env.rewards.outcomes import OutcomeSimulator, import_outcomes, visible


def _writer(path, worker, n):
    store = FeedbackStore(path)
    for i in range(n):
        store.append(JudgeFeedback(scenario_id="s", trajectory_id=f"w{worker}-{i}", score=0.5,
                                   explanation="x" * (i % 300)))


def test_four_processes_append_5000_events_each_without_loss(tmp_path):
    path = tmp_path / "fb.jsonl"
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(path), w, 5000)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
        assert p.exitcode == 0
    lines = path.read_bytes().splitlines()
    assert len(lines) == 20000
    ids = {json.loads(ln)["trajectory_id"] for ln in lines}  # every line parses: nothing interleaved
    assert len(ids) == 20000
    assert len(FeedbackStore(path).events()) == 20000


def test_corrupt_and_partial_lines_are_reported_and_valid_events_kept(tmp_path):
    path = tmp_path / "fb.jsonl"
    store = FeedbackStore(path)
    store.append(HumanReview(scenario_id="s", trajectory_id="t1", decision="accept"))
    with open(path, "ab") as fh:
        fh.write(b"this is not json\n")
    store.append(OnlineOutcome(scenario_id="s", trajectory_id="t1", opened=True))
    with open(path, "ab") as fh:
        fh.write(b'{"kind": "review", "scenario_id": "s", "trajectory_id": "t2", "decision": "acc')  # torn write
    evs = store.events()
    assert [e.kind for e in evs] == ["review", "outcome"]
    assert [(b.line, b.reason.split(" (")[0]) for b in store.bad_lines] == [(2, "malformed JSON"), (4, "partial line")]
    assert all(b.file == str(path) for b in store.bad_lines)
    # Appending after a torn line keeps the torn line separate and the new event whole.
    store.append(HumanReview(scenario_id="s", trajectory_id="t3", decision="reject"))
    assert [e.kind for e in store.events()] == ["review", "outcome", "review"]
    assert len(store.bad_lines) == 2


def test_invalid_event_reports_field(tmp_path):
    path = tmp_path / "fb.jsonl"
    path.write_text('{"kind": "judge", "scenario_id": "s", "trajectory_id": "t", "score": 7}\n'
                    '{"kind": "review", "scenario_id": "s", "trajectory_id": "t", "decision": "edit"}\n')
    store = FeedbackStore(path)
    assert store.events() == []
    assert "field score" in store.bad_lines[0].reason and "edited_text" in store.bad_lines[1].reason


def test_store_reads_several_files_and_legacy_format(tmp_path):
    legacy = tmp_path / "prototype.jsonl"
    legacy.write_text("\n".join(json.dumps(x) for x in [
        {"kind": "ruler", "trajectory_id": "a", "scenario_id": "s", "score": 0.7, "rank": 1, "group_size": 4},
        {"kind": "human", "trajectory_id": "a", "scenario_id": "s", "label": "approve"},
        {"kind": "human", "scenario_id": "s", "winner": "a", "loser": "b", "confidence": 0.5},
        {"kind": "online", "trajectory_id": "a", "scenario_id": "s", "event": "meeting"},
    ]) + "\n")
    new = tmp_path / "new.jsonl"
    FeedbackStore(new).append(HumanReview(scenario_id="s", trajectory_id="b", decision="reject"))
    evs = FeedbackStore([legacy, new]).events()
    assert [type(e).__name__ for e in evs] == ["JudgeFeedback", "HumanReview", "HumanPreference", "OnlineOutcome", "HumanReview"]
    assert evs[0].source == "llm" and evs[1].decision == "accept"
    assert evs[3].opened and evs[3].replied and evs[3].call_booked and not evs[3].opportunity
    assert online_score("a", evs) == 0.6


def test_blend_hand_computed_values():
    mix = RewardMix(alpha=0.5, beta=0.3, gamma=0.2)
    total, c = mix.combine(0.8, 0.5, 0.4)
    assert total == pytest.approx(0.5 * 0.8 + 0.3 * 0.5 + 0.2 * 0.4)  # 0.63
    assert c["renormalized"] == 0.0 and c["w_judge"] == 0.5
    # No human data: judge and online renormalised over 0.5 + 0.2.
    total, c = mix.combine(0.8, None, 0.4)
    assert total == pytest.approx((0.5 * 0.8 + 0.2 * 0.4) / 0.7)  # 0.685714...
    assert c["renormalized"] == 1.0 and c["w_human"] == 0.0 and c["w_judge"] == pytest.approx(0.5 / 0.7)
    assert "human" not in c
    # Only the judge.
    assert mix.combine(0.3)[0] == pytest.approx(0.3)
    with pytest.raises(ValueError):
        RewardMix(0, 0, 0)


def test_human_and_online_terms_hand_computed():
    evs = [
        HumanPreference(scenario_id="s", winner="t", loser="u", confidence=0.9),
        HumanPreference(scenario_id="s", winner="u", loser="t", confidence=0.3),
        HumanReview(scenario_id="s", trajectory_id="t", decision="accept"),
        HumanReview(scenario_id="s", trajectory_id="t", decision="skip"),
        HumanReview(scenario_id="s", trajectory_id="t", decision="edit", draft_text="a b c d", edited_text="a b c e"),
    ]
    # win rate 0.9 / 1.2 = 0.75; reviews (1.0 + 0.75) / 2 = 0.875 (skip is missing); mean 0.8125.
    assert text_similarity("a b c d", "a b c e") == pytest.approx(0.75)
    assert human_score("t", evs) == pytest.approx((0.75 + 0.875) / 2)
    assert human_score("u", evs) == pytest.approx(0.3 / 1.2)
    assert human_score("v", evs) is None
    assert human_score("t", [HumanReview(scenario_id="s", trajectory_id="t", decision="skip")]) is None
    outs = [OnlineOutcome(scenario_id="s", trajectory_id="t", opened=True),
            OnlineOutcome(scenario_id="s", trajectory_id="t", opened=True, replied=True, call_booked=True, opportunity=True)]
    assert online_score("t", outs) == 0.8
    assert online_score("t", [OnlineOutcome(scenario_id="s", trajectory_id="t")]) == 0.0
    assert online_score("x", outs) is None


def test_blended_reward_in_the_env(tmp_path):
    from agents.scripted import GreedyKGAgent

    store = FeedbackStore(tmp_path / "fb.jsonl")
    sid = "default-v2/test/0004"
    reward = BlendedReward(ce.RubricJudge(), RewardMix(0.6, 0.4, 0.0), store)
    env = ce.SalesEmailEnv(reward_model=reward)

    def episode():
        obs, info = env.reset(options={"scenario_id": sid})
        done, agent = False, GreedyKGAgent()
        while not done:
            obs, r, term, trunc, info = env.step(agent.act(obs, info))
            done = term or trunc
        return r, info

    r1, info = episode()
    c = info["reward_components"]
    assert c["renormalized"] == 1.0 and c["w_judge"] == 1.0 and r1 == pytest.approx(c["judge"])
    store.append(HumanReview(scenario_id=sid, trajectory_id=info["trajectory"].id, decision="reject"))
    r2, info2 = episode()  # same seedless scripted episode -> same trajectory id -> the review applies
    assert info2["trajectory"].id == info["trajectory"].id
    assert r2 == pytest.approx(0.6 * c["judge"]) and info2["reward_components"]["human"] == 0.0
    assert info2["reward_components"]["judge_source"] == "rubric"


def test_outcome_simulator_is_seeded_monotone_and_delayed():
    sc = ce.get_scenario("default-v2/test/0004")
    traj = ce.Trajectory(scenario_id=sc.id, messages=[], final_email=ce.FinalEmail("s", "b", []))
    good = {k: 1.0 for k in ("grounding", "factuality", "personalization", "alignment", "cta", "clarity", "compliance")}
    bad = {k: 0.0 for k in good} | {"compliance": 1.0}
    sim = OutcomeSimulator(seed=1)
    assert [e.model_dump() for e in sim.simulate(sc, traj, good)] == [e.model_dump() for e in sim.simulate(sc, traj, good)]
    assert sim.expected_score(sc, good) > 2 * sim.expected_score(sc, bad)
    rates = []
    for comps in (bad, good):
        reached = 0
        for k in range(400):
            t = ce.Trajectory(scenario_id=sc.id, messages=[{"role": "user", "content": str(k)}],
                              final_email=ce.FinalEmail("s", "b", []))
            evs = sim.simulate(sc, t, comps)
            assert all(e.simulated for e in evs)
            assert [e.timestamp for e in evs] == sorted(e.timestamp for e in evs)
            reached += any(e.replied for e in evs)
        rates.append(reached / 400)
    assert rates[1] > rates[0] + 0.1
    evs = next(sim.simulate(sc, t, good) for k in range(50)
               if len(sim.simulate(sc, t := ce.Trajectory(scenario_id=sc.id, messages=[{"role": "user", "content": f"x{k}"}],
                                                              final_email=ce.FinalEmail("s", "b", [])), good)) >= 2)
    assert len(visible(evs, evs[0].timestamp)) == 1
    assert sim.simulate(sc, ce.Trajectory(scenario_id=sc.id, messages=[]), good) == []


def test_import_real_outcomes(tmp_path):
    p = tmp_path / "o.csv"
    p.write_text("trajectory_id,scenario_id,opened,replied,call_booked,opportunity,closed_won\nt1,s,1,1,0,0,0\n")
    evs = import_outcomes(p)
    assert evs[0].replied and not evs[0].simulated and online_score("t1", evs) == 0.4
    p.write_text("trajectory_id,scenario_id,opened,replied,call_booked,opportunity,closed_won\nt1,s,1,maybe,0,0,0\n")
    with pytest.raises(ce.DataError) as ei:
        import_outcomes(p)
    assert ei.value.line == 2 and ei.value.field == "replied"
    q = tmp_path / "o.jsonl"
    q.write_text(json.dumps({"trajectory_id": "t2", "scenario_id": "s", "closed_won": True, "opened": True}) + "\n")
    assert online_score("t2", import_outcomes(q)) == 1.0
    assert parse_event({"kind": "outcome", "trajectory_id": "t", "scenario_id": "s"}).kind == "outcome"
