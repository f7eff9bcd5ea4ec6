"""Chat LLM agent with two backends behind one interface.

- `transformers`: a local causal LM (SmolLM2-135M-Instruct bundled, or any local folder); batched generation
  across envs with left padding and stop strings; seeded sampling.
- `openai`: any OpenAI-compatible endpoint via base_url/model; native tool calls when the server returns
  them (with `native_tools`), else the text protocol.
The system prompt comes from config (the prompt-rewrite optimizer swaps it) or the env. Token counts are
recorded per episode.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from agents.base import BaseAgent

STOP = ["</tool_call>"]


def to_text_messages(messages: list[dict[str, Any]], system_prompt: str | None = None) -> list[dict[str, str]]:
    """The episode's messages for a chat template without tool support: tool results become user turns,
    tool calls are written out in the text protocol."""
    out: list[dict[str, str]] = []
    for m in messages:
        role = m["role"]
        if role == "system":
            out.append({"role": "system", "content": system_prompt if system_prompt is not None else m["content"]})
        elif role == "assistant":
            text = m.get("content")
            if not text and m.get("tool_calls"):
                text = "".join("<tool_call>" + orjson.dumps({"name": tc["function"]["name"], "arguments": orjson.loads(
                    tc["function"]["arguments"] or "{}")}).decode() + "</tool_call>" for tc in m["tool_calls"])
            out.append({"role": "assistant", "content": text or ""})
        else:  # tool results and user turns: consecutive ones merge into one user turn
            content = m["content"]
            if role == "tool":
                content = f"<tool_response name=\"{m.get('name')}\">\n{content}\n</tool_response>"
            if out and out[-1]["role"] == "user":
                out[-1]["content"] += "\n" + content
            else:
                out.append({"role": "user", "content": content})
    return out


@dataclass
class Generation:
    text: str
    prompt_tokens: int
    completion_tokens: int


class TransformersBackend:
    """Batched local generation with left padding and stop strings."""

    def __init__(self, model: str = "smollm2", device: str = "auto", dtype: str = "auto",
                 max_context_tokens: int = 2048, model_obj: Any = None, tokenizer: Any = None) -> None:
        from codreamer_env.models import load_causal_lm

        if model_obj is None:
            model_obj, tokenizer = load_causal_lm(model, device, dtype)
        self.model, self.tok = model_obj, tokenizer
        self.tok.padding_side = "left"
        if self.tok.pad_token is None:
            self.tok.pad_token = self.tok.eos_token
        self.max_context_tokens = max_context_tokens
        self.name = model

    def render(self, chat: list[dict[str, str]], prefill: str = "") -> str:
        return self.tok.apply_chat_template(chat, tokenize=False, add_generation_prompt=True) + prefill

    def generate(self, prompts: list[str], max_new_tokens: int, temperature: float, top_p: float,
                 seed: int | None = None, stop: list[str] | None = None, min_new_tokens: int = 0) -> list[Generation]:
        import torch

        tok = self.tok
        enc = tok(prompts, return_tensors="pt", padding=True, add_special_tokens=False)
        # Keep the most recent context when an episode outgrows the window (the system prompt is re-anchored
        # by the chat template at the start; truncating the left drops the oldest turns).
        if enc["input_ids"].shape[1] > self.max_context_tokens:
            enc = {k: v[:, -self.max_context_tokens :] for k, v in enc.items()}
        enc = {k: v.to(self.model.device) for k, v in enc.items()}
        if seed is not None:
            torch.manual_seed(seed)
        kwargs: dict[str, Any] = {"max_new_tokens": max_new_tokens, "pad_token_id": tok.pad_token_id}
        if min_new_tokens:
            kwargs["min_new_tokens"] = min_new_tokens
        if temperature > 0:
            kwargs.update(do_sample=True, temperature=temperature, top_p=top_p)
        else:
            kwargs.update(do_sample=False)
        if stop:
            kwargs.update(stop_strings=stop, tokenizer=tok)
        with torch.no_grad():
            out = self.model.generate(**enc, **kwargs)
        gen = out[:, enc["input_ids"].shape[1] :]
        results = []
        for i, ids in enumerate(gen):
            n_new = int((ids != tok.pad_token_id).sum()) if tok.pad_token_id is not None else len(ids)
            text = tok.decode(ids, skip_special_tokens=True)
            for s in stop or ():
                cut = text.find(s)
                if cut >= 0:
                    text = text[: cut + len(s)]
            n_prompt = int(enc["attention_mask"][i].sum())
            results.append(Generation(text, n_prompt, n_new))
        return results


class OpenAIBackend:
    """Chat completions on an OpenAI-compatible endpoint; concurrent requests for a batch."""

    def __init__(self, model: str, base_url: str | None, api_key_env: str = "OPENAI_API_KEY",
                 native_tools: bool = True, concurrency: int = 8, timeout_s: float = 120.0) -> None:
        self.model, self.base_url, self.api_key_env = model, base_url, api_key_env
        self.native_tools = native_tools
        self.concurrency = concurrency
        self.timeout_s = timeout_s
        self.name = model

    async def _one(self, client: Any, sem: asyncio.Semaphore, messages: list[dict[str, Any]], tools: Any,
                   max_new_tokens: int, temperature: float, top_p: float, seed: int | None) -> tuple[Any, int, int]:
        kwargs: dict[str, Any] = {"model": self.model, "messages": messages, "max_tokens": max_new_tokens,
                                  "temperature": temperature, "top_p": top_p}
        if seed is not None:
            kwargs["seed"] = seed
        if self.native_tools and tools:
            kwargs["tools"] = tools
        else:
            kwargs["stop"] = STOP
        async with sem:
            resp = await client.chat.completions.create(**kwargs)
        msg = resp.choices[0].message
        usage = resp.usage
        pt, ct = (usage.prompt_tokens, usage.completion_tokens) if usage else (0, 0)
        if msg.tool_calls:
            action = {"role": "assistant", "content": msg.content,
                      "tool_calls": [{"id": tc.id, "type": "function",
                                      "function": {"name": tc.function.name, "arguments": tc.function.arguments}}
                                     for tc in msg.tool_calls]}
            return action, pt, ct
        text = msg.content or ""
        if not self.native_tools and "<tool_call>" in text and "</tool_call>" not in text:
            text += "</tool_call>"  # the stop sequence is not echoed back
        return text, pt, ct

    async def _many(self, batch: list[tuple[list[dict[str, Any]], Any]], max_new_tokens: int, temperature: float,
                    top_p: float, seed: int | None) -> list[tuple[Any, int, int]]:
        from openai import AsyncOpenAI

        client = AsyncOpenAI(base_url=self.base_url, api_key=os.environ.get(self.api_key_env) or "not-needed",
                             timeout=self.timeout_s, max_retries=3)
        sem = asyncio.Semaphore(self.concurrency)
        try:
            return list(await asyncio.gather(*(self._one(client, sem, m, t, max_new_tokens, temperature, top_p,
                                                         None if seed is None else seed + i)
                                               for i, (m, t) in enumerate(batch))))
        finally:
            await client.close()


class LLMAgent(BaseAgent):
    """An agent that asks a chat LLM for the next action, for many episodes at once."""

    def __init__(self, backend: Any, *, name: str = "llm", system_prompt: str | None = None, max_new_tokens: int = 256,
                 temperature: float = 0.7, top_p: float = 0.95, seed: int = 0, prefill: str = "",
                 stop_strings: bool = True, min_new_tokens: int = 0) -> None:
        self.stop_strings = stop_strings
        self.min_new_tokens = min_new_tokens
        self.backend = backend
        self.name = name
        self.system_prompt = system_prompt
        self.max_new_tokens = max_new_tokens
        self.temperature = temperature
        self.top_p = top_p
        self.seed = seed
        self.prefill = prefill
        self._tokens: dict[int, dict[str, int]] = {}
        self._calls = 0

    @classmethod
    def from_config(cls, cfg: Any) -> LLMAgent:
        """Build from an AgentConfig (see experiments/config.py)."""
        if cfg.backend == "transformers":
            backend: Any = TransformersBackend(cfg.model, cfg.device, cfg.dtype, cfg.max_context_tokens)
        elif cfg.backend == "openai":
            backend = OpenAIBackend(cfg.model, cfg.base_url, cfg.api_key_env, cfg.native_tools, cfg.batch_size)
        else:
            raise ValueError(f"unknown LLM backend {cfg.backend!r}; use transformers or openai")
        return cls(backend, name=cfg.name, system_prompt=cfg.system_prompt, max_new_tokens=cfg.max_new_tokens,
                   temperature=cfg.temperature, top_p=cfg.top_p, seed=cfg.seed, prefill=cfg.prefill)

    # ---- token bookkeeping per batch slot (the runner's info["slot"])
    def begin_batch(self, seeds: Sequence[int | None]) -> None:
        self._tokens = {i: {"prompt_tokens": 0, "completion_tokens": 0} for i in range(len(seeds))}
        if seeds and seeds[0] is not None:
            self.seed = seeds[0]
            # A batch's sampling depends on its own seed and turn only, not on the batches this agent played
            # before: a resumed run, or a batch played on another Ray worker, samples as an uninterrupted one.
            self._calls = 0

    def usage(self, slot: int) -> dict[str, int]:
        return dict(self._tokens.get(slot, {"prompt_tokens": 0, "completion_tokens": 0}))

    def _count(self, info: dict[str, Any], pt: int, ct: int) -> None:
        t = self._tokens.setdefault(int(info.get("slot", 0)), {"prompt_tokens": 0, "completion_tokens": 0})
        t["prompt_tokens"] += pt
        t["completion_tokens"] += ct

    def act(self, observation: str, info: dict[str, Any]) -> Any:
        return self.act_batch([observation], [info])[0]

    def act_batch(self, observations: list[str], infos: list[dict[str, Any]]) -> list[Any]:
        self._calls += 1
        seed = self.seed * 1_000_003 + self._calls
        if isinstance(self.backend, OpenAIBackend):
            batch = []
            for info in infos:
                if self.backend.native_tools:
                    msgs = [dict(m) for m in info["messages"]]
                    if self.system_prompt is not None:
                        msgs[0] = {"role": "system", "content": self.system_prompt}
                else:
                    msgs = to_text_messages(info["messages"], self.system_prompt)
                batch.append((msgs, info.get("tools")))
            from codreamer_env.rewards.llm_judge import _run_sync

            results = _run_sync(self.backend._many(batch, self.max_new_tokens, self.temperature, self.top_p, seed))
            actions = []
            for info, (action, pt, ct) in zip(infos, results, strict=True):
                self._count(info, pt, ct)
                actions.append(action)
            return actions
        prompts = [self.backend.render(to_text_messages(i["messages"], self.system_prompt), self.prefill) for i in infos]
        gens = self.backend.generate(prompts, self.max_new_tokens, self.temperature, self.top_p, seed=seed,
                                     stop=STOP if self.stop_strings else None, min_new_tokens=self.min_new_tokens)
        actions = []
        for info, g in zip(infos, gens, strict=True):
            self._count(info, g.prompt_tokens, g.completion_tokens)
            actions.append(self.prefill + g.text)
        return actions
