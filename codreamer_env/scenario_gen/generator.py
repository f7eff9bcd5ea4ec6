"""Deterministic scenario generator: seeded, byte-identical output, re-runnable.

    python -m codreamer_env.scenario_gen.generator --out data/scenarios

Each scenario pairs a prospect (person, company, industry, systems, pains) with one seller product and a
customer job that one or two of its features serve. Its KG holds the prospect research, the seller's
product facts, distractors and traps; gold paths run Customer Job -> pain -> feature (-> case study).
"""

from __future__ import annotations

import argparse
import hashlib
import random
from pathlib import Path
from typing import Any

import orjson

from codreamer_env.scenario_gen import vocab_people as VP
from codreamer_env.scenario_gen import vocab_products as VPR

GENERATOR_VERSION = "1"
MASTER_SEED = 20261122

# Sizes of the committed sets. default-v1: KGs of 20-80 nodes; hard-v1: >= 300 nodes, more traps.
SETS: dict[str, dict[str, int]] = {
    "default-v1": {"train": 320, "val": 64, "test": 128},
    "hard-v1": {"test": 64},
}

# Which job each product's reference customers (case studies, in order) speak to.
CASE_JOBS = {
    "ledgerline": ["close", "dupes", "discounts"], "routewise": ["ontime", "failed", "fuel"],
    "sentinel": ["audit", "alerts", "iam"], "helix": ["backlog", "deflect", "languages"],
    "forecastly": ["stockouts", "excess", "npi"], "crewshift": ["overtime", "fill", "compliance"],
    "clausekit": ["turnaround", "renewals", "bottleneck"], "beacon": ["mttr", "sprawl", "slo"],
    "talentloop": ["time", "load", "scale"], "streamline": ["realtime", "cost", "breakage"],
}

# Ranges for the numbers in templates: name -> (low, high, rounding step). Drawn once per scenario.
NUMBER_RANGES: dict[str, tuple[int, int, int]] = {
    "close_days": (8, 16, 1), "ap_team": (3, 12, 1), "invoices": (1500, 12000, 100), "days": (4, 14, 1),
    "target": (2, 3, 1), "dupes": (6, 40, 1), "dupe_k": (40, 400, 5), "entities": (3, 9, 1), "missed_k": (50, 400, 5),
    "pct_small": (10, 45, 1), "inquiries": (80, 400, 5), "hours": (6, 30, 1), "ontime": (78, 89, 1),
    "target_ontime": (95, 98, 1), "penalty_k": (20, 250, 5), "failed": (6, 15, 1), "redeliver": (9, 25, 1),
    "growth": (12, 60, 1), "over": (8, 25, 1), "vehicles": (40, 600, 10), "km_from": (80, 120, 1), "km_to": (125, 170, 1),
    "peak": (35, 90, 5), "rented": (10, 80, 1), "fill": (55, 75, 1), "rental_k": (60, 500, 10), "weeks": (3, 8, 1),
    "months": (2, 6, 1), "open_findings": (5, 30, 1), "alerts": (2000, 20000, 100), "sec_team": (3, 9, 1),
    "admin_roles": (20, 140, 1), "accounts": (5, 60, 1), "clusters": (6, 60, 1), "backlog": (1200, 9000, 100),
    "frt": (6, 30, 1), "sla": (2, 4, 1), "agents": (12, 140, 1), "tickets": (4000, 60000, 1000), "repeat": (25, 55, 1),
    "cost_ticket": (6, 22, 1), "intl": (15, 45, 1), "wait": (2, 4, 1), "markets": (2, 6, 1), "csat_from": (85, 93, 1),
    "csat_to": (72, 84, 1), "qa_pct": (2, 10, 1), "top_skus": (20, 200, 10), "lost_k": (100, 900, 10),
    "accuracy": (55, 72, 1), "inv_growth": (15, 40, 1), "sales_growth": (2, 9, 1), "writedown_k": (100, 800, 10),
    "doh": (70, 140, 1), "doh_target": (45, 65, 1), "sellout": (3, 9, 1), "leftover": (15, 35, 1),
    "promo_share": (20, 45, 1), "npi": (15, 35, 1), "launches": (40, 400, 10), "gap": (10, 30, 1), "sop_days": (8, 15, 1),
    "ot_pct": (8, 16, 1), "ot_budget": (3, 6, 1), "ot_k": (80, 600, 10), "sites": (6, 60, 1), "mgr_hours": (4, 12, 1),
    "open_shifts": (60, 400, 10), "agency_k": (150, 900, 10), "fines_k": (30, 300, 5), "turnover": (45, 110, 1),
    "replace_cost": (3500, 6500, 100), "turn_days": (14, 35, 1), "deals": (5, 25, 1), "contracts": (80, 600, 10),
    "lawyers": (3, 12, 1), "missed": (6, 30, 1), "renew_k": (60, 500, 10), "variants": (6, 25, 1), "nonstd": (15, 45, 1),
    "routine": (30, 60, 1), "mttr": (70, 240, 1), "tools": (3, 7, 1), "sev1": (4, 20, 1), "obs_growth": (25, 70, 1),
    "logs_tb": (2, 40, 1), "credits_k": (40, 400, 5), "pages": (40, 200, 5), "noisy": (35, 70, 1), "tth": (45, 80, 1),
    "lost_cands": (4, 15, 1), "sched_days": (4, 10, 1), "int_hours": (5, 12, 1), "interviews": (150, 1200, 10),
    "hires": (80, 400, 10), "recruiters": (3, 10, 1), "cph": (4000, 12000, 100), "women": (12, 24, 1),
    "women_goal": (30, 40, 1), "attrition": (15, 30, 1), "qoh": (40, 60, 1), "lag": (12, 26, 1), "batch_hours": (4, 9, 1),
    "requests": (6, 25, 1), "breaks": (5, 20, 1), "maint": (30, 60, 1), "data_team": (3, 12, 1),
    "pipelines": (60, 400, 10), "wh_growth": (40, 120, 1), "wh_k": (30, 300, 5), "verify": (4, 12, 1),
    "employees": (180, 9000, 10), "merchants": (5000, 90000, 1000), "customers": (400, 4000, 50), "states": (3, 18, 1),
    "students": (6000, 42000, 500), "subscribers": (80000, 900000, 10000), "accounts_n": (800, 9000, 100),
    "tenure": (2, 9, 1), "amount": (15, 120, 5), "openings": (12, 80, 1), "n": (4, 14, 1), "old_n": (40, 150, 5),
    "uptime_i": (0, 2, 1),
}
UPTIMES = ["99.9", "99.95", "99.99"]


class Numbers(dict):
    """Seeded numbers for one scenario: each placeholder is drawn once, so every node agrees."""

    def __init__(self, rng: random.Random, fixed: dict[str, Any]) -> None:
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> Any:
        if key == "uptime":
            value: Any = UPTIMES[self.rng.randrange(3)]
        else:
            lo, hi, step = NUMBER_RANGES[key]
            value = lo + step * self.rng.randrange((hi - lo) // step + 1)
        self[key] = value
        return value


def _fill(template: str, nums: Numbers) -> str:
    return template.format_map(nums)


def _a(noun: str) -> str:
    """'a' or 'an' before a noun phrase."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def _end(sentence: str) -> str:
    """A sentence ending in exactly one full stop (company names may end in 'Co.')."""
    return sentence if sentence.endswith(".") else sentence + "."


def _label(text: str, words: int = 6) -> str:
    toks = text.split()
    return " ".join(toks[:words]).rstrip(".,;:")


class _KG:
    """Collects node records with unique ids and typed edges."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}

    def add(self, node_id: str, ntype: str, content: str, **attrs: Any) -> str:
        base, k = node_id, 2
        while node_id in self.nodes:
            node_id = f"{base} ({k})"
            k += 1
        self.nodes[node_id] = {"id": node_id, "type": ntype, "content": content, **attrs, "edges": []}
        return node_id

    def link(self, src: str, dst: str, label: str, rationale: str | None = None) -> None:
        edge: dict[str, Any] = {"target": dst, "label": label}
        if rationale:
            edge["rationale"] = rationale
        if all(e["target"] != dst for e in self.nodes[src]["edges"]):
            self.nodes[src]["edges"].append(edge)

    def records(self, rng: random.Random) -> list[dict[str, Any]]:
        # Anchors first, the rest shuffled, so node order carries no hint of relevance.
        ids = list(self.nodes)
        head = [i for i in ids if i == "Customer Job"]
        rest = [i for i in ids if i != "Customer Job"]
        rng.shuffle(rest)
        return [self.nodes[i] for i in head + rest]


class NamePool:
    """Draws globally unique people and company names, so no prospect or company repeats anywhere."""

    first_names: list[str] = VP.FIRST_NAMES
    last_names: list[str] = VP.LAST_NAMES

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: set[str] = set()
        self.companies: set[str] = set()

    def person(self) -> tuple[str, str]:
        while True:
            first, last = self.rng.choice(self.first_names), self.rng.choice(self.last_names)
            if f"{first} {last}" not in self.people:
                self.people.add(f"{first} {last}")
                return first, last

    def company(self, industry: dict) -> str:
        while True:
            name = f"{self.rng.choice(VP.COMPANY_PREFIXES)} {self.rng.choice(industry['suffixes'])}"
            if name not in self.companies:
                self.companies.add(name)
                return name


def build_scenario(sid: str, set_name: str, split: str, hard: bool, pool: NamePool, rng: random.Random) -> dict[str, Any]:
    """Build one scenario record (a dict matching `codreamer_env.scenarios.Scenario`)."""
    product = VPR.PRODUCTS[rng.randrange(len(VPR.PRODUCTS))]
    job_key = rng.choice(sorted(product["jobs"]))
    job = product["jobs"][job_key]
    industry = VP.INDUSTRIES[rng.randrange(len(VP.INDUSTRIES))]
    goal = VPR.GOALS[rng.randrange(len(VPR.GOALS))]
    first, last = pool.person()
    full = f"{first} {last}"
    company = pool.company(industry)
    title = rng.choice(product["roles"])
    systems = rng.sample(industry["systems"], 3)
    shared = [s for s in product["integrations"] if s in industry["systems"]]
    if shared and not any(s in systems for s in shared):
        systems[0] = shared[0]
    nums = Numbers(rng, {"company": company, "erp": systems[0], "product": product["name"]})
    kg = _KG()

    # ---- prospect side
    job_pains = [_fill(p, nums) for p in job["pains"]]
    metric = _fill(job["metric"], nums)
    cj = kg.add("Customer Job", "customer_job",
                f"{full}, {title} at {company}, needs to {job['statement']}. {job_pains[0]}")
    person = kg.add(f"Prospect: {full}", "person",
                    _end(f"{full} is {title} at {company}") + " " + _fill(rng.choice(VP.SENIORITY_BACKGROUND), Numbers(rng, {
                        "company": company, "prev": rng.choice(VP.PREVIOUS_EMPLOYERS), "tenure": nums["tenure"]}))
                    + " " + _fill(rng.choice(VP.LINKEDIN), Numbers(rng, {"when": rng.choice(VP.WHEN),
                                                                         "topic": job["statement"], "area": product["category"]})))
    comp = kg.add(f"Company: {company}", "company",
                  f"{company} is {_a(industry['name'])} company headquartered in {rng.choice(industry['hq'])} with about "
                  f"{nums['employees']:,} employees. " + _fill(rng.choice(industry["context"]), nums))
    kg.link(cj, person, "owned_by")
    kg.link(person, comp, "works_at")
    kg.link(comp, cj, "has_job")
    pain_ids = []
    for k, text in enumerate(job_pains):
        pid = kg.add(f"Pain: {_label(text)}", "pain", text)
        kg.link(cj, pid, "has_pain", "the prospect's own words in discovery notes" if k == 0 else None)
        pain_ids.append(pid)
    met = kg.add(f"Metric: {_label(metric)}", "metric", metric)
    kg.link(pain_ids[0], met, "measured_by")
    tech_ids = {}
    for s in systems:
        tech_ids[s] = kg.add(f"Tech: {s}", "tech_stack", f"{company} runs {s}; it is part of the core stack.")
        kg.link(comp, tech_ids[s], "uses")
    trig_text = f"{company} " + _fill(rng.choice(VP.TRIGGERS), Numbers(rng, {
        "amount": nums["amount"], "when": rng.choice(VP.WHEN), "city": rng.choice(VP.CITIES),
        "openings": nums["openings"], "growth": nums["growth"]}))
    trig = kg.add("Trigger: " + _label(trig_text[len(company) + 1:], 5), "news", trig_text)
    kg.link(comp, trig, "announced")

    # ---- seller side
    prod = kg.add(f"Product: {product['name']}", "product", product["pitch"])
    rel_features = [f for f in product["features"] if job_key in f["jobs"]]
    rel = rel_features[: 2 if hard else 1 + (len(rel_features) > 1 and rng.random() < 0.3)]
    feat_ids = {}
    for f in product["features"]:
        feat_ids[f["key"]] = kg.add(f"Product Feature: {f['name']}", "product_feature", f["desc"], feature=f["name"])
        kg.link(prod, feat_ids[f["key"]], "has_feature")
    case_ids = {}
    for (ref, ref_ind, outcome), cjob in zip(product["case_studies"], CASE_JOBS[product["key"]], strict=True):
        feat = next((f for f in product["features"] if cjob in f["jobs"]), product["features"][0])
        cid = kg.add(f"Case Study: {ref}", "case_study",
                     f"{ref} ({ref_ind}) adopted {product['name']}'s {feat['name']} and {outcome}.", customer=ref)
        kg.link(feat_ids[feat["key"]], cid, "proven_by")
        case_ids[cjob] = cid
    for s in product["integrations"]:
        if s in tech_ids:
            iid = kg.add(f"Integration: {s}", "integration",
                         f"{product['name']} has a native {s} integration maintained by {product['seller']}.")
            for f in rel:
                kg.link(feat_ids[f["key"]], iid, "integrates_with")
            kg.link(tech_ids[s], iid, "connects_via")

    gold_paths = []
    for f in rel:
        fid = feat_ids[f["key"]]
        kg.link(pain_ids[0], fid, "addressed_by", f"{f['name']} removes the manual step behind this pain")
        for p in pain_ids[1:]:
            kg.link(p, fid, "addressed_by")
        path = [cj, pain_ids[0], fid]
        if job_key in case_ids and kg.nodes[case_ids[job_key]]["id"] in [e["target"] for e in kg.nodes[fid]["edges"]]:
            path.append(case_ids[job_key])
        gold_paths.append(path)
    if hard:
        # Hard: the job hangs off an initiative; gold paths are one hop longer.
        init = kg.add(f"Initiative: {_label(job['statement'], 5)}", "initiative",
                      f"{company}'s operating plan for this year includes a funded initiative to {job['statement']}, "
                      f"sponsored by {full}.")
        kg.link(cj, init, "part_of")
        kg.link(init, pain_ids[0], "targets")
        gold_paths = [[cj, init, *p[1:]] for p in gold_paths]
    supporting = [person, comp, met, *pain_ids[1:]]

    # ---- traps
    traps: list[dict[str, Any]] = []
    irrelevant = [f for f in product["features"] if f not in rel and job_key not in f["jobs"]]
    for f in irrelevant:
        traps.append({"node_id": feat_ids[f["key"]], "kind": "irrelevant_feature"})
    other_jobs = [k for k in sorted(product["jobs"]) if k != job_key]
    for k in other_jobs[: 1 if not hard else len(other_jobs)]:
        other = product["jobs"][k]
        text = _fill(rng.choice(other["pains"]), nums)
        dept = rng.choice(["finance", "IT", "operations", "procurement", "HR"])
        oid = kg.add(f"Team Note: {dept} {_label(text, 4)}", "colleague_note",
                     f"Someone on {company}'s {dept} team mentioned in a webinar Q&A: \"{text}\"")
        kg.link(comp, oid, "mentions")
        of = next((f for f in irrelevant if k in f["jobs"]), None)
        if of is not None:
            kg.link(oid, feat_ids[of["key"]], "addressed_by")
    forbidden = list(VPR.GLOBAL_FORBIDDEN)
    n_claims = 1 if not hard else 3
    for claim, phrases in rng.sample(VPR.FORBIDDEN_CLAIMS, n_claims):
        text = claim.format(product=product["name"])
        clid = kg.add(f"Claim: {_label(text, 5)}", "claim",
                      f"Unapproved marketing draft: \"{text}\" Legal has not approved this wording for customer use.")
        kg.link(prod, clid, "draft_messaging")
        kg.link(feat_ids[rel[0]["key"]], clid, "mentioned_in")
        traps.append({"node_id": clid, "kind": "compliance", "phrases": phrases})
        forbidden += [p.lower() for p in phrases]
    n_comp = 1 if not hard else 3
    for competitor, note in zip(rng.sample(product["competitors"], n_comp), rng.sample(VP.COMPETITOR_NOTES, n_comp), strict=True):
        text = note.format(competitor=competitor, company=company, product=product["name"])
        coid = kg.add(f"Competitor: {competitor}", "competitor_fact", text, competitor=competitor)
        kg.link(cj, coid, "related_to")
        traps.append({"node_id": coid, "kind": "competitor", "phrases": [competitor]})
    for tmpl in rng.sample(VP.STALE_FACTS, 1 if not hard else 3):
        text = _fill(tmpl, Numbers(rng, {"company": company, "old_n": nums["old_n"],
                                         "old_title": "a former " + title.lower()}))
        sid_ = kg.add(f"Old Record: {_label(text, 5)}", "stale_fact", text)
        kg.link(comp, sid_, "historical")
        traps.append({"node_id": sid_, "kind": "stale"})
    decoys: list[str] = []
    n_peers = 1 if not hard else rng.randint(10, 16)
    for _ in range(n_peers):
        pf, pl = pool.person()
        pc = pool.company(industry)
        pt = rng.choice(product["roles"])
        ptext = _fill(rng.choice(job["pains"]), Numbers(rng, {"company": pc, "erp": rng.choice(industry["systems"]),
                                                              "product": product["name"]}))
        peer = kg.add(f"Peer Account: {pc}", "peer_account",
                      f"{pf} {pl}, {pt} at {pc} ({_a('different ' + industry['name'])} account), told a sales rep: \"{ptext}\"",
                      account=pc)
        kg.link(comp, peer, "similar_to")
        traps.append({"node_id": peer, "kind": "other_account", "phrases": [f"{pf} {pl}", pc]})
        decoys += [f"{pf} {pl}", pc, pf]
        if hard:
            for s in rng.sample(industry["systems"], 2):
                t = kg.add(f"Peer Tech: {pc} {s}", "peer_note", f"{pc} runs {s} and is evaluating alternatives.")
                kg.link(peer, t, "uses")

    # ---- distractor research notes up to the target size
    target = rng.randint(300, 360) if hard else rng.randint(24, 78)
    k = 0
    seen_text = set()
    while len(kg.nodes) < target:
        label, tmpl = rng.choice(VP.FILLERS)
        text = _fill(tmpl, Numbers(rng, {"company": company, "industry": industry["name"],
                                         "n": rng.randint(3, 40), "hq": rng.choice(industry["hq"]),
                                         "when": rng.choice(VP.WHEN), "city": rng.choice(VP.CITIES),
                                         "role_like": rng.choice(VP.ADJACENT_ROLES),
                                         "system": rng.choice(industry["systems"]),
                                         "topic": rng.choice(VP.NOTE_TOPICS)}))
        if text in seen_text:
            continue  # every research note says something new
        seen_text.add(text)
        k += 1
        fid = kg.add(f"{label} #{k}", "note", text)
        anchor = rng.choice([comp, trig, person] + ([prod] if rng.random() < 0.2 else []))
        kg.link(anchor, fid, "noted_in")
        if hard and rng.random() < 0.4 and len(kg.nodes) > 10:
            kg.link(fid, rng.choice(list(kg.nodes)), "see_also")

    prospect = {
        "name": full, "first_name": first, "last_name": last, "title": title, "company": company,
        "industry": industry["name"], "tech_stack": systems, "pains": job_pains,
        "persona": {"responsiveness": round(rng.uniform(0.2, 0.8), 3), "skepticism": round(rng.uniform(0.2, 0.8), 3),
                    "seniority": "executive" if title in ("CFO", "COO", "CTO", "CISO", "CHRO", "Chief Data Officer",
                                                          "General Counsel", "Chief Nursing Officer") else "manager"},
    }
    return {
        "id": sid,
        "set": set_name,
        "split": split,
        "difficulty": "hard" if hard else "default",
        "prospect": prospect,
        "goal": goal,
        "product": {
            "key": product["key"], "name": product["name"], "seller": product["seller"],
            "category": product["category"], "pitch": product["pitch"],
            "features": [{"node_id": feat_ids[f["key"]], "name": f["name"], "description": f["desc"]}
                         for f in product["features"]],
        },
        "job": {"key": job_key, "statement": job["statement"]},
        "kg": kg.records(rng),
        "start_nodes": [cj, prod],
        "gold_paths": gold_paths,
        "relevant_features": [feat_ids[f["key"]] for f in rel],
        "supporting_nodes": supporting,
        "traps": traps,
        "forbidden_phrases": sorted(set(forbidden)),
        "decoy_entities": sorted(set(decoys)),
    }


def generate(seed: int = MASTER_SEED) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Generate every set and split in memory: {set: {split: [scenario, ...]}}."""
    master = random.Random(seed)
    pool = NamePool(random.Random(master.randrange(2**32)))
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for set_name, splits in SETS.items():
        out[set_name] = {}
        for split, n in splits.items():
            rows = []
            for i in range(n):
                sid = f"{set_name}/{split}/{i:04d}"
                rng = random.Random(hashlib.sha256(f"{seed}|{sid}".encode()).hexdigest())
                rows.append(build_scenario(sid, set_name, split, set_name.startswith("hard"), pool, rng))
            out[set_name][split] = rows
    return out


def write(out_dir: str | Path, seed: int = MASTER_SEED) -> dict[str, Any]:
    """Write every committed set (v1 here, v2 by generator_v2) and the full MANIFEST.json, as
    `python -m codreamer_env.scenario_gen` does; with another seed, write only the v1 sets."""
    if seed == MASTER_SEED:
        from codreamer_env.scenario_gen.build import write_all

        return write_all(out_dir)
    return write_v1(out_dir, seed)


def write_v1(out_dir: str | Path, seed: int = MASTER_SEED) -> dict[str, Any]:
    """Write the v1 splits as JSONL under out_dir/<set>/<split>.jsonl plus a v1-only MANIFEST.json of hashes."""
    out_dir = Path(out_dir)
    manifest: dict[str, Any] = {"generator_version": GENERATOR_VERSION, "seed": seed, "files": {}}
    for set_name, splits in generate(seed).items():
        for split, rows in splits.items():
            data = b"".join(orjson.dumps(r) + b"\n" for r in rows)
            path = out_dir / set_name / f"{split}.jsonl"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            manifest["files"][f"{set_name}/{split}.jsonl"] = {
                "scenarios": len(rows), "sha256": hashlib.sha256(data).hexdigest(),
                "nodes_min": min(len(r["kg"]) for r in rows), "nodes_max": max(len(r["kg"]) for r in rows),
            }
    (out_dir / "MANIFEST.json").write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="data/scenarios")
    ap.add_argument("--seed", type=int, default=MASTER_SEED)
    args = ap.parse_args()
    manifest = write(args.out, args.seed)
    for name, info in manifest["files"].items():
        print(f"{name:28s} {info['scenarios']:4d} scenarios, {info['nodes_min']}-{info['nodes_max']} nodes, sha256 {info['sha256'][:12]}")



if __name__ == "__main__":
    main()
