"""rubric-v2, the default offline judge: deterministic, no network; it checks meaning and form, not only words.

What a skilled seller's email does, and what this judge checks (see ../shared/SALES_NOTES.md):

- **Form** (a gate): an English email in well-formed sentences, written, not pasted. A keyword bag, word
  salad, shuffled sentences, a pasted list of KG node texts, placeholders, repeated sentences or a
  non-English email (or one foreign sentence in it) drive the gate to <= 0.2.
- **Claims**: every sentence that states a fact (a number, a named system or customer, the product's
  behaviour, the prospect's situation) must be supported by a node the agent retrieved (the citations
  when no trajectory is given): content-word overlap and every number. A citation counts only where the
  body uses the cited node. Invented numbers, negated or inverted product claims, unapproved superlatives,
  guarantees, ROI multiples and certifications are unsupported claims.
- **Traps**: any use of a severe trap (competitor rumour, unapproved claim, stale record, another account)
  caps the total, detected by meaning, not only by each scenario's phrases: citing the node, a run of four
  content words found only in a trap node, a sentence whose content overlaps a trap node more than any honest
  node, a number found only in trap nodes, a name only trap records mention, the trap's phrases.
- **Substance** (a gate): the email must address this prospect's need (a pain, trigger or metric from
  the KG) and pitch a feature that fits it; a generic template naming only the prospect scores low.
- **Entities**: names on word boundaries and in case ("Ines" is not in "business"); the prospect's own
  names are never decoys.
- **Tone**: insults, condescension, pressure and spam phrasing cap the total.

`total` = weighted mean of the components x `gate` (= form x substance), then capped by the strongest
violation. Every penalty is listed in `details["penalties"]` with its rule and the sentence behind it (empty
for penalties about the email as a whole: length, no ask, no research, emoji, ...).

The rules are phrase lists and statistics, not a language model: a wording no list anticipates can pass. The
adversarial suite (tests/adversarial*.py) is where every trick found is added, with honest controls beside
it so that a fix does not turn good emails into failures.
"""

from __future__ import annotations

import functools
import importlib
import math
import pkgutil
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from codreamer_env.rewards import english as E
from codreamer_env.rewards import text as T
from codreamer_env.rewards.base import JudgeResult, component_weights, pointwise_group
from codreamer_env.trajectory import FinalEmail

if TYPE_CHECKING:
    from codreamer_env.scenarios import Scenario
    from codreamer_env.trajectory import Trajectory

DEFAULT_WEIGHTS = {"grounding": 0.2, "factuality": 0.15, "personalization": 0.15, "alignment": 0.2, "cta": 0.1,
                   "clarity": 0.1, "compliance": 0.05, "tone": 0.05, "form": 0.0}
COMPONENTS = tuple(DEFAULT_WEIGHTS)  # the judge's components, in order (`RubricJudge.components`)
SEVERE_TRAPS = frozenset({"competitor", "compliance", "stale", "other_account"})
SEVERE_CAP = 0.2  # the most an email with one severe violation can score
PRODUCT_SIDE_TYPES = frozenset({"product_feature", "case_study", "product", "integration", "policy", "claim",
                                "marketing_copy"})

_I = re.IGNORECASE
# Meaning families of claims a seller may not make unless the compliance policy (or the KG) supports them.
CLAIM_FAMILIES: dict[str, re.Pattern[str]] = {
    "guarantee": re.compile(
        r"\bguarantee[ds]?\b|\bwe promise\b|\brisk[- ]free\b|\bmoney[- ]back\b|"
        r"\bno risk\b|\bzero risk\b|\bwill (?:definitely|certainly|absolutely|surely)\b|\bassured results\b|"
        r"\bcertain to (?:cut|save|boost|double|raise)\b|(?<!can't )(?<!cannot )(?<!can’t )(?<!won't )(?<!not )"
        r"\bpromis(?:e|es|ed)\b(?! (?:anything|nothing))|\byou have my word\b|\bmy word on it\b|\byou will "
        r"(?:halve|cut|double|triple|raise|save|hit|reach|eliminate|stop|never)\b", _I),
    "superlative": re.compile(
        r"#\s?1\b|\bnumber[- ]one\b|\bno\. ?1\b|\btop[- ]rated\b|\bbest[- ]in[- ]class\b|\bworld[- ]class\b|"
        r"\bindustry[- ]leading\b|\bmarket[- ]leading\b|\bleading (?:provider|platform|solution|"
        r"vendor|tool)\b|\bunmatched\b|\bunrivall?ed\b|\bunbeatable\b|\bon the planet\b|\bin the world\b|"
        r"\bbest (?:\w+ ){0,2}(?:on|in) the (?:market|industry|world|planet)\b|\brevolutionary\b|"
        r"\bgame[- ]chang\w*|\bnothing else comes close\b|\bbetter than (?:any|every)\w*\b|\bsecond to none\b|"
        r"\bgold standard\b|\bunparall?ell?ed\b|\b(?:clear |undisputed |category |market )leader\b|\bbest[- ]in[- ]breed\b|"
        r"\bbest (?:tool|platform|product|solution|software|vendor|choice) (?:for|in|on)\b|\bno one (?:else )?does (?:it|this) "
        r"better\b|\bindustry'?s (?:best|leading|top)\b", _I),
    "roi_multiple": re.compile(
        r"\b\d+(?:\.\d+)?\s?x\b|\b(?:doubles?|triples?|quadruples?|tenfold|twice|three times|ten times)\b"
        r"(?:\W+\w+){0,5}?\W+(?:roi|returns?|revenue|productivity|output|savings|profits?|results?|money|"
        r"investment|enrollment|enrolment)\b|\b(?:roi|returns?)\b(?:\W+\w+){0,4}?\W+(?:doubles?|triples?|\d+x)\b|"
        r"\b(?:triples?|doubles?|quadruples?|halves) (?:your|the|their|technician|enrol\w*|dso)\b|\bpays? for itself\b|"
        r"\b(?:two|three|four|five|six|seven|eight|nine|ten)fold\b|\brecoup\w*\b|"
        r"\bpayback in\b|\b(?:two|three|four|five|ten) times (?:faster|more|better|as)\b|\bin half the time\b|"
        r"\bcut (?:\w+ ){1,3}in half\b|\bmultipl(?:y|ies) (?:by|your)\b", _I),
    # Absolutes no product can honestly promise: every, all, 100%, zero, never.
    "absolute": re.compile(
        r"\b(?:prevents?|stops?|catches?|eliminates?|removes?|ends?|collects?|recogni[sz]es?|predicts?|fills?|finds?|"
        r"detects?|blocks?|fixes?|solves?) (?:all|every|each and every|100\s?%)\b|\b100\s?%\s*(?:of|accura\w*|on-time|"
        r"first-time|uptime|success|fraud|detection|compliance|coverage|satisfaction|guaranteed)|\b99(?:\.\d+)?\s?%\s*"
        r"(?:uptime|accura\w*|of (?:questions|failures|fraud|cases))|\bzero (?:\S+ )?(?:fines|injuries|errors|false "
        r"positives|downtime|risk|breaches|effort|failures|fraud|denials|stockouts)\b|\bnever (?:be )?(?:breached|"
        r"loses?|fails?|miss(?:es)?|goes? down)\b|\b(?:eliminat\w*|remov\w*|solv\w*|ends?|prevents?|stops?|fix(?:es)?|wipes?)\b[^.?!,;]{0,40}?"
        r"\b(?:completely|entirely|for good)\b|\bfor (?:every|all) (?:customers?|"
        r"teams?|fleets?|stores?|buildings?|industr\w+|sizes?)\b|\bin every (?:store|industry|market|building)\b|"
        r"\bfor everyone\b|\b(?:eliminat\w+|gets? rid of|ends?|wipes? out|removes?) (?:all |every )?(?:denials|stockouts|"
        r"audit findings|fraud|errors|downtime|risk|outages|injuries|bias|fines|breaches)\b|\beach and every\b|"
        r"\breplaces? (?:your )?(?:entire|whole)\b|\b(?:removes?|stops?) all\b|\ball (?:legal )?risk\b|"
        r"\bcarbon neutral\b|\bperfect (?:on-time|accuracy|record|score|delivery|compliance|uptime|fix)|\bno (?:more )?"
        r"(?:injuries|fines|labour-law fines|fraud|errors|breaches|downtime|stockouts|denials|failures|outages|bias)\b|"
        r"(?<!not )\ball (?:\w+ )?(?:bias|risk|fraud|errors|outages|failures|injuries|stockouts|denials)\b", _I),
    # A statistic about customers in general: only an approved claim may state one.
    "generic statistic": re.compile(
        r"\b(?:on average|our (?:customers|clients|users)|customers (?:typically|usually|see|get|report|cut|save)|"
        r"clients (?:typically|usually|see|report)|typically (?:see|cut|save|get)|most (?:customers|teams|clients) "
        r"(?:see|cut|save|get))\b[^.?!]{0,80}?\d", _I),
    "comparison": re.compile(
        r"\bthan any (?:other|competitor|alternative|tool|vendor|platform)\w*\b|\bas (?:much|many|accurate|good|fast|"
        r"cheap) as (?:any|a senior)\b|\bhalf as much as\b|\bthe (?:only|sole) (?:\w+ ){0,3}(?:tool|platform|engine|solution|app|"
        r"vendor|product)\b|\bevery (?:top|major|leading|big)[- ]?(?:\d+ )?(?:\w+ )?(?:brand|customer|bank|insurer|carrier|"
        r"hospital|retailer|grocer|university|firm|company|analyst|payer|regulator|player|provider|chain)s?\b|\b\d+ of the \d+ (?:largest|biggest|top)\b|"
        r"\bhighest[- ]rated\b|\bthe most (?:trusted|popular|accurate|advanced|powerful|complete)\b", _I),
    "certification": re.compile(
        r"\biso ?27001\b|\biso ?9001\b|\bsoc ?[12]\b|\bhipaa[- ](?:compliant|certified)\b|\bgdpr[- ]compliant\b|"
        r"\bfedramp\b|\bpci[- ]dss\b|\bcertified\b|\bcertification\b|\baccredited\b|\bpre-?approved\b|"
        r"\bapproved by (?:the |all |every |major |leading )?(?:big )?(?:regulators?|fda|authorit\w+|government)\b|"
        r"\bregulator[- ]approved\b|\bcompliant with (?:all|every|any)\b|\bfully compliant\b|\bendorsed by\b|"
        r"\bauthori[sz]ed\b|\bapproved by (?:every|all|osha|major|the)\b|\b(?:signed off|backed|vetted|blessed|"
        r"trusted) by (?:the |all |every |each |major |leading |big )|\bindependently (?:audited|verified|tested)\b|"
        r"\bhitrust\b|\bsatisf(?:y|ies) (?:your |all |every )?regulators?\b|\bcompliant out of the box\b|\bholds? "
        r"[\w -]{0,20}(?:status|certificat\w+|accreditation)\b", _I),
}
TONE_RULES: dict[str, re.Pattern[str]] = {
    "insult": re.compile(
        r"\b(?:idiots?|stupid|incompetent|lazy|clueless|pathetic|embarrassing|ridiculous|dumb|morons?|"
        r"amateurs?|amateurish|useless|hopeless|a mess|a joke|dinosaurs?|laughable|sloppy|inept|shameful|"
        r"disgrace\w*)\b", _I),
    "condescension": re.compile(
        r"\b(?:obviously|clearly) (?:you|your)\b|\beven you\b|\byou people\b|\bwake up\b|\bget with the times\b|"
        r"\bbehind the times\b|\bnot rocket science\b|\bany competent\b|\blet me explain\b|\bno offen[cs]e\b|"
        r"\byou (?:should|ought to) (?:be ashamed|know better)\b|\bsurely even\b|\bas you (?:surely|probably) "
        r"(?:don't|do not) (?:know|realise|realize|understand)\b|\bfrankly,? (?:your|you)\b|"
        r"\bstuck in the past\b|\bstill (?:hasn't|haven't|has not|"
        r"have not|hasn’t|haven’t) (?:figured|worked|sorted|caught|got|managed)\b|\bkeep (?:this|it|things) "
        r"simple for you\b|\bsurpris(?:ing|ed) that (?:a company|you|your|someone)\b|\bmost (?:teams|companies|"
        r"people) (?:sorted|solved|figured|fixed|worked) (?:this|it|that) out\b|\bin this day and age\b|"
        r"\bi'?m sure even\b|\beven a (?:child|beginner|junior)\b|\bit'?s (?:not that|really not) (?:hard|"
        r"complicated|difficult)\b|\bcatch up with (?:the rest|everyone)\b|\bwhat (?:everyone|the rest of the "
        r"industry) (?:already|has)\b|\bsurprising(?:ly)?,? (?:for|that|to see)\b|\bfrankly,? surprising\b|\bmost "
        r"(?:\w+ ){0,2}(?:teams|companies|people|organi[sz]ations|hospitals|firms) (?:moved past|outgrew|stopped|abandoned|"
        r"left|solved|fixed|sorted) (?:that|this|it)\b|\bthe obvious (?:\w+ )?(?:fix|answer|choice|solution|move)\b|"
        r"\bsimple enough (?:that|for) (?:your|you)\b|\bhard to believe (?:that )?(?:you|your)\b|"
        r"\bmuddl\w+ (?:along|through)\b|\bin small words\b|\bspell it out\b|\bi'?m (?:honestly |frankly |genuinely )?"
        r"(?:amazed|shocked|stunned|astonished) (?:that )?(?:you|your)\b|\b(?:amazed|astonished) (?:that )?(?:your|you)\b|"
        r"\bget your act together\b|\bbasic stuff\b", _I),
    "pressure": re.compile(
        r"\bact now\b|\blimited[- ]time\b|\bclick here\b|\bbuy now\b|\bdon'?t miss (?:out|this|your chance|the offer)\b|\bonce in a lifetime\b|"
        r"\b100% free\b|\$\$\$|\border now\b|\bspecial promotion\b|\bexclusive deal\b|\blast chance\b|"
        r"\bbefore it'?s too late\b|\bexpires? (?:today|tonight|soon)\b|\bonly \d+ (?:spots|seats) left\b|"
        r"\bsign up today\b|\b(?:offer|pricing|price|discount|deal|quote) (?:expires|ends)\b|\bexpires (?:today|tonight|soon|on friday|this week)\b|\bprice (?:goes|will go|is going) up\b|\b(?:need|want) "
        r"(?:your|an) answer\b|\bonly valid\b|\boffer ends\b|\bspots? left\b|"
        r"\bbefore (?:the )?(?:price|offer|discount)\b|\bdiscount (?:ends|disappears)\b|\bdon'?t wait\b|\bevery "
        r"(?:day|week|month) you wait\b|\b(?:slots?|spots?|places?|seats?)\b[^.?!]{0,25}\b(?:almost|nearly|all but) "
        r"(?:gone|full|taken)\b|\bi need (?:a|your) (?:yes|decision|answer|signature)\b|\breply today\b|\bcan'?t afford "
        r"to wait\b|\bi'?ve already (?:booked|scheduled|blocked|put (?:a|the|us|you) [\w -]{0,25}?(?:in|on) (?:for|your|the))\b|\bif i don'?t hear back\b|\bmoney burned\b|"
        r"\b(?:yes|answer|decision|reply|response|signature) by (?:friday|monday|tuesday|wednesday|thursday|tomorrow|"
        r"today|eod|end of)\b|\bbefore (?:it'?s|they'?re) gone\b|\b(?:only )?hold (?:this|the|that) (?:pricing|price|"
        r"offer|discount|rate|slot)\b|\bwindow (?:closes|shuts)\b|\bcan'?t (?:reopen|extend|hold)\b|\b(?:pricing|offer|"
        r"discount|rate|deal) (?:is )?(?:valid|good|available) (?:only )?(?:until|through|till)\b|\bsign the (?:attached )?"
        r"(?:order form|contract|agreement|po|purchase order)\b|\byou won'?t believe\b|\bopen (?:this )?now\b|"
        r"\bmust[- ]read\b|\blast call\b", _I),
    # Running down a competitor instead of making the case.
    "disparagement": re.compile(
        r"\b(?:overpriced|clunky|buggy|unreliable|rip-?off|inferior|terrible|awful|garbage|lousy|"
        r"loses customer data|second-rate|subpar|sub-par)\b", _I),
    # Feigned familiarity: a cold email posing as a follow-up to a conversation that never happened.
    "fake familiarity": re.compile(
        r"\bfollowing up on our (?:call|chat|conversation|meeting)\b|\bas (?:we )?discussed\b|\bas promised\b|"
        r"\bper our (?:call|conversation|discussion)\b|\byou asked (?:me )?for\b|\bgreat (?:speaking|talking|"
        r"chatting) (?:with you|yesterday|earlier)\b|\bthanks for (?:your time|taking my call) (?:yesterday|earlier|"
        r"last)\b|\bcircling back\b|\bjust bumping\b|\b(?:good|great|nice) to (?:reconnect|see you again|catch up)\b|"
        r"\bour (?:coffee|lunch|chat|call|meeting|conversation) (?:at|last|yesterday|on)\b|\bwhen we (?:met|"
        r"spoke|talked)\b|\bthe note i said i would\b|\bas (?:i )?mentioned (?:on|in|during) our\b|\b(?:suggested|"
        r"recommended) (?:that )?i (?:reach out|contact|get in touch|email|write)\b|\breferred me\b|\bpointed me to you\b", _I),
    # Text addressed to a grader instead of the prospect. (`<\s*+`: possessive, so "<" and a long run of
    # whitespace is linear; `<\s*/?\s*` split the run between its two `\s*` every way, quadratic.)
    "judge manipulation": re.compile(
        r"\bnote to (?:the )?(?:reviewer|grader|judge|evaluator|scorer)\b|\bignore (?:all |any |the )?(?:previous|"
        r"prior|above|earlier) instructions\b|\bscore (?:it|this|me)\b|\brubric\b|\bgrader\b|"
        r"\bas an ai\b|\blanguage model\b|\bhigh score\b|\bmeets every (?:criterion|requirement)\b|"
        r"<\s*+/?\s*(?:div|span|script|style)\b|<!--|-->|\binternal (?:draft|note|only)\b|\bdo not send\b|"
        r"\bdraft v\d|\bbefore legal signs off\b|\bfull marks\b", _I),
    # Hearsay about competitors or the market: what sellers must not pass on.
    "hearsay": re.compile(
        r"\brumou?rs?\b|\brumou?red\b|\bword (?:in the market|on the street|is that|has it)\b|"
        r"\bhearsay\b|\bgrapevine\b|\bpeople are saying\b|\bsources say\b|\breportedly\b|\ballegedly\b|"
        r"\bsupposedly\b|\bunconfirmed\b|\bunverified\b|\bslashing (?:its |their )?prices\b|\bsteal "
        r"(?:customers|accounts)\b|\bi (?:gather|hear|heard|'ve heard) (?:that )?(?:you'?re|you are|your (?:team|company) (?:is|are)) "
        r"(?:close|about|already|talking|signing|evaluating|unhappy|looking at|switching)\b|\bi (?:gather|hear|heard|"
        r"understand) (?:that )?your (?:current )?(?:vendor|provider|supplier|contract)\b|\byou'?re (?:planning|about|"
        r"ready|looking|going) to (?:switch|change vendors?|leave)\b|\b(?:close to|about to|ready to) sign(?:ing)? with\b|\b(?:signing|talking|"
        r"speaking) (?:with|to) (?:another|a competing|a rival|other) (?:vendor|provider|supplier)s?\b|"
        r"\bunhappy with (?:your|its|their) [\w ]{0,20}(?:contract|vendor|provider)\b|\balready (?:piloting|trialling|"
        r"trialing|evaluating|testing|talking to|in talks with) (?:another|a competing|a rival|other|a different|a "
        r"competitor)\b|\bbe the comparison\b", _I),
}
# A negated product claim: a product reference, then within five words a negation of a benefit
# ("the feature does not help", "Ledgerline won't cut your close", "it is not useful for you").
_BENEFIT = (r"(?:help|helps|work|works|fix|fixes|solve|solves|reduce|reduces|cut|cuts|support|supports|integrate|"
            r"integrates|improve|improves|address|addresses|handle|handles|save|saves|speed|speeds|catch|catches|"
            r"prevent|prevents|match|matches|connect|connects|scale|scales|deliver|delivers|automate|automates|lower|"
            r"lowers|shorten|shortens|remove|removes|stop|stops|eliminate|eliminates|resolve|resolves|detect|"
            r"detects|protect|protects|matter|matters|useful|helpful|relevant|effective|worth|suitable|a fit|"
            r"right for|designed for|built for|able to|any good|do much|do anything|make a difference)")
_NEG = (r"(?:does not|doesn't|doesn’t|did not|didn't|will not|won't|won’t|cannot|can't|can’t|can not|is not|isn't|"
        r"isn’t|are not|aren't|never|no longer|fails? to|unable to|not|hardly|barely|rarely)")
_INVERTED = re.compile(r"\b(?:slows?(?: down)?(?!-)|lengthens?|raises? the (?:workload|backlog|cost)|adds? overhead|(?:does|do) little (?:for|to)|rarely (?:moves|helps|works|changes)|won'?t move the needle|little (?:real )?(?:impact|effect|difference)|worsens?|hurts?|damages?|complicates?|delays?|makes? (?:\w+ )?"
                       r"(?:worse|slower|harder)|increases? (?:the |your )?(?:backlog|costs?|errors?|workload|"
                       r"churn|risk|time|delays?|overtime)|adds? (?:more )?(?:manual work|work|delays?|errors?|"
                       r"costs?))\b", _I)
_NEG_HEAD = re.compile(_NEG + r"\s+", _I)
_NEG_OK = frozenset("add adds slow slows increase increases disrupt disrupts replace replaces require requires need needs "
                    "touch change changes break breaks lock burden complicate mean means ask asks cost costs".split())
_REF_WORDS = (r"(?:our (?:platform|tool|product|software|solution|feature)s?|the (?:feature|"
              r"platform|tool|product|software|solution|integration|module|capability)s?)")
_OWN_REF = re.compile(r"\b(?:our|the) (?:platform|tool|product|software|solution|feature)s?\b", _I)
_POSITIVE_NEG_CONTEXT = re.compile(r"\bnot just\b|\bnot only\b", _I)
_GREETING = re.compile(r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b[^.!?\n]{0,60}$", _I)
_SIGNOFF = re.compile(r"^(?:best|regards|thanks|thank you|cheers|sincerely|kind regards|warm regards|all the best|"
                      r"best regards|talk soon|many thanks|with thanks|speak soon|warmly|looking forward[^.?\n]{0,40})\b[^.?\n]{0,40}$", _I)
_ASK = re.compile(
    r"\b(?:would you|could we|can we|are you open|open to|would it make sense|worth a|interested in|shall we|"
    r"do you have|let me know|happy to|how about|are you free|would .{0,30} work|can i|could i|reply|grab|"
    r"would a|does .{0,30} work|if so|up for)\b", _I)
_TIME = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|next week|this week|tomorrow|"
                   r"\d{1,2}(?::\d{2})?\s?(?:am|pm)|\d+[- ]minutes?|\d+[- ]min\b)", _I)
# Meeting logistics are not factual claims: "a 20-minute call", "10am", "Tuesday the 4th".
_LOGISTICS = re.compile(r"\b\d{1,3}[- ](?:minutes?|mins?)(?:[- ]long)? (?:call|chat|demo|meeting|session|conversation|"
                        r"slot|walkthrough|working|intro|video|phone)|\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b|"
                        r"\b\d{1,3}[- ](?:day|week)[- ](?:free )?(?:trial|pilot)\b", _I)
_UNIT = re.compile(r"\s?(?:hours?|days?|weeks?|months?|years?|minutes?|points?|times|percent|million|billion|"
                   r"seconds?|x\b)", _I)
_MEETING = re.compile(r"\b(?:call|chat|meeting|talk|demo|session|walkthrough|calendar|overview|deck|one-pager)\b", _I)
_DURATION = re.compile(r"\b\d{1,3}[- ]?(?:minutes?|mins?|hours?|pages?|slides?)\b", _I)
_DATE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?\b|"
                   r"\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
                   r"\bq[1-4]\b",
                   _I)
_HEDGE = re.compile(r"(?:about|around|nearly|almost|roughly|over|more than|close to|~|some|approximately)\s*\$?$", _I)
# Template placeholders ([First Name], {{company}}, <FIRST_NAME>, XXX, TODO). Bounded repetitions without
# overlapping quantifiers: linear in the text, whatever the agent sends (rubric-v1's pattern is not).
_PLACEHOLDER = re.compile(
    r"\[[ \t]{0,3}(?:first[ _]?name|name|company|prospect|your name|title|x+|insert[^\]\n]{0,40}|[A-Z][A-Z _]{2,40})\]"
    r"|\{\{?[ \t]{0,3}[A-Za-z_][A-Za-z_ ]{0,40}\}\}?|<[ \t]{0,3}[A-Z][A-Z_ ]{2,40}>|\bXXX+\b|\bTODO\b|\bTBD\b|lorem ipsum",
    _I)
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2190-\u21FF\u2300-\u23FF\u25A0-\u25FF]")
_SIGNATURE_LINE = re.compile(r"^(?:[A-Z+(][^.?!\n]{0,60}|[\w.+-]+@[\w.-]+)$")
_PS = re.compile(r"^(?:p\.\s?s\.|ps:)\s*", _I)
_MARKDOWN = re.compile(r"^\s{0,3}#{1,6}\s|\*\*[^*\n]{1,200}\*\*|__[^_\n]{1,200}__|^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$", re.M)
_GENERIC_ADDRESSEE = frozenset("there team all everyone folks friend friends sir madam colleague colleagues".split())
_SUBJECT_FAKE = re.compile(r"^\s*(?:re|fwd?|fw)\s*:", _I)


# Events a seller congratulates on; an email may only mention one that a retrieved record reports.
_EVENT = re.compile(
    r"\b(?:acquisition|acquired|acquires|acquiring|merger|merged|merging|funding|raised \$|raising \$|series [a-f]\b|"
    r"growth round|ipo|went public|going public|appointed|appointment of|new (?:ceo|cfo|coo|cto|cio|ciso|cdo|chief "
    r"\w+ officer|president)|expanding (?:into|to|around)|expansion (?:into|to)|award|awarded|partnership|partnered|"
    r"rebrand\w*|relocat\w+|layoffs?|restructuring|congratulations|congrats|new (?:rules?|regulations?|laws?|mandates?) "
    r"(?:coming|come|will|take|taking|that)|coming into force|comes? into (?:force|effect))\b", _I)
EVENT_NODE_TYPES = frozenset({"news", "hiring", "social_post", "note", "event", "account_note", "trigger", "company",
                              "firmographics", "initiative", "person"})
_CUSTOMER_CLAIM = re.compile(r"\b(?:rel(?:y|ies) on|trust(?:s|ed)?|use[sd]? (?:it|us|them)|customers?|clients?|brands|"
                             r"teams at|companies like|such as|including)\b", _I)
_TITLE_WORD = re.compile(r"\b(?:Engineer|Manager|Director|Officer|Lead|Head|VP|Analyst|Executive|Specialist|Consultant|"
                         r"Partner|Architect|Representative|Team|Department|Desk|Success)\b")
_NAME_LIST = re.compile(r"\b(?:at|like|including|such as)\s+((?:[A-Z][\w&'’-]+(?:\s[A-Z][\w&'’-]+)?,\s*)+(?:and\s+)?"
                        r"[A-Z][\w&'’-]+(?:\s[A-Z][\w&'’-]+)?)")
_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_FULL_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? "
                        r"\d{4}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}\b", _I)


def _parse_date(text: str) -> str | None:
    """An ISO date string from "2026-05-04", "May 4, 2026" or "4 May 2026" (None if it is no date)."""
    import datetime as dt

    try:
        if text[:4].isdigit():
            return dt.date.fromisoformat(text).isoformat()
        parts = re.findall(r"[A-Za-z]+|\d+", text)
        month = next(_MONTHS[p[:3].lower()] for p in parts if p[:3].lower() in _MONTHS)
        nums = [int(p) for p in parts if p.isdigit()]
        day, year = (nums[0], nums[1]) if nums[1] > 31 else (nums[1], nums[0])
        return dt.date(year, month, day).isoformat()
    except (ValueError, StopIteration, IndexError):
        return None


_QUANTIFIER = re.compile(r"\b(?:(?:nearly|almost|virtually|practically) (?:all|every)|most of|the (?:vast )?majority of)\b",
                         _I)
_THEIR_WORDS = re.compile(r"\byou(?:'ve| have)? (?:mentioned|said|told|wrote|shared|noted|raised|flagged|posted|"
                          r"described)\b|"
                          r"\byour (?:own )?(?:words|post|comment|reply|note|point)\b|\bas you put it\b", _I)
_MEETING_TOOLS = frozenset({"Zoom", "Microsoft Teams", "Teams", "Google Meet", "Webex", "Slack", "Calendly"})
_ABOUT_THEM = re.compile(r"\b(?:you|your|you're|yours)\b", _I)
_RESULT_VERBS = re.compile(r"\b(?:cut|cuts|reduced|saved|saves|increased|grew|improved|doubled|halved|lifted|boosted|"
                           r"eliminated|dropped|raised|slashed|shortened|recovered|captured|caught|saw|gained|achieved|delivered|rolled out|"
                           r"improvement|moved|went)\b", _I)
_NAME_RUN = re.compile(r"(?<![\w&'’-])[A-Z][\w&'’-]*+(?:[ \t]++(?:&[ \t]++|of[ \t]++|and[ \t]++)?[A-Z][\w&'’-]*+)++")
_FIELD_LINE = re.compile(r"^[A-Z][A-Za-z /&()-]{1,24}:[ \t]+\S")
# Invisible characters inside words (zero-width, bidi controls, joiners, variation selectors, tag characters, ...):
# Unicode's default-ignorable code points, which hide a word from a word match while a reader sees nothing.
_ZERO_WIDTH = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                         "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
                         "\U000e0000-\U000e0fff]")
# Cyrillic and Greek letters that look like Latin ones: text written with them hides words from a judge.
_CONFUSABLE = str.maketrans("аеорсухіјѕԁһӏАВЕКМНОРСТХІЈЅαοτνικΑΒΕΗΙΚΜΝΟΡΤΧΥΖ",
                            "aeopcyxijsdhlABEKMHOPCTXIJSaotvikABEHIKMNOPTXYZ")


def _normalise(text: str) -> tuple[str, bool]:
    """NFKC-normalised text with look-alike letters mapped to Latin, and whether it was disguised."""
    t = unicodedata.normalize("NFKC", text)
    zw = _ZERO_WIDTH.search(t) is not None
    t = _ZERO_WIDTH.sub("", t)
    mapped = t.translate(_CONFUSABLE)
    disguised = zw
    if mapped != t:
        # Only a word that mixes scripts is a disguise; a whole Greek or Russian word is just another language.
        for tok in re.findall(r"\w+", t):
            m = tok.translate(_CONFUSABLE)
            if m != tok and any("a" <= ch.lower() <= "z" for ch in tok):
                disguised = True
                break
    return (mapped if disguised else t), disguised


def _first_word(text: str) -> str:
    """The first word of a name or of a literal pattern, lower-cased ("(?<![\\w])Duck\\ Creek" -> "duck")."""
    m = re.search(r"[^\W\d_][\w'’-]*|\d+", text.replace("(?<![\\w])", "").replace("\\", ""))
    return m.group(0).lower() if m else ""


def _any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """One regex that matches, in lower-cased text, where any of the case-insensitive `patterns` matches: a
    cheap first pass (no IGNORECASE, which is slow in `re`), so the per-pattern loop runs only where something
    matched. The patterns must write their letters in lower case (checked here)."""
    for p in patterns:
        assert p.flags & re.I and not re.search(r"(?<!\\)[A-Z]", p.pattern), p.pattern[:60]
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


def _fold(text: str) -> str:
    """Text without accents and combining marks ("AvídXchange" -> "AvidXchange"), for matching names."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _names_in(text: str) -> list[str]:
    """Proper names in a record: runs of capitalised words past a sentence's start, and single words with inner
    capitals or digits ("HireVue", "S/4HANA")."""
    out = []
    for m in _NAME_RUN.finditer(text):
        words = m.group(0).split()
        if m.start() == 0 or text[max(0, m.start() - 2):m.start()].strip() in (".", ":", ";", "\""):
            words = words[1:]
        if len(words) >= 2:
            out.append(" ".join(words))
    out += [w for w in re.findall(r"\b[A-Z][A-Za-z0-9/]*[A-Z0-9][A-Za-z0-9/]*\b", text) if len(w) >= 4]
    return sorted(set(out))


def _word_re(phrase: str, case: bool = True) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", 0 if case else _I)


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, system names) from every vocabulary module of the bundled scenario generators."""
    import codreamer_env.scenario_gen as pkg

    firsts: set[str] = set()
    systems: set[str] = set()
    for mod in pkgutil.iter_modules(pkg.__path__):
        if not mod.name.startswith("vocab"):
            continue
        m = importlib.import_module(f"{pkg.__name__}.{mod.name}")
        firsts.update(getattr(m, "FIRST_NAMES", ()))
        for ind in getattr(m, "INDUSTRIES", ()):
            if isinstance(ind, dict):
                systems.update(ind.get("systems", ()))
        for prod in getattr(m, "PRODUCTS", ()):
            if isinstance(prod, dict):
                systems.update(prod.get("integrations", ()))
    return frozenset(firsts), frozenset(s for s in systems if len(s) > 3)


def _grams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@functools.lru_cache(maxsize=1)
def _system_names_with_digits() -> re.Pattern[str]:
    """System names that contain numbers ("Microsoft 365", "SAP S/4HANA"): their digits are no claims."""
    names = sorted({s for s in _lexicon()[1] if any(c.isdigit() for c in s)}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names) or r"(?!)")


def _specific(v: float) -> bool:
    """A number that identifies a fact: not a small count, not a year."""
    return v > 3 and not 1900 <= v <= 2100


def _nums(text: str) -> list[float]:
    """Every number in a text, in digits or in words, dates left out (a record's date is not one of its facts)."""
    text = _DATE.sub(" ", _FULL_DATE.sub(" ", _system_names_with_digits().sub(" ", text)))
    return [v for v, _pct in T.numbers(text)] + E.spelled_numbers(text)


@dataclass
class _Node:
    id: str
    type: str
    stems: frozenset[str]
    numbers: frozenset[float]
    names: tuple[re.Pattern[str], ...] = ()  # a case study's customer, a feature's name: naming it uses the node
    pcts: frozenset[float] = frozenset()  # the percentages it states


@dataclass
class _Facts:
    """What the judge precomputes once per scenario."""

    nodes: dict[str, _Node]
    traps: dict[str, str]
    trap_reason: dict[str, str]
    gold_paths: list[list[str]]
    relevant: frozenset[str]
    research: frozenset[str]
    triggers: frozenset[str]
    features_ok: list[tuple[str, re.Pattern[str], frozenset[str]]]
    features_wrong: list[tuple[str, re.Pattern[str]]]
    paste_grams: frozenset[tuple[str, ...]]
    trap_grams: dict[tuple[str, ...], str]
    trap_only_numbers: dict[float, str]
    kg_numbers: frozenset[float]
    brief_numbers: frozenset[float]
    trap_names: list[tuple[re.Pattern[str], str, str]]
    foreign_first: frozenset[str]
    foreign_systems: list[re.Pattern[str]]
    approved_text: str
    forbidden: list[re.Pattern[str]]
    goal_keywords: list[str]
    first_re: re.Pattern[str]
    company_re: re.Pattern[str]
    role_stems: frozenset[str]
    acronyms: frozenset[str]
    product_re: re.Pattern[str]
    years_ok: frozenset[float]
    common: frozenset[str] = field(default_factory=frozenset)
    by_stem: dict[str, list[str]] = field(default_factory=dict)
    by_number: dict[float, list[str]] = field(default_factory=dict)
    named: list[str] = field(default_factory=list)
    negated_claim: re.Pattern[str] = re.compile(r"(?!)")
    known_text: str = ""
    other_systems: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    job_stems: frozenset[str] = frozenset()
    # First words of the names above: a name can only match where its first word is among the email's words.
    other_system_words: frozenset[str] = frozenset()
    trap_name_words: tuple[str, ...] = ()
    foreign_system_words: tuple[str, ...] = ()
    approved_stems: list[frozenset[str]] = field(default_factory=list)
    voiced_by_others: frozenset[str] = frozenset()  # pains a colleague raised, not the prospect
    as_of: str | None = None


_CLAIMS_ANY = _any_of(list(CLAIM_FAMILIES.values()))
_TONE_ANY = _any_of(list(TONE_RULES.values()))


class RubricJudge:
    """rubric-v2: deterministic, offline email judge with configurable component weights."""

    name = "rubric"
    version, components = "rubric-v2", COMPONENTS

    def __init__(self, weights: dict[str, float] | None = None) -> None:
        self.weights = component_weights(DEFAULT_WEIGHTS, weights)
        self._wsum = sum(self.weights.values())
        self._facts: dict[str, _Facts] = {}

    # ------------------------------------------------------------------ per-scenario facts
    def _facts_for(self, sc: Scenario) -> _Facts:
        f = self._facts.get(sc.id)
        if f is None:
            f = self._facts[sc.id] = self._build_facts(sc)
        return f

    def _build_facts(self, sc: Scenario) -> _Facts:
        kg = sc.graph()
        p = sc.prospect
        traps = sc.trap_ids
        own_names = {p.first_name, p.last_name, p.name, p.company}
        common = frozenset(E.content_stems(" ".join([p.name, p.company, sc.product.name, sc.product.seller])))
        feature_by_node = {fs.node_id: fs.name for fs in sc.product.features}
        nodes: dict[str, _Node] = {}
        honest_words: list[list[str]] = []
        trap_words: dict[str, list[str]] = {}
        honest_text: list[str] = []
        for i, nid in enumerate(kg.ids):
            content = kg.content(i)
            ntype = kg.node_type(i) or ""
            names: list[re.Pattern[str]] = []
            if nid in feature_by_node:
                names.append(_word_re(feature_by_node[nid], case=False))
            if ntype == "case_study":
                cust = kg.attributes(i).get("customer") or (nid.split(":", 1)[1].strip() if ":" in nid else "")
                if cust:
                    names.append(_word_re(cust))
            nodes[nid] = _Node(nid, ntype, frozenset(E.content_stems(content)) - common,
                               frozenset(_nums(content)), tuple(names),
                               frozenset(v for v, pct in T.numbers(_FULL_DATE.sub(" ", content)) if pct))
            words = E.lower_words(content)
            if traps.get(nid) in SEVERE_TRAPS:
                trap_words[nid] = words
            else:
                honest_words.append(words)
                honest_text.append(content)
        brief_text = " ".join([sc.brief(), sc.goal.text, sc.job.statement, sc.product.pitch, p.title])
        brief_numbers = frozenset(_nums(brief_text))
        honest_numbers: set[float] = set(brief_numbers)
        for nid, nd in nodes.items():
            if traps.get(nid) not in SEVERE_TRAPS:
                honest_numbers |= nd.numbers
        for pain in p.pains:
            honest_numbers.update(_nums(pain))
        trap_only: dict[float, str] = {}
        for nid in trap_words:
            for v in nodes[nid].numbers - honest_numbers:
                trap_only.setdefault(v, nid)
        # Trap phrases: runs of four content stems found in a trap node and in no honest one.
        honest4: set[tuple[str, ...]] = set()
        paste: set[tuple[str, ...]] = set()
        for w, txt in zip(honest_words, honest_text, strict=True):
            honest4 |= _grams(E.content_stems(txt), 4)
            paste |= _grams(w, 7)
        trap_grams: dict[tuple[str, ...], str] = {}
        for nid, w in trap_words.items():
            paste |= _grams(w, 7)
            for g in _grams(E.content_stems(kg.content(nid)), 4) - honest4:
                trap_grams.setdefault(g, nid)
        honest_lower = " ".join(honest_text).lower()
        honest_text_lc = " ".join(honest_text)  # as written: "uptake" in a sentence is a word, "Uptake" may be a vendor
        honest_text_lc = " ".join(w for w in honest_text_lc.split() if not w[:1].isupper()).lower()
        trap_names: list[tuple[re.Pattern[str], str, str]] = []
        for t in sc.traps:
            if t.kind not in SEVERE_TRAPS:
                continue
            for ph in t.phrases:
                if not ph or ph in own_names or ph.lower() in honest_lower:
                    continue  # words an honest record also says show nothing
                is_name = ph[:1].isupper() and len(ph.split()) <= 4 and not any(c in ph for c in ".,;:")
                distinctive = (len(ph.split()) > 1 or any(c.isupper() or c.isdigit() for c in ph[1:])
                               or re.search(rf"\b{re.escape(ph.lower())}\b", honest_text_lc) is None)
                trap_names.append((_word_re(_fold(ph), case=not (t.kind == "compliance" or not is_name or distinctive)),
                                   t.kind, t.node_id))
        # Names that only trap records mention (a stale system, another account's people, a rumoured vendor).
        for nid in trap_words:
            for name in _names_in(kg.content(nid)):
                if name.lower() not in honest_lower and name not in own_names and name.lower() not in sc.brief().lower():
                    trap_names.append((_word_re(_fold(name), case=not (len(name.split()) > 1 or any(
                        c.isupper() or c.isdigit() for c in name[1:]))), traps[nid], nid))
        for d in sc.decoy_entities:
            if d and d not in own_names and d.lower() not in honest_lower and len(d) > 2:
                trap_names.append((_word_re(d), "other_account", ""))
        firsts, systems = _lexicon()
        honest_ids = " ".join(n for n in kg.ids if traps.get(n) not in SEVERE_TRAPS).lower()
        allowed_caps = " ".join([honest_lower, honest_ids, *own_names, *(fs.name for fs in sc.product.features),
                                 sc.brief()]).lower()
        foreign_first = frozenset(n for n in firsts if n.lower() not in allowed_caps and n not in own_names)
        foreign_systems = [_word_re(s) for s in sorted(systems) if s.lower() not in allowed_caps
                           and s not in _MEETING_TOOLS]
        gold = {n for path in sc.gold_paths for n in path}
        relevant = set(gold) | set(sc.supporting_nodes)
        for fid in sc.relevant_features:
            if fid in kg:
                relevant.update(t for t in kg.neighbors(fid) if t not in traps)
        research = {n for n in gold | set(sc.supporting_nodes)
                    if n in nodes and nodes[n].type not in PRODUCT_SIDE_TYPES and nodes[n].type != "customer_job"
                    and n not in traps}
        triggers = {n for n in research if nodes[n].type in ("news", "trigger", "event", "hiring", "social_post")}
        feats_ok = []
        for fs in sc.product.features:
            if fs.node_id in sc.relevant_features:
                desc = frozenset(E.content_stems(fs.description)) - common
                feats_ok.append((fs.node_id, _word_re(fs.name, case=False), desc))
        feats_wrong = [(fs.node_id, _word_re(fs.name, case=False)) for fs in sc.product.features
                       if traps.get(fs.node_id) == "irrelevant_feature"]
        acr: set[str] = set()
        for txt in [*honest_text, brief_text]:
            acr.update(re.findall(r"\b[A-Z][A-Z0-9&/]{1,}\b", txt))
        approved = " ".join([*sc.product.approved_claims, *honest_text]).lower()
        year = int(sc.as_of[:4]) if sc.as_of and sc.as_of[:4].isdigit() else None
        years_ok = frozenset(float(y) for y in range(year - 1, year + 2)) if year else frozenset()
        by_stem: dict[str, list[str]] = {}
        by_number: dict[float, list[str]] = {}
        for nid, nd in nodes.items():
            for st in nd.stems:
                by_stem.setdefault(st, []).append(nid)
            for v in nd.numbers:
                by_number.setdefault(v, []).append(nid)
        refs = "|".join([re.escape(sc.product.name), *(re.escape(fs.name) for fs in sc.product.features), _REF_WORDS])
        negated_claim = re.compile(rf"\b(?:{refs})\b(?:\W+\w+){{0,5}}?\W+{_NEG}\s+(?:\w+\s+){{0,2}}?{_BENEFIT}\b", _I)
        # Systems this prospect does not run today (an old survey's, a wrong-fit feature's, another industry's).
        stack_names = set(systems)
        for nid in kg.ids:
            head, _, rest = nid.partition(": ")
            if head in ("Tech", "Integration"):
                stack_names.add(rest)
            elif head == "Requirement" and rest.startswith("integrates with "):
                stack_names.add(rest.removeprefix("integrates with "))
        for nid in kg.ids:
            if kg.node_type(nid) == "tech_survey":
                stack_names.update(x.strip(" .") for x in kg.content(nid).split(":", 1)[-1].split(","))
        for fs in sc.product.features:
            stack_names.update(m.group(1) for m in re.finditer(r"native ([A-Z][\w /.&-]{1,40}?) connector", fs.description))
        current = [x.lower() for x in p.tech_stack]
        other_systems = [(re.compile(rf"\b(?:you|your|you're)\b[^.?!]{{0,40}}?\b(?:use|uses|using|run|runs|running|on|in|into|"
                                     rf"rel(?:y|ies) on|work(?:s|ing)? in|still in)\s+(?:the\s+)?{re.escape(x)}(?![\w])", _I), x)
                         for x in sorted(stack_names) if len(x) > 2
                         and not any(re.search(rf"(?<!\w){re.escape(x.lower())}(?!\w)", c) for c in current)]
        company_core = p.company.rstrip(".").removesuffix(" Co").removesuffix(" Inc").removesuffix(" Ltd")
        return _Facts(
            nodes=nodes, traps=traps, trap_reason={t.node_id: t.reason for t in sc.traps},
            gold_paths=[list(x) for x in sc.gold_paths], relevant=frozenset(relevant), research=frozenset(research),
            triggers=frozenset(triggers), features_ok=feats_ok, features_wrong=feats_wrong,
            paste_grams=frozenset(paste), trap_grams=trap_grams, trap_only_numbers=trap_only,
            kg_numbers=frozenset(honest_numbers), brief_numbers=brief_numbers, trap_names=trap_names,
            foreign_first=foreign_first, foreign_systems=foreign_systems, approved_text=approved,
            forbidden=[_word_re(x, case=False) for x in sc.forbidden_phrases if x.strip()],
            goal_keywords=[k.lower() for k in sc.goal.keywords],
            first_re=re.compile(rf"\b(?:{re.escape(p.first_name)}|{re.escape(p.last_name)})\b"),
            company_re=_word_re(company_core), role_stems=frozenset(E.content_stems(f"{p.title} {p.industry}")),
            acronyms=frozenset(acr), product_re=_word_re(sc.product.name, case=False), years_ok=years_ok,
            common=common, by_stem=by_stem, by_number=by_number, named=[n for n, nd in nodes.items() if nd.names],
            negated_claim=negated_claim, known_text=allowed_caps, as_of=sc.as_of, other_systems=other_systems,
            other_system_words=frozenset(_first_word(x) for _, x in other_systems),
            trap_name_words=tuple(_first_word(t[0].pattern) for t in trap_names),
            foreign_system_words=tuple(_first_word(rx.pattern) for rx in foreign_systems),
            job_stems=frozenset(E.content_stems(sc.job.statement)) - common,
            approved_stems=[frozenset(E.content_stems(c)) - common for c in sc.product.approved_claims],
            voiced_by_others=frozenset(n for n in kg.ids if (kg.attributes(n).get("voiced_by") or p.name) != p.name),
        )

    # ------------------------------------------------------------------ scoring
    def no_email(self) -> JudgeResult:
        """The result for an episode that ended without an email (truncated): every component 0."""
        comps = dict.fromkeys(COMPONENTS, 0.0)
        comps["gate"] = 0.0
        return JudgeResult(total=0.0, components=comps, details={"reason": "no email", "version": self.version},
                           source="rubric")

    def score(self, scenario: Scenario, email: FinalEmail | None, trajectory: Trajectory | None = None) -> JudgeResult:
        """Score one email (and optionally the trajectory that produced it)."""
        if email is None:
            return self.no_email()
        return _Scoring(self, self._facts_for(scenario), email, trajectory).run()

    def score_group(self, scenario: Scenario, trajectories: Sequence[Trajectory]) -> list[tuple[float, dict[str, float]]]:
        """Pointwise scores for a group (the rubric judge needs no group context)."""
        return pointwise_group(self, scenario, trajectories)


@dataclass
class _Sentence:
    text: str
    stems: frozenset[str]  # content stems, the prospect's and seller's names left out
    words: list[str]
    raw: list[str]  # content stems in order (for runs of stems)


class _Scoring:
    """One email's scoring pass: collects components, caps and penalties (each naming its rule and sentence)."""

    def __init__(self, judge: RubricJudge, f: _Facts, email: FinalEmail, traj: Trajectory | None) -> None:
        self.j, self.f, self.traj = judge, f, traj
        self.subject, d1 = _normalise(str(email.subject or "")[:500])
        body = str(email.body or "")
        self.unread = False  # text past the judge's read limit (E.read_limit): too long to be a cold email
        if len(body) > E.MAX_WORDS:  # (fewer characters than that cannot hold MAX_WORDS words)
            cut = E.read_limit(body)
            self.unread = not body[cut:].isspace() and cut < len(body)
            body = body[:cut]
        self.body, d2 = _normalise(body)
        if len(self.body) > E.MAX_CHARS:  # NFKC lengthened it past the limit ("…" -> "..."): that tail is unread too
            self.unread = self.unread or not self.body[E.MAX_CHARS:].isspace()
        self.subject, self.body = self.subject[:500], self.body[:E.MAX_CHARS]
        self.disguised = d1 or d2
        self.citations = list(dict.fromkeys(c for c in email.citations if isinstance(c, str)))[:200]
        self.penalties: list[dict[str, Any]] = []
        self.caps: list[float] = []

    def penalise(self, rule: str, sentence: str, effect: str, cap: float | None = None) -> None:
        self.penalties.append({"rule": rule, "sentence": sentence[:200], "effect": effect})
        if cap is not None:
            self.caps.append(cap)

    # ---------------------------------------------------------------- structure
    def _split(self) -> None:
        lines = [ln.strip() for ln in self.body.splitlines()]
        lines = [ln for ln in lines if ln]
        self.greeting = ""
        if lines and _GREETING.match(lines[0]) and len(lines[0].split()) <= 8:
            self.greeting = lines.pop(0)
        # The sign-off: the last "Best,"-style line among the final lines; after it come the signature (name, title,
        # phone: not claims) and any P.S. (content, as a reader reads it).
        self.signoff, ps = [], []
        for i in range(len(lines) - 1, max(-1, len(lines) - 8), -1):
            if _SIGNOFF.match(lines[i]) and len(lines[i].split()) <= 4:
                after = lines[i + 1:]
                ps = [ln for ln in after if _PS.match(ln)]
                self.signoff = [lines[i], *(ln for ln in after if not _PS.match(ln))]
                lines = lines[:i]
                break
        if not self.signoff:  # a bare signature: a name, a title, a phone number, no sentence punctuation
            while (len(lines) > 2 and len(self.signoff) < 3 and _SIGNATURE_LINE.match(lines[-1])
                   and len(lines[-1].split()) <= 6 and not set(E.lower_words(lines[-1])) & E.FUNCTION_WORDS):
                self.signoff.insert(0, lines.pop())
        lines += [_PS.sub("", ln, count=1) for ln in ps]
        self.field_lines = [ln for ln in lines if _FIELD_LINE.match(ln)]
        self.structure_errors = [ln for ln in lines if (_GREETING.match(ln) and len(ln.split()) <= 8)
                                 or (_SIGNOFF.match(ln) and len(ln.split()) <= 4)]
        sents: list[str] = []
        for ln in lines:
            item = ln.lstrip("-*•· \t")
            if item != ln and item[:1].islower():
                item = item[:1].upper() + item[1:]  # a bullet item may start in lower case
            sents += E.sentences(item)
        self.sents = []
        for text in sents:
            raw = E.content_stems(text)
            self.sents.append(_Sentence(text, frozenset(raw) - self.f.common, E.lower_words(text), raw))
        self.content = " ".join(s.text for s in self.sents)
        self.all_stems = frozenset().union(*(s.stems for s in self.sents))
        self.full = f"{self.subject}\n{self.body}"
        self.folded = _fold(self.full)
        self.word_set = frozenset(E.lower_words(self.folded))

    # ---------------------------------------------------------------- evidence
    def _evidence(self) -> set[str]:
        if self.traj is not None:
            return {n for n in self.traj.retrieved_nodes if n in self.f.nodes}
        return {n for n in self.citations if n in self.f.nodes}

    def _uses(self, s: _Sentence, nd: _Node, nums: set[float]) -> float:
        """How strongly a sentence uses a node: shared content stems, shared numbers, or the node's name."""
        shared = len(s.stems & nd.stems)
        strength = shared / max(2.5, min(len(s.stems), len(nd.stems)) * 0.4)
        # A specific number (not a year, not a small count) shared with the node is strong evidence of use.
        strength += 0.7 * sum(1 for v in nums & nd.numbers if _specific(v))
        if any(r.search(s.text) for r in nd.names):
            strength += 1.0
        return strength

    # ---------------------------------------------------------------- the pass
    def run(self) -> JudgeResult:
        f = self.f
        self._split()
        evidence = self._evidence()
        details: dict[str, Any] = {"version": self.j.version}
        c: dict[str, float] = {}
        form = self._form(details)
        sent_nums = [self._claim_numbers(s.text) for s in self.sents]
        # Which nodes each sentence uses (strength >= 1), honest or trap.
        uses: list[dict[str, float]] = []
        for s, nums in zip(self.sents, sent_nums, strict=True):
            u = {}
            cand = set(f.named)
            for st in s.stems:
                cand.update(f.by_stem.get(st, ()))
            for v in nums:
                cand.update(f.by_number.get(v, ()))
            for nid in sorted(cand):
                st = self._uses(s, f.nodes[nid], nums)
                if st >= 1.0:
                    u[nid] = st
            uses.append(u)
        used_nodes = {n for u in uses for n in u}
        self._traps(uses, sent_nums, details)
        c["factuality"] = self._factuality(sent_nums, evidence, uses, details)
        c["grounding"] = self._grounding(evidence, uses, sent_nums, used_nodes, details)
        # Research a template cannot fake: a research record used with a number of its own, or with words beyond the
        # job statement that every record of this prospect repeats.
        research_used = sorted({n for s, u, nums in zip(self.sents, uses, sent_nums, strict=True) for n in u
                                if n in f.research and n in evidence
                                and (len((s.stems & f.nodes[n].stems) - f.job_stems) >= 2
                                     or any(_specific(v) for v in nums & f.nodes[n].numbers))})
        self._events_and_names(evidence, uses, details)
        trigger_used = any(n in f.triggers for n in research_used)
        fit = self._fit(evidence, details)
        c["personalization"] = self._personalization(research_used, trigger_used, details)
        c["alignment"] = self._alignment(fit, research_used, details)
        c["cta"] = self._cta(details)
        c["clarity"] = self._clarity(details)
        c["compliance"] = self._compliance(details)
        c["tone"] = self._tone(details)
        c["form"] = form
        need = 1.0 if research_used else 0.0
        substance = (0.3 + 0.7 * need) * (0.25 + 0.75 * fit)
        if need == 0:
            self.penalise("no research", "", "the email uses no pain, trigger or metric of this prospect from the KG")
        gate = form * substance
        pains = [n for n in research_used if f.nodes[n].type == "pain"]
        if len(pains) >= 3:  # one problem, one proof: a list of every pain on file is not an argument
            gate *= 0.4
            self.penalise("pain list", "", f"{len(pains)} pains in one email; gate x0.4")
        claims = [a for a in f.approved_stems if a and len(a & self.all_stems) >= 0.7 * len(a)]
        if len(claims) >= 3:
            gate *= 0.4
            self.penalise("claims list", "", f"{len(claims)} approved claims strung together; gate x0.4")
        if self.padding > 0.5:  # most of what it cites, it does not use: attribution it did not earn
            gate *= 0.4
            self.penalise("citation padding", "", f"{self.padding:.0%} of the citations are not used; gate x0.4")
        words = sum(len(s.words) for s in self.sents)
        if self.unread:  # past the read limit: too long to be a cold email, whatever it says there
            gate *= 0.2
            self.penalise("not read", "", f"over the judge's read limit ({E.MAX_WORDS} words or {E.MAX_CHARS:,} "
                          "characters); gate x0.2")
        elif words > 220:  # replies fall sharply past ~200 words (SALES_NOTES)
            gate *= max(0.2, 1.0 - (words - 220) / 200)
            self.penalise("too long", "", f"{words} words; gate x{max(0.2, 1.0 - (words - 220) / 200):.2f}")
        c = {k: round(min(1.0, max(0.0, v)), 6) for k, v in c.items()}
        weighted = sum(self.j.weights[k] * c[k] for k in COMPONENTS) / self.j._wsum
        total = weighted * gate
        cap = min(self.caps, default=1.0)
        total = min(total, cap)
        c["gate"] = round(gate, 6)
        details.update(substance=round(substance, 4), cap=cap, research_used=sorted(research_used),
                       penalties=self.penalties)
        return JudgeResult(total=round(max(0.0, total), 6), components=c, details=details, source="rubric")

    # ---------------------------------------------------------------- components
    def _form(self, d: dict) -> float:
        sents = [s.text for s in self.sents]
        sf = E.sentence_form(sents)
        form = 1.0
        reasons = []
        if sf.tokens < 12:
            form = 0.0
            reasons.append("almost no body text")
        if self.content and sf.tokens >= 12 and sf.function_ratio < 0.3:  # prose this English needs no detector
            lang = E.language(self.content)
            if lang != "en" and sf.function_ratio < 0.3:
                form = min(form, 0.1)
                self.penalise("not English", self.content[:120], f"language detected: {lang}; form <= 0.1")
        if sf.foreign_share > 0:
            v = 0.1 if sf.foreign_share >= 0.2 else 1.0 - 4.5 * sf.foreign_share
            form = min(form, v)
            self.penalise("foreign sentence", (sf.examples or [""])[0],
                          f"{sf.foreign_share:.0%} of the text reads as another language")
        if sf.tokens >= 12:
            fr = sf.function_ratio
            if fr < 0.28:
                v = max(0.05, min(1.0, (fr - 0.12) / 0.16))
                form = min(form, v)
                self.penalise("keyword bag", self.content[:120], f"only {fr:.0%} function words; form <= {v:.2f}")
            if sf.list_share >= 0.15:
                v = max(0.05, 1.0 - 3 * sf.list_share)
                form = min(form, v)
                self.penalise("keyword list", self.content[:120],
                              f"{sf.list_share:.0%} of the words are names and keywords strung together; form <= {v:.2f}")
            rate = 100 * sf.violations / sf.tokens
            if rate > 1.5:
                v = max(0.05, 1.0 - (rate - 1.5) / 3.0)
                form = min(form, v)
                self.penalise("word order", (sf.examples or [""])[0],
                              f"{sf.violations} word-order errors in {sf.tokens} words; form <= {v:.2f}")
            if sf.well_formed_share < 0.75:
                v = max(0.05, min(1.0, (sf.well_formed_share - 0.4) / 0.35))
                form = min(form, v)
                self.penalise("fragments", self.content[:120],
                              f"only {sf.well_formed_share:.0%} of the words are in full sentences; form <= {v:.2f}")
        # Pasted KG text: the share of words inside 7-word runs copied from a node.
        words = E.lower_words(self.content)
        covered = [False] * len(words)
        for i in range(len(words) - 6):
            if tuple(words[i:i + 7]) in self.f.paste_grams:
                for k in range(i, i + 7):
                    covered[k] = True
        paste = sum(covered) / len(words) if words else 0.0
        if paste > 0.5:
            v = max(0.15, 1.0 - 0.85 * (paste - 0.5) / 0.4)
            form = min(form, v)
            self.penalise("pasted KG text", self.content[:120], f"{paste:.0%} of the words are copied; form <= {v:.2f}")
        if len(self.field_lines) >= 2:
            form = min(form, 0.15)
            self.penalise("field dump", self.field_lines[0], "labelled fields instead of sentences; form <= 0.15")
        if self.disguised:
            form = min(form, 0.1)
            self.penalise("disguised text", "", "look-alike letters or invisible characters; form <= 0.1", SEVERE_CAP)
        emoji = len(_EMOJI.findall(self.full))
        if emoji >= 3:
            form = min(form, 0.2)
            self.penalise("emoji", "", f"{emoji} emoji: not how a business email reads; form <= 0.2")
        marks = len(_MARKDOWN.findall(self.body))
        if marks >= 3:
            form = min(form, 0.25)
            self.penalise("markup", "", f"{marks} markdown headings, bold runs or rules; form <= 0.25")
        longest = max((len(s.words) for s in self.sents), default=0)
        if longest > 45:
            v = max(0.1, 1.0 - (longest - 45) / 30)
            form = min(form, v)
            self.penalise("run-on sentence", max(self.sents, key=lambda s: len(s.words)).text,
                          f"a sentence of {longest} words; form <= {v:.2f}")
        questions = sum(1 for s in self.sents if s.text.rstrip().endswith("?"))
        if questions >= 4:
            form = min(form, 0.25)
            self.penalise("interrogation", "", f"{questions} questions: one clear ask; form <= 0.25")
        if self.structure_errors:
            form *= 0.2
            self.penalise("structure", self.structure_errors[0], "a greeting or sign-off in the middle of the email")
        if _PLACEHOLDER.search(self.subject) or _PLACEHOLDER.search(self.body):
            form = min(form, 0.1)
            self.penalise("placeholder", "", "template placeholders left in; form <= 0.1")
        seen = Counter(s.text.lower() for s in self.sents if len(s.words) >= 5)
        rep = [s for s, k in seen.items() if k > 1]
        if rep:
            form = min(form, 0.2)
            self.penalise("repetition", rep[0], "a sentence repeated; form <= 0.2")
        d["form"] = {"tokens": sf.tokens, "function_ratio": round(sf.function_ratio, 3), "word_order_errors":
                     sf.violations, "well_formed": round(sf.well_formed_share, 3), "foreign": round(sf.foreign_share, 3),
                     "pasted": round(paste, 3), "reasons": reasons}
        return form

    def _claim_numbers(self, text: str) -> set[float]:
        t = _DATE.sub(" ", _FULL_DATE.sub(" ", _LOGISTICS.sub(" ", _system_names_with_digits().sub(" ", text))))
        if "?" in text or _ASK.search(text) or _MEETING.search(text):
            t = _DURATION.sub(" ", t)  # "do you have 15 minutes next week?": logistics
        out = set()
        for m in T._NUMBER.finditer(t):
            v = _nums(m.group(0))
            if not v:
                continue
            val = v[0]
            if not math.isfinite(val) or val > 1e15:
                val = 1e15  # a run of digits is a number no record holds
            unit = _UNIT.match(t, m.end())
            if val in self.f.years_ok or (val <= 3 and not m.group(4) and not m.group(1) and not unit):
                continue  # this year, next year; small counts ("3 steps") are not claims, "2 hours longer" is
            out.add(val)
        out.update(v for v in E.spelled_numbers(t) if v not in self.f.years_ok)
        return out

    def _number_supported(self, v: float, text: str, evidence_numbers: set[float]) -> bool:
        if v in evidence_numbers or v in self.f.brief_numbers:
            return True
        i = text.find(f"{v:g}") if v == int(v) else -1
        hedged = i > 0 and _HEDGE.search(text[max(0, i - 16):i].rstrip()) is not None
        return hedged and any(abs(v - e) <= 0.1 * abs(e) for e in evidence_numbers if e)

    def _events_and_names(self, evidence: set[str], uses: list[dict[str, float]], d: dict) -> None:
        """Events (funding, acquisitions, awards) and named customers the email mentions must be on record."""
        f = self.f
        ev_stems: set[str] = set()
        for n in evidence:  # events are reported by news, posts and notes (not by the job or product pages)
            if f.traps.get(n) not in SEVERE_TRAPS and f.nodes[n].type in EVENT_NODE_TYPES:
                ev_stems |= f.nodes[n].stems
        events, unknown = [], []
        for s, u in zip(self.sents, uses, strict=True):
            found = [m.group(0).lower() for m in _EVENT.finditer(s.text)]
            congrats = any(x.startswith("congrat") for x in found)
            reported = any(n in evidence and f.nodes[n].type in EVENT_NODE_TYPES and f.traps.get(n) not in SEVERE_TRAPS
                           for n in u)  # the sentence restates a retrieved news item, post or note
            missing = [x for x in found if not x.startswith("congrat")
                       and not set(E.content_stems(x)) <= ev_stems]
            if found and not reported and (missing or (congrats and len(s.stems & ev_stems) < 2)):
                events.append(s.text)
                self.penalise("invented event", s.text, f"no retrieved record reports this event; total <= {SEVERE_CAP}",
                              SEVERE_CAP)
            claims_result = bool(_RESULT_VERBS.search(s.text) or _CUSTOMER_CLAIM.search(s.text))
            for m in _NAME_RUN.finditer(s.text):
                words = m.group(0).split()
                if m.start() == 0:
                    words = words[1:]  # a sentence-initial capital says nothing
                name = " ".join(words)
                parts = [x.strip() for x in re.split(r"['’]s\b", name.lower()) if x.strip()]
                if len(words) < 2 or all(x in f.known_text for x in parts):
                    continue
                if _TITLE_WORD.search(name):
                    continue  # "our Solutions Engineer": a role, not a customer
                unknown.append(name)
                if claims_result:
                    self.penalise("invented customer", s.text, f"{name!r} is in no record; total <= {SEVERE_CAP}",
                                  SEVERE_CAP)
                else:
                    self.penalise("unknown name", s.text, f"{name!r} is in no record")
            claims_customers = bool(_CUSTOMER_CLAIM.search(s.text))
            for m in _NAME_LIST.finditer(s.text):  # "teams at Nestle, Pfizer and Unilever rely on it"
                names = [x for x in re.split(r",\s*|\s+and\s+", m.group(1)) if x]
                strangers = [x for x in names if x.lower() not in f.known_text]
                if strangers and claims_customers:
                    unknown += strangers
                    self.penalise("invented customer", s.text, f"{strangers[0]!r} is in no record; total <= {SEVERE_CAP}",
                                  SEVERE_CAP)
            for m in _FULL_DATE.finditer("" if "?" in s.text or _ASK.search(s.text) else s.text):
                when = _parse_date(m.group(0))  # (a meeting proposed for a later date is an ask, not a claim)
                if when and f.as_of and when > f.as_of:
                    self.penalise("future date", s.text, f"{m.group(0)!r} is after today ({f.as_of}); total <= "
                                  f"{SEVERE_CAP}", SEVERE_CAP)
        d["events"] = {"unsupported": len(events), "unknown_names": unknown[:5]}

    def _names_product(self, text: str) -> bool:
        f = self.f
        return bool(f.product_re.search(text) or _OWN_REF.search(text)
                    or any(rx.search(text) for _, rx, _ in f.features_ok)
                    or any(rx.search(text) for _, rx in f.features_wrong))

    def _negated(self, text: str) -> str:
        """The negated benefit claim in a sentence about the product, or ''."""
        if _POSITIVE_NEG_CONTEXT.search(text):
            return ""
        for m in self.f.negated_claim.finditer(text):
            if re.search(r"\b(?:if|unless|whether)\b", text[max(0, m.start() - 40):m.start()], _I):
                continue  # "if it's not a fit, no worries": a condition, not a claim
            after = _NEG_HEAD.search(m.group(0))
            nxt = m.group(0)[after.end():].split()[:1] if after else []
            if nxt and nxt[0].lower() in _NEG_OK:
                continue  # "won't add work", "doesn't slow anyone down": a negated harm is a benefit
            return m.group(0)
        return ""

    def _traps(self, uses: list[dict[str, float]], sent_nums: list[set[float]], d: dict) -> None:
        f = self.f
        hit: dict[str, str] = {}
        for nid in self.citations:
            if f.traps.get(nid) in SEVERE_TRAPS:
                hit.setdefault(nid, "cited")
                self.penalise(f"trap cited ({f.traps[nid]})", nid, f"cites a {f.traps[nid]} node; total <= {SEVERE_CAP}",
                              SEVERE_CAP)
        for s, u, nums in zip(self.sents, uses, sent_nums, strict=True):
            reason = ""
            tid = ""
            for g in (tuple(s.raw[i:i + 4]) for i in range(len(s.raw) - 3)):
                if g in f.trap_grams:
                    tid, reason = f.trap_grams[g], "copies a phrase found only in a trap node"
                    break
            if not tid:
                for v in nums:
                    if v in f.trap_only_numbers:
                        tid, reason = f.trap_only_numbers[v], f"uses {v:g}, a number found only in a trap node"
                        break
            if not tid:
                trap_u = {n: st for n, st in u.items() if f.traps.get(n) in SEVERE_TRAPS}
                if trap_u:
                    best_t = max(trap_u, key=lambda n: (trap_u[n], n))
                    honest = max((st for n, st in u.items() if f.traps.get(n) not in SEVERE_TRAPS), default=0.0)
                    if trap_u[best_t] >= 1.2 and trap_u[best_t] > honest + 0.5:
                        tid, reason = best_t, "restates a trap node's content"
            if tid:
                kind = f.traps[tid]
                hit.setdefault(tid, reason)
                why = f": {f.trap_reason[tid]}" if f.trap_reason.get(tid) else ""
                self.penalise(f"trap used ({kind})", s.text, f"{reason} ({tid}{why}); total <= {SEVERE_CAP}", SEVERE_CAP)
        words = self.word_set
        for s in self.sents:
            if not _ABOUT_THEM.search(s.text) or not (f.other_system_words & set(s.words)):
                continue
            for rx, name in f.other_systems:
                m = rx.search(s.text)
                if m and not re.search(r"(?:rather than|instead of|n't|not|never|without|no longer)\W+(?:\w+\W+){0,3}$",
                                       s.text[:m.start()], _I):
                    self.penalise("not their system", s.text, f"puts the prospect on {name}, which they do not run "
                                  f"today; total <= {SEVERE_CAP}", SEVERE_CAP)
                    break
        for (rx, kind, nid), word in zip(f.trap_names, f.trap_name_words, strict=True):
            if word not in words:
                continue
            m = rx.search(self.folded)
            if m:
                hit.setdefault(nid or m.group(0), "named")
                self.penalise(f"trap used ({kind})", m.group(0), f"names {m.group(0)!r}; total <= {SEVERE_CAP}",
                              SEVERE_CAP)
        for s, u in zip(self.sents, uses, strict=True):
            if not _THEIR_WORDS.search(s.text):
                continue
            own = [n for n in u if u[n] >= 1.5 and n in f.nodes and f.nodes[n].type == "pain" and n not in f.voiced_by_others]
            other = [n for n in u if u[n] >= 1.5 and n in f.voiced_by_others]
            if other and max(u[n] for n in other) > max((u[n] for n in own), default=0.0) + 0.3:
                self.penalise("someone else's words", s.text, f"puts a colleague's words ({other[0]}) in the prospect's "
                              f"mouth; total <= {SEVERE_CAP}", SEVERE_CAP)
        if self.greeting:
            names = [w for w in re.findall(r"\b[A-Z][\w'’-]+", self.greeting)[1:]
                     if w.lower() not in _GENERIC_ADDRESSEE and w not in ("Mr", "Ms", "Mrs", "Dr", "Dear")]
            if names and not any(f.first_re.fullmatch(w) or f.first_re.search(w) for w in names):
                self.penalise("wrong recipient", self.greeting, f"addressed to {' '.join(names)!r}, not the prospect; "
                              f"total <= {SEVERE_CAP}", SEVERE_CAP)
        signed_text = "\n".join([self.subject, self.greeting, self.content])  # the sender signs with their own name
        for tok in sorted(set(re.findall(r"\b[A-Z][a-z]+\b", signed_text))):
            if tok in f.foreign_first:
                self.penalise("wrong person", tok, f"names {tok!r}, who is not in this prospect's records; "
                              f"total <= {SEVERE_CAP}", SEVERE_CAP)
                hit.setdefault(tok, "named")
        d["traps"] = hit

    def _factuality(self, sent_nums: list[set[float]], evidence: set[str], uses: list[dict[str, float]],
                    d: dict) -> float:
        f = self.f
        score = 1.0
        invented = unretrieved = 0
        for s, nums, u in zip(self.sents, sent_nums, uses, strict=True):
            named = [n for n in u if f.nodes[n].type == "case_study" and any(r.search(s.text) for r in f.nodes[n].names)]
            if named:
                own = set().union(*(f.nodes[n].numbers for n in named)) | f.brief_numbers
                other = [n for n in u if f.nodes[n].type == "case_study" and n not in named
                         and u[n] > max(u[x] for x in named) - 1.0 + 0.3]  # stronger match once the name bonus is off
                wrong_nums = sorted(v for v in nums if v not in own)
                if wrong_nums or other:
                    score -= 0.5
                    what = f"{wrong_nums[0]:g} is not in its record" if wrong_nums else f"the result is {other[0]}'s"
                    self.penalise("misattributed result", s.text, f"credits {named[0]} with a result it did not get "
                                  f"({what}); total <= {SEVERE_CAP}", SEVERE_CAP)
                    continue
            used_honest: set[float] = set()
            used_trap: dict[float, str] = {}
            for n in u:
                if f.traps.get(n) in SEVERE_TRAPS:
                    used_trap.update(dict.fromkeys(f.nodes[n].numbers, n))
                elif n in evidence:
                    used_honest |= f.nodes[n].numbers
            # The sentence's related records, honest ones retrieved and not, and the records it restates: derived once
            # for the sentence, on first need.
            related: set[float] | None = None
            unretrieved_nums: set[float] | None = None
            restated: list[str] | None = None
            for v in sorted(nums):
                if v in f.trap_only_numbers or v in used_honest or v in f.brief_numbers:
                    continue
                if v in used_trap:
                    score -= 0.5
                    self.penalise(f"trap used ({f.traps[used_trap[v]]})", s.text,
                                  f"{v:g} comes from {used_trap[v]}, not from the record the sentence restates; "
                                  f"total <= {SEVERE_CAP}", SEVERE_CAP)
                    continue
                if related is None:
                    related = {x for n in evidence if f.traps.get(n) not in SEVERE_TRAPS
                               and s.stems & f.nodes[n].stems for x in f.nodes[n].numbers}
                if self._number_supported(v, s.text, related):
                    continue
                if unretrieved_nums is None:
                    unretrieved_nums = {x for n, nd in f.nodes.items() if n not in evidence and f.traps.get(n) is None
                                        and s.stems & nd.stems for x in nd.numbers}
                if v in unretrieved_nums:
                    unretrieved += 1
                    score -= 0.3
                    self.penalise("unretrieved fact", s.text, f"{v:g} is in the KG but was not retrieved")
                    continue
                if restated is None:
                    restated = [n for n in u if u[n] >= 1.5 and n in evidence and f.traps.get(n) not in SEVERE_TRAPS
                                and any(_specific(x) for x in f.nodes[n].numbers)]
                if restated and v > 3:
                    invented += 1
                    score -= 0.5
                    self.penalise("misquoted number", s.text, f"{v:g} is not what {restated[0]} says; "
                                  f"total <= {SEVERE_CAP}", SEVERE_CAP)
                    continue
                invented += 1
                score -= 0.5
                where = "in no record" if v not in f.kg_numbers else "in no record about what this sentence says"
                self.penalise("invented number", s.text, f"{v:g} is {where}; total <= {SEVERE_CAP}", SEVERE_CAP)
            q = _QUANTIFIER.search(s.text)
            if q and not nums:
                low = 85.0 if q.group(0).lower().split()[0] in ("nearly", "almost", "virtually", "practically") else 50.0
                pcts = [v for n in u if u[n] >= 1.5 and n in evidence for v in f.nodes[n].pcts]
                if pcts and all(v < low for v in pcts):
                    score -= 0.5
                    self.penalise("misquoted number", s.text, f"{q.group(0)!r} where the record says {pcts[0]:g}%; "
                                  f"total <= {SEVERE_CAP}", SEVERE_CAP)
            for fam, rx in (CLAIM_FAMILIES.items() if _CLAIMS_ANY.search(s.text.lower()) else ()):
                if fam == "generic statistic" and named:
                    continue  # "one of our customers, Linwood Dairy, cut ... by 27%": a named, recorded result
                m = next((m for m in rx.finditer(s.text) if m.group(0).lower().strip() not in f.approved_text), None)
                if m:
                    score -= 0.5
                    self.penalise(f"unapproved claim ({fam})", s.text, f"{m.group(0)!r} is not an approved claim; "
                                  f"total <= {SEVERE_CAP}", SEVERE_CAP)
            neg = self._negated(s.text)
            if neg:
                score -= 0.5
                self.penalise("negated claim", s.text, f"{neg!r} denies what the product does; total <= {SEVERE_CAP}",
                              SEVERE_CAP)
            m2 = _INVERTED.search(s.text)
            negated = m2 is not None and re.search(r"(?:n't|n’t|\bnot|\bnever|\bwithout|\bno longer)\s+(?:\w+\s+)?$",
                                                   s.text[max(0, m2.start() - 30):m2.start()], _I)
            if m2 and not negated and self._names_product(s.text[max(0, m2.start() - 80):m2.start()]):
                score -= 0.5
                self.penalise("inverted claim", s.text, f"{m2.group(0)!r} turns the benefit around; "
                              f"total <= {SEVERE_CAP}", SEVERE_CAP)
        for rx, word in zip(f.foreign_systems, f.foreign_system_words, strict=True):
            if word not in self.word_set:
                continue
            m = rx.search(self.full)
            if m:
                score -= 0.3
                self.penalise("unknown system", m.group(0), f"{m.group(0)!r} is in none of the prospect's records")
        d["factuality"] = {"invented_numbers": invented, "unretrieved_numbers": unretrieved}
        return score

    def _grounding(self, evidence: set[str], uses: list[dict[str, float]], sent_nums: list[set[float]],
                   used_nodes: set[str], d: dict) -> float:
        f = self.f
        facts = supported = 0
        for s, u, nums in zip(self.sents, uses, sent_nums, strict=True):
            # A claim: a number, or a sentence that uses a node, or one that talks in the KG's own terms.
            kg_terms = sum(1 for st in s.stems if st in f.by_stem)
            if not (nums or u or kg_terms >= 3) or ("?" in s.text or _ASK.search(s.text)) and not nums:
                continue
            facts += 1
            if any(n in evidence and f.traps.get(n) not in SEVERE_TRAPS for n in u):
                supported += 1
            else:
                self.penalise("unsupported claim", s.text, "no retrieved node supports this sentence")
        support = supported / facts if facts else 0.0
        cited = [n for n in self.citations]
        valid = [n for n in cited if n in f.nodes]
        good = [n for n in valid if n in used_nodes and n in evidence and f.traps.get(n) not in SEVERE_TRAPS]
        unused = [n for n in valid if n not in used_nodes]
        for n in unused:
            self.penalise("unused citation", n, "cited, but the body does not use this node")
        self.padding = len(unused) / len(valid) if len(valid) >= 3 else 0.0
        precision = sum(1 for n in good if n in f.relevant) / len(cited) if cited else 0.0
        recall = 0.0
        gset = set(good)
        for path in f.gold_paths:
            core = [n for n in path if f.nodes.get(n) is None or f.nodes[n].type != "customer_job"] or path
            recall = max(recall, min(1.0, sum(1 for n in core if n in gset) / min(3, len(core))))
        f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
        d["grounding"] = {"fact_sentences": facts, "supported": supported, "cited": len(cited), "cited_used": len(good),
                          "precision": round(precision, 3), "recall": round(recall, 3)}
        return 0.5 * support + 0.5 * f1

    def _fit(self, evidence: set[str], d: dict) -> float:
        f = self.f
        ok = [nid for nid, rx, desc in f.features_ok if nid in evidence
              and (rx.search(self.content) or any(len(s.stems & desc) >= 3 for s in self.sents))]
        wrong = [nid for nid, rx in f.features_wrong if rx.search(self.content)]
        self.wrong_features = wrong
        self.ok_features = ok
        for nid in wrong:
            self.penalise("wrong feature", nid, "pitches a feature that does not fit this prospect's need")
        d["fit"] = {"fitting": ok, "wrong": wrong}
        if ok:
            return max(0.0, 1.0 - 0.5 * len(wrong))  # the right feature buried in a list is not a fit
        return 0.0 if wrong else 0.4

    def _personalization(self, research_used: list[str], trigger_used: bool, d: dict) -> float:
        f = self.f
        name = 1.0 if f.first_re.search(self.greeting + "\n" + self.body) else 0.0
        company = 1.0 if f.company_re.search(self.full) else 0.0
        stems = frozenset(E.content_stems(self.full))
        role = 1.0 if f.role_stems & stems else 0.0
        research = min(1.0, len(research_used) / 2 + (0.5 if trigger_used else 0.0))
        d["personalization"] = {"name": name, "company": company, "role": role, "research_facts": len(research_used),
                                "trigger": trigger_used}
        return 0.15 * name + 0.15 * company + 0.1 * role + 0.6 * research

    def _alignment(self, fit: float, research_used: list[str], d: dict) -> float:
        need = 1.0 if research_used else 0.0
        score = 0.5 * fit + 0.3 * need + (0.2 if fit == 1.0 and need else 0.0)
        score -= 0.3 * len(self.wrong_features)
        if len(self.ok_features) + len(self.wrong_features) >= 3:
            score -= 0.2
            self.penalise("feature list", "", "pitches three or more features: one problem, one proof")
        d["alignment"] = {"fit": fit, "need": need}
        return score

    def _cta(self, d: dict) -> float:
        sents = [s.text for s in self.sents]
        tail = " ".join(sents[-3:])
        ask = 1.0 if ("?" in tail or _ASK.search(tail)) else (0.5 if _ASK.search(self.content) else 0.0)
        goal = 1.0 if any(k in self.content.lower() for k in self.f.goal_keywords) else 0.0
        specific = 1.0 if _TIME.search(tail) else 0.0
        score = 0.5 * ask + 0.3 * goal * (1.0 if ask else 0.5) + 0.2 * specific * ask
        if self.content.count("?") > 2:
            score -= 0.3
            self.penalise("several asks", "", f"{self.content.count('?')} questions: one clear ask")
        if not ask:
            self.penalise("no ask", "", "the email asks for nothing")
        d["cta"] = {"ask": ask, "goal_match": goal, "specific": specific}
        return score

    def _clarity(self, d: dict) -> float:
        n = sum(len(s.words) for s in self.sents) + len(E.tokens(self.greeting))
        if n < 20:
            length = 0.2
        elif n < 50:
            length = 0.6 + 0.4 * (n - 20) / 30
        elif n <= 130:
            length = 1.0
        elif n <= 200:
            length = 1.0 - 0.4 * (n - 130) / 70
        elif n <= 300:
            length = 0.6 - 0.4 * (n - 200) / 100
        else:
            length = 0.1
        if length < 0.8:
            self.penalise("length", "", f"{n} words (best 50-130)")
        sw = E.tokens(self.subject)
        subj = 1.0
        if not sw:
            subj = 0.0
        elif len(sw) > 10 or len(self.subject) > 70:
            subj = 0.4
        elif self.subject.isupper() or "!" in self.subject:
            subj = 0.2
        elif _SUBJECT_FAKE.match(self.subject):
            subj = 0.2
            self.penalise("fake reply subject", self.subject, "a cold email posing as a reply")
        avg = n / max(1, len(self.sents))
        long_pen = max(0.0, (avg - 28) / 28)
        score = 0.25 * subj + 0.6 * length + 0.15 - 0.2 * long_pen
        d["clarity"] = {"words": n, "subject_words": len(sw), "avg_sentence_words": round(avg, 1)}
        return score

    def _compliance(self, d: dict) -> float:
        bad = []
        for rx in self.f.forbidden:
            m = rx.search(self.full)
            if m:
                bad.append(m.group(0))
                self.penalise("forbidden phrase", m.group(0), f"{m.group(0)!r} may not be said; total <= {SEVERE_CAP}",
                              SEVERE_CAP)
        d["compliance"] = {"forbidden": bad}
        return 0.0 if bad else 1.0

    def _tone(self, d: dict) -> float:
        score = 1.0
        found = []
        texts = [self.subject, *(x.text for x in self.sents), *self.signoff]
        for rule, rx in (TONE_RULES.items() if _TONE_ANY.search("\n".join(texts).lower()) else ()):
            for s in texts:
                m = rx.search(s)
                if m:
                    found.append(rule)
                    score = 0.0
                    self.penalise(rule, s, f"{m.group(0)!r}; total <= {SEVERE_CAP}", SEVERE_CAP)
                    break
        shouting = [w for w in re.findall(r"\b[A-Z]{4,}\b", self.full) if w not in self.f.acronyms]
        if len(shouting) >= 2:
            score -= 0.5
            self.penalise("shouting", " ".join(shouting[:4]), "words in capitals",
                          SEVERE_CAP if len(shouting) >= 3 else None)
        bangs = self.full.count("!")
        if bangs >= 2 or "!!" in self.full:
            score -= 0.4
            self.penalise("exclamations", "", f"{bangs} exclamation marks")
        d["tone"] = {"rules": found, "shouting": shouting[:5], "exclamations": bangs}
        return score
