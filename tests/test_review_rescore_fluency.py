"""Human review (interactive and from a decisions file), re-scoring, and the fluency component."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir

import codreamer_env as ce
from codreamer_env._io import read_jsonl_rows
from codreamer_env.rewards.fluency import FluencyScorer, WithFluency
from experiments import config as _cfg  # noqa: F401
from experiments.evaluation import run_benchmark
from experiments.rescore import rescore
from experiments.review import apply_decisions, review_interactive, review_pairwise

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = str(ROOT / "configs")


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    with initialize_config_dir(config_dir=CONFIGS, version_base="1.3"):
        cfg = compose(config_name="config", overrides=["experiment=smoke", "agent=greedy", "experiment.trials=2",
                                                       "experiment.plot=false"])
    run_benchmark(cfg, out)
    return out


def test_interactive_review_writes_events(run_dir, tmp_path):
    rows = read_jsonl_rows(run_dir / "trajectories.jsonl")[:4]
    answers = iter(["x", "a", "r", "too generic", "e", "Hi, a better email.", "second line", ".", "no CTA", "s"])
    store = ce.FeedbackStore(tmp_path / "fb.jsonl")
    n = review_interactive(rows, store, "ana", ask=lambda _p: next(answers), out=lambda _s: None)
    evs = store.events()
    assert n == 4 and [e.decision for e in evs] == ["accept", "reject", "edit", "skip"]
    assert evs[1].reason == "too generic" and evs[2].edited_text == "Hi, a better email.\nsecond line"
    assert all(e.reviewer == "ana" and e.draft_text == r["body"] for e, r in zip(evs, rows, strict=True))


def test_pairwise_review(run_dir, tmp_path):
    rows = read_jsonl_rows(run_dir / "trajectories.jsonl")
    # Two drafts of one scenario that differ (greedy is deterministic, so make the second one different).
    a = dict(rows[0])
    b = dict(rows[0], id="other-draft", body=rows[0]["body"] + " P.S.")
    answers = iter(["2", "0.8"])
    store = ce.FeedbackStore(tmp_path / "fb.jsonl")
    assert review_pairwise([a, b], store, "ana", ask=lambda _p: next(answers), out=lambda _s: None) == 1
    ev = store.events()[0]
    assert (ev.winner, ev.loser, ev.confidence) == ("other-draft", a["id"], 0.8)


def test_review_cli_from_a_decisions_file_and_terminal(run_dir, tmp_path):
    rows = read_jsonl_rows(run_dir / "trajectories.jsonl")
    dec = tmp_path / "decisions.jsonl"
    dec.write_text(json.dumps({"trajectory_id": rows[0]["id"], "decision": "accept"}) + "\n"
                   + json.dumps({"trajectory_id": rows[2]["id"], "decision": "reject", "reason": "wrong feature"}) + "\n")
    fb = tmp_path / "fb.jsonl"
    res = subprocess.run([sys.executable, "-m", "experiments.review", f"run={run_dir}", f"feedback={fb}",
                          f"decisions={dec}"], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert [e.decision for e in ce.FeedbackStore(fb).events()] == ["accept", "reject"]
    # Interactive through a real terminal-less stdin: accept one, quit.
    res = subprocess.run([sys.executable, "-m", "experiments.review", f"run={run_dir}", f"feedback={fb}", "reviewer=bo"],
                         input="a\nq\n", capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert "Prospect:" in res.stdout and "1 feedback events written" in res.stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"trajectory_id": rows[0]["id"], "decision": "maybe"}) + "\n")
    with pytest.raises(ce.DataError) as ei:
        apply_decisions(bad, rows, ce.FeedbackStore(tmp_path / "x.jsonl"), "ana")
    assert ei.value.line == 1 and ei.value.file == str(bad)


def test_rescore_blends_feedback(run_dir, tmp_path):
    rows = read_jsonl_rows(run_dir / "trajectories.jsonl")
    store = ce.FeedbackStore(tmp_path / "fb.jsonl")
    store.append(ce.HumanReview(scenario_id=rows[0]["scenario_id"], trajectory_id=rows[0]["id"], decision="reject"))
    model = ce.BlendedReward(ce.RubricJudge(), ce.RewardMix(0.5, 0.5, 0.0), store)
    out = rescore(run_dir, model, "rescored_test.jsonl")
    by_id = {o["id"]: o for o in out}
    assert len(out) == len(rows)
    hit = by_id[rows[0]["id"]]
    assert hit["reward"] == pytest.approx(0.5 * hit["old_reward"]) and hit["components"]["human"] == 0.0
    other = next(o for o in out if o["id"] != rows[0]["id"])
    assert other["reward"] == pytest.approx(other["old_reward"]) and other["components"]["renormalized"] == 1.0
    assert len((run_dir / "rescored_test.jsonl").read_text().splitlines()) == len(rows)


def test_fluency_with_a_local_model(tiny_model_dir):
    from codreamer_env.models import load_causal_lm

    model, tok = load_causal_lm(str(tiny_model_dir))
    scorer = FluencyScorer(model_obj=model, tokenizer=tok, lo=-12, hi=-8)
    e = ce.FinalEmail("Hello", "Hi Anders, month-end close takes 12 days. Could we talk next week?", [])
    f1, lp1 = scorer.score(e)
    f2, lp2 = scorer.score(e)
    assert 0.0 <= f1 <= 1.0 and (f1, lp1) == (f2, lp2) and lp1 < 0
    assert scorer.score(None) == (0.0, -12)
    sc = ce.get_scenario("default-v1/test/0004")
    traj = ce.Trajectory(scenario_id=sc.id, messages=[], final_email=e)
    (total, comps), = WithFluency(ce.RubricJudge(), scorer, 0.2).score_group(sc, [traj])
    inner = ce.RubricJudge().score(sc, e, traj).total
    assert total == pytest.approx(0.8 * inner + 0.2 * comps["fluency"]) and comps["fluency_logprob"] == round(lp1, 4)


def test_fluency_from_endpoint_logprobs_ranks_english_above_word_salad(llama_server_logprobs):
    scorer = FluencyScorer("openai", "smollm2", base_url=llama_server_logprobs.base_url, echo_offset=1)
    good = ce.FinalEmail("Month-end close at Halcyon", "Hi Anders, your month-end close takes 12 business days. "
                         "Ledgerline reads invoices automatically. Could we talk next week?", [])
    salad = ce.FinalEmail("close Halcyon month", "days Anders the next invoices automatically week, business "
                          "Ledgerline talk reads 12 we your? Could end close takes month", [])
    (fg, lg), (fs, ls) = scorer.score(good), scorer.score(salad)
    # Realigned top-k values bound the missing tokens from above, so the gap is smaller than locally.
    assert lg > ls + 0.2 and fg >= fs
