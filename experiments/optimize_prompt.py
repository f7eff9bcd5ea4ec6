"""Optimize the policy's system prompt by rewriting it, deploying a rewrite only when it is measurably better.

    python -m experiments.optimize_prompt                                          # SmolLM2, rule proposer, 3 rounds
    python -m experiments.optimize_prompt agent=instruction_follower initial_prompt=weak optimizer.rounds=6
    python -m experiments.optimize_prompt "optimizer.proposers=[rules,meta,reflective,history]" \\
        rewriter.backend=openai rewriter.model=gpt-4o-mini rewriter.base_url=https://...
    python -m experiments.optimize_prompt triggers.enabled=true watch=true feedback_paths=[data/feedback/reviews.jsonl]
    python -m experiments.optimize_prompt rl_rewriter.enabled=true rewriter.backend=transformers   # PRewrite-RL

The registry (`registry=...`, created on first use from `initial_prompt`) holds every version, the active one
and the deploy/rollback history; `agent.prompt_registry=<that file>` makes the benchmark use its active prompt.
Each round writes `round<r>/{candidates,scores}.jsonl` and `round<r>/decision.json` under `output_dir`, plus
`rounds.jsonl`, `summary.json` and `active_score.png` (the active prompt's score over rounds).

With `triggers.enabled=true` a run optimizes only when enough feedback has accumulated (see
`agents.prompt_triggers`); `watch=true` polls every `poll_seconds`, first checking the last deploy against
live feedback (rolling back on a significant regression), then the triggers.

`env.scenarios=<file>` (a scenario JSONL of your own) replaces the set: the file's scenarios of the splits
`optimizer.search_split` and `optimizer.holdout_split` when it holds both, else (a `make_scenarios` file has one
split) its 1st, 3rd, 5th, ... scenario to search on and its 2nd, 4th, 6th, ... held out (`search_and_holdout`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import hydra
from omegaconf import DictConfig, OmegaConf

from codreamer_env._io import read_jsonl_rows
from experiments import config as _config
from experiments.cli import friendly_errors
from experiments.layout import RL_RESULT, RL_REWRITER_DIR, ROUNDS
from experiments.plots import figure


def initial_text(spec: str) -> str:
    from codreamer_env.prompts import default_system_prompt, weak_system_prompt

    if spec == "default":
        return default_system_prompt()
    if spec == "weak":
        return weak_system_prompt()
    path = Path(spec)
    if not path.exists():
        raise FileNotFoundError(f"initial_prompt: {spec!r} is neither 'default', 'weak' nor an existing file")
    return path.read_text(encoding="utf-8")


def protected_for(text: str, names: Any) -> list[str]:
    """The protected section names: as configured, else those the initial prompt contains."""
    from codreamer_env.prompts import SECTIONS

    if names is not None:
        return list(names)
    out = [n for n in ("tool_protocol", "compliance") if SECTIONS[n] in text]
    if "tool_protocol" not in out and SECTIONS["tool_list"] in text:
        out.insert(0, "tool_list")
    return out


def open_registry(cfg: DictConfig) -> Any:
    from agents.prompt_registry import PromptRegistry

    if Path(cfg.registry).exists():
        return PromptRegistry(cfg.registry)
    text = initial_text(cfg.initial_prompt)
    return PromptRegistry.open(cfg.registry, initial=text, protected=protected_for(text, cfg.protected))


def make_generator(cfg: DictConfig) -> Any:
    from agents.prompt_proposers import LocalChat, OpenAIChat

    r = cfg.rewriter
    if r.backend == "none":
        return None
    if r.backend == "transformers":
        return LocalChat(r.model)
    if r.backend == "openai":
        return OpenAIChat(r.model, r.base_url, r.api_key_env)
    raise ValueError(f"rewriter.backend: unknown {r.backend!r}; use none, transformers or openai")


def search_and_holdout(env_cfg: Any, search_split: str, holdout_split: str) -> tuple[list[Any], list[Any]]:
    """(search, held-out) scenarios: the splits `search_split` and `holdout_split` of `env.scenario_set`; with
    `env.scenarios` (a file of your own), the file's scenarios of those two splits (the middle part of their ids)
    when it holds both, else the file divided by position, deterministically: 1st, 3rd, 5th, ... scenario to the
    search, 2nd, 4th, 6th, ... held out (so a file sorted by industry or company still gives both halves some of
    each). A file of one scenario cannot be divided and is refused."""
    import codreamer_env as ce
    from experiments.factory import scenarios_file

    path = scenarios_file(env_cfg)
    if path is None:
        return (ce.load_scenarios(env_cfg.scenario_set, search_split),
                ce.load_scenarios(env_cfg.scenario_set, holdout_split))
    scenarios = ce.load_scenarios(path=path)
    search = [s for s in scenarios if s.split == search_split]
    holdout = [s for s in scenarios if s.split == holdout_split]
    if search and holdout:
        print(f"{path}: {len(search)} {search_split!r} scenarios to search on, {len(holdout)} {holdout_split!r} "
              "scenarios held out")
        return search, holdout
    if len(scenarios) < 2:
        raise ce.DataError("a prompt optimization needs at least 2 scenarios (to search on and to hold out); the "
                           f"file has {len(scenarios)}", file=path, field="env.scenarios")
    search, holdout = scenarios[0::2], scenarios[1::2]
    print(f"{path} has no {search_split!r} and {holdout_split!r} splits: its scenarios 1, 3, 5, ... "
          f"({len(search)}) to search on, 2, 4, 6, ... ({len(holdout)}) held out")
    return search, holdout


def build_optimizer(cfg: DictConfig, registry: Any, feedback: list[Any], extra_proposers: list[Any] = ()) -> Any:
    from agents.prompt_optimizer import OptimizerSettings, PromptOptimizer
    from agents.prompt_proposers import make_proposer
    from agents.prompt_rewrite import Budget, GateConfig
    from experiments.factory import make_agent, make_reward, tool_config

    o = cfg.optimizer
    gen = make_generator(cfg)
    proposers = []
    for name in o.proposers:
        if name == "rules":
            proposers.append(make_proposer("rules", n=o.candidates, targeted=o.targeted_rules))
        else:
            proposers.append(make_proposer(name, gen, n=o.candidates, scope=o.scope,
                                           max_new_tokens=cfg.rewriter.max_new_tokens,
                                           temperature=cfg.rewriter.temperature))
    proposers += list(extra_proposers)
    if o.search_split == o.holdout_split:
        raise ValueError("optimizer.holdout_split must differ from optimizer.search_split (the confirmation must "
                         "use scenarios the search never saw)")
    search, holdout = search_and_holdout(cfg.env, o.search_split, o.holdout_split)
    holdout = holdout[: o.holdout_limit]
    # The agent must read its system prompt from each episode (the arm's prompt), never a fixed one.
    agent = make_agent(OmegaConf.merge(cfg.agent, {"system_prompt": None, "prompt_registry": None}), search + holdout)
    settings = _config.build(OptimizerSettings, o)
    gate_cfg = _config.build(GateConfig, cfg.gate)
    budget = _config.build(Budget, cfg.budget)
    return PromptOptimizer(registry, proposers, agent, make_reward(cfg.judge, cfg.reward), search, holdout,
                           cfg.output_dir, settings, gate_cfg, budget, feedback,
                           env_kwargs={"tool_config": tool_config(cfg.env)})


def train_rl_rewriter(cfg: Any, registry: Any) -> dict[str, Any]:
    """`experiments.optimize_prompt rl_rewriter.enabled=true`: train on the search split with the configured
    policy and judge; the trained rewriter then proposes through `MetaPromptProposer`."""
    from omegaconf import OmegaConf

    from agents.prompt_proposers import LocalChat
    from agents.rewriter_grpo import compare_rewriters, rewrite_quality, train_rewriter
    from codreamer_env._io import atomic_write_json
    from experiments.factory import make_agent, make_reward

    r = cfg.rl_rewriter
    search, held_out = search_and_holdout(cfg.env, cfg.optimizer.search_split, cfg.optimizer.holdout_split)
    held_out = held_out[: r.eval_scenarios]
    agent = make_agent(OmegaConf.merge(cfg.agent, {"system_prompt": None, "prompt_registry": None}), search + held_out)
    reward_model = make_reward(cfg.judge, cfg.reward)
    incumbent, protected = registry.active_text(), registry.protected

    def quality(model: str) -> dict[str, Any]:
        return rewrite_quality(LocalChat(model), incumbent, protected, agent, reward_model, held_out,
                               k=r.eval_rewrites, max_new_tokens=r.max_completion_length, temperature=1.0,
                               seed=cfg.optimizer.seed + 7, max_turns=cfg.optimizer.max_turns)

    before = quality(cfg.rewriter.model) if r.eval_rewrites else None
    res = train_rewriter(cfg.rewriter.model, agent, reward_model,
                         search, incumbent,
                         protected, Path(cfg.output_dir) / RL_REWRITER_DIR, steps=r.steps,
                         num_generations=r.num_generations, minibatch=r.minibatch, learning_rate=r.learning_rate,
                         max_completion_length=r.max_completion_length, max_turns=cfg.optimizer.max_turns,
                         seed=cfg.optimizer.seed)
    if before is not None:
        after = quality(res["model"])
        res["quality"] = {"before": before, "after": after,
                          "difference": compare_rewriters(before["rewards"], after["rewards"], seed=cfg.optimizer.seed)}
    atomic_write_json(Path(cfg.output_dir) / RL_REWRITER_DIR / RL_RESULT, res)
    return res


def plot_rounds(out_dir: Path) -> Path | None:
    """active_score.png: the active prompt's score on the search scenarios after each round (deploys marked),
    with the held-out scores of confirmed and failed candidates."""
    rounds = [r for r in read_jsonl_rows(out_dir / ROUNDS) if r.get("active_score") is not None]
    if not rounds:
        return None
    png = out_dir / "active_score.png"
    with figure(png, (7, 4)) as (_fig, ax):
        xs = [r["round"] for r in rounds]
        ax.plot(xs, [r["incumbent_score"] for r in rounds], "o--", color="grey", label="incumbent (round start)")
        ax.plot(xs, [r["active_score"] for r in rounds], "o-", label="active prompt (round end)")
        dep = [r for r in rounds if r.get("deployed")]
        if dep:
            ax.plot([r["round"] for r in dep], [r["active_score"] for r in dep], "*", ms=14, label="deployed")
        hold = [r for r in rounds if "holdout_candidate_score" in r]
        if hold:
            ax.plot([r["round"] for r in hold], [r["holdout_candidate_score"] for r in hold], "s", mfc="none",
                    label="best candidate, held-out")
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel("round")
        ax.set_ylabel("mean reward (search scenarios)")
        ax.set_title("Prompt optimization")
        ax.legend(loc="best")
    return png


def run_once(cfg: DictConfig, now: float | None = None) -> dict[str, Any]:
    """One pass: monitor the last deploy (rollback on regression), check the triggers, optimize."""
    from agents.prompt_triggers import MonitorConfig, TriggerConfig, check_triggers, monitor_deployment
    from codreamer_env.rewards.feedback import FeedbackStore

    out = Path(cfg.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    registry = open_registry(cfg)
    events = FeedbackStore(list(cfg.feedback_paths)).events() if cfg.feedback_paths else []
    result: dict[str, Any] = {"time": time.time() if now is None else now}
    if cfg.monitor.enabled and events:
        m = monitor_deployment(registry, events, _config.build(MonitorConfig, cfg.monitor), now)
        result["monitor"] = m.to_dict()
        if m.rollback:
            v = registry.rollback(reason=m.reason, details=m.to_dict())
            result["rolled_back_to"] = v.id
            print(f"rolled back to {v.id}: {m.reason}")
    if cfg.triggers.enabled:
        d = check_triggers(events, registry.optimization_times(), _config.build(TriggerConfig, cfg.triggers), now)
        result["triggers"] = d.to_dict()
        if not d.fire:
            print("not optimizing: " + "; ".join(d.reasons))
            return result
    extra = []
    if cfg.rl_rewriter.enabled:
        from agents.prompt_proposers import LocalChat, MetaPromptProposer

        result["rl_rewriter"] = rl = train_rl_rewriter(cfg, registry)
        trained = MetaPromptProposer(LocalChat(rl["model"]), n=cfg.optimizer.candidates, scope="instructions",
                                     max_new_tokens=cfg.rewriter.max_new_tokens, temperature=cfg.rewriter.temperature)
        trained.name = "prewrite_rl"
        extra.append(trained)
        print(f"rewriter trained with GRPO ({len(rl['log'])} steps) -> {rl['model']}")
        if "quality" in rl:
            q = rl["quality"]
            print(f"rewrites' mean reward on held-out scenarios: {q['before']['mean']:.3f} before, "
                  f"{q['after']['mean']:.3f} after (difference {q['difference']['diff']:+.3f}, 95% CI "
                  f"[{q['difference']['ci'][0]:+.3f}, {q['difference']['ci'][1]:+.3f}], p={q['difference']['p_value']:.3g});"
                  f" incumbent {q['before']['incumbent']:.3f}")
    opt = build_optimizer(cfg, registry, events, extra)
    summary = opt.run()
    plot_rounds(out)
    result["summary"] = summary
    if summary["stopped"]:
        print(f"stopped: {summary['stopped']}")
    print(f"active prompt {summary['initial']} -> {summary['final']} after {summary['rounds']} round(s); "
          f"deployed {summary['deployed'] or 'nothing'}; results in {out}")
    return result


def run(cfg: DictConfig) -> list[dict[str, Any]]:
    results = []
    polls = 0
    while True:
        results.append(run_once(cfg))
        polls += 1
        if not cfg.watch or (cfg.max_polls and polls >= cfg.max_polls):
            break
        time.sleep(cfg.poll_seconds)
    return results


@hydra.main(version_base="1.3", config_path="pkg://experiments.configs", config_name="optimize_prompt")
@friendly_errors
def main(cfg: DictConfig) -> None:
    run(cfg)


if __name__ == "__main__":
    main()
