"""Answers built from the fact table: one line per report with the figure in a common unit and
the original wording beside it, a ranking, and year-on-year differences shown as calculations.

Used for comparisons across reports ("哪个县三公经费更多", "各县项目支出排名") and changes between
two years of one department ("比上年增加了多少"). Every line cites the passage holding the figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import product

from assistant import english_leads
from assistant.answer import Answer, Fact, Passage
from assistant.conflicts import agree, family, finest
from assistant.derived import (
    asks_gap,
    asks_growth,
    asks_percent_of,
    asks_ratio,
    asks_relative_gap,
    asks_share,
    asks_sum,
    whole_named,
)
from assistant.earlier_sides import side_label, side_year, stated_earlier
from assistant.evidence import PROJECT_NAME, abbreviated_metric, match_text
from assistant.execution_rate import mismatch
from assistant.offline import Citations, who
from assistant.own_totals import prefer_own
from assistant.scope import asks_every_report, side_key
from assistant.shares import share_lines
from assistant.stated_scores import stated_score
from assistant.tables import asked_qualifier, asked_qualifiers
from assistant.understanding import Query, county_aliases, department_matches
from index.domain_terms import jieba_words, squash, synonym_index
from index.lexical import words
from index.metrics import METRICS, Metric
from index.models import FactRecord, Report

FindPassage = Callable[[str, int, int], Passage | None]
"""find_passage(report_id, start, end) → the stored chunk that holds that span."""

_BUDGET = re.compile(r"预算")
_VERSUS_LAST = re.compile(r"[比较]上一?年度?|[比较]去年|同比")
_CAPTION_UNIT_WORD = re.compile(r"单位[:：]?\s*(?:亿元|万元|千元|元)")
_SCOPE = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本经营|自有资金|其他资金")
_ACTUAL = re.compile(r"决算|实际|花了|花费|支出了|执行")
_QUALIFIER_ORDER = ("决算", "实际", None, "预算")
_MORE = re.compile(
    r"最多|最高|最大|更多|更高|更大|较多|较高|谁.{0,8}[多高大](?!少)|哪.{0,10}[多高大](?!少)|"
    r"the most|highest|largest|\bmore\b|\bhigher\b",
    re.I,
)
_LESS = re.compile(
    r"最少|最低|最小|更少|更低|较少|较低|谁.{0,8}(?<!多)[少低小]|哪.{0,10}(?<!多)[少低小]|"
    r"the least|lowest|smallest|\bless\b|\blower\b|fewer",
    re.I,
)


@dataclass(frozen=True)
class Pick:
    """The figure chosen for one report (several when the report disagrees with itself)."""

    report: Report
    facts: tuple[FactRecord, ...]
    others: tuple[Report, ...] = ()
    """Other documents of the same body and year (a 决算说明 beside its 绩效自评报告) whose
    statements of the figure joined this side."""
    agreeing: tuple[FactRecord, ...] = ()
    """Those documents' statements of the same value (not compared, only shown when the
    question asks about the documents themselves)."""

    def source(self, fact: FactRecord) -> Report:
        """The report that states ``fact``."""
        return next((r for r in self.others if r.id == fact.report_id), self.report)

    @property
    def report_ids(self) -> set[str]:
        return {self.report.id, *(r.id for r in self.others)}

    @property
    def value(self) -> Decimal:
        fact = self.facts[0]
        return Decimal(fact.value_yuan if fact.value_yuan is not None else fact.value)


def metric_in(text: str) -> Metric | None:
    """The catalogue metric a question names (longest alias wins: 公务接待费 over 公务接待)."""
    squashed = match_text(text)
    best: tuple[int, int, Metric] | None = None  # (-length, position, metric): smallest wins
    for metric in METRICS:
        for alias in (metric.name, *metric.aliases):
            key = match_text(alias)
            position = squashed.find(key) if key else -1
            if position >= 0 and (best is None or (-len(key), position) < best[:2]):
                best = (-len(key), position, metric)
    if best and -best[0] <= 2 and PROJECT_NAME.search(squashed):
        return None  # "某某项目两年的实际支出": the project's spending, not the body's
    return best[2] if best else None


_COUNT_SUFFIX = re.compile(r"(?:保有量|数量|总数|批次|人次|个数|数)$")
_MONEY_WORD = re.compile(r"费|金额|资金|支出|开支|收入|预算|决算|购置|运行|维护|运维|元|钱|花")


def counted_metric(topic: str) -> Metric | None:
    """The count metric whose counted thing the topic names with no money word ("公车 数量",
    "official cars" → 公务用车保有量 in 辆): comparing cars compares how many, not what they cost.
    None when the thing is counted by several metrics (公务接待: 批次 and 人次) or a money word
    is there."""
    squashed = match_text(topic)
    if not squashed or _MONEY_WORD.search(squashed):
        return None
    found = []
    for metric in METRICS:
        if metric.kind != "count":
            continue
        thing = _COUNT_SUFFIX.sub("", metric.name)
        names = {thing, *synonym_index().get(squash(thing), ())}
        if thing != metric.name and any(len(n) >= 2 and match_text(n) in squashed for n in names):
            found.append(metric)
    return found[0] if len(found) == 1 else None


def counts_of_cost(topic: str) -> list[str]:
    """The counts a report states beside a cost the topic names alone (公务接待费 → 公务接待
    批次 and 人次): the thing's cost compared, then how many of it, as reports give them."""
    named = metric_in(topic)
    if named is None or named.kind != "money" or not named.name.endswith("费"):
        return []
    thing = named.name[:-1]
    counts = [m.name for m in METRICS if m.kind == "count" and m.name.startswith(thing)]
    if len(counts) < 2 or metrics_in(topic) - {named.name}:
        return []
    return counts


def count_siblings(topic: str) -> list[str]:
    """The count metrics of one thing counted in several units (公务接待: 批次 and 人次) when the
    topic names that thing, or one of its counts, and no money word: each is compared — after
    the thing's cost (公务接待费) when no count is named."""
    squashed = match_text(topic)
    if not squashed or _MONEY_WORD.search(squashed):
        return []
    things: dict[str, list[str]] = {}
    for metric in METRICS:
        thing = _COUNT_SUFFIX.sub("", metric.name)
        if metric.kind == "count" and thing != metric.name and match_text(thing) in squashed:
            things.setdefault(thing, []).append(metric.name)
    found = [names for names in things.values() if len(names) > 1]
    if len(found) != 1:
        return []
    thing = next(t for t, names in things.items() if names == found[0])
    named = metrics_in(topic)  # the count asked by name leads, or by its measure ("批次人次")
    named |= {
        c for c in found[0] if len(c) > len(thing) and match_text(c[len(thing) :]) in squashed
    }
    counts = sorted(found[0], key=lambda name: name not in named)
    cost = next((m.name for m in METRICS if m.kind == "money" and m.name == f"{thing}费"), None)
    if cost and not named & set(counts):  # "公务接待比一比": what it cost, then how many
        return [cost, *counts]
    return counts


def metrics_in(text: str) -> set[str]:
    """Names of every catalogue metric whose own name or alias appears in ``text``."""
    squashed = match_text(text)
    found = {
        m.name
        for m in METRICS
        for alias in (m.name, *m.aliases)
        if match_text(alias) and match_text(alias) in squashed
    }
    parents = {m.parent for m in METRICS if m.name in found and m.parent}
    return {
        name for name in found if not any(name in other and name != other for other in found)
    } - parents


def wanted_qualifiers(question: str) -> tuple[str | None, ...]:
    if _BUDGET.search(question) and not _ACTUAL.search(question):
        return ("预算", None)
    return _QUALIFIER_ORDER


def for_year(fact: FactRecord, report: Report, year: int | None = None) -> bool:
    """The fact is about ``year`` (default: the report's own year). A report's tables and
    sentences also state the previous year's figures ("2022年决算数", "上年数"); those are
    not this year's figures."""
    wanted = year or report.identity.year
    return wanted is None or (fact.year or report.identity.year) == wanted


def pick(
    report: Report, facts: Sequence[FactRecord], question: str, year: int | None = None
) -> Pick | None:
    """The report's figure for the metric about ``year`` (default: the report's own year), by
    preferred qualifier; all values when they clash."""
    facts = [f for f in facts if for_year(f, report, year)]
    for qualifier in wanted_qualifiers(question):
        chosen = [f for f in facts if f.report_id == report.id and f.qualifier == qualifier]
        if chosen:
            distinct = {(f.value_yuan or f.value) for f in chosen}
            # several values only when the fact table marks them as conflicting (a table in
            # 万元 restating a sentence in 元 at its own precision is not a conflict)
            clash = len(distinct) > 1 and any(f.conflict for f in chosen)
            keep = chosen if clash else chosen[:1]
            return Pick(report, tuple(keep))
    return None


def _with_restated(chosen: Pick, facts: Sequence[FactRecord]) -> Pick:
    """The pick with the report's other statements of the same amount (决算 = 实际 = a figure
    with no qualifier) for the same year that ingest marked as conflicting and that give
    another value: a text "2.86万元" beside a table's 决算数 2.68 is shown with it."""
    kept = list(chosen.facts)
    qualifier = kept[0].qualifier
    for fact in facts:
        if (
            fact.report_id == chosen.report.id
            and fact.conflict
            and fact not in kept
            and for_year(fact, chosen.report, kept[0].year)
            and family(fact.qualifier) == family(qualifier)
            and not any(agree(fact, k) for k in kept)
        ):
            kept.append(fact)
    return replace(chosen, facts=tuple(kept))


def _exactly(chosen: Pick, facts: Sequence[FactRecord]) -> Pick:
    """A pick of one figure as precisely as its report states it: the text's "6123845.60元"
    rather than the table's "612.38" (万元) when the two agree (see ``finest``)."""
    if len(chosen.facts) != 1:
        return chosen
    return replace(chosen, facts=(finest(chosen.facts[0], facts),))


def common_unit(metric: Metric, picks: Sequence[Pick]) -> tuple[str, Decimal]:
    """One unit for every line: 万元 for money (亿元 when all are that large), else as written."""
    if metric.kind != "money":
        return (picks[0].facts[0].unit if picks else ""), Decimal(1)
    if picks and min(p.value for p in picks) >= Decimal(100_000_000):
        return "亿元", Decimal(100_000_000)
    return "万元", Decimal(10_000)


_INDICATOR_VALUES = frozenset({"完成值", "目标值", "得分", "分值"})
"""Qualifiers of a performance indicator's own figures: a growth rate asked so is stated."""


def with_year_before(
    query: Query, targets: Sequence[Report], reports: Sequence[Report]
) -> tuple[Query, list[Report]]:
    """A comparison of one year with the one before ("23年比去年多多少", "2023年较上年变化",
    "比上年增长了多少" when the report states no such change) about one body: its report of the
    year before joins the targets when it is indexed, so both years' figures are quoted and the
    change is taken between them."""
    asked = query.zh_text or query.text
    against_last = query.relative_year == -1 or _VERSUS_LAST.search(asked)
    growth = asks_growth(asked)  # "2023年项目支出增幅": the change from the year before
    if not (query.intent == "compare" or growth) or not (against_last or growth):
        return query, list(targets)
    if len(query.years) != 1:
        return query, list(targets)
    if asked_qualifier(asked) in _INDICATOR_VALUES:  # "…增长率完成了多少": an indicator's value
        return query, list(targets)
    if not targets or query.sides:
        return query, list(targets)
    ident = targets[0].identity
    if ident.county is None or ident.department is None:
        if len(targets) != 1:
            return query, list(targets)
    elif len({_body_year(r) for r in targets}) != 1:
        return query, list(targets)  # several bodies or years: a comparison of its own
    year = query.years[0] - 1
    before = [
        r
        for r in reports
        if (r.identity.county, r.identity.department, r.identity.year)
        == (ident.county, ident.department, year)
    ]
    if not before:
        return query, list(targets)
    # every document of the body's year (决算说明 and 自评报告) and of the year before
    both = replace(query, years=(query.years[0], year), intent="compare")
    return both, [*targets, *before]


def _part_and_whole(parts: Sequence[str], question: str) -> bool:
    """The two topics are a part and the whole a share question divides it by ("项目支出",
    "支出" for "占各自支出的比重哪个高"), not two parts each asked."""
    if len(parts) != 2 or not asks_share(question):
        return False
    named = whole_named(question)
    whole = metric_in(named) if named else None
    part = metric_in(parts[0])
    return whole is not None and part is not None and part != whole and metric_in(parts[1]) == whole


def _body_year(report: Report) -> tuple[str | None, str | None, int | None]:
    ident = report.identity
    return ident.county, ident.department, ident.year


def one_side_each(picks: Sequence[Pick], question: str) -> list[Pick]:
    """One side per body and year of the figure: a body's two documents of one year (its
    决算说明 and its 整体支出绩效自评报告) state one figure, not two sides of a ranking. The
    statement of the preferred qualifier leads (决算 over a bare figure); another document's
    statement that gives another value stays beside it, so the clash is shown, never ranked."""
    order = wanted_qualifiers(question)

    def rank(p: Pick) -> int:
        q = p.facts[0].qualifier
        return order.index(q) if q in order else len(order)

    sides: dict[object, list[Pick]] = {}
    for p in picks:
        key = side_key(p.report)
        key = (*key, _pick_year(p)) if isinstance(key, tuple) else key
        sides.setdefault(key, []).append(p)
    if asks_every_report(question) and len(sides) > 1:
        return list(picks)  # "这三份材料…排一下": each document its own side
    out = []
    for group in sides.values():
        if len(group) == 1:
            out += group
            continue
        lead, *rest = sorted(group, key=rank)
        facts, others, same = list(lead.facts), [], []
        for p in rest:
            differing = [
                f for f in p.facts if family(f.qualifier) == family(facts[0].qualifier)
                and not any(agree(f, k) for k in facts)
            ]  # fmt: skip
            facts += differing
            same += [f for f in p.facts if f not in differing]
            others.append(p.report)
        out.append(
            replace(lead, facts=tuple(facts), others=(*lead.others, *others), agreeing=tuple(same))
        )
    return out


def _doc(report: Report) -> str:
    """The kind of document a report is (部门决算说明 …), else its file name."""
    return report.identity.doc_type or report.file


class FactAnswerer:
    """Comparisons and differences from stored facts, cited like every other answer."""

    def __init__(
        self,
        facts: Callable[[str, Sequence[str]], list[FactRecord]],
        find: FindPassage,
        text: Callable[[str], str] | None = None,
    ) -> None:
        self._facts = facts
        self._find = find
        self._text = text

    def answer(self, query: Query, targets: Sequence[Report]) -> Answer | None:
        """None when the question names no catalogue metric or no report has the figure. A
        question of several parts ("编制各多少人，哪边在职的人多") gets one block per part when
        every part names a catalogue metric; else None (each report's quotes answer every part)."""
        parts = [t for t in query.topics if t]
        counts = count_siblings(" ".join(parts) or query.topic)
        if counts:  # "接待的多": 批次 and 人次 alike, each compared
            found = self._compose(query, targets, counts)
            if found is not None:
                return found
        if _part_and_whole(parts, query.zh_text or query.text):
            # "占各自支出的比重哪个高" after the part's turn: the part's share of the whole,
            # compared, not the part and the whole each ranked
            one = replace(query, topic=parts[0], topics=(parts[0],))
            found = self._compose(one, targets, [parts[0]], shares_only=True)
            if found is not None:
                return found
        if len(parts) > 1 and query.language == "zh":  # (English parts are glossary pieces)
            return self._compose(query, targets, parts)
        # "公务接待费比一比": the cost, then how many receptions and guests where stated
        return self._compose(query, targets, [query.topic], counts_of_cost(query.topic))

    def _compose(
        self,
        query: Query,
        targets: Sequence[Report],
        parts: Sequence[str],
        extra: Sequence[str] = (),
        shares_only: bool = False,
    ) -> Answer | None:
        """One block per part (None when a part has none); then the blocks of the ``extra``
        metrics that every report states, each after the asked parts."""
        cites = Citations()
        used: list[Fact] = []
        lines: list[str] = []
        warnings: list[str] = []
        missing = 0
        for part in parts:
            asked = query if len(parts) == 1 else replace(query, topic=part, topics=(part,))
            block = self._block(
                asked, targets, cites, used, single=len(parts) == 1, shares_only=shares_only
            )
            if block is None:
                return None
            lines += block[0]
            warnings += [w for w in block[1] if w not in warnings]
            missing += block[2]
        for part in extra if lines and not missing else ():
            trial, tried = cites.copy(), list[Fact]()  # kept only when every report states it
            asked = replace(query, topic=part, topics=(part,))
            block = self._block(asked, targets, trial, tried, single=False)
            if block is not None and not block[2]:
                lines += block[0]
                cites, used = trial, used + tried
        meta = {"missing": missing} if missing else {}
        return Answer(
            query.text, "\n".join(lines), False, cites.all(), tuple(used), tuple(warnings), meta
        )

    def _block(
        self,
        query: Query,
        targets: Sequence[Report],
        cites: Citations,
        used: list[Fact],
        single: bool = True,
        shares_only: bool = False,
    ) -> tuple[list[str], tuple[str, ...], int] | None:
        """The lines and warnings answering one metric and how many reports lack it, or None."""
        asked = query.zh_text or query.text
        metric = (
            metric_in(query.topic)
            or (metric_in(query.context) if not query.topic else None)
            or counted_metric(query.topic)
            or (abbreviated_metric(query.topic) if single else None)
            # the topic lost the metric's words to segmentation ("自评分数" → 评分 数): the
            # question's own words, when they name exactly one metric
            or (metric_in(asked) if single and len(metrics_in(asked)) == 1 else None)
        )
        if metric is None or len(metrics_in(query.topic)) > 1:
            return None  # no catalogue metric, or several: quoting serves better
        asked_figure = f"{query.text} {query.qualifier or ''}"
        # "A是B的百分之几" / "as a percentage of B's" divides the two sides, not part by whole
        of_other = asks_percent_of(f"{asked} {query.text}")
        shares = (
            None
            if of_other
            else share_lines(
                asked,
                metric,
                targets,
                self._facts,
                lambda r, fs: p.facts[0] if (p := pick(r, fs, asked_figure)) else None,
                lambda r, f, m: self._cite(r, f, cites, used, m),
            )
        )
        if shares is not None:  # "占…的比重谁高": the shares are compared, not the amounts
            return shares, (), 0
        if shares_only:
            return None
        if len(asked_qualifiers(query.zh_text or query.text)) > 1:
            return None  # "预算和决算各多少": each report's quotes give every asked figure
        if metric.kind == "money" and asked_qualifier(query.zh_text or query.text) == "执行率":
            return None  # a rate of an amount ("三公经费执行率"): the quotes state it, not amounts
        if _uncovered(metric, query.topic):
            return None  # "政府性基金拨款收入" is not 收入: the quotes hold the figure asked
        facts = self._facts(metric.name, [r.id for r in targets])
        facts += self._stated_as_rate(metric, targets, facts)
        stored = list(facts)
        facts = prefer_own(targets, facts, metric.name, query.zh_text or query.text)
        if metric.name == "自评得分":  # a score the fact table lacks, in the report's own form
            have = {f.report_id for f in facts}
            facts += [s for r in targets if r.id not in have and (s := stated_score(r))]
        columns = _column_years(query, targets)
        if columns:  # one report's columns for two years ("2022年决算数 | 2023年决算数")
            picks = [p for y in columns if (p := pick(targets[0], facts, asked_figure, y))]
            if len(picks) != 2:
                return None
            picks = [self._same_scope(_with_restated(p, facts)) for p in picks]
            lines = self._difference(metric, picks, cites, used)
            off = self._rates_off(metric, picks, cites)
            lines = [*_in_english(query, metric, picks, lines, lines), *_noted(off)]
            return lines, (*_warnings(picks, cites), *off), 0
        # the figure the conversation asked for (预算 …) when this turn only compares
        picks = [p for r in targets if (p := self._pick(query, r, metric, facts, asked_figure))]
        picks = [self._same_scope(_with_restated(p, facts)) for p in picks]
        picks = [_exactly(p, stored) for p in picks]
        picks = [self._unit_in_view(p, facts) for p in picks]
        picks = one_side_each(picks, asked_figure)
        if not picks or len({family(p.facts[0].qualifier) for p in picks}) > 1:
            return None  # one side's budget beside another's actual: not a like pair
        if len(picks) == 1 and picks[0].others:  # one body-year: its documents side by side
            lines = self._documents(metric, picks[0], cites, used)
        elif _same_department(picks) and len(picks) == 2 and _one_body(targets):
            lines = self._difference(metric, picks, cites, used)
            both = f"{asked} {query.text}"
            if asks_sum(both) and not asks_gap(both) and not asks_growth(both):
                lines = [lines[0], _sum(metric, picks)]  # "两年加起来": the sum, not the change
            else:
                lines = _in_english(query, metric, picks, lines, lines)
            if asks_percent_of(both):  # "相当于上年的百分之多少"
                lines.append(_percent_of(metric, picks, both))
        else:
            lines = self._ranking(metric, picks, cites, used)
            asked = query.zh_text or query.text
            if query.text not in asked:
                asked = f"{asked} {query.text}"  # "combined" is lost in the Chinese
            english = _in_english(query, metric, picks, [], lines)
            lead = english[0] if english else self._lead(asked, metric, picks, lines)
            lines = ascending(lines, len(picks)) if _ASCENDING.search(asked) else lines
            lines = [lead, *lines] if lead else lines
            calc_at = len(lines)  # where the calculation asked for goes in
            if len(picks) == 2 and asks_percent_of(asked):  # "A是B的百分之几"
                lines.append(_each_reading(lambda ps: _percent_of(metric, ps, asked), picks))
            elif len(picks) == 2 and asks_ratio(asked):
                lines.append(_each_reading(lambda ps: _ratio(metric, ps), picks))
                if asks_gap(asked) and _comparable(metric, picks):  # "几倍？差多少？"
                    lines.append(_gap(metric, picks, lines))
            elif len(picks) == 2 and asks_sum(asked):
                lines.append(_each_reading(lambda ps: _sum(metric, ps), picks))
            elif len(picks) == 2 and _comparable(metric, picks):
                # two figures of one metric side by side: the reader's next question is the gap
                # ("差了多少", "对比一下", "谁多" — and "Compare …" alike), so it is always shown
                lines.append(_gap(metric, picks, lines))
                if asks_relative_gap(asked):  # "高百分之几": the gap over the one compared with
                    lines.append(_each_reading(lambda ps: _relative_gap(metric, ps, asked), picks))
            asked_calc = asks_percent_of(asked) or asks_ratio(asked) or asks_sum(asked)
            if (
                not english
                and not lead
                and len(lines) > calc_at
                and (asked_calc or asks_gap(asked))
            ):
                # "高出多少", "是几倍", "加起来多少": the calculation asked for is the direct answer
                lines = [lines[calc_at], *lines[:calc_at], *lines[calc_at + 1 :]]
        # a document of no known kind beside the body's report of the year (a bare project
        # form) lacks what that report states: not a side missing the figure
        have = {_body_year(p.report) for p in picks}
        # a body's other document of a year whose figure is shown (its 决算说明 beside the
        # 自评报告 that states it) is no side missing it
        stated = {side_key(p.report) for p in picks}
        have = have if len(have) > 1 else set()  # one body-year alone compares nothing
        picked = {i for p in picks for i in p.report_ids}
        missing = [
            r
            for r in targets
            if r.id not in picked
            and side_key(r) not in stated
            and (r.identity.doc_type is not None or _body_year(r) not in have)
        ]
        lines += [f"{who(r)}：报告中未找到“{metric.name}”的数字。" for r in missing]
        off = self._rates_off(metric, picks, cites)
        return [*lines, *_noted(off)], (*_warnings(picks, cites), *off), len(missing)

    def _rates_off(self, metric: Metric, picks: Sequence[Pick], cites: Citations) -> list[str]:
        """Each side's stated rate that its report's own amounts do not give (see
        :func:`assistant.execution_rate.mismatch`)."""
        if metric.rate_of is None or self._text is None:
            return []
        out = []
        for p in picks:
            for fact in p.facts:
                source = p.source(fact)  # the body's document of the year that states it
                amounts = self._facts(metric.rate_of, [source.id])
                told = mismatch(source, fact, amounts, cites, self._find, self._text(source.id))
                out += [told] if told else []
        return out

    def _pick(
        self,
        query: Query,
        report: Report,
        metric: Metric,
        facts: Sequence[FactRecord],
        asked: str,
    ) -> Pick | None:
        """The report's figure; for a later report standing in for the asked year, its column
        or sentence for that year (see ``earlier_sides``)."""
        year = side_year(query, report)
        found = pick(report, facts, asked, year)
        if found is not None or year is None or self._text is None:
            return found
        stated = stated_earlier(report, metric, year, self._text, query.zh_text or query.text)
        return Pick(report, (stated,)) if stated is not None else None

    def _ranking(
        self, metric: Metric, picks: list[Pick], cites: Citations, used: list[Fact]
    ) -> list[str]:
        unit, factor = common_unit(metric, picks)
        ordered = sorted(picks, key=lambda p: p.value, reverse=True)
        qualifier = ordered[0].facts[0].qualifier or ""
        lines = [f"{metric.name}{qualifier}（统一换算为{unit}，括号内为原文）从高到低："]
        for rank, p in enumerate(ordered, 1):
            shown = []
            for fact in p.facts:
                marker = self._cite(p.source(fact), fact, cites, used, metric)
                converted = _converted(fact, factor, unit, metric)
                shown.append(f"{converted}（原文“{fact.written}”）{marker}")
            lines.append(f"{rank}. {side_label(p.report, p.facts[0], who)}：" + "；".join(shown))
        return lines

    @staticmethod
    def _lead(question: str, metric: Metric, picks: list[Pick], lines: list[str]) -> str | None:
        """ "最多的是A：x（原文…）[n]。" first, when the question asks which is more or less; the
        figure and marker are the ranking line's own."""
        least = bool(_LESS.search(question))
        if not (least or _MORE.search(question)) or len(picks) < 2:
            return None
        rows = lines[1 : 1 + len(picks)]  # the ranking, highest first
        ordered = sorted(picks, key=lambda p: p.value, reverse=True)
        end = ordered[-1] if least else ordered[0]
        tied = [p for p in ordered if p.value == end.value]
        if len(tied) > 1 or any(len(p.facts) > 1 for p in tied):
            return None  # a tie or a report disagreeing with itself: the ranking says it all
        row = rows[-1] if least else rows[0]
        figure = row.split("：", 1)[1]
        word = (
            "最少"
            if least and len(picks) > 2
            else "较少"
            if least
            else "最多"
            if len(picks) > 2
            else "较多"
        )
        if metric.kind in ("percent", "score", "rate"):
            word = word.replace("多", "高").replace("少", "低")
        return f"{word}的是{side_label(end.report, end.facts[0], who)}：{figure}。"

    def _documents(
        self, metric: Metric, chosen: Pick, cites: Citations, used: list[Fact]
    ) -> list[str]:
        """ "X2023年度三公经费：部门决算说明 5.40万元[1]；自评报告 5.60万元[2]。" and whether
        the body's documents of the year agree."""
        stated = [
            f"{_doc(chosen.source(f))} {f.written}"
            f"{self._cite(chosen.source(f), f, cites, used, metric)}"
            for f in (*chosen.facts, *chosen.agreeing)
        ]
        head = f"{who(chosen.report)}{metric.name}：{'；'.join(stated)}。"
        if len(chosen.facts) > 1:
            return [head, "两份报告所列数字不一致，请核对原文。"]
        return [head, "两份报告所列数字一致。"]

    def _difference(
        self, metric: Metric, picks: list[Pick], cites: Citations, used: list[Fact]
    ) -> list[str]:
        later, earlier = sorted(picks, key=lambda p: _pick_year(p), reverse=True)

        def stated(p: Pick) -> str:  # every value a side states (its documents may disagree)
            return "、".join(
                f"{f.written}{self._cite(p.source(f), f, cites, used, metric)}" for f in p.facts
            )

        head = (
            f"{_year_who(later)}{metric.name}：{stated(later)}；"
            f"{_year_who(earlier)}：{stated(earlier)}。"
        )
        change = _each_reading(lambda ps: change_line(metric, ps[0], ps[1]), [later, earlier])
        return [head, change]

    def _stated_as_rate(
        self, metric: Metric, targets: Sequence[Report], facts: Sequence[FactRecord]
    ) -> list[FactRecord]:
        """The 执行率 of the metric a rate metric is the rate of (预算执行率 read as 支出 ·
        执行率, as a table's 支出合计 row states it), as that rate: a report that writes the
        rate twice, differently, shows both."""
        if metric.rate_of is None:
            return []
        have = {(f.report_id, f.value) for f in facts}
        stating = {f.report_id for f in facts}
        stated = self._facts(metric.rate_of, [r.id for r in targets])
        return [  # beside the report's own statement of the rate, a second one that differs
            replace(f, metric=metric.name, qualifier=None, conflict=f.report_id in stating)
            for f in stated
            if f.qualifier == "执行率" and (f.report_id, f.value) not in have
        ]

    def _same_scope(self, chosen: Pick) -> Pick:
        """A pick without the other statements whose sentence names a funding scope
        (财政拨款, 一般公共预算 …) that the first one's does not: "一般公共预算财政拨款基本支出
        …其中：人员经费X" is a narrower amount than the all-funds table's 人员经费, not a
        contradiction of it."""
        if len(chosen.facts) < 2:
            return chosen
        first, *rest = chosen.facts
        mine = set(_SCOPE.findall(self._said_before(chosen.report, first)))
        kept = [f for f in rest if set(_SCOPE.findall(self._said_before(chosen.report, f))) <= mine]
        return replace(chosen, facts=(first, *kept))

    def _unit_in_view(self, chosen: Pick, facts: Sequence[FactRecord]) -> Pick:
        """A bare table cell whose unit only its column header gives ("决算数（万元）" | 4.21)
        is cited as the report's sentence stating the same amount with its unit ("公务接待费
        4.21万元"), when there is one: the reader (and any check) sees the unit beside the
        figure. A caption ("单位：万元") above the table, a clash or no such sentence: as is."""
        if len(chosen.facts) != 1 or chosen.facts[0].source != "table":
            return chosen
        fact = chosen.facts[0]
        if (
            fact.value_yuan is None
            or not fact.value_text.replace(",", "").replace(".", "").isdigit()
        ):
            return chosen  # not money, or the cell writes its own unit
        passage = self._find(chosen.report.id, fact.start, fact.end)
        if passage is None or _CAPTION_UNIT_WORD.search(passage.text[: fact.start - passage.start]):
            return chosen
        for other in facts:
            if (
                other.report_id == fact.report_id
                and other.source == "text"
                and not other.conflict
                and for_year(other, chosen.report, fact.year)
                and family(other.qualifier) == family(fact.qualifier)
                and agree(other, fact)
                and self._find(chosen.report.id, other.start, other.end) is not None
            ):
                return replace(chosen, facts=(replace(other, qualifier=fact.qualifier),))
        return chosen

    def _said_before(self, report: Report, fact: FactRecord) -> str:
        """The words that give a fact its scope: its section path, and its sentence up to the
        figure (a row: the caption and title lines above its table, not other rows)."""
        passage = self._find(report.id, fact.start, fact.end)
        if passage is None:
            return ""
        at = max(0, fact.start - passage.start)
        if fact.source == "table":
            above = passage.text[:at].split("\n")
            return passage.section + "".join(line for line in above if "\t" not in line)
        end = passage.text.find(fact.value_text, at)
        return passage.section + passage.text[at : end if end >= 0 else at]

    def _cite(
        self, report: Report, fact: FactRecord, cites: Citations, used: list[Fact], metric: Metric
    ) -> str:
        return cite_fact(report, fact, metric, self._find, cites, used)


def _in_english(
    query: Query, metric: Metric, picks: Sequence[Pick], lines: list[str], shown: Sequence[str]
) -> list[str]:
    """An English question's answer opened by an English lead (which side is higher and by
    how much, or how the figure changed), in place of the Chinese lead; ``shown`` holds the
    lines citing the figures (the ranking highest first, or the two years' line)."""
    if query.language != "en" or len(picks) < 2 or any(not p.facts for p in picks):
        return lines
    asked = f"{query.zh_text} {query.text}"
    if shown and shown[0].endswith("从高到低："):  # a ranking
        rows = shown[1 : 1 + len(picks)]
        gap = gap_of(metric, picks) if len(picks) == 2 and _comparable(metric, picks) else None
        lead = english_leads.ranking_lead(metric, picks, rows, bool(_LESS.search(asked)), gap)
        return [lead, *lines] if lead else lines
    later, earlier = sorted(picks, key=lambda p: _pick_year(p), reverse=True)
    change = change_of(metric, later, earlier)
    lead = english_leads.change_lead(metric, later, earlier, shown[0], change)
    return [lead, *lines] if lead else lines


_ASCENDING = re.compile(r"(?:从|由)(?:少|低|小)到(?:多|高|大)|升序|ascending", re.I)
"""A ranking asked lowest first ("从少到多排一下")."""


def ascending(lines: list[str], n: int) -> list[str]:
    """The ranking (its header, then ``n`` numbered rows highest first) lowest first."""
    rows = [re.sub(r"^\d+\. ", "", row) for row in lines[1 : 1 + n]]
    header = lines[0].replace("从高到低", "从低到高")
    flipped = [f"{rank}. {row}" for rank, row in enumerate(reversed(rows), 1)]
    return [header, *flipped, *lines[1 + n :]]


def _pick_year(p: Pick) -> int:
    return p.facts[0].year or p.report.identity.year or 0


def _side(p: Pick) -> str:
    """Whose figure: the report, or "X2022年（据其2023年度报告）" for its earlier year's."""
    return side_label(p.report, p.facts[0], who)


def _year_who(p: Pick) -> str:
    """Whose figure and of which year: a previous-year column of one report is that year's."""
    year = p.facts[0].year
    if year and year != p.report.identity.year:
        return f"{who(p.report)}报告所列{year}年数"
    return who(p.report)


_FACTORS = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000), "元": Decimal(1)}


def _written_unit(a: FactRecord, b: FactRecord) -> tuple[str, Decimal]:
    """The larger money unit the two figures are written in (元 when neither wrote 万元/亿元)."""
    unit = next((u for u in _FACTORS if u in (a.unit, b.unit)), "元")
    return unit, _FACTORS[unit]


@dataclass(frozen=True)
class Change:
    """A change from an earlier figure to a later one, as shown: its direction (增加 / 减少 /
    持平), the amount with its unit ("1.40万元", "3分", "2个百分点") and its calculation, and
    for amounts the rate of change ("9.86") with its calculation."""

    word: str
    amount: str
    calculation: str
    rate: str | None = None
    rate_calculation: str = ""


def change_of(metric: Metric, later: Pick, earlier: Pick) -> Change:
    """The change from the earlier figure to the later one: money in the larger unit either
    side wrote (万元 beside 元), the amount in 元 too when that unit rounds it, and the rate of
    change of an amount; counts and rates as written."""
    a, b = later.facts[0], earlier.facts[0]
    if metric.kind != "money":
        unit = a.unit
        places = max(_places(a.value), _places(b.value))
        fmt = f"{{:.{places}f}}"
        diff = Decimal(a.value) - Decimal(b.value)
        word = "增加" if diff > 0 else "减少" if diff < 0 else "持平"
        points = "个百分点" if unit == "%" else unit
        calculation = (
            f"{fmt.format(Decimal(a.value))}{unit} − {fmt.format(Decimal(b.value))}{unit} = "
            f"{fmt.format(diff)}{points}"
        )
        if Decimal(b.value) and metric.kind not in ("percent", "rate", "score") and unit != "%":
            pct = (diff / Decimal(b.value) * 100).quantize(Decimal("0.01"))
            return Change(
                word,
                f"{fmt.format(abs(diff))}{points}",
                calculation,
                f"{pct}",
                f"{diff} ÷ {b.value} ≈ {pct}%",
            )
        return Change(word, f"{fmt.format(abs(diff))}{points}", calculation)
    unit, factor = _written_unit(a, b)
    exact = later.value - earlier.value
    diff = (exact / factor).quantize(Decimal("0.01"))
    word = "增加" if exact > 0 else "减少" if exact < 0 else "持平"

    def side(p: Pick) -> str:
        shown = f"{(p.value / factor).quantize(Decimal('0.01'))}{unit}"
        return shown if p.facts[0].unit == unit else f"{p.facts[0].written}（约{shown}）"

    in_yuan = "" if exact / factor == diff else f"，即{exact:.2f}元"
    calculation = f"{side(later)} − {side(earlier)} = {diff}{unit}{in_yuan}"
    if not earlier.value:
        return Change(word, f"{abs(diff)}{unit}", calculation)
    rate = (exact / earlier.value * 100).quantize(Decimal("0.01"))
    return Change(
        word,
        f"{abs(diff)}{unit}",
        calculation,
        f"{rate}",
        f"{diff}{unit} ÷ {side(earlier)} ≈ {rate}%",
    )


def change_line(metric: Metric, later: Pick, earlier: Pick) -> str:
    """ "增加331.12万元（计算：…）" from the earlier figure to the later one (see
    :func:`change_of`)."""
    change = change_of(metric, later, earlier)
    line = f"{change.word}{change.amount}（计算：{change.calculation}）"
    if change.rate is not None:
        rise = "下降" if change.word == "减少" else "增长"
        line += f"，{rise}{change.rate.lstrip('-')}%（计算：{change.rate_calculation}）"
    return line + "。"


def _comparable(metric: Metric, picks: Sequence[Pick]) -> bool:
    """The figures are in units a difference can be taken of (any two money units; otherwise
    the same unit as written: 辆 and 辆, not 人 and 名). A report stating two values gets the
    gap under each reading (``_gap``)."""
    return metric.kind == "money" or len({f.unit for p in picks for f in p.facts}) == 1


def _gap(metric: Metric, picks: Sequence[Pick], lines: Sequence[str]) -> str:
    """The gap between two reports; when a report states two values, the gap under each
    reading, one line per combination."""
    return _each_reading(lambda ps: _gap_one(metric, ps, lines), picks)


def _reading(p: Pick, fact: FactRecord) -> str:
    """ "X2023年度“5.40万元”", naming the document when the side joins two of them."""
    source = p.source(fact)
    kind = _doc(source) if p.others else ""
    return f"{who(source)}{kind}“{fact.written}”"


def _each_reading(calc: Callable[[list[Pick]], str], picks: Sequence[Pick]) -> str:
    """``calc`` over the two sides; when a side states two values (its report, or its two
    documents of the year, disagree), once under each reading, one line per combination."""
    if all(len(p.facts) == 1 for p in picks):
        return calc(list(picks))
    out = []
    for combo in product(*(p.facts for p in picks)):
        readings = [_reading(p, f) for p, f in zip(picks, combo, strict=True) if len(p.facts) > 1]
        single = [replace(p, facts=(f,)) for p, f in zip(picks, combo, strict=True)]
        out.append(f"按{'、'.join(readings)}计：{calc(single)}")
    return "\n".join(out)


@dataclass(frozen=True)
class Gap:
    """The gap between two reports' figures, in the ranking's unit: the larger side first,
    both figures and the difference as shown, the exact 元 amount when rounding hides it."""

    high: Pick
    low: Pick
    a: str
    b: str
    diff: str
    unit: str
    points: str
    exact: bool
    in_yuan: str = ""


def gap_of(metric: Metric, picks: Sequence[Pick]) -> Gap:
    """The gap between two picks (one value each): money in the larger unit either side
    wrote (万元 beside 元, not 亿元), counts and rates to the places they are written in."""
    high, low = sorted(picks, key=lambda p: p.value, reverse=True)
    unit, factor = common_unit(metric, picks)
    if metric.kind == "money":
        unit, factor = _written_unit(high.facts[0], low.facts[0])
    places = (
        2
        if metric.kind == "money"
        else max(_places(high.facts[0].value), _places(low.facts[0].value))
    )
    step = Decimal(1).scaleb(-places)
    exact = (high.value - low.value) / factor
    diff = exact.quantize(step)
    in_yuan = ""
    if metric.kind == "money" and exact != diff:
        in_yuan = f"，即{high.value - low.value:.2f}元"
    fmt = f"{{:.{places}f}}"
    a, b = (high.value / factor).quantize(step), (low.value / factor).quantize(step)
    points = "个百分点" if unit == "%" else unit  # two rates differ by percentage points
    return Gap(
        high, low, fmt.format(a), fmt.format(b), fmt.format(diff), unit, points, a - b == diff,
        in_yuan,
    )  # fmt: skip


def _gap_one(metric: Metric, picks: Sequence[Pick], lines: Sequence[str]) -> str:
    """ "相差 d（计算：a − b = d）" for two reports, in the ranking's unit (with the exact
    amount in 元 beside it when 万元 to two places rounds the difference), the larger first;
    the inputs are the ranking's lines."""
    gap = gap_of(metric, picks)
    more = "高" if gap.unit == "%" or metric.kind in ("score", "percent", "rate") else "多"
    if gap.high.value == gap.low.value:
        return f"两者相同，均为{gap.a}{gap.unit}（相差0{gap.points}）。"
    equals = "=" if gap.exact else "≈"
    return (
        f"{_side(gap.high)}比{_side(gap.low)}{more}{gap.diff}{gap.points}"
        f"（计算：{gap.a}{gap.unit} − {gap.b}{gap.unit} {equals} {gap.diff}{gap.points}"
        f"{gap.in_yuan}）。"
    )


_GENERIC = re.compile(
    r"^(支出|收入|经费|资金|费用|费|金额|数|总额|合计|决算|预算|实际|执行|执行率|年初|全年|"
    r"调整后?|完成|占|比|比较|对比|相比|多|少|高|低|更|最|差|相差|花|花了|用|总|总共|一共|多少|几)$"
)


_QUALIFIER_ONLY = re.compile(r"(?:预算|决算|年初预算|调整后预算|执行)数?|实际")
"""What a term adds to a metric's alias when it only qualifies it (三公经费预算)."""


def _uncovered(metric: Metric, topic: str) -> bool:
    """The topic names more than the metric: a domain word left over once the metric's own
    name or alias is taken out ("政府性基金 收入" matched as 收入), so the metric is not what
    was asked."""
    squashed = match_text(topic)
    keys = sorted(
        (match_text(a) for a in (metric.name, *metric.aliases) if match_text(a)),
        key=len,
        reverse=True,
    )
    key = next((k for k in keys if k in squashed), None)
    if key is None:
        return False
    domain = jieba_words()
    if any(
        key in w
        and w not in keys
        and w in domain
        and not _QUALIFIER_ONLY.fullmatch(w.replace(key, ""))
        for w in words(squashed)
    ):
        return True  # a longer term of its own holds the alias ("旅游收入" is not 收入)
    rest = squashed.replace(key, " ", 1)
    own = " ".join(keys)  # words of the metric's other names (绩效 of 绩效自评得分) are its own
    leftover = [w for w in words(rest) if len(w) >= 2 and not _GENERIC.match(w) and w not in own]
    return any(w in jieba_words() for w in leftover)


def _exact_unit(metric: Metric, picks: Sequence[Pick], value: Decimal) -> tuple[str, Decimal, int]:
    """The ranking's unit, or 元 when two places of 万元 would round ``value`` (in 元)."""
    unit, factor = common_unit(metric, picks)
    places = 2 if metric.kind == "money" else max(_places(p.facts[0].value) for p in picks)
    exact = value / factor
    if metric.kind == "money" and exact != exact.quantize(Decimal(1).scaleb(-places)):
        unit, factor = "元", Decimal(1)
    return unit, factor, places


def _sum(metric: Metric, picks: Sequence[Pick]) -> str:
    """ "合计 s（计算：a + b = s）" over the ranking's two lines, in their order."""
    ordered = sorted(picks, key=lambda p: p.value, reverse=True)
    unit, factor, places = _exact_unit(metric, picks, sum((p.value for p in picks), Decimal(0)))
    fmt = f"{{:.{places}f}}"
    parts = " + ".join(f"{fmt.format(p.value / factor)}{unit}" for p in ordered)
    whole = sum((p.value for p in ordered), Decimal(0)) / factor
    return f"两者合计{fmt.format(whole)}{unit}（计算：{parts} = {fmt.format(whole)}{unit}）。"


def _ratio(metric: Metric, picks: Sequence[Pick]) -> str:
    """ "A是B的r倍（计算：a ÷ b ≈ r）", the larger over the smaller."""
    high, low = sorted(picks, key=lambda p: p.value, reverse=True)
    if not low.value:
        return f"{_side(low)}为0，无法计算倍数。"
    unit, factor = common_unit(metric, picks)
    places = 2 if metric.kind == "money" else max(_places(p.facts[0].value) for p in picks)
    fmt = f"{{:.{places}f}}"
    times = (high.value / low.value).quantize(Decimal("0.01"))
    return (
        f"{_side(high)}约为{_side(low)}的{times}倍（计算："
        f"{fmt.format(high.value / factor)}{unit} ÷ {fmt.format(low.value / factor)}{unit}"
        f" ≈ {times}）。"
    )


def named_first(question: str, reports: Sequence[Report]) -> int | None:
    """Which of two reports the question names first, by what tells them apart (county,
    else department, else year): in "A是B的百分之几" the first named is the one measured.
    None when the question does not tell."""
    idents = [r.identity for r in reports]

    def at(names: Sequence[str]) -> int | None:
        found = [question.find(n) for n in names if n and question.find(n) >= 0]
        return min(found) if found else None

    positions: list[int | None]
    if len({i.county for i in idents}) == len(idents) and all(i.county for i in idents):
        positions = [at(county_aliases(i.county or "")) for i in idents]
        if all(p is None for p in positions):  # written in pinyin ("Yongping", "Xiuwen")
            from assistant.english import county_by_pinyin

            read = {
                c: pos
                for pos, c in reversed(county_by_pinyin(question, [i.county or "" for i in idents]))
            }
            positions = [read.get(i.county or "") for i in idents]
    elif len({i.department for i in idents}) == len(idents) and all(i.department for i in idents):
        positions = [
            at([m for m in _mentions(question) if department_matches(m, i.department or "")])
            for i in idents
        ]
    elif len({i.year for i in idents}) == len(idents) and all(i.year for i in idents):
        positions = [at([f"{i.year}", f"{(i.year or 0) % 100:02d}年"]) for i in idents]
    else:
        return None
    if any(p is None for p in positions) or len(set(positions)) != len(positions):
        return None
    return min(range(len(positions)), key=lambda k: positions[k] or 0)


def _mentions(question: str) -> list[str]:
    """Every run of characters of the question (a body's name or short form inside it)."""
    runs = re.findall(r"[\u4e00-\u9fff]+", question)
    return [
        r[i:j] for r in runs for i in range(len(r)) for j in range(i + 2, min(len(r), i + 12) + 1)
    ]


def _against(
    metric: Metric, picks: Sequence[Pick], question: str, larger_first: bool
) -> tuple[Pick, Pick, str, Decimal, str]:
    """(a, b, unit, factor, number format) for a figure set against another: the side the
    question names first as a (else the larger, or the smaller, as ``larger_first`` says)."""
    first = named_first(question, [p.report for p in picks])
    if first is None:
        a, b = sorted(picks, key=lambda p: p.value, reverse=larger_first)
    else:
        a, b = picks[first], picks[1 - first]
    unit, factor = common_unit(metric, picks)
    places = 2 if metric.kind == "money" else max(_places(p.facts[0].value) for p in picks)
    return a, b, unit, factor, f"{{:.{places}f}}"


def _relative_gap(metric: Metric, picks: Sequence[Pick], question: str) -> str:
    """ "A比B多r%（计算：(a − b) ÷ b ≈ r%）": the side named first against the other (the
    larger against the smaller when the question does not tell)."""
    a, b, unit, factor, fmt = _against(metric, picks, question, larger_first=True)
    if not b.value:
        return f"{_side(b)}为0，无法计算百分比。"
    rate = ((a.value - b.value) / b.value * 100).quantize(Decimal("0.01"))
    word = "多" if rate >= 0 else "少"
    if metric.kind in ("percent", "score", "rate"):
        word = "高" if rate >= 0 else "低"
    va, vb = fmt.format(a.value / factor), fmt.format(b.value / factor)
    return (
        f"{_side(a)}比{_side(b)}{word}{abs(rate)}%（计算：({va}{unit} − {vb}{unit}) ÷ "
        f"{vb}{unit} ≈ {rate}%）。"
    )


def _percent_of(metric: Metric, picks: Sequence[Pick], question: str) -> str:
    """ "A为B的r%（计算：a ÷ b ≈ r%）": the side named first over the other (the smaller over
    the larger when the question does not tell)."""
    a, b, unit, factor, fmt = _against(metric, picks, question, larger_first=False)
    if not b.value:
        return f"{_side(b)}为0，无法计算百分比。"
    share = (a.value / b.value * 100).quantize(Decimal("0.01"))
    return (
        f"{_side(a)}为{_side(b)}的{share}%（计算："
        f"{fmt.format(a.value / factor)}{unit} ÷ {fmt.format(b.value / factor)}{unit}"
        f" ≈ {share}%）。"
    )


def _converted(fact: FactRecord, factor: Decimal, unit: str, metric: Metric) -> str:
    if metric.kind != "money" or fact.value_yuan is None:
        return f"{fact.value}{fact.unit}"
    return f"{(Decimal(fact.value_yuan) / factor):.2f}{unit}"


def _places(value: str) -> int:
    return len(value.split(".")[1]) if "." in value else 0


def _column_years(query: Query, targets: Sequence[Report]) -> tuple[int, int] | None:
    """The two years a comparison asks of a single report ("23年比22年少了多少" with only the
    2023 report indexed, whose table has a 2022 column), later first; None otherwise."""
    if len(targets) != 1:
        return None
    years = sorted(set(query.years), reverse=True)
    return (years[0], years[1]) if len(years) == 2 else None


def _one_body(targets: Sequence[Report]) -> bool:
    """Every report asked about is one body's (a ranking of several bodies stays one even
    when only one body's reports state the figure)."""
    return len({(r.identity.county, r.identity.department) for r in targets}) == 1


def _same_department(picks: Sequence[Pick]) -> bool:
    keys = {(p.report.identity.county, p.report.identity.department) for p in picks}
    years = {p.report.identity.year for p in picks}
    return len(keys) == 1 and len(years) == len(picks)


def _noted(warnings: Sequence[str]) -> list[str]:
    """Warnings that carry a figure of their own (a calculation) are shown in the answer too."""
    return [f"注意：{w}" for w in warnings]


def _warnings(picks: Sequence[Pick], cites: Citations) -> tuple[str, ...]:
    out = []
    years = sorted({p.report.identity.year for p in picks if p.report.identity.year})
    about = {p.facts[0].year or p.report.identity.year for p in picks}  # figures of one year
    if len(years) > 1 and len(about) > 1 and not _same_department(picks):
        out.append(f"各报告年度不同（{'、'.join(map(str, years))}），比较时请注意。")
    for p in picks:
        if len(p.facts) > 1 and len({f.report_id for f in p.facts}) > 1:
            values = "、".join(
                f"{who(p.source(f))}（{_doc(p.source(f))}）“{f.written}”" for f in p.facts
            )
            out.append(f"同一单位同一年度的两份报告数字不一致：{values}，请核对原文。")
        elif len(p.facts) > 1:
            values = "、".join(f.written for f in p.facts)
            out.append(f"{who(p.report)}报告中同一数字前后不一致：{values}，请核对原文。")
    return tuple(out)


def cite_fact(
    report: Report,
    fact: FactRecord,
    metric: Metric,
    find: FindPassage,
    cites: Citations,
    used: list[Fact],
) -> str:
    """The [n] of the passage that states ``fact`` (recorded in ``used``), or "" when no stored
    passage holds its span (then the figure is not shown)."""
    passage = find(report.id, fact.start, fact.end)
    if passage is None:
        return ""
    marker = cites.mark(passage)
    used.append(
        Fact(
            metric=metric.name,
            value=fact.value_text,
            unit=fact.unit,
            value_yuan=float(fact.value_yuan) if fact.value_yuan else None,
            citation=int(marker.strip("[]")),
            qualifier=fact.qualifier,
            county=report.identity.county,
            year=fact.year or report.identity.year,
        )
    )
    return marker
