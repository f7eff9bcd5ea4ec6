"""Rewards: judges, feedback, and the blend that turns them into the env's reward."""

from codreamer_env.rewards.base import Judge, JudgeResult, RewardModel
from codreamer_env.rewards.rubric import RUBRIC_VERSION, RubricJudge

__all__ = ["RUBRIC_VERSION", "Judge", "JudgeResult", "RewardModel", "RubricJudge"]
