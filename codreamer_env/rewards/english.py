"""English form checks for judging emails: tokens, stems, function words, sentence structure, language.

Everything here is linear-time in the text (simple regexes without nested quantifiers) and cached where a
word is looked up again and again. The whole-email language guess comes from `py3langid` (a maintained
fork of langid.py: a small bundled model, ~25 us a call, no download); the per-sentence checks, which
catch one foreign sentence inside an English email, compare English with other languages' function words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import snowballstemmer

# Tokens: words with inner apostrophes/hyphens/ampersands, and numbers. No nested quantifiers: linear.
_TOKEN = re.compile(r"[^\W_][\w'’&\-]*")
_LINE_SENT = re.compile(r"(?<=[.!?])[\"'’”)]*\s+")
# The judge reads at most this much of a body: 600 words (3x the ~200 words past which replies fall, SALES_NOTES;
# the "too long" gate is at its floor by 620) or 5,000 characters. A body longer than that is gated to the floor
# as too long (counted over the whole body), so what it says past the limit cannot raise its score; the limit
# keeps judging linear and bounded (benchmarks/adversarial_actions.py: a step <= 50 ms up to the action cap).
MAX_CHARS = 5_000
MAX_WORDS = 600


def read_limit(text: str) -> int:
    """Where the judge stops reading `text`: the end of its MAX_WORDS-th word, at most MAX_CHARS."""
    for i, m in enumerate(_TOKEN.finditer(text, 0, MAX_CHARS)):
        if i + 1 == MAX_WORDS:
            return m.end()
    return min(len(text), MAX_CHARS)

DETERMINERS = frozenset("the a an your our my their its every each".split())
PREPOSITIONS = frozenset("of to in for on with at by from into about over under between through during within "
                         "without across after before per via".split())
CONJUNCTIONS = frozenset("and or but nor".split())
AUXILIARIES = frozenset("is are was were be been being am has have had will would can could should may might "
                        "must do does did shall".split())
PRONOUNS = frozenset("i you he she it we they me him her us them this that these those who which what whom "
                     "whose there here".split())
OTHER_FUNCTION = frozenset("not no so if than then as when where while because also just only more most very "
                           "any some all both how why up out".split())
FUNCTION_WORDS = DETERMINERS | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | PRONOUNS | OTHER_FUNCTION | frozenset(
    "i'd i'm i'll i've you're you've you'd we're we've we'd it's that's there's let's don't doesn't isn't aren't "
    "won't can't wasn't haven't hasn't".split())
# Words that cannot end an English sentence (articles, possessives, most prepositions, conjunctions).
_NO_END = DETERMINERS | CONJUNCTIONS | frozenset(["of"])
# Function words of the languages an email is most often written in instead of English.
FOREIGN_FUNCTION = frozenset(
    # Spanish / Portuguese
    "el la los las que de del para con por una uno unos unas es está están su sus al lo le les muy pero como "
    "más usted ustedes nuestro nuestra sobre también hola saludos gracias o em um uma com não os ao à são seu "
    "sua você vocês nós obrigado olá "
    # French
    "le les des du est et pour avec dans sur une vous votre vos nous notre nos sont pas qui bonjour cordialement "
    "merci au aux ce cette mais "
    # German / Dutch
    "der die das und ist mit für nicht sie wir ihr ihre ihren ein eine einen dem den zu auf von im auch sehr "
    "hallo grüße danke het een en van ik je jij wij zijn niet ook voor dat "
    # Italian
    "il che per sono della delle degli gli ciao grazie questo questa".split()
) - FUNCTION_WORDS

_stemmer = snowballstemmer.stemmer("english")
_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024F]")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a lower-case word."""
    return _stemmer.stemWord(word)


def tokens(text: str) -> list[str]:
    """Word and number tokens in their original case."""
    return _TOKEN.findall(text)


STOP_STEMS = frozenset(stem(w) for w in FUNCTION_WORDS | frozenset(
    "hi hello hey dear best regards thanks thank cheers today week weeks month months year years day days team "
    "teams company help helps make makes need needs want like know get got would could one two three also "
    "new work works use uses using time times way ways said say says told tell mentioned mention wrote write "
    "shared noted according".split()))


def content_stems(text: str) -> list[str]:
    """Stems of the content words (no function words, nothing shorter than 3 letters, no bare numbers)."""
    out = []
    for raw in tokens(text):
        t = raw.lower()
        # Two-letter acronyms ("EU", "AP", "HR") carry meaning; other short words do not.
        if (len(t) < 3 and not (len(raw) == 2 and raw.isupper() and raw.isalpha())) or t.isdigit() or (
                t in FUNCTION_WORDS and raw != "IT"):
            continue
        s = stem(t.replace("’", "'"))
        if s not in STOP_STEMS:
            out.append(s)
    return out


def lower_words(text: str) -> list[str]:
    """Lower-case tokens with curly apostrophes straightened (for n-grams and function-word counts)."""
    return [t.replace("’", "'") for t in tokens(text.lower())]


def sentences(line: str) -> list[str]:
    """Split one line into sentences at . ! ? followed by whitespace."""
    return [s.strip() for s in _LINE_SENT.split(line.strip()) if s.strip()]


@functools.lru_cache(maxsize=1)
def _langid():
    import py3langid  # deferred: loads its model (~0.4 s) on first use

    return py3langid


def language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid)."""
    return str(_langid().classify(text)[0])


@dataclass
class SentenceForm:
    """Structure statistics of a text's sentences."""

    tokens: int
    function_ratio: float  # share of tokens that are English function words
    violations: int  # word-order errors English prose does not make (see `form_violations`)
    well_formed_share: float  # share of tokens in sentences of >= 4 words with a function word
    foreign_share: float  # share of tokens in sentences that read as another language
    list_share: float  # share of tokens in long run-ons of names and keywords (many capitals, few function words)
    examples: list[str]


def _is_capitalised_word(tok: str) -> bool:
    return tok[:1].isupper() and tok[1:].islower()


_AFTER_PREP_OK = frozenset("be being have having do about to of in from".split())


def _bad_pair(prev: str, w: str) -> bool:
    """Two adjacent words English prose does not put together ("the of", "your is", "of and", "and or")."""
    if prev in DETERMINERS:
        return w in DETERMINERS or w in PREPOSITIONS or w in CONJUNCTIONS or w in AUXILIARIES
    if prev in PREPOSITIONS:
        return w not in _AFTER_PREP_OK and (w in CONJUNCTIONS or w in AUXILIARIES)
    return prev in CONJUNCTIONS and w in CONJUNCTIONS


def form_violations(sentence: str) -> tuple[int, int, int]:
    """(violations, tokens, English function words) of one sentence.

    A violation is a pattern English prose practically never shows, and shuffled words show all the time:
    a sentence starting in lower case; a sentence ending on an article, possessive or conjunction; an
    article or possessive followed by another function word ("the of", "your is"); a preposition followed
    by a preposition, conjunction or auxiliary ("of and", "to is"); two conjunctions in a row; a capitalised
    function word in mid-sentence ("and The").
    """
    toks = tokens(sentence)
    if not toks:
        return 0, 0, 0
    # "May" in mid-sentence is the month, not the auxiliary.
    low = ["may_" if t == "May" and i else t.lower().replace("’", "'") for i, t in enumerate(toks)]
    v = 0
    first = sentence.lstrip("\"'“‘(-*• ")[:1]
    if first.isalpha() and first.islower():
        v += 1
    if low[-1] in _NO_END and not sentence.rstrip().endswith((":", ",", "-")):
        v += 1
    fn = 0
    for i, w in enumerate(low):
        if w in FUNCTION_WORDS:
            fn += 1
        if i == 0:
            continue
        if _bad_pair(low[i - 1], w):
            v += 1
        tok = toks[i]
        if (_is_capitalised_word(tok) and w in FUNCTION_WORDS and not w.startswith("i'") and w != "i"
                and not low[i - 1].endswith(":")):
            v += 1
    return v, len(toks), fn


def sentence_form(sents: list[str]) -> SentenceForm:
    """Structure statistics over the given sentences."""
    n_tok = n_fn = viol = well = foreign = lists = 0
    examples: list[str] = []
    for s in sents:
        v, n, fn = form_violations(s)
        low = lower_words(s)
        n_foreign = sum(1 for w in low if w in FOREIGN_FUNCTION)
        non_latin = len(_NON_LATIN.findall(s))
        letters = len(_LETTER.findall(s)) or 1
        is_foreign = (n >= 3 and n_foreign >= 2 and n_foreign > fn) or non_latin / letters > 0.3
        n_tok += n
        n_fn += fn
        viol += v
        if is_foreign:
            foreign += n
            if len(examples) < 3:
                examples.append(s[:120])
        else:
            caps = sum(1 for t in tokens(s) if t[:1].isupper())
            if (n >= 15 and ((caps >= 0.3 * n and fn < 0.25 * n) or fn < 0.12 * n)) or (n >= 25 and fn < 0.18 * n):
                lists += n  # "Camila Santos Paddock Assurance Director of ... next week?": keywords strung together
            elif n >= 4 and fn >= 1 and caps <= n / 2:
                well += n  # a title-case run ("Director of Financial Crime Compliance.") is a name, not a sentence
            if v and len(examples) < 3:
                examples.append(s[:120])
    tot = max(1, n_tok)
    return SentenceForm(tokens=n_tok, function_ratio=n_fn / tot, violations=viol, well_formed_share=well / tot,
                        foreign_share=foreign / tot, list_share=lists / tot, examples=examples)


_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = re.compile(r"[a-z]+")


def spelled_numbers(text: str) -> list[float]:
    """Numbers written in words ("forty-one percent", "two hundred and eighty", "eighteen days"), as values.

    Single words below four ("one team", "two options") are left out: they count things, they rarely claim."""
    out: list[float] = []
    total = current = 0
    words = 0
    for w in _NUMBER_WORD.findall(text.lower().replace("-", " ")):
        if w in _UNITS or w in _TENS:
            current += _UNITS.get(w, 0) + _TENS.get(w, 0)
            words += 1
        elif w in _SCALES and words:
            if _SCALES[w] == 100:
                current *= 100
            else:
                total += current * _SCALES[w]
                current = 0
            words += 1
        elif w == "and" and words:
            continue
        else:
            if words and (total + current >= 4 or words > 1):
                out.append(float(total + current))
            total = current = words = 0
    if words and (total + current >= 4 or words > 1):
        out.append(float(total + current))
    return out
