"""What TRL's GRPOTrainer needs: an `environment_factory` class and a group (RULER) reward function.

    from trl import GRPOConfig, GRPOTrainer
    from codreamer_env.integrations.trl import SalesEmailToolEnv, group_reward_func, tool_env_dataset

    trainer = GRPOTrainer(model=..., args=GRPOConfig(...), train_dataset=tool_env_dataset("train"),
                          environment_factory=SalesEmailToolEnv,        # one instance per rollout
                          reward_funcs=[group_reward_func(judge)])     # optional: RULER over each group

The KG tools are the public typed methods of `SalesEmailToolEnv`, `reset(**row)` returns the task brief
(appended to the user message), and `get_reward()` returns the pointwise reward of the finished episode.

TRL needs a chat template that renders tool calls and a response template that parses them. Qwen, Llama 3.x
and the other templates TRL knows have both. The bundled SmolLM2's own template has neither (TRL refuses it:
"The provided chat template does not support tool calling"), so pass the tokenizer through `prepare_tokenizer`
(or load it with `load_tokenizer("smollm2")`): a ChatML tokenizer without tool support gets
`tool_chat_template()`, SmolLM2's format with tools in the env's text protocol
(`<tool_call>{"name": ..., "arguments": {...}}</tool_call>`, results as `<tool_response>` user turns).

    tok = prepare_tokenizer(AutoTokenizer.from_pretrained(path))   # or load_tokenizer("smollm2" | "tiny" | path)
    trainer = GRPOTrainer(..., processing_class=tok, environment_factory=SalesEmailToolEnv)

The template takes `assistant_prefill` (GRPOConfig(chat_template_kwargs={"assistant_prefill": '<tool_call>{"name": "'})):
text every generated turn starts with, so a small model starts inside a tool call; the parser reads it back.

Multi-process runs: TRL repeats each prompt `num_generations` times and slices the batch across
processes, so a group can be split between processes. `group_reward_func` then gathers every
process's trajectories (accelerate's `gather_object`), scores whole groups (identical on every process;
the judge's disk cache makes the repeats free), and returns this process's slice, so a group judge never
sees half a group.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, get_type_hints

from codreamer_env import runner
from codreamer_env.env import SalesEmailEnv
from codreamer_env.prompts import default_system_prompt
from codreamer_env.scenarios import DEFAULT_SET, load_scenarios
from codreamer_env.tools import TOOLS, Tool
from codreamer_env.trajectory import Trajectory

INSTRUCTION = "Research the prospect in the knowledge graph with the tools, then call finalize_email."


class SalesEmailToolEnv:
    """One SalesEmailEnv episode driven by TRL's tool-calling loop (environment_factory)."""

    scenario_set = DEFAULT_SET
    split = "train"
    max_turns: int | None = None  # None: the scenario set's default
    reward_model: Any = None

    def __init__(self) -> None:
        sc = load_scenarios(self.scenario_set, self.split)
        self._env = SalesEmailEnv(scenarios=sc, max_turns=self.max_turns, reward_model=self.reward_model)
        self._reward: float | None = None
        self._done = False

    @classmethod
    def configured(cls, **attrs: Any) -> type[SalesEmailToolEnv]:
        """A subclass with other class-level settings, e.g. `SalesEmailToolEnv.configured(split="val")`."""
        return type(cls.__name__, (cls,), attrs)

    def reset(self, **row: Any) -> str:
        """Start the episode of `row["scenario_id"]`; returns the task brief."""
        sid = row.get("scenario_id")
        self._env.reset(options={"scenario_id": sid} if sid else None)
        self._reward, self._done = None, False
        return self._env.scenario.brief()

    def _step(self, call: dict[str, Any]) -> str:
        if self._done:
            return "The email was already finalized; the episode is over."
        obs, reward, term, trunc, info = self._env.step(call)
        if term or trunc:
            self._done = True
            self._reward = float(reward)
        return obs

    @property
    def trajectory(self) -> Trajectory:
        """The episode so far (an unfinished one has no email). A property, so TRL does not offer it as a tool
        (it offers every public function of the class)."""
        return self._env.episode_trajectory()

    def get_reward(self) -> float:
        """The pointwise reward of the episode; an episode that never finalized gets the 'no email' score."""
        if self._reward is None:
            ep = runner.Episode(runner.Job(self._env.scenario.id), self.trajectory)
            self._reward = float(runner.score(self._env.reward_model, [ep], [self._env.scenario])[0].reward)
        return self._reward


def _tool_method(tool: Tool) -> Callable[..., str]:
    """An env method running `tool`, with its function's signature and docstring (TRL's `get_json_schema` reads them)."""
    sig = inspect.signature(tool.fn).replace(return_annotation=str)

    def method(self: SalesEmailToolEnv, *args: Any, **kwargs: Any) -> str:
        bound = sig.bind(self, *args, **kwargs)
        bound.apply_defaults()
        return self._step({"name": tool.name, "arguments": dict(list(bound.arguments.items())[1:])})

    method.__name__ = method.__qualname__ = tool.name
    method.__doc__, method.__signature__ = tool.fn.__doc__, sig  # type: ignore[attr-defined]
    method.__annotations__ = {**get_type_hints(tool.fn), "return": str}
    return method


for _tool in TOOLS.values():  # the KG tools are the env's public typed methods
    setattr(SalesEmailToolEnv, _tool.name, _tool_method(_tool))


def tool_env_dataset(split: str = "train", name: str = DEFAULT_SET, system_prompt: str | None = None):
    """A `datasets.Dataset` for environment_factory training: the system prompt and an instruction per row
    (the env's `reset` appends the brief), with `scenario_id` passed to `reset(**row)`."""
    import datasets

    rows = [{"prompt": [{"role": "system", "content": system_prompt or default_system_prompt()},
                        {"role": "user", "content": INSTRUCTION}], "scenario_id": s.id}
            for s in load_scenarios(name, split)]
    return datasets.Dataset.from_list(rows)


def _gather(items: list[Any]) -> tuple[list[Any], int]:
    """(every process's items in rank order, this process's offset); a no-op in a single process."""
    try:
        import torch.distributed as dist
    except ImportError:  # pragma: no cover
        return items, 0
    if not (dist.is_available() and dist.is_initialized()) or dist.get_world_size() == 1:
        return items, 0
    parts: list[list[Any]] = [None] * dist.get_world_size()  # type: ignore[list-item]
    dist.all_gather_object(parts, items)
    offset = sum(len(p) for p in parts[: dist.get_rank()])
    return [x for p in parts for x in p], offset


def group_reward_func(judge: Any) -> Callable[..., list[float]]:
    """A GRPO reward function that scores each prompt's completions together with `judge.score_group`
    (RULER or any group judge). Needs `environment_factory=SalesEmailToolEnv` (it reads the episodes)."""

    def ruler_group_reward(prompts: Sequence[Any], completions: Sequence[Any], environments: Sequence[Any] | None = None,
                           **kwargs: Any) -> list[float]:
        if environments is None:
            raise ValueError("group_reward_func needs environment_factory=SalesEmailToolEnv")
        local = [e.trajectory.model_dump_json() for e in environments]
        everything, offset = _gather(local)
        episodes = [runner.Episode(runner.Job(t.scenario_id), t)
                    for t in map(Trajectory.model_validate_json, everything)]
        scores = [ep.reward for ep in runner.score(judge, episodes, environments[0]._env.scenario_by_id)]
        return scores[offset : offset + len(local)]

    ruler_group_reward.__name__ = f"{getattr(judge, 'name', 'group')}_group_reward"
    return ruler_group_reward


TOOL_CHAT_TEMPLATE = Path(__file__).with_name("smollm2_tools.jinja")
# How TRL (transformers' `parse_response`) reads a completion in the env's text protocol back into an assistant
# message: each <tool_call>{json}</tool_call> becomes a tool call, the rest is the message's text.
RESPONSE_TEMPLATE: dict[str, Any] = {
    "defaults": {"role": "assistant"},
    "start_anchor": "<|im_start|>assistant\n",
    "fields": {
        "tool_calls": {"open": "<tool_call>", "close_pattern": r"</tool_call>\s*", "repeats": True, "content": "json",
                       "transform": {"type": "function", "function": "{content}"}},
        "content": {"close_pattern": r"<\|im_end\|>\s*", "content": "text"},
    },
}


def tool_chat_template() -> str:
    """SmolLM2's ChatML chat template with tool calling in the env's text protocol (the text of
    `smollm2_tools.jinja`)."""
    return TOOL_CHAT_TEMPLATE.read_text(encoding="utf-8")


def prepare_tokenizer(tokenizer: Any, *, force: bool = False) -> Any:
    """Make `tokenizer` ready for `GRPOTrainer(environment_factory=...)` and return it: a chat template TRL
    accepts for tool calling, a response template that parses tool calls, left padding and a pad token.

    A template that already supports tool calling is kept (TRL adds its own parser for the templates it knows);
    a ChatML template without tool support (SmolLM2's) is replaced by `tool_chat_template()` (`force`: replace
    any template). Anything else is an error that says what to do."""
    from trl.chat_template_utils import add_response_schema, supports_tool_calling

    template = tokenizer.chat_template or ""
    if force or not supports_tool_calling(tokenizer):
        if not force and "<|im_start|>" not in str(template):
            raise ValueError("this tokenizer's chat template is neither tool-capable nor ChatML: give it a chat template "
                             "that renders tool calls (tokenizer.chat_template = ...), or pass force=True to use "
                             "codreamer_env's SmolLM2 tool template (ChatML)")
        tokenizer.chat_template = tool_chat_template()
        _set_response_parser(tokenizer)
    elif getattr(tokenizer, "response_template", None) is None and getattr(tokenizer, "response_schema", None) is None:
        try:
            add_response_schema(tokenizer)
        except ValueError as exc:
            raise ValueError("this tokenizer's chat template supports tool calls, but TRL has no parser for it: set "
                             "tokenizer.response_template (see transformers' chat response parsing docs), or pass "
                             "force=True to use codreamer_env's SmolLM2 tool template (ChatML)") from exc
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def _set_response_parser(tokenizer: Any) -> None:
    """RESPONSE_TEMPLATE where transformers reads response templates (>= 5.13), else TRL's legacy schema for the
    same <tool_call> JSON format (Qwen's)."""
    from trl import chat_template_utils as ctu

    if getattr(ctu, "_SUPPORTS_RESPONSE_TEMPLATE", True):
        tokenizer.response_template = RESPONSE_TEMPLATE
    else:  # pragma: no cover - older transformers
        tokenizer.response_schema = ctu.qwen3_schema


def load_tokenizer(model: str = "smollm2") -> Any:
    """The tokenizer of a local model (`"smollm2"`, `"tiny"` or a folder, as `codreamer_env.models` resolves
    them), passed through `prepare_tokenizer`."""
    from transformers import AutoTokenizer

    from codreamer_env.models import resolve_model_path

    return prepare_tokenizer(AutoTokenizer.from_pretrained(resolve_model_path(model)))
