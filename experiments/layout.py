"""The files each producing command writes, named once: the producers write with these names and the report's
readers (experiments.report.runs) read with them. `{}` stands for a step, iteration or round number:
`.format(n)` to write, `.format("*")` to glob."""

from agents.layout import *  # noqa: F403 - the prompt optimizer's files, TRAJECTORIES, MODEL_DIR (agents/ writes them)

METRICS = "metrics.json"  # a benchmark run (experiments.benchmark): TRAJECTORIES (a row per episode) and this

# A GRPO run (experiments.train_grpo): TRL's log history; per evaluated step N a val benchmark run in
# eval/step<N>/ with its metrics in eval/step<N>.json; the model in MODEL_DIR.
TRAIN_LOG = "train_log.jsonl"
EVAL_DIR = "eval"
EVAL_RUN = EVAL_DIR + "/step{}"
EVAL_METRICS = EVAL_RUN + ".json"

# A learn-loop (experiments.learn_loop): per iteration i (0: the start), ITER.format(i, name) for TRAJECTORIES,
# REWARDS, NODE_SCORES and METRICS; val evaluations as in a GRPO run; history.json; MODEL_DIR.
ITER = "iter{}_{}"
REWARDS = "rewards.jsonl"
NODE_SCORES = "node_scores.json"
HISTORY = "history.json"

# The PRewrite-RL rewriter of a prompt-optimizer run (experiments.optimize_prompt, agents.rewriter_grpo):
# its MODEL_DIR and result.json (training log, held-out rewrite quality before and after GRPO).
RL_REWRITER_DIR = "rl_rewriter"
RL_RESULT = "result.json"
