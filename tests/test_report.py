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
    from experiments.evaluation import run_benchmark
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
    assert counts["prompt_opt"] == 1 and counts["feedback"] == 1 and counts["warnings"] == []
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


# Damaged, hostile or ill-typed run files (hand-made runs; no model needed).

XSS = "<img src=x onerror=alert(1)>"


def _bench(root, name, rows, metrics=None):
    """A benchmark run folder: metrics.json (or the given raw bytes) and trajectories.jsonl rows."""
    d = root / name
    d.mkdir(parents=True)
    m = {"agent": name.split("-")[0], "reward_mean": 0.5, "reward_std": 0.1, "reward_ci95": [0.4, 0.6],
         "episodes": len(rows), "scenario_set": "s", "split": "val"} if metrics is None else metrics
    (d / "metrics.json").write_bytes(m if isinstance(m, bytes) else orjson.dumps(m))
    (d / "trajectories.jsonl").write_bytes(b"".join(r if isinstance(r, bytes) else orjson.dumps(r) + b"\n"
                                                    for r in rows))
    return d


def _row(i, **kw):
    return {"id": f"t{i}", "scenario_id": "", "trial": 0, "reward": 0.1 * i, "turns": 3, "subject": f"subject {i}",
            "body": f"body {i}", "citations": [], **kw}


def _ep_data(page):
    return orjson.loads(page.split("id='ep-data'>")[1].split("</script>")[0])


def _chromium(out, actions=None):
    """Open the report in headless Chromium: (episode rows drawn, the page-count text, errors, dialogs, detail text)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} missing (apt-get install chromium); CI runs this test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        errors, dialogs = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(out.as_uri())
        n, pages = page.locator("#ep-table tbody tr").count(), page.locator("#ep-page").inner_text()
        detail = ""
        if n:  # a page whose script did not run draws no rows
            page.locator("#ep-table tbody tr.ep:not(.nodetail)").first.click()
            page.locator("tr.detail").wait_for()
            detail = page.locator("tr.detail").inner_text()
        page.wait_for_timeout(200)  # an injected onerror handler would have fired by now
        browser.close()
    return n, pages, errors, dialogs, detail


def test_email_body_cannot_break_out_of_the_embedded_json(tmp_path):
    from experiments.report import build_report

    body = "hi <!--<script> and </script><script>alert(2)</script> \u2028 & more"
    _bench(tmp_path / "runs", "greedy", [_row(1, body=body), _row(2)])
    out = tmp_path / "report.html"
    build_report([str(tmp_path / "runs")], out)
    page = out.read_text()
    block = page.split("id='ep-data'>")[1].split("</script>")[0]
    assert "<" not in block and ">" not in block and "&" not in block and "\u2028" not in block
    assert _ep_data(page)["details"]["0"]["body"] == body
    n, pages, errors, dialogs, detail = _chromium(out)
    assert n == 2 and "2 episodes" in pages and errors == [] and dialogs == []
    assert "<!--<script>" in detail  # the body is shown as text in the drill-down


def test_fields_from_run_files_are_escaped(tmp_path):
    from experiments.report import build_report

    runs = tmp_path / "runs"
    m = {"agent": "greedy", "reward_mean": 0.5, "reward_ci95": [0.4, 0.6], "episodes": XSS}
    _bench(runs, "greedy", [_row(1, trial=XSS, turns=XSS), _row(2, trial=XSS)], metrics=m)
    (runs / "opt").mkdir()
    (runs / "opt" / "rounds.jsonl").write_bytes(orjson.dumps({"round": XSS, "stopped": "budget"}) + b"\n" +
                                                orjson.dumps({"round": 1, "evaluated": XSS, "candidates": XSS,
                                                              "decisions": []}) + b"\n")
    out = tmp_path / "report.html"
    build_report([str(runs)], out)
    page = out.read_text()
    assert "<img" not in page.split("id='ep-data'>")[0]  # leaderboard episodes, optimizer round and counts
    n, _pages, errors, dialogs, _detail = _chromium(out)
    assert n == 2 and errors == [] and dialogs == []  # trial and turns are drawn as text


def test_damaged_metrics_is_named_and_the_rest_is_built(tmp_path, capsys):
    from experiments.report import build_report

    runs = tmp_path / "runs"
    _bench(runs, "greedy", [_row(1), _row(2)])
    bad = _bench(runs, "random", [_row(3)], metrics=b'{"agent": "random", "reward_me')
    out = tmp_path / "report.html"
    counts = build_report([str(runs)], out)
    name = str(bad / "metrics.json")
    assert any(name in w for w in counts["warnings"]) and name in capsys.readouterr().err
    page = out.read_text()
    assert '<section id="warnings">' in page and name in page and '<section id="leaderboard">' in page
    assert len(_ep_data(page)["rows"]) == 2


def test_ill_typed_rows_are_skipped_with_file_and_line(tmp_path, capsys):
    from experiments.report import build_report

    runs = tmp_path / "runs"
    d = _bench(runs, "greedy", [_row(1), _row(2, reward="high"), b"{torn\n", _row(4, scenario_id=[1]), _row(5)])
    out = tmp_path / "report.html"
    counts = build_report([str(runs)], out)
    err = capsys.readouterr().err
    for line, why in ((2, "reward is str"), (3, "not valid JSON"), (4, "scenario_id is list")):
        assert any(f"{d / 'trajectories.jsonl'} line {line}: {why}" in w for w in counts["warnings"]), line
        assert f"line {line}: {why}" in err
    page = out.read_text()
    assert [r[2] for r in _ep_data(page)["rows"]] == [0, 0] and counts["episodes"] == 2
    assert "line 2: reward is str" in page


def test_runs_that_match_nothing_exit_non_zero(tmp_path, capsys):
    from experiments.report import build_report, main

    out = tmp_path / "report.html"
    nope = str(tmp_path / "multirun" / "nope")
    with pytest.raises(SystemExit) as e:
        main([f"runs=[{nope}]", f"out={out}"])
    assert e.value.code not in (0, None) and nope in str(e.value.code) and "\n" not in str(e.value.code)
    assert not out.exists()
    from experiments.report.runs import NoRunsError

    with pytest.raises(NoRunsError, match="nope"):
        build_report([nope], out)
    _bench(tmp_path / "runs", "greedy", [_row(1)])  # one pattern of two matching: built, with a warning
    counts = build_report([str(tmp_path / "runs"), nope], out)
    assert counts["benchmark"] == 1 and any(nope in w for w in counts["warnings"])


def test_bar_labels_are_whole():
    import re

    from experiments.report.render import svg_bars

    labels = ["oracle · oracle-default-v1-with-a-long-tail", "greedy · greedy-default-v1-with-a-long-tail"]
    svg = svg_bars(labels, [0.9, 0.4], width=480)
    texts = re.findall(r'<text [^>]*text-anchor="middle"><title>(.*?)</title>(.*?)</text>', svg)
    assert [t for t, _ in texts] == [html_escape(lab) for lab in labels]
    for lab, (_t, spans) in zip(labels, texts, strict=True):
        shown = re.findall(r"<tspan[^>]*>(.*?)</tspan>", spans)
        assert len(shown) > 1 and all(len(s) <= 40 for s in shown)  # wrapped, nothing cut
        assert "".join(shown).replace(" ", "") == html_escape(lab).replace(" ", "")


def html_escape(s):
    import html

    return html.escape(s, quote=True)


def test_console_and_page_count_the_same_episodes(tmp_path, capsys):
    from experiments.report import main

    runs = tmp_path / "runs"
    rows = [_row(i) for i in range(1, 4)]
    _bench(runs, "greedy-a", rows)
    _bench(runs, "greedy-b", rows)  # a re-run holding the same trajectory ids
    out = tmp_path / "report.html"
    main([f"runs={runs}", f"out={out}"])
    said = capsys.readouterr().out
    page = out.read_text()
    assert "6 episodes (3 distinct trajectory ids)" in said
    assert "<p>6 episodes (3 distinct trajectory ids)" in page and len(_ep_data(page)["rows"]) == 6


def _retype(x, how):
    """Every number in a JSON value as a string ("numbers"), or every object below the top as a string ("objects")."""
    if isinstance(x, bool) or x is None:
        return x
    if isinstance(x, (int, float)):
        return "n/a" if how == "numbers" else x
    if isinstance(x, list):
        return [_retype(v, how) for v in x]
    if isinstance(x, dict):
        return {k: ("?" if how == "objects" and isinstance(v, dict) else _retype(v, how)) for k, v in x.items()}
    return x


@pytest.mark.parametrize("how", ["numbers", "objects"])
def test_every_run_file_with_the_wrong_types_still_gives_a_report(runs, tmp_path, how):
    """Real runs of every kind with each number (or each nested object) in every JSON and JSONL file replaced by a
    string: the report is still built (what cannot be read is left out or warned about), never a crash."""
    from experiments.report import build_report

    bad = tmp_path / "runs"
    shutil.copytree(runs, bad)
    n = 0
    for p in [*bad.rglob("*.json"), *bad.rglob("*.jsonl")]:
        if p.suffix == ".json":
            try:
                p.write_bytes(orjson.dumps(_retype(orjson.loads(p.read_bytes()), how)))
            except orjson.JSONDecodeError:
                continue
        else:
            p.write_bytes(b"".join(orjson.dumps(_retype(orjson.loads(ln), how)) + b"\n"
                                   for ln in p.read_bytes().splitlines() if ln.strip()))
        n += 1
    assert n >= 10
    out = tmp_path / "report.html"
    build_report([str(bad)], out)
    assert out.read_text().rstrip().endswith("</html>")
