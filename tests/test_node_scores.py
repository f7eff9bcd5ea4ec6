import json
import os

import pytest

from codreamer_env import DataError, KnowledgeGraph, NodeScores

RECS = [{"id": i, "content": i, "edges": []} for i in ("a", "b", "c")]


@pytest.fixture
def kg():
    return KnowledgeGraph.from_records(RECS)


def test_reconcile_drops_adds_and_clamps(kg, tmp_path):
    p = tmp_path / "scores.json"
    p.write_text(json.dumps({"a": 0.5, "b": 1.7, "zombie": 0.1}))
    ns = NodeScores.load(p, kg)
    assert ns.as_dict() == {"a": 0.5, "b": 1.0, "c": 1.0}
    assert ns.report.dropped == ["zombie"] and ns.report.added == ["c"] and ns.report.clamped == ["b"]
    p.write_text(json.dumps({"version": 1, "default": 0.3, "scores": {"a": -2}}))
    ns = NodeScores.load(p, kg)
    assert ns.as_dict() == {"a": 0.0, "b": 0.3, "c": 0.3}


def test_bad_score_names_file_node_and_field(kg, tmp_path):
    p = tmp_path / "scores.json"
    p.write_text(json.dumps({"a": "high"}))
    with pytest.raises(DataError) as ei:
        NodeScores.load(p, kg)
    assert ei.value.file == str(p) and ei.value.node_id == "a" and ei.value.field == "score"


def test_update_rule(kg):
    ns = NodeScores.from_mapping(kg, {"a": 0.5, "b": 0.2, "c": 0.9})
    changes = ns.update(["a", "b", "a", "unknown"], reward=1.0, eta=0.1)
    assert changes == {"a": (0.5, pytest.approx(0.55)), "b": (0.2, pytest.approx(0.28))}
    assert ns["c"] == 0.9
    ns.update(["c"], reward=0.0, eta=0.5)
    assert ns["c"] == pytest.approx(0.45)
    ns.update(["a"], reward=5.0, eta=1.0)  # clamped
    assert ns["a"] == 1.0
    with pytest.raises(ValueError):
        ns.update(["a"], 1.0, eta=2.0)


def test_atomic_save_survives_a_crash_between_write_and_rename(kg, tmp_path, monkeypatch):
    p = tmp_path / "scores.json"
    NodeScores.from_mapping(kg, {"a": 0.1}).save(p)
    before = p.read_bytes()

    def crash(src, dst):
        raise KeyboardInterrupt("simulated crash before rename")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        NodeScores.from_mapping(kg, {"a": 0.9}).save(p)
    monkeypatch.undo()
    assert p.read_bytes() == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["scores.json", "scores.json.lock"]  # no torn temp file
    assert NodeScores.load(p, kg)["a"] == 0.1


def test_save_load_roundtrip(kg, tmp_path):
    ns = NodeScores.from_mapping(kg, {"a": 0.25, "b": 0.75})
    ns.save(tmp_path / "s.json")
    assert NodeScores.load(tmp_path / "s.json", kg).as_dict() == ns.as_dict()


def test_update_rejects_a_non_finite_reward(kg, tmp_path):
    ns = NodeScores(kg)
    for bad in (float("nan"), float("inf")):
        with pytest.raises(ValueError, match="finite"):
            ns.update(["a"], bad)
    ns.save(tmp_path / "s.json")  # still loadable: nothing became NaN
    assert NodeScores.load(tmp_path / "s.json", kg).as_dict() == ns.as_dict()


def _hammer(path, records, node, n):  # a separate process: n locked read-update-writes of one node
    kg = KnowledgeGraph.from_records(records)
    for _ in range(n):
        NodeScores.update_file(path, kg, [node], 0.0, eta=0.5)


def test_concurrent_updaters_lose_no_update(kg, tmp_path):
    import multiprocessing as mp

    path, n = tmp_path / "scores.json", 25
    nodes = list(kg.ids)
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_hammer, args=(path, RECS, node, n)) for node in nodes]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    expected = 1.0
    for _ in range(n):  # what n updates give when none is lost (the file keeps 6 decimals)
        expected = round(expected + 0.5 * (0.0 - expected), 6)
    final = NodeScores.load(path, kg)
    assert [final[node] for node in nodes] == [expected] * len(nodes)
