import json

import numpy as np
import pytest

from codreamer_env import DataError, KnowledgeGraph
from codreamer_env.kg import loaders

NEW = [
    {"id": "Customer Job", "content": "Close the books faster.", "type": "customer_job",
     "edges": [{"target": "Pain: manual AP", "label": "has_pain", "rationale": "from discovery notes"},
               {"target": "Competitor: X", "label": "related_to"}]},
    {"id": "Pain: manual AP", "content": "AP keys 4,200 invoices by hand.", "type": "pain",
     "edges": [{"target": "Product Feature: Matching", "label": "addressed_by"}]},
    {"id": "Product Feature: Matching", "content": "Three-way matching.", "type": "product_feature", "owner": "PM team",
     "edges": []},
    {"id": "Competitor: X", "content": "A rumour.", "type": "competitor_fact", "edges": []},
]
OLD = [
    {"id": "Customer Job", "content": "Close the books faster.", "type": "customer_job",
     "edge": [{"target_id": "Pain: manual AP", "relationship": "has_pain", "rationale": "from discovery notes"},
              {"target_id": "Competitor: X", "relationship": "related_to"}]},
    {"id": "Pain: manual AP", "content": "AP keys 4,200 invoices by hand.", "type": "pain",
     "edge": [{"target_id": "Product Feature: Matching", "relationship": "addressed_by"}]},
    {"id": "Product Feature: Matching", "content": "Three-way matching.", "type": "product_feature", "owner": "PM team"},
    {"id": "Competitor: X", "content": "A rumour.", "type": "competitor_fact", "edge": []},
]


def _write(tmp_path, name, obj):
    p = tmp_path / name
    p.write_text(json.dumps(obj, indent=2) if not name.endswith(".jsonl") else "\n".join(json.dumps(o) for o in obj))
    return p


def test_both_spellings_and_jsonl_load_to_the_same_graph(tmp_path):
    a = KnowledgeGraph.load(_write(tmp_path, "new.json", NEW))
    b = KnowledgeGraph.load(_write(tmp_path, "old.json", OLD))
    c = KnowledgeGraph.load(_write(tmp_path, "new.jsonl", NEW))
    d = KnowledgeGraph.load(_write(tmp_path, "wrapped.json", {"nodes": OLD}))
    assert a == b == c == d
    assert a.fingerprint() == b.fingerprint()
    assert (a.num_nodes, a.num_edges) == (4, 3)
    assert a.neighbors("Customer Job") == ["Pain: manual AP", "Competitor: X"]
    assert a.edges("Customer Job")[0] == {"target": "Pain: manual AP", "label": "has_pain", "rationale": "from discovery notes"}
    assert a.attributes("Product Feature: Matching") == {"owner": "PM team"}
    assert a.node_type("Pain: manual AP") == "pain"
    assert a.content("Pain: manual AP") == "AP keys 4,200 invoices by hand."


def test_queries(tmp_path):
    kg = KnowledgeGraph.from_records(NEW)
    assert kg.neighbors("Pain: manual AP", "in") == ["Customer Job"]
    assert set(kg.neighbors("Pain: manual AP", "both")) == {"Customer Job", "Product Feature: Matching"}
    assert kg.shortest_path("Customer Job", "Product Feature: Matching") == [
        "Customer Job", "Pain: manual AP", "Product Feature: Matching"]
    assert kg.shortest_path("Product Feature: Matching", "Customer Job") is None
    assert kg.has_path(["Customer Job", "Pain: manual AP", "Product Feature: Matching"])
    assert not kg.has_path(["Customer Job", "Product Feature: Matching"])
    ball = kg.ball("Customer Job", 1)
    assert {kg.ids[i]: d for i, d in ball.items()} == {"Customer Job": 0, "Pain: manual AP": 1, "Competitor: X": 1}
    dist = kg.distance_to_product_feature()
    assert dist[kg.index_of("Customer Job")] == 2 and dist[kg.index_of("Competitor: X")] == -1
    assert kg.product_feature_nodes() == ["Product Feature: Matching"]
    with pytest.raises(KeyError):
        kg.neighbors("nope")


def test_untyped_legacy_anchor_is_a_product_feature():
    kg = KnowledgeGraph.from_records([
        {"id": "Customer Job", "content": "a", "edge": [{"target_id": "Product Feature", "relationship": "supports"}]},
        {"id": "Product Feature", "content": "b"},
    ])
    assert kg.product_feature_nodes() == ["Product Feature"]
    assert kg.edges("Customer Job") == [{"target": "Product Feature", "label": "supports"}]


@pytest.mark.parametrize(
    ("records", "field", "node"),
    [
        ([{"id": "a", "content": "x"}, {"id": "a", "content": "y"}], "id", "a"),
        ([{"id": "a", "content": "x", "edges": [{"target": "ghost"}]}], "edges.target", "a"),
        ([{"id": "a"}], "content", "a"),
        ([{"content": "x"}], "id", None),
        ([{"id": "a", "content": "x", "edges": [{"label": "has"}]}], "edges[0].target", "a"),
        ([{"id": "a", "content": 3}], "content", "a"),
        ([{"id": "a", "content": "x", "edges": "b"}], "edges", "a"),
        ([{"id": "a", "content": "x", "edge": [{"relationship": "r"}]}], "edge[0].target", "a"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_bad_input_names_file_node_and_field(tmp_path, records, field, node, fmt):
    p = _write(tmp_path, f"bad.{fmt}", records)
    with pytest.raises(DataError) as ei:
        KnowledgeGraph.load(p)
    err = ei.value
    assert err.file == str(p) and str(p) in str(err)
    assert err.field == field and repr(field) in str(err)
    assert err.node_id == node
    assert err.line is not None


def test_malformed_json_names_file_and_line(tmp_path):
    p = tmp_path / "broken.json"
    p.write_text('[\n {"id": "a", "content": "x"},\n {"id": "b", "content": \n]')
    with pytest.raises(DataError) as ei:
        KnowledgeGraph.load(p)
    assert ei.value.file == str(p) and ei.value.line == 4 and "malformed JSON" in str(ei.value)
    q = tmp_path / "broken.jsonl"
    q.write_text('{"id": "a", "content": "x"}\n{"id": "b", "content": "y"\n')
    with pytest.raises(DataError) as ei:
        KnowledgeGraph.load(q)
    assert ei.value.line == 2


def test_duplicate_id_line_number_in_json(tmp_path):
    p = tmp_path / "dup.json"
    p.write_text('[\n{"id": "a", "content": "x"},\n{"id": "b", "content": "y"},\n{"id": "a", "content": "z"}\n]')
    with pytest.raises(DataError) as ei:
        KnowledgeGraph.load(p)
    assert ei.value.line == 4 and ei.value.node_id == "a"


def _big_records(n=3000, seed=0):
    rng = np.random.default_rng(seed)
    recs = []
    for i in range(n):
        tg = rng.choice(n, size=3, replace=False)
        recs.append({"id": f"n{i}", "content": f"node {i} says \"hi\" {{ok}} \\ [x]", "type": "t" if i % 2 else None,
                     "edges": [{"target": f"n{j}", "label": "rel"} for j in tg.tolist()]})
        if recs[-1]["type"] is None:
            del recs[-1]["type"]
    return recs


def test_streaming_parser_and_binary_cache_match_plain_load(tmp_path, monkeypatch):
    recs = _big_records()
    p = tmp_path / "big.json"
    p.write_text(json.dumps(recs))
    plain = KnowledgeGraph.load(p, cache=False)
    # Force the streaming path with small chunks, so objects straddle chunk boundaries.
    monkeypatch.setattr(loaders, "_STREAM_THRESHOLD", 1000)
    monkeypatch.setattr(loaders, "_CHUNK", 4096)
    streamed = KnowledgeGraph.load(p, cache=True)
    assert streamed == plain
    cached = KnowledgeGraph.load(p, cache=True)  # served from the binary cache
    assert cached == plain
    assert list(cached.indices) == list(plain.indices)
    # The cache is rebuilt when the source changes.
    recs[0]["content"] = "changed"
    p.write_text(json.dumps(recs))
    assert KnowledgeGraph.load(p, cache=True).content("n0") == "changed"


def test_streaming_reports_malformed_tail(tmp_path, monkeypatch):
    monkeypatch.setattr(loaders, "_STREAM_THRESHOLD", 10)
    p = tmp_path / "trunc.json"
    p.write_text('[{"id": "a", "content": "x"}, {"id": "b", "conte')
    with pytest.raises(DataError) as ei:
        KnowledgeGraph.load(p, cache=False)
    assert ei.value.file == str(p)


def test_missing_file():
    with pytest.raises(DataError, match="no such file"):
        KnowledgeGraph.load("/nonexistent/kg.json")


@pytest.fixture
def fast_path(monkeypatch):
    """Route every file through the columnar (Arrow) path, with chunks small enough to split objects."""
    from codreamer_env.kg import _arrow

    monkeypatch.setattr(loaders, "_FAST_THRESHOLD", 0)
    monkeypatch.setattr(_arrow, "_CHUNK", 2048)


@pytest.mark.parametrize("records", [NEW, OLD, _big_records(500)])
@pytest.mark.parametrize("name", ["kg.json", "kg.jsonl", "kg_pretty.json"])
def test_columnar_fast_path_matches_exact_builder(tmp_path, fast_path, records, name):
    exact = KnowledgeGraph.from_records(records)
    p = tmp_path / name
    if name.endswith(".jsonl"):
        p.write_text("\n".join(json.dumps(r) for r in records))
    else:
        p.write_text(json.dumps(records, indent=2 if "pretty" in name else None))
    fast = KnowledgeGraph.load(p, cache=False)
    assert fast == exact
    assert fast.to_records() == exact.to_records()  # attributes, rationale, types, labels all kept


def test_scenario_kgs_through_the_fast_path(tmp_path, fast_path):
    import codreamer_env as ce

    for s in ce.load_scenarios("hard-v1", "test", limit=3):
        p = tmp_path / "s.json"
        p.write_text(json.dumps(s.kg))
        assert KnowledgeGraph.load(p, cache=False) == s.graph()


@pytest.mark.parametrize(
    ("records", "field"),
    [
        ([{"id": "a", "content": "x"}, {"id": "a", "content": "y"}], "id"),
        ([{"id": "a", "content": "x", "edges": [{"target": "ghost"}]}], "edges.target"),
        ([{"id": "a", "content": "x"}, {"id": "b"}], "content"),
        ([{"id": "a", "content": "x"}, {"id": "b", "content": 7}], "content"),
    ],
)
def test_fast_path_falls_back_to_located_errors(tmp_path, fast_path, records, field):
    p = tmp_path / "bad.json"
    p.write_text(json.dumps(records, indent=1))
    with pytest.raises(DataError) as ei:
        KnowledgeGraph.load(p, cache=False)
    assert ei.value.field == field and ei.value.file == str(p) and ei.value.line is not None
