"""Scenario sets v2 (default-v2, hard-v2): reproducibility, variety, compatibility, honest traps, difficulty."""

import hashlib
import json
import re
from collections import Counter

import gymnasium as gym
import pytest

import codreamer_env as ce
from agents.base import context_entries
from agents.scripted import GreedyKGAgent
from codreamer_env.scenario_gen import build
from codreamer_env.scenario_gen import generator_v2 as G2
from codreamer_env.scenario_gen import vocab_v2_people as VP
from codreamer_env.scenario_gen import vocab_v2_products as VPR
from codreamer_env.scenarios import data_dir, load_scenarios, read_scenarios
from codreamer_env.tools import KGTools

V2_SPLITS = [(s, sp) for s, splits in G2.SETS.items() for sp in splits]
SENT_SPLIT = re.compile(r"(?<=[.!?])\s+")
SELF_LABELS = re.compile(r"\btraps?\b|do not cite|not approved|old record|unverified|rumou?rs?\b", re.IGNORECASE)
IND_BY_NAME = {i["name"]: i["key"] for i in VP.INDUSTRIES}


@pytest.fixture(scope="module")
def v2():
    return {(s, sp): load_scenarios(s, sp) for s, sp in V2_SPLITS}


@pytest.fixture(scope="module")
def regenerated():
    return build.manifest_for(build.generate_all())


def _sentences(sc):
    texts = [n["content"] for n in sc.kg] + list(sc.prospect.pains) + [sc.job.statement]
    out = set()
    for t in texts:
        for s in SENT_SPLIT.split(t):
            s = s.strip()
            if len(s.split()) >= 6:
                out.add(s)
    return out


def _masked(pain):
    return re.sub(r"\d[\d,.]*", "#", pain)


def _greedy_first_feature(sc):
    res = KGTools(sc.graph()).get_relevant_context("Customer Job", k=5)
    return next((c for c in res.data["citations"] if c.startswith("Product Feature")), None)


def test_sizes_sets_and_model(v2):
    for (s, sp), rows in v2.items():
        assert len(rows) == G2.SETS[s][sp]
        assert all(r.set == s and r.split == sp and r.as_of for r in rows)
        assert all(r.product.approved_claims for r in rows)
        assert all(r.start_nodes[0] == "Customer Job" for r in rows)
        lo, hi = (150, 401) if s.startswith("hard") else (30, 81)  # the size target, plus a current speaker bio
        assert all(lo <= len(r.kg) <= hi for r in rows), s
    assert len({r.as_of for r in v2[("default-v2", "test")]}) > 50


def test_files_and_manifest_reproduce_byte_for_byte(regenerated):
    manifest, blobs = regenerated
    committed = data_dir() / "scenarios"
    assert build.manifest_bytes(manifest) == (committed / "MANIFEST.json").read_bytes()
    on_disk = json.loads((committed / "MANIFEST.json").read_text())
    for rel, info in on_disk["files"].items():
        data = (committed / rel).read_bytes()
        assert hashlib.sha256(data).hexdigest() == info["sha256"], rel
        assert blobs[rel] == data, rel
    assert on_disk["sets"]["default-v2"]["generator_version"] == G2.GENERATOR_VERSION
    assert on_disk["sets"]["default-v1"]["generator_version"] == "1"
    # v1 entries are the ones v1 always had
    assert on_disk["files"]["default-v1/test.jsonl"]["sha256"] == (
        "0a2ca1b8c2041d15002f6f6db8fb033baec985ac756509c9a975e3ed4b4f7f55")
    assert on_disk["files"]["hard-v1/test.jsonl"]["sha256"] == (
        "462fab7fe5806f5c448f2ec82b543044d5a38fc0b9384da7612cc2febd1a2972")


def test_no_sentence_recurs_in_more_than_5_percent_of_a_split(v2):
    for key, rows in v2.items():
        counts = Counter(s for r in rows for s in _sentences(r))
        limit = max(1, int(0.05 * len(rows)))
        worst = counts.most_common(1)[0]
        assert worst[1] <= limit, (key, worst)


def test_distinct_pains_at_least_three_times_v1(v2):
    v1 = load_scenarios("default-v1", "test")
    n1 = len({_masked(p) for r in v1 for p in r.prospect.pains})
    n2 = len({_masked(p) for r in v2[("default-v2", "test")] for p in r.prospect.pains})
    assert n2 >= 3 * n1, (n1, n2)


def test_industry_product_and_title_compatibility(v2):
    for rows in v2.values():
        for r in rows:
            ind = IND_BY_NAME[r.prospect.industry]
            assert r.product.key in VP.COMPATIBILITY[ind], r.id
            fn = VPR.PRODUCT_BY_KEY[r.product.key]["function"]
            assert r.prospect.title in VP.titles_for(ind, fn), r.id
    # every listed pair has titles
    for ind, prods in VP.COMPATIBILITY.items():
        for p in prods:
            assert VP.titles_for(ind, VPR.PRODUCT_BY_KEY[p]["function"]), (ind, p)


def test_names_unique_across_v2_and_distinct_from_v1(v2):
    people = [r.prospect.name for rows in v2.values() for r in rows]
    companies = [r.prospect.company for rows in v2.values() for r in rows]
    assert len(set(people)) == len(people) and len(set(companies)) == len(companies)
    v1 = [r for s, sp in [("default-v1", "train"), ("default-v1", "val"), ("default-v1", "test"), ("hard-v1", "test")]
          for r in load_scenarios(s, sp)]
    assert not {r.prospect.name for r in v1} & set(people)
    assert not {r.prospect.company for r in v1} & set(companies)


def test_gold_paths_are_real_paths_and_traps_do_not_label_themselves(v2):
    for rows in v2.values():
        for r in rows:
            g = r.graph()
            assert len(r.gold_paths) >= 3
            for p in r.gold_paths:
                assert g.has_path(p), (r.id, p)
            trap_ids = r.trap_ids
            assert not set(r.gold_nodes) & set(trap_ids), r.id
            assert {t.kind for t in r.traps} >= {"irrelevant_feature", "competitor", "compliance", "stale", "other_account"}
            assert all(t.phrases and t.reason for t in r.traps)
            for n in r.kg:
                assert not SELF_LABELS.search(n["id"]), (r.id, n["id"])
                if n["id"] in trap_ids:
                    assert not SELF_LABELS.search(n["content"]), (r.id, n["id"])
            assert "Policy: Approved product claims" in g


def test_trigger_route_and_dated_stale_records(v2):
    for rows in v2.values():
        for r in rows:
            g = r.graph()
            trig = [p for p in r.gold_paths if p[0] != "Customer Job"]
            assert trig and g.node_type(trig[0][0]) in ("news", "hiring", "social_post"), r.id
            for t in r.traps:
                if t.kind == "stale":
                    year = int(re.search(r"(\d{4})-\d\d-\d\d", t.reason).group(1))
                    assert int(r.as_of[:4]) - year >= 2, (r.id, t.node_id)


def test_greedy_first_feature_shares(v2):
    for s, want_right, bound in [("default-v2", True, 0.8), ("hard-v2", False, 0.7)]:
        rows = v2[(s, "test")]
        right = sum(_greedy_first_feature(r) in r.relevant_features for r in rows)
        share = right / len(rows) if want_right else 1 - right / len(rows)
        assert share >= bound, (s, share)


def test_greedy_agent_in_the_env_sees_the_same_first_feature():
    agent = GreedyKGAgent()
    for sid in ["hard-v2/test/0000", "hard-v2/test/0001", "default-v2/test/0000", "default-v2/test/0001"]:
        env = gym.make(ce.ENV_ID, scenario_set=sid.split("/")[0], split="test")
        obs, info = env.reset(options={"scenario_id": sid})
        obs, _, _, _, info = env.step(agent.act(obs, info))
        feats = [n for n in context_entries(info["messages"]) if n.startswith("Product Feature")]
        sc = ce.get_scenario(sid)
        assert feats and feats[0] == _greedy_first_feature(sc), sid


def test_read_scenarios_reads_v2_files():
    rows = read_scenarios(data_dir() / "scenarios" / "hard-v2" / "val.jsonl")
    assert rows[0].difficulty == "hard"


def test_no_node_kind_is_only_ever_a_trap():
    """A trap must not be recognisable by its id prefix alone: every prefix a severe trap uses ("Speaker Bio",
    "Tech Survey", "Account Note", "Marketing Copy", "Competitor", ...) also names honest nodes in the split."""
    for set_name, splits in (("default-v2", ("train", "val", "test")), ("hard-v2", ("train", "val", "test"))):
        for split in splits:
            trap_prefixes, honest_prefixes = set(), set()
            for sc in ce.load_scenarios(set_name, split):
                severe = {t.node_id for t in sc.traps if t.kind != "irrelevant_feature"}
                for rec in sc.kg:
                    prefix = rec["id"].split(":", 1)[0]
                    (trap_prefixes if rec["id"] in severe else honest_prefixes).add(prefix)
            assert trap_prefixes <= honest_prefixes, (set_name, split, trap_prefixes - honest_prefixes)
