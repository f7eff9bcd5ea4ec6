"""LLM judges through any OpenAI-compatible endpoint: RULER-style group judging, and a pointwise judge.

RulerJudge (after ART's RULER): the group's shared prefix (system prompt, task brief, tool list) is sent
once, each trajectory's remainder as a block under a neutral label ("A", "B", ...), with a rubric; the
judge returns JSON `{"scores": [{"id", "explanation", "score"}]}`, scores in [0, 1] relative within the
group. Machinery shared with PointwiseLLMJudge:

- order-bias control: `orderings` shuffled presentations (seeded), averaged;
- a disk cache keyed on (judge model, rubric version, prompt template, normalised trajectories, ordering
  seed), so re-scoring costs no calls; identical trajectories in a group are judged once;
- bounded concurrency (asyncio semaphore), a per-call timeout, retries with exponential backoff on
  timeouts, connection errors, 429, 5xx and unusable replies (bad JSON, wrong ids or count, out of range);
- when retries are exhausted: with `on_failure="fallback"` (the default) the fallback judge (the rubric
  judge by default), marked in the components as `judge_source: "fallback"` with the reason in
  `details["judge_error"]`, never a silent 0; with `on_failure="fail"` a `JudgeError` naming the endpoint;
- a circuit breaker: after `breaker_failures` consecutive failed calls the judge stops calling the endpoint
  for the rest of its life (the run) and falls back (or fails) at once, so a dead endpoint costs a few call
  timeouts per run, not per episode;
- a cache entry of the wrong shape (or not JSON) is a reported miss, and is overwritten.
The API key is read from the environment variable named in the config and is never logged or stored; every
recorded error is redacted (the key's value, `Bearer ...`, `sk-...`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import logging
import os
import random
import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from codreamer_env._io import atomic_write_bytes, loads_lenient
from codreamer_env.rewards.base import JudgeResult
from codreamer_env.rewards.rubric import RubricJudge
from codreamer_env.tools import TOOLS

if TYPE_CHECKING:
    from codreamer_env.scenarios import Scenario
    from codreamer_env.trajectory import FinalEmail, Trajectory

log = logging.getLogger(__name__)

TEMPLATE_VERSION = "ruler-template-v1"
DEFAULT_RUBRIC = """\
Score each trajectory from 0 to 1 on how good its final cold sales email is, relative to the others:
- personalization depth: the prospect's name, company, role and their specific pain, used correctly;
- product-problem alignment: the prospect's need tied to the product feature that solves it;
- factual grounding: every fact comes from the knowledge-graph nodes it cites; nothing invented;
- clarity: a short, readable email with a specific subject line;
- call to action: one clear ask that matches the goal;
- compliance: no guaranteed results or ROI, no competitor rumours, no spam language.
A trajectory that never finalized an email scores 0."""


@dataclass
class LLMJudgeConfig:
    """Where the judge model lives and how to call it. `api_key_env` names a variable; the key stays there."""

    base_url: str = "http://127.0.0.1:8000/v1"
    model: str = "judge"
    api_key_env: str = "OPENAI_API_KEY"
    rubric: str = DEFAULT_RUBRIC
    rubric_version: str = "ruler-rubric-v1"  # the version of `rubric`: the judges' `version`
    orderings: int = 1
    order_seed: int = 0
    concurrency: int = 4
    timeout_s: float = 60.0
    max_retries: int = 3
    backoff_s: float = 0.5
    max_backoff_s: float = 8.0
    temperature: float = 0.0
    max_tokens: int = 768
    json_mode: bool = True
    # llama.cpp servers accept a JSON schema inside json_object mode and turn it into a grammar, which keeps
    # small judge models to the exact reply shape; OpenAI's API does not take it, so it is off by default.
    constrain_schema: bool = False
    cache_dir: str | None = None
    use_cache: bool = True
    tool_result_chars: int = 500
    on_failure: str = "fallback"  # fallback (the fallback judge, marked) | fail (raise JudgeError)
    breaker_failures: int = 3  # consecutive failed calls that open the circuit for the run (0: never)

    def public(self) -> dict[str, Any]:
        """The config without anything secret (safe to log or write to a results folder)."""
        d = asdict(self)
        d.pop("rubric", None)
        return d


@dataclass
class JudgeStats:
    """What a judge did: requests, cache hits, retries, fallbacks, peak concurrency."""

    requests: int = 0
    cache_hits: int = 0
    retries: int = 0
    fallbacks: int = 0
    cache_corrupt: int = 0
    in_flight: int = 0
    max_in_flight: int = 0
    errors: list[str] = field(default_factory=list)


class BadReply(Exception):
    """The judge answered, but not with usable scores."""


class CircuitOpen(Exception):
    """The circuit breaker is open: the endpoint is not called again in this run."""


class JudgeError(RuntimeError):
    """An LLM judge failed and its config says `on_failure: fail`."""


_SECRET_PATTERNS = [(re.compile(r"(?i)(bearer\s+)\S+"), r"\1[redacted]"),
                    (re.compile(r"sk-[A-Za-z0-9_\-]{4,}"), "sk-[redacted]"),
                    (re.compile(r"(?i)(api[_-]?key['\"]?\s*[:=]\s*['\"]?)[^\s'\",}]+"), r"\1[redacted]")]


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """`text` with the given secret values, `Bearer <token>`, `sk-...` keys and `api_key=...` masked."""
    for sec in secrets:
        if sec and len(sec) >= 4:
            text = text.replace(sec, "[redacted]")
    for pat, rep in _SECRET_PATTERNS:
        text = pat.sub(rep, text)
    return text


def _reply_text(resp: Any) -> str:
    """The message content of a chat completion, or BadReply saying what the reply lacked."""
    choices = getattr(resp, "choices", None)
    if choices is None:
        raise BadReply(f"reply is not a chat completion: {str(resp)[:80]!r}")
    if not choices:
        raise BadReply("reply had no choices")
    message = getattr(choices[0], "message", None)
    if message is None:
        raise BadReply("reply had no message")
    content = getattr(message, "content", None)
    if not isinstance(content, str) or not content.strip():
        raise BadReply("reply had no message content")
    return content


def _run_sync(coro: Any) -> Any:
    """Run a coroutine from sync code, also when an event loop is already running (e.g. in Jupyter)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def _fmt_msg(m: dict[str, Any], tool_chars: int) -> str:
    role = m.get("role")
    if role == "assistant":
        parts = []
        if m.get("content"):
            parts.append(f"assistant: {m['content'][:1500]}")
        for tc in m.get("tool_calls") or []:
            fn = tc.get("function", {})
            if fn.get("name") != "finalize_email":
                parts.append(f"assistant calls {fn.get('name')}({fn.get('arguments')})")
        return "\n".join(parts)
    if role == "tool":
        content = str(m.get("content", ""))
        return f"tool {m.get('name')}: {content[:tool_chars]}{'…' if len(content) > tool_chars else ''}"
    return f"{role}: {str(m.get('content', ''))[:tool_chars]}"


def _fmt_email(e: FinalEmail | None) -> str:
    if e is None:
        return "FINAL EMAIL: none (the episode ended without finalize_email)"
    return f"FINAL EMAIL\nSubject: {e.subject}\n\n{e.body}\n\nCitations: {', '.join(e.citations) or 'none'}"


def shared_prefix_len(trajectories: Sequence[Trajectory]) -> int:
    """How many leading messages all trajectories share."""
    if not trajectories:
        return 0
    n = min(len(t.messages) for t in trajectories)
    k = 0
    while k < n and all(t.messages[k] == trajectories[0].messages[k] for t in trajectories[1:]):
        k += 1
    return k


def trajectory_key(traj: Trajectory, prefix_len: int) -> str:
    """A hash of what the judge sees of a trajectory (its remainder and its email)."""
    payload = {"rest": traj.messages[prefix_len:], "email": traj.final_email.model_dump() if traj.final_email else None}
    return hashlib.sha256(orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)).hexdigest()


class _LLMBase:
    """Client, cache, concurrency, retries and fallback shared by the LLM judges."""

    name = "llm"
    version = property(lambda self: self.config.rubric_version, doc="The rubric's version (the config's).")

    def __init__(self, config: LLMJudgeConfig | None = None, fallback: Any | None = None, **overrides: Any) -> None:
        cfg = replace(config or LLMJudgeConfig(), **overrides)  # an unknown override raises, naming it
        if cfg.orderings < 1 or cfg.concurrency < 1 or cfg.max_retries < 0:
            raise ValueError("orderings and concurrency must be >= 1, max_retries >= 0")
        self.config = cfg
        self.fallback = fallback if fallback is not None else RubricJudge()
        if cfg.on_failure not in ("fallback", "fail"):
            raise ValueError(f"on_failure must be 'fallback' or 'fail', not {cfg.on_failure!r}")
        if cfg.breaker_failures < 0:
            raise ValueError("breaker_failures must be >= 0 (0: no circuit breaker)")
        self.stats = JudgeStats()
        self._failures = 0  # consecutive failed calls
        self.circuit_open: str | None = None  # the reason, once the breaker has opened
        root = cfg.cache_dir or os.path.join(os.environ.get("CODREAMER_CACHE", str(Path.home() / ".cache" / "codreamer_env")), "judge")
        self.cache_dir = Path(root)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.config.public()})"

    # ------------------------------------------------------------------ cache
    def _cache_key(self, kind: str, item_keys: Sequence[str], ordering: int) -> str:
        c = self.config
        blob = orjson.dumps({"kind": kind, "model": c.model, "rubric_version": c.rubric_version,
                             "rubric": hashlib.sha256(c.rubric.encode()).hexdigest(), "template": TEMPLATE_VERSION,
                             "items": list(item_keys), "seed": c.order_seed, "ordering": ordering})
        return hashlib.sha256(blob).hexdigest()

    def _cache_get(self, key: str, check: Callable[[Any], Any]) -> Any | None:
        """`check(cached reply)` for `key` (counted as a cache hit), or None: no entry, or one that is not JSON
        or that `check` rejects (a reported miss; the entry is overwritten when the call succeeds)."""
        if not self.config.use_cache:
            return None
        path = self.cache_dir / key[:2] / f"{key}.json"
        try:
            hit = check(orjson.loads(path.read_bytes()))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError, IndexError) as exc:
            self.stats.cache_corrupt += 1
            msg = f"corrupt judge cache entry {path} ({type(exc).__name__}: {str(exc)[:120]}): treated as a miss"
            self.stats.errors.append(self._redact(msg))
            log.warning("%s", self._redact(msg))
            return None
        self.stats.cache_hits += 1
        return hit

    def _cache_put(self, key: str, value: dict[str, Any]) -> None:
        if self.config.use_cache:
            atomic_write_bytes(self.cache_dir / key[:2] / f"{key}.json", orjson.dumps(value))

    # ------------------------------------------------------------------ calls
    async def _gather(self, make: Callable[[Any, asyncio.Semaphore], Iterable[Awaitable[Any]]]) -> list[Any]:
        """Await `make(client, semaphore)` concurrently on one fresh client, closed afterwards."""
        from openai import AsyncOpenAI

        c = self.config
        client = AsyncOpenAI(base_url=c.base_url, api_key=os.environ.get(c.api_key_env) or "not-needed", max_retries=0,
                             timeout=c.timeout_s)
        try:
            return list(await asyncio.gather(*make(client, asyncio.Semaphore(c.concurrency))))
        finally:
            await client.close()

    async def _call(self, client: Any, sem: asyncio.Semaphore, messages: list[dict[str, str]], parse: Any,
                    rng: random.Random, schema: dict[str, Any] | None = None) -> Any:
        """One judged request with retries; returns parse(reply text) or raises the last error."""
        import openai

        c = self.config
        kwargs: dict[str, Any] = {"model": c.model, "messages": messages, "temperature": c.temperature,
                                  "max_tokens": c.max_tokens}
        if c.json_mode:
            kwargs["response_format"] = {"type": "json_object"}
            if c.constrain_schema and schema is not None:
                kwargs["response_format"]["schema"] = schema
        last: Exception | None = None
        for attempt in range(c.max_retries + 1):
            if attempt:
                self.stats.retries += 1
                await asyncio.sleep(min(c.max_backoff_s, c.backoff_s * 2 ** (attempt - 1)) * (0.5 + rng.random()))
            async with sem:
                if self.circuit_open is not None:  # checked once a slot is free: queued calls stop too
                    raise CircuitOpen(self.circuit_open)
                self.stats.requests += 1
                self.stats.in_flight += 1
                self.stats.max_in_flight = max(self.stats.max_in_flight, self.stats.in_flight)
                try:
                    try:
                        resp = await asyncio.wait_for(client.chat.completions.create(**kwargs), timeout=c.timeout_s + 1)
                    except (ValueError, openai.APIResponseValidationError) as exc:  # a 200 whose body is not JSON
                        raise BadReply(f"reply body is not a JSON chat completion ({type(exc).__name__})") from None
                    out = parse(_reply_text(resp))
                except (TimeoutError, openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError,
                        openai.InternalServerError, BadReply) as exc:
                    last = exc
                    self._failed(exc)
                    log.info("judge call failed (attempt %d): %s", attempt + 1, self.reason(exc))
                except openai.APIStatusError as exc:  # 4xx other than 429: retrying will not help
                    self._failed(exc)
                    raise
                else:
                    self._failures = 0
                    return out
                finally:
                    self.stats.in_flight -= 1
        assert last is not None
        raise last

    def _redact(self, text: str) -> str:
        return redact(text, [os.environ.get(self.config.api_key_env)])

    def reason(self, exc: BaseException) -> str:
        """A clear, redacted one-line reason for a failure."""
        if isinstance(exc, CircuitOpen):
            msg = str(exc)
        elif isinstance(exc, TimeoutError) or "Timeout" in type(exc).__name__:
            msg = f"{type(exc).__name__}: no reply within {self.config.timeout_s:g} s"
        else:
            msg = f"{type(exc).__name__}: {exc}"
        return self._redact(msg)[:300]

    def _failed(self, exc: BaseException) -> None:
        """Record a failed call; open the circuit after `breaker_failures` in a row."""
        why = self.reason(exc)
        self.stats.errors.append(why[:160])
        self._failures += 1
        n = self.config.breaker_failures
        if n and self._failures >= n and self.circuit_open is None:
            self.circuit_open = f"circuit open after {n} failures: {why}"
            log.warning("judge at %s: %s", self.config.base_url, self.circuit_open)

    def _failure(self, scenario: Scenario, trajectories: Sequence[Trajectory], exc: BaseException) -> list[JudgeResult]:
        """What a failed judgement becomes: the fallback's results, or JudgeError under `on_failure: fail`."""
        why = self.reason(exc)
        if self.config.on_failure == "fail":
            raise JudgeError(f"{self.name} judge at {self.config.base_url} failed: {why}") from None
        return self._fallback_results(scenario, trajectories, why)

    def _fallback_results(self, scenario: Scenario, trajectories: Sequence[Trajectory], error: str) -> list[JudgeResult]:
        self.stats.fallbacks += 1
        out = []
        for t in trajectories:
            r = self.fallback.score(scenario, t.final_email, t)
            out.append(JudgeResult(total=r.total, components={**r.components, "judge_source": "fallback"},
                                   details={**r.details, "judge_error": error}, source="fallback"))
        return out


# Grammar-constrained servers (llama.cpp) do not enforce numeric bounds, so scores are a fixed set of steps.
_SCORE_SCHEMA = {"type": "number", "enum": [round(0.1 * i, 1) for i in range(11)]}


def _group_schema(labels: Sequence[str]) -> dict[str, Any]:
    item = {"type": "object", "properties": {"id": {"type": "string", "enum": list(labels)},
                                             "explanation": {"type": "string", "maxLength": 160},
                                             "score": _SCORE_SCHEMA},
            "required": ["id", "explanation", "score"]}
    return {"type": "object", "properties": {"scores": {"type": "array", "items": item, "minItems": len(labels),
                                                        "maxItems": len(labels)}}, "required": ["scores"]}


_ONE_SCHEMA = {"type": "object", "properties": {"explanation": {"type": "string", "maxLength": 160},
                                                "score": _SCORE_SCHEMA},
               "required": ["explanation", "score"]}


def _unit_score(score: Any, of: str = "") -> float:
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0.0 <= float(score) <= 1.0:
        raise BadReply(f"score{of} is not a number in [0, 1]: {score!r}")
    return float(score)


def _parse_scores(text: str, labels: Sequence[str]) -> dict[str, tuple[float, str]]:
    """{label: (score, explanation)} from a judge reply, or BadReply."""
    try:
        obj = loads_lenient(text)
    except ValueError:
        raise BadReply(f"reply is not JSON: {text[:80]!r}") from None
    items = obj.get("scores") if isinstance(obj, dict) else obj
    if not isinstance(items, list):
        raise BadReply("reply has no 'scores' list")
    if len(items) != len(labels):
        raise BadReply(f"expected {len(labels)} scores, got {len(items)}")
    out: dict[str, tuple[float, str]] = {}
    for it in items:
        if not isinstance(it, dict):
            raise BadReply("a score entry is not an object")
        lab = str(it.get("id", "")).strip().removeprefix("Trajectory ").strip()
        if lab not in labels or lab in out:
            raise BadReply(f"unexpected or repeated id {it.get('id')!r}")
        out[lab] = (_unit_score(it.get("score"), f" for {lab}"), str(it.get("explanation", ""))[:1000])
    return out


def _check_group_entry(obj: Any, keys: Sequence[str]) -> dict[str, tuple[float, str]]:
    """A cached group reply {trajectory key: [score, explanation]} for exactly `keys`, or ValueError."""
    if not isinstance(obj, dict) or set(obj) != set(keys):
        raise ValueError("not an object keyed by the group's trajectories")
    out = {}
    for k, v in obj.items():
        if not (isinstance(v, list) and len(v) == 2 and isinstance(v[1], str)):
            raise ValueError(f"entry for {k[:8]} is not [score, explanation]")
        out[k] = (_cache_score(v[0]), v[1])
    return out


def _check_one_entry(obj: Any) -> tuple[float, str]:
    """A cached pointwise reply {"score", "explanation"}, or ValueError."""
    if not isinstance(obj, dict) or not isinstance(obj.get("explanation"), str):
        raise ValueError("not an object with a score and an explanation")
    return _cache_score(obj.get("score")), obj["explanation"]


def _cache_score(score: Any) -> float:
    try:
        return _unit_score(score)
    except BadReply as exc:
        raise ValueError(str(exc)) from None


class RulerJudge(_LLMBase):
    """Group-relative LLM judge (RULER): one request per group and ordering, scores in [0, 1]."""

    name = "ruler"

    def _messages(self, scenario: Scenario, prefix: list[dict[str, Any]], blocks: list[tuple[str, Trajectory]],
                  prefix_len: int) -> list[dict[str, str]]:
        c = self.config
        shared = "\n\n".join(_fmt_msg(m, 2000) for m in prefix)
        tools = f"Tools available to the agent: {', '.join(TOOLS)}."
        parts = []
        for label, t in blocks:
            rest = "\n".join(x for x in (_fmt_msg(m, c.tool_result_chars) for m in t.messages[prefix_len:]) if x)
            parts.append(f"### Trajectory {label}\n{rest}\n\n{_fmt_email(t.final_email)}")
        labels = ", ".join(label for label, _ in blocks)
        system = (f"You are an impartial judge of cold sales emails written by agents that browsed a knowledge graph.\n"
                  f"{c.rubric}\nReply with JSON only, exactly one entry per trajectory: "
                  '{"scores": [{"id": "A", "explanation": "one sentence", "score": 0.0}]}')
        user = (f"## Shared context (identical for every trajectory)\n{shared}\n{tools}\n\n"
                f"## Trajectories\n" + "\n\n".join(parts) + f"\n\nScore trajectories {labels}.")
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    async def ajudge_group(self, scenario: Scenario, trajectories: Sequence[Trajectory], *, client: Any = None,
                           sem: asyncio.Semaphore | None = None) -> list[JudgeResult]:
        """Judge one group; see the module docstring."""
        if not trajectories:
            return []
        if client is None:  # one group on its own client
            return (await self.ajudge_groups([(scenario, trajectories)]))[0]
        c = self.config
        sem = sem or asyncio.Semaphore(c.concurrency)
        plen = shared_prefix_len(trajectories)
        keys = [trajectory_key(t, plen) for t in trajectories]
        uniq: dict[str, Trajectory] = {}
        for k, t in zip(keys, trajectories, strict=True):
            uniq.setdefault(k, t)  # identical trajectories are judged once
        ukeys = list(uniq)
        sums = {k: 0.0 for k in ukeys}
        expl: dict[str, list[str]] = {k: [] for k in ukeys}

        async def one_ordering(o: int) -> dict[str, tuple[float, str]]:
            order = list(ukeys)
            random.Random(f"{c.order_seed}|{o}|{'|'.join(ukeys)}").shuffle(order)
            labels = [chr(ord("A") + i) if i < 26 else f"T{i}" for i in range(len(order))]
            ckey = self._cache_key("ruler", order, o)
            hit = self._cache_get(ckey, lambda obj: _check_group_entry(obj, order))
            if hit is not None:
                return hit
            blocks = list(zip(labels, (uniq[k] for k in order), strict=True))
            msgs = self._messages(scenario, trajectories[0].messages[:plen], blocks, plen)
            parsed = await self._call(client, sem, msgs, lambda text: _parse_scores(text, labels), random.Random(ckey),
                                      schema=_group_schema(labels))
            by_key = {k: parsed[lab] for lab, k in zip(labels, order, strict=True)}
            self._cache_put(ckey, {k: list(v) for k, v in by_key.items()})
            return by_key

        try:
            results = await asyncio.gather(*(one_ordering(o) for o in range(c.orderings)))
        except Exception as exc:  # noqa: BLE001 - any failure after retries -> the fallback (or JudgeError)
            return self._failure(scenario, trajectories, exc)
        for res in results:
            for k, (s, e) in res.items():
                sums[k] += s
                expl[k].append(e)
        out = []
        for k, t in zip(keys, trajectories, strict=True):
            score = sums[k] / c.orderings
            spread = max(r[k][0] for r in results) - min(r[k][0] for r in results)
            indep = self.fallback.score(scenario, t.final_email, t).total if t.final_email else 0.0
            comps: dict[str, Any] = {"ruler": round(score, 6), "ruler_spread": round(spread, 6),
                                     "independent": round(indep, 6), "judge_source": "llm"}
            out.append(JudgeResult(total=round(score, 6), components=comps, source="llm",
                                   details={"explanations": expl[k], "judge": c.model, "orderings": c.orderings}))
        return out

    async def ajudge_groups(self, groups: Sequence[tuple[Scenario, Sequence[Trajectory]]]) -> list[list[JudgeResult]]:
        """Judge many groups concurrently (bounded by `concurrency`)."""
        return await self._gather(lambda client, sem: (self.ajudge_group(s, ts, client=client, sem=sem)
                                                       for s, ts in groups))

    def judge_group(self, scenario: Scenario, trajectories: Sequence[Trajectory]) -> list[JudgeResult]:
        """Sync wrapper of `ajudge_group`."""
        return _run_sync(self.ajudge_group(scenario, trajectories))

    def score_group(self, scenario: Scenario, trajectories: Sequence[Trajectory]) -> list[tuple[float, dict[str, Any]]]:
        """The reward-model protocol: [(total, components)] for the group."""
        return [(r.total, r.components) for r in self.judge_group(scenario, trajectories)]


def _parse_one(text: str) -> tuple[float, str]:
    try:
        obj = loads_lenient(text)
    except ValueError:
        obj = None
    if not isinstance(obj, dict):
        raise BadReply(f"reply is not a JSON object: {text[:80]!r}")
    return _unit_score(obj.get("score")), str(obj.get("explanation", ""))[:1000]


class PointwiseLLMJudge(_LLMBase):
    """Absolute LLM judge: each trajectory alone, a score in [0, 1] against the rubric."""

    name = "llm_pointwise"

    async def ajudge(self, scenario: Scenario, traj: Trajectory, client: Any, sem: asyncio.Semaphore) -> JudgeResult:
        c = self.config
        ckey = self._cache_key("pointwise", [trajectory_key(traj, 0)], 0)
        hit = self._cache_get(ckey, _check_one_entry)
        if hit is not None:
            score, expl = hit
        else:
            body = "\n".join(x for x in (_fmt_msg(m, c.tool_result_chars) for m in traj.messages) if x)
            msgs = [{"role": "system", "content": "You are an impartial judge of cold sales emails.\n"
                     + c.rubric.replace("relative to the others", "on an absolute scale")
                     + '\nReply with JSON only: {"explanation": "one sentence", "score": 0.0}'},
                    {"role": "user", "content": f"{body}\n\n{_fmt_email(traj.final_email)}"}]
            try:
                score, expl = await self._call(client, sem, msgs, _parse_one, random.Random(ckey), schema=_ONE_SCHEMA)
            except Exception as exc:  # noqa: BLE001 - the fallback (or JudgeError)
                return self._failure(scenario, [traj], exc)[0]
            self._cache_put(ckey, {"score": score, "explanation": expl})
        return JudgeResult(total=score, components={"llm": score, "judge_source": "llm"}, source="llm",
                           details={"explanation": expl, "judge": c.model})

    async def ajudge_many(self, scenario: Scenario, trajectories: Sequence[Trajectory]) -> list[JudgeResult]:
        return await self._gather(lambda client, sem: (self.ajudge(scenario, t, client, sem) for t in trajectories))

    def score(self, scenario: Scenario, email: FinalEmail | None, trajectory: Trajectory | None = None) -> JudgeResult:
        """Judge one email (a trajectory is built around it when none is given)."""
        from codreamer_env.trajectory import Trajectory as T

        traj = trajectory or T(scenario_id=scenario.id, messages=[{"role": "user", "content": scenario.brief()}],
                               final_email=email)
        return _run_sync(self.ajudge_many(scenario, [traj]))[0]

    def score_group(self, scenario: Scenario, trajectories: Sequence[Trajectory]) -> list[tuple[float, dict[str, Any]]]:
        return [(r.total, r.components) for r in _run_sync(self.ajudge_many(scenario, trajectories))]


