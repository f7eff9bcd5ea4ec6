"""SFT warm start: examples from winning and human-accepted episodes, loss on assistant turns only."""

from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir

import codreamer_env as ce
from codreamer_env._io import read_jsonl_rows
from experiments import config as _cfg  # noqa: F401
from experiments.evaluation import run_benchmark
from experiments.sft import collect_examples, run_sft, training_tokenizer

ROOT = Path(__file__).resolve().parent.parent


def _compose(name, *overrides):
    with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base="1.3"):
        return compose(config_name=name, overrides=list(overrides))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("runs")
    for agent in ("oracle", "random"):
        run_benchmark(_compose("config", "experiment=smoke", f"agent={agent}", "experiment.plot=false"), root / agent)
    return root


def test_examples_select_winners_and_honour_reviews(runs, tmp_path):
    good = collect_examples([str(runs / "oracle"), str(runs / "random")], 0.8, [])
    rows = read_jsonl_rows(runs / "random" / "trajectories.jsonl")
    assert len(good) == sum(r["reward"] >= 0.8 for r in rows) + 4
    ex = good[0]["messages"]
    assert ex[0]["role"] == "system" and ex[-1]["role"] == "assistant" and "finalize_email" in ex[-1]["content"]
    assert all(m["role"] in ("system", "user", "assistant") for m in ex)
    fb = ce.FeedbackStore(tmp_path / "fb.jsonl")
    oracle_rows = read_jsonl_rows(runs / "oracle" / "trajectories.jsonl")
    fb.append(ce.HumanReview(scenario_id=oracle_rows[0]["scenario_id"], trajectory_id=oracle_rows[0]["id"], decision="reject"))
    fb.append(ce.HumanReview(scenario_id=oracle_rows[1]["scenario_id"], trajectory_id=oracle_rows[1]["id"],
                             decision="edit", edited_text="Hi, a shorter email. Call next week?"))
    low = min(rows, key=lambda r: r["reward"])
    fb.append(ce.HumanReview(scenario_id=low["scenario_id"], trajectory_id=low["id"], decision="accept"))
    ex2 = collect_examples([str(runs / "oracle"), str(runs / "random")], 0.8, [str(tmp_path / "fb.jsonl")])
    assert len(ex2) == len(good) - 1 + (1 if low["reward"] < 0.8 else 0)
    assert any("a shorter email" in e["messages"][-1]["content"] for e in ex2)


def test_sft_trains_on_assistant_tokens_only(runs, tiny_model_dir, tmp_path):
    tok = training_tokenizer(Path(tiny_model_dir), "auto")
    ex = collect_examples([str(runs / "oracle")], 0.8, [])[0]["messages"]
    enc = tok.apply_chat_template(ex, tokenize=True, return_dict=True, return_assistant_tokens_mask=True)
    ids, mask = enc["input_ids"], enc["assistant_masks"]
    trained = tok.decode([t for t, m in zip(ids, mask, strict=True) if m])
    for m in ex:
        if m["role"] == "assistant":
            assert m["content"] in trained
        else:
            assert m["content"][:80] not in trained
    cfg = _compose("sft", f"runs=[{runs / 'oracle'}]", f"model={tiny_model_dir}", f"output_dir={tmp_path / 'sft'}",
                   "max_steps=2", "batch_size=2", "max_length=1024")
    trainer = run_sft(cfg)
    assert trainer.state.global_step == 2 and (tmp_path / "sft" / "final" / "config.json").exists()
