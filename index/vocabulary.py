"""The domain vocabulary file (``index/vocabulary.toml``), read once on first use.

Terms, synonym groups, question words, metrics and their aliases, government-body head nouns
and conventional short forms, and the English glossary all live in that one data file; the
modules that use them (domain_terms, metrics, departments, understanding) read them from here.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any


@functools.cache
def vocabulary() -> dict[str, Any]:
    """The parsed vocabulary file."""
    text = resources.files("index").joinpath("vocabulary.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def domain_terms() -> tuple[str, ...]:
    """Every term of the ``[terms]`` lists, in file order, deduplicated."""
    terms = vocabulary()["terms"]
    groups = [v for k, v in terms.items() if k != "synonyms" and isinstance(v, list)]
    return tuple(dict.fromkeys(t for group in groups for t in group))


def synonym_groups() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(group) for group in vocabulary()["terms"]["synonyms"])


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def complements() -> tuple[tuple[str, str], ...]:
    """Pairs of items that split one whole between them (基本支出 and 项目支出)."""
    return tuple((a, b) for a, b in vocabulary()["complements"]["pairs"])


def year_totals() -> tuple[frozenset[str], dict[str, str]]:
    """(labels of a 收支总表's grand total, side → the year's own total label)."""
    entry = vocabulary()["year_totals"]
    return frozenset(entry["grand"]), dict(entry["sides"])


def everyday_words() -> tuple[tuple[str, str], ...]:
    """(everyday word, the reports' word), longest everyday word first."""
    pairs = [(w, formal) for formal, ws in vocabulary()["everyday"].items() for w in ws]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def spending_verbs() -> tuple[str, ...]:
    return tuple(vocabulary()["spending_verbs"]["words"])


def stopwords() -> frozenset[str]:
    return words(vocabulary()["terms"]["stopwords"])


def question_words() -> frozenset[str]:
    return words(vocabulary()["question"]["words"])


def form_labels() -> frozenset[str]:
    """Labels of a form's label–value rows (项目名称, 主管部门, 实施单位 …)."""
    return frozenset(vocabulary()["forms"]["labels"])
