"""Your own data: a KG, prospects and a product spec in, scenarios out (`make_scenarios`, and a CLI around it).

    python -m codreamer_env.user_data --kg graph.json --prospects prospects.csv --product product.yaml \\
        --goal "Secure a 20-minute discovery call" --out my_scenarios.jsonl

The JSONL it writes loads with `load_scenarios(path=...)`, `gymnasium.make("codreamer/SalesEmail-v0",
scenarios=...)` and the experiments' `env.scenarios=<file>`. Formats, derived gold and errors: docs/your_own_data.md.

One scenario per prospect. Its KG is the user's graph (canonical spelling) plus what the prospect list says about
this prospect: a `Prospect: <name>` node and one `Pain: ...` node per pain, reached from the start node(s), each
pain linked to the graph nodes whose text it shares most content words with. Where a prospect gives no gold paths,
they are derived: the shortest paths from the prospect's pains (else from the start node) to the nearest product
features, extended by one case study of that feature when the graph has one; such scenarios carry
`gold_derived=True` and every result reports "derived gold". Untyped nodes: an untyped start node is typed
`customer_job` and an untyped feature node `product_feature` (in the scenario's copy only); every other untyped
node is neutral evidence, a research record of the prospect's side when it lies on a gold path.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from codreamer_env._io import atomic_write_bytes, iter_jsonl
from codreamer_env.errors import DataError
from codreamer_env.kg.graph import CUSTOMER_JOB, KnowledgeGraph
from codreamer_env.rewards import english as E
from codreamer_env.scenarios import (
    FeatureSpec,
    Goal,
    Job,
    Product,
    Prospect,
    Scenario,
    _check_node_refs,
)

__all__ = ["PROSPECT_COLUMNS", "ProductSpec", "ProspectRow", "make_scenarios", "main", "read_product",
           "read_prospects", "write_scenarios"]

MULTI_SEP = ";"  # between the values of a multi-valued CSV cell (tech_stack, pains, start_nodes, ...)
PATH_SEP = ">"  # between the node ids of one gold path in a CSV cell
REQUIRED_COLUMNS = ("name", "title", "company", "industry", "tech_stack", "pains")
PROSPECT_COLUMNS = (*REQUIRED_COLUMNS, "first_name", "last_name", "job", "start_nodes", "gold_paths",
                    "relevant_features")
MAX_GOLD_PATHS = 4  # derived alternatives kept per scenario (the judge's recall takes the best one)
PRODUCT_SIDE = frozenset({"product_feature", "case_study", "product", "integration", "policy", "claim",
                          "marketing_copy"})
GLOBAL_FORBIDDEN = ("guaranteed roi", "risk-free", "act now", "limited time offer", "click here", "100% free")
# Goal kinds the bundled agents and the judge know, with the words a matching call to action uses.
GOAL_KINDS: tuple[tuple[str, re.Pattern[str], list[str]], ...] = (
    ("discovery_call", re.compile(r"\b(?:call|chat|conversation|meeting)\b", re.I),
     ["call", "chat", "conversation"]),
    ("demo", re.compile(r"\bdemo", re.I), ["demo", "walkthrough", "walk you through", "show you"]),
    ("trial", re.compile(r"\btrial\b", re.I), ["trial", "sandbox", "try it", "free account", "sign up", "spin up"]),
    ("pilot", re.compile(r"\bpilot\b|proof of concept", re.I), ["pilot", "one team", "proof of concept", "trial run"]),
    ("technical_intro", re.compile(r"\bintro(?:duction|duce)?\b", re.I),
     ["introduce", "introduction", "intro", "point me", "right person", "who on your team"]),
    ("workshop", re.compile(r"\bworkshop\b|working session", re.I),
     ["working session", "workshop", "session", "your team"]),
)


def _split_multi(value: Any) -> Any:
    """A ';'-separated string as a list of stripped, non-empty values; anything else as it is."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(MULTI_SEP) if v.strip()]
    return value


class ProspectRow(BaseModel):
    """One row of a prospect list (CSV or JSONL); multi-valued fields take a list or a ';'-separated string."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str = Field(min_length=1)
    title: str = Field(min_length=1)
    company: str = Field(min_length=1)
    industry: str = Field(min_length=1)
    tech_stack: list[str] = Field(default_factory=list)
    pains: list[str] = Field(default_factory=list)
    first_name: str | None = None
    last_name: str | None = None
    job: str | None = None  # what they are trying to get done; default: the start node's text
    start_nodes: list[str] = Field(default_factory=list)  # default: the product spec's / make_scenarios'
    gold_paths: list[list[str]] = Field(default_factory=list)  # optional: derived from the graph when absent
    relevant_features: list[str] = Field(default_factory=list)

    @field_validator("tech_stack", "pains", "start_nodes", "relevant_features", mode="before")
    @classmethod
    def _multi(cls, v: Any) -> Any:
        return _split_multi(v)

    @field_validator("gold_paths", mode="before")
    @classmethod
    def _paths(cls, v: Any) -> Any:
        if isinstance(v, str):
            return [[n.strip() for n in p.split(PATH_SEP) if n.strip()] for p in _split_multi(v)]
        return v

    @field_validator("first_name", "last_name", "job", mode="before")
    @classmethod
    def _blank_is_none(cls, v: Any) -> Any:
        return None if isinstance(v, str) and not v.strip() else v


class FeatureRow(BaseModel):
    """A product feature of the spec: its KG node, and optionally the name and description a seller uses."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    node_id: str = Field(min_length=1)
    name: str | None = None  # default: the node's `feature` attribute, else its id after "Product Feature: "
    description: str | None = None  # default: the node's text


class ProductSpec(BaseModel):
    """The seller's product spec (YAML or JSON)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str = Field(min_length=1)
    seller: str = Field(min_length=1)
    category: str = "software"
    pitch: str | None = None
    key: str | None = None
    features: list[FeatureRow] = Field(default_factory=list)  # empty: every product-feature node of the KG
    approved_claims: list[str] = Field(default_factory=list)
    forbidden_claims: list[str] = Field(default_factory=list)  # phrases the email may not say (case-insensitive)
    start_nodes: list[str] = Field(default_factory=list)


# ---------------------------------------------------------------------------------------------------- reading
def _validation_error(exc: ValidationError, file: str | None, line: int | None,
                      line_of: Any = None, prefix: str = "") -> DataError:
    """A DataError for the first problem pydantic found, naming the field (and its line where known)."""
    err = exc.errors()[0]
    if line_of is not None:
        line = line_of(list(err["loc"])) or line
    out = DataError.from_validation(exc, file=file, line=line, prefix=prefix)
    if err["type"] == "extra_forbidden":
        return DataError(f"unknown field; known: {', '.join(type_fields(exc.title))}", file=file, line=line,
                         field=out.field)
    return out


def type_fields(model_name: str) -> list[str]:
    """The field names of one of this module's spec models (for "unknown field" messages)."""
    model = {"ProspectRow": ProspectRow, "ProductSpec": ProductSpec, "FeatureRow": FeatureRow}.get(model_name)
    return list(model.model_fields) if model else []


def _prospect_row(raw: Any, file: str | None, line: int | None, prefix: str = "") -> ProspectRow:
    if isinstance(raw, ProspectRow):
        return raw
    if not isinstance(raw, Mapping):
        raise DataError(f"a prospect must be an object, got {type(raw).__name__}", file=file, line=line,
                        field=prefix + "(prospect)")
    try:
        return ProspectRow.model_validate(dict(raw))
    except ValidationError as exc:
        raise _validation_error(exc, file, line, prefix=prefix) from None


def _read_text(path: str) -> str:
    """A text file as UTF-8 (a BOM allowed); other bytes (an Excel export in cp1252, say) name their line."""
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text (byte {raw[exc.start]:#04x}); save the file as UTF-8", file=path,
                        line=raw[:exc.start].count(b"\n") + 1, field="(encoding)") from None


def _read_csv(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, row) of a CSV prospect list: a missing or unknown column names it and line 1 (the header); a row with
    too many or too few cells names its line."""
    with io.StringIO(_read_text(path), newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError("empty file: expected a header line", file=path, line=1, field="(header)") from None
        except csv.Error as exc:
            raise DataError(f"malformed CSV: {exc}", file=path, line=reader.line_num, field="(csv)") from None
        cols = [h.strip() for h in header]
        for col in REQUIRED_COLUMNS:
            if col not in cols:
                raise DataError(f"missing column {col!r} in the header (it has: {', '.join(cols)})", file=path,
                                line=1, field=col)
        for col in cols:
            if col not in PROSPECT_COLUMNS:
                raise DataError(f"unknown column {col!r}; known: {', '.join(PROSPECT_COLUMNS)}", file=path, line=1,
                                field=col or "(empty column name)")
            if cols.count(col) > 1:
                raise DataError(f"column {col!r} appears twice in the header", file=path, line=1, field=col)
        end = reader.line_num
        while True:
            start = end + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise DataError(f"malformed CSV: {exc}", file=path, line=start, field="(csv)") from None
            end = reader.line_num
            if not any(c.strip() for c in cells):
                continue  # a blank line
            if len(cells) > len(cols):
                raise DataError(f"{len(cells)} cells but the header has {len(cols)} columns", file=path, line=start,
                                field=f"(cell {len(cols) + 1})")
            if len(cells) < len(cols):
                raise DataError(f"{len(cells)} cells but the header has {len(cols)} columns: no value", file=path,
                                line=start, field=cols[len(cells)])
            yield start, {c: v for c, v in zip(cols, cells, strict=True) if c in REQUIRED_COLUMNS or v.strip()}


def read_prospects(source: str | os.PathLike[str] | Iterable[Mapping[str, Any] | ProspectRow],
                   ) -> list[tuple[ProspectRow, str | None, int | None]]:
    """Prospects as (row, file, line) from a CSV or JSONL file or from Python objects; a bad row raises DataError
    naming the file, the line and the column."""
    if not isinstance(source, (str, os.PathLike)):
        return [(_prospect_row(r, None, None, f"prospects[{i}]."), None, None) for i, r in enumerate(source)]
    path = str(source)
    if not Path(path).is_file():
        raise DataError("no such file", file=path, field="(path)")
    lower = path.lower()
    if lower.endswith(".csv"):
        rows = _read_csv(path)
    elif lower.endswith((".jsonl", ".ndjson")):
        rows = iter_jsonl(path)
    else:
        raise DataError("prospects must be a .csv or .jsonl file", file=path, field="(format)")
    out = []
    seen: dict[str, int] = {}
    for line, raw in rows:
        row = _prospect_row(raw, path, line)
        first = seen.setdefault(row.name, line)
        if first != line:
            raise DataError(f"prospect {row.name!r} twice: first on line {first}", file=path, line=line, field="name")
        out.append((row, path, line))
    if not out:
        raise DataError("no prospects in the file", file=path, field="(rows)")
    return out


def _yaml_line(text: str, loc: Sequence[Any]) -> int | None:
    """The line (1-based) of the value at `loc` in a YAML or JSON document, or of its nearest parent."""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = next(((k, v) for k, v in node.value if k.value == key), None)
            if nxt is None:
                break
            line, node = nxt[0].start_mark.line + 1, nxt[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def read_product(source: str | os.PathLike[str] | Mapping[str, Any] | ProductSpec,
                 ) -> tuple[ProductSpec, str | None, Any]:
    """(spec, file, line_of) from a YAML or JSON file or a dict; `line_of(field path)` finds a field's line."""
    if isinstance(source, ProductSpec):
        return source, None, lambda loc: None
    if isinstance(source, Mapping):
        try:
            return ProductSpec.model_validate(dict(source)), None, lambda loc: None
        except ValidationError as exc:
            raise _validation_error(exc, None, None) from None
    path = str(source)
    if not Path(path).is_file():
        raise DataError("no such file", file=path, field="(path)")
    text = _read_text(path)
    if path.lower().endswith(".json"):
        try:
            doc = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            raise DataError(f"malformed JSON: {exc.msg}", file=path, line=exc.lineno, field="(json)") from None
    elif path.lower().endswith((".yaml", ".yml")):
        import yaml

        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise DataError(f"malformed YAML: {getattr(exc, 'problem', exc)}", file=path,
                            line=mark.line + 1 if mark else None, field="(yaml)") from None
    else:
        raise DataError("a product spec must be a .yaml, .yml or .json file", file=path, field="(format)")
    if not isinstance(doc, dict):
        raise DataError("a product spec must be a mapping (name, seller, features, ...)", file=path, line=1,
                        field="(root)")

    def line_of(loc: Sequence[Any]) -> int | None:
        return _yaml_line(text, loc)

    try:
        return ProductSpec.model_validate(doc), path, line_of
    except ValidationError as exc:
        raise _validation_error(exc, path, None, line_of) from None


def _load_kg(kg: str | os.PathLike[str] | KnowledgeGraph | Iterable[Mapping[str, Any]]) -> tuple[KnowledgeGraph, str]:
    if isinstance(kg, KnowledgeGraph):
        return kg, kg.source or "<graph>"
    if isinstance(kg, (str, os.PathLike)):
        return KnowledgeGraph.load(kg), str(kg)
    return KnowledgeGraph.from_records(list(kg)), "<records>"


def make_goal(goal: str | Mapping[str, Any] | Goal) -> Goal:
    """A Goal from its text: the kind and the call-to-action words of the first known kind it names (a
    discovery call, a demo, a trial, a pilot, an introduction, a working session), else its own content words."""
    if isinstance(goal, Goal):
        return goal
    if isinstance(goal, Mapping):
        return Goal.model_validate(dict(goal))
    text = " ".join(str(goal).split()).rstrip(".")
    if not text:
        raise DataError("the goal is empty", field="goal")
    durations = [m.group(0).lower() for m in re.finditer(r"\b\d+[- ](?:minutes?|min|days?)\b", text, re.I)]
    extra = []
    for d in durations:
        n = re.match(r"\d+", d).group(0)
        unit = "day" if "day" in d else "minute"
        extra += [f"{n}-{unit}", f"{n} {unit}s"] + ([f"{n} min"] if unit == "minute" else [])
    for kind, rx, words in GOAL_KINDS:
        if rx.search(text):
            return Goal(kind=kind, text=text, keywords=list(dict.fromkeys(extra + words)))
    words = [w for w in re.findall(r"[A-Za-z][\w-]{3,}", text.lower()) if w not in E.FUNCTION_WORDS]
    return Goal(kind="custom", text=text, keywords=list(dict.fromkeys(extra + words)))


# ---------------------------------------------------------------------------------------------------- building
def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "product"


def _first_sentence(text: str, limit: int = 160) -> str:
    m = re.match(r"(.+?[.!?])(?:\s|$)", " ".join(text.split()))
    out = (m.group(1) if m else " ".join(text.split())).rstrip(".")
    return out if len(out) <= limit else out[:limit].rsplit(" ", 1)[0]


def _feature_name(kg: KnowledgeGraph, nid: str, product_name: str) -> str:
    name = kg.attributes(nid).get("feature")
    if isinstance(name, str) and name.strip():
        return name.strip()
    head, sep, rest = nid.partition(":")
    if sep and rest.strip():
        return rest.strip()
    return product_name if nid == "Product Feature" else nid


def _unique_id(base: str, taken: set[str]) -> str:
    nid, k = base, 2
    while nid in taken:
        nid, k = f"{base} ({k})", k + 1
    taken.add(nid)
    return nid


def _pain_id(pain: str, taken: set[str]) -> str:
    words = re.findall(r"[\w'’$%-]+", pain)
    return _unique_id("Pain: " + " ".join(words[:7]), taken)


def _stems(text: str) -> frozenset[str]:
    return frozenset(E.content_stems(text))


def _bfs(adj: Mapping[str, list[str]], src: str, blocked: set[str]) -> dict[str, list[str]]:
    """Shortest-path parents from `src` ({node: [parents at the previous level]}), not passing `blocked`."""
    parents: dict[str, list[str]] = {src: []}
    dist = {src: 0}
    q = deque([src])
    while q:
        u = q.popleft()
        for v in adj.get(u, ()):
            if v in blocked:
                continue
            if v not in dist:
                dist[v] = dist[u] + 1
                parents[v] = [u]
                q.append(v)
            elif dist[v] == dist[u] + 1 and u not in parents[v]:
                parents[v].append(u)
    parents["__dist__"] = dist  # type: ignore[assignment]
    return parents


def _paths_to(parents: Mapping[str, Any], dst: str, limit: int) -> list[list[str]]:
    """Up to `limit` shortest paths from the BFS source to `dst`, in edge order."""
    out: list[list[str]] = []

    def walk(node: str, tail: list[str]) -> None:
        if len(out) >= limit:
            return
        ps = parents[node]
        if not ps:
            out.append([node, *tail])
            return
        for p in ps:
            walk(p, [node, *tail])

    walk(dst, [])
    return out


class _Builder:
    """Scenarios of one KG, one product and one goal, prospect by prospect."""

    def __init__(self, kg: KnowledgeGraph, kg_name: str, spec: ProductSpec, spec_file: str | None, line_of: Any,
                 goal: Goal, start_nodes: Sequence[str] | None) -> None:
        self.kg, self.kg_name, self.spec, self.goal = kg, kg_name, spec, goal
        self.records = kg.to_records()
        starts = list(start_nodes or spec.start_nodes)
        if not starts:
            if CUSTOMER_JOB not in kg:
                raise DataError(f"no start node: the KG {kg_name} has no {CUSTOMER_JOB!r} node; name the start "
                                "nodes (start_nodes in the product spec, or --start-node)", file=spec_file,
                                field="start_nodes")
            starts = [CUSTOMER_JOB]
        for i, nid in enumerate(starts):
            if nid not in kg:
                raise DataError(f"start node {nid!r} is not in the KG {kg_name}", file=spec_file,
                                line=line_of(["start_nodes", i]), field=f"start_nodes.{i}")
        self.start_nodes = starts
        feats = spec.features or [FeatureRow(node_id=n) for n in kg.product_feature_nodes()]
        if not feats:
            raise DataError(f"the product spec names no features and the KG {kg_name} has no product-feature nodes "
                            "(type product_feature, or an id starting 'Product Feature')", file=spec_file,
                            field="features")
        self.features: list[FeatureSpec] = []
        for i, fr in enumerate(feats):
            if fr.node_id not in kg:
                raise DataError(f"feature node {fr.node_id!r} is not in the KG {kg_name}", file=spec_file,
                                line=line_of(["features", i, "node_id"]), field=f"features.{i}.node_id")
            self.features.append(FeatureSpec(
                node_id=fr.node_id, name=fr.name or _feature_name(kg, fr.node_id, spec.name),
                description=fr.description or " ".join(kg.content(fr.node_id).split())))
        self.feature_ids = [f.node_id for f in self.features]
        self.product = Product(key=spec.key or _slug(spec.name), name=spec.name, seller=spec.seller,
                               category=spec.category, pitch=spec.pitch or f"{spec.name}, by {spec.seller}.",
                               features=self.features, approved_claims=list(spec.approved_claims))
        self.forbidden = list(dict.fromkeys([*(c for c in spec.forbidden_claims if c), *GLOBAL_FORBIDDEN]))
        # Which records get a type here: untyped start nodes are the customer's job, untyped features features.
        self.base_types = {}
        for nid in starts:
            if kg.node_type(nid) is None:
                self.base_types[nid] = "customer_job"
        for nid in self.feature_ids:
            if kg.node_type(nid) is None:
                self.base_types[nid] = "product_feature"
        # Candidates a pain can be linked to: every node but the start nodes, with its content stems.
        self.node_stems = {nid: _stems(kg.content(nid)) for nid in kg.ids if nid not in starts}

    def _type(self, nid: str) -> str | None:
        return self.base_types.get(nid) or (self.kg.node_type(nid) if nid in self.kg else None)

    def scenario(self, index: int, row: ProspectRow, file: str | None, line: int | None, set_name: str, split: str,
                 decoys: list[str], as_of: str | None) -> Scenario:
        kg = self.kg
        parts = row.name.split()
        first = row.first_name or parts[0]
        last = row.last_name or (parts[-1] if len(parts) > 1 else parts[0])
        starts = row.start_nodes or self.start_nodes
        for i, nid in enumerate(row.start_nodes):
            if nid not in kg:
                raise DataError(f"start node {nid!r} is not in the KG {self.kg_name}", file=file, line=line,
                                field=f"start_nodes.{i}")
        records = [dict(r) for r in self.records]
        by_id = {r["id"]: r for r in records}
        for nid, t in self.base_types.items():
            by_id[nid]["type"] = t
        for nid in starts:
            if nid not in self.base_types and by_id[nid].get("type") is None:
                by_id[nid]["type"] = "customer_job"
        taken = set(by_id)
        job_node = starts[0]
        stack = ", ".join(row.tech_stack)
        prospect_id = _unique_id(f"Prospect: {row.name}", taken)
        records.append({
            "id": prospect_id, "type": "person",
            "content": f"{row.name} is {row.title} at {row.company} ({row.industry})."
                       + (f" {row.company} runs {stack}." if stack else ""),
            "person": row.name, "title": row.title, "edges": [{"target": job_node, "label": "owns"}]})
        by_id[job_node]["edges"] = [*by_id[job_node]["edges"], {"target": prospect_id, "label": "owned_by"}]
        pain_ids: list[str] = []
        linked: list[str] = []
        for pain in row.pains:
            pid = _pain_id(pain, taken)
            pain_ids.append(pid)
            stems = _stems(pain)
            scored = []
            for nid, ns in self.node_stems.items():
                shared = len(stems & ns)
                if shared >= 2 and shared >= 0.25 * len(stems):
                    scored.append((shared / (len(stems | ns) ** 0.5), nid))
            scored.sort(key=lambda x: (-x[0], kg.index_of(x[1])))
            best = [nid for s, nid in scored[:2] if s >= scored[0][0] * 0.8] if scored else []
            linked += best
            text = pain if pain.endswith((".", "!", "?")) else pain + "."
            records.append({"id": pid, "type": "pain", "content": f"{text} (Source: {self.spec.seller}'s notes on "
                            f"{row.name}.)", "voiced_by": row.name,
                            "edges": [{"target": n, "label": "relates_to"} for n in best]})
        by_id[job_node]["edges"] = [*by_id[job_node]["edges"],
                                    *({"target": p, "label": "has_pain"} for p in pain_ids)]
        sid = f"{set_name}/{split}/{index:04d}"
        try:
            graph = KnowledgeGraph.from_records(records, source=f"scenario {sid}")
        except DataError as exc:  # (the user's graph loaded; only what was added here can clash)
            raise DataError(exc.reason, file=file, line=line, field=exc.field) from None
        types = {nid: graph.node_type(nid) for nid in graph.ids}
        derived = not row.gold_paths
        if derived:
            gold, relevant = self._derive(graph, types, starts, pain_ids, file, line)
        else:
            gold = [list(p) for p in row.gold_paths]
            for i, p in enumerate(gold):
                for j, nid in enumerate(p):
                    if nid not in graph:
                        raise DataError(f"node {nid!r} is not in the KG {self.kg_name}", file=file, line=line,
                                        field=f"gold_paths.{i}.{j}")
            relevant = list(row.relevant_features) or list(dict.fromkeys(
                n for p in gold for n in p if n in self.feature_ids))
        for i, nid in enumerate(relevant):
            if nid not in self.feature_ids:
                raise DataError(f"{nid!r} is not a feature of the product spec", file=file, line=line,
                                field=f"relevant_features.{i}")
        gold_nodes = {n for p in gold for n in p}
        support = list(pain_ids) + [n for n in linked if n not in gold_nodes]
        for n in list(gold_nodes):  # figures about the need on a gold path (typed graphs: metric records)
            support += [m for m in graph.neighbors(n) if types.get(m) == "metric"]
        support = [n for n in dict.fromkeys(support) if n not in gold_nodes]
        statement = row.job or _first_sentence(kg.content(job_node))
        sc = Scenario(
            id=sid, set=set_name, split=split, difficulty="default",
            prospect=Prospect(name=row.name, first_name=first, last_name=last, title=row.title, company=row.company,
                              industry=row.industry, tech_stack=list(row.tech_stack), pains=list(row.pains)),
            goal=self.goal, product=self.product, job=Job(key=_slug(statement)[:40], statement=statement),
            kg=records, start_nodes=list(starts), gold_paths=gold, relevant_features=relevant,
            supporting_nodes=support, traps=[], forbidden_phrases=self.forbidden,
            decoy_entities=[d for d in decoys if d not in (row.name, row.company)], as_of=as_of, gold_derived=derived)
        _check_node_refs(sc, file or "<prospects>", line or 0)
        return sc

    def _paths_from(self, sources: list[str], adj: Mapping[str, Any], blocked: set[str], start: str
                    ) -> list[tuple[int, int, list[str]]]:
        """(distance, source order, path) of the shortest paths from each source to its nearest product features."""
        found = []
        for k, src in enumerate(sources):
            parents = _bfs(adj, src, blocked - {src})
            dist = parents.pop("__dist__")  # type: ignore[arg-type]
            reach = [f for f in self.feature_ids if f in dist and f != src]
            if not reach:
                continue
            dmin = min(dist[f] for f in reach)
            for f in (f for f in reach if dist[f] == dmin):
                for p in _paths_to(parents, f, MAX_GOLD_PATHS):
                    found.append((dmin, k, ([start] if src != start else []) + p))
        return found

    def _derive(self, graph: KnowledgeGraph, types: Mapping[str, str | None], starts: list[str], pains: list[str],
                file: str | None, line: int | None) -> tuple[list[list[str]], list[str]]:
        """Gold paths from the prospect's pains (else the start node) to the nearest product features."""
        feats = set(self.feature_ids)
        out_adj = {nid: graph.neighbors(nid) for nid in graph.ids}
        both_adj = {nid: graph.neighbors(nid, "both") for nid in graph.ids}
        # Paths do not pass through people, start nodes, other pains, or features the spec does not sell.
        blocked = {n for n in graph.ids if types.get(n) == "person" or (types.get(n) == "product_feature"
                                                                        and n not in feats)}
        blocked |= set(starts) | set(pains)
        found: list[tuple[int, int, list[str]]] = []  # (distance, source order, path)
        # From the pains first; a pain that links to nothing leaves the start node. Along the edges first; where
        # they lead nowhere, either way.
        for sources in ([pains, [starts[0]]] if pains else [[starts[0]]]):
            for adj in (out_adj, both_adj):
                found = self._paths_from(sources, adj, blocked, starts[0])
                if found:
                    break
            if found:
                break
        else:
            raise DataError(f"no path in the KG {self.kg_name} from the prospect's pains or start node "
                            f"{starts[0]!r} to any product feature ({', '.join(self.feature_ids)}); link them, or give "
                            "gold_paths", file=file, line=line, field="pains" if pains else "start_nodes")
        found.sort(key=lambda x: (x[0], x[1]))
        paths = []
        for _d, _k, p in found:
            feat = p[-1]
            case = next((m for m in graph.neighbors(feat, "both") if types.get(m) == "case_study"), None)
            full = p + [case] if case else p
            if full not in paths:
                paths.append(full)
        paths = paths[:MAX_GOLD_PATHS]
        relevant = list(dict.fromkeys(next(n for n in reversed(p) if n in feats) for p in paths))
        return paths, relevant


def make_scenarios(kg: str | os.PathLike[str] | KnowledgeGraph | Iterable[Mapping[str, Any]],
                   prospects: str | os.PathLike[str] | Iterable[Mapping[str, Any] | ProspectRow],
                   product: str | os.PathLike[str] | Mapping[str, Any] | ProductSpec,
                   goal: str | Mapping[str, Any] | Goal, *, start_nodes: Sequence[str] | None = None,
                   set_name: str = "custom", split: str = "test", as_of: str | None = None,
                   out: str | os.PathLike[str] | None = None) -> list[Scenario]:
    """Scenarios from your own KG (a file in either spelling, a KnowledgeGraph or node records), prospects (a CSV or
    JSONL file, or dicts), a product spec (a YAML or JSON file, or a dict) and a goal (its text); with `out`, also
    written there as JSONL, atomically (a DataError leaves no file). Gold paths a prospect does not give are derived
    from the graph and the scenario is marked `gold_derived`. See docs/your_own_data.md."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", set_name) or not re.fullmatch(r"[A-Za-z0-9_.-]+", split):
        raise DataError("set_name and split must be letters, digits, '.', '_' or '-' (they form scenario ids "
                        "<set>/<split>/<nnnn>)", field="set_name")
    graph, kg_name = _load_kg(kg)
    spec, spec_file, line_of = read_product(product)
    rows = read_prospects(prospects)
    builder = _Builder(graph, kg_name, spec, spec_file, line_of, make_goal(goal), start_nodes)
    decoys = [x for r, _f, _l in rows for x in (r.name, r.company)]
    scenarios = [builder.scenario(i, r, f, ln, set_name, split, decoys, as_of) for i, (r, f, ln) in enumerate(rows)]
    if out is not None:
        write_scenarios(scenarios, out)
    return scenarios


def write_scenarios(scenarios: Iterable[Scenario], path: str | os.PathLike[str]) -> Path:
    """Write scenarios as JSONL, atomically: readers see the old file or the whole new one."""
    data = b"".join(orjson.dumps(s.model_dump(mode="json")) + b"\n" for s in scenarios)
    atomic_write_bytes(path, data)
    return Path(path)


# ---------------------------------------------------------------------------------------------------- CLI
def main(argv: list[str] | None = None) -> int:
    """`python -m codreamer_env.user_data` / `codreamer-make-scenarios`: write a scenario JSONL from your own data."""
    ap = argparse.ArgumentParser(
        prog="codreamer-make-scenarios",
        description="Turn your KG, prospects and product spec into a scenario JSONL (docs/your_own_data.md).")
    ap.add_argument("--kg", required=True, help="KG file: JSON array, {\"nodes\": [...]} or JSONL, either spelling")
    ap.add_argument("--prospects", required=True, help="prospects: .csv (multi-valued cells split by ';') or .jsonl")
    ap.add_argument("--product", required=True, help="product spec: .yaml/.yml or .json")
    ap.add_argument("--goal", required=True, help='the email\'s goal, e.g. "Secure a 20-minute discovery call"')
    ap.add_argument("--out", required=True, help="the scenario JSONL to write (atomically)")
    ap.add_argument("--start-node", action="append", dest="start_nodes", default=None,
                    help="a start node id (repeatable); default: the spec's start_nodes, else 'Customer Job'")
    ap.add_argument("--set-name", default="custom", help="the set name in scenario ids <set>/<split>/<nnnn>")
    ap.add_argument("--split", default="test")
    ap.add_argument("--as-of", default=None, help="the date the emails are written (ISO), for staleness checks")
    args = ap.parse_args(argv)
    try:
        scenarios = make_scenarios(args.kg, args.prospects, args.product, args.goal, start_nodes=args.start_nodes,
                                   set_name=args.set_name, split=args.split, as_of=args.as_of, out=args.out)
    except (DataError, OSError) as exc:  # bad input, or --out somewhere it cannot be written
        print(f"error: {exc}", file=sys.stderr)
        return 2
    derived = sum(s.gold_derived for s in scenarios)
    note = f"; derived gold for {derived} of them (evidence paths derived from the graph)" if derived else ""
    print(f"wrote {len(scenarios)} scenario(s) to {args.out}{note}")
    for s in scenarios:
        print(f"  {s.id}: {s.prospect.name} ({s.prospect.company}) -> {', '.join(s.relevant_features)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
