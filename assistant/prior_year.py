"""Figures of the year before a report's own year, read from that report.

Budget reports state last year's figures beside this year's: a table column ("2022年决算数",
"上年数") or a stated change ("较上年减少2.35万元，下降13.11%", "比上年增长12.5%"). Two kinds of
question are answered from them:

- a year Y whose report is not indexed while the same body's Y+1 report is: the Y+1 report's
  column for Y (stated), or its current figure with the stated change undone (推算, shown as a
  calculation), under a first line saying the Y report is not indexed;
- "比上年增加/减少了多少": the stated change (amount, rate) with this year's figure and last
  year's (stated, or 推算 from the change).

Only facts of the question's metric are used (the fact table files each figure under the year it
is about, see ``index.facts``); nothing is returned when the report states nothing for the year
(the caller then refuses or answers as usual).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.answer import Answer, Citation, Fact
from assistant.compare import FindPassage, cite_fact, for_year, metric_in, wanted_qualifiers
from assistant.compose import Citations, who
from assistant.own_totals import OWN_NAMES, prefer_own
from assistant.scope import select_reports
from assistant.stated_changes import (
    CHANGE_WORD,
    NOT_AMOUNT,
    PREVIOUS,
    RATE_OF_CHANGE,
    VERSUS,
    Change,
    TextChange,
    asks_change,
    asks_only_change,
    asks_reason,
    change_after_versus,
    named_in_sentences,
    reason_after,
    stated_change,
    text_change,
    versus_previous,
)
from assistant.understanding import Query
from index.identity import body_name
from index.metrics import Metric, metrics, squashed
from index.models import FactRecord, Report
from index.numbers import MONEY_FACTORS, Quantity, find_quantities

FactsFn = Callable[[str, Sequence[str]], list[FactRecord]]
TextFn = Callable[[str], str]

_GROWTH = re.compile(
    r"增长率|增幅|增速|降幅|减幅|涨幅|(?:增长|下降|减少|增加|降低|上涨|降|涨)了?(?:百分之几|几成|多少个?百分点?)|"
    r"growth rate|grow(?:th)? (?:by )?(?:how much|what percent)"
)
"""A growth rate asked ("支出增长率", "增长了百分之几"): the change the report states."""


def _decimal_places(q: Quantity) -> int:
    return max(q.decimals, 0)


def _in_unit(q: Quantity, unit: str) -> Decimal | None:
    if q.unit == unit:
        return q.value
    if q.unit in MONEY_FACTORS and unit in MONEY_FACTORS:
        return q.value * MONEY_FACTORS[q.unit] / MONEY_FACTORS[unit]
    return None


def _fmt(value: Decimal, places: int) -> str:
    return f"{value.quantize(Decimal(1).scaleb(-places)):,f}" if places else f"{value:,.0f}"


def previous_from(current: Quantity, change: Change) -> tuple[str, str] | None:
    """Last year's figure from this year's and the change: (figure, calculation shown).
    The amount is preferred; a rate alone gives current ÷ (1 ± rate), marked 约."""
    unit = current.unit
    if change.amount is not None:
        amount = _in_unit(change.amount, unit)
        if amount is None:
            return None
        places = max(_decimal_places(current), _decimal_places(change.amount))
        value = current.value - change.sign * amount
        if value <= 0:
            return None  # not last year's figure of the same item: the change is another's
        op = "+" if change.sign < 0 else "−"
        shown = _fmt(value, places) + unit
        return shown, f"{current.raw} {op} {change.amount.raw} = {shown}"
    if change.rate is not None:
        factor = 1 + change.sign * change.rate.value / 100
        if factor <= 0:
            return None
        value = current.value / factor
        shown = _fmt(value, _decimal_places(current)) + unit
        op = "+" if change.sign > 0 else "−"
        return (
            f"约{shown}",
            f"{current.raw} ÷ (1 {op} {change.rate.raw}) ≈ {shown}",
        )
    return None


@dataclass(frozen=True)
class _Read:
    """One report's figure of a metric for a year: stated, or derived from a stated change."""

    fact: FactRecord  # the stated figure, or this year's figure the change is stated with
    change: Change | None = None
    previous: tuple[str, str] | None = None  # (figure, calculation) when derived


def _quantity(fact: FactRecord) -> Quantity | None:
    found = find_quantities(fact.value_text)
    q = found[0] if found else None
    if q is None:
        return None
    return q if q.unit else replace(q, unit=fact.unit, raw=f"{q.raw}{fact.unit}")


def _ordered(facts: Sequence[FactRecord], question: str) -> list[FactRecord]:
    order = wanted_qualifiers(question)
    rank = {q: i for i, q in enumerate(order)}
    usable = [f for f in facts if f.qualifier in rank and f.qualifier != "执行率"]
    return sorted(usable, key=lambda f: (rank[f.qualifier], f.source != "text", f.start))


def _with_change(
    report: Report, facts: Sequence[FactRecord], question: str, text: str
) -> tuple[FactRecord, Change] | None:
    """This year's figure of the metric that a change against last year is stated with."""
    year = report.identity.year
    budget_asked = "预算" in question
    for fact in _ordered([f for f in facts if for_year(f, report)], question):
        if fact.source != "text" or ("预算" in (fact.qualifier or "") and not budget_asked):
            continue  # "比上年减少了多少" asks the actual, never the budget beside it
        piece = text[fact.start : fact.end]
        at = piece.find(fact.value_text)
        if at < 0:
            continue
        previous_year = year - 1 if year else None
        change = stated_change(piece, at + len(fact.value_text), previous_year)
        if change is None and _last_amount(piece, at):
            change = _next_sentence_change(text, fact.end, previous_year)
        if change is not None:
            return (replace(fact, end=change.end) if change.end else fact), change
    for fact in _ordered([f for f in facts if for_year(f, report)], question):
        if fact.source == "text":
            continue
        found = _sentence_with_change(fact, text, year - 1 if year else None)
        if found is not None:  # a table's figure restated in a sentence with its change
            return found
    return None


def _sentence_with_change(
    fact: FactRecord, text: str, previous_year: int | None
) -> tuple[FactRecord, Change] | None:
    """A sentence writing a table fact's amount with its unit ("实际支出1587.36万元，…，较上年
    …增加95.19万元") and the change stated after it: the fact as that sentence states it."""
    written = (
        f"{fact.value_text}{fact.unit}" if fact.unit not in fact.value_text else fact.value_text
    )
    for at in (m.start() for m in re.finditer(re.escape(written), text)):
        if text[max(0, at - 1) : at].isdigit() or "\t" in text[text.rfind("\n", 0, at) + 1 : at]:
            continue  # part of a longer number, or a table cell
        start = max(text.rfind(c, 0, at) for c in "。\n") + 1
        stop = re.search(r"[。\n]", text[at:])
        end = at + (stop.end() if stop else len(text) - at)
        change = stated_change(text[start:end], at - start + len(written), previous_year)
        if change is not None:
            return replace(fact, start=start, end=end, source="text"), change
    return None


def _last_amount(piece: str, at: int) -> bool:
    """The figure at ``at`` is the last amount of its sentence (rates may follow it)."""
    return not any(q.is_money and q.start > at for q in find_quantities(piece))


def _next_sentence_change(text: str, end: int, previous_year: int | None) -> Change | None:
    """ "…支出决算为8.00万元。较上年减少1.00万元，下降11.11%。": a sentence that opens with the
    change against last year continues the sentence before it (its last amount)."""
    if text[end - 1 : end] not in ("。", "！"):
        return None
    following = text[end : end + 200]
    stripped = following.lstrip(" \t")
    year = f"|{previous_year}年度?" if previous_year else ""
    subject = r"(?:决算数?|实际(?:支出)?数?|支出(?:决算)?数?|该数|上述支出)?"  # "决算数较2021年…"
    if not re.match(rf"{subject}(?:{VERSUS}(?:{PREVIOUS}{year})|同比)", squashed(stripped)[0]):
        return None
    change = stated_change(stripped, 0, previous_year)
    stop = re.search(r"[。！？\n]", stripped)
    until = end + len(following) - len(stripped) + (stop.end() if stop else len(stripped))
    return replace(change, end=until) if change else None


def _read_year(
    report: Report, facts: Sequence[FactRecord], year: int, question: str, text: str
) -> _Read | None:
    """The report's figure for ``year`` (the year before its own): stated or derived."""
    own = {f.value_yuan for f in facts if for_year(f, report) and f.value_yuan}
    stated = _ordered([f for f in facts if for_year(f, report, year)], question)
    slips = [f for f in stated if f.value_yuan and f.value_yuan in own]  # "2021年…152,600.00元"
    stated = [f for f in stated if f not in slips]  # while the own year's is 152,600.00元
    if stated:
        return _Read(stated[0])
    found = _with_change(report, facts, question, text)
    if slips and (found is None or not found[0].start <= slips[0].start < found[0].end):
        return _Read(slips[0])  # no change stated with the slip: shown, and flagged as a slip
    if found is None:
        return None
    fact, change = found
    current = _quantity(fact)
    if change.previous is not None:
        return _Read(fact, change, (change.previous.raw, ""))
    previous = previous_from(current, change) if current else None
    return _Read(fact, change, previous) if previous else None


_SPENT_IN_ALL = re.compile(r"(?:一共|总共|合计|全年|一年|整体上?|总体上?)\s*花(?:了|掉)?多少钱?")
"""Everyday words for the body's total spending ("一共花了多少钱")."""
_SPENT_EN = re.compile(r"\bhow much did\b.{0,80}\bspend\b|\btotal (?:spending|expenditure)\b", re.I)
_GENERIC_TERM = re.compile(rf"^(?:{CHANGE_WORD}|为什么|为何|原因|比|多|少|钱|一共|总共|花)+$")


_GENERIC_BEFORE = re.compile(r"(?:本年|全年|年度|当年|部门|单位|整体|预算|决算|财政|总)+$")


def _thing_before(topic: str, name: str) -> bool:
    """The topic names another thing right before the metric's name ("人均可支配收入"): what
    changed is that thing, not the body's own figure of the metric."""
    squashed = topic.replace(" ", "")
    at = squashed.rfind(name)
    if at <= 0:
        return False
    return bool(re.search(r"[\u4e00-\u9fff]{2}$", _GENERIC_BEFORE.sub("", squashed[:at])))


def question_metrics(query: Query) -> list[Metric]:
    """The metric the question names; the conversation's only when the question names none
    ("那去年整个部门支出多少" after a project's spending asks the body's total)."""
    named = metric_in(query.topic)
    question = query.zh_text or query.text
    if (  # nothing but the spending named
        named is None
        and (_SPENT_IN_ALL.search(question) or _SPENT_EN.search(query.text))
        and all(_GENERIC_TERM.match(t) for t in query.terms)
    ):
        named = next((m for m in metrics() if m.name == "支出"), None)
    if named is not None and metric_in(question) is not None:  # named in this question's words
        return [named]
    found = [named, metric_in(query.context)]
    return list({m.name: m for m in found if m is not None}.values())


def _asks_rate(query: Query) -> bool:
    """The rate of the change asked ("降了百分之几", "增长率"), in either language."""
    return any(
        _GROWTH.search(t) or RATE_OF_CHANGE.search(t) for t in (query.zh_text or "", query.text)
    )


def rate_of_change(
    change: Change, now: Quantity | None, previous: tuple[str, str] | None = None
) -> str | None:
    """The rate a stated change amount makes against last year's figure (stated, or worked
    out from this year's as ``previous`` shows it), when the report states no rate itself."""
    amount = change.amount
    if change.rate is not None or amount is None or amount.yuan is None:
        return None
    if change.previous is not None and change.previous.yuan:
        base, shown = change.previous.yuan, change.previous.raw
    elif now is not None and now.yuan is not None and previous is not None:
        base, shown = now.yuan - change.sign * amount.yuan, previous[0].removeprefix("约")
    else:
        return None
    if base <= 0:
        return None
    rate = (amount.yuan / base * 100).quantize(Decimal("0.01"))
    word = "增长" if change.sign > 0 else "下降"
    return f"{word}{rate}%（计算：{amount.raw} ÷ {shown} ≈ {rate}%）"


def _change_words(change: Change) -> str:
    word = "增加" if change.sign > 0 else "减少"
    parts = []
    if change.amount is not None:
        parts.append(f"{word}{change.amount.raw}")
    if change.rate is not None:
        parts.append(f"{'增长' if change.sign > 0 else '下降'}{change.rate.raw}")
    return "，".join(parts)


def answer_earlier_year(
    query: Query, reports: Sequence[Report], facts: FactsFn, find: FindPassage, text: TextFn
) -> Answer | None:
    """A year no report of the body covers, answered from the body's next year's report; in a
    span of years ("从2021到2023年") that year so, the later ones from their own reports."""
    metrics = question_metrics(query)
    years = sorted(set(query.years))
    if len(years) == 2 and years[1] - years[0] == 1 and _names_source(query, years[1]):
        years = years[:1]  # "2021年的…（据2022年报告）": the year asked, read in the next report
    if not years or not metrics:
        return None
    year, own_years = years[0], _span(query, years)
    if own_years and select_reports(replace(query, years=(year,)), reports):
        return None  # the first year's report is indexed: not this kind of question
    later = select_reports(replace(query, years=(year + 1,)), reports)
    bodies = {(r.identity.county, r.identity.department) for r in later}
    if not later or len(bodies) != 1 or (len(metrics) != 1 and own_years):
        return None  # no next-year report, or several bodies: refused as before
    for report in later:  # a body's reports of one year (决算说明 beside a project sheet)
        found = _earlier_lines(query, report, metrics, year, facts, find, text)
        if found is not None:
            break
    else:
        return None
    lines, missing, cites, used = found
    for own in own_years:  # each later year of the span from its own report
        line = _own_year_line(query, reports, own, metrics[0], facts, find, cites, used)
        if line is None:
            return None
        lines.append(line)
    body = body_name(report.identity.county, report.identity.department)
    head = (
        f"索引中没有{body}{year}年度的报告；以下{year}年的数字出自其{year + 1}年度报告"
        f"（{who(report)}）所列的上年数字或上年变动。"
    )
    if query.language == "en":
        head = (
            f"The index has no {year} report of {body}; the {year} figures below come from its "
            f"{year + 1} report ({who(report)}), which states the previous year's figures or "
            "the change against them (推算 = derived, not stated)."
        )
    tail = [f"{year + 1}年度报告中未给出{year}年的{name}。" for name in missing]
    return Answer(query.text, "\n".join([head, *lines, *tail]), False, cites.all(), tuple(used))


def _span(query: Query, years: list[int]) -> list[int]:
    """The years after the first of a question asking over several ("从2021到2023年": 2022 and
    2023; "2021和2023年": 2023); none for a question about one year."""
    if len(years) < 2:
        return []
    first, last = years[0], years[-1]
    text = query.zh_text or query.text
    between = r"\s*年?度?\s*(?:到|至|~|～|-|—|–|to|through)\s*"
    if re.search(rf"{first}{between}{last}", text, re.I):
        return list(range(first + 1, last + 1))
    return years[1:]


def _earlier_lines(
    query: Query,
    report: Report,
    metrics: Sequence[Metric],
    year: int,
    facts: FactsFn,
    find: FindPassage,
    text: TextFn,
) -> tuple[list[str], list[str], Citations, list[Fact]] | None:
    question = query.zh_text or query.text
    cites, used = Citations(), list[Fact]()
    lines: list[str] = []
    missing: list[str] = []
    for metric in metrics:
        mine = facts(metric.name, [report.id])
        read = _read_year(report, mine, year, question, text(report.id))
        marker = cite_fact(report, read.fact, metric, find, cites, used) if read else ""
        if read is None or not marker:
            said = _earlier_from_text(report, metric, year, question, text(report.id), find, cites)
            if said:
                lines.append(said)
            else:
                missing.append(metric.name)
            continue
        lines.append(_earlier_line(report, metric, year, read, marker))
    return (lines, missing, cites, used) if lines else None


def _own_year_line(
    query: Query,
    reports: Sequence[Report],
    year: int,
    metric: Metric,
    facts: FactsFn,
    find: FindPassage,
    cites: Citations,
    used: list[Fact],
) -> str | None:
    """``year``'s figure of the metric from that year's own report."""
    question = query.zh_text or query.text
    for report in select_reports(replace(query, years=(year,)), reports):
        mine = _ordered(
            [f for f in facts(metric.name, [report.id]) if for_year(f, report)], question
        )
        for fact in mine:
            marker = cite_fact(report, fact, metric, find, cites, used)
            q = _quantity(fact)
            if marker and q is not None:
                label = f"{year}年{metric.name}{fact.qualifier or ''}"
                return f"{label}：{q.raw}{marker}（{who(report)}）。"
    return None


_DOCUMENT = (
    r"年度?的?(?:部门)?"
    r"(?:报告|决算说明|决算报告|决算|自评报告|自评表|绩效自评|报表|表格?|工作簿|文件|材料)"
)
_ZH_BEFORE = r"(?:根据|按照?|据|从|在)[^，,。？?\d]{0,16}"
_ZH_AFTER = r"(?:中|里|上|显示|所列|列示)"
_EN_BEFORE = r"(?:according to|in|from|per|based on)\s+(?:the\s+|its\s+|their\s+)?(?:fy\s*)?"
_EN_AFTER = (
    r"\s+(?:report|workbook|spreadsheet|final accounts?|accounts|self-evaluation|"
    r"self-assessment|document|file|statement|table|sheet)"
)


def _names_source(query: Query, year: int) -> bool:
    """The question names ``year`` as the document to read ("according to its 2022 workbook",
    "根据…2022年决算报告", "2022年自评表里"), not as a year it asks about."""
    text = query.zh_text or query.text
    document = f"{year}\\s*{_DOCUMENT}"
    return bool(
        re.search(f"{_ZH_BEFORE}{document}|{document}{_ZH_AFTER}", text)
        or re.search(f"{_EN_BEFORE}{year}{_EN_AFTER}", query.text, re.I)
    )


def _earlier_from_text(
    report: Report,
    metric: Metric,
    year: int,
    question: str,
    text: str,
    find: FindPassage,
    cites: Citations,
) -> str | None:
    """``year``'s figure of the metric from a sentence of the next year's report that states
    it ("比2022年的1,108.35万元增加…") or this year's figure and the change against it."""
    found = text_change(text, metric, year, question)
    passage = find(report.id, found.start, found.end) if found else None
    if found is None or passage is None:
        return None
    marker = cites.mark(passage)
    now, change = found.current, found.change
    if now is not None and found.current_span and found.current_span != (found.start, found.end):
        other = find(report.id, *found.current_span)
        marker = "".join(dict.fromkeys((marker, cites.mark(other) if other else "")))
    if now is None and change.previous is None:
        return None
    said = f"{year + 1}年{found.name}{now.raw if now else ''}，较上年{_change_words(change)}"
    why = f"；原因：{found.reason}" if found.reason and asks_reason(question) else ""
    if change.previous is not None:
        return f"{year}年{found.name}：{change.previous.raw}{marker}（{said}{why}）。"
    assert now is not None
    previous = previous_from(now, change)
    if previous is None:
        return None
    return (
        f"{year}年{found.name}{previous[0]}（推算，报告未直接给出）：{said}{marker}{why}；"
        f"{year}年 = {previous[1]}（推算；来源{marker}）。"
    )


def _earlier_line(report: Report, metric: Metric, year: int, read: _Read, marker: str) -> str:
    fact = read.fact
    if read.change is None:  # stated: a column for that year, or a clause about it
        q = _quantity(fact)
        figure = q.raw if q else fact.value_text
        label = f"{year}年{metric.name}{fact.qualifier or ''}"
        return f"{label}：{figure}{marker}（报告所列{year}年数字）。"
    assert read.previous is not None
    previous, calculation = read.previous
    current = _quantity(fact)
    now = current.raw if current else fact.value_text
    label = f"{year + 1}年{metric.name}{fact.qualifier or ''}"
    said = f"{label}{now}{marker}，较上年{_change_words(read.change)}"
    if not calculation:  # the previous figure is written in the change sentence
        return f"{year}年{metric.name}：{previous}{marker}（{said}）。"
    return (
        f"{year}年{metric.name}{previous}（推算，报告未直接给出）：{said}{marker}；"
        f"{year}年 = {calculation}（推算；来源{marker}）。"
    )


def against_missing_year(
    query: Query, reports: Sequence[Report]
) -> tuple[Query, list[Report]] | None:
    """A question about year Y against Y−1 ("2022年…比2021年增加多少、为什么") when only Y's
    report of the body is indexed: the question about Y alone, and Y's reports (that report
    states the change against Y−1)."""
    years = sorted(set(query.years))
    text = query.zh_text or query.text
    if len(years) == 1 and asks_only_change(text):  # "上年呢" → "降了百分之几": against the next
        years = [years[0], years[0] + 1]
    if len(years) != 2 or years[1] - years[0] != 1 or not set(query.unknown) <= {str(years[0])}:
        return None
    if not (asks_change(text, years[0]) or asks_change(query.text, years[0])):
        return None
    if select_reports(replace(query, years=(years[0],), unknown=()), reports):
        return None
    alone = replace(query, years=(years[1],), unknown=())
    targets = select_reports(alone, reports)
    return (alone, targets) if targets else None


def answer_change(
    query: Query, targets: Sequence[Report], facts: FactsFn, find: FindPassage, text: TextFn
) -> Answer | None:
    """The change against last year a single report states for the asked metric, with this
    year's and last year's figures; a computed difference when only both figures are stated.
    Two or more bodies ("A比上年降了多少，B呢"): each body's own change, one after another."""
    question = query.zh_text or query.text
    metrics = question_metrics(query)
    own = [r for r in targets if r.identity.year and r.identity.year == max(query.years or [0])]
    previous_year = max(query.years) - 1 if query.years else None
    # "支出增长率多少", "增长了百分之几": the change the report states, rate included
    asked = asks_change(question) or asks_change(query.text) or bool(_GROWTH.search(question))
    sentence_only = False
    if not asked and (
        asks_change(question, previous_year) or asks_change(query.text, previous_year)
    ):
        # "跟22年比" with the 2022 report indexed too: only a sentence stating this year's
        # figure and its change as written (else both reports' figures are compared)
        asked = True
        sentence_only = any(r.identity.year == previous_year for r in targets)
    unrated = RATE_OF_CHANGE.sub("", _GROWTH.sub("", question))
    if not asked or not metrics or NOT_AMOUNT.search(unrated):
        return None
    if _thing_before(query.topic, metrics[0].name):
        return None  # "农村居民人均可支配收入增长率": another thing's 收入, not the body's
    bodies = _bodies(query, targets)
    if len(bodies) > 1:
        return _each_body(query, bodies, facts, find, text)
    metric = metrics[0]
    if not own and asks_only_change(question):  # "上年呢" → "降了百分之几": the next year's
        own = [r for r in targets if r.identity.year == max(query.years or [0]) + 1]
    chosen = own if len(own) == 1 else list(targets) if len(targets) == 1 else []
    if sentence_only and len(own) != 1:
        return None
    if not chosen and len(own) != 1 and len(targets) > 1:  # one body's reports of one year (决算
        chosen = [  # 说明 beside a project sheet): the one stating the change
            r
            for r in (own or targets)
            if r.identity.year
            and (
                _with_change(r, facts(metric.name, [r.id]), question, text(r.id))
                or _named_change(text(r.id), metric, r.identity.year - 1, question)
                or (own and _both_years(r, facts(metric.name, [r.id])))
            )
        ]
    if len(chosen) != 1:
        return None
    report = chosen[0]
    year = report.identity.year
    assert year is not None
    # a total the fact table lacks may be stated ("全年支出9,905.31万元，较上年…增加…")
    stored = facts(metric.name, [report.id])
    mine = [
        f if f in stored else _to_sentence_end(f, text(report.id))
        for f in prefer_own([report], stored, metric.name, question)
    ]
    cites, used = Citations(), list[Fact]()
    found = None if sentence_only else _with_change(report, mine, question, text(report.id))
    said = None if found else text_change(text(report.id), metric, year - 1, question)
    if sentence_only and (said is None or said.current is None):
        return None
    if said is not None:  # "全年支出比上年增加126.57万元…主要是…": as the sentence states it
        stated = _stated_change_answer(query, report, said, find, sentence_only)
        if stated is not None:
            return stated
    named = None if found else _named_change(text(report.id), metric, year - 1, question)
    if named is not None:  # "与上年相比，本年支出合计增加412.58万元，增长9.45%": as stated
        alias, change, start, end = named
        passage = find(report.id, start, end)
        if passage is not None:
            marker = cites.mark(passage)
            sentence = text(report.id)[start:end].strip().rstrip("。")
            lines = [
                f"{who(report)}：{alias}较上年{_change_words(change)}{marker}。",
                f"原文：「{sentence}」{marker}。",
            ]
            return Answer(query.text, "\n".join(lines), False, cites.all(), tuple(used))
    if found is not None:
        fact, change = found
        marker = cite_fact(report, fact, metric, find, cites, used)
        current = _quantity(fact)
        if not marker or current is None:
            return None
        lines = [
            f"{who(report)}：{metric.name}{fact.qualifier or ''}{current.raw}{marker}，"
            f"较上年{_change_words(change)}{marker}。"
        ]
        why = reason_after(text(report.id)[fact.start : fact.end], 0)
        if why and asks_reason(question):
            lines.append(f"原因：{why}{marker}。")
        lines += _breakdown_after(report, text(report.id), fact.end, find, cites)
        stated = _ordered([f for f in mine if for_year(f, report, year - 1)], question)
        if change.previous is not None:
            lines.append(f"上年（{year - 1}年）：{change.previous.raw}{marker}。")
        elif stated and (m := cite_fact(report, stated[0], metric, find, cites, used)):
            q = _quantity(stated[0])
            lines.append(f"上年（{year - 1}年）：{q.raw if q else stated[0].value_text}{m}。")
        elif previous := previous_from(current, change):
            lines.append(
                f"上年（{year - 1}年）{previous[0]}（推算，报告未直接给出）："
                f"{previous[1]}（推算；来源{marker}）。"
            )
        rate = _asks_rate(query) and rate_of_change(change, current, previous_from(current, change))
        if rate:
            lines.append(f"{rate}。")
        return Answer(query.text, "\n".join(lines), False, cites.all(), tuple(used))
    return _difference(query, report, metric, mine, question, find)


def _to_sentence_end(fact: FactRecord, text: str) -> FactRecord:
    """A stated total's span carried on to the end of its sentence, where its change is."""
    end = re.compile(r"[。！？\n]").search(text, fact.end)
    return replace(fact, end=end.start() if end else len(text))


def _bodies(query: Query, targets: Sequence[Report]) -> list[Report]:
    """The report answering for each body among ``targets``: its report of the asked year, else
    its latest; in the order the question names the bodies' counties."""
    latest: dict[tuple[str | None, str | None], Report] = {}
    for r in targets:
        if query.years and r.identity.year not in query.years:
            continue
        key = (r.identity.county, r.identity.department)
        if key not in latest or (r.identity.year or 0) > (latest[key].identity.year or 0):
            latest[key] = r
    named = list(query.counties)
    return sorted(
        latest.values(),
        key=lambda r: named.index(r.identity.county) if r.identity.county in named else len(named),
    )


def _each_body(
    query: Query, bodies: Sequence[Report], facts: FactsFn, find: FindPassage, text: TextFn
) -> Answer | None:
    """Each body's change answered alone, the citations numbered through; a body whose report
    states no change is said to lack it; None when none states one."""
    parts: list[str] = []
    citations: list[Citation] = []
    used: list[Fact] = []
    answered = 0
    for report in bodies:
        years = (report.identity.year,) if report.identity.year else ()
        one = answer_change(replace(query, years=years), [report], facts, find, text)
        if one is None or one.refused:
            parts.append(f"{who(report)}：报告中未找到较上年的变化。")
            continue
        answered += 1
        shift = len(citations)
        parts.append(
            re.sub(r"\[(\d+)\]", lambda m, k=shift: f"[{int(m.group(1)) + k}]", one.answer)
        )
        citations += [replace(c, n=c.n + shift) for c in one.citations]
        used += [replace(f, citation=f.citation + shift) for f in one.facts]
    if not answered:
        return None
    ranked = _rates_ranked(bodies, parts) if _RANKS.search(query.zh_text or query.text) else None
    lines = [ranked, *parts] if ranked else parts
    return Answer(query.text, "\n".join(lines), False, tuple(citations), tuple(used))


_RANKS = re.compile(r"谁|哪个|哪家|哪一?个|排|比比|对比|比较|高低|快慢|which|rank|compare", re.I)
_RATE_SAID = re.compile(r"较上年[^。\n]*?(增长|下降)(\d+(?:\.\d+)?)%")


def _rates_ranked(bodies: Sequence[Report], parts: Sequence[str]) -> str | None:
    """ "较上年变化率从高到低：…" over the bodies whose lines state a rate (two at least)."""
    rated = []
    for report, line in zip(bodies, parts, strict=True):
        found = _RATE_SAID.search(line)
        if found:
            sign = 1 if found.group(1) == "增长" else -1
            rated.append(
                (sign * Decimal(found.group(2)), f"{who(report)}{found.group(1)}{found.group(2)}%")
            )
    if len(rated) < 2:
        return None
    rated.sort(key=lambda r: r[0], reverse=True)
    return "较上年变化率从高到低：" + " ＞ ".join(said for _, said in rated) + "。"


def _breakdown_after(
    report: Report, text: str, end: int, find: FindPassage, cites: Citations
) -> list[str]:
    """The sentence right after the change when it breaks the same figure down ("其中公务用车
    运行维护费7.24万元，公务接待费2.12万元"), quoted and cited."""
    following = text[end : end + 300]
    start = end + len(following) - len(following.lstrip(" \t"))
    if not text.startswith("其中", start):
        return []
    stop = re.search(r"[。！？\n]", text[start:])
    sentence_end = start + (stop.start() if stop else len(text) - start)
    passage = find(report.id, start, sentence_end)
    if passage is None:
        return []
    return [f"「{text[start:sentence_end].strip()}」{cites.mark(passage)}。"]


def _stated_change_answer(
    query: Query, report: Report, said: TextChange, find: FindPassage, previous_indexed: bool
) -> Answer | None:
    """This year's figure, the change against last year, last year's figure (stated or 推算)
    and, when asked, the reason, from the sentence stating the change."""
    passage = find(report.id, said.start, said.end)
    if passage is None:
        return None
    cites = Citations()
    marker = cites.mark(passage)
    now = said.current
    mark_now = marker
    if now is not None and said.current_span and said.current_span != (said.start, said.end):
        other = find(report.id, *said.current_span)
        if other is None:
            now = None
        else:
            mark_now = cites.mark(other)
    year = report.identity.year or 0
    change = said.change
    head = f"{who(report)}：{said.name}"
    lines = [
        f"{head}{now.raw}{mark_now}，较上年{_change_words(change)}{marker}。"
        if now is not None
        else f"{head}较上年{_change_words(change)}{marker}。"
    ]
    question = query.zh_text or query.text
    previous = None
    if change.previous is not None:
        lines.append(f"上年（{year - 1}年）：{change.previous.raw}{marker}。")
    elif now is not None and (previous := previous_from(now, change)):
        how = "按本报告所列变动推算" if previous_indexed else "推算，报告未直接给出"
        lines.append(
            f"上年（{year - 1}年）{previous[0]}（{how}）："
            f"{previous[1]}（推算；来源{''.join(dict.fromkeys((mark_now, marker)))}）。"
        )
    if _asks_rate(query) and (rate := rate_of_change(change, now, previous)):
        lines.append(f"{rate}。")
    if said.reason and (asks_reason(question) or asks_reason(query.text)):
        lines.append(f"原因：{said.reason}{marker}。")
    return Answer(query.text, "\n".join(lines), False, cites.all(), ())


def _both_years(report: Report, facts: Sequence[FactRecord]) -> bool:
    """The report states the metric for its own year and for the year before."""
    year = report.identity.year or 0
    return any(for_year(f, report) for f in facts) and any(
        for_year(f, report, year - 1) for f in facts
    )


def _named_change(
    text: str, metric: Metric, previous_year: int, question: str
) -> tuple[str, Change, int, int] | None:
    """(alias, change, sentence start, end) of a sentence that names the metric and states its
    change against the previous year without restating this year's figure first ("与2022年度
    相比，本年支出合计增加412.58万元，增长9.45%"); budgets only when the question asks one."""
    budget = "预算" in question
    names = {metric.name, *metric.aliases, *OWN_NAMES.get(metric.name, ())}
    aliases = sorted((a for a in names if budget or "预算" not in a), key=len, reverse=True)
    if not aliases:
        return None
    versus = versus_previous(previous_year)
    for start, body, match in named_in_sentences(text, aliases):
        if re.search(r"[\u4e00-\u9fff](?<![年的])$", body[: match.start()]):
            continue  # the end of a longer item's name ("基本支出" for 支出)
        clause = re.match(r"[^。；;！？]*", body[match.end() :])
        words = clause.group(0) if clause else ""
        head = body[: match.start()]
        if not (versus.search(head[-30:]) or versus.match(words)):
            continue
        change = change_after_versus(versus, words)
        if change is not None:
            return match.group(0), change, start, start + len(body)
    return None


def _difference(
    query: Query,
    report: Report,
    metric: Metric,
    facts: Sequence[FactRecord],
    question: str,
    find: FindPassage,
) -> Answer | None:
    """No change stated: this year's and last year's figures of one table (or text), and their
    difference and rate as a calculation."""
    year = report.identity.year or 0
    now = _ordered([f for f in facts if for_year(f, report)], question)
    before = _ordered([f for f in facts if for_year(f, report, year - 1)], question)
    pairs = [(a, b) for a in now for b in before if a.qualifier == b.qualifier]
    if not pairs:
        return None
    a, b = pairs[0]
    qa, qb = _quantity(a), _quantity(b)
    vb = _in_unit(qb, qa.unit) if qa and qb else None
    if qa is None or qb is None or vb is None or vb == 0:
        return None
    cites, used = Citations(), list[Fact]()
    ma = cite_fact(report, a, metric, find, cites, used)
    mb = cite_fact(report, b, metric, find, cites, used)
    if not ma or not mb:
        return None
    places = max(_decimal_places(qa), _decimal_places(qb))
    diff = qa.value - vb
    rate = (diff / vb * 100).quantize(Decimal("0.01"))
    word = "增加" if diff >= 0 else "减少"
    label = f"{metric.name}{a.qualifier or ''}"
    markers = "".join(dict.fromkeys((ma, mb)))
    lines = [
        f"{who(report)}：{year}年{label}{qa.raw}{ma}；上年（{year - 1}年）{qb.raw}{mb}。",
        f"{word}{_fmt(abs(diff), places)}{qa.unit}（计算：{qa.raw} − {qb.raw} = "
        f"{_fmt(diff, places)}{qa.unit}），{'增长' if diff >= 0 else '下降'}{abs(rate)}%"
        f"（计算：{_fmt(diff, places)}{qa.unit} ÷ {qb.raw}；来源{markers}）。",
    ]
    return Answer(query.text, "\n".join(lines), False, cites.all(), tuple(used))
