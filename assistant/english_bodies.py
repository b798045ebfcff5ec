"""Places and bodies an English question names in other spellings than the glossary's.

A county in a minority area keeps an English name romanised from its own language rather than
spelt in pinyin (布尔津 "Burqin", not "Buerjin"; 鄂温克 "Ewenki", not "Ewenke"). Such a name is
read as an indexed county when it is that county's pinyin but for its vowels and the q/j
spelling of one sound, and no other indexed county reads so. A body named by its head noun
alone after its place ("the Ewenki federation") is the place's one indexed body with that head.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from index import vocabulary
from index.models import ReportIdentity

_MIN_LETTERS = 5
_MAX_EDITS = 2
_VOWELS = re.compile(r"[aeiouvy]")


def _spelling(word: str) -> str:
    """One sound spelt q in a romanised name and j in pinyin (Burqin / 布尔津 buerjin)."""
    return word.lower().replace("q", "j")


def _consonants(word: str) -> str:
    return word[0] + _VOWELS.sub("", word[1:])


def _edits(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def close_reading(word: str, reading: str) -> bool:
    """Whether a capitalised name is a pinyin reading in another romanisation: the same
    first letter and consonants (q = j), at most two letters apart."""
    if len(word) < _MIN_LETTERS or len(reading) < _MIN_LETTERS:
        return False
    a, b = _spelling(word), _spelling(reading)
    return a[0] == b[0] and _consonants(a) == _consonants(b) and _edits(a, b) <= _MAX_EDITS


def romanised_counties(
    words: Iterable[tuple[int, str]], readings: dict[str, tuple[str, ...]]
) -> list[tuple[int, str]]:
    """(position, county) for each name (position, word) that reads as exactly one county of
    ``readings`` (county → its pinyin readings) by :func:`close_reading`."""
    found = []
    for at, word in words:
        fits = {c for c, rs in readings.items() if any(close_reading(word, r) for r in rs)}
        if len(fits) == 1:
            found.append((at, fits.pop()))
    return found


@functools.cache
def _heads() -> tuple[tuple[re.Pattern[str], str], ...]:
    pairs = vocabulary.vocabulary()["english"]["heads"]
    return tuple((re.compile(rf"(?:{p})\b", re.I), zh) for p, zh in pairs)


_AFTER_PLACE = re.compile(r"(?:\s+(?:County|Banner|District|City))?(?:'s|’s)?\s+", re.I)


def _place_end(text: str, at: int, county: str) -> int:
    """Where the county's name written from ``at`` ends: after the letters of its pinyin
    reading ("the Erdun" is read from the e of "the"), else at the end of the word at ``at``."""
    from assistant.english import _pinyin_readings
    from index.gazetteer import county_stem

    spots = [i for i in range(at, len(text)) if text[i].isascii() and text[i].isalpha()]
    squashed = "".join(text[i].lower() for i in spots)
    for reading in _pinyin_readings(county_stem(county)):
        if reading and squashed.startswith(reading):
            return spots[len(reading) - 1] + 1
    word = re.match(r"[A-Za-z\-]+", text[at:])
    return at + (word.end() if word else 0)


_DESCRIBING = re.compile(r"(?:(?!(?:and|or|of|in|for|the|on|at)\b)[A-Za-z][a-z\-]*\s+){0,3}")
"""Up to three words describing a body between its place and its head ("Huanan farm
machinery center"), never a joining word."""


def bodies_by_head(
    text: str, places: Sequence[tuple[int, str]], identities: Iterable[ReportIdentity]
) -> list[tuple[str, tuple[int, int]]]:
    """Indexed bodies named by a head noun after their place ("the Ewenki federation",
    "Changting bureau's", "the Huanan farm machinery center"): the place's one body whose name
    ends in that head, with the span of the words from after the place to the head (they
    describe the body, never a figure asked); none when the place has several or none."""
    held = [(i.county, i.department) for i in identities if i.county and i.department]
    found: dict[str, tuple[int, int]] = {}
    for at, county in places:
        lead = _AFTER_PLACE.match(text, _place_end(text, at, county))
        if lead is None:
            continue
        words = _DESCRIBING.match(text, lead.end())
        starts = [lead.end()]
        if words is not None:  # the head right after the place first, then after each word
            starts += [lead.end() + m.end() for m in re.finditer(r"\S+\s+", words.group(0))]
        for start in starts:
            hit = next(
                ((p.match(text, start), h) for p, h in _heads() if p.match(text, start)), None
            )
            if hit is None:
                continue
            if start > lead.end() and (
                hit[0].group(0).lower().endswith("s")
                or _glossary_names(text[lead.end() : hit[0].end()])
            ):
                break  # "agriculture bureaus": several bodies; "finance bureau": the glossary's
            fits = {d for c, d in held if c == county and d.endswith(hit[1])}
            if len(fits) == 1:
                found.setdefault(fits.pop(), (lead.end(), hit[0].end()))
            break
    return list(found.items())


def _glossary_names(words: str) -> bool:
    """The glossary reads these words as a body of its own ("agriculture bureau")."""
    patterns = vocabulary.vocabulary()["english"]["bodies"]
    return any(re.fullmatch(p, words.strip(), re.I) for p, _ in patterns)


@functools.cache
def _glossary_bodies() -> frozenset[str]:
    return frozenset(zh for _, zh in vocabulary.vocabulary()["english"]["bodies"])


@functools.cache
def _kin_heads() -> re.Pattern[str]:
    heads = sorted(vocabulary.vocabulary()["departments"]["kin_heads"], key=len, reverse=True)
    return re.compile(f"(?:{'|'.join(heads)})$")


def function_of(name: str) -> str:
    """A body's name without the head an English name does not tell apart (机关事务管理局,
    机关事务服务中心 → 机关事务; 档案局, 档案馆 → 档案)."""
    return _kin_heads().sub("", name)


def held_kin(zh: str, departments: Sequence[str]) -> str:
    """``zh`` with each body the English question named (a glossary body the index does not
    hold) written as the one indexed body of the same function under another head: English
    says "government offices administration" of a 机关事务管理局 and a 机关事务服务中心 alike,
    "archives" of a 档案馆 and a 档案局. Unchanged when none or several indexed bodies fit."""
    held = set(departments)
    for body in sorted(_glossary_bodies(), key=len, reverse=True):
        if body in held or body not in zh:
            continue
        function = function_of(body)
        if len(function) < 2 or function == body:
            continue
        fits = {d for d in held if function_of(d) == function}
        if len(fits) == 1:
            zh = zh.replace(body, fits.pop())
    return zh


_GENERIC_BODIES = frozenset({"人民政府"})
"""Glossary bodies that name a kind, not one body ("township government"): its place does."""


def unheld(zh: str, departments: Sequence[str]) -> list[str]:
    """Bodies the English question names by the glossary (in ``zh``, after :func:`held_kin`)
    that no indexed body is, by full name or short form: a body the index does not hold, to
    refuse by name rather than answer from other bodies' reports."""
    from index.departments import match_departments, names_by_stem, same_kind

    found = []
    for body in sorted(_glossary_bodies(), key=len, reverse=True):
        if body in _GENERIC_BODIES or body not in zh or any(body in f for f in found):
            continue
        if body in departments or match_departments(body, list(departments)):
            continue
        if any(same_kind(body, d) or names_by_stem(body, d) for d in departments):
            continue  # another county's name for it (文化和旅游局 / 文化广电旅游局)
        found.append(body)
    return found
