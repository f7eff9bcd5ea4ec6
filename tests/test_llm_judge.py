"""LLM judges against real loopback servers: a fault-injection server, and llama.cpp serving SmolLM2."""

import asyncio
import time

import pytest

import codreamer_env as ce
from agents.base import BaseAgent
from agents.scripted import GreedyKGAgent, OracleAgent, RandomAgent
from codreamer_env import runner
from codreamer_env.rewards.llm_judge import JudgeError, LLMJudgeConfig, PointwiseLLMJudge, RulerJudge, redact

SID = "default-v2/test/0004"
SENTINEL = "sk-SENTINEL-do-not-log-7f3a9c"


def _group(n=4, seed=0):
    """Four trajectories of one scenario from agents of different quality."""
    agents = [OracleAgent(), GreedyKGAgent(), RandomAgent(seed=seed), RandomAgent(seed=seed + 1)][:n]
    trajs = [runner.play(a, [runner.Job(SID, 0, seed)], [ce.SalesEmailEnv()])[0].trajectory for a in agents]
    return ce.get_scenario(SID), trajs


def _judge(srv, tmp_path, **kw):
    cfg = dict(base_url=srv.base_url, model="fault", timeout_s=1.0, max_retries=3, backoff_s=0.05,
               cache_dir=str(tmp_path / "judge-cache"))
    cfg.update(kw)
    return RulerJudge(LLMJudgeConfig(**cfg))


def test_ruler_scores_group_and_cache_makes_rescoring_free(fault_server, tmp_path):
    sc, trajs = _group()
    judge = _judge(fault_server, tmp_path, orderings=2)
    res = judge.judge_group(sc, trajs)
    assert [r.source for r in res] == ["llm"] * 4
    assert all(0 <= r.total <= 1 and r.components["judge_source"] == "llm" for r in res)
    assert all(len(r.details["explanations"]) == 2 for r in res)
    assert fault_server.requests == 2  # one request per ordering
    before = fault_server.requests
    again = _judge(fault_server, tmp_path, orderings=2).judge_group(sc, trajs)
    assert fault_server.requests == before  # all from the disk cache
    assert [r.total for r in again] == [r.total for r in res]


def test_neutral_labels_shuffled_orderings_and_shared_prefix_once(fault_server, tmp_path):
    sc, trajs = _group()
    _judge(fault_server, tmp_path, orderings=3, use_cache=False).judge_group(sc, trajs)
    prompts = [b["messages"][-1]["content"] for b in fault_server.bodies]
    for p in prompts:
        assert p.count(sc.prospect.name + ", ") >= 1 and p.count("## Shared context") == 1
        assert f"Prospect: {sc.prospect.name}" in p.split("## Trajectories")[0]  # brief in the shared prefix only
        assert sum(t.id in p for t in trajs) == 0  # ids never shown
    # The orderings differ: the sequence of emails shown (A, B, C, D) is not the same in every request.
    orders = {tuple(b.split("FINAL EMAIL", 1)[1][:200] for b in p.split("### Trajectory ")[1:]) for p in prompts}
    assert len(orders) > 1


def test_identical_trajectories_are_judged_once(fault_server, tmp_path):
    sc, trajs = _group()
    res = _judge(fault_server, tmp_path, use_cache=False).judge_group(sc, [trajs[1], trajs[1], trajs[0], trajs[1]])
    body = fault_server.bodies[0]["messages"][-1]["content"]
    assert body.count("### Trajectory") == 2
    assert res[0].total == res[1].total == res[3].total


@pytest.mark.parametrize("faults", [["500"], ["429", "429"], ["garbage"], ["wrong_count"], ["bad_score"], ["hang"]])
def test_retries_recover_from_faults(fault_server, tmp_path, faults):
    sc, trajs = _group()
    fault_server.hang_s = 3.0
    fault_server.script = list(faults)
    judge = _judge(fault_server, tmp_path, use_cache=False)
    t0 = time.time()
    res = judge.judge_group(sc, trajs)
    assert [r.source for r in res] == ["llm"] * 4
    assert judge.stats.retries == len(faults) and fault_server.requests == len(faults) + 1
    assert time.time() - t0 < 15


def test_exhausted_retries_fall_back_visibly(fault_server, tmp_path):
    sc, trajs = _group()
    fault_server.script = ["500"] * 10
    judge = _judge(fault_server, tmp_path, max_retries=2, use_cache=False)
    res = judge.judge_group(sc, trajs)
    assert fault_server.requests == 3 and judge.stats.fallbacks == 1
    rubric = ce.RubricJudge()
    for r, t in zip(res, trajs, strict=True):
        assert r.source == "fallback" and r.components["judge_source"] == "fallback"
        assert "InternalServerError" in r.details["judge_error"]
        assert r.total == rubric.score(sc, t.final_email, t).total  # the rubric judge, not a silent 0


def test_concurrency_is_bounded(fault_server, tmp_path):
    fault_server.delay_s = 0.2
    sc, trajs = _group()
    judge = _judge(fault_server, tmp_path, concurrency=2, use_cache=False, timeout_s=5)
    groups = [(sc, trajs[:2]), (sc, trajs[1:3]), (sc, trajs[2:]), (sc, [trajs[0], trajs[3]]), (sc, trajs)]
    out = asyncio.run(judge.ajudge_groups(groups))
    assert len(out) == 5 and fault_server.requests == 5
    assert fault_server.max_in_flight == 2 and judge.stats.max_in_flight == 2


def test_pointwise_judge_and_its_fallback(fault_server, tmp_path):
    sc, trajs = _group()
    judge = PointwiseLLMJudge(LLMJudgeConfig(base_url=fault_server.base_url, model="fault", timeout_s=1,
                                             backoff_s=0.01, cache_dir=str(tmp_path / "c")))
    scores = judge.score_group(sc, trajs)
    assert len(scores) == 4 and all(c["judge_source"] == "llm" for _, c in scores)
    assert fault_server.requests == 4
    fault_server.script = ["bad_score"] * 10
    r = PointwiseLLMJudge(LLMJudgeConfig(base_url=fault_server.base_url, model="fault", timeout_s=1, max_retries=1,
                                         backoff_s=0.01, use_cache=False)).score(sc, trajs[0].final_email, trajs[0])
    assert r.source == "fallback" and "BadReply" in r.details["judge_error"]


def test_env_with_ruler_judge_gives_group_relative_rewards(fault_server, tmp_path):
    judge = _judge(fault_server, tmp_path)
    envs = [ce.SalesEmailEnv(reward_model=judge) for _ in range(4)]
    agents = [OracleAgent(), GreedyKGAgent(), RandomAgent(seed=5), RandomAgent(seed=6)]

    class Mixed(BaseAgent):  # episode k of the group is played by agents[k]
        def act(self, observation, info):
            return agents[info["slot"]].act(observation, info)

    res = runner.evaluate(Mixed(), judge, [ce.get_scenario(SID)], jobs=[runner.Job(SID, k, k) for k in range(4)],
                          envs=envs)
    assert fault_server.requests == 1  # the whole group in one judge call
    assert len(res) == 4 and all(ep.components["judge_source"] == "llm" for ep in res)
    assert max(ep.reward for ep in res) > min(ep.reward for ep in res)


def test_api_key_never_written(fault_server, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SENTINEL)
    sc, trajs = _group()
    judge = _judge(fault_server, tmp_path)
    res = judge.judge_group(sc, trajs)
    assert fault_server.auth_headers[0] == f"Bearer {SENTINEL}"  # it is used ...
    store = ce.FeedbackStore(tmp_path / "fb.jsonl")
    store.extend(ce.JudgeFeedback(scenario_id=sc.id, trajectory_id=t.id, score=r.total,
                                                   source=r.source, judge=judge.config.model)
                 for t, r in zip(trajs, res, strict=True))
    (tmp_path / "judge.txt").write_text(repr(judge) + str(judge.config.public()) + str(judge.stats))
    for p in tmp_path.rglob("*"):  # ... and never written anywhere
        if p.is_file():
            assert SENTINEL not in p.read_text(errors="ignore"), p


# ---------------------------------------------------------------- the real llama.cpp server

@pytest.mark.slow
def test_ruler_against_llama_cpp_server(llama_server, tmp_path):
    sc, trajs = _group()
    cfg = LLMJudgeConfig(base_url=llama_server.base_url, model="smollm2", timeout_s=30, max_retries=2,
                         backoff_s=0.2, constrain_schema=True, cache_dir=str(tmp_path / "c"), max_tokens=400,
                         concurrency=2, tool_result_chars=150)
    judge = RulerJudge(cfg)
    res = judge.judge_group(sc, trajs)
    assert len(res) == 4 and judge.stats.requests >= 1
    sources = {r.components["judge_source"] for r in res}
    assert sources <= {"llm", "fallback"}
    if "fallback" in sources:  # visibly marked, with the reason
        assert all("judge_error" in r.details for r in res)
    else:
        assert all(0 <= r.total <= 1 for r in res)
        n = judge.stats.requests
        again = RulerJudge(cfg)
        assert [r.total for r in again.judge_group(sc, trajs)] == [r.total for r in res]
        assert again.stats.requests == 0 and again.stats.cache_hits == 1 and n >= 1
    assert judge.stats.max_in_flight <= 2


# ---------------------------------------------------------------- failing loudly or falling back visibly

@pytest.mark.parametrize("fault, reason", [("html", "not a chat completion"), ("no_choices", "reply had no choices"),
                                           ("no_content", "reply had no message content"),
                                           ("not_json_body", "reply body is not a JSON chat completion")])
def test_unusable_replies_are_retried_and_reported_clearly(fault_server, tmp_path, fault, reason):
    sc, trajs = _group(2)
    fault_server.script = [fault]
    judge = _judge(fault_server, tmp_path, use_cache=False)
    res = judge.judge_group(sc, trajs)
    assert [r.source for r in res] == ["llm"] * 2 and fault_server.requests == 2 and judge.stats.retries == 1
    assert reason in judge.stats.errors[0] and "AttributeError" not in judge.stats.errors[0]
    fault_server.script = [fault] * 10  # exhausted: the fallback says why, in words
    res = _judge(fault_server, tmp_path, use_cache=False, max_retries=1).judge_group(sc, trajs)
    assert all(r.source == "fallback" and reason in r.details["judge_error"] for r in res)
    assert not any(e in r.details["judge_error"] for r in res for e in ("AttributeError", "IndexError"))


def test_on_failure_fail_raises_naming_endpoint_and_reason(fault_server, tmp_path):
    sc, trajs = _group(2)
    fault_server.script = ["no_choices"] * 10
    judge = _judge(fault_server, tmp_path, use_cache=False, max_retries=1, on_failure="fail")
    with pytest.raises(JudgeError) as err:
        judge.judge_group(sc, trajs)
    assert fault_server.base_url in str(err.value) and "reply had no choices" in str(err.value)
    assert judge.stats.fallbacks == 0
    pw = PointwiseLLMJudge(LLMJudgeConfig(base_url=fault_server.base_url, model="fault", timeout_s=1, max_retries=0,
                                          use_cache=False, on_failure="fail"))
    fault_server.script = ["500"]
    with pytest.raises(JudgeError, match="InternalServerError"):
        pw.score(sc, trajs[0].final_email, trajs[0])
    with pytest.raises(ValueError, match="on_failure"):
        RulerJudge(on_failure="ignore")


def test_judge_config_on_failure_from_hydra_config(fault_server):
    from experiments.factory import make_judge

    judge = make_judge({"name": "ruler", "base_url": fault_server.base_url, "on_failure": "fail",
                        "breaker_failures": 5})
    assert judge.config.on_failure == "fail" and judge.config.breaker_failures == 5
    assert make_judge({"name": "pointwise"}).config.on_failure == "fallback"


@pytest.mark.parametrize("on_failure", ["fallback", "fail"])
def test_circuit_breaker_bounds_a_hung_endpoint_per_run(fault_server, tmp_path, on_failure):
    sc, trajs = _group()
    fault_server.hang_s = 3.0
    fault_server.script = ["hang"] * 100
    judge = _judge(fault_server, tmp_path, use_cache=False, max_retries=3, breaker_failures=3, on_failure=on_failure)
    for t in trajs:  # four episodes, judged one by one as a benchmark does
        if on_failure == "fail":
            with pytest.raises(JudgeError, match="circuit open after 3 failures"):
                judge.judge_group(sc, [t])
            continue
        (r,) = judge.judge_group(sc, [t])
        assert r.source == "fallback" and r.components["judge_source"] == "fallback"
    assert fault_server.requests == 3  # three call timeouts in all, not per episode
    assert judge.circuit_open.startswith("circuit open after 3 failures: ") and "no reply within" in judge.circuit_open
    if on_failure == "fallback":
        assert r.details["judge_error"] == judge.circuit_open and judge.stats.fallbacks == 4


def test_circuit_breaker_counts_consecutive_failures_only(fault_server, tmp_path):
    sc, trajs = _group(2)
    fault_server.script = ["500", "500", "ok", "500", "500", "ok"]
    judge = _judge(fault_server, tmp_path, use_cache=False, breaker_failures=3)
    for _ in range(2):
        assert [r.source for r in judge.judge_group(sc, trajs)] == ["llm"] * 2
    assert judge.circuit_open is None and fault_server.requests == 6


def test_dead_endpoint_costs_n_calls_per_run(tmp_path):
    from tests.servers import free_port

    sc, trajs = _group()
    judge = RulerJudge(LLMJudgeConfig(base_url=f"http://127.0.0.1:{free_port()}/v1", model="x", timeout_s=1,
                                      backoff_s=0.01, use_cache=False, breaker_failures=2))
    res = [judge.judge_group(sc, [t])[0] for t in trajs]
    assert judge.stats.requests == 2 and all(r.source == "fallback" for r in res)
    assert res[-1].details["judge_error"].startswith("circuit open after 2 failures: APIConnectionError")


@pytest.mark.parametrize("content", [b'{"bogus": [1]}', b"[1, 2]", b"{not json", b"null", b'"text"'])
@pytest.mark.parametrize("kind", ["ruler", "pointwise"])
def test_corrupt_cache_entry_is_a_reported_miss_and_overwritten(fault_server, tmp_path, content, kind):
    sc, trajs = _group(2)
    cfg = LLMJudgeConfig(base_url=fault_server.base_url, model="fault", timeout_s=1, backoff_s=0.01,
                         cache_dir=str(tmp_path / "c"))
    make = (lambda: RulerJudge(cfg)) if kind == "ruler" else (lambda: PointwiseLLMJudge(cfg))
    first = make().score_group(sc, trajs)
    files = [p for p in (tmp_path / "c").rglob("*.json")]
    assert files and fault_server.requests == len(files)
    for p in files:
        p.write_bytes(content)
    judge = make()
    again = judge.score_group(sc, trajs)  # no crash: a miss, called again ...
    assert [t for t, _ in again] == [t for t, _ in first] and all(c["judge_source"] == "llm" for _, c in again)
    assert fault_server.requests == 2 * len(files) and judge.stats.cache_corrupt == len(files)
    assert any("corrupt judge cache entry" in e for e in judge.stats.errors)
    assert all(p.read_bytes() != content for p in files)  # ... and overwritten
    third = make()
    third.score_group(sc, trajs)
    assert fault_server.requests == 2 * len(files) and third.stats.cache_hits == len(files)


@pytest.mark.parametrize("key", [SENTINEL, "plain-secret-token-4d2e1b"])
def test_secrets_redacted_from_recorded_errors(fault_server, tmp_path, monkeypatch, key):
    monkeypatch.setenv("OPENAI_API_KEY", key)
    sc, trajs = _group(2)
    fault_server.script = ["401_echo"] * 10
    judge = _judge(fault_server, tmp_path, use_cache=False)
    res = judge.judge_group(sc, trajs)
    assert fault_server.requests == 1  # a 401 is not retried
    assert all(r.source == "fallback" and "401" in r.details["judge_error"] for r in res)
    recorded = [r.details["judge_error"] for r in res] + judge.stats.errors
    assert all(key not in e and "Bearer " + key[:6] not in e for e in recorded)
    assert "[redacted]" in recorded[0]
    failing = _judge(fault_server, tmp_path, use_cache=False, on_failure="fail")
    with pytest.raises(JudgeError) as err:
        failing.judge_group(sc, trajs)
    assert key not in str(err.value) and key not in repr(err.value)


def test_redact_patterns():
    text = "Authorization: Bearer abc.def-123 key sk-proj-AbC123_xyz api_key=hunter22 and my-own-value-9"
    out = redact(text, ["my-own-value-9"])
    for secret in ("abc.def-123", "sk-proj-AbC123_xyz", "hunter22", "my-own-value-9"):
        assert secret not in out


# ---------------------------------------------------------------- summaries name the judge that scored

def _metrics(sources):
    from experiments.metrics import summarize

    rows = [{"scenario_id": f"s{i}", "trial": 0, "reward": 0.5, "components": {}, "turns": 3, "invalid_actions": 0,
             "terminated": True, "judge_source": src} for i, src in enumerate(sources)]
    return {**summarize(rows, 0.7, n_boot=10), "agent": "greedy", "judge": "ruler", "judge_version": "ruler-rubric-v1",
            "scenario_set": "default-v2", "split": "test", "limit": 4}


def test_summaries_show_the_judge_that_actually_scored():
    from experiments.leaderboard import markdown
    from experiments.metrics import judge_label

    m = _metrics(["fallback"] * 4)
    assert m["judge_sources"] == {"fallback": 4}
    assert judge_label(m, "ruler") == "ruler (4/4 fell back to rubric-v2)"
    ok = {**_metrics(["llm"] * 4), "agent": "oracle"}
    assert judge_label(ok, "ruler") == "ruler"
    md = markdown([m, ok])
    assert "judge ruler-rubric-v1, ruler-rubric-v1 (4/4 fell back to rubric-v2)" in md
    assert "fell back |" in md.splitlines()[0] and "| 4/4 |" in md and "| 0/4 |" in md
    assert "fell back" not in markdown([ok])  # no column when every episode was judged by the LLM


def test_benchmark_with_dead_judge_records_fallbacks(tmp_path):
    from experiments.evaluation import benchmark
    from experiments.metrics import judge_label
    from tests.servers import free_port

    judge = RulerJudge(LLMJudgeConfig(base_url=f"http://127.0.0.1:{free_port()}/v1", model="x", timeout_s=1,
                                      backoff_s=0.01, use_cache=False))
    m, rows = benchmark(GreedyKGAgent(), judge, ce.load_scenarios("default-v2", "test", limit=2), tmp_path, trials=2,
                        bootstrap=10, meta={"judge": "ruler"})
    assert m["judge_sources"] == {"fallback": 4} and {r["judge_source"] for r in rows} == {"fallback"}
    assert judge.stats.requests == 3  # the breaker: three failed calls for the whole run
    assert judge_label(m, "ruler") == "ruler (4/4 fell back to rubric-v2)"
