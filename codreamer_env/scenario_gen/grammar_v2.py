"""Template filling for the v2 generator: seeded numbers, least-used phrasing choice, dates.

Templates use `{name}` for a value already known to the scenario (company, system, ...) and
`{name:lo-hi}` or `{name:lo-hi:step}` for a seeded number drawn once per scenario: a later `{name}`
repeats the same value, so every node of a scenario agrees.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

_SLOT = re.compile(r"\{(\w+)(?::(\d+)-(\d+)(?::(\d+))?)?\}")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def fmt_num(v: Any) -> str:
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 10000:
        return f"{v:,}"
    return str(v)


class Values(dict):
    """One scenario's values: named strings plus numbers drawn on first use from the template's range."""

    def __init__(self, rng: random.Random, **fixed: Any) -> None:
        super().__init__(fixed)
        self.rng = rng

    def draw(self, name: str, lo: int, hi: int, step: int = 1) -> int:
        if name not in self:
            self[name] = lo + step * self.rng.randrange((hi - lo) // step + 1)
        return self[name]

    def prime(self, templates: Sequence[str]) -> None:
        """Draw every ranged number the templates name, in order, so any of them can be filled later."""
        for t in templates:
            for m in _SLOT.finditer(t):
                if m.group(2) is not None:
                    self.draw(m.group(1), int(m.group(2)), int(m.group(3)), int(m.group(4) or 1))

    def fill(self, template: str) -> str:
        def sub(m: re.Match) -> str:
            name, lo, hi, step = m.group(1), m.group(2), m.group(3), m.group(4)
            if lo is not None:
                return fmt_num(self.draw(name, int(lo), int(hi), int(step or 1)))
            if name not in self:
                raise KeyError(f"template value {name!r} not set: {template!r}")
            return fmt_num(self[name])

        return _SLOT.sub(sub, template)


class Picker:
    """Chooses among phrasings, least-used first (ties broken by the scenario's rng), so no one phrasing
    of a shared fact recurs across too many scenarios of a split."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def pick(self, rng: random.Random, key: str, options: Sequence[Any]) -> Any:
        if not options:
            raise ValueError(f"no options for {key}")
        idx = list(range(len(options)))
        rng.shuffle(idx)
        best = min(idx, key=lambda i: self.counts[f"{key}#{i}"])
        self.counts[f"{key}#{best}"] += 1
        return options[best]

    def order(self, rng: random.Random, key: str, options: Sequence[Any]) -> list[Any]:
        """All options, least-used first (each counted once)."""
        idx = list(range(len(options)))
        rng.shuffle(idx)
        idx.sort(key=lambda i: self.counts[f"{key}#{i}"])
        for i in idx:
            self.counts[f"{key}#{i}"] += 1
        return [options[i] for i in idx]


def a_(noun: str) -> str:
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2] != text[1:2].upper() or not text[1:2].isalpha() else text


def end(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", ".\"", ".'")) else text + "."


def label(text: str, words: int = 6) -> str:
    toks = re.sub(r"[\"'“”]", "", text).split()
    return " ".join(toks[:words]).rstrip(".,;:")


def long_date(d: dt.date, rng: random.Random) -> str:
    """A date in one of a few everyday formats."""
    k = rng.randrange(3)
    if k == 0:
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if k == 1:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return d.isoformat()


def month_year(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"

