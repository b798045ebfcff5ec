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
from assistant.understanding import Query
from index.metrics import Metric, alias_pattern, squashed
from index.models import FactRecord, Report
from index.numbers import MONEY_FACTORS, Quantity, find_quantities

FactsFn = Callable[[str, Sequence[str]], list[FactRecord]]
TextFn = Callable[[str], str]

_VERSUS = r"(?:较|比|与|同|对比)"
_PREVIOUS = r"(?:上一?年度?(?:同期)?|去年(?:同期)?|前一年|上期)"
_UP = re.compile(r"(?:增加|增长|上升|提高|上涨|增支|多支出|多|增幅|涨幅)(?:了|为|达)?(?:约)?$")
_DOWN = re.compile(
    r"(?:减少|下降|降低|节约|节省|压减|减支|少支出|少|降|降幅|减幅)(?:了|为|达)?(?:约)?$"
)
_ASKS_CHANGE = re.compile(
    rf"{_VERSUS}{_PREVIOUS}|同比|上年同期|year[- ]on[- ]year|(?:than|from) (?:the )?"
    r"(?:previous|last|prior) year"
)
_NOT_AMOUNT = re.compile(r"率|占比|比重|百分")
_GROWTH = re.compile(
    r"增长率|增幅|增速|降幅|减幅|涨幅|(?:增长|下降|减少|增加|降低|上涨|降|涨)了?(?:百分之几|几成|多少个?百分点?)|"
    r"growth rate|grow(?:th)? (?:by )?(?:how much|what percent)"
)


@dataclass(frozen=True)
class Change:
    """What a sentence says about a figure against last year: the previous figure when it is
    stated ("较2022年度决算342,615.80元"), the change amount and/or rate, and its sign."""

    sign: int
    previous: Quantity | None = None
    amount: Quantity | None = None
    rate: Quantity | None = None
    end: int | None = None
    """Where the change ends in the report when it is stated in the next sentence (a citation
    must then hold both sentences)."""


_BASE_OF_RATE = re.compile(
    r"(?:完成|为|占|达到)(?:年初|全年|调整后?的?)?预算(?:数)?[\d,.]+(?:亿元|万元|元)的[\d.]+%"
)
"""The budget a completion rate is of ("完成预算12.50万元的75.76%"): the base of a rate, not
another amount whose change may follow."""


def stated_change(text: str, after: int, previous_year: int | None) -> Change | None:
    """The change against last year stated right after a figure ending at ``after`` in
    ``text``, in the same clause group: up to the sentence end or the next metric named."""
    if re.match(r"\s*的[\d.]+%", text[after:]) and re.search(
        r"预算数?[\d,.]+\S{0,2}$", text[:after]
    ):
        return None  # "完成预算12.50万元的75.76%，比上年…": the change is the actual's
    sq = squashed(text[after:])[0]
    end = len(sq)
    named = [m for m in alias_pattern().finditer(sq) if not m.group().endswith("率")]
    rated = next(alias_pattern().finditer(sq), None)  # "…，预算执行率96.63%，较上年…"
    for stop in (re.search(r"[。；;！？\n]", sq), named[0] if named else None):
        if stop:
            end = min(end, stop.start())
    sq = sq[:end]
    past_rate = rated is not None and rated.group().endswith("率") and rated.start() < end
    year = f"|{previous_year}年度?" if previous_year else ""
    versus = re.search(rf"{_VERSUS}(?:{_PREVIOUS}{year})|同比", sq)
    between = _BASE_OF_RATE.sub("", sq[: versus.start()]) if versus else ""
    if versus is None or any(q.is_money for q in find_quantities(between)):
        return None  # the change of another amount stated in between
    sign, previous, amount, rate = 0, None, None, None
    base = last = versus.end()
    for q in find_quantities(sq[base:]):
        before = sq[last : base + q.start]
        last = base + q.end
        if q.is_year:
            continue
        up, down = _UP.search(before), _DOWN.search(before)
        if up or down:
            sign = sign or (1 if up else -1)
            if q.unit == "%":
                rate = rate or q
            elif q.is_money and amount is None:
                amount = q
        elif q.is_money and previous is None and amount is None and len(before) <= 12:
            previous = q  # "较上年决算342,615.80元减少…"
        elif not sign:
            return None
        if amount and rate:
            break
    if not sign or not (previous or amount or rate):
        return None
    if past_rate and not (previous or amount):
        return None  # "执行率P%，较上年提高…%" is the rate's change, not the amount's
    return Change(sign, previous, amount, rate)


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
    if not re.match(rf"(?:{_VERSUS}(?:{_PREVIOUS}{year})|同比)", squashed(stripped)[0]):
        return None
    change = stated_change(stripped, 0, previous_year)
    stop = re.search(r"[。！？\n]", stripped)
    until = end + len(following) - len(stripped) + (stop.end() if stop else len(stripped))
    return replace(change, end=until) if change else None


def _read_year(
    report: Report, facts: Sequence[FactRecord], year: int, question: str, text: str
) -> _Read | None:
    """The report's figure for ``year`` (the year before its own): stated or derived."""
    stated = _ordered([f for f in facts if for_year(f, report, year)], question)
    if stated:
        return _Read(stated[0])
    found = _with_change(report, facts, question, text)
    if found is None:
        return None
    fact, change = found
    current = _quantity(fact)
    if change.previous is not None:
        return _Read(fact, change, (change.previous.raw, ""))
    previous = previous_from(current, change) if current else None
    return _Read(fact, change, previous) if previous else None


def _metrics(query: Query) -> list[Metric]:
    found = [metric_in(query.topic), metric_in(query.context)]
    return list({m.name: m for m in found if m is not None}.values())


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
    """A year no report of the body covers, answered from the body's next year's report."""
    metrics = _metrics(query)
    years = sorted(set(query.years))
    if len(years) == 2 and years[1] - years[0] == 1 and _names_source(query, years[1]):
        years = years[:1]  # "2021年的…（据2022年报告）": the year asked, read in the next report
    if not years or not metrics or len(years) != 1:
        return None
    year = years[0]
    later = select_reports(replace(query, years=(year + 1,)), reports)
    if len(later) != 1:
        return None  # no next-year report, or several bodies: refused as before
    report = later[0]
    question = query.zh_text or query.text
    cites, used = Citations(), list[Fact]()
    lines: list[str] = []
    missing: list[str] = []
    for metric in metrics:
        mine = facts(metric.name, [report.id])
        read = _read_year(report, mine, year, question, text(report.id))
        marker = cite_fact(report, read.fact, metric, find, cites, used) if read else ""
        if read is None or not marker:
            missing.append(metric.name)
            continue
        lines.append(_earlier_line(report, metric, year, read, marker))
    if not lines:
        return None
    body = f"{report.identity.county or ''}{report.identity.department or ''}"
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


def asks_change(question: str) -> bool:
    """ "比上年增加了多少", "同比下降多少", "比上年呢": a change against the previous year."""
    return bool(_ASKS_CHANGE.search(question))


def answer_change(
    query: Query, targets: Sequence[Report], facts: FactsFn, find: FindPassage, text: TextFn
) -> Answer | None:
    """The change against last year a single report states for the asked metric, with this
    year's and last year's figures; a computed difference when only both figures are stated.
    Two or more bodies ("A比上年降了多少，B呢"): each body's own change, one after another."""
    question = query.zh_text or query.text
    metrics = _metrics(query)
    own = [r for r in targets if r.identity.year and r.identity.year == max(query.years or [0])]
    # "支出增长率多少", "增长了百分之几": the change the report states, rate included
    growth = _GROWTH.search(question)
    if not (asks_change(question) or growth) or not metrics:
        return None
    if _NOT_AMOUNT.search(_GROWTH.sub("", question)):
        return None
    bodies = _bodies(query, targets)
    if len(bodies) > 1:
        return _each_body(query, bodies, facts, find, text)
    metric = metrics[0]
    chosen = own if len(own) == 1 else list(targets) if len(targets) == 1 else []
    if not chosen and not own and len(targets) > 1:  # one body's reports of one year (决算说明
        chosen = [  # beside a project sheet): the one stating the change
            r
            for r in targets
            if r.identity.year
            and (
                _with_change(r, facts(metric.name, [r.id]), question, text(r.id))
                or _named_change(text(r.id), metric, r.identity.year - 1, question)
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
    found = _with_change(report, mine, question, text(report.id))
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
    named = re.compile("|".join(re.escape(a) for a in aliases))
    year = f"|{previous_year}年度?"
    versus = re.compile(rf"{_VERSUS}(?:{_PREVIOUS}{year})|同比")
    for sentence in re.finditer(r"[^。！？\n]+[。！？]?", text):
        body = sentence.group(0)
        for match in named.finditer(body):
            if re.search(r"[\u4e00-\u9fff](?<![年的])$", body[: match.start()]):
                continue  # the end of a longer item's name ("基本支出" for 支出)
            clause = re.match(r"[^。；;！？]*", body[match.end() :])
            words = clause.group(0) if clause else ""
            head = body[: match.start()]
            if not (versus.search(head[-30:]) or versus.match(words)):
                continue
            change = _change_after(re.sub(rf"^(?:{versus.pattern})[，,]?", "", words))
            if change is not None:
                start = sentence.start()
                return match.group(0), change, start, start + len(body)
    return None


_CHANGE_OPENS = re.compile(
    r"(?:决算数|决算|支出|数)?(?:较上年|比上年)?(?:增加|增长|上升|减少|下降|降低)"
)


def _change_after(words: str) -> Change | None:
    """The change stated right after an item's name ("增加412.58万元，增长9.45%")."""
    if not _CHANGE_OPENS.match(words):
        return None
    sign, amount, rate, last = 0, None, None, 0
    for q in find_quantities(words):
        before = words[last : q.start]
        last = q.end
        up, down = _UP.search(before), _DOWN.search(before)
        if not (up or down):
            break
        sign = sign or (1 if up else -1)
        if q.unit == "%" and rate is None:
            rate = q
        elif q.is_money and amount is None:
            amount = q
    if not sign or not (amount or rate):
        return None
    return Change(sign, None, amount, rate)


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
