"""NodeScores: per-node ranking weights in [0, 1] that learn from rewards."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from filelock import FileLock

from codreamer_env._io import atomic_write_json, read_json
from codreamer_env.errors import DataError
from codreamer_env.kg.graph import KnowledgeGraph

DEFAULT_SCORE = 1.0


@dataclass
class ReconcileReport:
    """What reconciling a score file with a graph changed."""

    dropped: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    clamped: list[str] = field(default_factory=list)


def _clamp(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


class NodeScores:
    """Weights for the nodes of one graph, aligned to its integer indices (a float64 array)."""

    def __init__(self, kg: KnowledgeGraph, values: np.ndarray | None = None, *, default: float = DEFAULT_SCORE) -> None:
        self.kg = kg
        self.default = _clamp(float(default))
        if values is None:
            values = np.full(kg.num_nodes, self.default, dtype=np.float64)
        if values.shape != (kg.num_nodes,):
            raise ValueError(f"values has shape {values.shape}, graph has {kg.num_nodes} nodes")
        self.values = np.clip(values.astype(np.float64, copy=True), 0.0, 1.0)
        self.report = ReconcileReport()

    @classmethod
    def from_mapping(cls, kg: KnowledgeGraph, scores: Mapping[str, float], *, default: float = DEFAULT_SCORE,
                     source: str = "<mapping>") -> NodeScores:
        """Reconcile a {node id: score} mapping with `kg`: drop unknown ids, add missing at default, clamp."""
        ns = cls(kg, default=default)
        report = ns.report
        seen = set()
        for nid, raw in scores.items():
            if isinstance(raw, bool) or not isinstance(raw, (int, float)):
                raise DataError(f"score must be a number, got {raw!r}", file=source, node_id=nid, field="score")
            val = float(raw)
            if val != val:  # NaN
                raise DataError("score is NaN", file=source, node_id=nid, field="score")
            i = kg.get_index(nid)
            if i is None:
                report.dropped.append(nid)
                continue
            seen.add(i)
            if val != _clamp(val):
                report.clamped.append(nid)
            ns.values[i] = _clamp(val)
        report.added = [kg.ids[i] for i in range(kg.num_nodes) if i not in seen]
        return ns

    @classmethod
    def load(cls, path: str | os.PathLike[str], kg: KnowledgeGraph, *, default: float | None = None) -> NodeScores:
        """Load scores from JSON ({"scores": {...}} or a plain {id: score} map) and reconcile with `kg`."""
        doc = read_json(path)
        if not isinstance(doc, dict):
            raise DataError("expected a JSON object of node scores", file=str(path), line=1, field="(root)")
        if isinstance(doc.get("scores"), dict):
            mapping, dflt = doc["scores"], doc.get("default", DEFAULT_SCORE)
        else:
            mapping, dflt = doc, DEFAULT_SCORE
        return cls.from_mapping(kg, mapping, default=dflt if default is None else default, source=str(path))

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the scores atomically (temp file + rename: a crash leaves the old file intact), under the file's
        lock (`path` + ".lock"), so a save never lands between another process's read and write."""
        with FileLock(f"{path}.lock"):
            atomic_write_json(Path(path), self.to_json())

    @classmethod
    def update_file(cls, path: str | os.PathLike[str], kg: KnowledgeGraph, cited: Iterable[str], reward: float,
                    eta: float = 0.1) -> dict[str, tuple[float, float]]:
        """Load, `update` and save the score file as one step under its lock, so concurrent updaters (parallel
        runs sharing a score file) lose no update; a missing file starts at the default. Returns the changes."""
        with FileLock(f"{path}.lock"):
            ns = cls.load(path, kg) if Path(path).exists() else cls(kg)
            changes = ns.update(cited, reward, eta)
            atomic_write_json(Path(path), ns.to_json())
        return changes

    def to_json(self) -> dict:
        """The on-disk form: version, default and an {id: score} map."""
        return {
            "version": 1,
            "default": self.default,
            "scores": {nid: round(float(v), 6) for nid, v in zip(self.kg.ids, self.values.tolist(), strict=True)},
        }

    def __getitem__(self, node_id: str) -> float:
        return float(self.values[self.kg.index_of(node_id)])

    def get(self, node_id: str, default: float | None = None) -> float | None:
        i = self.kg.get_index(node_id)
        return default if i is None else float(self.values[i])

    def as_dict(self) -> dict[str, float]:
        """All scores as {id: score}."""
        return dict(zip(self.kg.ids, self.values.tolist(), strict=True))

    def copy(self) -> NodeScores:
        return NodeScores(self.kg, self.values, default=self.default)

    def update(self, cited: Iterable[str], reward: float, eta: float = 0.1) -> dict[str, tuple[float, float]]:
        """Move each cited node's score toward `reward`: s <- clamp(s + eta * (r - s)).

        Unknown ids are ignored; a node cited twice is updated once. Returns {id: (old, new)}.
        """
        if not 0.0 <= eta <= 1.0:
            raise ValueError(f"eta must be in [0, 1], got {eta}")
        r = float(reward)
        if not math.isfinite(r):  # a NaN would be saved as null and the file would no longer load
            raise ValueError(f"reward must be a finite number, got {reward!r}")
        changes = {}
        for nid in dict.fromkeys(cited):
            i = self.kg.get_index(nid)
            if i is None:
                continue
            old = float(self.values[i])
            new = _clamp(old + eta * (r - old))
            self.values[i] = new
            changes[nid] = (old, new)
        return changes
