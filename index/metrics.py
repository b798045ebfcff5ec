"""The metrics budget-performance reports share, the spellings reports use for them, and the
words that qualify a figure (预算 / 决算 / 实际 / 执行率) in a sentence or a table header.

Fact extraction (:mod:`index.facts`) only stores a figure when it can name its metric from this
catalogue, so the catalogue decides what "a known metric" is. The catalogue is the ``metrics``
table of ``index/vocabulary.toml``; it and the lookups are built on first use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from index import vocabulary
from index.domain_terms import squash

MetricKind = Literal["money", "people", "score", "count", "percent"]


@dataclass(frozen=True)
class Metric:
    """One metric: its canonical name, the spellings that name it, its kind and parent."""

    name: str
    aliases: tuple[str, ...]
    kind: MetricKind
    parent: str | None = None
    units: tuple[str, ...] = ()
    """Accepted units when narrower than the kind's (公务接待批次 takes 批/批次 only)."""
    rate_of: str | None = None
    """The metric whose 执行率 this rate is (预算执行率 is 支出's): a report may state it as
    that metric's rate ("支出决算887.46万元，预算执行率98.02%" is read as 支出 · 执行率)."""

    def accepts(self, unit: str) -> bool:
        """Whether a figure written in ``unit`` can be a value of this metric."""
        return unit in (self.units or kind_units()[self.kind])


@functools.cache
def kind_units() -> dict[str, tuple[str, ...]]:
    """Units a figure of each kind must be written with; a count metric may narrow its own."""
    units = vocabulary.vocabulary()["metric_units"]
    return {kind: tuple(found) for kind, found in units.items()}


@functools.cache
def metrics() -> tuple[Metric, ...]:
    """The metric catalogue of the vocabulary file, in its order."""
    return tuple(
        Metric(
            entry["name"],
            tuple(entry["aliases"]),
            entry["kind"],
            entry.get("parent"),
            tuple(entry.get("units", ())),
            entry.get("rate_of"),
        )
        for entry in vocabulary.vocabulary()["metrics"]
    )


@functools.cache
def not_metrics() -> tuple[str, ...]:
    """Longer terms that contain an alias but name something else ("离退休人员经费" is not
    人员经费); matching them first keeps the alias inside them from matching."""
    return tuple(vocabulary.vocabulary()["not_metrics"]["terms"])


def __getattr__(name: str) -> object:
    """METRICS, NOT_METRICS and KIND_UNITS, read from the vocabulary on first use."""
    if name == "METRICS":
        return metrics()
    if name == "NOT_METRICS":
        return not_metrics()
    if name == "KIND_UNITS":
        return kind_units()
    raise AttributeError(name)


@functools.cache
def alias_index() -> dict[str, Metric | None]:
    """Squashed alias → its metric, plus the squashed NOT_METRICS terms → None."""
    index: dict[str, Metric | None] = {squash(t): None for t in not_metrics()}
    for metric in metrics():
        for alias in metric.aliases:
            index.setdefault(squash(alias), metric)
    return index


@functools.cache
def alias_pattern() -> re.Pattern[str]:
    """Every alias and non-metric term, longest first, so the longest spelling wins."""
    terms = sorted(alias_index(), key=len, reverse=True)
    return re.compile("|".join(re.escape(term) for term in terms))


_DROPPED = frozenset("“”‘’\"'「」『』（）()[]【】〔〕")
_QUALIFIER = re.compile(r"执行率|执行数|预算|决算|实际")
QUALIFIER_WORDS = re.compile(
    r"(?:预算数|决算数|预算|决算|实际|支出|开支|花费|执行率|执行数|财政拨款|一般公共预算|年初|全年|本年|年末|"
    r"合计|共计|累计|总计|总额|总量|金额|达到|完成|已|约|共|达|为|是|数|：|:)*"
)
"""Words that may stand between a metric's name and its figure ("预算数为", "实际支出")."""
_HEADER_UNIT = re.compile(r"[（(](?:单位[:：])?(?:亿元|万元|千元|元)[）)]")
NOT_FIGURE_COLUMN = re.compile(
    r"比例|占比|比重|分值|得分|权重|指标值|增|减|来源|用途|说明|备注|情况|率"
)
_NEUTRAL_COLUMN = re.compile(r"(?:金额|数额|合计|本年数?|数)?")


def squashed(text: str) -> tuple[str, list[int]]:
    """``text`` as aliases are matched — no quotes, brackets or spaces (kept between digits) —
    and each kept character's offset in ``text``, so "“三公”经费" matches 三公经费."""
    kept = [
        i
        for i, char in enumerate(text)
        if char not in _DROPPED
        and not (char.isspace() and not (text[i - 1 : i] + text[i + 1 : i + 2]).isdigit())
    ]
    return "".join(text[i] for i in kept), kept


def qualifier_in(words: str) -> str | None:
    """预算 / 决算 / 实际 / 执行率 named in ``words``: 执行率 wins, else the last one named."""
    found = _QUALIFIER.findall(words)
    if "执行率" in found:
        return "执行率"
    return ("决算" if found[-1] == "执行数" else found[-1]) if found else None


def column_qualifier(header: str) -> str | None:
    """What a table column holds: 预算 / 决算 / 实际 / 执行率, "" for plain amounts (金额: the
    caption says which), None for no plain figures (比例, 得分, 指标值 …)."""
    name = _HEADER_UNIT.sub("", header).strip()
    if "执行率" in name:
        return "执行率"
    if NOT_FIGURE_COLUMN.search(name):
        return None
    if "决算" in name or re.search(r"实际数|实际支出|执行数", name):
        return "决算"
    if "预算" in name:
        return "预算"
    if "完成值" in name:
        return "实际"
    return "" if _NEUTRAL_COLUMN.fullmatch(name) else None


@functools.cache
def _by_name() -> dict[str, Metric]:
    return {metric.name: metric for metric in metrics()}


def find_metric(name_or_alias: str) -> Metric | None:
    """The metric named (or spelled) so, ignoring quotes and brackets; None when unknown."""
    term = name_or_alias.strip()
    return _by_name().get(term) or alias_index().get(squash(term))
