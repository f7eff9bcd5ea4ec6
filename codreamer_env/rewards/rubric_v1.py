"""rubric-v1, the first offline rubric judge (superseded by rubric-v2 in `rubric.py`): deterministic, no network, a named score per quality of a sales email.

Components (each in [0, 1]): grounding, factuality, personalization, alignment, cta, clarity, compliance.
`total` is their weighted mean times a `gate` in [0, 1] that is reported beside them: the gate is 0 for an
empty email and falls for off-topic, placeholder-ridden or wrong-prospect emails, so that a polished but
useless email cannot bank clarity and compliance points. Every number and penalty is in `details`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from codreamer_env.rewards import text as T
from codreamer_env.rewards.base import JudgeResult, component_weights, pointwise_group
from codreamer_env.trajectory import FinalEmail

if TYPE_CHECKING:
    from codreamer_env.scenarios import Scenario
    from codreamer_env.trajectory import Trajectory

DEFAULT_WEIGHTS = {"grounding": 0.2, "factuality": 0.15, "personalization": 0.15, "alignment": 0.2,
                   "cta": 0.1, "clarity": 0.1, "compliance": 0.1}
COMPONENTS = tuple(DEFAULT_WEIGHTS)  # the judge's components, in order (`RubricJudgeV1.components`)
SEVERE_TRAPS = {"competitor", "compliance", "stale", "other_account"}
SPAM_PHRASES = ("act now", "limited time", "click here", "buy now", "don't miss", "dont miss", "once in a lifetime",
                "100% free", "$$$", "winner", "no obligation", "urgent", "exclusive deal", "order now", "special promotion")
ASK_PATTERNS = re.compile(
    r"\b(would you|could we|can we|are you open|open to|would it make sense|worth a|interested in|shall we|"
    r"do you have|let me know|happy to|how about|are you free|would .{0,30} work|can i|could i|reply|grab)\b",
    re.IGNORECASE,
)
_LOGISTICS = re.compile(r"\b\d{1,3}[- ]?(?:minutes?|mins?)\b|\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b", re.IGNORECASE)
TIME_PATTERNS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|next week|this week|tomorrow|\d{1,2}(?::\d{2})?\s?(?:am|pm)|"
    r"\d+[- ]minutes?|\d+[- ]min\b|\d+[- ]days?|\d+[- ]day)\b",
    re.IGNORECASE,
)


@dataclass
class EntityLexicon:
    """Names the judge recognises as entities: people's first names, company names, products, systems."""

    first_names: frozenset[str] = frozenset()
    company_first: frozenset[str] = frozenset()
    company_second: frozenset[str] = frozenset()
    systems: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()

    @classmethod
    def default(cls) -> EntityLexicon:
        """The lexicon of the bundled scenario generator's name pools."""
        from codreamer_env.scenario_gen import vocab_people as VP
        from codreamer_env.scenario_gen import vocab_products as VPR

        systems = sorted({s for ind in VP.INDUSTRIES for s in ind["systems"]} |
                         {s for p in VPR.PRODUCTS for s in p["integrations"]})
        return cls(
            first_names=frozenset(VP.FIRST_NAMES),
            company_first=frozenset(VP.COMPANY_PREFIXES),
            company_second=frozenset(s.split()[0] for ind in VP.INDUSTRIES for s in ind["suffixes"]),
            systems=tuple(systems),
            competitors=tuple(sorted({c for p in VPR.PRODUCTS for c in p["competitors"]})),
        )


@dataclass
class _Facts:
    """What the judge precomputes once per scenario."""

    gold: set[str]
    paths: list[list[str]]
    relevant: set[str]
    traps: dict[str, str]
    allowed_numbers: set[tuple[float, bool]]
    trap_numbers: set[tuple[float, bool]]
    need_stems: set[str]
    feature_name_stems: list[set[str]]
    feature_names: list[str]
    feature_desc_stems: set[str]
    irrelevant_feature_names: list[str]
    trap_phrases: list[tuple[str, str]]
    forbidden: list[str]
    allowed_entities: set[str]
    allowed_lower: str
    acronyms: set[str]
    goal_keywords: list[str]
    first_name: str
    last_name: str
    company_lower: str
    title_stems: set[str]
    decoys: list[str]
    kg_ids: frozenset[str] = frozenset()
    systems_foreign: list[str] = field(default_factory=list)


class RubricJudgeV1:
    """rubric-v1: the first offline rubric judge (kept so v1 results reproduce; see `RubricJudge` for the default)."""

    name = "rubric"
    version, components = "rubric-v1", COMPONENTS

    def __init__(self, weights: dict[str, float] | None = None, lexicon: EntityLexicon | None = None) -> None:
        self.weights = component_weights(DEFAULT_WEIGHTS, weights)
        self._wsum = sum(self.weights.values())
        self.lexicon = lexicon if lexicon is not None else EntityLexicon.default()
        self._facts: dict[str, _Facts] = {}

    # ------------------------------------------------------------------ per-scenario facts
    def _facts_for(self, sc: Scenario) -> _Facts:
        f = self._facts.get(sc.id)
        if f is not None:
            return f
        kg = sc.graph()
        traps = sc.trap_ids
        gold = set(sc.gold_nodes)
        relevant = gold | set(sc.supporting_nodes)
        for fid in sc.relevant_features:
            if fid in kg:
                relevant.update(t for t in kg.neighbors(fid) if t not in traps)
        allowed_numbers: set[tuple[float, bool]] = set()
        trap_numbers: set[tuple[float, bool]] = set()
        allowed_text = []
        acronyms: set[str] = set()
        for i, nid in enumerate(kg.ids):
            content = kg.content(i)
            (trap_numbers if traps.get(nid) in SEVERE_TRAPS else allowed_numbers).update(T.numbers(content))
            if nid not in traps or traps[nid] == "irrelevant_feature":
                allowed_text.append(content)
                acronyms.update(re.findall(r"\b[A-Z][A-Z0-9&/]{1,}\b", content))
        p = sc.prospect
        for extra in (*p.pains, sc.goal.text, sc.job.statement, sc.product.pitch, p.title):
            allowed_numbers.update(T.numbers(extra))
            acronyms.update(re.findall(r"\b[A-Z][A-Z0-9&/]{1,}\b", extra))
        # Numbers that are trap-only are the ones that show a trap was used.
        trap_numbers -= allowed_numbers
        names = {p.first_name, p.last_name, p.name, p.company, sc.product.name, sc.product.seller, *p.tech_stack}
        names.update(f.name for f in sc.product.features)
        allowed_entities = {n.lower() for n in names}
        allowed_lower = " ".join([*allowed_text, *names]).lower()
        need_text = " ".join([sc.job.statement, *p.pains] + [kg.content(n) for n in gold
                                                              if n in kg and kg.node_type(n) in ("pain", "metric", "initiative")])
        need = set(T.content_stems(need_text))
        rel_feats = [kg.content(n) for n in sc.relevant_features if n in kg]
        rel_names = [f.name for f in sc.product.features if f.node_id in sc.relevant_features]
        feature_name_stems = [set(T.content_stems(n)) for n in rel_names]
        feature_desc = set(T.content_stems(" ".join(rel_feats))) - need
        for s in feature_name_stems:
            need -= s
        irrelevant = [f.name for f in sc.product.features if traps.get(f.node_id) == "irrelevant_feature"]
        trap_phrases = []
        for t in sc.traps:
            if t.kind in SEVERE_TRAPS:
                trap_phrases += [(ph.lower(), t.kind) for ph in t.phrases]
        lex = self.lexicon
        systems_foreign = [s for s in lex.systems if s.lower() not in allowed_lower]
        f = _Facts(
            gold=gold, paths=[list(pth) for pth in sc.gold_paths], relevant=relevant, traps=traps,
            allowed_numbers=allowed_numbers, trap_numbers=trap_numbers, need_stems=need,
            feature_name_stems=feature_name_stems, feature_names=[n.lower() for n in rel_names],
            feature_desc_stems=feature_desc, irrelevant_feature_names=[n.lower() for n in irrelevant],
            trap_phrases=trap_phrases, forbidden=[x.lower() for x in sc.forbidden_phrases],
            allowed_entities=allowed_entities, allowed_lower=allowed_lower, acronyms=acronyms,
            goal_keywords=[k.lower() for k in sc.goal.keywords], first_name=p.first_name, last_name=p.last_name,
            company_lower=p.company.lower(), title_stems=set(T.content_stems(p.title)),
            decoys=[d.lower() for d in sc.decoy_entities], kg_ids=frozenset(kg.ids), systems_foreign=systems_foreign,
        )
        self._facts[sc.id] = f
        return f

    # ------------------------------------------------------------------ scoring
    def no_email(self) -> JudgeResult:
        """The result for an episode that ended without an email (truncated): every component 0."""
        comps = dict.fromkeys(COMPONENTS, 0.0)
        comps["gate"] = 0.0
        return JudgeResult(total=0.0, components=comps, details={"reason": "no email"}, source="rubric")

    def score(self, scenario: Scenario, email: FinalEmail | None, trajectory: Trajectory | None = None) -> JudgeResult:
        """Score one email (and optionally the trajectory that produced it)."""
        if email is None:
            return self.no_email()
        f = self._facts_for(scenario)
        subject, body = email.subject or "", email.body or ""
        full = f"{subject}\n{body}"
        lower = full.lower()
        body_words = T.words(body)
        stems = T.content_stems(full)
        stem_set = set(stems)
        details: dict[str, Any] = {}
        c: dict[str, float] = {}
        c["grounding"] = self._grounding(f, email, trajectory, details)
        c["factuality"] = self._factuality(f, full, lower, details)
        foreign = self._foreign_entities(f, full, lower)
        details["foreign_entities"] = foreign
        c["personalization"] = self._personalization(f, full, lower, stem_set, foreign, details)
        c["alignment"] = self._alignment(f, body, lower, stems, stem_set, details)
        c["cta"] = self._cta(f, body, lower, details)
        c["clarity"] = self._clarity(subject, body, body_words, stems, details)
        c["compliance"] = self._compliance(f, full, lower, details)
        # The gate: nothing for an empty email; little for placeholders, wrong prospect, or off-topic text.
        gate = 1.0
        if len(body_words) < 8:
            gate = 0.0
        else:
            if details.get("placeholder"):
                gate *= 0.3
            if foreign:
                gate *= 0.5
            relevance = max(c["alignment"], c["personalization"])
            gate *= min(1.0, relevance / 0.5) ** 1.5
        c = {k: round(min(1.0, max(0.0, v)), 6) for k, v in c.items()}
        weighted = sum(self.weights[k] * c[k] for k in COMPONENTS) / self._wsum
        total = round(weighted * gate, 6)
        c["gate"] = round(gate, 6)
        return JudgeResult(total=total, components=c, details=details, source="rubric")

    def score_group(self, scenario: Scenario, trajectories: Sequence[Trajectory]) -> list[tuple[float, dict[str, float]]]:
        """Pointwise scores for a group (the rubric judge needs no group context)."""
        return pointwise_group(self, scenario, trajectories)

    # ------------------------------------------------------------------ components
    def _grounding(self, f: _Facts, email: FinalEmail, traj: Trajectory | None, d: dict) -> float:
        cited = list(dict.fromkeys(c for c in email.citations if isinstance(c, str)))
        if not cited:
            d["grounding"] = "no citations"
            return 0.0
        kg_known = [x for x in cited if x in f.kg_ids]
        valid_frac = len(kg_known) / len(cited)
        ret_frac = 1.0
        if traj is not None:
            retrieved = set(traj.retrieved_nodes)
            ret_frac = sum(1 for x in kg_known if x in retrieved) / len(kg_known) if kg_known else 0.0
        precision = sum(1 for x in cited if x in f.relevant) / len(cited)
        recall = max((sum(1 for n in p if n in set(cited)) / len(p) for p in f.paths), default=0.0)
        f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
        severe = sum(1 for x in cited if f.traps.get(x) in SEVERE_TRAPS)
        mild = sum(1 for x in cited if f.traps.get(x) == "irrelevant_feature")
        d["grounding"] = {"cited": len(cited), "valid": round(valid_frac, 3), "retrieved": round(ret_frac, 3),
                          "precision": round(precision, 3), "recall": round(recall, 3), "trap_cited": severe,
                          "irrelevant_cited": mild}
        return f1 * valid_frac * ret_frac * (0.4 ** severe) * (0.8 ** mild)

    def _factuality(self, f: _Facts, full: str, lower: str, d: dict) -> float:
        # Meeting lengths and clock times ("a 20-minute call", "10am") are logistics, not factual claims.
        nums = T.numbers(_LOGISTICS.sub(" ", full))
        supported = halluc = trap = 0
        bad = []
        for n in nums:
            if n in f.allowed_numbers or (n[0] <= 3 and not n[1]):
                supported += 1  # small counts ("two teams", "3 steps") are not factual claims
            elif n in f.trap_numbers:
                trap += 1
                bad.append(("trap", n))
            else:
                halluc += 1
                bad.append(("unsupported", n))
        trap_phr = [ph for ph, kind in f.trap_phrases if kind in ("competitor", "stale") and ph in lower]
        foreign_sys = [s for s in f.systems_foreign if s.lower() in lower]
        score = 1.0 - 0.35 * halluc - 0.5 * trap - 0.5 * len(trap_phr) - 0.25 * len(foreign_sys)
        d["factuality"] = {"numbers": len(nums), "supported": supported, "unsupported": halluc, "trap_numbers": trap,
                           "trap_phrases": trap_phr, "unknown_systems": foreign_sys, "bad": bad[:5]}
        return score

    def _foreign_entities(self, f: _Facts, full: str, lower: str) -> list[str]:
        found = [dcy for dcy in f.decoys if dcy in lower]
        lex = self.lexicon
        caps = T.capitalised_words(full)
        for w in caps:
            if w in lex.first_names and w.lower() not in f.allowed_entities and w.lower() not in f.allowed_lower:
                found.append(w)
        for a, b in zip(caps, caps[1:], strict=False):
            if a in lex.company_first and b in lex.company_second:
                name = f"{a} {b}".lower()
                if name != f.company_lower and name not in f.allowed_lower:
                    found.append(f"{a} {b}")
        return sorted(set(found))

    def _personalization(self, f: _Facts, full: str, lower: str, stems: set[str], foreign: list[str], d: dict) -> float:
        name = 1.0 if re.search(rf"\b({re.escape(f.first_name)}|{re.escape(f.last_name)})\b", full) else 0.0
        company = 1.0 if f.company_lower in lower else 0.0
        role = 1.0 if f.title_stems & stems else 0.0
        need_hits = len(f.need_stems & stems)
        need = min(1.0, need_hits / 3)
        # Pain words in an email addressed to nobody in particular are topic, not personalization.
        score = 0.3 * name + 0.3 * company + 0.1 * role + 0.3 * need * (1.0 if name or company else 0.3)
        if foreign:
            score *= 0.25 ** min(2, len(foreign))
        d["personalization"] = {"name": name, "company": company, "role": role, "need_hits": need_hits,
                                "foreign": len(foreign)}
        return score

    def _alignment(self, f: _Facts, body: str, lower: str, stems: list[str], stem_set: set[str], d: dict) -> float:
        need_hits = len(f.need_stems & stem_set)
        need_cov = min(1.0, need_hits / 3)
        name_hit = any(n in lower for n in f.feature_names) or any(
            len(s) >= 2 and len(s & stem_set) >= max(2, len(s) - 1) for s in f.feature_name_stems)
        desc_hits = len(f.feature_desc_stems & stem_set)
        feat = max(1.0 if name_hit else 0.0, min(1.0, desc_hits / 4))
        irrelevant = [n for n in f.irrelevant_feature_names if n in lower]
        score = 0.45 * need_cov + 0.45 * feat + (0.1 if need_cov > 0 and feat > 0 else 0.0)
        score -= 0.15 * len(irrelevant)
        # Keyword stuffing: the same rubric keywords said over and over are not an argument.
        key = f.need_stems | f.feature_desc_stems | set().union(*f.feature_name_stems)
        hits = [s for s in stems if s in key]
        reuse = len(hits) / len(set(hits)) if hits else 0.0
        if reuse > 1.8 and len(hits) >= 8:
            score *= max(0.0, 1.0 - (reuse - 1.8))
        d["alignment"] = {"need_hits": need_hits, "feature_named": name_hit, "feature_desc_hits": desc_hits,
                          "irrelevant_features": irrelevant, "keyword_reuse": round(reuse, 3)}
        return score

    def _cta(self, f: _Facts, body: str, lower: str, d: dict) -> float:
        sents = T.sentences(body)
        tail = " ".join(sents[-3:]) if sents else ""
        ask = 1.0 if ("?" in tail or ASK_PATTERNS.search(tail)) else (0.5 if ASK_PATTERNS.search(body) else 0.0)
        goal = 1.0 if any(k in lower for k in f.goal_keywords) else 0.0
        specific = 1.0 if TIME_PATTERNS.search(tail) else 0.0
        score = 0.4 * ask + 0.4 * goal * (1.0 if ask else 0.5) + 0.2 * specific * (1.0 if ask else 0.0)
        if body.count("?") > 3:
            score *= 0.8
        d["cta"] = {"ask": ask, "goal_match": goal, "specific": specific}
        return score

    def _clarity(self, subject: str, body: str, body_words: list[str], stems: list[str], d: dict) -> float:
        n = len(body_words)
        if n < 25:
            length = 0.5 * n / 25
        elif n < 50:
            length = 0.5 + 0.5 * (n - 25) / 25
        elif n <= 200:
            length = 1.0
        elif n <= 300:
            length = 1.0 - 0.5 * (n - 200) / 100
        else:
            length = max(0.0, 0.5 - (n - 300) / 300)
        sw = T.words(subject)
        if not sw:
            subj = 0.0
        elif len(sw) > 12 or len(subject) > 80:
            subj = 0.4
        elif len(sw) < 2:
            subj = 0.6
        else:
            subj = 1.0
        placeholder = T.has_placeholder(subject) or T.has_placeholder(body)
        d["placeholder"] = placeholder
        rep = 0.0
        if len(body_words) >= 12:
            tri = list(zip(body_words, body_words[1:], body_words[2:], strict=False))
            distinct = len(set(tri)) / len(tri)
            rep += max(0.0, (0.9 - distinct) * 2)
        if len(stems) >= 20:
            top = Counter(stems).most_common(1)[0][1] / len(stems)
            rep += max(0.0, (top - 0.08) * 4)
        sents = T.sentences(body)
        avg = n / max(1, len(sents))
        long_pen = max(0.0, (avg - 30) / 30)
        score = 0.2 * subj + 0.5 * length + 0.3 * max(0.0, 1.0 - rep) - 0.2 * long_pen
        if placeholder:
            score = 0.0
        d["clarity"] = {"body_words": n, "subject_words": len(sw), "repetition": round(rep, 3),
                        "avg_sentence_words": round(avg, 1)}
        return score

    def _compliance(self, f: _Facts, full: str, lower: str, d: dict) -> float:
        forbidden = [p for p in f.forbidden if p in lower]
        claims = [ph for ph, kind in f.trap_phrases if kind == "compliance" and ph in lower]
        forbidden = sorted(set(forbidden) | set(claims))
        spam = [p for p in SPAM_PHRASES if p in lower]
        shouting = [w for w in T.shouting_words(full) if w not in f.acronyms]
        bangs = full.count("!")
        violations = 0.6 * len(forbidden) + 0.3 * len(spam) + (0.3 if len(shouting) >= 2 else 0.0) + (
            0.3 if bangs >= 2 or "!!" in full else 0.0)
        d["compliance"] = {"forbidden": forbidden, "spam": spam, "shouting": shouting[:5], "exclamations": bangs}
        return 1.0 - violations
