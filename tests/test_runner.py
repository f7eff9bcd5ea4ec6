"""codreamer_env.runner: jobs, lockstep play, the one grouping place (score), evaluate; with the real env."""

import dataclasses

import pytest

import codreamer_env as ce
from agents.base import BaseAgent
from agents.scripted import GreedyKGAgent, InstructionFollowingAgent, OracleAgent
from codreamer_env import runner

SCENARIOS = ce.load_scenarios("default-v2", "test", limit=4)


class RecordingJudge(ce.RubricJudge):
    def __init__(self):
        super().__init__()
        self.groups = []

    def score_group(self, scenario, trajectories):
        self.groups.append((scenario.id, len(trajectories)))
        return super().score_group(scenario, trajectories)


def test_evaluate_never_splits_a_scenario_group_across_batches():
    judge = RecordingJudge()
    eps = runner.evaluate(GreedyKGAgent(), judge, SCENARIOS, trials=3, seed=0, batch_size=8)
    assert [n for _sid, n in judge.groups] == [3, 3, 3, 3] and len(eps) == 12
    assert [ep.job for ep in eps] == runner.make_jobs(SCENARIOS, trials=3, seed=0)  # job order kept
    judge.groups.clear()
    runner.evaluate(GreedyKGAgent(), judge, SCENARIOS, trials=3, seed=0, batch_size=8, group_by="episode")
    assert [n for _sid, n in judge.groups] == [1] * 12


def test_score_shuffles_within_groups_and_returns_episodes_in_their_order():
    played = runner.play(OracleAgent(SCENARIOS), runner.make_jobs(SCENARIOS[:2], trials=2),
                         lambda: ce.SalesEmailEnv(scenarios=SCENARIOS))
    plain = runner.score(ce.RubricJudge(), played, SCENARIOS)
    shuffled = runner.score(ce.RubricJudge(), played, {s.id: s for s in SCENARIOS}, shuffle=3)
    assert [e.reward for e in plain] == [e.reward for e in shuffled] and all(e.reward > 0.5 for e in plain)
    assert all(e.reward is None for e in played)  # play leaves episodes unscored; score returns copies


def test_batch_size_zero_or_larger_than_the_jobs_plays_everything():
    jobs = runner.make_jobs(SCENARIOS, trials=1)
    for size in (0, 1, 100):
        eps = runner.evaluate(GreedyKGAgent(), ce.RubricJudge(), SCENARIOS, jobs=jobs, batch_size=size)
        assert [e.job for e in eps] == jobs


def test_fixed_envs_set_the_batch_and_a_single_env_works():
    envs = [ce.SalesEmailEnv(scenarios=SCENARIOS) for _ in range(2)]
    eps = runner.play(GreedyKGAgent(), runner.make_jobs(SCENARIOS), envs)
    assert len(eps) == 4
    assert len(runner.play(GreedyKGAgent(), runner.make_jobs(SCENARIOS[:1]), envs[0])) == 1
    with pytest.raises(ValueError, match="more envs"):
        runner.play(GreedyKGAgent(), runner.make_jobs(SCENARIOS), envs, batch_size=3)


def test_an_agent_missing_protocol_methods_gets_a_clear_error():
    class Plain:
        def act_batch(self, observations, infos):
            return ["" for _ in observations]

    with pytest.raises(TypeError, match="lacks name, reset, begin_batch, usage"):
        runner.play(Plain(), runner.make_jobs(SCENARIOS[:1]), lambda: ce.SalesEmailEnv(scenarios=SCENARIOS))

    class Minimal(runner.Agent):  # only act: the protocol's defaults do the rest
        def act(self, observation, info):
            return GreedyKGAgent().act(observation, info)

    (ep,) = runner.evaluate(Minimal(), ce.RubricJudge(), SCENARIOS[:1])
    assert ep.usage == {"prompt_tokens": 0, "completion_tokens": 0} and ep.to_row("minimal")["agent"] == "minimal"


def test_each_job_plays_its_own_system_prompt_and_seed():
    prompts = {"a": "Be brief. " + ce.SalesEmailEnv().system_prompt, "b": ""}
    jobs = [runner.Job(SCENARIOS[0].id, 0, 7, prompts["a"]), runner.Job(SCENARIOS[0].id, 0, 7, prompts["b"])]
    eps = runner.play(InstructionFollowingAgent(), jobs, lambda: ce.SalesEmailEnv(scenarios=SCENARIOS))
    assert [e.trajectory.messages[0]["content"] for e in eps] == [prompts["a"], ""]  # "" is a prompt too
    with pytest.raises(ValueError, match="observation space"):
        ce.SalesEmailEnv(scenarios=SCENARIOS).reset(options={"system_prompt": "x" * 20_000})


def test_unscored_episodes_have_no_row_and_the_brief_is_read_only():
    (ep,) = runner.play(GreedyKGAgent(), runner.make_jobs(SCENARIOS[:1], seed=None), ce.SalesEmailEnv(scenarios=SCENARIOS))
    with pytest.raises(ValueError, match="unscored"):
        ep.to_row("greedy")
    (scored,) = runner.score(ce.RubricJudge(), [ep], SCENARIOS)
    assert scored.to_row("greedy")["seed"] is None  # an unseeded job says so
    env = ce.SalesEmailEnv(scenarios=SCENARIOS)
    _obs, info = env.reset(options={"scenario_id": SCENARIOS[0].id})
    assert info["brief"].company == SCENARIOS[0].prospect.company
    with pytest.raises(dataclasses.FrozenInstanceError):
        info["brief"].company = "Other"


def test_base_agent_is_the_protocol():
    assert isinstance(GreedyKGAgent(), runner.Agent) and runner.Agent in BaseAgent.__mro__
    assert OracleAgent().is_reference and not GreedyKGAgent().is_reference
