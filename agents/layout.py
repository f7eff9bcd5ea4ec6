"""File names of the runs agents/ code writes, defined once; experiments.layout re-exports them with the rest
(agents/ must not import experiments/). ROUND_DIR holds `{}` for the round: `.format(r)` to write,
`.format("*")` to glob."""

TRAJECTORIES = "trajectories.jsonl"  # episode rows in the benchmark's format (benchmark runs, optimizer rounds)
MODEL_DIR = "final"  # a trained model with its tokenizer (GRPO, learn-loop, SFT, the PRewrite-RL rewriter)

# A prompt-optimizer run (agents.prompt_optimizer): rounds.jsonl (a line per round), summary.json (names the
# registry file), and per round round<r>/ with candidates.jsonl, scores.jsonl, TRAJECTORIES and decision.json.
ROUNDS = "rounds.jsonl"
SUMMARY = "summary.json"
ROUND_DIR = "round{}"
CANDIDATES = "candidates.jsonl"
SCORES = "scores.jsonl"
DECISION = "decision.json"
