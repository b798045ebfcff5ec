"""Figures the question asks for that the report does not state but its quotes imply: a
difference, a sum, a share, a growth rate, a count of listed items. Each is shown as a
calculation whose inputs are quoted figures with their citation markers (a − b = c), marked
"（计算）"; nothing is computed from an input that is not quoted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from assistant.column_pair import column_gaps
from assistant.listed_counts import mismatch_line
from index.lexical import words
from index.metrics import METRICS
from index.numbers import MONEY_FACTORS, Quantity, find_quantities

T = TypeVar("T")

_CHANGE = re.compile(
    r"多了多少|少了多少|增加了多少|减少了多少|增加多少|减少多少|相差|差额|差多少|差距|高出多少|"
    r"低了多少|超出多少|结余多少|超了?多少|超出了多少|超支了?多少|剩了?多少|剩下多少|没花完|"
    r"未执行多少|节约了?多少|节省了?多少|变化|(?:调增|调减|调高|调低|追加)了?多少|[多少高低]出?多少|多出|多了还是少了|多还是少|增加还是减少|"
    r"差了?几|[多少高低]了?几[个辆人名家项批次座处分元块张户对件]|"
    r"how much (?:more|less|higher|lower)|difference|gap between|by how much",
    re.I,
)
_SUM = re.compile(
    r"合计多少|加起来|一共多少|总共多少|之和|合起来|总计多少|in total|combined|加在一起|"
    r"(?:两|三|几)(?:年|个年度|个县|个单位|个部门|家|个局)[^，。？?]{0,10}(?:一共|总共|共计|累计)"
)
"""A sum asked: of the figures named, or of one figure over the sides counted ("两年一共")."""
_RATIO = re.compile(r"几倍|多少倍|倍数|how many times|times (?:as|more|larger|bigger)", re.I)
_SHARE = re.compile(
    r"占.{0,12}(比例|比重|百分之几|多少|几成|多大份额)|占比|所占比|what share|percentage of"
)
_GROWTH = re.compile(
    r"增长率|增幅|增速|(?:增长|下降|减少|增加|降低|上涨|降|涨)了?(?:百分之几|几成|多少百分点?)|降幅|"
    r"涨幅|growth rate"
)
_UNSPENT = re.compile(
    r"没有?(?:用|花)完|未(?:用|花|使用)完|(?:剩|余)(?:下|余)?了?多少|结余了?多少|结余多少|"
    r"节约了?多少|省下?了?多少|unspent|left over|not spent",
    re.I,
)
"""The part of a budget not spent ("没用完多少", "还剩多少"): budget − actual of one item."""
_COUNT = re.compile(r"几个|多少个|几项|多少项|几类|多少类|几家|多少家|几所|多少所|how many")
_MEASURED = re.compile(r"(?:几|多少)[辆台批人名户张套艘架次场期天]|多少件")
"""Counts asked in the measure word of things numbered, not listed by name."""
_LIST_START = re.compile(r"(?:包括|包含|分别是|分别为|设有|下设|内设|如下|有)[:：]?")


@dataclass(frozen=True)
class Input:
    """A quoted figure and the citation marker of its quote."""

    quantity: Quantity
    marker: str

    @property
    def shown(self) -> str:
        """The figure as quoted; markers go after the whole calculation (see :func:`sources`)
        so "a − b = c" stays one readable, checkable expression."""
        return self.quantity.raw


def sources(inputs: Sequence[Input]) -> str:
    """ "（计算；来源[1][2]）": the citations of a calculation's inputs."""
    markers = "".join(dict.fromkeys(i.marker for i in inputs))
    return f"（计算；来源{markers}）" if markers else "（计算）"


_WHOLE = re.compile(
    r"占(?:到)?(?:了)?([\u4e00-\u9fff“”\"]{2,16}?)(?:的)?(?:比例|比重|百分之几|多少|几成|份额)"
)


_TOTAL_WORDS = re.compile(
    r"^(?:决算|预算|总额|合计|总计|总数|本年|全年|年度|本年度|当年|金额|数额|数|总)$"
)


_PERIOD = re.compile(r"^(?:本年度?|全年度?|当年|年度)\s*")


def metric_named(text: str) -> str | None:
    """The catalogue metric a phrase names with only "the total of it" words around it
    ("决算 支出 总额", "全年支出" → 支出; "项目支出总额" → 项目支出): one metric by meaning,
    whichever way a report words it; None for anything else."""
    text = _PERIOD.sub("", text.strip())  # "本年支出": the segmenter splits 本年 into 本 | 年
    parts = [w for w in words(text) if w.strip()]
    rest = "".join(w for w in parts if not _TOTAL_WORDS.match(w))
    if not rest:
        return None
    for metric in METRICS:
        if rest == metric.name or rest in metric.aliases:
            return metric.name
    return None


def asks_share(question: str) -> bool:
    return bool(_SHARE.search(question))


def whole_is_part(leads: Sequence[tuple[str, str]]) -> bool:
    """The first two leads (part, whole) state the same amount: the "whole" found is the
    part's own total (the 合计 row of a table of the part's items), not the asked whole."""
    money = [[q for q in find_quantities(f) if q.is_money][:1] for f, _ in leads[:2]]
    if len(money) < 2 or not money[0] or not money[1]:
        return False
    a, b = money[0][0], money[1][0]
    return a.yuan is not None and a.yuan == b.yuan


_WHOLE_BEFORE = re.compile(
    r"(?:在|于)([\u4e00-\u9fff“”\"]{2,16}?)(?:里面|里头|里边|当中|之中|里|中)(?:所)?占"
)
"""The whole named before 占 ("项目支出在支出合计里占几成" → 支出合计)."""


def whole_named(question: str) -> str | None:
    """The whole a share question divides by ("基本支出占支出决算的比例" → 支出决算; "项目支出在
    支出合计里占几成" → 支出合计)."""
    match = _WHOLE.search(question)
    if match is None or match.group(1).startswith(("比", "多", "几")):  # "占多大比重"
        before = _WHOLE_BEFORE.search(question)
        return before.group(1) if before else None  # "占比是多少": 占比 names no whole
    return match.group(1)


OTHER_RATE = re.compile(r"(?<!执行)(?<!完成)(?<!支出)率(?:为|是|达到?|约)?$")
"""A rate of another thing right before the figure ("在线率99.2%", "合格率98%")."""


def other_rate(text: str, figure: Quantity) -> bool:
    """The percentage is a rate of another thing ("在线率99.2%", "合格率98%"), not an
    execution rate nor a share."""
    before = text[max(0, figure.start - 8) : figure.start]
    return figure.unit == "%" and bool(OTHER_RATE.search(before))


def states_rate(quotes: Sequence[tuple[str, str]]) -> bool:
    return any(q.unit == "%" for text, _ in quotes for q in find_quantities(text))


_SHARE_STATED = re.compile(
    r"占[^，,。；;%\d]{0,16}?(?:的)?(?:比重|比例)?(?:为|是|达)?\d+(?:\.\d+)?%"
)


def states_share(quotes: Sequence[tuple[str, str]], part: Quantity) -> bool:
    """A quote writes the part's share itself: "占…N%" after the part's figure, before the next
    amount or the end of the sentence ("项目支出2165.63万元，占62.12%"). A rate elsewhere in the
    quotes (a growth rate, another item's share) leaves the share to be calculated."""
    for text, _ in quotes:
        found = find_quantities(text)
        if not any(q.is_money for q in found) and _SHARE_STATED.search(text):
            return True  # a share stated on its own ("占全年调整后预算的95.00%")
        for n, q in enumerate(found):
            if q.raw != part.raw:
                continue
            after = next((x.start for x in found[n + 1 :] if x.is_money), len(text))
            clause = re.split(r"[。；;]", text[q.end : after])[0]
            if _SHARE_STATED.search(clause):
                return True
    return False


_SHARE_PHRASE = re.compile(r"占[^，,。；;%\d]{0,16}?\d+(?:\.\d+)?%")


def stated_share(quotes: Sequence[tuple[str, str]], part: Quantity) -> tuple[str, str] | None:
    """("占支出决算的81.32%", marker) when a quote writes the part's share right after its
    figure ("项目支出16811.84万元，占支出决算的81.32%"), else None."""
    for text, marker in quotes:
        found = find_quantities(text)
        for n, q in enumerate(found):
            if q.raw != part.raw:
                continue
            after = next((x.start for x in found[n + 1 :] if x.is_money), len(text))
            share = _SHARE_PHRASE.search(re.split(r"[。；;]", text[q.end : after])[0])
            if share:
                return share.group(), marker
    return None


_MOST = re.compile(r"最多|最大|最高|花钱最多|最少|最小|最低|the most|the largest|the least")
_LEAST = re.compile(r"最少|最小|最低|the least|the smallest")


_EXTREME_NOUN = re.compile(r"(?:最大|最多|最高|最少|最小|最低)的(项目|工程|专项|资金)")
"""The kind of item an extreme asks ("最大的项目"): the list's labels must be of that kind."""
_NOT_MONEY_ASKED = re.compile(r"率|比例|比重|占比|得分|分数|分值|人数|rate|score|percent", re.I)
_RESIDUAL = re.compile(r"^(?:其他|其它)(?:项目|支出|费用|资金)?$")
"""The catch-all line of a list ("其他125.00万元"): never its largest or smallest item."""


def asks_within_report(question: str) -> bool:
    """The question asks a figure derived inside one report: the largest item, a share, a
    sum, a multiple, a difference or the unspent part of a budget."""
    return bool(
        _MOST.search(question)
        or _SHARE.search(question)
        or _SUM.search(question)
        or _RATIO.search(question)
        or _UNSPENT.search(question)
        or asks_change(question)  # "A比B多多少" (a question naming no other year)
    )


def asks_extreme(question: str) -> bool:
    return bool(_MOST.search(question))


_MEASURE_LABEL = re.compile(r"(?:年初|调整后?|全年)(?:预算)?$|预算数?$|决算数?$|执行数$|实际支出$")
"""The label of a figure that says which measure of one item it is, not which item."""


def extreme(question: str, items: Sequence[tuple[str, Quantity, str]]) -> str | None:
    """ "最多的是A（x万元）[n]" over (label, amount, marker) items a quote lists (three or
    more with distinct labels), when the question asks for the largest or smallest."""
    if not _MOST.search(question) or _NOT_MONEY_ASKED.search(question):
        return None  # "执行率最低": a rate asked, never the smallest amount listed
    money = [(label, q, m) for label, q, m in items if q.is_money and q.yuan is not None]
    if len({label for label, _, _ in money}) < 3 or len({label for label, _, _ in money}) < len(
        money
    ):
        return None
    if sum(bool(_MEASURE_LABEL.search(label)) for label, _, _ in money) >= 2:
        return None  # "年初预算A，调整后预算B；支出决算C": one item's figures, no list of items
    noun = _EXTREME_NOUN.search(question)
    if noun and not any(noun.group(1) in label for label, _, _ in money):
        return None  # "最大的项目": a list of revenue lines names no project
    least = bool(_LEAST.search(question))
    pick = min if least else max
    label, q, marker = pick(money, key=lambda item: item[1].yuan)
    named = [item for item in money if not _RESIDUAL.match(item[0])]
    besides = ""
    if _RESIDUAL.match(label) and len(named) >= 2:  # "其他125万元" is what is left, no item
        label, q, marker = pick(named, key=lambda item: item[1].yuan)
        besides = "（不计“其他”）"
    word = "最少" if least else "最多"
    return f"所列{len(money)}项中{besides}{word}的是{label}（{q.raw}）{marker}"


def asks_change(question: str) -> bool:
    return bool(_CHANGE.search(question))


def money_inputs(shown: Sequence[tuple[str, str]], first_only: bool = False) -> list[Input]:
    """Money figures of (quote, marker) pairs; with ``first_only`` one per quote."""
    out = []
    for text, marker in shown:
        money = [q for q in find_quantities(text) if q.is_money]
        out += [Input(q, marker) for q in (money[:1] if first_only else money)]
    return out


_GLUE = re.compile(r"(?:为|是|达|共|计|约|：|:|\s|支出决算|支出|金额)+$")
_QUALIFIED = re.compile(
    r"(年初预算数?|全年预算数?|调整后预算数?|预算数?|决算数?|实际(?:支出|开支|使用|花费)?数?|执行数|"
    r"(?<=[，,、；;])(?:执行|使用))$"  # "预算515.00万元，执行502.36万元"
)
_SPENT_AFTER_BUDGET = re.compile(r"[，,、；;]支出(?:为|了)?$")
"""An amount spent named by 支出 alone after the budget's clause ("预算745000.00元，支出
726300.15元"): the joining-word rule drops 支出 from the label, so it is read here."""


def _label_before(text: str, start: int) -> str:
    """The words just before a figure, without joining words ("人员经费为" → "人员经费")."""
    return _GLUE.sub("", text[max(0, start - 16) : start])


_TOTAL_BEFORE = re.compile(r"(?:合计|共计|总计|总额|累计)(?:为|是|达|共)?\s*$")


def stated_total(named: Sequence[Input], quotes: Sequence[tuple[str, str]]) -> bool:
    """One of the figures is itself written as a total ("实际支出合计1,352.30万元"): adding
    it to another would count its parts twice; the stated total answers a sum question."""
    totals = {
        (q.raw, marker)
        for text, marker in quotes
        for q in find_quantities(text)
        if q.is_money and _TOTAL_BEFORE.search(text[max(0, q.start - 6) : q.start])
    }
    return any((i.quantity.raw, i.marker) in totals for i in named)


def named_figures(question: str, quotes: Sequence[tuple[str, str]]) -> list[Input]:
    """The two money figures a question names by their labels ("人员经费是公用经费的几倍"):
    a quoted figure counts when the words right before it (2–8 characters) occur in the
    question; the first two distinct labels in question order, else nothing."""
    found: dict[str, tuple[int, Input]] = {}
    for text, marker in quotes:
        for q in find_quantities(text):
            if not q.is_money:
                continue
            before = _GLUE.sub("", _QUALIFIED.sub("", _label_before(text, q.start)))
            for size in range(min(8, len(before)), 1, -1):
                label = before[-size:]
                where = question.find(label)
                if where >= 0 and not _QUALIFIED.search(label):
                    found.setdefault(label, (where, Input(q, marker)))
                    break
    spans = {label: (where, where + len(label)) for label, (where, _) in found.items()}
    labels = sorted(
        (item for label, item in found.items() if not _within_other(label, spans)),
        key=lambda item: item[0],
    )  # "资金" before 2650万元 is only part of the 省级资金 the question names
    distinct = [
        i
        for n, (_, i) in enumerate(labels)
        if i.quantity not in [x.quantity for _, x in labels[:n]]
    ]
    return distinct[:2] if len(distinct) >= 2 else []


PART_OF = re.compile(
    r"([\u4e00-\u9fff]{2,16}?)(?:当中|之中|里面|中|里)[，,]?([\u4e00-\u9fff]{2,12}?)的?(?:所占|占)"
)
"""A share asked as "A中B占多少": the whole A, then the part B."""
_CLAUSE_END = re.compile(r"[，,。；;：:、（）()\s]")


def part_of_whole(question: str, quotes: Sequence[tuple[str, str]]) -> tuple[Input, Input] | None:
    """(part, whole) for "收入中政府性基金占多少": the quoted money figure whose own clause
    writes the most of B's words (a prefix of them: "政府性基金" in 政府性基金预算财政拨款), and
    the one whose clause ends with the most of A's words (收入决算 in "我局收入决算6325.14万元")."""
    asked = PART_OF.search(question)
    if not asked:
        return None
    whole_words, part_words = asked.group(1), asked.group(2)
    best_whole: tuple[int, Input] | None = None
    best_part: tuple[int, Input] | None = None
    for text, marker in quotes:
        for q in find_quantities(text):
            if not q.is_money:
                continue
            clause = _CLAUSE_END.split(text[max(0, q.start - 24) : q.start])[-1]
            w = max(
                (n for n in range(2, len(whole_words) + 1) if whole_words[-n:] in clause), default=0
            )
            p = max(
                (n for n in range(2, len(part_words) + 1) if part_words[:n] in clause), default=0
            )
            if w and (best_whole is None or w > best_whole[0]):
                best_whole = (w, Input(q, marker))
            if p and (best_part is None or p > best_part[0]):
                best_part = (p, Input(q, marker))
    if best_whole is None or best_part is None:
        return None
    part, whole = best_part[1], best_whole[1]
    if part.quantity == whole.quantity or (part.quantity.yuan or 0) >= (whole.quantity.yuan or 0):
        return None
    return part, whole


def total_before_part(quotes: Sequence[tuple[str, str]], part: Quantity) -> Input | None:
    """The money figure a quote states before ``part`` with "其中" between them: the total that
    ``part`` is quoted as a part of ("年初预算资金2650万元，其中中央资金1800万元")."""
    for text, marker in quotes:
        money = [q for q in find_quantities(text) if q.is_money]
        at = next((i for i, q in enumerate(money) if q.raw == part.raw), None)
        for q in reversed(money[:at] if at else []):
            if "其中" in text[q.end : money[at].start] and q.value > part.value:
                return Input(q, marker)
    return None


def _within_other(label: str, spans: dict[str, tuple[int, int]]) -> bool:
    """The question words a label matched lie inside the words of a longer label."""
    start, end = spans[label]
    return any(
        other != label and s <= start and end <= e and e - s > end - start
        for other, (s, e) in spans.items()
    )


def _kind(word: str) -> str:
    return "预算" if "预算" in word else "决算"


_AGAINST_BUDGET = re.compile(
    r"(?:比|较)(?:年初|全年|调整后?的?)?预算数?(?:相比)?(?:少|多|节约|节省|省|超支|超出)(?:了|出)?(?:多少|几)"
)
"""A question of an item's gap from its budget: the item's actual is the other side."""


def qualified_pair(question: str, quotes: Sequence[tuple[str, str]]) -> list[Input]:
    """ "预算和决算差多少" of one figure: the first two figures in a row of a quote, one under a
    budget and one under an actual qualifier ("预算数 24.00万元、决算数 21.36万元"); empty when
    the question does not name both kinds or no quote states them side by side."""
    kinds = {_kind(m.group(0)) for m in re.finditer(r"预算|决算|实际|执行数", question)}
    if _AGAINST_BUDGET.search(question):  # "X比预算少了多少": X's actual against its budget
        kinds.add("决算")
    if kinds != {"预算", "决算"}:
        return []
    for text, marker in sorted(quotes, key=lambda tm: -_names_subject(question, tm[0])):
        money = [q for q in find_quantities(text) if q.is_money]
        kinds = [_QUALIFIED.search(_label_before(text, q.start)) for q in money]
        for n in range(len(money) - 1):  # two figures in a row, one budget and one actual
            a, b = kinds[n], kinds[n + 1]
            if a and b and _kind(a.group(1)) != _kind(b.group(1)):
                return [Input(money[n], marker), Input(money[n + 1], marker)]
    return []


def _names_subject(question: str, text: str) -> int:
    """How many two-character pieces of a quote's opening words (a row's label, a sentence's
    subject before its first figure) the question writes: the asked item's quote first."""
    figures = [q for q in find_quantities(text) if q.is_money]  # not "2022年度"
    head = text[: figures[0].start] if figures else text
    return sum(head[i : i + 2] in question for i in range(len(head) - 1))


_EXECUTION = re.compile(
    r"执行率|执行进度|预算执行|"
    r"执行了?(?:(?:年初|全年|调整后?的?)?预算数?的?)?(?:百分之|百分比|多少百分|几成)|"
    r"(?:执行|完成)了?(?:年初|全年|调整后?的?)?预算数?的?(?:百分之|百分比|几成|多少|比例)"
)
"""A question asking the share of the budget spent (the rate may have to be computed)."""


_OPENING_BUDGET = re.compile(r"年初")
_FINAL_BUDGET = re.compile(r"调整|全年")


def execution(quotes: Sequence[tuple[str, str]], question: str = "") -> str | None:
    """ "actual ÷ budget = P%" from a quote stating one item's budget and actual side by side
    ("预算数 12.50万元、决算数 10.37万元"), when the report states no rate. With both an
    opening and an adjusted budget in the row, the one the question names, else the adjusted
    one (the budget an execution rate is measured against)."""
    for text, marker in quotes:
        money = [q for q in find_quantities(text) if q.is_money]
        labels = [_label_before(text, q.start) for q in money]
        kinds = [_QUALIFIED.search(label) for label in labels]
        budgets = [i for i, k in enumerate(kinds) if k and _kind(k.group(1)) == "预算"]
        actuals = [i for i, k in enumerate(kinds) if k and _kind(k.group(1)) == "决算"]
        actuals += [
            i
            for i, q in enumerate(money)
            if not kinds[i]
            and budgets
            and i > budgets[0]
            and _SPENT_AFTER_BUDGET.search(text[max(0, q.start - 6) : q.start])
        ]
        if not budgets or not actuals:
            continue
        wanted = _OPENING_BUDGET if _OPENING_BUDGET.search(question) else _FINAL_BUDGET
        own = [re.split(r"[、，,；;：:\s]", label)[-1] for label in labels]
        pick = next((i for i in budgets if wanted.search(own[i])), budgets[0])
        budget, actual = Input(money[pick], marker), Input(money[actuals[0]], marker)
        if not budget.quantity.yuan or actual.quantity.yuan is None:
            return None
        rate = _fmt(actual.quantity.yuan / budget.quantity.yuan * 100, 2)
        return f"{actual.shown} ÷ {budget.shown} = {rate}%{sources([actual, budget])}"
    return None


def kind_of(text: str, quantity: Quantity) -> str | None:
    """预算 or 决算 when the words right before a figure in ``text`` say which."""
    label = _QUALIFIED.search(_label_before(text, quantity.start))
    return _kind(label.group(1)) if label else None


def same_kind(
    sides: Sequence[tuple[T, Input]], quotes: Sequence[str], want: str
) -> list[tuple[T, Input]]:
    """Two sides' figures of one 口径, the wanted one (决算 unless 预算 is asked) when each
    side's quote states it beside the other ("预算6.00万元，实际支出4.85万元" → 4.85万元): never
    预算 against 决算. Sides whose qualifier cannot be read are left as they are."""

    def kind(text: str, chosen: Input) -> str | None:
        at = [q for q in find_quantities(text) if q.raw == chosen.quantity.raw]
        return kind_of(text, at[0]) if at else None

    kinds = [kind(text, chosen) for (_, chosen), text in zip(sides, quotes, strict=True)]
    if None in kinds or set(kinds) == {want}:
        return list(sides)
    out = []
    for (owner, chosen), text, found in zip(sides, quotes, kinds, strict=True):
        if found != want:
            other = [q for q in find_quantities(text) if q.is_money and kind_of(text, q) == want]
            if other:
                chosen = Input(other[0], chosen.marker)
        out.append((owner, chosen))
    now = [kind(text, chosen) for (_, chosen), text in zip(out, quotes, strict=True)]
    if len(set(now)) == 1 or len(set(kinds)) > 1:
        return out
    return list(sides)  # already one 口径, and the wanted one is not stated on every side


def change_inputs(
    quotes: Sequence[tuple[str, str]], leads: Sequence[tuple[str, str]] = ()
) -> list[Input]:
    """The two amounts a single-figure change question compares: the lead's two amounts when
    it states two ("决算数 2866.60万元、年初预算数 2600.00万元"), else the quotes' amounts."""
    firsts = money_inputs(leads)
    if len(firsts) == 2:
        return firsts
    out = []
    for text, marker in quotes:  # a stated change ("比2021年增加214.30万元") is no amount
        money = [q for q in find_quantities(text) if q.is_money]
        out += [Input(q, marker) for q in money if not stated_change(text, q)]
    return out


_CHANGE_WORD = re.compile(
    r"(?:增加|减少|增长|下降|降低|上升|节约|节省|减支|增支|压减|多|少)(?:了|为|约|达)*$"
)
_VERSUS_BEFORE = re.compile(r"比|较|同比|相比|环比")


def stated_change(text: str, quantity: Quantity) -> bool:
    """The figure is a change against another year or figure ("比上年增加214.30万元"), not an
    amount of its own: subtracting it from an amount compares unlike quantities."""
    before = text[max(0, quantity.start - 24) : quantity.start]
    clause = re.split(r"[。；;]", before)[-1]
    words = _CHANGE_WORD.search(clause)
    return words is not None and bool(_VERSUS_BEFORE.search(clause[: words.start()]))


def _fmt(value: Decimal, places: int) -> str:
    return f"{value.quantize(Decimal(1).scaleb(-places)):f}"


def difference(inputs: Sequence[Input]) -> str | None:
    """ "a − b = c" for exactly two money figures of one unit (larger first)."""
    if len(inputs) != 2:
        return None
    if inputs[0].quantity.unit != inputs[1].quantity.unit:
        if not all(i.quantity.is_money for i in inputs):
            return None  # 9辆 and 5人 are no difference
        a, b = sorted(inputs, key=lambda i: i.quantity.yuan or 0, reverse=True)
        diff = (a.quantity.yuan or 0) - (b.quantity.yuan or 0)
        larger = in_larger_unit(diff, [i.quantity.unit for i in inputs])
        return f"{_in_yuan(a)} − {_in_yuan(b)} = {_fmt(diff, 2)}元{larger}{sources(inputs)}"
    a, b = sorted(inputs, key=lambda i: i.quantity.value, reverse=True)
    places = max(a.quantity.decimals, b.quantity.decimals)
    diff = _fmt(a.quantity.value - b.quantity.value, places)
    unit = "个百分点" if a.quantity.unit == "%" else a.quantity.unit  # two rates: points
    return f"{a.shown} − {b.shown} = {diff}{unit}{sources(inputs)}"


def total(inputs: Sequence[Input]) -> str | None:
    """ "a + b = c" for two or more money figures in one unit."""
    if len(inputs) != 2:
        return None  # two operands: a longer sum is left to the reader
    if len({i.quantity.unit for i in inputs}) != 1:
        if not all(i.quantity.is_money and i.quantity.yuan is not None for i in inputs):
            return None  # 9辆 and 5人 add up to nothing
        value = _fmt(sum((i.quantity.yuan or Decimal(0) for i in inputs), Decimal(0)), 2)
        return " + ".join(_in_yuan(i) for i in inputs) + f" = {value}元{sources(inputs)}"
    places = max(i.quantity.decimals for i in inputs)
    value = _fmt(sum((i.quantity.value for i in inputs), Decimal(0)), places)
    return (
        " + ".join(i.shown for i in inputs)
        + f" = {value}{inputs[0].quantity.unit}{sources(inputs)}"
    )


_TARGET = re.compile(r"目标|指标值|计划")


def _counted(leads: Sequence[tuple[str, str]]) -> list[Input]:
    """The first two leads' figures when each states one count or rate in one shared unit
    (1860人 and ≥1600人; 94.1% and 95.3%), else nothing."""
    out = []
    for figure, marker in leads[:2]:
        found = [q for q in find_quantities(figure) if q.unit and not q.is_money]
        if len(found) != 1:
            return []
        out.append(Input(found[0], marker))
    return out if len({i.quantity.unit for i in out}) == 1 else []


def asks_growth(question: str) -> bool:
    """A growth rate asked ("增幅是多少", "增长了百分之几", "growth rate")."""
    return bool(_GROWTH.search(question))


_PERCENT_OF = re.compile(
    r"(?:是|为|相当于)[^，,。；;？?占]{0,24}?的?(?:百分之几|百分之多少|多少%|多少％|百分比|几成)"
)
_PERCENT_OF_EN = re.compile(
    r"as a (?:percentage|percent|share) of|(?:percent|percentage) of \w+'s", re.I
)


_RELATIVE_GAP = re.compile(
    r"[多少高低]出?了?(?:百分之几|百分之多少|多少%|多少％|几成)|"
    r"(?:what|how many) percent(?:age)? (?:more|less|higher|lower)|"
    r"(?:more|less|higher|lower) by what percent(?:age)?",
    re.I,
)


def asks_relative_gap(question: str) -> bool:
    """ "A比B多百分之几" / "高出几成": the gap between two figures over the one compared with."""
    return bool(_RELATIVE_GAP.search(question))


def asks_percent_of(question: str) -> bool:
    """ "A是B的百分之几" / "相当于B的多少%" / "as a percentage of B's": one figure as a
    percentage of another of its kind (not a part's share of its whole, "占…的比重")."""
    if _PERCENT_OF_EN.search(question):
        return True
    return bool(_PERCENT_OF.search(question)) and "占" not in question


def percent_of(a: Input, b: Input) -> str | None:
    """ "a ÷ b ≈ r%" for two figures of one kind (money compared in 元), a the one asked about."""
    if a.quantity.is_money != b.quantity.is_money:
        return None
    if a.quantity.is_money:
        if not b.quantity.yuan or a.quantity.yuan is None:
            return None
        value = a.quantity.yuan / b.quantity.yuan * 100
        return f"{_in_yuan(a)} ÷ {_in_yuan(b)} ≈ {_fmt(value, 2)}%{sources([a, b])}"
    if a.quantity.unit != b.quantity.unit or not b.quantity.value:
        return None
    value = a.quantity.value / b.quantity.value * 100
    return f"{a.shown} ÷ {b.shown} ≈ {_fmt(value, 2)}%{sources([a, b])}"


def asks_ratio(question: str) -> bool:
    """ "是…的几倍": the question asks one figure as a multiple of another."""
    return bool(_RATIO.search(question))


def asks_gap(question: str) -> bool:
    """ "差多少/相差/多多少": a difference is asked (besides a ratio, say)."""
    return bool(_GAP.search(question))


_GAP = re.compile(r"相差|差额|差多少|差了?几|差距|[多少高低]出?多少|difference|how much more", re.I)


def asks_sum(question: str) -> bool:
    if _WHOLE_NAMED_TOTAL.search(question):
        return False  # "占收入合计多少": 合计 names the whole of a share, no sum is asked
    return bool(_SUM.search(question)) and not _one_part_total(question)


_WHOLE_NAMED_TOTAL = re.compile(
    r"占[^，,；;？?]{0,12}(?:合计|总计)(?:的)?(?:比重|比例)?(?:是|为)?多少"
)


_CLAUSES = re.compile(r"[，,；;？?]")
_ASKS = re.compile(r"多少|几|比例|占比|多大|多高")
_EMPHATIC_TOTAL = re.compile(r"一共多少|总共多少|总计多少")


def _one_part_total(question: str) -> bool:
    """ "政府采购一共多少钱，中小企业拿了多大比例": 一共 is the total of the one item its own
    part names, not the sum of the figures the question asks; a part that names nothing else
    ("…，一共多少") still asks the sum of the others."""
    from assistant.understanding import informative_terms

    clauses = [c for c in _CLAUSES.split(question) if _ASKS.search(c)]
    if len(clauses) < 2:
        return False
    return any(
        _EMPHATIC_TOTAL.search(c) and informative_terms(_EMPHATIC_TOTAL.sub(" ", c))
        for c in clauses
    )


def ratio(a: Input, b: Input) -> str | None:
    """ "a ÷ b ≈ r倍" for two money figures (compared in 元), a the one asked about."""
    if not (a.quantity.is_money and b.quantity.is_money) or not b.quantity.yuan:
        return None
    assert a.quantity.yuan is not None
    times = a.quantity.yuan / b.quantity.yuan
    return f"{_in_yuan(a)} ÷ {_in_yuan(b)} ≈ {_fmt(times, 2)}倍{sources([a, b])}"


def share(part: Input, whole: Input) -> str | None:
    """ "a ÷ b = c%" for a part and a whole in money (compared in 元). A share of a whole is
    never more than all of it: the larger figure is the whole, whatever order they came in."""
    if not (part.quantity.is_money and whole.quantity.is_money) or not whole.quantity.yuan:
        return None
    if _same_amount(part.quantity, whole.quantity):
        return None  # one figure (15.29万元 and 152,915.00元) taken as both part and whole
    if (part.quantity.yuan or 0) > whole.quantity.yuan:
        part, whole = whole, part
    ratio = part.quantity.yuan / whole.quantity.yuan * 100
    return f"{part.shown} ÷ {whole.shown} = {_fmt(ratio, 2)}%{sources([part, whole])}"


def _same_amount(a: Quantity, b: Quantity) -> bool:
    """Two statements of one amount: equal in 元 within the rounding of the coarser one."""
    if a.yuan is None or b.yuan is None:
        return False
    step = max(
        MONEY_FACTORS.get(q.unit, Decimal(1)) * Decimal(1).scaleb(-q.decimals) for q in (a, b)
    )
    return abs(a.yuan - b.yuan) <= step / 2


def summed_share(parts: Sequence[Input], whole: Input) -> list[str]:
    """ "a + b = s" then "s ÷ w = c%": the share of two parts taken together ("两项加起来占
    本年支出的多少"); nothing when the figures are not money in one unit or the sum exceeds the
    whole (then they are not its parts)."""
    units = {i.quantity.unit for i in (*parts, whole)}
    if len(units) != 1 or not all(i.quantity.is_money for i in (*parts, whole)):
        return []
    if not whole.quantity.value:
        return []
    places = max(i.quantity.decimals for i in parts)
    value = sum((i.quantity.value for i in parts), Decimal(0))
    if value > whole.quantity.value:
        return []
    unit = whole.quantity.unit
    summed = " + ".join(i.shown for i in parts) + f" = {_fmt(value, places)}{unit}"
    rate = _fmt(value / whole.quantity.value * 100, 2)
    shared = f"{_fmt(value, places)}{unit} ÷ {whole.shown} = {rate}%"
    return [f"合计：{summed}{sources(parts)}", f"占比：{shared}{sources([*parts, whole])}"]


def larger(sides: Sequence[tuple[T, Input]]) -> T | None:
    """The side whose figure is larger (amounts compared in 元), None for a tie."""

    def size(x: Input) -> Decimal:
        return (x.quantity.yuan if x.quantity.is_money else None) or x.quantity.value

    (sa, a), (sb, b) = sides
    if size(a) == size(b):
        return None
    return sa if size(a) > size(b) else sb


def change_word(new: Input, old: Input) -> str:
    """ "增加" or "减少" (or "持平") from the later figure against the earlier one, in one unit."""
    a = new.quantity.yuan if new.quantity.is_money else new.quantity.value
    b = old.quantity.yuan if old.quantity.is_money else old.quantity.value
    if a is None or b is None or a == b:
        return "持平" if a == b and a is not None else ""
    return "增加" if a > b else "减少"


def growth(new: Input, old: Input) -> str | None:
    """ "new − old = d，d ÷ old = r%" for one metric in two years (new year first)."""
    return change(new, old)


def list_items(text: str) -> list[str]:
    """The items of an enumeration in a quote: after "包括/设有/如下：", split at 、；，
    (a trailing "等" and a stated count are dropped); with no such word, only a 、-list."""
    first = text.find("、")
    starts = [m for m in _LIST_START.finditer(text) if first < 0 or m.end() <= first]
    body = text[starts[-1].end() :] if starts else text
    body = re.split(r"[。]", body)[0]
    clauses = re.split(r"[，,；;]", body)
    listing = next((c for c in clauses if "、" in c), None)
    if listing is not None:  # "A、B、C，下设D1个二级机构": the enumerating clause only
        body = listing
    elif not starts:
        return []  # clauses of a sentence ("实施…项目，新增学位1,350个") list nothing
    body = re.sub(r"等\s*\d*\s*[个项类家所]?.*$", "", body)
    body = re.sub(
        r"(?:共|计)?\s*\d+\s*[个项类家所条种][\u4e00-\u9fff]{0,8}$", "", body
    )  # "…股4个股室"
    parts = [_item(p) for p in re.split(r"[、；;，,]|（\d+）|\d+[、.]", body)]
    parts = [p for p in parts if 2 <= len(p) <= 20]
    return parts if len(parts) >= 2 else []


def _item(part: str) -> str:
    """A list item without numbering and stray brackets ("社会组织管理科（社会事务科）" keeps
    its own pair)."""
    part = part.strip(" 0123456789.、")
    while (
        part[:1] in "（("
        and part
        and part.count("（") + part.count("(") > part.count("）") + part.count(")")
    ):
        part = part[1:].strip()
    while (
        part[-1:] in "）)"
        and part
        and part.count("）") + part.count(")") > part.count("（") + part.count("(")
    ):
        part = part[:-1].strip()
    return part


def _figures_listed(text: str) -> bool:
    """The 、-separated parts are mostly amounts or rates (a table row's cells: "决算数 13.58万元、
    预算数 16.00万元、执行率 84.88%"): a list of figures, never an enumeration of things."""
    parts = [p for p in text.split("、") if p.strip()]
    figured = sum(
        any(q.is_money or q.unit == "%" for q in find_quantities(p) if not q.is_year) for p in parts
    )
    return len(parts) >= 2 and figured * 2 >= len(parts)


def count_word(question: str) -> str:
    """The measure word a counting question uses ("几个方面" → 个; 项 when it names none)."""
    counter = re.search(r"几([个项类家所条])|多少([个项类家所条])", question)
    return next((g for g in counter.groups() if g), "项") if counter else "项"


def counted(calcs: Sequence[str]) -> list[str]:
    """The counts of listed items among derived lines (see :func:`count`)."""
    return [c for c in calcs if c.startswith("共") and "按原文所列逐项计数" in c]


def count(text: str, marker: str, question: str, asks: bool | None = None) -> str | None:
    """ "共N项（逐项计数：A、B、C）" when the question asks how many and the quote lists them
    without stating the count itself. ``asks``: the understood question says it counts
    (:attr:`Query.asks_count`); None reads the question itself."""
    if not (asks if asks is not None else _COUNT.search(question)):
        return None
    if _MEASURED.search(question):
        return None  # "多少件案件", "几辆车": a number the report states, not a list's length
    word = count_word(question)
    if re.search(r"[：:]\s*$", text):
        return None  # the list follows the quote ("主要用于以下方面：")
    items = list_items(text)
    if not items or _figures_listed(text):
        return None
    # a count stated up to the end of the list (下设4个科室：…, …、政策法规股6个股室) answers
    # "how many" directly; one in a later clause (…，下设1个二级机构) counts something else
    last = text.find(items[-1]) + len(items[-1])
    upto = text[:last] + re.split(r"[，,；;。]", text[last:])[0]
    stated = [q for q in find_quantities(upto) if q.unit and q.unit != "%" and not q.is_money]
    if stated:  # the report's own count, unless the names it lists are more or fewer
        return mismatch_line(text, question)
    return f"共{len(items)}{word}{marker}（按原文所列逐项计数：{'、'.join(items)}）"


def _in_yuan(x: Input) -> str:
    """The figure as quoted, with its amount in 元 beside it when written in another unit."""
    if x.quantity.unit == "元" or x.quantity.yuan is None:
        return x.shown
    return f"{x.shown}（{_fmt(x.quantity.yuan, 2)}元）"


_LARGER_UNITS = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000)}


def in_larger_unit(yuan: Decimal, units: Sequence[str]) -> str:
    """ "（约331.12万元）": an amount in 元 restated in the largest unit either side wrote
    (万元, 亿元), "" when both sides wrote 元."""
    unit = next((u for u in _LARGER_UNITS if u in units), None)
    if unit is None:
        return ""
    return f"（约{_fmt(yuan / _LARGER_UNITS[unit], 2)}{unit}）"


def change(a: Input, b: Input) -> str | None:
    """ "a − b = d；d ÷ b = r%" in question order (a the figure asked about, b the base); two
    counts or rates in one unit as written too (2860户 against 1930户; two rates differ by
    percentage points, with no rate of the rate)."""
    if not (a.quantity.is_money and b.quantity.is_money):
        unit = a.quantity.unit
        if a.quantity.is_money or b.quantity.is_money or not unit or unit != b.quantity.unit:
            return None  # 9辆 against 5人, or a bare number: nothing to subtract
        places = max(a.quantity.decimals, b.quantity.decimals)
        diff = a.quantity.value - b.quantity.value
        if unit == "%":
            return f"{a.shown} − {b.shown} = {_fmt(diff, places)}个百分点{sources([a, b])}"
        text = f"{a.shown} − {b.shown} = {_fmt(diff, places)}{unit}"
        if b.quantity.value:
            rate = _fmt(diff / b.quantity.value * 100, 2)
            text += f"，{_fmt(diff, places)} ÷ {b.quantity.value} = {rate}%"
        return text + sources([a, b])
    if a.quantity.unit != b.quantity.unit:  # 8316540.00元 against 798.35万元: compared in 元
        ya, yb = a.quantity.yuan, b.quantity.yuan
        assert ya is not None and yb is not None
        diff = ya - yb
        larger = in_larger_unit(diff, [a.quantity.unit, b.quantity.unit])
        text = f"{_in_yuan(a)} − {_in_yuan(b)} = {_fmt(diff, 2)}元{larger}"
        if yb:
            text += f"，{_fmt(diff, 2)} ÷ {_fmt(yb, 2)} = {_fmt(diff / yb * 100, 2)}%"
        return text + sources([a, b])
    places = max(a.quantity.decimals, b.quantity.decimals)
    diff = a.quantity.value - b.quantity.value
    text = f"{a.shown} − {b.shown} = {_fmt(diff, places)}{a.quantity.unit}"
    if b.quantity.value:
        rate = _fmt(diff / b.quantity.value * 100, 2)
        text += f"，{_fmt(diff, places)} ÷ {b.quantity.value} = {rate}%"
    return text + sources([a, b])


_LEFT = re.compile(
    r"剩|没花完|没用完|未花完|未使用|(?<!结转)(?<!结转和)结余|节约|节省|未执行|没执行"
)
"""Words asking what is left of a budget (结余 alone; 年末结转和结余 names a balance item)."""
_OVER = re.compile(r"超了|超出|超支|超过|多花|超(?=(?:了|过|出)?(?:年初|全年|调整后的?)?预算)")
_BUDGET_LEAD = re.compile(r"预算")
_REMAINDER = re.compile(r"结余|结转|剩余|余额")
"""Labels of a figure that is itself what is left (年末结转结余, 资金余额)."""
_ACTUAL_LEAD = re.compile(r"决算|执行数|实际|完成数")


_YES_NO = re.compile(
    r"吗|是否|有没有|有无|没有[？?]?$|了没|^\s*(?:did|was|were|is|are|has|have)\b", re.I
)
_BUDGET_NAMED = re.compile(r"(年初预算|调整后预算|调整预算|全年预算)")
_SPENT_LABEL = re.compile(r"(?<!预算)(?:支出|决算数?|实际支出|执行数)[为是达共计：:\s]*$")


def over_budget(question: str, quotes: Sequence[tuple[str, str]]) -> str | None:
    """ "支出超了年初预算多少" of one item: the sentence stating the item's spending and, in the
    same quote, its budget under the named qualifier ("…财政拨款支出6108.37万元，…年初预算
    5480.00万元") — actual − budget, labelled as such. None when no quote states both."""
    named = _BUDGET_NAMED.search(question)
    if named is None:
        return None
    for text, marker in quotes:
        money = [q for q in find_quantities(text) if q.is_money]
        budget = next(
            (
                q
                for q in money
                if re.search(f"{named.group(1)}数?[为是：:]?$", text[max(0, q.start - 9) : q.start])
            ),
            None,
        )
        spent = next(
            (q for q in money if q is not budget and _SPENT_LABEL.search(text[: q.start])),
            None,
        )
        if budget is None or spent is None or budget.unit != spent.unit:
            continue
        places = max(budget.decimals, spent.decimals)
        if spent.value <= budget.value:
            if not _YES_NO.search(question):
                return None
            diff = _fmt(budget.value - spent.value, places)
            return (  # "超预算了吗": no — the spending stayed within the budget
                f"未超出{named.group(1)}：实际{spent.raw}，{named.group(1)}{budget.raw}"
                f"（预算减实际：{budget.raw} − {spent.raw} = {diff}{spent.unit}）{marker}"
            )
        diff = _fmt(spent.value - budget.value, places)
        return (
            f"{'是，' if _YES_NO.search(question) else ''}"
            f"超出{named.group(1)}（实际减预算）：{spent.raw} − {budget.raw} = "
            f"{diff}{spent.unit}{marker}"
        )
    return None


def budget_gap(question: str, labels: Sequence[str], inputs: Sequence[Input]) -> list[str]:
    """ "还剩多少没花完" / "超了多少" over a budget and an actual figure: budget − actual (未支出)
    or actual − budget (超出), each read from its lead's label; larger − smaller when the
    labels do not say which is which."""
    if len(inputs) != 2 or inputs[0].quantity.unit != inputs[1].quantity.unit:
        return []
    if inputs[0].quantity.value == inputs[1].quantity.value:
        return []  # one figure found for both turns: no gap to show

    def budget(label: str) -> bool:
        return bool(_BUDGET_LEAD.search(label)) and not _ACTUAL_LEAD.search(
            _BUDGET_LEAD.sub("", label)
        )

    if any(map(_REMAINDER.search, labels)):
        return []  # the remainder itself was asked and stated ("年末结转结余还剩多少")
    kinds = [budget(label) for label in labels]
    if len(kinds) == 2 and kinds.count(True) != 1:
        return []  # two spent figures (or two budgets): no budget gap between them
    if len(kinds) != 2:
        calc = difference(inputs)
        return [f"差额：{calc}"] if calc else []
    plan, spent = (inputs[0], inputs[1]) if kinds[0] else (inputs[1], inputs[0])
    left = bool(_LEFT.search(question))
    a, b = (plan, spent) if left else (spent, plan)
    places = max(a.quantity.decimals, b.quantity.decimals)
    diff = _fmt(a.quantity.value - b.quantity.value, places)
    word = "未支出（预算减实际）" if left else "超出预算（实际减预算）"
    return [f"{word}：{a.shown} − {b.shown} = {diff}{a.quantity.unit}{sources([a, b])}"]


def derive(
    question: str,
    quotes: Sequence[tuple[str, str]],
    leads: Sequence[tuple[str, str]] = (),
    asks_count: bool | None = None,
    labels: Sequence[str] = (),
) -> list[str]:
    """The calculations ``question`` asks for, from one report's (quote, marker) pairs and the
    (figure, marker) each sub-question's lead states."""
    out: list[str] = []
    states_rate = any(
        q.unit == "%" and not other_rate(text, q)
        for text, _ in quotes
        for q in find_quantities(text)
    )  # "在线率99.2%" states no rate of the money
    firsts = [
        Input(q, marker)
        for figure, marker in leads
        for q in [q for q in find_quantities(figure) if q.is_money][:1]
    ]
    # "结转结余还剩多少": the remainder asked is stated, no gap to work out
    stated_remainder = bool(_LEFT.search(question)) and any(map(_REMAINDER.search, labels))
    gaps = [] if _SHARE.search(question) or asks_ratio(question) else column_gaps(question, quotes)
    if gaps:  # "调整预算比年初预算多了多少": each side from its own column
        out += gaps
    elif len(firsts) == 3 and _SHARE.search(question) and asks_sum(question):
        out += summed_share(firsts[:2], firsts[2])  # "两项加起来占本年支出的多少"
    elif len(firsts) >= 2:
        if _SHARE.search(question) and not states_share(quotes, firsts[0].quantity):
            calc = share(firsts[0], firsts[1])
            out += [f"占比：{calc}"] if calc else []
        elif asks_ratio(question):
            calc = ratio(firsts[0], firsts[1])
            out += [f"倍数：{calc}"] if calc else []
        elif asks_sum(question):
            calc = total(firsts)
            out += [f"合计：{calc}"] if calc else []
        elif _LEFT.search(question) or _OVER.search(question):
            out += budget_gap(question, labels[:2], firsts[:2])
        elif asks_change(question) or _GROWTH.search(question):
            calc = change(firsts[0], firsts[1])
            out += [f"变化：{calc}"] if calc else []
    elif len(leads) >= 2 and (asks_change(question) or _GROWTH.search(question)):
        counts = _counted(leads)  # "多出多少" after 1860人 then its target ≥1600人
        targets = [bool(_TARGET.search(x)) for x in labels[:2]]
        if len(counts) == 2 and targets == [True, False]:
            counts.reverse()  # achieved − target, whichever turn came first
        calc = change(counts[0], counts[1]) if len(counts) == 2 else None
        out += [f"变化：{calc}"] if calc else []
    elif asks_ratio(question) or asks_sum(question):
        named = named_figures(question, quotes)
        if len(named) == 2 and asks_ratio(question):
            calc = ratio(*named)
            out += [f"倍数：{calc}"] if calc else []
        elif len(named) == 2 and not stated_total(named, quotes):
            calc = total(named)
            out += [f"合计：{calc}"] if calc else []
    elif _EXECUTION.search(question) and not states_rate:
        calc = execution(quotes, question)
        out += [f"执行率：{calc}"] if calc else []
    elif _OVER.search(question) and over_budget(question, quotes):
        out += [over_budget(question, quotes) or ""]
    elif _UNSPENT.search(question) and qualified_pair("预算 决算", quotes):
        calc = difference(qualified_pair("预算 决算", quotes))
        out += [f"未支出（预算减实际）：{calc}"] if calc else []
    elif asks_change(question) and not stated_remainder:
        calc = difference(qualified_pair(question, quotes) or change_inputs(quotes, leads))
        out += [f"差额：{calc}"] if calc else []
    if not out and _SHARE.search(question) and not states_rate:
        pair = part_of_whole(question, quotes)  # "收入中政府性基金占多少": both in the quotes
        calc = share(*pair) if pair else None
        out += [f"占比：{calc}"] if calc else []
    if not out and _SHARE.search(question) and not states_rate and not asks_sum(question):
        named = named_figures(question, quotes)  # "财政拨款收入占收入合计多少": both named
        calc = share(*named) if len(named) == 2 else None
        out += [f"占比：{calc}"] if calc else []
    for text, marker in quotes[:1]:
        calc = count(text, marker, question, asks_count)
        if calc:
            out.append(calc)
    return out
