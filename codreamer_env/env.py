"""SalesEmailEnv: browse a scenario's KG with tool calls, then finalize an email; the reward judges it.

Contract (see DESIGN.md):
- `reset(seed=None, options={"scenario_id": ...})` -> (observation: str, info)
- `step(action)` -> (observation: str, reward: float, terminated, truncated, info)
- `info` carries `messages` (OpenAI chat format, the whole episode so far), `tools` (OpenAI tool schemas),
  `scenario_id`, `brief` (the brief's fields: prospect, product, goal, start nodes), turn counters; on the last step also `trajectory` and `reward_components`.
- An action is a string (a raw completion with a tool call inside) or a dict in OpenAI's tool-call or
  assistant-message shape. `step` never raises for an action: an unparseable or invalid call becomes an
  error observation and is counted in `info["invalid_actions"]`.
- `finalize_email` terminates. Reaching `max_turns` without it truncates; that episode is scored as
  "no email" by the reward model (the rubric judge gives 0.0 with every component 0).
- The core env is unshaped: intermediate steps give 0.0. Shaping lives in wrappers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import gymnasium as gym
import orjson

from codreamer_env.actions import MAX_ACTION_CHARS, TOOL_CALL_HELP, parse_action, valid_text
from codreamer_env.kg import NodeScores
from codreamer_env.prompts import default_system_prompt
from codreamer_env.rewards.base import RewardModel
from codreamer_env.scenarios import DEFAULT_SET, Brief, Scenario, default_max_turns, load_scenarios
from codreamer_env.spaces import TextSpace
from codreamer_env.tools import FINAL_TOOL, KGTools, ToolConfig, execute, tool_schemas
from codreamer_env.trajectory import FinalEmail, ToolResult, Trajectory, Turn

MAX_OBS_CHARS = 16_000


def _recorded_action(action: Any, text: str | None) -> str | dict[str, Any]:
    """The action as the trajectory keeps it, always JSON-writable: a string as parsed (lone surrogates as
    U+FFFD), a dict that is JSON as it is, anything else as its repr."""
    if isinstance(action, str):
        return text if text is not None else valid_text(action)
    if isinstance(action, dict):
        try:
            orjson.dumps(action)
            return action
        except TypeError:  # orjson.JSONEncodeError: a surrogate, a non-string key, bytes, deep nesting, ...
            pass
    try:
        return valid_text(repr(action))
    except Exception:  # noqa: BLE001 - a repr that raises (or recurses too deep) must not break step
        return f"<unprintable {type(action).__name__}>"


class SalesEmailEnv(gym.Env[str, str]):
    """Write a personalised cold sales email grounded in a knowledge graph, one tool call per turn."""

    metadata = {"render_modes": ["ansi"], "render_fps": 1}

    def __init__(
        self,
        scenario_set: str = DEFAULT_SET,
        split: str = "test",
        *,
        scenarios: Sequence[Scenario] | str | os.PathLike[str] | None = None,  # a JSONL path: load_scenarios(path=)
        scenario_ids: Sequence[str] | None = None,
        max_turns: int | None = None,  # None: the scenario set's default (`scenarios.default_max_turns`)
        tool_config: ToolConfig | Mapping[str, Any] | None = None,
        reward_model: RewardModel | None = None,
        system_prompt: str | None = None,
        node_scores: Mapping[str, NodeScores] | Callable[[Scenario], NodeScores] | None = None,
        render_mode: str | None = None,
        max_observation_chars: int = MAX_OBS_CHARS,
    ) -> None:
        if max_turns is not None and max_turns < 1:
            raise ValueError(f"max_turns must be >= 1, got {max_turns}")
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode must be one of {self.metadata['render_modes']}, got {render_mode!r}")
        if isinstance(scenarios, (str, os.PathLike)):  # your own scenario file (codreamer_env.make_scenarios)
            source, rows = str(scenarios), load_scenarios(path=scenarios)
        elif scenarios is not None:
            source, rows = "the scenarios given", list(scenarios)
        else:
            source, rows = f"{scenario_set}/{split}", load_scenarios(scenario_set, split)
        if scenario_ids is not None:
            wanted = set(scenario_ids)
            rows = [s for s in rows if s.id in wanted]
        if not rows:
            raise ValueError(f"no scenarios selected from {source}")
        self.scenarios = rows
        self._by_id = {s.id: i for i, s in enumerate(rows)}
        self.max_turns = int(max_turns or default_max_turns(rows[0].id))
        self.tool_config = tool_config if isinstance(tool_config, ToolConfig) else ToolConfig(**(tool_config or {}))
        if reward_model is None:
            from codreamer_env.rewards.rubric import RubricJudge

            reward_model = RubricJudge()
        self.reward_model = reward_model
        self.system_prompt = system_prompt if system_prompt is not None else default_system_prompt()
        self._node_scores = node_scores
        self._score_cache: dict[str, NodeScores] = {}
        self._episode_cache: dict[str, tuple[KGTools, str, Brief]] = {}
        self._brief: Brief | None = None
        self.render_mode = render_mode
        self.max_observation_chars = max_observation_chars
        self.observation_space = TextSpace(max_length=max(max_observation_chars, len(self.system_prompt) + 4000))
        self.action_space = TextSpace(max_length=MAX_ACTION_CHARS)
        self._tool_schemas = tool_schemas()
        self.scenario: Scenario | None = None
        self._done = True
        self._defer_reward = False

    # ------------------------------------------------------------------ helpers
    def node_scores_for(self, scenario: Scenario) -> NodeScores:
        """The NodeScores the tools rank with for `scenario` (from config, else uniform 1.0)."""
        ns = self._score_cache.get(scenario.id)
        if ns is None:
            src = self._node_scores
            if callable(src):
                ns = src(scenario)
            elif src is not None and scenario.id in src:
                ns = src[scenario.id]
            else:
                ns = NodeScores(scenario.graph())
            self._score_cache[scenario.id] = ns
        return ns

    def _info(self, **extra: Any) -> dict[str, Any]:
        info = {
            "messages": list(self._messages),
            "tools": list(self._tool_schemas),
            "scenario_id": self.scenario.id if self.scenario else None,
            "brief": self._brief,
            "turn": self._turn,
            "max_turns": self.max_turns,
            "invalid_actions": self._invalid,
        }
        info.update(extra)
        return info

    # ------------------------------------------------------------------ gymnasium API
    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
        """Start an episode: `options["scenario_id"]` picks the scenario, else it is drawn with `self.np_random`.

        `options["defer_reward"] = True` makes the final step return 0.0 and leave scoring to the runner
        (`codreamer_env.runner.score`), so a group judge can see the whole group. `options["system_prompt"]`
        replaces the env's system prompt for this episode (e.g. one arm of a paired prompt test).
        """
        super().reset(seed=seed)
        options = options or {}
        sid = options.get("scenario_id")
        if sid is not None:
            sc = self.scenario_by_id(sid)
        else:
            sc = self.scenarios[int(self.np_random.integers(len(self.scenarios)))]
        cached = self._episode_cache.get(sc.id)
        if cached is None:
            cached = self._episode_cache[sc.id] = (KGTools(sc.graph(), self.node_scores_for(sc), self.tool_config),
                                                   sc.brief(), sc.brief_fields())
        system_prompt = self.system_prompt if options.get("system_prompt") is None else options["system_prompt"]
        if len(system_prompt) + len(cached[1]) + 2 > self.observation_space.max_length:
            raise ValueError(f"options['system_prompt'] ({len(system_prompt)} chars) does not fit this env's "
                             f"observation space ({self.observation_space.max_length} chars): pass a larger "
                             "max_observation_chars when making the env")
        self.scenario = sc
        self._defer_reward = bool(options.get("defer_reward", False))
        self._tools, brief, self._brief = cached
        self._messages: list[dict[str, Any]] = [
            {"role": "system", "content": system_prompt},
            {"role": "user", "content": brief},
        ]
        self._turns: list[dict[str, Any]] = []
        self._turn = 0
        self._invalid = 0
        self._retrieved: dict[str, None] = {}
        self._final: FinalEmail | None = None
        self._done = False
        self._terminated = self._truncated = False
        self._trajectory: Trajectory | None = None
        self._last_components: dict[str, float] | None = None
        obs = f"{system_prompt}\n\n{brief}"
        return obs, self._info()

    def step(self, action: Any) -> tuple[str, float, bool, bool, dict[str, Any]]:
        """Run the tool call(s) in `action`; see the module docstring for the contract."""
        if self._done:
            # Gymnasium leaves stepping a finished episode undefined; we answer instead of raising.
            msg = "The episode is over; call reset() to start a new one."
            return msg, 0.0, self._terminated, self._truncated, self._info(step_invalid=1, error=msg)
        self._turn += 1
        turn_no = self._turn
        parsed = parse_action(action)
        # Arguments go into the chat messages as JSON text. parse_action only returns calls whose arguments
        # orjson can write; a call that cannot be written anyway becomes an error here, never an exception.
        calls, arguments_json = [], []
        for c in parsed.calls:
            try:
                arguments_json.append(orjson.dumps(c.arguments).decode())
            except TypeError as exc:
                parsed.errors.append(valid_text(f"{c.name}: arguments must be JSON values ({exc})"))
                continue
            calls.append(c)
        # The assistant turn, in OpenAI format: its text (if any) and its tool calls with ids.
        ids = [c.id or f"call_{turn_no}_{k}" for k, c in enumerate(calls)]
        assistant: dict[str, Any] = {"role": "assistant", "content": parsed.text if parsed.text is not None else None}
        if calls:
            assistant["tool_calls"] = [
                {"id": cid, "type": "function", "function": {"name": c.name, "arguments": args}}
                for cid, c, args in zip(ids, calls, arguments_json, strict=True)
            ]
        self._messages.append(assistant)
        step_invalid = len(parsed.errors)
        results: list[ToolResult] = []
        pieces: list[str] = []
        for cid, call in zip(ids, calls, strict=True):
            if self._final is not None:
                res = ToolResult(ok=False, content="Error: the email was already finalized; later calls are ignored.",
                                 error="call after finalize_email")
            else:
                try:
                    res = execute(self._tools, call.name, call.arguments)
                except Exception as exc:  # noqa: BLE001 - the contract: step never raises for an action
                    res = ToolResult(ok=False, content=f"Error: {call.name} failed ({type(exc).__name__}).",
                                     error=type(exc).__name__)
            if not res.ok:
                step_invalid += 1
            else:
                for nid in res.data.get("shown", ()):
                    self._retrieved[nid] = None
                if call.name == FINAL_TOOL and self._final is None:
                    d = res.data
                    self._final = FinalEmail(d["subject"], d["body"], d["citations"])
            results.append(res)
            pieces.append(res.content)
            self._messages.append({"role": "tool", "tool_call_id": cid, "name": call.name, "content": res.content})
        if parsed.errors:
            err = "Error: " + " | ".join(parsed.errors) + "\n" + TOOL_CALL_HELP
            pieces.append(err)
            self._messages.append({"role": "user", "content": err})
        elif not calls:
            step_invalid += 1
            err = "No tool call found. " + TOOL_CALL_HELP
            pieces.append(err)
            self._messages.append({"role": "user", "content": err})
        self._invalid += step_invalid
        raw = _recorded_action(action, parsed.text)
        self._turns.append({"index": turn_no, "action": raw, "calls": calls, "results": results,
                            "invalid": step_invalid, "parse_error": "; ".join(parsed.errors) or None})
        terminated = self._final is not None
        truncated = not terminated and turn_no >= self.max_turns
        obs = "\n\n".join(pieces)
        if truncated:
            note = f"Turn limit reached ({self.max_turns} turns) without finalize_email; the episode ends with no email."
            obs = f"{obs}\n\n{note}"
            self._messages.append({"role": "user", "content": note})
        if len(obs) > self.max_observation_chars:
            obs = obs[: self.max_observation_chars - 15] + "\n[truncated]"
        reward = 0.0
        extra: dict[str, Any] = {"step_invalid": step_invalid, "step_executed": sum(r.ok for r in results),
                                 "tool_calls": [c.name for c in calls]}
        if terminated or truncated:
            self._done = True
            self._terminated, self._truncated = terminated, truncated
            traj = self.episode_trajectory()
            extra["trajectory"] = traj
            if self._defer_reward:
                extra["reward_deferred"] = True
            else:
                total, components = self.reward_model.score_group(self.scenario, [traj])[0]
                reward = float(total)
                self._last_components = dict(components)
                extra["reward_components"] = dict(components)
        return obs, reward, terminated, truncated, self._info(**extra)

    def scenario_by_id(self, scenario_id: str) -> Scenario:
        """The scenario with this id among the env's scenarios (KeyError if it is not one of them)."""
        if scenario_id not in self._by_id:
            raise KeyError(f"scenario {scenario_id!r} is not in this env's scenario set")
        return self.scenarios[self._by_id[scenario_id]]

    @property
    def retrieved_nodes(self) -> list[str]:
        """Ids of the KG nodes the tools have shown this episode, in order of first appearance."""
        return list(self._retrieved)

    def episode_trajectory(self) -> Trajectory:
        """The episode so far as a Trajectory (a running episode's has no email and counts as truncated)."""
        # Built with model_construct: every part was made (and validated) by this env already.
        turns = [Turn(t["index"], t["action"], t["calls"], t["results"], t["invalid"], t["parse_error"])
                 for t in self._turns]
        traj = Trajectory.model_construct(
            scenario_id=self.scenario.id, messages=[dict(m) for m in self._messages], turns=turns,
            final_email=self._final, terminated=self._final is not None, truncated=self._final is None,
            invalid_actions=self._invalid, retrieved_nodes=list(self._retrieved))
        if self._done:
            self._trajectory = traj
        return traj

    @property
    def trajectory(self) -> Trajectory | None:
        """The finished episode's trajectory (None while running)."""
        return self._trajectory

    def render(self) -> str | None:
        """With render_mode="ansi", the episode so far as readable text."""
        if self.render_mode != "ansi":
            return None
        if self.scenario is None:
            return "(no episode yet: call reset())"
        lines = [f"=== {self.scenario.id} | turn {self._turn}/{self.max_turns} | invalid actions {self._invalid}"]
        for m in self._messages[1:]:
            role = m["role"]
            if role == "assistant":
                if m.get("content"):
                    lines.append(f"[assistant] {m['content']}")
                for tc in m.get("tool_calls", []):
                    lines.append(f"[assistant -> {tc['function']['name']}] {tc['function']['arguments']}")
            elif role == "tool":
                lines.append(f"[tool {m['name']}] {m['content']}")
            else:
                lines.append(f"[{role}] {m['content']}")
        if self._final is not None:
            lines.append(f"--- final email ---\nSubject: {self._final.subject}\n\n{self._final.body}\n"
                         f"Citations: {', '.join(self._final.citations)}")
        if self._last_components:
            lines.append("--- reward components --- " + ", ".join(f"{k}={v:.3f}" for k, v in self._last_components.items()))
        return "\n".join(lines)

    def close(self) -> None:
        """Nothing to release; safe to call twice."""
        self._done = True
