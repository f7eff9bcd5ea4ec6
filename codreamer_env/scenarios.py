"""Scenarios: the prospect, the goal, the seller's product, the KG, and what grading needs.

Fixed, versioned splits live under `data/scenarios/<set>/<split>.jsonl` (see MANIFEST.json there);
`load_scenarios("default-v2", "test")` reads one. The generator that wrote them is
`codreamer_env.scenario_gen.generator`; re-running it reproduces the files byte for byte.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from codreamer_env._io import iter_jsonl
from codreamer_env.errors import DataError
from codreamer_env.kg.graph import KnowledgeGraph

DEFAULT_SET = "default-v2"  # the newest sets; v1 stays loadable byte for byte
HARD_SET = "hard-v2"
SET_ALIASES = {"default": DEFAULT_SET, "hard": HARD_SET}
MAX_TURNS = {"default": 6, "hard": 10}  # an episode's turn limit when none is given, per set family (configs/env)
TrapKind = Literal["irrelevant_feature", "competitor", "compliance", "stale", "other_account"]


class Persona(BaseModel):
    """Traits the outcome simulator uses; not shown to agents."""

    model_config = ConfigDict(extra="forbid")
    responsiveness: float = 0.5
    skepticism: float = 0.5
    seniority: str = "manager"


class Prospect(BaseModel):
    """The person the email is for."""

    model_config = ConfigDict(extra="forbid")
    name: str
    first_name: str
    last_name: str
    title: str
    company: str
    industry: str
    tech_stack: list[str] = Field(default_factory=list)
    pains: list[str] = Field(default_factory=list)
    persona: Persona = Field(default_factory=Persona)


class Goal(BaseModel):
    """What the email asks for, and the words a matching call to action uses."""

    model_config = ConfigDict(extra="forbid")
    kind: str
    text: str
    keywords: list[str] = Field(default_factory=list)


class FeatureSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    node_id: str
    name: str
    description: str


class Product(BaseModel):
    """The seller's product and its features (each also a KG node)."""

    model_config = ConfigDict(extra="forbid")
    key: str
    name: str
    seller: str
    category: str
    pitch: str
    features: list[FeatureSpec]
    # What may be said about the product (v2: the compliance-policy node lists these); empty in v1.
    approved_claims: list[str] = Field(default_factory=list)


class Job(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    statement: str


class Trap(BaseModel):
    """A node an email should not lean on, and the phrases that show it did."""

    model_config = ConfigDict(extra="forbid")
    node_id: str
    kind: TrapKind
    phrases: list[str] = Field(default_factory=list)
    # Why the node is a trap ("dated 2019, superseded by ...", "anonymous forum post"): for judges' details.
    reason: str = ""


@dataclass(frozen=True)
class Brief:
    """What an episode's task brief says, as fields (an env's `info["brief"]`)."""

    name: str
    first_name: str
    title: str
    company: str
    industry: str
    seller: str
    product: str
    category: str
    goal: str
    start_nodes: tuple[str, ...]
    as_of: str | None = None


class Scenario(BaseModel):
    """One task instance: write an email for this prospect about this product, grounded in this KG."""

    model_config = ConfigDict(extra="forbid")
    id: str
    set: str
    split: str
    difficulty: str = "default"
    prospect: Prospect
    goal: Goal
    product: Product
    job: Job
    kg: list[dict[str, Any]]
    start_nodes: list[str]
    gold_paths: list[list[str]]
    relevant_features: list[str]
    supporting_nodes: list[str] = Field(default_factory=list)
    traps: list[Trap] = Field(default_factory=list)
    forbidden_phrases: list[str] = Field(default_factory=list)
    decoy_entities: list[str] = Field(default_factory=list)
    # v2: the date the email is written (ISO), so staleness can be judged from the dates in the KG.
    as_of: str | None = None
    # True where gold_paths / relevant_features were derived from the graph (`make_scenarios`), not labelled.
    gold_derived: bool = False

    _graph: KnowledgeGraph | None = PrivateAttr(default=None)

    def graph(self) -> KnowledgeGraph:
        """The scenario's KnowledgeGraph, built on first use and kept."""
        if self._graph is None:
            self._graph = KnowledgeGraph.from_records(self.kg, source=f"scenario {self.id}")
        return self._graph

    @property
    def gold_nodes(self) -> list[str]:
        """Every node on a gold path, in path order, without repeats."""
        return list(dict.fromkeys(n for p in self.gold_paths for n in p))

    @property
    def trap_ids(self) -> dict[str, str]:
        """{trap node id: trap kind}."""
        return {t.node_id: t.kind for t in self.traps}

    def brief_fields(self) -> Brief:
        """What the brief says, as fields (the env's `info["brief"]`): nothing an agent could not read in it."""
        p = self.prospect
        return Brief(p.name, p.first_name, p.title, p.company, p.industry, self.product.seller, self.product.name,
                     self.product.category, self.goal.text, tuple(self.start_nodes), self.as_of)

    def brief(self) -> str:
        """The task brief an agent sees: prospect, goal, product, starting nodes (no gold, no traps)."""
        b = self.brief_fields()
        return (
            f"Prospect: {b.name}, {b.title} at {b.company} ({b.industry}).\n"
            f"Seller: {b.seller}, product {b.product} ({b.category}).\n"
            f"Goal of the email: {b.goal}.\n"
            + (f"Today's date: {b.as_of}.\n" if b.as_of else "")
            + f"Start nodes: {', '.join(repr(n) for n in b.start_nodes)}."
        )


def data_dir() -> Path:
    """Where scenario sets live (`<it>/scenarios/<set>/<split>.jsonl`): $CODREAMER_DATA, else the sets shipped
    with the package (docs/install.md)."""
    from importlib import resources  # only here: data_dir is the one place that locates shipped data

    env = os.environ.get("CODREAMER_DATA")
    if env:
        return Path(env)
    package = Path(str(resources.files("codreamer_env")))
    # A wheel holds them as package data (codreamer_env/data, mapped from the repository's data/ by
    # pyproject.toml); an editable install or a plain checkout has that top-level data/ beside the package.
    shipped = (package / "data", package.parent / "data")
    return next((d for d in shipped if (d / "scenarios").is_dir()), shipped[0])


def read_scenarios(path: str | os.PathLike[str]) -> list[Scenario]:
    """Read scenarios from a JSONL file; a bad record raises DataError naming the file, line and field.

    Also rejected: a scenario id used twice in the file (the error names both lines), and a start, gold,
    relevant, supporting, feature or trap node id that is not a node of the scenario's own KG."""
    out = []
    seen: dict[str, int] = {}
    for lineno, raw in iter_jsonl(path):
        try:
            sc = Scenario.model_validate(raw)
        except ValidationError as exc:
            raise DataError.from_validation(exc, file=str(path), line=lineno,
                                            node_id=raw.get("id") if isinstance(raw, dict) else None) from None
        first = seen.setdefault(sc.id, lineno)
        if first != lineno:
            raise DataError(f"duplicate scenario id {sc.id!r}: first on line {first}, again on line {lineno}",
                            file=str(path), line=lineno, node_id=sc.id, field="id")
        _check_node_refs(sc, str(path), lineno)
        out.append(sc)
    return out


def _node_refs(sc: Scenario) -> Iterator[tuple[str, str]]:
    """(field path, node id) for every node id a scenario refers to outside its KG."""
    for i, n in enumerate(sc.start_nodes):
        yield f"start_nodes.{i}", n
    for i, p in enumerate(sc.gold_paths):
        for j, n in enumerate(p):
            yield f"gold_paths.{i}.{j}", n
    for i, n in enumerate(sc.relevant_features):
        yield f"relevant_features.{i}", n
    for i, n in enumerate(sc.supporting_nodes):
        yield f"supporting_nodes.{i}", n
    for i, t in enumerate(sc.traps):
        yield f"traps.{i}.node_id", t.node_id
    for i, f in enumerate(sc.product.features):
        yield f"product.features.{i}.node_id", f.node_id


def _check_node_refs(sc: Scenario, file: str, line: int) -> None:
    """DataError for the first node id of `sc` that is not a node of its KG (the KG's own records are checked
    when the graph is built)."""
    kg_ids = {n.get("id") for n in sc.kg if isinstance(n, dict)}
    for field, nid in _node_refs(sc):
        if nid not in kg_ids:
            raise DataError(f"scenario {sc.id!r}: node {nid!r} is not in the scenario's kg", file=file, line=line,
                            node_id=sc.id, field=field)


@functools.lru_cache(maxsize=16)
def _load_cached(path: str, mtime_ns: int) -> tuple[Scenario, ...]:
    return tuple(read_scenarios(path))


def scenario_path(name: str = DEFAULT_SET, split: str = "test") -> Path:
    """The JSONL file of a named set and split."""
    name = SET_ALIASES.get(name, name)
    root = data_dir() / "scenarios"
    path = root / name / f"{split}.jsonl"
    if not path.exists():  # say which of the two names is wrong, and what there is
        if not path.parent.is_dir():
            sets = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
            raise DataError(f"no scenario set {name!r}; sets: {', '.join(sets) or 'none'} (aliases: "
                            f"{', '.join(SET_ALIASES)})", file=str(path.parent), field="scenario_set")
        splits = sorted(p.stem for p in path.parent.glob("*.jsonl"))
        raise DataError(f"no scenario split {name}/{split}; {name} has: {', '.join(splits) or 'none'}",
                        file=str(path), field="split")
    return path


def load_scenarios(name: str = DEFAULT_SET, split: str = "test", *, limit: int | None = None,
                   path: str | os.PathLike[str] | None = None) -> list[Scenario]:
    """Load a fixed scenario split ("default-v2", "hard-v2", "default-v1", "hard-v1"; "default" and "hard" alias
    the newest), or with `path` (or a `name` ending in .jsonl) a scenario JSONL file of your own
    (`codreamer_env.make_scenarios`); `split` is then not used."""
    if path is None and name.endswith(".jsonl"):
        path = name
    if path is not None:
        file = Path(path)
        if not file.is_file():
            raise DataError("no such scenario file", file=str(path), field="path")
        rows = list(_load_cached(str(file.resolve()), file.stat().st_mtime_ns))
        return rows[:limit] if limit is not None else rows
    path = scenario_path(name, split)
    rows = list(_load_cached(str(path), path.stat().st_mtime_ns))
    return rows[:limit] if limit is not None else rows


def default_max_turns(name: str = DEFAULT_SET) -> int:
    """An episode's turn limit on set `name` (or a scenario id's set) when none is given: MAX_TURNS of its family."""
    return MAX_TURNS.get(SET_ALIASES.get(name, name).split("/")[0].split("-")[0], MAX_TURNS["default"])


def get_scenario(scenario_id: str) -> Scenario:
    """Look a scenario up by its id, e.g. "default-v1/test/0003"."""
    try:
        set_name, split, _ = scenario_id.split("/")
    except ValueError:
        raise KeyError(f"scenario id {scenario_id!r} is not of the form <set>/<split>/<nnnn>") from None
    for s in load_scenarios(set_name, split):
        if s.id == scenario_id:
            return s
    raise KeyError(f"no scenario {scenario_id!r}")


def scenario_dataset(split: str = "test", name: str = DEFAULT_SET, *, system_prompt: str | None = None,
                     path: str | os.PathLike[str] | None = None):
    """A `datasets.Dataset` with one row per scenario: `prompt` (chat messages), `scenario_id`, and columns TRL
    trainers pass on to reward functions and `environment_factory.reset(**row)`. `path`: a scenario JSONL file
    of your own instead of the set `name` and `split` (as in `load_scenarios`)."""
    import datasets  # deferred: heavy, and only needed here

    from codreamer_env.prompts import build_messages

    rows = []
    for s in load_scenarios(name, split, path=path):
        rows.append({
            "prompt": build_messages(s, system_prompt),
            "scenario_id": s.id,
            "prospect_name": s.prospect.name,
            "company": s.prospect.company,
            "goal": s.goal.text,
        })
    return datasets.Dataset.from_list(rows)
