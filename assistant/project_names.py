"""A project asked by a name of the asker's own ("动物防疫项目") read as the project the report
names ("动物疫病强制免疫及防控项目"): every character of the asked name occurs in the report's
name, which begins as the asked one does, and no other project of the report fits. The topic is
then searched as the report writes it, instead of being refused for words the report never uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.understanding import Query, by_weight, informative_terms, term_weight
from index.models import Report

_ASKED = re.compile(r"([\u4e00-\u9fff]{2,16})项目")
_NAMED = re.compile(r"([\u4e00-\u9fff]{3,24})项目")
_MIN_ASKED = 3
"""Asked names shorter than this ("该项目", "两个项目") name no project."""


def _stems(text: str) -> set[str]:
    """The names (without 项目) of the projects a report names, each from every start a name
    may have after a list marker or punctuation (the regex gives the longest run of Han)."""
    out: set[str] = set()
    for match in _NAMED.finditer(text):
        run = match.group(1)
        out.update(run[i:] for i in range(len(run) - 1))
    return out


def _fits(asked: str, named: str) -> bool:
    """The report's name begins as the asked one and holds each of its characters."""
    return named[:1] == asked[:1] and all(ch in named for ch in asked) and len(named) > len(asked)


def written_name(asked: str, text: str) -> str | None:
    """The one project name of ``text`` that ``asked`` (a name without 项目, not written in the
    report) abbreviates; None when none or several fit, or when the report writes it as asked."""
    if len(asked) < _MIN_ASKED or f"{asked}项目" in text:
        return None
    stems = _stems(text)
    fits = {s for s in stems if _fits(asked, s)}
    # the longest run that fits stands for the names inside it ("县动物疫病…" and "动物疫病…")
    fits = {s for s in fits if not any(s != o and o.endswith(s) for o in fits)}
    fits = {s for s in fits if not any(s != o and s.startswith(o) for o in fits)}
    return fits.pop() if len(fits) == 1 else None


def as_written(query: Query, targets: Sequence[Report], report_text: Callable[[str], str]) -> Query:
    """``query`` with each project it names by an abbreviation written as its reports name it,
    when every target report that fits agrees on that name; unchanged otherwise."""
    asked = " ".join(x for x in (query.topic, *query.topics) if x).replace(" ", "")
    names = [m.group(1) for m in _ASKED.finditer(asked)]
    if not names or not targets:
        return query
    texts = [report_text(r.id) for r in targets]
    swaps: dict[str, str] = {}
    for name in names:
        # the asked name is the longest tail of the run before 项目 that fits ("年动物防疫")
        for start in range(len(name) - _MIN_ASKED + 1):
            tail = name[start:]
            found = {w for w in (written_name(tail, t) for t in texts) if w}
            if len(found) == 1:
                swaps[tail] = found.pop()
                break
    if not swaps:
        return query

    patterns = [
        (re.compile(r"\s*".join(map(re.escape, f"{short}项目"))), f"{full}项目")
        for short, full in swaps.items()
    ]

    def swapped(text: str) -> str:
        for pattern, full in patterns:
            text = pattern.sub(full, text)
        return text

    # the short name's words ("防病") give way to the written name's ("病虫害", "统防" …)
    kept = [t for t in query.terms if not any(t in a and t not in f for a, f in swaps.items())]
    added = [t for f in swaps.values() for t in informative_terms(f) if t not in kept]
    terms = by_weight([*kept, *added])
    return replace(
        query,
        terms=terms,
        weights=tuple(term_weight(t) for t in terms),
        topic=swapped(query.topic),
        topics=tuple(swapped(t) for t in query.topics),
        zh_text=swapped(query.zh_text) if query.zh_text else "",
        text=swapped(query.text) if not query.zh_text else query.text,
    )
