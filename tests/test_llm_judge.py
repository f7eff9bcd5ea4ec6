"""LLM judges against real loopback servers: a fault-injection server, and llama.cpp serving SmolLM2."""

import asyncio
import time

import pytest

import codreamer_env as ce
from agents.base import BaseAgent
from agents.scripted import GreedyKGAgent, OracleAgent, RandomAgent
from codreamer_env import runner
from codreamer_env.rewards.llm_judge import LLMJudgeConfig, PointwiseLLMJudge, RulerJudge

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
