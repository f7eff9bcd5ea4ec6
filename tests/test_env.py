import json
import subprocess
import sys
import warnings

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import codreamer_env as ce
from agents.scripted import GreedyKGAgent, OracleAgent, RandomAgent, call
from codreamer_env import runner
from codreamer_env.actions import parse_action
from codreamer_env.vector import split_infos

SID = "default-v2/test/0004"


def _run(env, agent, sid=None, seed=None):
    obs, info = env.reset(seed=seed, options={"scenario_id": sid} if sid else None)
    total, done = 0.0, False
    while not done:
        obs, r, term, trunc, info = env.step(agent.act(obs, info))
        total += r
        done = term or trunc
    return total, info


def test_check_env_passes_without_warnings():
    env = gym.make(ce.ENV_ID)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_env(env.unwrapped)
    assert not [str(w.message) for w in caught if "gymnasium" in str(w.filename) or "env" in str(w.message).lower()]
    hard = gym.make(ce.HARD_ENV_ID)
    check_env(hard.unwrapped)
    assert hard.unwrapped.scenarios[0].difficulty == "hard"


def test_max_turns_default_is_the_scenario_sets():
    from codreamer_env.integrations.trl import SalesEmailToolEnv
    from codreamer_env.scenarios import MAX_TURNS, default_max_turns

    assert MAX_TURNS == {"default": 6, "hard": 10}  # what configs/env/{default,val,hard}.yaml say
    assert gym.make(ce.ENV_ID).unwrapped.max_turns == 6 and gym.make(ce.HARD_ENV_ID).unwrapped.max_turns == 10
    assert ce.SalesEmailEnv(scenarios=ce.load_scenarios("hard-v1")).max_turns == default_max_turns("hard") == 10
    assert ce.SalesEmailEnv(max_turns=3).max_turns == 3 and SalesEmailToolEnv()._env.max_turns == 6
    assert default_max_turns("default-v1") == default_max_turns("my-set") == 6
    with pytest.raises(ValueError, match="max_turns"):
        ce.SalesEmailEnv(max_turns=0)


def test_reset_contract():
    env = gym.make(ce.ENV_ID)
    obs, info = env.reset(seed=3, options={"scenario_id": SID})
    assert isinstance(obs, str) and ce.get_scenario(SID).prospect.name in obs and "get_relevant_context" in obs
    assert info["scenario_id"] == SID
    assert [m["role"] for m in info["messages"]] == ["system", "user"]
    assert {t["function"]["name"] for t in info["tools"]} == {"get_connected_nodes", "get_relevant_context", "finalize_email"}
    obs2, info2 = env.reset(seed=3)
    obs3, info3 = env.reset(seed=3)
    assert info2["scenario_id"] == info3["scenario_id"] and obs2 == obs3
    with pytest.raises(KeyError):
        env.reset(options={"scenario_id": "nope"})


def test_every_action_form_gives_the_same_call():
    args = {"node_id": "Customer Job", "k": 3}
    forms = [
        '<tool_call>{"name": "get_relevant_context", "arguments": {"node_id": "Customer Job", "k": 3}}</tool_call>',
        'Thinking... <tool_call>\n{"name": "get_relevant_context", "arguments": {"node_id": "Customer Job", "k": 3}}',
        '{"name": "get_relevant_context", "arguments": {"node_id": "Customer Job", "k": 3}}',
        '{"tool": "get_relevant_context", "args": {"node_id": "Customer Job", "k": 3}}',
        '```json\n{"name": "get_relevant_context", "arguments": {"node_id": "Customer Job", "k": 3}}\n```',
        'get_relevant_context("Customer Job", k=3)',
        "Let me call get_relevant_context(node_id='Customer Job', k=3).",
        {"id": "c1", "type": "function", "function": {"name": "get_relevant_context", "arguments": json.dumps(args)}},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "c1", "type": "function", "function": {"name": "get_relevant_context", "arguments": json.dumps(args)}}]},
        {"name": "get_relevant_context", "arguments": args},
    ]
    env = gym.make(ce.ENV_ID).unwrapped
    observations = []
    for form in forms:
        parsed = parse_action(form)
        assert [(c.name, c.arguments) for c in parsed.calls] == [("get_relevant_context", args)], form
        env.reset(options={"scenario_id": SID})
        obs, *_ = env.step(form)
        observations.append(obs)
    assert len(set(observations)) == 1


def test_several_calls_run_in_order_and_finalize_stops():
    env = gym.make(ce.ENV_ID).unwrapped
    env.reset(options={"scenario_id": SID})
    action = (call("get_connected_nodes", node_id="Customer Job") + call("get_relevant_context", node_id="Customer Job")
              + call("finalize_email", subject="s", body="b", citations=[]) + call("get_connected_nodes", node_id="x"))
    obs, r, term, trunc, info = env.step(action)
    assert info["tool_calls"] == ["get_connected_nodes", "get_relevant_context", "finalize_email", "get_connected_nodes"]
    assert term and not trunc and info["step_invalid"] == 1 and info["step_executed"] == 3
    assert obs.index("Nodes connected") < obs.index("Context from") < obs.index("Email finalized")
    tool_msgs = [m for m in info["messages"] if m["role"] == "tool"]
    assert [m["tool_call_id"] for m in tool_msgs] == [f"call_1_{k}" for k in range(4)]


def test_readable_errors_for_unknown_nodes_bad_arguments_and_no_call():
    env = gym.make(ce.ENV_ID).unwrapped
    env.reset(options={"scenario_id": SID})
    obs, r, *_ , info = env.step(call("get_connected_nodes", node_id="Custmer Job"))
    assert "Unknown node id 'Custmer Job'" in obs and "'Customer Job'" in obs and info["step_invalid"] == 1
    obs, *_, info = env.step(call("get_relevant_context", node_id="Customer Job", k=99, color="red"))
    assert "argument 'k'" in obs and "unexpected argument 'color'" in obs
    obs, *_, info = env.step(call("send_email", to="x"))
    assert "Unknown tool 'send_email'" in obs
    obs, *_, info = env.step("I think the email should mention invoices.")
    assert obs.startswith("No tool call found") and "<tool_call>" in obs
    obs, *_, info = env.step('<tool_call>{"name": "get_connected_nodes", "arguments": {"node_id": </tool_call>')
    assert "could not parse" in obs
    assert info["invalid_actions"] == 5


def test_truncation_at_max_turns_scores_no_email():
    env = gym.make(ce.ENV_ID, max_turns=3).unwrapped
    env.reset(options={"scenario_id": SID})
    for t in range(3):
        obs, r, term, trunc, info = env.step(call("get_connected_nodes", node_id="Customer Job"))
        assert not term
        assert trunc == (t == 2)
    assert r == 0.0 and info["reward_components"]["gate"] == 0.0
    traj = info["trajectory"]
    assert traj.truncated and traj.final_email is None and len(traj.turns) == 3
    assert "Turn limit reached" in obs
    obs, r, term, trunc, info = env.step("anything")  # stepping a finished episode answers, never raises
    assert "episode is over" in obs and trunc


def test_gold_path_agent_beats_trap_citing_agent():
    env = gym.make(ce.ENV_ID).unwrapped
    sc = ce.get_scenario(SID)
    gold_total, info = _run(env, OracleAgent(), SID)

    class TrapAgent:
        def act(self, obs, info):
            traps = [t.node_id for t in sc.traps if t.kind in ("competitor", "compliance")]
            if len(info["messages"]) == 2:
                return call("get_relevant_context", node_id=traps[0], k=1)
            texts = [sc.graph().content(t) for t in traps]
            return call("finalize_email", subject=f"{sc.prospect.company}", citations=traps,
                        body=f"Hi {sc.prospect.first_name},\n\n{' '.join(texts)}\n\nCan we talk next week?")

    trap_total, trap_info = _run(env, TrapAgent(), SID)
    assert gold_total > 0.8 and trap_total < 0.5 and gold_total > trap_total + 0.4


def test_render_ansi():
    env = gym.make(ce.ENV_ID, render_mode="ansi")
    _run(env, GreedyKGAgent(), SID)
    text = env.render()
    assert "=== default-v2/test/0004" in text and "[tool get_relevant_context]" in text
    assert "--- final email ---" in text and "reward components" in text
    assert gym.make(ce.ENV_ID).unwrapped.render() is None  # no render_mode: nothing to render


def test_record_episode_statistics():
    env = gym.wrappers.RecordEpisodeStatistics(gym.make(ce.ENV_ID))
    total, info = _run(env, GreedyKGAgent(), SID)
    assert info["episode"]["r"] == pytest.approx(total) and info["episode"]["l"] == 3


def test_shaped_tool_reward_wrapper():
    env = ce.ShapedToolReward(gym.make(ce.ENV_ID), invalid_penalty=0.1, gold_bonus=0.05)
    env.reset(options={"scenario_id": SID})
    _, r, *_, info = env.step("no call here")
    assert r == pytest.approx(-0.1) and info["env_reward"] == 0.0
    _, r, *_, info = env.step(call("get_relevant_context", node_id="Customer Job"))
    assert r > 0 and info["shaping"] == pytest.approx(0.05 * len(set(env.unwrapped.retrieved_nodes) & set(ce.get_scenario(SID).gold_nodes)))
    _, r, *_ = env.step(call("get_relevant_context", node_id="Customer Job"))
    assert r == 0.0  # no new gold nodes, no bonus twice


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_vector_env_runs_100_episodes_with_autoreset(mode):
    n = 4
    envs = gym.make_vec(ce.ENV_ID, num_envs=n, vectorization_mode=mode)
    agent = OracleAgent()
    obs, infos = envs.reset(seed=7)
    episodes, returns = 0, []
    per_env = split_infos(infos, n)
    while episodes < 100:
        actions = tuple(agent.act(o, i) if "messages" in i else "reset" for o, i in zip(obs, per_env, strict=True))
        obs, rew, term, trunc, infos = envs.step(actions)
        per_env = split_infos(infos, n)
        for k in range(n):
            if term[k] or trunc[k]:
                episodes += 1
                returns.append(float(rew[k]))
    envs.close()
    assert episodes >= 100 and np.mean(returns) > 0.8


def test_group_rollout_scores_the_group_together():
    seen = []

    class RecordingJudge(ce.RubricJudge):
        def score_group(self, scenario, trajectories):
            seen.append(len(trajectories))
            return super().score_group(scenario, trajectories)

    judge = RecordingJudge()
    envs = [ce.SalesEmailEnv(reward_model=judge) for _ in range(4)]
    jobs = [runner.Job(SID, k, 1 + k) for k in range(4)]
    res = runner.evaluate(OracleAgent(), judge, [ce.get_scenario(SID)], jobs=jobs, envs=envs)
    assert seen == [4] and len(res) == 4 and len({ep.trajectory.id for ep in res}) == 1
    assert all(ep.reward > 0.8 for ep in res)
    # A random policy gives a group with spread; every member is scored in the one group call.
    res = runner.evaluate(RandomAgent(seed=3), judge, [ce.get_scenario(SID)], jobs=jobs, envs=envs)
    assert seen == [4, 4] and len({ep.trajectory.id for ep in res}) > 1
    assert all(ep.reward == pytest.approx(judge.score(ce.get_scenario(SID), ep.trajectory.final_email, ep.trajectory).total)
               for ep in res)


def _episode_digest(seed: int) -> str:
    env = gym.make(ce.ENV_ID)
    agent = RandomAgent(seed=seed)
    out = []
    for ep in range(5):
        obs, info = env.reset(seed=seed + ep)
        done = False
        while not done:
            obs, r, term, trunc, info = env.step(agent.act(obs, info))
            out.append(obs)
            done = term or trunc
        out.append(f"{info['trajectory'].id} {r!r}")
    return "\n".join(out)


def test_determinism_across_processes():
    code = "from tests.test_env import _episode_digest; import sys; sys.stdout.write(_episode_digest(11))"
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": str(h), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}).stdout
            for h in (1, 2)]
    assert runs[0] == runs[1] and len(runs[0]) > 1000
    assert runs[0] == _episode_digest(11)


_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=10,
)
_names = st.sampled_from(["get_connected_nodes", "get_relevant_context", "finalize_email", "nope", ""])
_actions = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=50),
    st.builds(lambda n, a: f'<tool_call>{{"name": "{n}", "arguments": {json.dumps(a)}}}</tool_call>',
              _names, st.dictionaries(st.sampled_from(["node_id", "k", "radius", "subject", "body", "citations", "x"]),
                                      _json_value, max_size=4)),
    st.builds(lambda n, a, cut: f'<tool_call>{{"name": "{n}", "arguments": {json.dumps(a)}'[:cut],
              _names, st.dictionaries(st.text(max_size=5), _json_value, max_size=3), st.integers(0, 80)),
    st.builds(lambda n, s: f"{n}({s})", _names, st.text(max_size=40)),
    st.dictionaries(st.sampled_from(["name", "arguments", "tool_calls", "role", "function", "type", "id"]),
                    _json_value, max_size=5),
    st.lists(_json_value, max_size=3),
    st.integers() | st.none() | st.floats(),
    st.integers(10_000, 120_000).map(lambda n: "x" * n),
    st.binary(max_size=40),
)


class _Stepper:
    def __init__(self):
        self.env = gym.make(ce.ENV_ID, max_turns=6).unwrapped
        self.env.reset(seed=0)
        self.count = 0

    def step(self, action):
        self.count += 1
        obs, r, term, trunc, info = self.env.step(action)
        assert isinstance(obs, str) and isinstance(r, float)
        assert info["step_invalid"] + info["step_executed"] >= 1
        assert info["step_invalid"] + info["step_executed"] >= len(info["tool_calls"])
        if term or trunc:
            self.env.reset()


_stepper = _Stepper()


@settings(max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(_actions)
def test_fuzzed_actions_never_raise(action):
    _stepper.step(action)


@pytest.mark.parametrize("action", ["finalize_email(999999999999999999999999999999)", 'get_connected_nodes(b"x")',
                                    "get_connected_nodes({1, 2})", {"name": "get_connected_nodes",
                                                                     "arguments": {"node_id": object()}},
                                    {"name": "finalize_email", "arguments": {"subject": 2**70}}])
def test_arguments_that_are_not_json_values_are_an_error_not_an_exception(action):
    env = gym.make(ce.ENV_ID).unwrapped
    env.reset(seed=0)
    obs, _r, _term, _trunc, info = env.step(action)
    assert info["step_invalid"] >= 1 and "Error" in obs


def test_fuzz_ran_5000_examples():
    assert _stepper.count >= 5000


def test_trajectory_json_roundtrip_is_validated():
    env = gym.make(ce.ENV_ID).unwrapped
    _, info = _run(env, GreedyKGAgent(), SID)
    traj = info["trajectory"]
    again = ce.Trajectory.model_validate_json(traj.model_dump_json())
    assert again == traj and again.id == traj.id
    assert isinstance(again.turns[0].calls[0], ce.ToolCall)
    bad = json.loads(traj.model_dump_json())
    bad["turns"][0]["results"][0]["ok"] = "maybe"
    with pytest.raises(Exception, match="ok"):
        ce.Trajectory.model_validate(bad)
    tampered = json.loads(traj.model_dump_json())
    tampered["final_email"]["body"] += " P.S."
    with pytest.raises(Exception, match="does not match its content"):
        ce.Trajectory.model_validate(tampered)


# ---------------------------------------------------------------- adversarial actions (an env that never breaks)
def _deep(n):
    d = "x"
    for _ in range(n):
        d = [d]
    return d


_LONE = "\ud800"
_ODD_ACTIONS = [
    f'Thinking {_LONE}... get_connected_nodes("Customer Job")',  # prose with a lone surrogate
    f'<tool_call>{{"name": "get_connected_nodes", "arguments": {{"node_id": "Customer{_LONE}"}}}}</tool_call>',
    f'finalize_email("Hi", "Body {_LONE}", [])',
    'get_connected_nodes("\\ud800")',  # an escape that makes a lone surrogate argument
    {"name": f"get_{_LONE}", "arguments": {}},
    {"id": f"c{_LONE}", "type": "function", "function": {"name": "get_connected_nodes", "arguments": "{}"}},
    {"role": "assistant", "content": f"hm {_LONE}", "tool_calls": [
        {"type": "function", "function": {"name": "get_connected_nodes", "arguments": {"node_id": "Customer Job"}}}]},
    {"role": "assistant", "content": f"no call {_LONE}"},
    {"name": "get_connected_nodes", "arguments": {"node_id": _LONE}},
    {"name": "get_connected_nodes", "arguments": {1: "x"}},
    {"name": "get_connected_nodes", "arguments": {"node_id": b"x"}},
    {"name": "get_connected_nodes", "arguments": {"node_id": {1, 2}}},
    {"name": "get_connected_nodes", "arguments": {"node_id": 2**70}},
    {"name": "get_connected_nodes", "arguments": {"node_id": _deep(300)}},
    [{"name": "get_connected_nodes", "arguments": {"node_id": _deep(2000)}}],
    {"name": "get_connected_nodes", "arguments": {"node_id": "x"}, "extra": object()},
]


@pytest.mark.parametrize("action", _ODD_ACTIONS, ids=range(len(_ODD_ACTIONS)))
def test_odd_actions_give_an_observation_and_a_trajectory_that_saves_and_has_an_id(action):
    env = gym.make(ce.ENV_ID, max_turns=1).unwrapped
    env.reset(options={"scenario_id": SID})
    obs, r, term, trunc, info = env.step(action)
    assert isinstance(obs, str) and (term or trunc)
    traj = info["trajectory"]
    json.dumps(info["messages"])  # the chat so far is JSON (no lone surrogate, no Python object)
    again = ce.Trajectory.model_validate_json(traj.model_dump_json())
    assert again.id == traj.id and len(traj.id) == 16
    if isinstance(action, dict) and "arguments" in action and action["name"] == "get_connected_nodes":
        assert info["step_invalid"] >= 1 and "Error" in obs  # arguments that are not JSON values: an error


def test_lone_surrogates_read_as_replacement_characters():
    parsed = parse_action(f'get_connected_nodes("Customer{_LONE}Job")')
    assert [c.arguments for c in parsed.calls] == [{"node_id": "Customer\ufffdJob"}] and "\ufffd" in parsed.text
    assert parse_action({"name": f"x{_LONE}"}).calls[0].name == "x\ufffd"
    assert parse_action('get_connected_nodes("\\ud800")').errors  # escaped: not a JSON value, an error


def test_content_id_is_defined_for_any_text_and_unchanged_for_valid_text():
    import hashlib

    import orjson

    from codreamer_env.trajectory import content_id

    for obj in ({"b": [1, 2.5, None, True], "a": "é \u2028 text"}, ["x"], {"m": [{"role": "user", "content": "hi"}]}):
        assert content_id(obj) == hashlib.sha256(orjson.dumps(obj, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]
    ids = {content_id({"t": s}) for s in (_LONE, "\udc00", "\ufffd", "\\ud800", "\ud800\udc00", "\U00010000")}
    assert len(ids) == 6  # a lone surrogate has its own id, never that of the character it is not
    traj = ce.Trajectory(scenario_id=SID, messages=[{"role": "assistant", "content": _LONE}])
    assert traj.id == ce.Trajectory(scenario_id=SID, messages=[{"role": "assistant", "content": _LONE}]).id


@pytest.mark.parametrize("shape", ["dict", "list", "message", "text"])
def test_one_size_cap_for_every_action_form(shape):
    from codreamer_env.actions import MAX_ACTION_CHARS

    body = "word " * (MAX_ACTION_CHARS // 5 + 10)
    one = {"name": "finalize_email", "arguments": {"subject": "s", "body": body, "citations": []}}
    action = {"dict": one, "list": [one], "text": f"<tool_call>{json.dumps(one)}</tool_call>",
              "message": {"role": "assistant", "content": None, "tool_calls": [
                  {"type": "function", "function": {"name": "finalize_email", "arguments": json.dumps(one["arguments"])}}]},
              }[shape]
    env = gym.make(ce.ENV_ID).unwrapped
    env.reset(options={"scenario_id": SID})
    obs, r, term, trunc, info = env.step(action)
    assert not term and info["step_invalid"] == 1 and "the limit is 50000" in obs
    small = {"name": "finalize_email", "arguments": {"subject": "s", "body": "b" * (MAX_ACTION_CHARS - 200), "citations": []}}
    assert env.step(small)[2]  # just under the cap: accepted


def test_pathological_texts_parse_and_judge_in_linear_time():
    # These ran for seconds to hours (quadratic or cubic regex backtracking); no timing is asserted here (speed
    # lives in benchmarks/adversarial_actions.py), but on the old code the test does not finish.
    from codreamer_env.rewards import text as T

    assert "could not parse" in parse_action("get_connected_nodes(" * 2400).errors[0]
    assert not parse_action("```" + " " * 49_000).calls
    assert parse_action("```json\n" + call("get_connected_nodes", node_id="a") + "```").calls
    assert not T.has_placeholder("{" + " " * 49_000) and not T.has_placeholder("[A" + " " * 49_000)
    assert not T.has_placeholder("[insert" * 7_000) and T.has_placeholder("[insert" * 7_000 + "]")
    assert T.has_placeholder("{ }") and T.has_placeholder("{{ first_name }}") and T.has_placeholder("< FIRST NAME >")
    env = gym.make(ce.ENV_ID).unwrapped
    judge = ce.RubricJudgeV1()
    for body in ("{" + " " * 49_000, "[A" + " " * 49_000, "<A" + " " * 49_000):
        env.reset(options={"scenario_id": SID})
        *_, info = env.step({"name": "finalize_email", "arguments": {"subject": "Hi", "body": body, "citations": []}})
        traj = info["trajectory"]
        assert 0.0 <= judge.score(ce.get_scenario(SID), traj.final_email, traj).total <= 1.0


def test_a_python_call_inside_another_calls_arguments_is_not_run():
    parsed = parse_action('finalize_email("s", "see get_connected_nodes(\'x\') here", [])')
    assert [c.name for c in parsed.calls] == ["finalize_email"] and not parsed.errors


def test_async_vector_env_survives_fuzzed_actions():
    # (nesting 2,000 deep cannot be pickled to the worker: that fails in the caller, before any env sees it)
    cases = [a for a in _ODD_ACTIONS if not isinstance(a, list)] + ["get_connected_nodes(" * 2400, "```" + " " * 49_000, "x" * 60_000,
                            {"name": "finalize_email", "arguments": {"subject": "s", "body": "b" * 1_000_000}}]
    envs = gym.make_vec(ce.ENV_ID, num_envs=2, vectorization_mode="async", max_turns=2)
    try:
        envs.reset(seed=0)
        ends = 0
        for k in range(0, len(cases), 2):
            pair = tuple(cases[k: k + 2]) + (("no call",) if k + 1 == len(cases) else ())
            obs, rew, term, trunc, infos = envs.step(pair)
            assert all(isinstance(o, str) for o in obs)
            for j in range(2):
                if term[j] or trunc[j]:
                    ends += 1
                    traj = split_infos(infos, 2)[j]["trajectory"]
                    assert len(traj.id) == 16 and ce.Trajectory.model_validate_json(traj.model_dump_json()).id == traj.id
                    assert traj.final_email is None or len(traj.final_email.body) < 50_000  # the 1 MB body: refused
        assert ends >= 2
    finally:
        envs.close()
