"""Prompt registry, proposers, paired evaluation, the statistical gate, triggers, budget and monitoring.

Deterministic proposers, the InstructionFollowingAgent (a seeded, prompt-sensitive scripted policy) and the
rubric judge: every test is exact and fast, and the gate is exercised on real env episodes. The optimizer's
mechanics are tested on default-v1 with rubric-v1, the judge its scripted policy's behaviours were built for
(on rubric-v2 the greedy-based emails it writes score low whatever the prompt asks)."""

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import orjson
import pytest

import codreamer_env as ce
from agents.prompt_optimizer import OptimizerSettings, PromptOptimizer
from agents.prompt_proposers import (
    Candidate,
    HistoryProposer,
    MetaPromptProposer,
    ProposalContext,
    ReflectiveProposer,
    RuleProposer,
    diagnose,
    join_prompt,
    split_prompt,
)
from agents.prompt_registry import PromptRegistry, ProtectedSectionsMissing, prompt_id
from agents.prompt_rewrite import ArmScores, Budget, GateConfig, gate, holm, paired_evaluation, paired_test
from agents.prompt_triggers import (
    HOUR,
    MonitorConfig,
    TriggerConfig,
    check_triggers,
    fisher_less,
    monitor_deployment,
)
from agents.scripted import InstructionFollowingAgent
from codreamer_env.prompts import (
    COMPLIANCE_RULES,
    DEFAULT_INSTRUCTIONS,
    TOOL_EXAMPLE,
    TOOL_LIST,
    default_system_prompt,
    weak_system_prompt,
)
from codreamer_env.rewards.feedback import HumanReview
from codreamer_env.scenarios import load_scenarios

ROOT = Path(__file__).resolve().parent.parent
WEAK_PROTECTED = ["tool_list", "compliance"]
BETTER = ("Write a short, personalised email: greet the prospect by first name and open with their pain. "
          "Back it with a concrete fact, such as a case study. End with one clear ask that matches the goal.\n"
          + TOOL_EXAMPLE)
NEUTRAL = "Write in a warm, professional tone."


class Fixed:
    """A deterministic proposer: the given instruction texts, protected sections re-attached."""

    name = "fixed"

    def __init__(self, *instructions, full_texts=()):
        self.instructions, self.full_texts = instructions, full_texts

    def propose(self, ctx, n=None):
        _, sections = split_prompt(ctx.incumbent, ctx.protected)
        out = [Candidate("\n\n".join([i, *sections]), self.name) for i in self.instructions]
        return out + [Candidate(t, self.name) for t in self.full_texts]


@pytest.fixture(scope="module")
def splits():
    return load_scenarios("default-v1", "train"), load_scenarios("default-v1", "val")


def optimizer(tmp_path, proposers, splits, initial=None, protected=None, budget=None, **settings):
    reg = PromptRegistry.open(tmp_path / "registry.json", initial=initial or weak_system_prompt(),
                              protected=protected or WEAK_PROTECTED)
    s = OptimizerSettings(**{"rounds": 1, "search_limit": 24, "holdout_limit": 32, "trials": 2, **settings})
    return reg, PromptOptimizer(reg, proposers, InstructionFollowingAgent(), ce.RubricJudgeV1(), splits[0], splits[1],
                                tmp_path / "run", s, budget=budget)


def test_a_truly_better_candidate_is_deployed_with_its_statistics(tmp_path, splits):
    reg, opt = optimizer(tmp_path, [Fixed(BETTER)], splits)
    start = reg.active.id
    summary = opt.run()
    better = prompt_id(BETTER + "\n\n" + TOOL_LIST + "\n\n" + COMPLIANCE_RULES)
    assert summary["deployed"] == [better] and reg.active.id == better and reg.active.parent == start
    decision = orjson.loads((tmp_path / "run" / "round0" / "decision.json").read_bytes())
    d = decision["decisions"][0]
    assert d["passed"] and d["p_value"] < 0.05 and d["ci"][0] > 0 and d["mean_diff"] > 0.1 and d["mde"] > 0
    assert d["effect_size_dz"] > 0 and decision["confirmation"]["passed"]
    assert decision["confirmation"]["n"] == 32  # held-out: val scenarios, never searched
    deploy = reg.history()[-1]
    assert deploy.kind == "deploy" and deploy.version == better and "p=" in deploy.reason
    scores = [orjson.loads(x) for x in (tmp_path / "run" / "round0" / "scores.jsonl").read_bytes().splitlines()]
    assert len(scores) == 2 * 24 * 2  # arms x scenarios x trials
    trajs = [orjson.loads(x) for x in (tmp_path / "run" / "round0" / "trajectories.jsonl").read_bytes().splitlines()]
    assert len(trajs) == len(scores) and {t["agent"] for t in trajs} == {f"prompt {start[:8]}", f"prompt {better[:8]}"}
    assert ce.Trajectory.model_validate_json(trajs[0]["trajectory"]).scenario_id == trajs[0]["scenario_id"]
    assert [r["round"] for r in map(orjson.loads, (tmp_path / "run" / "rounds.jsonl").read_bytes().splitlines())] == [0]


def test_an_equal_candidate_is_rejected(tmp_path, splits):
    reg, opt = optimizer(tmp_path, [Fixed(default_system_prompt().split("\n\n")[0] + " " + NEUTRAL)], splits,
                         initial=default_system_prompt(), protected=None)
    start = reg.active.id
    summary = opt.run()
    assert summary["deployed"] == [] and reg.active.id == start
    d = orjson.loads((tmp_path / "run" / "round0" / "decision.json").read_bytes())["decisions"][0]
    assert not d["passed"] and d["p_value"] > 0.05
    assert d["mean_diff"] != 0.0  # different wording: independent lapses, so the null is not trivially exact


def test_false_deploy_rate_under_the_null_stays_within_the_significance_level(splits):
    """200 comparisons of two prompts with the same instructions in different words."""
    agent, judge = InstructionFollowingAgent(), ce.RubricJudgeV1()
    scen = splits[0][:16]
    base = default_system_prompt()
    significance, deploys, significant = 0.05, 0, 0
    for i in range(200):
        a = base + f"\n\nVariant {i}a."
        b = base + f"\n\nVariant {i}b."
        arms = paired_evaluation({"inc": a, "cand": b}, scen, agent, judge, trials=1, seed=i)
        d = gate(arms, "inc", GateConfig(significance=significance, seed=i, resamples=2000))[0]
        deploys += d.passed
        significant += d.holm_significant
    assert deploys / 200 <= significance + 0.03
    assert significant / 200 <= significance + 0.03


def test_holm_correction_is_applied_across_a_rounds_candidates():
    assert holm([0.01, 0.04, 0.03], 0.05) == [True, False, False]  # 0.03 > 0.05/2 stops the step-down
    assert holm([0.01, 0.02, 0.04], 0.05) == [True, True, True]
    assert holm([0.04], 0.05) == [True]
    # A candidate significant on its own is not once two null candidates share the round.
    rng = np.random.default_rng(0)
    n = 20
    inc = ArmScores(rewards={f"s{k}": [0.5] for k in range(n)})
    good = ArmScores(rewards={f"s{k}": [0.5 + (0.06 if k < 14 else -0.05)] for k in range(n)})
    nulls = [ArmScores(rewards={f"s{k}": [0.5 + float(rng.choice([-0.05, 0.05]))] for k in range(n)}) for _ in range(2)]
    cfg = GateConfig(significance=0.05, min_margin=0.0, min_abs_margin=0.0, resamples=20000)
    alone = gate({"inc": inc, "good": good}, "inc", cfg)[0]
    together = {d.candidate: d for d in gate({"inc": inc, "good": good, "n1": nulls[0], "n2": nulls[1]}, "inc", cfg)}
    assert 0.05 / 3 < alone.test.p_value <= 0.05
    assert alone.passed and not together["good"].passed and "Holm" in together["good"].reason


def test_paired_test_methods_agree_and_report_everything():
    c = {f"s{k}": 0.6 + 0.01 * (k % 3) for k in range(30)}
    i = {f"s{k}": 0.5 for k in range(30)}
    for method in ("permutation", "bootstrap"):
        t = paired_test(c, i, method=method, resamples=4000)
        assert t.p_value < 0.001 and t.ci[0] > 0.09 and t.rel_diff == pytest.approx(t.mean_diff / 0.5)
    t = paired_test(i, i)
    assert t.p_value == 1.0 and t.mde == 0.0 and t.effect_size_dz is None
    with pytest.raises(ValueError, match="unknown test method"):
        paired_test(c, i, method="t")


def test_rollback_restores_the_previous_prompt_byte_for_byte(tmp_path):
    odd = default_system_prompt() + "\r\n\tTrailing  spaces  \u00e9\u2014\U0001f600\n\n"
    reg = PromptRegistry.open(tmp_path / "r.json", initial=odd)
    v2 = reg.add(default_system_prompt() + "\n\nBe brief.", parent=reg.active.id, proposer="test")
    reg.deploy(v2.id, reason="test")
    assert reg.active_text() != odd
    back = reg.rollback(reason="regression")
    assert back.text == odd and reg.active_text().encode() == odd.encode()
    assert PromptRegistry(tmp_path / "r.json").active_text().encode() == odd.encode()  # and on disk
    assert [e.kind for e in reg.history()] == ["deploy", "deploy", "rollback"]
    assert reg.lineage(v2.id)[0].text == odd and "+Be brief." in reg.diff(back.id, v2.id)
    with pytest.raises(ValueError, match="nothing to roll back"):
        reg.rollback()


def test_a_candidate_without_protected_sections_is_rejected_before_evaluation(tmp_path, splits):
    dropped = BETTER + "\n\n" + TOOL_LIST  # the compliance rules are gone
    budget = Budget()
    reg, opt = optimizer(tmp_path, [Fixed(full_texts=[dropped])], splits, budget=budget)
    summary = opt.run()
    rows = [orjson.loads(x) for x in (tmp_path / "run" / "round0" / "candidates.jsonl").read_bytes().splitlines()]
    assert rows[0]["status"] == "rejected" and "compliance" in rows[0]["reason"]
    assert summary["deployed"] == [] and budget.used["agent_calls"] == 0  # nothing was played
    assert prompt_id(dropped) not in {v.id for v in reg.versions}
    with pytest.raises(ProtectedSectionsMissing):
        reg.add(dropped)


def test_triggers_fire_exactly_per_configuration():
    now = 1_000_000.0
    cfg = TriggerConfig(min_feedback=10, min_negative_ratio=0.3, window_hours=24, min_hours_between=6, max_per_day=2)

    def reviews(n_accept, n_reject, at):
        return ([HumanReview(scenario_id="s", trajectory_id=f"a{k}", decision="accept", timestamp=at)
                 for k in range(n_accept)] +
                [HumanReview(scenario_id="s", trajectory_id=f"r{k}", decision="reject", timestamp=at)
                 for k in range(n_reject)])

    ok = reviews(7, 3, now - HOUR)
    assert check_triggers(ok, [], cfg, now).fire  # 10 reviews, ratio 0.3: both limits inclusive
    assert not check_triggers(reviews(7, 2, now - HOUR), [], cfg, now).fire  # 9 < 10
    d = check_triggers(reviews(8, 3, now - HOUR) + reviews(1, 0, now - HOUR), [], cfg, now)
    assert not d.fire and d.negative_ratio == pytest.approx(3 / 12)  # ratio 0.25 < 0.3
    skips = [HumanReview(scenario_id="s", trajectory_id=f"k{k}", decision="skip", timestamp=now) for k in range(50)]
    assert check_triggers(reviews(7, 2, now - HOUR) + skips, [], cfg, now).feedback == 9  # skips do not count
    assert not check_triggers(reviews(7, 3, now - 25 * HOUR), [], cfg, now).fire  # outside the window
    # Only feedback since the last optimization counts, and it must be min_hours_between ago.
    assert not check_triggers(ok, [now - 2 * HOUR], cfg, now).fire  # feedback predates it; and 2 h < 6 h
    late = reviews(7, 3, now - 0.5 * HOUR)
    assert check_triggers(late, [now - 6 * HOUR], cfg, now).fire
    d = check_triggers(late, [now - 5.9 * HOUR], cfg, now)
    assert not d.fire and any("min_hours_between" in r for r in d.reasons)
    d = check_triggers(late, [now - 20 * HOUR, now - 10 * HOUR], cfg, now)
    assert not d.fire and any("max_per_day" in r for r in d.reasons)
    assert check_triggers(late, [now - 30 * HOUR, now - 10 * HOUR], cfg, now).fire


def test_budget_exhaustion_stops_cleanly(tmp_path, splits):
    budget = Budget(agent_calls=100)
    reg, opt = optimizer(tmp_path, [Fixed(BETTER)], splits, budget=budget, rounds=3)
    start = reg.active.id
    summary = opt.run()
    assert summary["stopped"] and "agent_calls" in summary["stopped"] and summary["rounds"] == 0
    assert budget.used["agent_calls"] <= 100 and reg.active.id == start
    last = orjson.loads((tmp_path / "run" / "rounds.jsonl").read_bytes().splitlines()[-1])
    assert "budget exhausted" in last["stopped"]
    assert reg.optimization_times()  # the run is on record (for the triggers' rate limits)


def test_the_registry_survives_a_crash_mid_write(tmp_path):
    path = tmp_path / "r.json"
    reg = PromptRegistry.open(path)
    before = path.read_bytes()
    code = textwrap.dedent(f"""
        import os
        from agents.prompt_registry import PromptRegistry
        from codreamer_env.prompts import default_system_prompt
        reg = PromptRegistry({str(path)!r})
        v = reg.add(default_system_prompt() + "\\n\\nFirst.", parent=reg.active.id)
        os.fsync = lambda fd: os._exit(9)   # die after writing the temp file, before the rename
        reg.deploy(v.id, reason="never lands")
    """)
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 9, res.stderr
    after = PromptRegistry(path)
    assert after.active.id == reg.active.id and len(after.versions) == 2  # the add landed, the deploy did not
    assert after.path.read_bytes() != before and orjson.loads(after.path.read_bytes())
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "codreamer-prompt-registry/1", "active": 3}')
    with pytest.raises(ValueError, match="bad.json: field active"):
        PromptRegistry(bad)


def test_monitoring_rolls_back_a_significant_regression(tmp_path):
    reg = PromptRegistry.open(tmp_path / "r.json")
    v1 = reg.active.id
    v2 = reg.add(default_system_prompt() + "\n\nNew.", parent=v1).id
    reg.deploy(v2)
    t = reg.history()[-1].time

    def rev(version, decision, n, at):
        return [HumanReview(scenario_id="s", trajectory_id=f"{version}{decision}{k}", decision=decision, timestamp=at, edited_text="x" if decision == "edit" else None,
                            meta={"prompt_version": version}) for k in range(n)]

    base = rev(v1, "accept", 30, t - 100) + rev(v1, "reject", 10, t - 100)
    bad = base + rev(v2, "accept", 8, t + 10) + rev(v2, "reject", 17, t + 10)
    fine = base + rev(v2, "accept", 18, t + 10) + rev(v2, "edit", 7, t + 10)
    cfg = MonitorConfig(significance=0.05, min_reviews=20)
    assert not monitor_deployment(reg, base + rev(v2, "reject", 5, t + 10), cfg, t + 20).rollback  # too few yet
    assert not monitor_deployment(reg, fine, cfg, t + 20).rollback
    m = monitor_deployment(reg, bad, cfg, t + 20)
    assert m.rollback and m.p_value < 0.05 and m.live["rate"] == pytest.approx(8 / 25)
    assert fisher_less(8, 25, 30, 40) == pytest.approx(m.p_value)
    assert fisher_less(5, 10, 5, 10) > 0.5


def test_rule_proposer_mutates_instructions_only(splits):
    instr, sections = split_prompt(default_system_prompt(), {"c": COMPLIANCE_RULES, "t": TOOL_LIST})
    # The instructions (the example line is not protected here, so it joins them), then the sections verbatim.
    assert join_prompt(instr, sections) == "\n\n".join([DEFAULT_INSTRUCTIONS, TOOL_EXAMPLE, TOOL_LIST, COMPLIANCE_RULES])
    assert sections == [TOOL_LIST, COMPLIANCE_RULES] and TOOL_EXAMPLE in instr  # prompt order, example editable
    ctx = ProposalContext(incumbent=default_system_prompt(), protected={"t": TOOL_LIST, "c": COMPLIANCE_RULES}, seed=3)
    cands = RuleProposer(n=6).propose(ctx)
    assert len(cands) == 6 and len({c.text for c in cands}) == 6
    for c in cands:
        assert TOOL_LIST in c.text and COMPLIANCE_RULES in c.text and c.text != ctx.incumbent and c.note
    assert RuleProposer(n=6).propose(ctx) == cands  # seeded


def test_diagnose_reads_failures_from_the_worst_episodes():
    assert diagnose([]) == {}
    rows = [{"email": None, "reward": 0.0, "components": {"cta": 0.0, "gate": 0.0}},
            {"email": "Subject: a\n\nb", "reward": 0.4, "components": {"cta": 0.0, "clarity": 0.5, "gate": 1.0},
             "invalid_actions": 2},
            {"email": "Subject: c\n\nd", "reward": 0.8, "components": {"cta": 1.0, "clarity": 0.9, "gate": 1.0}},
            {"email": "Subject: e\n\nf", "reward": 0.6, "components": {"cta": 1.0, "clarity": 0.9, "gate": 1.0}}]
    # half broke the protocol (no email, invalid calls) and score 0.5 below the rest; cta and clarity lose their
    # mean shortfall over the emails sent, weighted by the share sent, over the two components
    assert diagnose(rows) == pytest.approx({"protocol": 0.5 * (0.7 - 0.2), "cta": 0.75 * (1 / 3) / 2,
                                            "clarity": 0.75 * ((0.5 + 0.1 + 0.1) / 3) / 2})
    assert diagnose(rows[:1]) == {"protocol": 1.0}  # nothing works: all of the reward is lost to the protocol
    assert diagnose(rows[2:])["protocol"] == 0.0


def _first_requirement(worst, history=(), seed=0, targeted=True):
    ctx = ProposalContext(incumbent=weak_system_prompt(), protected={"t": TOOL_LIST, "c": COMPLIANCE_RULES},
                          worst=list(worst), history=list(history), seed=seed)
    return RuleProposer(n=1, targeted=targeted).propose(ctx)[0].note.removeprefix("add requirement: ")


def test_targeted_rules_add_the_requirement_the_failures_call_for():
    no_email = [{"email": None, "reward": 0.0, "components": {}}] * 3
    weak_cta = [{"email": "Subject: x\n\ny", "reward": 0.5,
                 "components": {"cta": 0.0, "grounding": 1.0, "personalization": 1.0, "clarity": 1.0,
                                "factuality": 1.0, "alignment": 1.0}}] * 3
    seeds = range(40)
    # The weak prompt: one sentence, so every mutation is an added requirement.
    assert sum(_first_requirement(no_email, seed=s) == TOOL_EXAMPLE for s in seeds) >= 30
    assert sum(_first_requirement(weak_cta, seed=s).startswith("End with one clear ask") for s in seeds) >= 30
    # untargeted, or with no episodes to read, the draw is uniform over the nine requirements
    assert sum(_first_requirement(no_email, seed=s, targeted=False) == TOOL_EXAMPLE for s in seeds) <= 12
    assert sum(_first_requirement([], seed=s) == TOOL_EXAMPLE for s in seeds) <= 12
    # a requirement whose addition was rejected before is not drawn again while others are untried
    rejected = [{"instructions": "Write an email.\n" + TOOL_EXAMPLE, "score": 0.0, "decision": "rejected"}]
    assert all(_first_requirement(no_email, rejected, seed=s) != TOOL_EXAMPLE for s in seeds)
    # nothing already in the prompt (protected sections included) is added again
    ctx = ProposalContext(incumbent=default_system_prompt(), protected={"t": TOOL_LIST, "c": COMPLIANCE_RULES},
                          worst=no_email, seed=1)
    assert all(c.text.count(TOOL_EXAMPLE) <= 1 for c in RuleProposer(n=6).propose(ctx))


def test_history_keeps_passing_runners_up_and_rules_never_repeat_a_rejected_rewrite(tmp_path, splits):
    reg, opt = optimizer(tmp_path, [Fixed(BETTER, "Write an email.\n" + TOOL_EXAMPLE, NEUTRAL)], splits)
    opt.run()
    verdicts = {h["instructions"]: h["decision"] for h in opt.history}
    assert verdicts[BETTER] == "deployed" and verdicts[NEUTRAL] == "rejected"
    assert verdicts["Write an email.\n" + TOOL_EXAMPLE] == "passed, another was chosen"
    ctx = ProposalContext(incumbent=default_system_prompt(), protected={"t": TOOL_LIST, "c": COMPLIANCE_RULES}, seed=3)
    first = RuleProposer(n=6).propose(ctx)
    ctx.history = [{"instructions": split_prompt(c.text, ctx.protected)[0], "score": 0.0, "decision": "rejected"}
                   for c in first]
    again = RuleProposer(n=6).propose(ctx)
    assert again and not {c.text for c in first} & {c.text for c in again}


def test_a_first_round_with_targeted_rules_diagnoses_the_incumbent_and_finds_the_example(tmp_path, splits):
    reg, opt = optimizer(tmp_path, [RuleProposer(n=2)], splits, search_limit=16, holdout_limit=32)
    summary = opt.run()
    r0 = orjson.loads((tmp_path / "run" / "round0" / "decision.json").read_bytes())
    diag = r0["diagnosis"]
    train_ids = [s.id for s in splits[0]]
    assert diag["scenarios"] == train_ids[-16:] and not set(diag["scenarios"]) & set(r0["scenarios"])
    assert 0 <= diag["incumbent_score"] < 0.6
    assert max(diag["reward_lost"], key=diag["reward_lost"].get) == "protocol"  # half its tool calls are malformed
    notes = [orjson.loads(x)["note"] for x in (tmp_path / "run" / "round0" / "candidates.jsonl").read_bytes().splitlines()]
    assert any(TOOL_EXAMPLE in n for n in notes)
    assert summary["deployed"] and TOOL_EXAMPLE in reg.active_text()


def test_llm_proposers_build_their_meta_prompts_and_keep_protected_sections():
    seen = []

    def gen(chats, *, max_new_tokens, temperature, seed):
        seen.append(chats[0][0]["content"])
        return [f"```\nNew instruction: Be specific, variant {k}.\n```" for k in range(len(chats))]

    protected = {"tool": default_system_prompt().split("\n\n")[1], "comp": COMPLIANCE_RULES}
    ctx = ProposalContext(
        incumbent=default_system_prompt(), protected=protected, round=1,
        history=[{"instructions": "Old bad idea.", "score": 0.2, "decision": "rejected"},
                 {"instructions": "Old good idea.", "score": 0.8, "decision": "deployed"}],
        worst=[{"email": "Subject: hi\n\nBuy now", "reward": 0.1, "components": {"cta": 0.0, "grounding": 0.2},
                "explanation": "no ask", "human": ["reject: too pushy"]}])
    for cls in (MetaPromptProposer, ReflectiveProposer, HistoryProposer):
        cands = cls(gen, n=2).propose(ctx)
        assert [c.text.split("\n\n")[0] for c in cands] == ["Be specific, variant 0.", "Be specific, variant 1."]
        assert all(t in c.text for c in cands for t in protected.values()) and cands[0].meta_prompt == seen[-1]
    meta, refl, hist = seen
    assert "rephrasing and/or adding specific requirements" in meta and "Write a short, personalised" in meta
    assert "## Compliance" not in meta  # scope=instructions: the rewriter never sees the protected sections
    assert "cta 0.00" in refl and "no ask" in refl and "too pushy" in refl and "Buy now" in refl
    assert hist.index("Old bad idea.") < hist.index("Old good idea.") and "(rejected)" in hist
    full = MetaPromptProposer(gen, n=1, scope="full").propose(ctx)[0]
    assert full.text == "Be specific, variant 0."  # full scope: whatever came back, to be checked by the registry


def test_optimize_prompt_entry_point_writes_every_artifact(tmp_path):
    from hydra import compose, initialize_config_dir

    from experiments.optimize_prompt import run

    def cfg(*extra):
        with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base="1.3"):
            return compose(config_name="optimize_prompt", overrides=[
                "agent=instruction_follower", "initial_prompt=weak", f"registry={tmp_path / 'reg.json'}",
                f"output_dir={tmp_path / 'run'}", "optimizer.rounds=2", "optimizer.search_limit=16",
                "optimizer.holdout_limit=24", *extra])

    out = run(cfg())[0]["summary"]
    assert out["rounds"] == 2 and out["deployed"]
    run_dir = tmp_path / "run"
    for r in (0, 1):
        for name in ("candidates.jsonl", "scores.jsonl", "decision.json"):
            assert (run_dir / f"round{r}" / name).exists()
    assert (run_dir / "active_score.png").read_bytes()[:4] == b"\x89PNG"
    reg = PromptRegistry(tmp_path / "reg.json")
    assert set(reg.protected) == {"tool_list", "compliance"} and reg.active.id == out["final"]
    # The benchmark runs the registry's active prompt.
    from experiments.factory import resolve_system_prompt

    c = cfg(f"agent.prompt_registry={tmp_path / 'reg.json'}")
    assert resolve_system_prompt(c.agent) == reg.active_text()
    # Triggers on, no feedback: nothing runs, and the reasons say why.
    fb = tmp_path / "fb.jsonl"
    fb.write_text("")
    res = run(cfg("triggers.enabled=true", f"feedback_paths=[{fb}]"))[0]
    assert not res["triggers"]["fire"] and "summary" not in res


def test_rl_rewriter_trains_with_grpo_on_the_policy_reward(tiny_model_dir, tmp_path, splits):
    from agents.rewriter_grpo import PolicyRewardUnderPrompt, train_rewriter

    protected = {"t": TOOL_LIST, "c": COMPLIANCE_RULES}
    agent, judge = InstructionFollowingAgent(), ce.RubricJudgeV1()
    # The reward function alone: rewrites scored on one shared minibatch; a better instruction scores higher.
    fn = PolicyRewardUnderPrompt(agent, judge, splits[0], weak_system_prompt(), protected, minibatch=12, seed=1)
    r = fn(prompts=[None] * 3, completions=[[{"role": "assistant", "content": BETTER}],
                                            [{"role": "assistant", "content": "Write an email."}],
                                            [{"role": "assistant", "content": "  "}]])
    assert r[0] > r[1] > 0 and r[2] == 0.0 and len(fn.minibatches) == 1 and len(fn.minibatches[0]) == 12
    res = train_rewriter(str(tiny_model_dir), agent, judge, splits[0], weak_system_prompt(), protected,
                         tmp_path / "rw", steps=2, num_generations=2, minibatch=4, max_completion_length=24)
    assert [x["step"] for x in res["log"]] == [1, 2] and (Path(res["model"]) / "config.json").exists()
    assert len(res["minibatches"]) == 2 and res["minibatches"][0] != res["minibatches"][1]  # a new minibatch a step


def test_rewrite_quality_scores_a_rewriters_samples_against_the_incumbent(splits):
    from agents.rewriter_grpo import compare_rewriters, rewrite_quality

    protected = {"t": TOOL_LIST, "c": COMPLIANCE_RULES}
    agent, judge = InstructionFollowingAgent(), ce.RubricJudgeV1()

    def rewriter(*replies):
        def gen(chats, *, max_new_tokens, temperature, seed):
            assert "Rewrite the following instruction" in chats[0][0]["content"]
            return [replies[i % len(replies)] for i in range(len(chats))]
        return gen

    weak, good = (rewrite_quality(rewriter(*r), weak_system_prompt(), protected, agent, judge, splits[1][:12], k=4)
                  for r in (["Write an email.", "   "], [BETTER, "Write an email."]))
    assert weak["invalid"] == 0.5 and weak["rewards"][1] == weak["rewards"][3] == 0.0  # empty rewrites score 0
    assert good["invalid"] == 0.0 and good["best"]["reward"] > good["incumbent"] and good["beat_incumbent"] == 0.5
    assert good["incumbent"] == weak["incumbent"]  # the same scenarios and seeds
    d = compare_rewriters(weak["rewards"], good["rewards"], resamples=2000)
    assert d["diff"] == pytest.approx(good["mean"] - weak["mean"]) and d["ci"][0] > 0
    assert compare_rewriters([0.3, 0.5, 0.4], [0.3, 0.5, 0.4])["p_value"] == 1.0


def test_entry_point_trains_the_rl_rewriter_and_measures_it_before_and_after(tiny_model_dir, tmp_path):
    from hydra import compose, initialize_config_dir

    from experiments.optimize_prompt import run

    with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base="1.3"):
        cfg = compose(config_name="optimize_prompt", overrides=[
            "agent=instruction_follower", "initial_prompt=weak", f"registry={tmp_path / 'reg.json'}",
            f"output_dir={tmp_path / 'run'}", "optimizer.rounds=1", "optimizer.proposers=[rules]",
            "optimizer.candidates=1", "optimizer.search_limit=8", "optimizer.holdout_limit=8",
            "rewriter.backend=transformers", f"rewriter.model={tiny_model_dir}", "rewriter.max_new_tokens=12",
            "rl_rewriter.enabled=true", "rl_rewriter.steps=1", "rl_rewriter.num_generations=2",
            "rl_rewriter.minibatch=2", "rl_rewriter.max_completion_length=12", "rl_rewriter.eval_rewrites=2",
            "rl_rewriter.eval_scenarios=4"])
    res = run(cfg)[0]
    saved = orjson.loads((tmp_path / "run" / "rl_rewriter" / "result.json").read_bytes())
    q = saved["quality"]
    assert q["before"]["k"] == q["after"]["k"] == 2 and q["before"]["scenarios"] == 4
    assert q["before"]["incumbent"] == q["after"]["incumbent"]  # the same held-out scenarios and seeds
    assert q["difference"]["diff"] == pytest.approx(q["after"]["mean"] - q["before"]["mean"])
    assert res["rl_rewriter"]["model"] == saved["model"] and Path(saved["model"], "config.json").exists()
    # the trained rewriter proposes in the optimizer's rounds, beside the configured proposers
    props = {orjson.loads(x)["proposer"] for x in (tmp_path / "run" / "round0" / "candidates.jsonl").read_bytes().splitlines()}
    assert props == {"rules", "prewrite_rl"}
    from experiments.report import build_report

    build_report([str(tmp_path / "run")], tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text()
    assert "PRewrite-RL rewriter" in html and "before GRPO" in html and "reward lost to:" in html


def test_watch_mode_acts_on_triggers_and_rolls_back_regressions(tmp_path):
    from hydra import compose, initialize_config_dir

    from experiments.optimize_prompt import run

    reg_path, fb = tmp_path / "reg.json", tmp_path / "fb.jsonl"
    now = __import__("time").time()
    store = ce.FeedbackStore(fb)
    store.extend(HumanReview(scenario_id="s", trajectory_id=f"t{k}", decision="reject" if k % 2 else "accept",
                             timestamp=now - 60 - k) for k in range(30))

    def cfg(*extra):
        with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base="1.3"):
            return compose(config_name="optimize_prompt", overrides=[
                "agent=instruction_follower", "initial_prompt=weak", f"registry={reg_path}", f"output_dir={tmp_path / 'run'}",
                "optimizer.rounds=1", "optimizer.search_limit=16", "optimizer.holdout_limit=24", "triggers.enabled=true",
                "triggers.min_feedback=20", f"feedback_paths=[{fb}]", *extra])

    results = run(cfg("watch=true", "poll_seconds=0", "max_polls=2"))
    assert len(results) == 2
    assert results[0]["triggers"]["fire"] and results[0]["summary"]["deployed"]  # enough negative feedback: acted
    assert not results[1]["triggers"]["fire"]  # then rate-limited (min_hours_between), not re-run
    assert any("min_hours_between" in r for r in results[1]["triggers"]["reasons"])
    reg = PromptRegistry(reg_path)
    deployed, previous = reg.active.id, reg.history()[-1].previous
    # Live reviews of the deployed version are much worse than the previous version's: the next poll rolls back.
    t = reg.history()[-1].time
    store.extend([HumanReview(scenario_id="s", trajectory_id=f"b{k}", decision="accept", timestamp=t - 10,
                              meta={"prompt_version": previous}) for k in range(25)] +
                 [HumanReview(scenario_id="s", trajectory_id=f"l{k}", decision="reject" if k < 20 else "accept",
                              timestamp=t, meta={"prompt_version": deployed}) for k in range(25)])
    res = run(cfg())[0]
    assert res["monitor"]["rollback"] and res["rolled_back_to"] == previous
    assert PromptRegistry(reg_path).active.id == previous
