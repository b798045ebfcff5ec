"""The metrics budget-performance reports share, the spellings reports use for them, and the
words that qualify a figure (预算 / 决算 / 实际 / 执行率) in a sentence or a table header.

Fact extraction (:mod:`index.facts`) only stores a figure when it can name its metric from this
catalogue, so the catalogue decides what "a known metric" is. Lookups are built on first use.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from index.domain_terms import squash

MetricKind = Literal["money", "people", "score", "count", "percent"]

KIND_UNITS: dict[str, tuple[str, ...]] = {
    "money": ("元", "万元", "亿元", "千元"),
    "people": ("人", "名"),
    "score": ("分",),
    "count": ("批", "批次", "人次", "辆"),
    "percent": ("%",),
}
"""Units a figure of each kind must be written with; a count metric may narrow its own."""


@dataclass(frozen=True)
class Metric:
    """One metric: its canonical name, the spellings that name it, its kind and parent."""

    name: str
    aliases: tuple[str, ...]
    kind: MetricKind
    parent: str | None = None
    units: tuple[str, ...] = ()
    """Accepted units when narrower than the kind's (公务接待批次 takes 批/批次 only)."""

    def accepts(self, unit: str) -> bool:
        """Whether a figure written in ``unit`` can be a value of this metric."""
        return unit in (self.units or KIND_UNITS[self.kind])


def _m(name: str, kind: MetricKind, parent: str | None, aliases: str, units: str = "") -> Metric:
    """A catalogue entry; ``aliases`` and ``units`` are space-separated."""
    return Metric(name, tuple(aliases.split()), kind, parent, tuple(units.split()))


_SANGONG = "三公经费"
_CAR = "公务用车购置及运行维护费"

METRICS: tuple[Metric, ...] = (
    # totals are never named by a bare 收入/支出: "实际支出 620万元" is not the total
    _m("收入", "money", None, "收入合计 本年收入合计 收入总计 总收入 收入决算 收入预算"),
    _m("财政拨款收入", "money", "收入", "财政拨款收入 一般公共预算财政拨款收入"),
    _m("政府性基金预算收入", "money", "收入", "政府性基金预算财政拨款收入 政府性基金预算收入"),
    _m("上级补助收入", "money", "收入", "上级补助收入 上级补助"),
    _m("其他收入", "money", "收入", "其他收入"),
    _m("支出", "money", None, "支出合计 本年支出合计 支出总计 总支出 支出决算 支出预算"),
    _m("基本支出", "money", "支出", "基本支出"),
    _m("人员经费", "money", "基本支出", "人员经费"),
    _m("公用经费", "money", "基本支出", "公用经费"),
    _m("项目支出", "money", "支出", "项目支出"),
    _m("年末结转结余", "money", None, "年末结转结余 结转结余"),
    _m("政府性基金预算支出", "money", "支出", "政府性基金预算支出 政府性基金预算财政拨款支出"),
    _m("国有资本经营预算支出", "money", "支出", "国有资本经营预算支出"),
    _m("社会保险基金预算支出", "money", "支出", "社会保险基金预算支出"),
    _m(_SANGONG, "money", None, "三公经费 “三公”经费 三公"),
    _m("因公出国（境）费", "money", _SANGONG, "因公出国（境）费 因公出国费 因公出国（境）经费"),
    _m(_CAR, "money", _SANGONG, f"{_CAR} 公务用车购置及运行费 公务用车购置及运行（维护）费"),
    _m("公务用车购置费", "money", _CAR, "公务用车购置费"),
    _m("公务用车运行维护费", "money", _CAR, "公务用车运行维护费 公务用车运行费"),
    _m("公务接待费", "money", _SANGONG, "公务接待费"),
    _m("公务接待批次", "count", None, "公务接待批次 接待批次", units="批 批次"),
    _m("公务接待人次", "count", None, "公务接待人次 接待人次", units="人次 人"),
    _m("公务用车保有量", "count", None, "公务用车保有量", units="辆 台"),
    _m("编制数", "people", None, "编制数 编制 核定编制 人员编制"),
    _m("在职人数", "people", None, "在职人数 实有人数 在职人员 实有在职人员"),
    _m("在职人数控制率", "percent", None, "在职人数控制率"),
    # only the whole-department self-evaluation: facts.py checks the sentence is about it
    _m("自评得分", "score", None, "自评得分 得分 绩效自评得分"),
    _m("预算执行率", "percent", None, "预算执行率"),
    # headline indicators of the sample reports (industry, science, transport)
    _m("规模工业总产值", "money", None, "规模工业总产值 规模以上工业总产值"),
    _m("规模工业增加值增速", "percent", None, "规模工业增加值增速 规模以上工业增加值增速"),
    _m("工业固定资产投资", "money", None, "工业固定资产投资"),
    _m("工业税收", "money", None, "工业税收 工业实缴税金"),
    _m("研发投入", "money", None, "研发投入 研发经费投入 全社会研发经费投入 全社会研发投入"),
    _m("高新技术企业数", "count", None, "高新技术企业数 高新技术企业 国家高新技术企业", units="家"),
    _m("高新技术产业增加值", "money", None, "高新技术产业增加值"),
    _m("技术合同登记额", "money", None, "技术合同登记总额 技术合同登记额 技术合同成交额"),
    _m("交通固定资产投资", "money", None, "交通固定资产投资"),
)

NOT_METRICS: tuple[str, ...] = (
    "离退休人员经费",
    "离退休人员",
    "上缴上级支出",
    "行政编制",
    "事业编制",
    "工勤编制",
    "预算编制",
    "编制部门",
    "公共预算总支出",
    "整体总支出",
    "年度总支出",
    "全口径税收",
    "政府购买服务人员",
)
"""Longer terms that contain an alias but name something else ("离退休人员经费" is not
人员经费); matching them first keeps the alias inside them from matching."""


@functools.cache
def alias_index() -> dict[str, Metric | None]:
    """Squashed alias → its metric, plus the squashed NOT_METRICS terms → None."""
    index: dict[str, Metric | None] = {squash(t): None for t in NOT_METRICS}
    for metric in METRICS:
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
    r"(?:预算数|决算数|预算|决算|实际|支出|执行率|执行数|财政拨款|一般公共预算|年初|全年|本年|年末|"
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
    return {metric.name: metric for metric in METRICS}


def find_metric(name_or_alias: str) -> Metric | None:
    """The metric named (or spelled) so, ignoring quotes and brackets; None when unknown."""
    term = name_or_alias.strip()
    return _by_name().get(term) or alias_index().get(squash(term))
