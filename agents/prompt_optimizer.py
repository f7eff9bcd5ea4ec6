"""The prompt-rewrite optimizer: rounds of propose -> paired evaluation -> gate -> held-out confirmation -> deploy.

Each round takes the registry's active prompt as the incumbent, collects candidates from every proposer
(the registry rejects any that lost a protected section, before evaluation), plays all arms on the
round's search scenarios (rotating through the search split, so rounds do not all select on the same
scenarios), gates them (`agents.prompt_rewrite.gate`: paired test, Holm, margin), and confirms the best
passing candidate against the incumbent on the held-out split. Only a confirmed candidate is deployed.
Every round writes `round<r>/candidates.jsonl`, `round<r>/scores.jsonl`, `round<r>/trajectories.jsonl` (the
search episodes, in the benchmark's row format) and `round<r>/decision.json` to the run folder and appends a line to `rounds.jsonl`. A `Budget` that runs out stops the run between units of
work, and the summary says so.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from agents.layout import CANDIDATES, DECISION, ROUND_DIR, ROUNDS, SCORES, SUMMARY, TRAJECTORIES
from agents.prompt_proposers import Candidate, ProposalContext, diagnose, split_prompt
from agents.prompt_registry import PromptRegistry, ProtectedSectionsMissing
from agents.prompt_rewrite import (
    ArmScores,
    Budget,
    BudgetExhausted,
    GateConfig,
    best_passing,
    gate,
    margin_ok,
    paired_evaluation,
    paired_test,
)
from codreamer_env.rewards.feedback import HumanReview


@dataclass
class OptimizerSettings:
    rounds: int = 3
    # Read by whoever builds the proposers (experiments.optimize_prompt), and the splits by whoever loads them.
    proposers: list[str] = field(default_factory=lambda: ["rules"])  # rules | meta | reflective | history
    candidates: int = 4  # per proposer and round
    scope: str = "instructions"  # instructions (protected sections re-attached) | full (the rewriter sees everything)
    targeted_rules: bool = True  # the rule proposer draws requirements by the reward lost to what they target
    trials: int = 2  # episodes per scenario and arm
    search_split: str = "train"
    search_limit: int = 32  # scenarios per round, taken in turn from the search split
    holdout_split: str = "val"
    holdout_limit: int = 64
    max_turns: int | None = None  # None: the scenario set's default (codreamer_env.scenarios.MAX_TURNS)
    batch_size: int = 16
    seed: int = 0
    worst_k: int = 3
    confirm: bool = True
    # Before the first round, play the incumbent once on other search scenarios (the slice before round 0's)
    # when a proposer looks at episodes (targeted rules, reflective) and none have been played yet (GEPA).
    diagnose: bool = True


def _jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    with open(path, "ab") as f:
        for r in rows:
            f.write(orjson.dumps(r, option=orjson.OPT_SERIALIZE_NUMPY) + b"\n")


class PromptOptimizer:
    def __init__(self, registry: PromptRegistry, proposers: Sequence[Any], agent: Any, reward_model: Any,
                 search: Sequence[Any], holdout: Sequence[Any], out_dir: str | Path,
                 settings: OptimizerSettings | None = None, gate_cfg: GateConfig | None = None,
                 budget: Budget | None = None, feedback: Sequence[Any] = (), env_kwargs: dict[str, Any] | None = None) -> None:
        self.registry, self.proposers, self.agent, self.reward_model = registry, list(proposers), agent, reward_model
        self.s = settings or OptimizerSettings()
        self.search, self.holdout = list(search), list(holdout)[: self.s.holdout_limit]
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.gate_cfg = gate_cfg or GateConfig(seed=self.s.seed)
        self.budget = budget or Budget()
        self.feedback = list(feedback)
        self.env_kwargs = env_kwargs or {}
        self.history: list[dict[str, Any]] = []
        self.human = self._human_feedback()  # reject reasons and edits: the same every round
        self.worst: list[dict[str, Any]] = list(self.human)
        self.diagnosis: dict[str, float] = {}  # reward lost per failure kind (`diagnose`), from the last episodes
        self.has_episodes = False  # whether self.worst and self.diagnosis come from an incumbent's episodes yet

    def _human_feedback(self) -> list[dict[str, Any]]:
        """Reject reasons and edits from human reviews, for the reflective proposer."""
        out = []
        for e in self.feedback:
            if isinstance(e, HumanReview) and e.decision in ("reject", "edit"):
                notes = [f"{e.decision}: {e.reason}" if e.reason else e.decision]
                if e.decision == "edit" and e.edited_text:
                    notes.append(f"the reviewer rewrote it as: {e.edited_text}")
                out.append({"email": e.draft_text or "", "reward": 0.0, "components": {}, "human": notes})
        return out[-10:]

    def _round_scenarios(self, r: int) -> list[Any]:
        n = min(self.s.search_limit, len(self.search))
        start = (r * n) % len(self.search)
        return [self.search[(start + k) % len(self.search)] for k in range(n)]

    def _evaluate(self, prompts: dict[str, str], scenarios: Sequence[Any], seed: int) -> dict[str, ArmScores]:
        return paired_evaluation(prompts, scenarios, self.agent, self.reward_model, trials=self.s.trials, seed=seed,
                                 batch_size=self.s.batch_size, max_turns=self.s.max_turns, env_kwargs=self.env_kwargs,
                                 budget=self.budget)

    def _learn_from(self, arm: ArmScores) -> None:
        """Keep the incumbent's worst episodes and its failure diagnosis (all its episodes) for the next
        proposals."""
        episodes = self._episodes_of(arm)
        self.worst = sorted(episodes, key=lambda x: x["reward"])[: self.s.worst_k] + self.human
        self.diagnosis = diagnose(episodes)
        self.has_episodes = True

    @staticmethod
    def _episodes_of(arm: ArmScores) -> list[dict[str, Any]]:
        rows = []
        for sid, eps in arm.episodes.items():
            for t, r, c in ((ep.trajectory, ep.reward, ep.components) for ep in eps):
                email = f"Subject: {t.final_email.subject}\n\n{t.final_email.body}" if t.final_email else None
                rows.append({"scenario_id": sid, "email": email, "reward": r, "invalid_actions": t.invalid_actions,
                             "components": {k: v for k, v in c.items() if isinstance(v, (int, float))},
                             "explanation": c.get("explanation") if isinstance(c.get("explanation"), str) else None})
        return rows

    def _diagnose(self, r: int, inc: Any) -> dict[str, Any] | None:
        """Play the incumbent on the search slice before round r's (so the proposers never tailor a candidate
        to the scenarios it is then judged on) and keep its worst episodes for the proposers; only when no
        episodes were played yet and some proposer uses them."""
        if (not self.s.diagnose or self.has_episodes
                or not any(getattr(p, "uses_episodes", False) for p in self.proposers)):
            return None
        scenarios = self._round_scenarios(r - 1)
        arm = self._evaluate({inc.id: inc.text}, scenarios, seed=self.s.seed + 20_000 + r)[inc.id]
        self._learn_from(arm)
        return {"scenarios": [s.id for s in scenarios], "incumbent_score": arm.mean(), "reward_lost": self.diagnosis}

    def run_round(self, r: int) -> dict[str, Any]:
        rdir = self.out / ROUND_DIR.format(r)
        rdir.mkdir(parents=True, exist_ok=True)
        inc = self.registry.active
        diagnosis = self._diagnose(r, inc)
        ctx = ProposalContext(incumbent=inc.text, protected=self.registry.protected, history=self.history,
                              worst=self.worst, diagnosis=self.diagnosis, round=r, seed=self.s.seed)
        cands: list[Candidate] = []
        for p in self.proposers:
            cands += p.propose(ctx)
        accepted: dict[str, str] = {}
        rows = []
        for c in cands:
            row = {"round": r, "proposer": c.proposer, "note": c.note, "text": c.text, "meta_prompt": c.meta_prompt}
            try:
                v = self.registry.add(c.text, parent=inc.id, proposer=c.proposer, meta_prompt=c.meta_prompt)
            except ProtectedSectionsMissing as e:
                rows.append({**row, "id": None, "status": "rejected", "reason": str(e)})
                continue
            if v.id == inc.id or v.id in accepted:
                rows.append({**row, "id": v.id, "status": "duplicate", "reason": "same text as the incumbent or "
                                                                                 "another candidate"})
                continue
            accepted[v.id] = c.text
            rows.append({**row, "id": v.id, "status": "evaluated", "reason": ""})
        _jsonl(rdir / CANDIDATES, rows)
        result: dict[str, Any] = {"round": r, "incumbent": inc.id, "candidates": len(cands),
                                  "rejected_protected": sum(x["status"] == "rejected" for x in rows),
                                  "evaluated": len(accepted), "deployed": None, "time": time.time()}
        if diagnosis is not None:
            result["diagnosis"] = diagnosis
        if not accepted:
            result.update(incumbent_score=None, active_score=None, decisions=[], reason="no valid candidate")
            return self._finish(rdir, result)
        scenarios = self._round_scenarios(r)
        arms = self._evaluate({inc.id: inc.text, **accepted}, scenarios, seed=self.s.seed + r)
        _jsonl(rdir / SCORES, [
            {"round": r, "arm": a, "scenario_id": sid, "trial": t, "reward": ep.reward,
             "components": {k: v for k, v in ep.components.items() if isinstance(v, (int, float))}}
            for a in arms for sid, eps in arms[a].episodes.items() for t, ep in enumerate(eps)])
        self._save_trajectories(rdir, r, arms)
        decisions = gate(arms, inc.id, self.gate_cfg)
        for d in decisions:
            self.registry.record_evaluation(d.candidate, {"round": r, "split": "search", "vs": inc.id, **d.to_dict()})
        self.registry.record_evaluation(inc.id, {"round": r, "split": "search", "role": "incumbent",
                                                 "mean": arms[inc.id].mean()})
        winner = best_passing(decisions)
        result.update(incumbent_score=arms[inc.id].mean(), decisions=[d.to_dict() for d in decisions],
                      scenarios=[s.id for s in scenarios])
        active_score = arms[inc.id].mean()
        if winner is None:
            result["reason"] = "no candidate passed the gate"
        elif self.s.confirm:
            hold = self._evaluate({inc.id: inc.text, winner.candidate: accepted[winner.candidate]}, self.holdout,
                                  seed=self.s.seed + 10_000 + r)
            ct = paired_test(hold[winner.candidate], hold[inc.id], significance=self.gate_cfg.significance,
                             method=self.gate_cfg.method, resamples=self.gate_cfg.resamples, seed=self.gate_cfg.seed)
            ok = ct.p_value <= self.gate_cfg.significance and margin_ok(ct, self.gate_cfg)
            result["confirmation"] = {"candidate": winner.candidate, **ct.to_dict(), "passed": ok}
            self.registry.record_evaluation(winner.candidate, {"round": r, "split": "holdout", "vs": inc.id,
                                                               **ct.to_dict(), "passed": ok})
            if ok:
                self._deploy(winner.candidate, r, winner, ct)
                result["deployed"] = winner.candidate
                active_score = arms[winner.candidate].mean()
                result["reason"] = "deployed: passed the gate and the held-out confirmation"
            else:
                result["reason"] = "the best candidate passed the gate but not the held-out confirmation"
            result["holdout_incumbent_score"] = hold[inc.id].mean()
            result["holdout_candidate_score"] = hold[winner.candidate].mean()
        else:
            self._deploy(winner.candidate, r, winner, None)
            result["deployed"] = winner.candidate
            active_score = arms[winner.candidate].mean()
            result["reason"] = "deployed: passed the gate (confirmation disabled)"
        result["active_score"] = active_score
        for d in decisions:
            instr, _ = split_prompt(accepted[d.candidate], self.registry.protected)
            if d.candidate == result["deployed"]:
                verdict = "deployed"
            elif d.passed and (winner is None or d.candidate != winner.candidate):
                verdict = "passed, another was chosen"  # never confirmed or refuted: may be proposed again
            else:
                verdict = "rejected"
            self.history.append({"instructions": instr, "score": d.test.candidate_mean, "decision": verdict})
        instr, _ = split_prompt(inc.text, self.registry.protected)
        if instr not in {h["instructions"] for h in self.history}:  # an incumbent kept over rounds is listed once
            self.history.append({"instructions": instr, "score": arms[inc.id].mean(), "decision": "incumbent"})
        self._learn_from(arms[result["deployed"] or inc.id])
        return self._finish(rdir, result)

    def _save_trajectories(self, rdir: Path, r: int, arms: dict[str, ArmScores]) -> None:
        """round<r>/trajectories.jsonl: every search episode, in the benchmark's row format (agent = prompt id),
        so the report can drill into them."""
        rows = [ep.to_row(f"prompt {a[:8]}") for a, arm in arms.items() for eps in arm.episodes.values() for ep in eps]
        _jsonl(rdir / TRAJECTORIES, rows)

    def _deploy(self, version: str, r: int, d: Any, confirm: Any) -> None:
        t = d.test
        reason = f"round {r}: {t.mean_diff:+.3f} [{t.ci[0]:+.3f}, {t.ci[1]:+.3f}], p={t.p_value:.4f}"
        if confirm is not None:
            reason += f"; held-out {confirm.mean_diff:+.3f}, p={confirm.p_value:.4f}"
        self.registry.deploy(version, reason=reason, details={"search": t.to_dict(),
                                                               "holdout": confirm.to_dict() if confirm else None})

    def _finish(self, rdir: Path, result: dict[str, Any]) -> dict[str, Any]:
        result["budget_used"] = dict(self.budget.used)
        (rdir / DECISION).write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2 | orjson.OPT_SERIALIZE_NUMPY))
        _jsonl(self.out / ROUNDS, [result])
        return result

    def run(self, rounds: int | None = None, start: int | None = None) -> dict[str, Any]:
        """Run the rounds (numbered on from the rounds already in the run folder); stop cleanly when the budget
        runs out. Returns (and writes) the summary."""
        if start is None:
            start = sum(1 for p in self.out.glob(ROUND_DIR.format("*")) if p.is_dir() and p.name[5:].isdigit())
        done, stopped = [], None
        initial = self.registry.active.id
        for r in range(start, start + (rounds if rounds is not None else self.s.rounds)):
            try:
                done.append(self.run_round(r))
            except BudgetExhausted as e:
                stopped = str(e)
                _jsonl(self.out / ROUNDS, [{"round": r, "stopped": stopped, "budget_used": dict(self.budget.used),
                                                    "time": time.time()}])
                break
        self.registry.record_optimization({"rounds": len(done), "run_dir": str(self.out), "stopped": stopped,
                                           "deployed": [x["deployed"] for x in done if x.get("deployed")]})
        summary = {"registry": str(self.registry.path.resolve()), "initial": initial, "final": self.registry.active.id,
                   "rounds": len(done), "stopped": stopped,
                   "deployed": [x["deployed"] for x in done if x.get("deployed")], "budget_used": dict(self.budget.used)}
        (self.out / SUMMARY).write_bytes(orjson.dumps(summary, option=orjson.OPT_INDENT_2))
        return summary
