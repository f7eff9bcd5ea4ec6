"""Scenario generator v2: seeded, byte-reproducible; writes default-v2 and hard-v2.

    python -m codreamer_env.scenario_gen --out data/scenarios      # every set, v1 and v2, plus MANIFEST.json

What v2 changes over v1: products are drawn first and the industry from an explicit compatibility table
(vocab_v2_people.COMPATIBILITY), titles fit the industry and the product's buyer; every shared fact has several
phrasings, picked least-used first; traps do not label themselves (staleness shows in dates, rumours in their
source, unapproved claims against the "Policy: Approved product claims" node, other accounts in their company);
several legitimate evidence routes (public trigger -> pain -> feature, job -> pain -> feature -> case study,
job -> pain -> metric); in hard-v2 the pain points at plausible features that the prospect's stack or a stated
requirement rules out, and the right feature is reached through the "Requirement: ..." node.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from typing import Any

from codreamer_env.scenario_gen import vocab_v2_people as VP
from codreamer_env.scenario_gen import vocab_v2_products as VPR
from codreamer_env.scenario_gen.generator import _KG  # the same node collector as v1
from codreamer_env.scenario_gen.generator import NamePool as V1NamePool
from codreamer_env.scenario_gen.grammar_v2 import (
    Picker,
    Values,
    a_,
    cap,
    label,
    long_date,
    lower_first,
    month_year,
)

GENERATOR_VERSION = "2"
MASTER_SEED = 20261214
SETS: dict[str, dict[str, int]] = {
    "default-v2": {"train": 320, "val": 64, "test": 128},
    "hard-v2": {"train": 128, "val": 32, "test": 64},
}
# Generation order: the test splits first, so their content never depends on the other splits.
ORDER = [("default-v2", "test"), ("hard-v2", "test"), ("default-v2", "val"), ("hard-v2", "val"),
         ("default-v2", "train"), ("hard-v2", "train")]

# What a company that no longer runs a system moved to (never a system some feature needs).
ALTERNATIVE = {
    "NetSuite": "Sage Intacct", "SAP S/4HANA": "Oracle Fusion Cloud ERP", "Microsoft Dynamics 365": "Sage Intacct",
    "Samsara": "Motive", "Geotab": "Motive", "Microsoft Entra ID": "Okta Workforce Identity", "Zendesk": "Freshdesk",
    "ServiceNow": "Jira Service Management", "Salesforce Service Cloud": "Freshdesk", "SAP IBP": "Kinaxis RapidResponse",
    "UKG Pro": "Dayforce", "Workday": "SAP SuccessFactors", "Salesforce": "Pipedrive", "HubSpot": "Pipedrive",
    "Amazon EKS": "Google Kubernetes Engine", "Greenhouse": "Lever", "Snowflake": "Databricks", "BigQuery": "Databricks",
    "IBM Maximo": "Infor EAM", "SAP PM": "Infor EAM", "AVEVA PI": "Canary Historian",
    "Guidewire ClaimCenter": "Majesco Claims", "Duck Creek Claims": "Majesco Claims", "Epic": "Meditech Expanse",
    "Oracle Health": "Meditech Expanse", "Salesforce Financial Services Cloud": "nCino", "Temenos": "Finastra Fusion",
    "Oracle OPERA Cloud": "Cloudbeds", "Mews": "Cloudbeds", "Ellucian Banner": "Anthology Student",
    "Workday Student": "Anthology Student", "SAP EHS": "Enablon", "LS Central": "Oracle Retail Xstore",
}
AREA = {"finance": "Financial Reporting", "ap": "Accounts Payable", "security": "IT Risk", "support": "Customer Service",
        "supply": "Inventory Planning", "workforce": "Operations", "legal": "Commercial Contracts",
        "engineering": "Infrastructure", "talent": "Recruiting", "data": "Business Intelligence", "field": "Field Service",
        "fleet": "Transportation", "maintenance": "Maintenance", "claims": "Claims", "revcycle": "Patient Accounts",
        "kyc": "Compliance", "revops": "Sales Operations", "store": "Store Operations", "revenue_mgmt": "Revenue",
        "enrollment": "Admissions", "ehs": "Safety", "facilities": "Facilities", "collections": "Credit Control"}
EXEC_PREFIXES = ("Chief", "CFO", "CISO", "CTO", "CHRO", "General Counsel", "Vice Provost", "Vice President for")


def _limit_violable(w: dict, r: dict) -> bool:
    """Can the prospect's stack or a stated requirement rule out feature w while r stays usable?"""
    lw, lr = w["limit"], r["limit"]
    if lw == "any":
        return False
    if lw.startswith("needs:"):
        return lw != lr
    return lw != lr  # "us" / "agent": a residency or no-agent rule, unless r has the same limit


class NamePool(V1NamePool):
    """Globally unique people and company names across every v2 set (v2's name lists and company words)."""

    first_names = VP.FIRST_NAMES
    last_names = VP.LAST_NAMES

    def company(self, industry: dict) -> str:
        tries = 0
        while True:
            tries += 1
            words = self.rng.sample(VP.COMPANY_WORDS, 2)
            stem = words[0] if tries <= 12 else f"{words[0]} {words[1]}"
            name = f"{stem} {self.rng.choice(industry['suffixes'])}"
            if name not in self.companies:
                self.companies.add(name)
                return name


# ---------------------------------------------------------------- phrasings
DESC_FRAMES = ["{name} {does}, so {detail}.", "{name} {does}; {detail}.", "With {name}, {product} {does}, and {detail}.",
               "{product}'s {name} {does}: {detail}."]
LIMIT_FRAMES = {
    "needs": ["{name} runs through {seller}'s native {sys} connector and needs {sys} in place.",
              "{name} requires {sys}: it reads and writes through the {sys} API.",
              "{name} is available only to companies on {sys}, through the certified {sys} integration."],
    "us": ["Processing for {name} runs in {seller}'s US data centres only.",
           "{name} is hosted in the United States, with no EU or UK hosting option.",
           "Data handled by {name} is stored and processed in US regions only."],
    "agent": ["{name} needs {seller}'s agent installed on the customer's servers.",
              "Deploying {name} means installing an agent on each host it covers.",
              "{name} works through a software agent that runs on the customer's own machines."],
    "any": ["{name} needs no agent or specific system, and EU and US hosting are both available.",
            "{name} connects through standard APIs, with hosting in the customer's choice of EU or US region.",
            "No agent is needed for {name}; it works alongside the systems already in place, hosted in the EU or the US."],
}
CASE_FRAMES = ["{customer}, {industry}, {outcome} after rolling out {product}'s {feature}.",
               "After adopting {feature}, {customer} ({industry}) {outcome}.",
               "{customer} is {industry} that {outcome} with {product}'s {feature}."]
PITCH_FRAMES = ["{product} {pitch}.", "{seller} sells {product}, which {pitch}.", "In {seller}'s words, {product} {pitch}."]
INTEG_FRAMES = ["{product} connects to {sys} through a native integration maintained by {seller}.",
                "{seller} maintains a certified {sys} integration for {product}.",
                "A native {sys} integration ships with {product}, kept current by {seller}."]
PAIN_FRAMES = ["{core}", "At {company}, {core_lc}", "{core_np}, according to {first}.", "{first} says: {core}"]
PAIN_SOURCES = ["{first}'s discovery call, {date}", "a LinkedIn post by {full}, {date}", "{first}'s reply to a survey, {date}",
                "notes from a call with {first} on {date}", "{full} on a panel at {event}, {date}"]
TRIGGERS = {
    "funding": ("News: {company} raises ${amount}M", "news",
                "{company} announced a ${amount}M growth round led by {investor} on {date}, saying the money goes into "
                "{focus} (source: {company}'s press release)."),
    "exec": ("News: {company} appoints {exec_title}", "news",
             "{company} appointed {exec_name} as {exec_title} on {date}; in the announcement {exec_last} named {focus} as "
             "the first priority (source: business wire release)."),
    "expansion": ("News: {company} expands to {city}", "news",
                  "{company} said on {date} it will open {new_sites} new {sites} around {city} within a year, adding pressure "
                  "on {focus} (source: local business journal)."),
    "acquisition": ("News: {company} acquires {target}", "news",
                    "On {date} {company} completed the acquisition of {target}, adding about {acq_staff} staff; integration "
                    "work starts with {focus} (source: {company}'s press release)."),
    "hiring": ("Job Posts: {company}, {month}", "hiring",
               "{company} posted {openings} openings between {date} and now, {hire_share}% of them in teams that work on "
               "{focus} (source: {company}'s careers page)."),
    "post": ("Post: {full}, {date}", "social_post",
             "{full} wrote on LinkedIn on {date}: \"Our big push this year at {company} is to {job}, and I'd like to "
             "hear from anyone who has solved it at {company}'s scale.\""),
}
RUMOURS = ["{source} said on {date} that {company} is about to sign with {comp}.",
           "According to {source} ({date}), {company} is already running a pilot of {comp}.",
           "{source} claimed on {date} that {company} is unhappy with its {comp} contract and will switch.",
           "Word from {source} on {date}: {comp} offered {company} a {disc}% discount to win the deal."]
VERIFIED_COMP = ["{company} is listed as a customer of {comp} for {area} in {source} ({date}).",
                 "{source} ({date}) names {comp} as {company}'s provider for {area}."]
OWN_NOTES = ["{first} asked at {event} on {date} how peers {job_short}; {pron} stayed after the session to talk about it.",
             "{first} downloaded {seller}'s guide on how to {job_short} on {date} and opened it {opens} times.",
             "{first} attended {seller}'s webinar on {date} and asked a question about {topic}."]
OTHER_NOTES = ["{pf} {pl}, {ptitle} at {pc}, said on a call on {date}: \"{pain}\"",
               "In a {date} meeting, {pf} {pl} ({ptitle}, {pc}) told us: \"{pain}\"",
               "{pc}: {pf} {pl}, {ptitle}, wrote on {date} that \"{pain_lc}\""]
NOTE_TEMPLATES = [
    ("Research Note", "{company} sponsored a {topic} initiative in {city} announced on {date} ({source})."),
    ("Research Note", "A piece in {source} on {date} quoted {company}'s CEO on {topic} and {topic2}."),
    ("Research Note", "{company} listed {n} openings for a {role} on {date}, per {source}."),
    ("Research Note", "{company} was named among the top workplaces in {city} on {date}, according to {source}."),
    ("Research Note", "{company}'s website added a page on {topic} on {date}."),
    ("Research Note", "{company} presented at {event} in {city} on {date} on the theme of {topic}."),
    ("Research Note", "An executive from {company} joined a discussion in {source} on {date} about {topic}."),
    ("Research Note", "{company} reported {n}% growth in its {city} business in an update dated {date}."),
    ("Research Note", "{company}'s annual letter, published {date}, calls {topic} a theme for the year."),
    ("Research Note", "{company} renewed a partnership with a {city} university on {date} to fund {topic} research."),
    ("Research Note", "On {date}, {company} moved its {city} office to a larger floor ({source})."),
    ("Research Note", "{company} won a regional award for {topic} on {date}, per {source}."),
    ("Research Note", "A {role} at {company} shared on {date} that the team is hiring in {city}."),
    ("Research Note", "{company}'s board added a director with a background in {topic} on {date} ({source})."),
    ("Research Note", "{company} published a {topic} report on {date} covering {n} initiatives."),
    ("Industry Note", "A survey reported in {source} on {date} found {n}% of {industry} firms plan to invest in {topic}."),
    ("Industry Note", "Analysts writing on {date} expect {industry} budgets for {topic} to rise about {n}%."),
    ("Industry Note", "On {date}, {source} reported that {industry} companies in {city} face pressure on {topic}."),
    ("Event Note", "{company} is listed as an exhibitor at {event} in {city}, according to an agenda dated {date}."),
    ("Event Note", "{company} hosted {n} customers at a {topic} roundtable in {city} on {date}."),
    ("Tech Note", "A {role} job post from {company} dated {date} mentions {system}."),
    ("Tech Note", "{company} appears in {system}'s partner directory as of {date}."),
]
ROLES = ["Senior Analyst", "Operations Manager", "Project Manager", "Systems Administrator", "Team Lead", "Business Analyst",
         "Program Coordinator", "Solutions Architect"]
INCIDENTS = ["a ransomware scare", "an audit finding on server hardening", "an outage caused by a monitoring agent",
             "a penetration-test report"]
FOCUS = {"funding": "operations and technology", "exec": "operational efficiency", "expansion": "service levels",
         "acquisition": "finance and systems", "hiring": "operations"}


_POSS = re.compile(r"\b([A-Z][\w&-]*s)'s\b")


def _seniority(title: str) -> str:
    if title.startswith(EXEC_PREFIXES) or title in ("CFO", "CTO", "CISO", "CHRO"):
        return "executive"
    if title.startswith(("VP", "Vice", "Head", "Dean", "Associate VP")):
        return "vp"
    return "director" if title.startswith("Director") else "manager"


def build_scenario(sid: str, set_name: str, split: str, hard: bool, pool: NamePool, picker: Picker,
                   rng: random.Random) -> dict[str, Any]:
    """One scenario record (a dict matching codreamer_env.scenarios.Scenario)."""
    product = picker.pick(rng, "product", VPR.PRODUCTS)
    pkey = product["key"]
    ind_keys = [k for k, prods in VP.COMPATIBILITY.items() if pkey in prods]
    industry = VP.INDUSTRY_BY_KEY[picker.pick(rng, f"industry|{pkey}", ind_keys)]
    title = rng.choice(VP.titles_for(industry["key"], product["function"]))
    jobs = sorted(product["jobs"])
    if hard:  # hard: only jobs where some plausible feature can be ruled out by the stack or a requirement
        jobs = [j for j in jobs if any(f["limit"] != "any" for f in product["features"] if j in f["jobs"])]
    job_key = picker.pick(rng, f"job|{pkey}|{hard}", jobs)
    job = product["jobs"][job_key]
    goal = picker.pick(rng, "goal", VPR.GOALS)
    as_of = dt.date(2026, 3, 1) + dt.timedelta(days=rng.randint(0, 480))

    def when(lo: int, hi: int) -> dt.date:
        return as_of - dt.timedelta(days=rng.randint(lo, hi))

    def say(d: dt.date) -> str:
        return long_date(d, rng)

    first, last = pool.person()
    full = f"{first} {last}"
    company = pool.company(industry)
    pron = rng.choice(["she", "he", "they"])
    V = Values(rng, company=company, customers=industry["customers"], sites=industry["sites"], first=first, full=full,
               product=product["name"], seller=product["seller"])
    pname, seller = product["name"], product["seller"]
    kg = _KG()

    # ---- features: the right one, the plausible ones the stack or a requirement rules out, the off-job ones
    feats = product["features"]
    job_feats = [f for f in feats if job_key in f["jobs"]]
    cands = [r for r in job_feats if all(_limit_violable(w, r) for w in job_feats if w is not r)]
    anys = [f for f in job_feats if f["limit"] == "any"]
    right = rng.choice(cands) if cands else rng.choice(anys or job_feats)
    also_right = [w for w in job_feats if w is not right and not _limit_violable(w, right)]
    plausible = [w for w in job_feats if w is not right and _limit_violable(w, right)]
    rel = [right, *also_right]
    # stack: what the right feature needs, the alternatives of what the plausible ones need, industry systems
    banned = {w["limit"][6:] for w in plausible if w["limit"].startswith("needs:")}
    stack: list[str] = []
    if right["limit"].startswith("needs:"):
        stack.append(right["limit"][6:])
    replaced: dict[str, str] = {}
    for s in sorted(banned):
        alt = stack[0] if stack else ALTERNATIVE[s]
        replaced[s] = alt
        if alt not in stack:
            stack.append(alt)
    fill = [s for s in industry["systems"] if s not in banned and s not in stack]
    stack += rng.sample(fill, 3 if hard else 2)

    # ---- prospect side
    pains_core = rng.sample(job["pains"], 3)
    colleague_core = next(p for p in job["pains"] if p not in pains_core)
    V["system"] = stack[0]
    V.prime([*job["pains"], *job["metrics"]])
    cores = [cap(V.fill(p)) for p in pains_core]
    pains_txt = []
    for c in cores:
        frame = picker.pick(rng, "pain_frame", PAIN_FRAMES)
        pains_txt.append(frame.format(core=c, core_lc=lower_first(c), core_np=c.rstrip("."), company=company, first=first))
    job_stmt = V.fill(picker.pick(rng, f"jobstmt|{pkey}|{job_key}", job["statements"]))
    metric = V.fill(rng.choice(job["metrics"]))
    tenure = rng.randint(1, 9)
    prev = rng.choice(VP.PREVIOUS_EMPLOYERS)
    emp = rng.randrange(*industry["employees"]) // 10 * 10
    recent = when(20, 200)
    cj_frames = ["{full}, {title} at {company}, is working to {job}. {pain}",
                 "{company}'s {title}, {full}, owns the goal to {job} this year. {pain}",
                 "{full} ({title}, {company}) has to {job}. {pain}"]
    cj = kg.add("Customer Job", "customer_job", rng.choice(cj_frames).format(full=full, title=title, company=company,
                                                                            job=job_stmt, pain=pains_txt[0]))
    person = kg.add(f"Prospect: {full}", "person",
                    f"{full} is {title} at {company} (company directory, checked {say(recent)}). "
                    + rng.choice([f"{first} joined {company} {tenure} years ago from {prev}.",
                                  f"Before {company}, {first} spent several years at {prev} and has been in the current role for {tenure} years.",
                                  f"{first} came from {prev} {tenure} years ago."]), person=full, title=title)
    ctx = V.fill(rng.choice(industry["context"]))
    comp = kg.add(f"Company: {company}", "company",
                  f"{company} is {a_(industry['name'])} company headquartered in {rng.choice(industry['hq'])}. {ctx}")
    firmo = kg.add(f"Firmographics: {company} ({recent.year})", "firmographics",
                   f"{company}: about {emp:,} employees, per the company's LinkedIn page on {say(recent)}.")
    kg.link(cj, person, "owned_by")
    kg.link(person, comp, "works_at")
    kg.link(comp, cj, "has_job")
    kg.link(comp, firmo, "profile")
    pain_ids = []
    for k, (core, text) in enumerate(zip(cores, pains_txt, strict=True)):
        src = rng.choice(PAIN_SOURCES).format(first=first, full=full, date=say(when(10, 120)), event=rng.choice(VP.EVENTS))
        pid = kg.add(f"Pain: {label(core)}", "pain", f"{text} (Source: {src}.)", voiced_by=full)
        kg.link(cj, pid, "has_pain", "the prospect's own words" if k == 0 else None)
        pain_ids.append(pid)
    met = kg.add(f"Metric: {label(metric, 5)}", "metric", f"{metric} ({company} figures shared by {first}, {say(when(10, 90))}.)")
    kg.link(pain_ids[0], met, "measured_by")
    tech_ids = {}
    for s in stack:
        tech_ids[s] = kg.add(f"Tech: {s}", "tech_stack", rng.choice([
            f"{company} runs {s} today (job posts and partner listings, {say(when(15, 150))}).",
            f"{s} is in production at {company}, per a {rng.choice(ROLES).lower()} job post dated {say(when(15, 150))}.",
            f"{company} lists {s} in its current stack ({rng.choice(VP.NOTE_SOURCES)}, {say(when(15, 150))})."]))
        kg.link(comp, tech_ids[s], "uses")
    survey = kg.add(f"Tech Survey: {company} ({recent.year})", "tech_survey",
                    f"Systems at {company} as of {say(recent)}: {', '.join(stack)}.")
    kg.link(comp, survey, "profile")

    # ---- public trigger, dated shortly before as_of
    tkind = picker.pick(rng, "trigger", sorted(TRIGGERS))
    tdate = when(4, 60)
    exec_first, exec_last = pool.person()
    tv = {"company": company, "amount": rng.randint(15, 180), "investor": rng.choice(VP.INVESTORS), "date": say(tdate),
          "focus": FOCUS.get(tkind, "") + f", including the push to {job_stmt}", "exec_title": rng.choice(
              ["Chief Operating Officer", "Chief Financial Officer", "Chief Digital Officer", "President"]),
          "exec_name": f"{exec_first} {exec_last}", "exec_last": exec_last, "city": rng.choice(VP.CITIES),
          "new_sites": rng.randint(2, 9), "sites": industry["sites"], "target": pool.company(industry),
          "acq_staff": rng.randint(40, 900), "openings": rng.randint(12, 90), "hire_share": rng.randint(20, 60),
          "month": month_year(tdate), "full": full, "job": job_stmt}
    tid_t, ttype, ttext = TRIGGERS[tkind]
    trig = kg.add(tid_t.format(**tv), ttype, ttext.format(**tv), date=tdate.isoformat())
    kg.link(comp, trig, "announced")
    kg.link(cj, trig, "prompted_by")
    kg.link(trig, pain_ids[0], "raises", f"the {tkind} puts pressure on this problem")

    # ---- seller side
    prod = kg.add(f"Product: {pname}", "product", picker.pick(rng, f"pitch|{pkey}", PITCH_FRAMES).format(
        product=pname, seller=seller, pitch=product["pitch"]))
    feat_ids: dict[str, str] = {}
    feat_desc: dict[str, str] = {}
    for f in feats:
        d1 = picker.pick(rng, f"desc|{pkey}|{f['key']}", DESC_FRAMES).format(
            name=f["name"], does=f["does"], detail=f["detail"], product=pname)
        kind = f["limit"].split(":")[0]
        d2 = picker.pick(rng, f"limit|{pkey}|{f['key']}", LIMIT_FRAMES[kind]).format(
            name=f["name"], seller=seller, sys=f["limit"][6:])
        feat_desc[f["key"]] = f"{cap(d1)} {d2}"
        feat_ids[f["key"]] = kg.add(f"Product Feature: {f['name']}", "product_feature", feat_desc[f["key"]], feature=f["name"])
        kg.link(prod, feat_ids[f["key"]], "has_feature")
    case_ids = {}
    for f in feats:
        cust, cind, outcome = f["case"]
        text = picker.pick(rng, f"case|{pkey}|{f['key']}", CASE_FRAMES).format(
            customer=cust, industry=cind, outcome=outcome, product=pname, feature=f["name"])
        case_ids[f["key"]] = kg.add(f"Case Study: {cust}", "case_study", cap(text), customer=cust)
        kg.link(feat_ids[f["key"]], case_ids[f["key"]], "proven_by")
    integ_ids = {}
    for f in feats:
        if f["limit"].startswith("needs:"):
            s = f["limit"][6:]
            if s not in integ_ids:
                integ_ids[s] = kg.add(f"Integration: {s}", "integration", picker.pick(rng, f"integ|{pkey}|{s}", INTEG_FRAMES)
                                      .format(product=pname, sys=s, seller=seller))
            kg.link(feat_ids[f["key"]], integ_ids[s], "integrates_with")
            if s in tech_ids:
                kg.link(tech_ids[s], integ_ids[s], "connects_via")

    # ---- requirements that decide between the plausible features
    req_ids = []
    for w in plausible:
        if w["limit"].startswith("needs:"):
            s = w["limit"][6:]
            cur = replaced[s]
            text = rng.choice([
                f"{company}'s system of record for this work is {cur}; {first} has said any new tool must plug into {cur} rather "
                f"than add another system (call notes, {say(when(10, 90))}).",
                f"{company} standardised on {cur} in {as_of.year - rng.randint(1, 3)}; procurement approves only tools that "
                f"integrate with it (IT policy page, {say(when(10, 120))})."])
            rid = kg.add(f"Requirement: integrates with {cur}", "requirement", text)
        elif w["limit"] == "us":
            text = rng.choice([
                f"{company}'s data-protection policy (revised {say(when(30, 300))}) requires {industry['customers']}' personal "
                f"data to be stored and processed in EU or UK data centres.",
                f"Since {month_year(when(60, 400))}, {company} has required every processor of {industry['customers']}' data "
                f"to host it in the EU; the DPO signs off each new vendor."])
            rid = kg.add("Requirement: data residency", "requirement", text)
        else:
            text = rng.choice([
                f"{company} froze new software agents on production servers in {month_year(when(60, 400))} after "
                f"{rng.choice(INCIDENTS)}; only API-based tools are approved now.",
                f"{company}'s IT security standard (revised {say(when(30, 300))}) bans installing third-party agents on "
                f"servers; vendors must connect through APIs."])
            rid = kg.add("Requirement: no new server agents", "requirement", text)
        if rid not in req_ids:
            req_ids.append(rid)
            kg.link(comp, rid, "has_requirement")
            kg.link(pain_ids[0], rid, "constrained_by")
            kg.link(rid, feat_ids[right["key"]], "met_by", f"{right['name']} fits this requirement")
    # ---- how the pains reach the features
    rid0 = feat_ids[right["key"]]
    direct_right = (not hard) or not req_ids or rng.random() < 0.15
    wrong_first = bool(plausible) and (hard or rng.random() < 0.12)
    for f in rel:
        if direct_right:
            for p in pain_ids:
                kg.link(p, feat_ids[f["key"]], "addressed_by", "removes the manual work behind this pain" if p == pain_ids[0] else None)
    if wrong_first:
        for w in plausible:
            kg.link(pain_ids[0] if hard else pain_ids[1], feat_ids[w["key"]], "addressed_by")
    # ---- gold paths
    gold: list[list[str]] = []
    init = None
    if hard:
        init = kg.add(f"Initiative: {label(job_stmt, 5)}", "initiative",
                      f"{company}'s operating plan for {as_of.year} funds an initiative to {job_stmt}, sponsored by {full} "
                      f"(town-hall notes, {say(when(20, 150))}).")
        kg.link(cj, init, "part_of")
        kg.link(init, pain_ids[0], "targets")
    mid = [req_ids[0]] if (hard and req_ids) else []
    gold.append(([cj, init] if init else [cj]) + [pain_ids[0], *mid, rid0, case_ids[right["key"]]])
    gold.append([trig, pain_ids[0], *mid, rid0])
    if hard:
        gold.append([cj, pain_ids[0], *mid, rid0, case_ids[right["key"]]])
    else:
        gold.append([cj, pain_ids[0], met])
    for f in also_right:
        if hard and req_ids:
            kg.link(req_ids[0], feat_ids[f["key"]], "met_by", f"{f['name']} fits this requirement")
        gold.append([cj, pain_ids[0], *mid, feat_ids[f["key"]], case_ids[f["key"]]])
    supporting = [person, comp, firmo, survey, met, *pain_ids[1:], *req_ids, *[tech_ids[s] for s in stack]]
    if right["limit"].startswith("needs:"):
        supporting.append(integ_ids[right["limit"][6:]])

    traps: list[dict[str, Any]] = []
    decoys: list[str] = []
    for w in plausible:
        if w["limit"].startswith("needs:"):
            why = f"needs {w['limit'][6:]}, which {company} does not run (it uses {replaced[w['limit'][6:]]})"
        elif w["limit"] == "us":
            why = f"hosted in the US only; {company} requires EU/UK data residency"
        else:
            why = f"needs a server agent; {company} has banned new server agents"
        traps.append({"node_id": feat_ids[w["key"]], "kind": "irrelevant_feature", "phrases": [w["name"]],
                      "reason": f"plausible for the job but {why}"})
    for f in feats:
        if job_key not in f["jobs"]:
            traps.append({"node_id": feat_ids[f["key"]], "kind": "irrelevant_feature", "phrases": [f["name"]],
                          "reason": "serves a different job: " + "; ".join(product["jobs"][j]["statements"][0] for j in f["jobs"])})

    # ---- policy and marketing copy (approved vs unapproved claims)
    approved = list(product["approved"])
    rev = when(30, 240)
    policy = kg.add("Policy: Approved product claims", "policy",
                    f"{seller} marketing compliance, revision of {say(rev)}: the statements reps may make about {pname} are "
                    + "; ".join(f"\"{c}\"" for c in approved)
                    + f". Any other performance, ranking, certification or return figure about {pname} needs review by "
                    f"{seller} legal before use (policy owner since {say(rev - dt.timedelta(days=rng.randint(90, 700)))}).")
    kg.link(prod, policy, "governed_by")
    channels = rng.sample(["homepage", "webinar deck", "sales one-pager", "launch blog post", "email template",
                           "trade-show banner", "partner brochure", "analyst briefing"], 5 if hard else 2)
    ok_copy = kg.add(f"Marketing Copy: {pname} {channels[0]}", "marketing_copy",
                     f"From the {pname} {channels[0]} ({say(when(20, 200))}): \"{cap(rng.choice(approved))}.\"")
    kg.link(prod, ok_copy, "described_in")
    kg.link(rid0, ok_copy, "mentioned_in")
    supporting += [policy, ok_copy]
    bad = rng.sample(product["unapproved"], 3 if hard else 1)
    forbidden = list(VPR.GLOBAL_FORBIDDEN)
    for (claim, phrases), ch in zip(bad, channels[1:], strict=False):
        bid = kg.add(f"Marketing Copy: {pname} {ch}", "marketing_copy", f"From the {pname} {ch} ({say(when(20, 200))}): \"{claim}\"")
        kg.link(prod, bid, "described_in")
        kg.link(rid0, bid, "mentioned_in")
        traps.append({"node_id": bid, "kind": "compliance", "phrases": phrases,
                      "reason": "claim not among the statements listed in 'Policy: Approved product claims'"})
        forbidden += [p.lower() for p in phrases]
    if hard and len(channels) > 4:
        ok2 = kg.add(f"Marketing Copy: {pname} {channels[4]}", "marketing_copy",
                     f"From the {pname} {channels[4]} ({say(when(20, 200))}): \"{cap(rng.choice(approved))}.\"")
        kg.link(prod, ok2, "described_in")
        supporting.append(ok2)

    # ---- competitors: rumours (judged by their source) and a verified fact
    comps = rng.sample(product["competitors"], 3)
    for comp_name in comps[: 2 if hard else 1]:
        text = rng.choice(RUMOURS).format(source=rng.choice(VP.SOURCES_RUMOUR), date=say(when(5, 120)),
                                          company=company, comp=comp_name, disc=rng.randint(25, 60))
        cid = kg.add(f"Competitor: {comp_name}", "competitor_fact", cap(text), competitor=comp_name)
        kg.link(comp, cid, "mentioned_with")
        traps.append({"node_id": cid, "kind": "competitor", "phrases": [comp_name],
                      "reason": f"hearsay ({text.split(' said')[0].split(' claimed')[0][:60]}), not a verified source"})
    if hard or rng.random() < 0.5:
        vc = comps[2]
        text = rng.choice(VERIFIED_COMP).format(company=company, comp=vc, area=rng.choice(VP.NOTE_TOPICS),
                                                source=rng.choice(VP.SOURCES_VERIFIED), date=say(when(30, 300)))
        vid = kg.add(f"Competitor: {vc}", "competitor_fact", cap(text), competitor=vc)
        kg.link(comp, vid, "mentioned_with")

    # ---- stale records, superseded by newer ones
    old = as_of - dt.timedelta(days=rng.randint(900, 1900))
    stale_kinds = ["headcount", "title", "stack"] if hard else [rng.choice(["headcount", "title", "stack"])]
    for sk in stale_kinds:
        od = old - dt.timedelta(days=rng.randint(0, 200))
        if sk == "headcount":
            old_emp = int(emp * rng.uniform(0.35, 0.7)) // 10 * 10
            sid_ = kg.add(f"Firmographics: {company} ({od.year})", "firmographics",
                          f"{company}: about {old_emp:,} employees and {rng.randint(2, 4)} offices, per a data-vendor snapshot "
                          f"dated {say(od)}.")
            kg.link(comp, sid_, "profile")
            traps.append({"node_id": sid_, "kind": "stale", "phrases": [f"{old_emp:,}", str(old_emp)],
                          "reason": f"dated {od.isoformat()}, superseded by {firmo}"})
        elif sk == "title":
            old_title = rng.choice(["Senior Manager", "Associate Director", "Manager"]) + ", " + AREA[product["function"]]
            sid_ = kg.add(f"Speaker Bio: {full} ({od.year})", "bio",
                          f"{full}, {old_title} at {prev}, spoke at {rng.choice(VP.EVENTS)} in {rng.choice(VP.CITIES)} on "
                          f"{say(od)}.")
            kg.link(person, sid_, "profile")
            traps.append({"node_id": sid_, "kind": "stale", "phrases": [old_title, f"{old_title.split(',')[0]} at {prev}"],
                          "reason": f"dated {od.isoformat()}; {full} is now {title} at {company} ({person})"})
        else:
            old_sys = sorted(replaced)[0] if replaced else rng.choice([s for s in industry["systems"] if s not in stack])
            old_stack = [old_sys] + [s for s in stack[1:]][:2]
            sid_ = kg.add(f"Tech Survey: {company} ({od.year})", "tech_survey",
                          f"Systems at {company} as of {say(od)}: {', '.join(old_stack)}.")
            kg.link(comp, sid_, "profile")
            traps.append({"node_id": sid_, "kind": "stale",
                          "phrases": [f"on {old_sys}", f"runs {old_sys}", f"uses {old_sys}", f"using {old_sys}"],
                          "reason": f"dated {od.isoformat()}; superseded by {survey}, which no longer lists {old_sys}"})
    if hard:
        od = old - dt.timedelta(days=rng.randint(0, 300))
        old_amt = rng.randint(3, 12)
        sid_ = kg.add(f"News: {company} seed round", "news",
                      f"{company} raised ${old_amt}M from angel investors on {say(od)} to build out {rng.choice(VP.NOTE_TOPICS)} "
                      f"(source: a startup newsletter).", date=od.isoformat())
        kg.link(comp, sid_, "announced")
        traps.append({"node_id": sid_, "kind": "stale", "phrases": [f"${old_amt}M"],
                      "reason": f"dated {od.isoformat()}, years before {as_of.isoformat()}; not a current trigger"})

    # ---- the prospect's own account notes, a colleague's pain, other accounts' notes
    own_date = when(15, 200)
    own = kg.add(f"Account Note: {company}, {own_date.isoformat()}", "account_note", rng.choice(OWN_NOTES).format(
        first=first, event=rng.choice(VP.EVENTS), date=say(own_date), job_short=job_stmt, pron=pron, seller=seller,
        opens=rng.randint(2, 6), topic=job_stmt), account=company)
    kg.link(person, own, "noted_in")
    kg.link(own, pain_ids[0], "mentions")
    supporting.append(own)
    if hard or rng.random() < 0.3:
        cf, cl = pool.person()
        ctitle = rng.choice(VP.COLLEAGUE_TITLES)
        ccore = cap(V.fill(colleague_core))
        cdate = when(10, 150)
        cpid = kg.add(f"Pain: {label(ccore)}", "pain",
                      f"{ccore} (Raised by {cf} {cl}, {ctitle} at {company}, in an internal survey on {say(cdate)}.)",
                      voiced_by=f"{cf} {cl}")
        kg.link(comp, cpid, "reported_by_staff")
        if hard:
            kg.link(cj, cpid, "related_to")
            if plausible:
                kg.link(cpid, feat_ids[plausible[0]["key"]], "addressed_by")
        decoys += [f"{cf} {cl}"]
    n_other = rng.randint(8, 14) if hard else rng.randint(1, 2)
    for _ in range(n_other):
        pf, pl = pool.person()
        pc = pool.company(industry)
        ptitle = rng.choice(VP.titles_for(industry["key"], product["function"]))
        pv = Values(rng, customers=industry["customers"], sites=industry["sites"], system=rng.choice(industry["systems"]))
        pv.prime([*job["pains"], *job["metrics"]])
        ppain = cap(pv.fill(rng.choice(job["pains"])))
        odate = when(10, 400)
        oid = kg.add(f"Account Note: {pc}, {odate.isoformat()}", "account_note", rng.choice(OTHER_NOTES).format(
            pf=pf, pl=pl, ptitle=ptitle, pc=pc, date=say(odate), pain=ppain, pain_lc=lower_first(ppain)), account=pc)
        kg.link(comp, oid, "peer_of")
        traps.append({"node_id": oid, "kind": "other_account", "phrases": [f"{pf} {pl}", pc],
                      "reason": f"about {pc}, another company"})
        decoys += [f"{pf} {pl}", pc]
        if hard and rng.random() < 0.5:
            s = rng.choice(industry["systems"])
            t = kg.add(f"Tech: {s} at {pc}", "tech_stack", f"{pc} runs {s} ({rng.choice(VP.NOTE_SOURCES)}, {say(when(20, 300))}).")
            kg.link(oid, t, "uses")

    # ---- distractor notes up to the target size
    target = rng.randint(150, 400) if hard else rng.randint(30, 80)
    anchors = [comp, trig, firmo]
    note_ids: list[str] = []
    seen: set[str] = set()
    while len(kg.nodes) < target:
        lab, tmpl = rng.choice(NOTE_TEMPLATES)
        nd = when(5, 900)
        text = tmpl.format(company=company, topic=rng.choice(VP.NOTE_TOPICS), topic2=rng.choice(VP.NOTE_TOPICS),
                           city=rng.choice(VP.CITIES), date=say(nd), source=rng.choice(VP.NOTE_SOURCES),
                           n=rng.randint(3, 40), role=rng.choice(ROLES), event=rng.choice(VP.EVENTS),
                           industry=industry["name"], system=rng.choice(industry["systems"]))
        if text in seen:
            continue
        seen.add(text)
        nid = kg.add(f"{lab}: {label(text, 5)} ({nd.isoformat()})", "note", cap(text),
                     date=nd.isoformat())
        kg.link(rng.choice(anchors), nid, "noted_in")
        if hard and note_ids and rng.random() < 0.3:
            kg.link(nid, rng.choice(note_ids), "see_also")
        note_ids.append(nid)

    # A current speaker bio beside any old one, so the prefix "Speaker Bio" says nothing about staleness: only the
    # date does. Drawn from its own generator, after everything else, so the rest of the scenario is unchanged.
    bio_rng = random.Random(hashlib.sha256(f"{sid}|current-bio".encode()).hexdigest())
    if any(t["node_id"].startswith("Speaker Bio:") for t in traps) or bio_rng.random() < 0.5:
        bd = as_of - dt.timedelta(days=bio_rng.randint(20, 200))
        bio = kg.add(f"Speaker Bio: {full} ({bd.year})", "bio",
                     f"{full}, {title} at {company}, spoke at {bio_rng.choice(VP.EVENTS)} in {bio_rng.choice(VP.CITIES)} "
                     f"on {say(bd)}.")
        kg.link(person, bio, "profile")
        supporting.append(bio)

    # Possessives of names ending in "s" ("Cloudberry Communications's" -> "Communications'").
    for n in kg.nodes.values():
        n["content"] = _POSS.sub(r"\1'", n["content"])
    pains_txt = [_POSS.sub(r"\1'", p) for p in pains_txt]
    for f in feats:
        feat_desc[f["key"]] = kg.nodes[feat_ids[f["key"]]]["content"]
    prospect = {"name": full, "first_name": first, "last_name": last, "title": title, "company": company,
                "industry": industry["name"], "tech_stack": stack, "pains": pains_txt,
                "persona": {"responsiveness": round(rng.uniform(0.2, 0.8), 3), "skepticism": round(rng.uniform(0.2, 0.8), 3),
                            "seniority": _seniority(title)}}
    return {
        "id": sid, "set": set_name, "split": split, "difficulty": "hard" if hard else "default",
        "prospect": prospect, "goal": goal,
        "product": {"key": pkey, "name": pname, "seller": seller, "category": product["category"],
                    "pitch": kg.nodes[prod]["content"],
                    "features": [{"node_id": feat_ids[f["key"]], "name": f["name"], "description": feat_desc[f["key"]]}
                                 for f in feats],
                    "approved_claims": approved},
        "job": {"key": job_key, "statement": job_stmt},
        "kg": kg.records(rng),
        "start_nodes": [cj, prod],
        "gold_paths": gold,
        "relevant_features": [feat_ids[f["key"]] for f in rel],
        "supporting_nodes": list(dict.fromkeys(supporting)),
        "traps": traps,
        "forbidden_phrases": sorted(set(forbidden)),
        "decoy_entities": sorted(set(decoys)),
        "as_of": as_of.isoformat(),
    }


def generate(seed: int = MASTER_SEED) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Every v2 set and split in memory: {set: {split: [scenario, ...]}}."""
    pool = NamePool(random.Random(hashlib.sha256(f"{seed}|names".encode()).hexdigest()))
    out: dict[str, dict[str, list[dict[str, Any]]]] = {s: {} for s in SETS}
    for set_name, split in ORDER:
        picker = Picker()
        rows = []
        for i in range(SETS[set_name][split]):
            sid = f"{set_name}/{split}/{i:04d}"
            rng = random.Random(hashlib.sha256(f"{seed}|{sid}".encode()).hexdigest())
            rows.append(build_scenario(sid, set_name, split, set_name.startswith("hard"), pool, picker, rng))
        out[set_name][split] = rows
    return {s: {sp: out[s][sp] for sp in SETS[s]} for s in SETS}
