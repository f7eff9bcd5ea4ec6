"""Env service throughput: N concurrent WebSocket sessions x M episodes on loopback, beside the in-process env
and OpenEnv's own echo env (openenv-core's server) measured in the same run.

    python -m benchmarks.env_service                       # 32 sessions x 100 episodes
    python -m benchmarks.env_service --quick               # 4 x 5, for a test
    python -m benchmarks.env_service --openenv-python /path/to/venv/bin/python   # where openenv-core is installed

The greedy agent's actions are recorded once per scenario and replayed (agent cost excluded); episodes are
played as the runner plays them (`defer_reward`: the judge runs later, in `runner.score`). Each session plays
the scenarios in its own rotation; every episode's final trajectory id and scenario id must equal the ones the
in-process env gives for that scenario, so a session that saw another's state shows up as a mismatch.

Rows: the in-process env (one process, one env); `codreamer-serve` driven through the real client
(`gymnasium.make(..., remote=url)`, one thread per session); `codreamer-serve` and OpenEnv's echo env driven by
the same raw-frame client (one asyncio task per session, the echo env echoing the same action texts). Servers run in
their own process. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import gymnasium as gym

import codreamer_env as ce
from agents.scripted import GreedyKGAgent, call
from benchmarks._common import machine, table
from codreamer_env.service.models import dumps, loads


def record(scenarios) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Greedy actions per scenario (a get_connected_nodes call first) and the trajectory id they give."""
    env = ce.SalesEmailEnv(scenarios=scenarios)
    agent = GreedyKGAgent()
    actions, ids = {}, {}
    for s in scenarios:
        obs, info = env.reset(options={"scenario_id": s.id, "defer_reward": True})
        acts = [call("get_connected_nodes", node_id="Customer Job")]
        obs, _, term, trunc, info = env.step(acts[0])
        while not (term or trunc):
            acts.append(agent.act(obs, info))
            obs, _, term, trunc, info = env.step(acts[-1])
        actions[s.id], ids[s.id] = acts, info["trajectory"].id
    return actions, ids


def schedule(ids: list[str], session: int, episodes: int) -> list[str]:
    """Session k plays the scenarios from position 7k on, so concurrent sessions play different scenarios."""
    return [ids[(7 * session + e) % len(ids)] for e in range(episodes)]


def in_process(scenarios, actions, expected, sessions: int, episodes: int) -> dict:
    """The same episodes, one after another, in one in-process env."""
    env = ce.SalesEmailEnv(scenarios=scenarios)
    ids = list(actions)
    steps = bad = 0
    t0 = time.perf_counter()
    for k in range(sessions):
        for sid in schedule(ids, k, episodes):
            env.reset(options={"scenario_id": sid, "defer_reward": True})
            for a in actions[sid]:
                *_, info = env.step(a)
                steps += 1
            bad += info["trajectory"].id != expected[sid]
    secs = time.perf_counter() - t0
    return {"steps": steps, "episodes": sessions * episodes, "secs": secs, "errors": 0, "mismatches": bad}


def _threads(n: int, work) -> tuple[float, list]:
    """Run work(k) in n threads started together; (wall seconds, results)."""
    results: list = [None] * n
    gate = threading.Barrier(n + 1)

    def run(k: int) -> None:
        passed = []

        def wait() -> None:
            passed.append(True)
            gate.wait()

        try:
            results[k] = work(k, wait)
        except BaseException as exc:  # noqa: BLE001 - counted as an error
            results[k] = exc
            if not passed:  # failed before the start line: still release the others
                gate.wait()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    gate.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, results


def _totals(secs: float, results: list, episodes_each: int) -> dict:
    ok = [r for r in results if isinstance(r, dict)]
    errs = [r for r in results if not isinstance(r, dict)]
    return {"steps": sum(r["steps"] for r in ok), "episodes": sum(r["episodes"] for r in ok), "secs": secs,
            "errors": len(errs) + sum(r["errors"] for r in ok), "mismatches": sum(r["mismatches"] for r in ok),
            "first_error": repr(errs[0]) if errs else None}


def gym_client(url: str, actions, expected, sessions: int, episodes: int) -> dict:
    ids = list(actions)

    def work(k: int, gate) -> dict:
        env = gym.make("codreamer/SalesEmail-v0", remote=url)
        gate()
        steps = bad = 0
        for sid in schedule(ids, k, episodes):
            _, info = env.reset(options={"scenario_id": sid, "defer_reward": True})
            bad += info["scenario_id"] != sid
            for a in actions[sid]:
                *_, info = env.step(a)
                steps += 1
            bad += info["trajectory"].id != expected[sid] or env.unwrapped.trajectory.scenario_id != sid
        env.close()
        return {"steps": steps, "episodes": episodes, "errors": 0, "mismatches": bad}

    return _totals(*_threads(sessions, work), episodes)


def raw_frames(url: str, episodes_frames: list[list[list[str]]], check) -> dict:
    """One asyncio task per session (one event loop) sends each episode's frames, reset first, and reads each
    reply: the leanest client, so the row measures the server."""
    import asyncio

    from websockets.asyncio.client import connect

    async def session(k: int, conns: list) -> dict:
        ws = conns[k]
        steps = bad = errors = 0
        for frames in episodes_frames[k]:
            for i, f in enumerate(frames):
                await ws.send(f)
                reply = await asyncio.wait_for(ws.recv(), 60)
                steps += i > 0
                if '"type":"error"' in reply or '"type": "error"' in reply:
                    errors += 1
            bad += not check(k, frames, reply)
        return {"steps": steps, "episodes": len(episodes_frames[k]), "errors": errors, "mismatches": bad}

    async def run() -> tuple[float, list]:
        n = len(episodes_frames)
        conns = await asyncio.gather(*[connect(url, compression=None, max_size=2**24) for _ in range(n)])
        t0 = time.perf_counter()
        results = await asyncio.gather(*[session(k, conns) for k in range(n)], return_exceptions=True)
        secs = time.perf_counter() - t0
        await asyncio.gather(*[c.close() for c in conns], return_exceptions=True)
        return secs, list(results)

    return _totals(*asyncio.run(run()), 0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} within {timeout} s")


ECHO_SERVER = textwrap.dedent('''
    """OpenEnv's echo env (openenv-core's `openenv init` template, rendered) served by openenv-core's create_app."""
    import sys, types
    from pathlib import Path
    import openenv, uvicorn
    tpl = Path(openenv.__file__).parent / "cli" / "templates" / "openenv_env"
    def render(p):
        return (p.read_text().replace("__ENV_CLASS_NAME__", "Echo").replace("__ENV_TITLE_NAME__", "Echo")
                .replace("__ENV_NAME__", "echo"))
    models = types.ModuleType("models")
    exec(compile(render(tpl / "models.py"), "models.py", "exec"), models.__dict__)
    sys.modules["models"] = models
    envmod = types.ModuleType("echo_environment")
    exec(compile(render(tpl / "server" / "__ENV_NAME___environment.py"), "echo_environment.py", "exec"), envmod.__dict__)
    from openenv.core.env_server.http_server import create_app
    app = create_app(envmod.EchoEnvironment, models.EchoAction, models.EchoObservation, env_name="echo",
                     max_concurrent_envs=int(sys.argv[2]))
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
''')


def openenv_python(arg: str | None) -> str | None:
    """An interpreter that can import openenv (the flag, $OPENENV_PYTHON, or this one), or None."""
    for py in (arg, os.environ.get("OPENENV_PYTHON"), sys.executable):
        if py and subprocess.run([py, "-c", "import openenv.core.env_server.http_server"],
                                 capture_output=True).returncode == 0:
            return py
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=32)
    ap.add_argument("--episodes", type=int, default=100, help="episodes per session")
    ap.add_argument("--quick", action="store_true", help="4 sessions x 5 episodes, 1 round")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of every row, taking turns (best reported)")
    ap.add_argument("--split", default="test")
    ap.add_argument("--openenv-python", default=None, help="python with openenv-core (default: $OPENENV_PYTHON, "
                    "else this one; the echo row is skipped if none imports it)")
    args = ap.parse_args()
    sessions, episodes = (4, 5) if args.quick else (args.sessions, args.episodes)
    rounds = 1 if args.quick else args.rounds
    scenarios = ce.load_scenarios(ce.DEFAULT_SET, args.split)
    actions, expected = record(scenarios)
    ids = list(actions)
    in_process(scenarios, actions, expected, 1, 20)  # warm caches
    frames = [[[dumps({"type": "reset", "data": {"options": {"scenario_id": sid, "defer_reward": True}}})]
               + [dumps({"type": "step", "data": {"action": a}}) for a in actions[sid]]
               for sid in schedule(ids, k, episodes)] for k in range(sessions)]
    eframes = [[[dumps({"type": "reset", "data": {}})] + [dumps({"type": "step", "data": {"message": a}}) for a in actions[sid]]
                for sid in schedule(ids, k, episodes)] for k in range(sessions)]

    def check_ours(k: int, frames_: list[str], reply: str) -> bool:
        sid = loads(frames_[0])["data"]["options"]["scenario_id"]
        return loads(reply)["data"]["observation"]["info"]["trajectory"]["id"] == expected[sid]

    def check_echo(k: int, frames_: list[str], reply: str) -> bool:
        return loads(reply)["data"]["observation"]["echoed_message"] == loads(frames_[-1])["data"]["message"]

    # Both servers run from the start and the rows take turns, round after round, so a machine shared with other
    # work loads every row alike; each row reports its best round (errors and mismatches: all rounds).
    log = tempfile.TemporaryFile("w+")  # noqa: SIM115 - server logs: an unread pipe would fill up and stall a server
    procs: list[subprocess.Popen] = []
    tmp = tempfile.TemporaryDirectory()
    try:
        port = free_port()
        url = f"ws://127.0.0.1:{port}"
        procs.append(subprocess.Popen([sys.executable, "-m", "codreamer_env.service.server", "--port", str(port),
                                       "--set", ce.DEFAULT_SET, "--split", args.split, "--max-sessions", str(sessions)],
                                      stdout=subprocess.DEVNULL, stderr=log, text=True))
        wait_http(f"http://127.0.0.1:{port}/health", procs[0])
        runs: dict[str, Callable[[], dict]] = {
            "in-process env (1 process)": lambda: in_process(scenarios, actions, expected, sessions, episodes),
            "codreamer-serve, gym client": lambda: gym_client(url, actions, expected, sessions, episodes),
            "codreamer-serve, raw frames": lambda: raw_frames(url + "/ws", frames, check_ours),
        }
        gym_client(url, actions, expected, min(sessions, 4), 2)  # warm the server's per-scenario caches
        echo_note = None
        py = openenv_python(args.openenv_python)
        if py is None:
            echo_note = "openenv-core is not importable (pass --openenv-python or set OPENENV_PYTHON): echo row skipped"
        else:
            eport = free_port()
            script = Path(tmp.name) / "openenv_echo_server.py"
            script.write_text(ECHO_SERVER)
            procs.append(subprocess.Popen([py, str(script), str(eport), str(sessions)], stdout=subprocess.DEVNULL,
                                          stderr=log, text=True))
            wait_http(f"http://127.0.0.1:{eport}/health", procs[-1])
            eurl = f"ws://127.0.0.1:{eport}/ws"
            raw_frames(eurl, [f[:2] for f in eframes[: min(sessions, 4)]], check_echo)  # warm
            runs["OpenEnv echo env (openenv-core server), raw frames"] = lambda: raw_frames(eurl, eframes, check_echo)
        all_rounds: dict[str, list[dict]] = {name: [] for name in runs}
        for _ in range(rounds):
            for name, run in runs.items():
                all_rounds[name].append(run())
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health") as r:
            health = json.loads(r.read())
    finally:
        for p in procs:
            p.terminate()
            p.wait()
        tmp.cleanup()
        log.close()
    rows: dict[str, dict] = {}
    for name, rs in all_rounds.items():
        best = dict(min(rs, key=lambda r: r["secs"]))
        best["errors"] = sum(r["errors"] for r in rs)
        best["mismatches"] = sum(r["mismatches"] for r in rs)
        best["rounds_steps_per_s"] = [round(r["steps"] / r["secs"]) for r in rs]
        best["first_error"] = next((r["first_error"] for r in rs if r.get("first_error")), None)
        rows[name] = best

    figs: dict = {"machine": machine(), "sessions": sessions, "episodes_per_session": episodes, "rounds": rounds,
                  "scenario_set": ce.DEFAULT_SET, "split": args.split, "server_health_after": health,
                  "echo_note": echo_note}
    key = {"in-process env (1 process)": "in_process", "codreamer-serve, gym client": "service_gym_client",
           "codreamer-serve, raw frames": "service_raw_frames",
           "OpenEnv echo env (openenv-core server), raw frames": "openenv_echo_raw_frames"}
    table_rows = []
    for name, r in rows.items():
        sps = r["steps"] / r["secs"]
        figs[key[name]] = {"steps": r["steps"], "episodes": r["episodes"], "secs": round(r["secs"], 3),
                           "steps_per_s": round(sps), "episodes_per_s": round(r["episodes"] / r["secs"], 1),
                           "errors": r["errors"], "mismatches": r["mismatches"],
                           "rounds_steps_per_s": r["rounds_steps_per_s"],
                           **({"first_error": r["first_error"]} if r.get("first_error") else {})}
        table_rows.append([name, f"{r['steps']:,}", f"{round(sps):,}", f"{r['episodes'] / r['secs']:.1f}",
                           r["errors"], r["mismatches"]])
    if "openenv_echo_raw_frames" in figs:
        figs["gym_client_over_echo"] = round(figs["service_gym_client"]["steps_per_s"]
                                             / figs["openenv_echo_raw_frames"]["steps_per_s"], 2)
        figs["raw_frames_over_echo"] = round(figs["service_raw_frames"]["steps_per_s"]
                                             / figs["openenv_echo_raw_frames"]["steps_per_s"], 2)
    m = figs["machine"]
    print(f"Env service on loopback: {sessions} concurrent sessions x {episodes} episodes ({ce.DEFAULT_SET}/"
          f"{args.split}, greedy actions replayed, judge deferred), best of {rounds} round(s); {m['cpu']}, "
          f"{m['cores']} cores, Python {m['python']}")
    print(table(table_rows, ["path", "steps", "steps / s", "episodes / s", "errors", "mismatched episodes"]))
    if echo_note:
        print(echo_note)
    print(json.dumps(figs))


if __name__ == "__main__":
    main()
