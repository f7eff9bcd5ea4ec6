"""Rewards: judges, feedback, and the blend that turns them into the env's reward."""

from codreamer_env.rewards.base import Judge, JudgeResult, RewardModel
from codreamer_env.rewards.blend import BlendedReward, RewardMix, human_score, online_score
from codreamer_env.rewards.feedback import (
    FeedbackStore,
    HumanPreference,
    HumanReview,
    JudgeFeedback,
    OnlineOutcome,
)
from codreamer_env.rewards.llm_judge import LLMJudgeConfig, PointwiseLLMJudge, RulerJudge
from codreamer_env.rewards.outcomes import OutcomeSimulator
from codreamer_env.rewards.rubric import RubricJudge
from codreamer_env.rewards.rubric_v1 import RubricJudgeV1

RUBRIC_VERSION = RubricJudge.version  # the default judge's version (an alias kept for old imports)

__all__ = [
    "RUBRIC_VERSION",
    "BlendedReward",
    "FeedbackStore",
    "HumanPreference",
    "HumanReview",
    "Judge",
    "JudgeFeedback",
    "JudgeResult",
    "LLMJudgeConfig",
    "OnlineOutcome",
    "OutcomeSimulator",
    "PointwiseLLMJudge",
    "RewardMix",
    "RewardModel",
    "RubricJudge",
    "RubricJudgeV1",
    "RulerJudge",
    "human_score",
    "online_score",
]
