"""The env service (codreamer_env.service): a real `codreamer-serve` process on a free loopback port, played by
the real client through gymnasium.make(..., remote=url), by raw WebSocket frames, and by killed processes."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import gymnasium as gym
import pytest
from websockets.sync.client import connect

import codreamer_env as ce
from agents.scripted import GreedyKGAgent, OracleAgent, RandomAgent, call
from codreamer_env import runner
from codreamer_env.service import EnvServiceBusy, EnvServiceError, SalesEmailObservation
from codreamer_env.service.client import _LEGACY
from codreamer_env.service.server import main as serve_main

ROOT = Path(__file__).resolve().parents[1]


class Server:
    """A codreamer-serve subprocess."""

    def __init__(self, *args: str, port: int = 0) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "codreamer_env.service.server", "--port", str(port), *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        line = self.proc.stdout.readline()
        m = re.search(r"ws://([\d.]+):(\d+)/ws", line)
        if m is None:
            self.proc.kill()
            raise RuntimeError(f"server did not start: {line!r} {self.proc.stderr.read()}")
        self.port = int(m.group(2))
        self.url = f"ws://127.0.0.1:{self.port}"

    def get(self, path: str) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read())

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


@pytest.fixture(scope="module")
def server():
    s = Server("--max-sessions", "16")
    yield s
    s.stop()


def remote(url: str):
    return gym.make("codreamer/SalesEmail-v0", remote=url)


def raw(url: str):
    return connect(url + "/ws", compression=None, **_LEGACY)


def wait_for(pred, timeout: float = 10.0) -> bool:
    t0 = time.time()
    while time.time() - t0 < timeout:
        if pred():
            return True
        time.sleep(0.05)
    return False


# ----------------------------------------------------------------------------------------- conformance
@pytest.mark.parametrize("agent", [GreedyKGAgent(), OracleAgent(), RandomAgent(seed=5)], ids=lambda a: a.name)
def test_fifty_seeded_episodes_are_the_same_locally_and_through_the_service(server, agent):
    scenarios = ce.load_scenarios(ce.DEFAULT_SET, "test")[:25]
    jobs = runner.make_jobs(scenarios, trials=2, seed=11)  # 50 seeded episodes
    judge = ce.RubricJudge()
    remote_pool = runner.EnvPool(lambda: remote(server.url))
    played = runner.play(agent, jobs, remote_pool, batch_size=8)
    for env in remote_pool.envs:
        env.close()
    local = runner.play(agent, jobs, runner.EnvPool(lambda: ce.SalesEmailEnv(scenarios=scenarios)), batch_size=8)
    assert [e.trajectory.id for e in played] == [e.trajectory.id for e in local]
    assert [e.trajectory.model_dump() for e in played] == [e.trajectory.model_dump() for e in local]
    by_id = {s.id: s for s in scenarios}
    assert ([e.reward for e in runner.score(judge, played, by_id)]
            == [e.reward for e in runner.score(judge, local, by_id)])


def test_the_servers_judged_final_step_and_every_info_match_the_local_env(server):
    local = ce.SalesEmailEnv()
    env = remote(server.url)
    agent = GreedyKGAgent()
    for seed in range(6):
        lo, li = local.reset(seed=seed)
        ro, ri = env.reset(seed=seed)
        assert (ro, ri) == (lo, li)
        done = False
        while not done:
            action = agent.act(lo, li)
            lo, lr, lt, ltr, li = local.step(action)
            ro, rr, rt, rtr, ri = env.step(action)
            assert (ro, rr, rt, rtr) == (lo, lr, lt, ltr)
            assert list(ri) == list(li)  # same keys, same order
            assert {k: v for k, v in ri.items() if k != "trajectory"} == {k: v for k, v in li.items() if k != "trajectory"}
            done = lt or ltr
        assert ri["trajectory"].model_dump() == li["trajectory"].model_dump() and lr > 0
        assert env.unwrapped.trajectory.id == li["trajectory"].id
    env.close()


def test_actions_of_every_kind_give_the_local_observations(server):
    actions = ["no call here", "\ud800<tool_call>{bad", {"role": "assistant", "content": None, "tool_calls": []},
               [{"name": "get_connected_nodes", "arguments": {"node_id": "Customer Job"}}], ("a", 1), b"<tool_call>x",
               None, 3.5, object(), {"name": "get_relevant_context", "arguments": {"node_id": "Customer Job", "k": 2}},
               call("finalize_email", subject="Hi", body="Hello there.", citations=[])]
    local = ce.SalesEmailEnv()
    env = remote(server.url)
    for i, a in enumerate(actions):
        if i % 4 == 0:  # a fresh episode every 4 actions (the turn limit is 6)
            assert env.reset(seed=i) == local.reset(seed=i)
        lo = local.step(a)
        ro = env.step(a)
        assert ro[:4] == lo[:4], a
    env.close()


def test_gym_make_remote_checks_its_settings_against_the_server(server):
    env = remote(server.url)
    assert env.unwrapped.scenario_set == ce.DEFAULT_SET and env.unwrapped.max_turns >= 1
    env.reset(seed=0)
    assert env.unwrapped.scenario.id == env.unwrapped.state().scenario_id  # resolved here from the same set
    env.close()
    with pytest.raises(ValueError, match="start codreamer-serve with --set"):
        gym.make("codreamer/SalesEmail-hard-v0", remote=server.url)
    with pytest.raises(TypeError, match="max_turns"):
        gym.make("codreamer/SalesEmail-v0", remote=server.url, max_turns=3)
    assert isinstance(gym.make("codreamer/SalesEmail-v0").unwrapped, ce.SalesEmailEnv)  # local as before


def test_sessions_are_isolated_when_interleaved(server):
    envs = [remote(server.url) for _ in range(3)]
    ids = ce.load_scenarios(ce.DEFAULT_SET, "test")
    for k, env in enumerate(envs):
        env.reset(options={"scenario_id": ids[k].id})
    for _ in range(2):
        for env in envs:
            env.step(call("get_connected_nodes", node_id="Customer Job"))
    for k, env in enumerate(envs):
        st = env.unwrapped.state()
        assert (st.scenario_id, st.step_count) == (ids[k].id, 2)
        assert env.unwrapped.episode_trajectory().scenario_id == ids[k].id
    assert len({env.unwrapped.state().session_id for env in envs}) == 3
    for env in envs:
        env.close()


# ----------------------------------------------------------------------------------------- protocol
def test_http_endpoints_and_openenv_frames(server):
    status, health = server.get("/health")
    assert status == 200 and health["status"] == "healthy" and health["max_sessions"] == 16
    status, schema = server.get("/schema")
    assert status == 200 and set(schema) == {"action", "observation", "state"}
    assert "action" in schema["action"]["properties"]
    assert server.get("/metadata")[1]["name"] == "codreamer/SalesEmail-v0"
    assert server.get("/env")[1]["scenario_set"] == ce.DEFAULT_SET
    assert server.get("/nope")[0] == 404
    with raw(server.url) as ws:  # a plain OpenEnv client: whole info in every observation
        ws.send(json.dumps({"type": "reset", "data": {"seed": 1}}))
        reset = json.loads(ws.recv())
        ws.send(json.dumps({"type": "step", "data": {"action": call("get_connected_nodes", node_id="Customer Job")}}))
        step = json.loads(ws.recv())
        ws.send(json.dumps({"type": "state"}))
        state = json.loads(ws.recv())
    for frame in (reset, step):
        assert frame["type"] == "observation" and set(frame["data"]) == {"observation", "reward", "done"}
        obs = SalesEmailObservation.model_validate({**frame["data"]["observation"], "reward": frame["data"]["reward"],
                                                    "done": frame["data"]["done"]})
        assert obs.info.tools and obs.info.brief
    assert reset["data"]["reward"] is None and len(step["data"]["observation"]["info"]["messages"]) == 4
    assert state["type"] == "state" and state["data"]["step_count"] == 1


def test_malformed_frames_get_an_error_frame_and_the_session_goes_on(server):
    bad = [("not json {", "INVALID_JSON"), (b"\x00\x01", "INVALID_JSON"), ("[1, 2]", "VALIDATION_ERROR"),
           ('{"type": "launch"}', "UNKNOWN_TYPE"), ('{"type": "step", "data": {"action": "x"}}', "RESET_NEEDED"),
           ('{"type": "step", "data": {"action": "x", "bogus": 1}}', "VALIDATION_ERROR"),
           ('{"type": "step", "data": 7}', "VALIDATION_ERROR"),
           ('{"type": "reset", "data": {"seed": "abc"}}', "VALIDATION_ERROR"),
           ('{"type": "reset", "data": {"options": {"scenario_id": "no/such/0001"}}}', "EXECUTION_ERROR"),
           ('{"type": "trajectory"}', "RESET_NEEDED"), ("[" * 100_000, "INVALID_JSON")]
    with raw(server.url) as ws:
        for frame, code in bad:
            ws.send(frame)
            reply = json.loads(ws.recv(timeout=10))
            assert reply["type"] == "error" and reply["data"]["code"] == code, (frame[:40], reply)
            assert "\n" not in reply["data"]["message"]
        ws.send(json.dumps({"type": "reset", "data": {"seed": 2}}))
        assert json.loads(ws.recv())["type"] == "observation"
        ws.send(json.dumps({"type": "step", "data": {"action": "hello"}}))
        assert json.loads(ws.recv())["data"]["observation"]["info"]["step_invalid"] == 1
    env = remote(server.url)  # the server still serves others
    with pytest.raises(KeyError, match="not in this env's scenario set"):
        env.reset(options={"scenario_id": "no/such/0001"})  # the env's own error, as in-process
    with pytest.raises(gym.error.ResetNeeded):
        env.unwrapped.step("x")
    env.reset(seed=0)
    env.close()


# ----------------------------------------------------------------------------------------- faults
HOLDER = textwrap.dedent("""
    import sys, time, gymnasium as gym, codreamer_env
    env = gym.make("codreamer/SalesEmail-v0", remote=sys.argv[1])
    env.reset(seed=0)
    env.step('<tool_call>{"name": "get_connected_nodes", "arguments": {"node_id": "Customer Job"}}</tool_call>')
    print("ready", flush=True)
    time.sleep(600)
""")


def test_a_killed_client_frees_its_session_and_the_limit_answers_busy():
    srv = Server("--max-sessions", "1")
    try:
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, srv.url], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert holder.stdout.readline().strip() == "ready"
        assert srv.get("/health")[1]["active_sessions"] == 1
        t0 = time.time()
        with pytest.raises(EnvServiceBusy) as busy:
            remote(srv.url)
        assert time.time() - t0 < 5 and "busy" in str(busy.value) and "\n" not in str(busy.value)
        with raw(srv.url) as ws:  # a plain OpenEnv client is told too, then closed
            reply = json.loads(ws.recv(timeout=5))
            assert reply["data"]["code"] == "CAPACITY_REACHED"
        holder.kill()  # mid-episode, no close frame
        holder.wait()
        assert wait_for(lambda: srv.get("/health")[1]["active_sessions"] == 0)
        env = remote(srv.url)
        env.reset(seed=1)
        env.close()
        assert srv.get("/health")[1]["sessions_rejected"] == 2
    finally:
        srv.stop()


def test_an_idle_session_is_closed_and_reset_opens_a_new_one():
    srv = Server("--idle-timeout", "0.5")
    try:
        env = remote(srv.url)
        env.reset(seed=0)
        time.sleep(1.5)
        assert srv.get("/health")[1]["active_sessions"] == 0
        with pytest.raises(EnvServiceError, match="without a message") as err:
            env.step("x")
        assert "\n" not in str(err.value)
        env.reset(seed=0)  # reconnects: a new session
        assert env.step("x")[4]["turn"] == 1
        env.close()
    finally:
        srv.stop()


def test_a_restarted_server_gives_a_one_line_error_then_reset_reconnects():
    srv = Server()
    port = srv.port
    env = remote(srv.url)
    env.reset(seed=0)
    srv.stop()
    with pytest.raises(EnvServiceError) as err:
        env.step("x")
    msg = str(err.value)
    assert "lost the connection" in msg and "restarted" in msg and "\n" not in msg
    with pytest.raises(EnvServiceError, match="cannot reach the env service") as down:
        env.reset(seed=0)  # nothing listening now
    assert "\n" not in str(down.value)
    srv = Server(port=port)
    try:
        obs, info = env.reset(seed=0)  # the restarted server: a new session
        assert info["turn"] == 0 and env.step("x")[4]["turn"] == 1
        env.close()
    finally:
        srv.stop()


def test_serve_main_rejects_bad_settings_with_one_line(capsys):
    assert serve_main(["--set", "no-such-set", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("codreamer-serve: ") and err.count("\n") == 1
    with pytest.raises(SystemExit) as ex:
        serve_main(["--help"])
    assert ex.value.code == 0


def test_concurrent_sessions_from_threads_see_only_their_own_episodes(server):
    scenarios = ce.load_scenarios(ce.DEFAULT_SET, "test")
    expected = {}
    local = ce.SalesEmailEnv()
    acts = [call("get_connected_nodes", node_id="Customer Job"), call("finalize_email", subject="s", body="b.",
                                                                       citations=[])]
    for s in scenarios[:12]:
        local.reset(options={"scenario_id": s.id, "defer_reward": True})
        for a in acts:
            *_, info = local.step(a)
        expected[s.id] = info["trajectory"].id
    bad: list = []

    def play(k: int) -> None:
        try:
            env = remote(server.url)
            for e in range(6):
                sid = scenarios[(k * 5 + e) % 12].id
                env.reset(options={"scenario_id": sid, "defer_reward": True})
                for a in acts:
                    *_, info = env.step(a)
                if info["trajectory"].id != expected[sid]:
                    bad.append((k, sid))
            env.close()
        except Exception as exc:  # noqa: BLE001 - reported below
            bad.append(exc)

    threads = [threading.Thread(target=play, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert bad == []


def test_benchmark_quick_runs_clean():
    out = subprocess.run([sys.executable, "-m", "benchmarks.env_service", "--quick"], capture_output=True, text=True,
                         cwd=ROOT, timeout=240)
    assert out.returncode == 0, out.stderr[-2000:]
    figs = json.loads(out.stdout.strip().splitlines()[-1])
    for row in ("in_process", "service_gym_client", "service_raw_frames"):
        assert figs[row]["errors"] == 0 and figs[row]["mismatches"] == 0 and figs[row]["episodes"] == 20, row
    assert figs["server_health_after"]["active_sessions"] == 0


def test_nothing_listens_gives_a_one_line_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(EnvServiceError, match="cannot reach the env service") as err:
        remote(f"ws://127.0.0.1:{port}")
    assert "\n" not in str(err.value)


def test_the_servers_trajectory_dump_is_model_dump():
    from codreamer_env.service.models import trajectory_from_wire, trajectory_to_wire

    scenarios = ce.load_scenarios(ce.DEFAULT_SET, "test")[:10]
    pool = runner.EnvPool(lambda: ce.SalesEmailEnv(scenarios=scenarios))
    trajs = [ep.trajectory for agent in (GreedyKGAgent(), RandomAgent(seed=2))
             for ep in runner.play(agent, runner.make_jobs(scenarios, 2, 0), pool, batch_size=4)]
    env = ce.SalesEmailEnv()
    env.reset(seed=0)
    for a in ["x", {"name": "get_connected_nodes", "arguments": {"node_id": "Customer Job"}}, ("t",), b"b", None]:
        env.step(a)
    trajs.append(env.episode_trajectory())
    for t in trajs:
        assert json.dumps(trajectory_to_wire(t)) == json.dumps(t.model_dump(mode="json"))
        assert trajectory_from_wire(json.loads(json.dumps(trajectory_to_wire(t)))).model_dump() == t.model_dump()


def test_a_new_session_does_not_continue_the_last_sessions_random_stream():
    """Envs are pooled: a session's unseeded reset must not draw what the previous session's seeded stream would
    draw next (a fresh local env does not)."""
    local = gym.make("codreamer/SalesEmail-v0").unwrapped
    local.reset(seed=5)
    follows = [local.reset()[1]["scenario_id"] for _ in range(3)]  # what the seed-5 stream draws next
    s = Server("--max-sessions", "1")  # one pooled env: every session gets the same one
    try:
        first = remote(s.url)
        first.reset(seed=5)
        first.close()
        assert wait_for(lambda: s.get("/health")[1]["active_sessions"] == 0, 5)  # its env is back in the pool
        second = remote(s.url)
        drawn = [second.reset()[1]["scenario_id"] for _ in range(3)]
        second.close()
    finally:
        s.stop()
    assert drawn != follows  # (the same three of 128 scenarios by chance: about 1 in 2 million)
