"""Knowledge graphs and node scores."""

from codreamer_env.kg.graph import CUSTOMER_JOB, PRODUCT_FEATURE, KnowledgeGraph
from codreamer_env.kg.scores import NodeScores, ReconcileReport

__all__ = ["CUSTOMER_JOB", "PRODUCT_FEATURE", "KnowledgeGraph", "NodeScores", "ReconcileReport"]
