"""What a report's sentences say about a figure against the previous year: the change
("较上年减少2.35万元，下降13.11%", "比2022年的1,108.35万元增加133.37万元"), the name the sentence
gives the figure ("决算支出总额"), this year's figure, and the reason stated after the change
("主要原因是…"); and whether a question asks for such a change or its reason.

Read from the report's text at question time (no fact table needed), so a figure the fact table
does not file under a metric (a total named "决算支出总额") is still found by its metric's
spellings and the vocabulary's synonyms of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from assistant.own_totals import TOTAL_METRICS
from index import vocabulary
from index.metrics import (
    QUALIFIER_WORDS,
    Metric,
    alias_pattern,
    find_metric,
    metrics,
    squashed,
)
from index.numbers import Quantity, find_quantities

VERSUS = r"(?:较|比|与|同|对比)"
PREVIOUS = r"(?:上一?年度?(?:同期)?|去年(?:同期)?|前一年|上期)"
_UP = re.compile(r"(?:增加|增长|上升|提高|上涨|增支|多支出|多|增幅|涨幅)(?:了|为|达)?(?:约)?$")
_DOWN = re.compile(
    r"(?:减少|下降|降低|节约|节省|压减|减支|少支出|少|降|降幅|减幅)(?:了|为|达)?(?:约)?$"
)
_ASKS_CHANGE = re.compile(
    rf"{VERSUS}{PREVIOUS}|同比|上年同期|year[- ]on[- ]year|(?:than|from) (?:the )?"
    r"(?:previous|last|prior) year"
)
NOT_AMOUNT = re.compile(r"率|占比|比重|百分")
RATE_OF_CHANGE = re.compile(
    r"(?:增长|增加|下降|减少|降低|上升|降|涨|升|多|少)了?(?:百分之几|多少个?百分比|几成|多少%|幅度)"
    r"|(?:增长|增加|下降|减少|降低|上升|变动|变化)(?:率|幅度)"
)
"""A question asking the rate of the change ("降了百分之几", "增长率"), not a rate metric."""
CHANGE_WORD = r"(?:增加|减少|下降|上升|增长|降低|变多|变少|多了|少了|上涨|回落|涨|降)"
_ASKS_WHY = re.compile(
    r"为什么|为何|为啥|咋回事|什么原因|啥原因|原因|怎么回事|"
    r"\bwhy\b|\breasons?\b|\bcaused?\b|because",
    re.I,
)
_ASKS_WHY_CHANGE = re.compile(
    rf"(?:为什么|为何|为啥|什么原因|啥原因|原因)[^。？?！]{{0,10}}{CHANGE_WORD}"
    rf"|{CHANGE_WORD}[^。？?！]{{0,8}}(?:原因|为什么|为何|为啥)"
    r"|\bwhy\b[^?.]{0,40}\b(?:rise|fall|drop|increase|decrease|go up|go down|grow|decline|"
    r"rose|fell|dropped|increased|decreased|grew|declined|change)"
    r"|\breasons? (?:for|behind) (?:the |this |that )?(?:year-on-year |annual )?(?:\w+ )?"
    r"(?:increase|decrease|rise|fall|drop|decline|growth|change)",
    re.I,
)
"""A question asking why a figure rose or fell: the change against last year and its reason."""
_REASON = re.compile(
    r"(?:主要原因(?:是|为|在于|：|:)|原因(?:是|为|在于|：|:)|主要是由于|主要是因为|主要系|主要由于|主要是"
    r"|是由于|是因为|由于)(?P<why>[^。；;！？\n]{4,120})"
)
"""The reason a report gives for a change, in the clauses after it ("主要原因是新增…")."""
_NAME_PREFIX = re.compile(r"(?:决算|预算|全年|本年度?|年度|部门|单位|整体|当年|全部|实际)+$")
"""Words a report writes before a total's name ("决算支出总额", "全年支出"): still that total."""
_WHOLE_PREFIX = re.compile(r"全年|本年|年度|部门|单位|整体|当年|全部")
"""Words that make a bare "支出" the body's whole spending ("全年支出", "部门支出")."""


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


_BUDGET_BEFORE = re.compile(r"预算(?:数|为|安排|金额)?(?:为)?\s*$")
_RATE_AFTER = re.compile(
    r"\s*[，,]\s*(?:预算)?(?:完成|执行)(?:了)?(?:年初|全年|调整后?的?)?(?:预算)?(?:的|率为?)?[\d.]+%"
)


def budget_before_rate(text: str, start: int, end: int) -> bool:
    """The amount at text[start:end] is a budget followed by the completion rate of the figure
    before it ("支出3.47万元，年初预算5.80万元，完成预算的59.83%，比上年减少0.68万元"): a change
    stated after that rate is the actual's, not the budget's."""
    return bool(_BUDGET_BEFORE.search(text[max(0, start - 8) : start])) and bool(
        _RATE_AFTER.match(text[end:])
    )


_BUDGET_AND_RATE = re.compile(
    r"[，,]?(?:年初|全年|调整后?的?)?预算(?:数|为|安排|金额)?(?:为)?[\d,.]+(?:亿元|万元|元)"
    r"[，,](?:预算)?(?:完成|执行)(?:了)?(?:年初|全年|调整后?的?)?(?:预算)?(?:的|率为?)?[\d.]+%"
)
"""A budget with the completion rate of the figure before it, between that figure and its
change ("支出3.47万元，年初预算5.80万元，完成预算的59.83%，比上年减少…")."""


def stated_change(text: str, after: int, previous_year: int | None) -> Change | None:
    """The change against last year stated right after a figure ending at ``after`` in
    ``text``, in the same clause group: up to the sentence end or the next metric named."""
    if re.match(r"\s*的[\d.]+%", text[after:]) and re.search(
        r"预算数?[\d,.]+\S{0,2}$", text[:after]
    ):
        return None  # "完成预算12.50万元的75.76%，比上年…": the change is the actual's
    before = find_quantities(text[:after])
    if before and before[-1].end == after and budget_before_rate(text, before[-1].start, after):
        return None  # "年初预算5.80万元，完成预算的59.83%，比上年…": the actual's change
    sq = squashed(text[after:])[0]
    end = len(sq)
    named = [m for m in alias_pattern().finditer(sq) if not m.group().endswith("率")]
    rated = next(alias_pattern().finditer(sq), None)  # "…，预算执行率96.63%，较上年…"
    for stop in (re.search(r"[。；;！？\n]", sq), named[0] if named else None):
        if stop:
            end = min(end, stop.start())
    sq = sq[:end]
    past_rate = rated is not None and rated.group().endswith("率") and rated.start() < end
    versus = versus_previous(previous_year).search(sq)
    between = _BASE_OF_RATE.sub("", sq[: versus.start()]) if versus else ""
    between = _BUDGET_AND_RATE.sub("", between)
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


_ONLY_CHANGE = re.compile(
    rf"^(?:那|那么|所以)?(?:比上年|同比|相比|对比)?(?:是)?{CHANGE_WORD}了?"
    r"(?:多少钱?|百分之几|百分之多少|几成|多少个?百分比|多少%|幅度(?:多大|是多少)?)?[？?。!！]?$"
)
"""A follow-up asking only the change ("降了百分之几", "涨了多少"): of the figures just
discussed, this year's against last year's."""


def asks_only_change(question: str) -> bool:
    return bool(_ONLY_CHANGE.match(question.strip()))


def asks_change(question: str, previous_year: int | None = None) -> bool:
    """ "比上年增加了多少", "同比下降多少", "比上年呢", "跟22年比增长了多少" (22 being the
    previous year), "why did it fall": a change against the previous year."""
    if _ASKS_CHANGE.search(question) or _ASKS_WHY_CHANGE.search(question):
        return True
    if asks_only_change(question):
        return True
    if previous_year is None:
        return False
    year = rf"(?:{previous_year}|(?<!\d){previous_year % 100:02d})\s*年?度?"
    versus = r"(?:较|比|与|同|跟|和|对比|相比|compared (?:with|to)|than (?:in )?|over|vs\.?)"
    return bool(
        re.search(rf"{versus}\s*{year}(?!\d)", question, re.I)
        or re.search(rf"(?:较|比|与|同|跟|和){year}[^。？?]{{0,4}}(?:比|相比)", question)
    )


def asks_reason(question: str) -> bool:
    """The question asks why ("为什么", "原因", "why")."""
    return bool(_ASKS_WHY.search(question))


def reason_after(sentence: str, at: int = 0) -> str | None:
    """The reason a sentence gives for a change, in its clauses after ``at``."""
    found = _REASON.search(sentence, at)
    return found.group("why").strip("，,、 ") if found else None


@dataclass(frozen=True)
class TextChange:
    """A sentence naming a metric (as the report spells it, "决算支出总额") with its change
    against the previous year, read from the report's text at question time; this year's
    figure when the report writes it right after the same name (in that sentence or another)."""

    name: str
    change: Change
    start: int
    end: int
    current: Quantity | None = None
    current_span: tuple[int, int] | None = None
    reason: str | None = None


def _names(metric: Metric, budget: bool) -> list[str]:
    """The metric's spellings and the synonyms the vocabulary lists with them (支出总额 for
    支出合计), longest first; budgets only when the question asks one."""
    own = {metric.name, *metric.aliases}
    names = set(own)
    for group in vocabulary.synonym_groups():
        if any(len(n) > 3 for n in own & set(group)):  # 支出合计's group, never 支出's
            names.update(n for n in group if len(n) > 2)
    others = {a for m in metrics() if m.name != metric.name for a in (m.name, *m.aliases)}
    names = {n for n in names if n in own or n not in others}
    return sorted((n for n in names if budget or "预算" not in n), key=len, reverse=True)


def versus_previous(previous_year: int | None) -> re.Pattern[str]:
    """The words comparing with the year before: "比上年", "较2022年度", "同比"."""
    year = f"|{previous_year}年度?" if previous_year else ""
    return re.compile(rf"{VERSUS}(?:{PREVIOUS}{year})|同比")


def change_after_versus(versus: re.Pattern[str], words: str) -> Change | None:
    """The change stated in ``words`` that open with the comparing words ("较上年，增加…")."""
    return change_after(re.sub(rf"^(?:{versus.pattern})[，,]?", "", words))


def named_in_sentences(text: str, names: Sequence[str]) -> Iterator[tuple[int, str, re.Match[str]]]:
    """(sentence start, sentence, match) for every mention of one of ``names`` (tried in the
    order given, so longest first when sorted so) in each sentence of ``text``."""
    named = re.compile("|".join(re.escape(n) for n in names))
    for sentence in re.finditer(r"[^。！？\n]+[。！？]?", text):
        for match in named.finditer(sentence.group(0)):
            yield sentence.start(), sentence.group(0), match


def text_change(text: str, metric: Metric, previous_year: int, question: str) -> TextChange | None:
    """The first sentence of ``text`` naming ``metric`` with its change against the previous
    year: "决算支出总额1,241.72万元，比2022年的1,108.35万元增加133.37万元" or "全年支出比上年
    增加126.57万元，增长9.23%，主要是…"."""
    if metric.kind != "money":
        return None
    names = _names(metric, "预算" in question)
    if not names:
        return None
    versus = versus_previous(previous_year)
    for start, body, match in named_in_sentences(text, names):
        head = body[: match.start()]
        prefix = _NAME_PREFIX.search(head)
        lead = head[: prefix.start()] if prefix else head
        if re.search(r"[\u4e00-\u9fff](?<![年的])$", lead):
            continue  # the end of a longer item's name ("项目支出" for 支出)
        name = (prefix.group(0) if prefix else "") + match.group(0)
        if len(match.group(0)) <= 2 and not _WHOLE_PREFIX.search(name):
            continue  # "…预算6.00万元，实际支出5.21万元": an item's, not the body's total
        if not _names_a_whole(name) and not _WHOLE_PREFIX.search(name) and _item_before(lead):
            continue  # "“三公”经费…支出预算16.50万元，支出决算11.89万元": the item's figure
        rest = body[match.end() :]
        gap = QUALIFIER_WORDS.match(rest)
        skip = gap.end() if gap else 0
        first = next(iter(find_quantities(rest[skip:])), None)
        current = None
        if "预算" in rest[:skip] and "预算" not in question:
            continue  # "支出预算为12.00万元": the budget, not the figure whose change follows
        if first is not None and first.start == 0 and first.is_money:
            at = match.end() + skip
            current = replace(first, start=first.start + at, end=first.end + at)
            change = stated_change(body, current.end, previous_year)
        elif versus.match(tail := rest if versus.match(rest) else rest[skip:]):
            change = change_after_versus(versus, tail)
        else:
            continue
        if change is None:
            continue
        span = (start, start + len(body))
        reason = reason_after(body, match.end())
        if current is not None:
            shifted = replace(current, start=current.start + start, end=current.end + start)
            return TextChange(name, change, *span, shifted, span, reason)
        found = next(  # as this sentence names it, else by another of its names
            (
                hit
                for other in (name, *(n for n in names if _names_a_whole(n)))
                if (hit := _current_figure(text, other, previous_year + 1))
            ),
            None,
        )
        return TextChange(name, change, *span, *(found or (None, None)), reason)
    return None


def _item_before(head: str) -> bool:
    """The sentence names a narrower money item before ("“三公”经费财政拨款支出预算…，"): a
    bare 支出决算 after it goes on about that item, not the body's whole."""
    text, _ = squashed(head)
    for match in alias_pattern().finditer(text):
        metric = find_metric(match.group(0))
        if metric is not None and metric.kind == "money" and metric.name not in TOTAL_METRICS:
            return True
    return False


def _names_a_whole(name: str) -> bool:
    """A name that says which figure by itself ("支出合计"), not one that needs its sentence
    ("支出", "支出决算" of any item)."""
    return len(name) >= 4 and not name.endswith(("决算", "预算"))


def _current_figure(text: str, name: str, year: int) -> tuple[Quantity, tuple[int, int]] | None:
    """This year's figure written right after ``name`` ("全年支出1,497.83万元") in a sentence
    that names no other year, and that sentence's span."""
    for match in re.finditer(re.escape(name), text):
        before = text[match.start() - 1 : match.start()] if match.start() else ""
        if "\u4e00" <= before <= "\u9fff" and before not in "年的":
            continue  # the end of a longer item's name
        rest = text[match.end() : match.end() + 40]
        gap = QUALIFIER_WORDS.match(rest)
        skip = gap.end() if gap else 0
        first = next(iter(find_quantities(rest[skip:])), None)
        if first is None or first.start != 0 or not first.is_money:
            continue
        start = max(text.rfind(c, 0, match.start()) for c in "。！？\n") + 1
        stop = re.search(r"[。！？\n]", text[match.end() :])
        end = match.end() + (stop.end() if stop else len(text) - match.end())
        years = {int(y) for y in re.findall(r"(\d{4})\s*年", text[start:end])}
        if years - {year}:
            continue  # "2022年全年支出…" or a sentence about two years
        at = match.end() + skip
        return replace(first, start=first.start + at, end=first.end + at), (start, end)
    return None


_CHANGE_OPENS = re.compile(
    r"(?:决算数|决算|支出|数)?(?:较上年|比上年)?(?:增加|增长|上升|减少|下降|降低)"
)


def change_after(words: str) -> Change | None:
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


def named_metrics(text: str) -> list[Metric]:
    """The money metrics ``text`` names by name or spelling, longest spelling first, each once
    ("支出比上年增加的原因" → 支出)."""
    squashed_text = squashed(text)[0]
    spellings = sorted(
        ((s, m) for m in metrics() if m.kind == "money" for s in (m.name, *m.aliases)),
        key=lambda pair: -len(pair[0]),
    )
    found: dict[str, Metric] = {}
    for spelling, metric in spellings:
        if spelling in squashed_text:
            found.setdefault(metric.name, metric)
            squashed_text = squashed_text.replace(spelling, "\0")
    return list(found.values())
