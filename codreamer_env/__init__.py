"""codreamer-env: a Gymnasium environment for KG-grounded cold sales emails.

`import codreamer_env` registers the gymnasium ids and exposes the public API. Nothing here reads a file
or opens a client at import time.
"""

from __future__ import annotations

from codreamer_env.errors import DataError
from codreamer_env.kg import KnowledgeGraph, NodeScores
from codreamer_env.rewards import JudgeResult, RubricJudge
from codreamer_env.scenarios import Scenario, get_scenario, load_scenarios, scenario_dataset
from codreamer_env.trajectory import FinalEmail, ToolCall, Trajectory

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "FinalEmail",
    "JudgeResult",
    "KnowledgeGraph",
    "NodeScores",
    "RubricJudge",
    "Scenario",
    "ToolCall",
    "Trajectory",
    "get_scenario",
    "load_scenarios",
    "scenario_dataset",
]
