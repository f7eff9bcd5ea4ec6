"""Your own data (issue 16 part 2): a KG, prospects and a product spec become scenarios (`make_scenarios` and its CLI)
that load, play in the env with the scripted agents, run in the benchmark (and GRPO's smoke) with "derived gold"
in the results, and fail on bad rows naming file, line and column; the judge tells a good hand-written email from
a keyword bag and pasted node text on derived-gold scenarios, typed (tests/data/user_kg) and untyped (the
prototype's real graph)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import gymnasium as gym
import pytest

import codreamer_env as ce
from agents.scripted import GreedyKGAgent, OracleAgent
from codreamer_env.rewards.rubric import RubricJudge
from codreamer_env.user_data import main, make_scenarios, write_scenarios

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "user_kg"
KG, CSV, JSONL, SPEC = DATA / "graph.json", DATA / "prospects.csv", DATA / "prospects.jsonl", DATA / "product.yaml"
GOAL = "Secure a 20-minute discovery call"
PROTOTYPE_KG = ROOT.parent / "shared" / "fixtures" / "prototype" / "graph.json"
# The prototype's own prospect (its training/scenarios.py) and product (its graph calls it "Waffles and Bagels").
PROTOTYPE = dict(
    prospects=[{"name": "Alex Rivera", "title": "VP Engineering", "company": "Acme FinTech", "industry": "FinTech",
                "tech_stack": ["Python", "Kafka"], "pains": []}],
    product={"name": "Waffles and Bagels", "seller": "Weights & Biases", "category": "model evaluation",
             "features": [{"node_id": "Product Feature", "name": "feedback and evaluation UI"}]},
    goal=GOAL, start_nodes=["Customer Job"], set_name="prototype")
EXPECTED_FEATURE = {"Priya Natarajan": "Product Feature: Freshness Monitors",
                    "Marcus Oyelaran": "Product Feature: Kafka Lag Tracing",
                    "Elena Sokolova": "Product Feature: Lineage Audit Log"}


@pytest.fixture(scope="module")
def scenario_file(tmp_path_factory):
    out = tmp_path_factory.mktemp("user") / "scenarios.jsonl"
    make_scenarios(KG, CSV, SPEC, GOAL, out=out)
    return out


def _by_name(path):
    return {s.prospect.name: s for s in ce.load_scenarios(path=path)}


def _play(env, agent, scenario_id):
    obs, info = env.reset(options={"scenario_id": scenario_id})
    while True:
        obs, reward, term, trunc, info = env.step(agent.act(obs, info))
        if term or trunc:
            return reward, term, info


# ---------------------------------------------------------------------------------------------- building
def test_the_fixture_becomes_derived_gold_scenarios_that_load(scenario_file):
    made = make_scenarios(KG, CSV, SPEC, GOAL)
    loaded = ce.load_scenarios(path=scenario_file)
    assert [s.model_dump() for s in loaded] == [s.model_dump() for s in made]
    assert [s.id for s in loaded] == ["custom/test/0000", "custom/test/0001", "custom/test/0002"]
    assert ce.load_scenarios(str(scenario_file)) == loaded  # a .jsonl name is a path too (DESIGN.md)
    for s in loaded:
        assert s.gold_derived and s.relevant_features == [EXPECTED_FEATURE[s.prospect.name]]
        kg = s.graph()
        pains = [n for n in kg.ids if n.startswith("Pain: ")]
        assert len(pains) == len(s.prospect.pains) and all(kg.attributes(p)["voiced_by"] == s.prospect.name
                                                            for p in pains)
        for path in s.gold_paths:  # real paths of the graph: start node, a pain of theirs, ..., the feature, its proof
            assert kg.has_path(path) and path[0] == "Customer Job" and path[1] in pains
            assert path[-2] == s.relevant_features[0] and kg.node_type(path[-1]) == "case_study"
        assert s.product.name == "Pipewatch" and len(s.product.features) == 5
        assert "zero downtime" in s.forbidden_phrases and s.goal.kind == "discovery_call"
        others = {p for n, p in EXPECTED_FEATURE.items() if n != s.prospect.name}
        assert not others & set(s.relevant_features)
        assert s.prospect.company not in s.decoy_entities and len(s.decoy_entities) == 4  # the other prospects


def test_jsonl_and_csv_prospects_give_identical_scenarios():
    a = make_scenarios(KG, CSV, SPEC, GOAL)
    b = make_scenarios(KG, JSONL, SPEC, GOAL)
    assert [s.model_dump() for s in a] == [s.model_dump() for s in b]


def test_the_cli_writes_what_make_scenarios_returns(tmp_path, capsys):
    out = tmp_path / "cli.jsonl"
    assert main(["--kg", str(KG), "--prospects", str(CSV), "--product", str(SPEC), "--goal", GOAL,
                 "--out", str(out)]) == 0
    assert "derived gold for 3" in capsys.readouterr().out
    write_scenarios(make_scenarios(KG, CSV, SPEC, GOAL), tmp_path / "api.jsonl")
    assert out.read_bytes() == (tmp_path / "api.jsonl").read_bytes()
    res = subprocess.run([sys.executable, "-W", "error::RuntimeWarning", "-m", "codreamer_env.user_data", "--kg",
                          str(KG), "--prospects", str(JSONL), "--product", str(SPEC), "--goal", GOAL, "--out",
                          str(tmp_path / "m.jsonl")], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "m.jsonl").read_bytes() == out.read_bytes()


def test_given_gold_paths_are_kept_and_not_marked_derived():
    row = {"name": "Marcus Oyelaran", "title": "VP Engineering", "company": "Brightwater Payments",
           "industry": "FinTech", "tech_stack": "Kafka", "pains": "Kafka consumer lag delays fraud scoring",
           "gold_paths": "Customer Job > Need: Streaming lag > Product Feature: Kafka Lag Tracing"}
    (s,) = make_scenarios(KG, [row], SPEC, GOAL)
    assert not s.gold_derived
    assert s.gold_paths == [["Customer Job", "Need: Streaming lag", "Product Feature: Kafka Lag Tracing"]]
    assert s.relevant_features == ["Product Feature: Kafka Lag Tracing"]


# ---------------------------------------------------------------------------------------------- errors
def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_a_csv_with_a_missing_column_names_file_line_and_column_and_writes_nothing(tmp_path):
    bad = _write(tmp_path / "p.csv", "name,title,company,industry,tech_stack\nAna Li,CTO,Kelp,retail,Shopify\n")
    out = tmp_path / "out.jsonl"
    with pytest.raises(ce.DataError) as e:
        make_scenarios(KG, bad, SPEC, GOAL, out=out)
    assert (e.value.file, e.value.line, e.value.field) == (str(bad), 1, "pains")
    assert str(bad) in str(e.value) and "line 1" in str(e.value) and "'pains'" in str(e.value)
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl*"))
    out.write_text("keep me\n")  # a bad run leaves the previous file as it was
    assert main(["--kg", str(KG), "--prospects", str(bad), "--product", str(SPEC), "--goal", GOAL,
                 "--out", str(out)]) == 2
    assert out.read_text() == "keep me\n"


@pytest.mark.parametrize(("text", "line", "field"), [
    ("name,title,company,industry,tech_stack,pains\nAna Li,CTO,Kelp,retail,Shopify,slow checkout\n"
     "Bo Chen,,Kelp2,retail,Shopify,slow checkout\n", 3, "title"),
    ("name,title,company,industry,tech_stack,pains,painz\nAna Li,CTO,Kelp,retail,Shopify,x,y\n", 1, "painz"),
    ("name,title,company,industry,tech_stack,pains\n\"Ana Li\",CTO,Kelp,retail,\"Shopify\nReact\",slow\n"
     "Bo Chen,CTO,Kelp2,retail\n", 4, "tech_stack"),
    ("name,title,company,industry,tech_stack,pains\nAna Li,CTO,Kelp,retail,Shopify,slow,extra\n", 2, "(cell 7)"),
])
def test_a_bad_csv_cell_names_its_line_and_column(tmp_path, text, line, field):
    bad = _write(tmp_path / "p.csv", text)
    with pytest.raises(ce.DataError) as e:
        make_scenarios(KG, bad, SPEC, GOAL)
    assert (e.value.file, e.value.line, e.value.field) == (str(bad), line, field)


def test_bad_jsonl_rows_and_a_bad_spec_are_located(tmp_path):
    rows = JSONL.read_text().splitlines()
    bad = _write(tmp_path / "p.jsonl", "\n".join([rows[0], rows[1].replace('"FinTech"', "7"), rows[2]]) + "\n")
    with pytest.raises(ce.DataError) as e:
        make_scenarios(KG, bad, SPEC, GOAL)
    assert (e.value.file, e.value.line, e.value.field) == (str(bad), 2, "industry")
    spec = _write(tmp_path / "s.yaml", SPEC.read_text().replace('"Product Feature: Kafka Lag Tracing"',
                                                                '"Product Feature: Kafka Lag Tracer"'))
    with pytest.raises(ce.DataError) as e:
        make_scenarios(KG, CSV, spec, GOAL)
    want = next(i for i, ln in enumerate(spec.read_text().splitlines(), 1) if "Kafka Lag Tracer" in ln)
    assert (e.value.file, e.value.line, e.value.field) == (str(spec), want, "features.2.node_id")
    with pytest.raises(ce.DataError) as e:  # a pain that leads nowhere near a feature, in a graph without a way round
        make_scenarios([{"id": "Customer Job", "content": "x", "edges": []},
                        {"id": "Product Feature: A", "content": "y", "edges": []}], CSV, {"name": "P", "seller": "S"},
                       GOAL)
    assert (e.value.file, e.value.line, e.value.field) == (str(CSV), 2, "pains")


# ---------------------------------------------------------------------------------------------- env, agents
def test_gym_make_with_a_scenario_file_plays_full_episodes_with_greedy_and_oracle(scenario_file):
    env = gym.make("codreamer/SalesEmail-v0", scenarios=str(scenario_file))
    scs = ce.load_scenarios(path=scenario_file)
    assert [s.id for s in env.unwrapped.scenarios] == [s.id for s in scs]
    for s in scs:
        greedy, term, info = _play(env, GreedyKGAgent(), s.id)
        assert term and info["trajectory"].final_email is not None and 0.0 <= greedy <= 1.0
        oracle, term, info = _play(env, OracleAgent(scs), s.id)
        assert term and oracle >= 0.6 and oracle > greedy, (s.id, oracle, greedy)
        assert set(s.gold_paths[0][1:]) <= set(info["trajectory"].retrieved_nodes)
    env.close()


def test_the_prototype_graph_and_prospect_become_a_scenario(tmp_path):
    (s,) = make_scenarios(PROTOTYPE_KG, out=tmp_path / "proto.jsonl", **PROTOTYPE)
    kg = s.graph()
    assert s.gold_derived and s.relevant_features == ["Product Feature"] and s.id == "prototype/test/0000"
    assert kg.node_type("Customer Job") == "customer_job" and kg.node_type("Product Feature") == "product_feature"
    assert kg.num_nodes == 17 and "Prospect: Alex Rivera" in kg  # the 16 nodes, and the prospect
    assert all(kg.has_path(p) and p[0] == "Customer Job" and p[-1] == "Product Feature" for p in s.gold_paths)
    assert s.brief().startswith("Prospect: Alex Rivera, VP Engineering at Acme FinTech (FinTech).")
    env = gym.make("codreamer/SalesEmail-v0", scenarios=tmp_path / "proto.jsonl")
    for agent in (GreedyKGAgent(), OracleAgent([s])):
        reward, term, _info = _play(env, agent, s.id)
        assert term and 0.0 <= reward <= 1.0


# ---------------------------------------------------------------------------------------------- the judge
GOOD_MARCUS = """Hi Marcus,

You mentioned that Kafka consumer lag at peak hours holds up real-time fraud scoring at Brightwater Payments. \
Pipewatch's Kafka Lag Tracing follows that lag per topic and partition and points to the consumer group and the \
deploy behind a spike. Tessera Pay, a payments processor, cut the time to find the cause of a lag spike from two \
hours to 15 minutes with it.

Would you be open to a 20-minute call next week to see whether it fits your setup?

Best,
Sam"""
GOOD_PRIYA = """Hi Priya,

Are the morning operations dashboards at Corvel Logistics still going stale when overnight tables do not refresh? \
Pipewatch's Freshness Monitors learn when each table usually lands and alert the owning team in Slack when one is \
late, before anyone opens the dashboard. Hollins Freight went from 14 stale-dashboard incidents a month to 3 \
after rolling them out.

Worth a 20-minute chat next week?

Best,
Sam"""
GOOD_ALEX = """Hi Alex,

Synthetic data sets are now used for AI model training in finance as much as in healthcare, and the hard part \
comes after training. You need to know how well each model performs: precision measures the accuracy of its \
positive predictions, and recall its ability to find the relevant cases. Waffles and Bagels gives your engineers a \
UI for feedback and model evaluation, so those numbers and reviewers' notes sit next to every model.

Would you be open to a 20-minute call next week?

Best,
Sam"""
BAG = "Hi {first},\n\n{words} call.\n\nBest,\nSam"


def _emails(s, good, bag_words):
    cites = [n for n in s.gold_paths[0] if n != "Customer Job"]
    kg = s.graph()
    pasted = ("Hi " + s.prospect.first_name + ",\n\n" + "\n".join(kg.content(n) for n in cites)
              + "\n\nWould you be open to a 20-minute call next week?\n\nBest,\nSam")
    return {"good": ce.FinalEmail("A note on " + s.job.key.split("_")[0], good, cites),
            "keyword bag": ce.FinalEmail("Quick idea", BAG.format(first=s.prospect.first_name, words=bag_words), cites),
            "pasted node text": ce.FinalEmail("Quick idea", pasted, cites)}


@pytest.mark.parametrize("who", ["Marcus Oyelaran", "Priya Natarajan", "Alex Rivera"])
def test_a_good_email_beats_a_keyword_bag_and_pasted_node_text_on_derived_gold(scenario_file, who):
    judge = RubricJudge()
    if who == "Alex Rivera":  # the prototype's graph: untyped nodes, old spelling
        (s,) = make_scenarios(PROTOTYPE_KG, **PROTOTYPE)
        cases = _emails(s, GOOD_ALEX, "synthetic data model evaluation metrics precision recall F1 score feedback UI "
                                      "Waffles Bagels performance KPIs accuracy")
    else:
        s = _by_name(scenario_file)[who]
        good = GOOD_MARCUS if who.startswith("Marcus") else GOOD_PRIYA
        words = " ".join(sorted({w for n in s.gold_paths[0][1:] for w in s.graph().content(n).split()[:6]}))
        cases = _emails(s, good, words)
    assert s.gold_derived
    scores = {k: judge.score(s, e).total for k, e in cases.items()}
    assert scores["good"] >= 0.8, scores
    assert scores["keyword bag"] <= 0.2 and scores["pasted node text"] <= 0.25, scores
    assert scores["good"] - max(scores["keyword bag"], scores["pasted node text"]) >= 0.6, scores


def test_another_prospects_email_and_a_generic_template_fail_on_derived_gold(scenario_file):
    judge = RubricJudge()
    scs = _by_name(scenario_file)
    marcus, priya = scs["Marcus Oyelaran"], scs["Priya Natarajan"]
    to_priya = _emails(priya, GOOD_PRIYA, "x")["good"]
    assert judge.score(priya, to_priya).total >= 0.8
    assert judge.score(marcus, to_priya).total <= 0.2  # another prospect's email: their name, their company
    generic = ce.FinalEmail("Pipewatch for Brightwater Payments", "Hi Marcus,\n\nI work with engineering leaders at "
                            "companies like Brightwater Payments. Pipewatch helps data teams keep their pipelines "
                            "healthy and their data on time.\n\nWould you be open to a 20-minute call next week?"
                            "\n\nBest,\nSam", ["Product: Pipewatch"])
    assert judge.score(marcus, generic).total <= 0.25


# ---------------------------------------------------------------------------------------------- experiments
def _env():
    return {k: v for k, v in os.environ.items() if k != "HYDRA_FULL_ERROR"} | {
        "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}


def test_the_benchmark_cli_runs_on_a_scenario_file_and_says_derived_gold(scenario_file, tmp_path):
    run = tmp_path / "bench"
    res = subprocess.run([sys.executable, "-m", "experiments.benchmark", "agent=greedy",
                          f"env.scenarios={scenario_file}", "experiment=smoke", f"hydra.run.dir={run}"],
                         cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-3000:]
    assert "derived gold (3/3 scenarios" in res.stdout
    m = json.loads((run / "metrics.json").read_text())
    assert m["episodes"] == 3 and m["gold"] == "derived" and m["gold_derived_scenarios"] == 3
    assert (m["scenario_set"], m["split"], m["scenarios_file"]) == ("custom", "test", str(scenario_file))
    rows = [json.loads(x) for x in (run / "trajectories.jsonl").read_text().splitlines()]
    assert sorted(r["scenario_id"] for r in rows) == ["custom/test/0000", "custom/test/0001", "custom/test/0002"]
    from experiments.leaderboard import build

    md, _ = build(run)
    assert "Derived gold: greedy: derived gold (3/3 scenarios" in md and str(scenario_file) in md


def test_the_run_hash_covers_the_scenario_files_content(scenario_file, tmp_path):
    from hydra import compose, initialize_config_dir

    from experiments import config as _config  # noqa: F401 - registers the schemas the configs name
    from experiments.runs import config_hash, identity

    copy = tmp_path / "s.jsonl"
    copy.write_bytes(scenario_file.read_bytes())
    with initialize_config_dir(config_dir=str(ROOT / "configs"), version_base="1.3"):
        base = compose(config_name="config", overrides=["agent=greedy"])
        cfg = compose(config_name="config", overrides=["agent=greedy", f"env.scenarios={copy}"])
    assert "env.scenarios" not in identity(base)  # unset: the named sets keep their hashes
    before = config_hash(identity(cfg))
    copy.write_bytes(scenario_file.read_bytes().replace(b"Pipewatch", b"Pipewatcher"))  # same path, new content
    assert config_hash(identity(cfg)) != before


@pytest.mark.slow
def test_grpo_smoke_trains_and_evaluates_on_a_scenario_file(scenario_file, tmp_path, tmp_path_factory):
    out = tmp_path / "grpo"
    env = _env() | {"CODREAMER_CACHE": str(tmp_path_factory.getbasetemp() / "cache")}
    res = subprocess.run([sys.executable, "-m", "experiments.train_grpo", "experiment=smoke",
                          f"env.scenarios={scenario_file}", f"output_dir={out}"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, (res.stdout + res.stderr)[-4000:]
    evals = list(out.glob("eval/*/trajectories.jsonl"))
    assert evals, sorted(str(p.relative_to(out)) for p in out.rglob("*"))[:40]
    ids = {json.loads(x)["scenario_id"] for p in evals for x in p.read_text().splitlines() if x.strip()}
    assert ids and all(i.startswith("custom/test/") for i in ids), ids  # played the user's scenarios


def test_a_pain_that_matches_no_node_leaves_from_the_start_node(tmp_path):
    head = CSV.read_text().splitlines()[0]
    rows = _write(tmp_path / "p.csv", head + "\nRen Ito,CTO,Kelp,retail,Shopify,Hiring senior engineers takes too long\n")
    (s,) = make_scenarios(KG, rows, SPEC, GOAL)
    assert s.gold_derived and s.gold_paths and all(p[0] == "Customer Job" for p in s.gold_paths)


def test_a_file_that_is_not_utf8_names_its_line(tmp_path):
    head = CSV.read_text().splitlines()[0]
    bad = tmp_path / "cp1252.csv"  # what Excel's "CSV" export writes on Windows
    bad.write_bytes((head + "\nAna Li,CTO,Kelp,retail,Shopify,slow checkout\n").encode()
                    + "René Müller,CTO,Kelp2,retail,Shopify,slow checkout\n".encode("cp1252"))
    with pytest.raises(ce.DataError) as e:
        make_scenarios(KG, bad, SPEC, GOAL)
    assert (e.value.file, e.value.line, e.value.field) == (str(bad), 3, "(encoding)")
    spec = tmp_path / "s.yaml"
    spec.write_bytes(SPEC.read_bytes() + "# Café\n".encode("latin-1"))
    with pytest.raises(ce.DataError, match="not UTF-8"):
        make_scenarios(KG, CSV, spec, GOAL)
    assert main(["--kg", str(KG), "--prospects", str(CSV), "--product", str(SPEC), "--goal", GOAL,
                 "--out", str(tmp_path)]) == 2  # --out a folder: one error line, no trace
