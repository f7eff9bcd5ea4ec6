import hashlib
import json
from collections import Counter

import pytest

import codreamer_env as ce
from codreamer_env.scenario_gen import generator
from codreamer_env.scenarios import data_dir, read_scenarios


def test_generator_reproduces_committed_files_byte_for_byte(tmp_path):
    generator.write(tmp_path)
    committed = data_dir() / "scenarios"
    manifest = json.loads((committed / "MANIFEST.json").read_text())
    assert (tmp_path / "MANIFEST.json").read_bytes() == (committed / "MANIFEST.json").read_bytes()
    for rel, info in manifest["files"].items():
        fresh = (tmp_path / rel).read_bytes()
        assert fresh == (committed / rel).read_bytes(), rel
        assert hashlib.sha256(fresh).hexdigest() == info["sha256"]


def test_a_different_seed_gives_different_data(tmp_path):
    a = generator.generate(seed=1)["default-v1"]["val"][0]
    b = generator.generate(seed=2)["default-v1"]["val"][0]
    assert a != b


@pytest.fixture(scope="module")
def all_splits():
    return {(n, s): ce.load_scenarios(n, s) for n, s in
            [("default-v1", "train"), ("default-v1", "val"), ("default-v1", "test"), ("hard-v1", "test")]}


def test_split_sizes_and_graph_sizes(all_splits):
    sizes = {k: len(v) for k, v in all_splits.items()}
    assert sizes[("default-v1", "train")] >= 300
    assert sizes[("default-v1", "val")] >= 60
    assert sizes[("default-v1", "test")] >= 120
    assert sizes[("hard-v1", "test")] >= 60
    for (name, _), rows in all_splits.items():
        for s in rows:
            n = s.graph().num_nodes
            if name == "hard-v1":
                assert n >= 300
            else:
                assert 20 <= n <= 80


def test_no_prospect_or_company_in_two_splits(all_splits):
    people, companies = Counter(), Counter()
    for rows in all_splits.values():
        for s in rows:
            people[s.prospect.name] += 1
            companies[s.prospect.company] += 1
    assert max(people.values()) == 1
    assert max(companies.values()) == 1
    # Decoy accounts are never somebody's prospect either.
    decoys = {d for rows in all_splits.values() for s in rows for d in s.decoy_entities}
    assert not decoys & (set(people) | set(companies))


def test_gold_paths_exist_and_traps_are_real(all_splits):
    for rows in all_splits.values():
        for s in rows:
            kg = s.graph()
            assert s.gold_paths
            for path in s.gold_paths:
                assert path[0] == "Customer Job"
                assert kg.has_path(path), (s.id, path)
                assert any(kg.is_product_feature(n) for n in path)
            for t in s.traps:
                assert t.node_id in kg
                assert t.node_id not in s.gold_nodes
            for n in s.start_nodes + s.supporting_nodes + s.relevant_features:
                assert n in kg
            assert {"Customer Job"} <= set(kg.ids)


def test_hard_set_has_more_traps_and_longer_paths(all_splits):
    d = all_splits[("default-v1", "test")]
    h = all_splits[("hard-v1", "test")]
    mean = lambda rows, f: sum(map(f, rows)) / len(rows)  # noqa: E731
    assert mean(h, lambda s: len(s.traps)) > 2 * mean(d, lambda s: len(s.traps))
    assert mean(h, lambda s: len(s.gold_paths[0])) > mean(d, lambda s: len(s.gold_paths[0]))


def test_variety(all_splits):
    rows = [s for v in all_splits.values() for s in v]
    assert len({s.prospect.industry for s in rows}) >= 10
    assert len({s.product.key for s in rows}) >= 10
    assert len({s.prospect.title for s in rows}) >= 20
    assert len({s.goal.kind for s in rows}) >= 5
    # Node contents are research text, not placeholders.
    s = rows[0]
    assert all("{" not in n["content"] and len(n["content"].split()) >= 5 for n in s.kg)


def test_aliases_limit_and_lookup():
    assert ce.load_scenarios("default", "val", limit=3) == ce.load_scenarios("default-v2", "val")[:3]
    s = ce.get_scenario("hard-v1/test/0005")
    assert s.id == "hard-v1/test/0005" and s.difficulty == "hard"
    with pytest.raises(ce.DataError, match="no scenario split default-v1/nope; default-v1 has: test, train, val") as ei:
        ce.load_scenarios("default-v1", "nope")
    assert ei.value.field == "split"
    with pytest.raises(ce.DataError, match="no scenario set 'defualt-v2'; sets: default-v1, default-v2") as ei:
        ce.load_scenarios("defualt-v2", "test")
    assert ei.value.field == "scenario_set"


def test_bad_scenario_file_names_line_and_field(tmp_path):
    good = (data_dir() / "scenarios" / "default-v1" / "val.jsonl").read_text().splitlines()[:2]
    bad = json.loads(good[1])
    del bad["prospect"]["company"]
    p = tmp_path / "bad.jsonl"
    p.write_text(good[0] + "\n" + json.dumps(bad) + "\n")
    with pytest.raises(ce.DataError) as ei:
        read_scenarios(p)
    assert ei.value.line == 2 and ei.value.field == "prospect.company" and ei.value.file == str(p)


def test_scenario_dataset_rows_are_chat_prompts():
    ds = ce.scenario_dataset("val")
    assert len(ds) == len(ce.load_scenarios("default-v2", "val"))
    row = ds[0]
    assert row["prompt"][0]["role"] == "system" and row["prompt"][1]["role"] == "user"
    assert row["scenario_id"] == "default-v2/val/0000"
    assert row["prospect_name"] in row["prompt"][1]["content"]
