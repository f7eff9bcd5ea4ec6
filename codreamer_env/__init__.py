"""codreamer-env: a Gymnasium environment for KG-grounded cold sales emails.

`import codreamer_env` registers the gymnasium ids and exposes the public API. Nothing here reads a file
or opens a client at import time.
"""

from __future__ import annotations

from codreamer_env import runner
from codreamer_env.env import SalesEmailEnv
from codreamer_env.errors import DataError
from codreamer_env.kg import KnowledgeGraph, NodeScores
from codreamer_env.rewards import (
    BlendedReward,
    FeedbackStore,
    HumanPreference,
    HumanReview,
    JudgeFeedback,
    JudgeResult,
    LLMJudgeConfig,
    OnlineOutcome,
    OutcomeSimulator,
    PointwiseLLMJudge,
    RewardMix,
    RubricJudge,
    RubricJudgeV1,
    RulerJudge,
)
from codreamer_env.runner import Episode, Job
from codreamer_env.scenarios import (
    DEFAULT_SET,
    HARD_SET,
    Scenario,
    get_scenario,
    load_scenarios,
    scenario_dataset,
)
from codreamer_env.trajectory import FinalEmail, ToolCall, Trajectory
from codreamer_env.wrappers import ShapedToolReward

__version__ = "0.1.0"

ENV_ID = "codreamer/SalesEmail-v0"
HARD_ENV_ID = "codreamer/SalesEmail-hard-v0"


def _register() -> None:
    import gymnasium

    # make_env: SalesEmailEnv(**kwargs), or with remote="ws://host:port" a session on a codreamer-serve server
    if ENV_ID not in gymnasium.registry:
        gymnasium.register(id=ENV_ID, entry_point="codreamer_env.service:make_env",
                           kwargs={"scenario_set": DEFAULT_SET, "split": "test"})
    if HARD_ENV_ID not in gymnasium.registry:
        gymnasium.register(id=HARD_ENV_ID, entry_point="codreamer_env.service:make_env",
                           kwargs={"scenario_set": HARD_SET, "split": "test"})


_register()


def __getattr__(name: str):
    # make_scenarios is imported on first use, so `python -m codreamer_env.user_data` runs its module only once.
    if name == "make_scenarios":
        from codreamer_env.user_data import make_scenarios

        return make_scenarios
    raise AttributeError(f"module 'codreamer_env' has no attribute {name!r}")

__all__ = [
    "DEFAULT_SET",
    "HARD_SET",
    "BlendedReward",
    "FeedbackStore",
    "HumanPreference",
    "HumanReview",
    "JudgeFeedback",
    "LLMJudgeConfig",
    "OnlineOutcome",
    "OutcomeSimulator",
    "PointwiseLLMJudge",
    "RewardMix",
    "RulerJudge",
    "ENV_ID",
    "HARD_ENV_ID",
    "DataError",
    "FinalEmail",
    "Episode",
    "Job",
    "JudgeResult",
    "KnowledgeGraph",
    "NodeScores",
    "RubricJudge",
    "RubricJudgeV1",
    "SalesEmailEnv",
    "Scenario",
    "ShapedToolReward",
    "ToolCall",
    "Trajectory",
    "get_scenario",
    "load_scenarios",
    "make_scenarios",
    "runner",
    "scenario_dataset",
]
