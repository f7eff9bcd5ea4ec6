"""Text helpers for judging: tokens, crude stems, numbers with units, placeholders, sentences."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_CAP_WORD = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
_UPPER = re.compile(r"\b[A-Z]{4,}\b")
# A number: optional $, digits with thousands separators and decimals, then an optional unit.
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])(\$)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(%|percent\b|[kK]\b|[mM]\b|[xX]\b|TB\b|M\b)?"
)
_SCALE = {"k": 1e3, "m": 1e6}  # unit suffixes that scale the number
# Linear in the text, with exactly the matches of the original pattern
#   \[\s*(?:...|insert[^\]]*|[A-Z][A-Z _]{2,})\s*\]|\{\{?\s*[A-Za-z_ ]+\s*\}?\}|<\s*[A-Z][A-Z_ ]{2,}\s*>|...
# whose overlapping quantifiers (a class holding the space, then `\s*`) made "{" + 2,400 spaces take ~38 s.
# Each run before a closing `]`, `}` or `>` can only end at that character (which no class here holds), so
# taking it possessively (`*+`, `{2,}+`, or an atomic group where `\s*[A-Za-z_ ]+\s*` must keep its own
# backtracking to match all-space bodies such as "{ }") never loses a match.
_PLACEHOLDER_BRACKET = re.compile(
    r"\[\s*+(?:first[ _]?name|name|company|prospect|your name|title|x+|insert[^\]]*+|[A-Z][A-Z _]{2,}+)\s*+\]",
    re.IGNORECASE)
_PLACEHOLDER_OTHER = re.compile(
    r"\{\{?(?>\s*[A-Za-z_ ]+\s*)\}?\}|<\s*+[A-Z][A-Z_ ]{2,}+\s*+>|\bXXX+\b|\bTODO\b|\bTBD\b|lorem ipsum",
    re.IGNORECASE)
_SENT = re.compile(r"(?<=[.!?])\s+")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
    only or other our ours out over own same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours today team teams company year years last this next every one two three
    month months week weeks day days help helps make makes need needs want like know get got""".split()
)


def stem(w: str) -> str:
    """A crude English stem (enough to match invoice/invoices, schedule/scheduling)."""
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("es") and not w.endswith("ses"):
        return w[:-1]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def words(text: str) -> list[str]:
    """Lower-case word tokens."""
    return _WORD.findall(text.lower())


def content_stems(text: str) -> list[str]:
    """Stems of content words (no stopwords, no short words, no bare numbers)."""
    return [stem(w) for w in words(text) if len(w) > 3 and w not in STOPWORDS and not w.isdigit()]


def numbers(text: str) -> list[tuple[float, bool]]:
    """Numbers in `text` as (value, is_percent); "$120K" -> (120000.0, False), "62 percent" -> (62.0, True)."""
    out = []
    for m in _NUMBER.finditer(text):
        _dollar, whole, frac, unit = m.groups()
        u = (unit or "").lower()
        value = float(whole.replace(",", "") + (frac or "")) * _SCALE.get(u, 1.0)
        out.append((round(value, 4), u in ("%", "percent")))
    return out


def has_placeholder(text: str) -> bool:
    """True if the text holds template placeholders like [Name], {{company}}, <FIRST_NAME>, XXX, TODO."""
    # A bracket placeholder ends at a "]": search for one only up to the last "]", so "[insert" repeated with
    # no "]" after it (each start would scan to the end of the text) stays linear.
    return (_PLACEHOLDER_BRACKET.search(text, 0, text.rfind("]") + 1) is not None
            or _PLACEHOLDER_OTHER.search(text) is not None)


def sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text.strip()) if s]


def capitalised_words(text: str) -> list[str]:
    return _CAP_WORD.findall(text)


def shouting_words(text: str) -> list[str]:
    """Words of four or more capital letters (candidates for all-caps spam)."""
    return _UPPER.findall(text)
