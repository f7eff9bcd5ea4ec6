"""experiments.report: one self-contained HTML file from real (smoke-sized) runs of every kind, checked for
content, and opened in headless Chromium (Debian's package, driven by Playwright; no browser download)."""

import os
import shutil
import threading
import time
from pathlib import Path

import orjson
import pytest
from hydra import compose, initialize_config_dir

from codreamer_env.rewards.feedback import FeedbackStore, HumanPreference, HumanReview, OnlineOutcome
from experiments import config as _cfg  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CODREAMER_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("CODREAMER_TEST_ARTIFACTS", ROOT / "test-artifacts"))


def _compose(name, overrides):
    with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base="1.3"):
        return compose(config_name=name, overrides=overrides)


@pytest.fixture(scope="module")
def runs(tmp_path_factory, tiny_model_dir):
    """Small real runs: two benchmark agents, a GRPO run, a learn-loop, a prompt optimization, feedback."""
    from experiments.benchmark import run_benchmark
    from experiments.learn_loop import run_learn_loop
    from experiments.optimize_prompt import run as optimize
    from experiments.train_grpo import run_training

    root = tmp_path_factory.mktemp("runs")
    for agent in ("greedy", "random"):
        run_benchmark(_compose("config", [f"agent={agent}", "experiment=smoke", "env.limit=6", "experiment.plot=false"]),
                      root / "bench" / agent)
    run_training(_compose("train_grpo", ["experiment=smoke_train", f"model={tiny_model_dir}",
                                         f"output_dir={root / 'grpo'}", "eval.every=0"]))
    run_learn_loop(_compose("learn_loop", [
        f"model={tiny_model_dir}", f"output_dir={root / 'loop'}", "learn_loop.iterations=2",
        "learn_loop.episodes_per_iter=4", "learn_loop.generator=oracle", "learn_loop.grpo_steps_per_iter=1",
        "grpo.num_generations=2", "grpo.per_device_batch_size=2", "grpo.max_completion_length=64",
        "rollout.max_turns=2", "rollout.max_tokens_per_turn=8", "eval.limit=2", "eval.max_new_tokens=8"]))
    optimize(_compose("optimize_prompt", [
        "agent=instruction_follower", "initial_prompt=weak", f"registry={root / 'registry.json'}",
        f"output_dir={root / 'opt'}", "optimizer.rounds=2", "optimizer.search_limit=16", "optimizer.holdout_limit=24"]))
    # Feedback on the greedy run's emails: reviews, a preference and (simulated) outcomes.
    rows = [orjson.loads(x) for x in (root / "bench" / "greedy" / "trajectories.jsonl").read_bytes().splitlines()]
    rnd = [orjson.loads(x) for x in (root / "bench" / "random" / "trajectories.jsonl").read_bytes().splitlines()]
    store = FeedbackStore(root / "feedback" / "reviews.jsonl")
    t0 = time.time() - 3 * 86400
    for k, r in enumerate(rows + rnd):
        store.append(HumanReview(scenario_id=r["scenario_id"], trajectory_id=r["id"], timestamp=t0 + 3600 * k,
                                 decision="accept" if r["reward"] >= 0.7 else "reject", reason="off-topic"))
    store.append(HumanPreference(scenario_id=rows[0]["scenario_id"], winner=rows[0]["id"], loser=rnd[0]["id"]))
    for k, r in enumerate(rows):
        store.append(OnlineOutcome(scenario_id=r["scenario_id"], trajectory_id=r["id"], opened=True, replied=k < 3,
                                   call_booked=k < 1, simulated=True))
    return root


def test_report_holds_every_section_with_real_content(runs, tmp_path):
    from experiments.report import build_report

    out = tmp_path / "report.html"
    counts = build_report([str(runs)], out)
    assert counts["benchmark"] == 2 and counts["grpo"] == 1 and counts["learn_loop"] == 1
    assert counts["prompt_opt"] == 1 and counts["feedback"] == 1
    page = out.read_text()
    for anchor in ("leaderboard", "learning", "prompts", "feedback", "episodes"):
        assert f'<section id="{anchor}">' in page, anchor
    assert "greedy" in page and "random" in page and "95% CI" in page
    greedy = orjson.loads((runs / "bench" / "greedy" / "metrics.json").read_bytes())
    assert f"{greedy['reward_mean']:.3f}" in page  # the leaderboard shows the run's own numbers
    assert "GRPO" in page and "Learn-loop" in page and "Node scores" in page
    assert "held-out" in page and "p=" in page and "Active prompt lineage" in page and 'class="add"' in page
    assert "Judge vs human" in page and "Outcome funnel" in page and "(6 simulated)" in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page  # no CDN, no fetches
    data = orjson.loads(page.split("id='ep-data'>")[1].split("</script>")[0].replace("<\\/", "</"))
    assert len(data["rows"]) >= 12 and data["details"] and data["kgs"]
    assert any(r[0].startswith("prompt-opt opt round0") for r in data["rows"])  # optimizer episodes drill down too
    sid, kg = next(iter(data["kgs"].items()))
    assert kg["gold"] and kg["edges"] and sid in data["prospects"]


def test_report_in_headless_chromium(runs, tmp_path):
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing: .ci/run installs Debian's chromium package")
        pytest.skip(f"{CHROMIUM} missing (apt-get install chromium); CI runs this test")
    from playwright.sync_api import sync_playwright

    from experiments.report import build_report

    out = tmp_path / "report.html"
    build_report([str(runs)], out)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: errors.append(f"request {r.url}") if not r.url.startswith(("file:", "data:")) else None)
        page.goto(out.as_uri())
        for anchor in ("leaderboard", "learning", "prompts", "feedback", "episodes"):
            sec = page.locator(f"section#{anchor}")
            assert sec.is_visible() and sec.locator("h2").inner_text()
            if anchor != "episodes":
                assert sec.locator("svg.chart").count() >= 1, anchor
        assert page.locator("#ep-table tbody tr").count() >= 12
        first = page.locator("#ep-table tbody tr.ep:not(.nodetail)").first
        first.click()
        detail = page.locator("tr.detail")
        detail.wait_for()
        assert detail.locator("svg.kg circle").count() >= 10 and "Tool calls" in detail.inner_text()
        page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        first.click()  # collapses again
        assert page.locator("tr.detail").count() == 0
        page.fill("#ep-filter", "random")
        assert all("random" in t for t in page.locator("#ep-table tbody tr td:nth-child(2)").all_inner_texts())
        browser.close()
    assert errors == []
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000


def test_watch_regenerates_when_a_run_changes(runs, tmp_path):
    from experiments.report import main

    src = tmp_path / "live"
    shutil.copytree(runs / "bench" / "greedy", src / "greedy")
    out = tmp_path / "live.html"
    th = threading.Thread(target=main, args=([f"runs={src}", f"out={out}", "--watch", "interval=0.2",
                                              "max_updates=2"],), daemon=True)
    th.start()
    deadline = time.time() + 20
    while not out.exists() and time.time() < deadline:
        time.sleep(0.05)
    first = out.read_text()
    assert '<meta http-equiv="refresh"' in first  # the open page reloads itself
    m = orjson.loads((src / "greedy" / "metrics.json").read_bytes())
    m["reward_mean"] = 0.123456
    (src / "greedy" / "metrics.json").write_bytes(orjson.dumps(m))
    th.join(timeout=20)
    assert not th.is_alive() and "0.123" in out.read_text()


def test_bad_arguments_are_named():
    from experiments.report import parse_args

    with pytest.raises(SystemExit, match="unknown option 'outt'"):
        parse_args(["outt=x.html"])
    with pytest.raises(SystemExit, match="unexpected argument"):
        parse_args(["report.html"])
    assert parse_args(["runs=[a,b]", "--watch"])["runs"] == ["a", "b"]
