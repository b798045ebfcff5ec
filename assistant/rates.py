"""Stated rates checked against the amounts they relate: a sentence's "完成预算的P%" or a table
row's 执行率 column recomputed as 执行数 ÷ 预算数, and "较上年减少X，下降P%" as X ÷ (上年数).

A rate that the report's own amounts do not give (beyond the rounding of every figure) is a
contradiction the reader must see: the check is shown as a calculation with both sources
("118,506.00元 ÷ 140,000.00元 = 84.65%，原文为86.45%") and becomes a warning too. The budget
of a sentence's amount is taken from the same sentence, else from another statement of the same
item in the report (a table row's 预算数 column), cited. Nothing is computed from figures that
are not in the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.answer import Passage
from assistant.compose import Citations, Finding, who
from assistant.evidence import match_text
from assistant.stated_changes import budget_before_rate
from assistant.statements import Statement, column_family, family_before, statements
from assistant.tables import caption_unit, header_rows, merged_header
from index.models import Report
from index.numbers import MONEY_FACTORS, Quantity, find_quantities
from index.vocabulary import complements

FindPassage = Callable[[str, int, int], Passage | None]

COMPLETION = re.compile(
    r"(?:完成|达到|为|占|是)(?:了)?(?:年初|全年|调整后)?预算(?:数)?"
    r"(?:\d[\d,]*(?:\.\d+)?(?:亿元|万元|元))?的?\s*$|"
    r"(?:预算)?(?:执行率|完成率)(?:为|达到?|是)?\s*$"
)
"""The words right before a percentage that make it actual ÷ budget."""
_CHANGE = re.compile(
    r"(?:较|比)(?:上年|上年度|去年|上一年)(?:决算数?)?(增加|增长|减少|下降)(?:了)?\s*$"
)
_CHANGE_RATE = re.compile(r"^[，,、]?\s*(增长|下降|增加|减少|上升|降低)(?:了)?\s*$")
_WHICH_BUDGET = re.compile(r"(调整后|年初|全年)(?=预算[^，。；]{0,16}$)")
_SHARE = re.compile(r"占[“”\"]?([\u4e00-\u9fff“”\"]{2,12}?)[“”\"]?的?(?:比例|比重)?(?:为|是)?\s*$")
"""A share of a named whole: "公用经费125.90万元，占基本支出的13.80%"."""
_SENTENCE = re.compile(r"[^。；;\n]+")
_BARE_SPENDING = re.compile(r"(?:实际)?(?:支出|开支|支付|决算)")
_GENERIC_TAIL = re.compile(r"(支出|资金|经费|费用|金额)$")
_YEAR_IN_HEADER = re.compile(r"((?:19|20)\d{2})\s*年")
_EARLIER = re.compile(r"上年|上一年|去年|同比|较|比上|前年|增长|减少|增加|下降")
"""Words before an amount that make it last year's or a change, not this year's amount."""
_WHOLE = re.compile(
    r"((?:项目)?(?:总投资|计划总投资|预算总额|资金总额|总预算|全年预算数?|年度预算数?))"
    r"(?:调整为|调整后为|为|是|共|达|合计)?\s*(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)"
)
"""The whole that an unnamed "预算执行率" of a project or a department is over: its 总投资,
全年预算数 or 预算总额, wherever the report states it."""
_WHOLE_LABEL = re.compile(
    r"^(?:该|本|此|整个)?(?:项目|部门|单位|本局|全年|本年|年度|全部|决算|实际|总额?|合计)*$"
)
"""An actual amount's label that names no item, only the whole (项目实际支出, 决算支出总额)."""
_CELL = re.compile(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")
_EARLIER_COLUMN = re.compile(r"上年|上一年|去年|同期")
_RATE_NAME = re.compile(r"(?:预算|资金)?(?:执行率|完成率)")
_RECEIVED = re.compile(r"(?:到位|下达|拨付|到账)(?:资金)?(?:为|共|了)?\s*$")
"""Words before the amount of funds received, the base of a fund's 执行率."""
_NEAR_SLIP = Decimal(5)
"""A base taken from elsewhere in the report is trusted as the rate's base only when it gives
a rate within this many points of the stated one: a slip, not another base."""


@dataclass(frozen=True)
class RateCheck:
    """A stated rate that its amounts do not give: the line shown in the answer and the
    warning."""

    line: str
    warning: str
    stated: Quantity | None = None
    """The written figure the check contradicts (a rate, or a table's total)."""


def consistent(stated: Quantity, part: Quantity, whole: Quantity) -> bool:
    """Whether ``part ÷ whole`` can round to the stated percentage, every figure taken at the
    precision it is written with."""
    if not whole.value:
        return True
    p, w = _range(part), _range(whole)
    if w[0] <= 0:
        return True
    low, high = p[0] / w[1] * 100, p[1] / w[0] * 100
    half = Decimal(1).scaleb(-stated.decimals) / 2
    return low - half <= stated.value <= high + half


def _range(q: Quantity) -> tuple[Decimal, Decimal]:
    """The interval a written figure stands for (in 元 for money)."""
    factor = MONEY_FACTORS.get(q.unit, Decimal(1))
    half = Decimal(1).scaleb(-q.decimals) / 2
    return (q.value - half) * factor, (q.value + half) * factor


def ratio(part: Quantity, whole: Quantity) -> Decimal:
    factor_p = MONEY_FACTORS.get(part.unit, Decimal(1))
    factor_w = MONEY_FACTORS.get(whole.unit, Decimal(1))
    return (part.value * factor_p) / (whole.value * factor_w) * 100


def _money(q: Quantity) -> str:
    return q.raw if q.raw.endswith(q.unit) else f"{q.raw}{q.unit}"


def check(
    report: Report,
    findings: Sequence[Finding],
    text: str,
    cites: Citations,
    find: FindPassage,
) -> list[RateCheck]:
    """Every stated rate of the quoted findings that its own amounts contradict."""
    out: list[RateCheck] = []
    every = statements(text)
    for finding in findings:
        if finding.unit.is_row:
            out += _row(report, finding, text, cites)
        else:
            out += _sentence(report, finding, text, every, cites, find)
    return list({c.line: c for c in out}.values())


def _sentence(
    report: Report,
    finding: Finding,
    text: str,
    every: Sequence[Statement],
    cites: Citations,
    find: FindPassage,
) -> list[RateCheck]:
    out = []
    start = finding.unit.start
    end = start + len(finding.shown) + 2
    for sentence in _SENTENCE.finditer(text[start:end]):
        clause = sentence.group()
        base = start + sentence.start()
        figures = find_quantities(clause)
        for i, q in enumerate(figures):
            if q.unit != "%":
                continue
            before = clause[max(0, q.start - 24) : q.start]
            if COMPLETION.search(before):
                found = _completion(
                    report, q, figures[:i], clause, base, (text, every), cites, find
                )
                out += [found] if found else []
            elif _SHARE.search(before):
                whole = _SHARE.search(before).group(1)
                found = _share(report, q, figures[:i], whole, clause, base, every, cites, find)
                beside = _beside_complement(
                    report, q, clause[: q.start], whole, base, text, cites, find
                )  # both: the amounts' share, and the sum of two shares above 100 %
                out += [c for c in (found, beside) if c]
            elif i >= 1 and _CHANGE_RATE.search(clause[figures[i - 1].end : q.start]):
                marker = cites.mark(finding.passage)
                found = _change(report, q, figures[: i - 1], figures[i - 1], clause, marker)
                found = found or _against_prior(
                    report, (q, figures[i - 1]), figures[: i - 1], clause, base, text, cites, find
                )
                out += [found] if found else []
    return out


def _completion(
    report: Report,
    stated: Quantity,
    earlier: Sequence[Quantity],
    clause: str,
    base: int,
    report_text: tuple[str, Sequence[Statement]],
    cites: Citations,
    find: FindPassage,
) -> RateCheck | None:
    """ "…支出A元，完成预算的P%": A ÷ the item's budget (same sentence, else elsewhere). A
    rate sentence stating no amount ("支出决算完成预算的82.16%") takes them from the one or two
    sentences before it in the same paragraph ("…决算为38.62万元。年初预算为45.00万元。")."""
    text, every = report_text
    borrowed = not any(q.is_money for q in earlier)
    if borrowed:
        back = _paragraph_back(text, base)
        if back is None:
            return None
        clause = back[1] + clause
        stated = replace(stated, start=stated.start + len(back[1]), end=stated.end + len(back[1]))
        earlier = [q for q in find_quantities(clause) if q.end <= stated.start]
        base = back[0]
    mine = _amounts(text, base, clause, every)
    money = [q for q in earlier if q.is_money]
    actual = next(
        (s for s in reversed(mine) if s.family == "actual" and s.start < base + stated.start),
        None,
    )
    if actual is None or not money:
        return None
    here = find(report.id, base, base + len(clause))
    if here is None:
        return None
    budgets = [s for s in mine if s.family == "budget" and s.start < base + stated.start]
    received = [  # "资金到位120.00万元，实际支出104.76万元，资金执行率P%": of the funds received
        s
        for s in mine
        if s.start < actual.start and _RECEIVED.search(text[max(0, s.start - 8) : s.start])
    ]
    if not budgets and received and _RATE_NAME.search(clause[max(0, stated.start - 12) :]):
        budgets = [replace(received[-1], label="到位资金")]
    named = _WHICH_BUDGET.search(clause[: stated.start])
    if named:  # "完成调整后预算的95.25%" is not over the sentence's 年初预算 amount
        budgets = [
            b
            for b in budgets
            if named.group() in clause[max(0, b.start - base - 8) : b.start - base]
        ]
    if budgets and borrowed and not _plausible(stated, actual, budgets[-1]):
        return None  # amounts of sentences before the rate that give no rate near it: the
        # rate is over other figures (收入 parts before 支出 parts), not a contradiction
    if budgets and any(consistent(stated, actual.quantity, b.quantity) for b in budgets):
        return None  # "全年预算数A（年初预算B），支出决算C，预算执行率P%": P is C ÷ A
    if budgets:
        sources = [(budgets[-1], here)]
    else:
        others = [
            s
            for s in every
            if s.family == "budget"
            and not base <= s.start < base + len(clause)
            and _same_item(s.label, actual.label)
        ]
        if named and any(named.group() in s.column for s in others):  # 调整后预算 → that column
            others = [s for s in others if named.group() in s.column]
        if not others:  # the table row that states the same actual amount: its budget
            others = _row_budgets(text, stated, actual, named.group() if named else None)
        if not others and _WHOLE_LABEL.match(_GENERIC_TAIL.sub("", actual.label)):
            others = _before_in_paragraph(text, base, stated, actual, named) or _wholes(
                text, stated, actual
            )  # "实际支出A，预算执行率P%": of the whole stated before or elsewhere
        if not others or any(consistent(stated, actual.quantity, s.quantity) for s in others):
            return None
        others = [s for s in others if _plausible(stated, actual, s)]
        if not others:  # a base far off the stated rate is another item's budget, not a slip
            return None
        where = find(report.id, others[0].start, others[0].end)
        if where is None:
            return None
        sources = [(others[0], where)]
    budget, where = sources[0]
    if consistent(stated, actual.quantity, budget.quantity):
        return None
    item = _subject(clause[: actual.start - base]) or actual.label
    if _BARE_SPENDING.fullmatch(item) and budget.label:
        item = budget.label  # "公务接待费预算A元，支出B元": the rate is 公务接待费's
    said = _RATE_NAME.search(clause[max(0, stated.start - 12) : stated.start])
    return _mismatch(
        report,
        stated,
        (actual.quantity, budget.quantity),
        budget.label
        if _WHOLE.match(f"{budget.label}1元") or budget.label == "到位资金"
        else "预算",
        f"“{said.group()}”" if said else f"“{item}”的比率",
        (here, where),
        cites,
    )


def _amounts(text: str, base: int, clause: str, every: Sequence[Statement]) -> list[Statement]:
    """The clause's labelled statements and its amounts named by a qualifier alone
    ("全年预算数A，实际支出B": no item label, budget and actual by their words), in order."""
    mine = [s for s in every if base <= s.start < base + len(clause)]
    taken = {s.start for s in mine}
    for q in find_quantities(clause):
        at = base + q.start
        if not q.is_money or at in taken or _EARLIER.search(clause[max(0, q.start - 8) : q.start]):
            continue
        mine.append(Statement("", family_before(text, at), q, at, base + q.end))
    return sorted(mine, key=lambda s: s.start)


def _near(stated: Quantity, actual: Statement, budget: Statement) -> bool:
    """A base from outside the rate's sentence gives a rate within a slip of the stated one."""
    return bool(budget.yuan) and abs(ratio(actual.quantity, budget.quantity) - stated.value) <= (
        _NEAR_SLIP
    )


def _plausible(stated: Quantity, actual: Statement, budget: Statement) -> bool:
    """A base from outside the rate's sentence that gives a rate within half to twice the
    stated one ("1492.17 ÷ 7.85 = 19008%" pairs the year's spending with a 三公 budget)."""
    if not budget.yuan or not stated.value:
        return False
    got = ratio(actual.quantity, budget.quantity)
    return stated.value / 2 <= got <= stated.value * 2


def _same_amount(a: Quantity, b: Quantity) -> bool:
    """Two written money figures that can be one amount (23408912.45元 and 2,340.89万元)."""
    if a.yuan is None or b.yuan is None:
        return False
    step = max(
        Decimal(1).scaleb(-q.decimals) * MONEY_FACTORS.get(q.unit, Decimal(1)) for q in (a, b)
    )
    return abs(a.yuan - b.yuan) <= step / 2


def _row_budgets(
    text: str, stated: Quantity, actual: Statement, named: str | None
) -> list[Statement]:
    """The budget of the table row whose actual column states the sentence's actual amount
    (the 合计 row of a 资金执行情况表 beside "实际支出A，执行率P%"): one item, stated twice. The
    row's 执行率 is not needed; the latest (全年/调整后) budget column is its base, or the one the
    rate names."""
    out: list[Statement] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if "\t" not in line or actual.start <= start < actual.end:
            continue
        cells = line.split("\t")
        unit = caption_unit(text, start)
        heads = header_rows(text, start)
        if not unit or not heads or line in heads:
            continue
        names = merged_header(heads, len(cells))
        budgets, hit = [], False
        offset = len(cells[0]) + 1
        for name, cell in zip(names[1:], cells[1:], strict=False):
            found = find_quantities(f"{cell.strip()}{unit}") if _CELL.match(cell.strip()) else []
            if found and not _EARLIER_COLUMN.search(name):
                family = column_family(name)
                if family == "actual" and _same_amount(found[0], actual.quantity):
                    hit = True
                elif family == "budget":
                    at = start + offset
                    budgets.append(
                        Statement(name, "budget", found[0], at, at + len(cell), True, name)
                    )
            offset += len(cell) + 1
        if hit and budgets:
            if named and any(named in b.column for b in budgets):
                budgets = [b for b in budgets if named in b.column]
            if any(consistent(stated, actual.quantity, b.quantity) for b in budgets):
                return []
            chosen = budgets[-1]
            out.append(replace(chosen, label=cells[0].strip() + chosen.column))
    near = [b for b in out if _near(stated, actual, b)]
    return near[:1] if len(near) == len(out) else []


def _before_in_paragraph(
    text: str, base: int, stated: Quantity, actual: Statement, named: re.Match[str] | None
) -> list[Statement]:
    """The whole's budget stated by its qualifier alone earlier in the rate's paragraph ("全年
    预算为A万元，其中…。…项目实际支出B万元，预算执行率为P%"): the last 全年/调整后 one (or the
    one the rate names), when no budget there gives the stated rate and it is a near miss."""
    start = text.rfind("\n", 0, base) + 1
    head = text[start:base]
    found = [
        s
        for s in _amounts(text, start, head, statements(text))
        if s.family == "budget" and _WHOLE_LABEL.match(_GENERIC_TAIL.sub("", s.label))
    ]
    if not found or any(consistent(stated, actual.quantity, s.quantity) for s in found):
        return []
    which = named.group() if named else "全年|调整后"
    latest = [s for s in found if re.search(which, text[max(0, s.start - 10) : s.start])]
    chosen = (latest or found)[-1]
    return [chosen] if _near(stated, actual, chosen) else []


def _wholes(text: str, stated: Quantity, actual: Statement) -> list[Statement]:
    """The report's statement of the whole ("项目总投资12900万元", "全年预算数调整为…") an
    unnamed rate is over: the one amount among them that makes the stated rate a near miss
    (a report of several projects states several wholes), when none gives the stated rate."""
    out = []
    for match in _WHOLE.finditer(text):
        if _EARLIER.search(text[max(0, match.start() - 8) : match.start()]):
            continue
        q = find_quantities(match.group(2) + match.group(3))[0]
        out.append(Statement(match.group(1), "budget", q, match.start(2), match.end()))
    if any(s.yuan and consistent(stated, actual.quantity, s.quantity) for s in out):
        return []
    near = [s for s in out if s.yuan and s.yuan >= actual.yuan and _near(stated, actual, s)]
    return near[:1] if len({s.yuan for s in near}) == 1 else []


def _paragraph_back(text: str, base: int) -> tuple[int, str] | None:
    """(start, text) of the one or two sentences before ``base`` in its paragraph that state
    an actual amount and its budget, when the nearest one states money: what a following
    rate sentence with no amount of its own is about."""
    start = text.rfind("\n", 0, base) + 1
    head = text[start:base]
    pieces = [m for m in re.finditer(r"[^。！？]+[。！？]", head)]
    for count in (1, 2):
        if len(pieces) < count:
            return None
        part = head[pieces[-count].start() :]
        if not any(q.is_money for q in find_quantities(pieces[-1].group())):
            return None
        family = {s.family for s in _amounts(part, 0, part, statements(part))}
        if {"actual", "budget"} <= family:
            return start + pieces[-count].start(), part
    return None


def _mismatch(
    report: Report,
    stated: Quantity,
    amounts: tuple[Quantity, Quantity],
    whole: str,
    what: str,
    passages: tuple[Passage, Passage],
    cites: Citations,
) -> RateCheck:
    """The calculation line and the warning for a stated rate that its amounts do not give:
    part ÷ whole computed at the stated rate's precision, both sources cited."""
    part, base = amounts
    shown = f"{ratio(part, base):.{max(stated.decimals, 2)}f}%"
    a, b = cites.mark(passages[0]), cites.mark(passages[1])
    markers = "".join(dict.fromkeys((a, b)))
    line = (
        f"核对：{_money(part)} ÷ {_money(base)}（{whole}）= {shown}"
        f"（计算；来源{markers}），与原文所写“{stated.raw}”不一致。"
    )
    warning = (
        f"{who(report)}报告中{what}与金额对不上：原文写{stated.raw}{a}，"
        f"按{_money(part)}{a} ÷ {whole}{_money(base)}{b}计算为{shown}，请核对原文。"
    )
    return RateCheck(line, warning, stated)


def _share(
    report: Report,
    stated: Quantity,
    earlier: Sequence[Quantity],
    whole_name: str,
    clause: str,
    base: int,
    every: Sequence[Statement],
    cites: Citations,
    find: FindPassage,
) -> RateCheck | None:
    """ "A万元，占B的P%": A ÷ the report's statement of B (same budget/actual family)."""
    money = [q for q in earlier if q.is_money]
    part = next(
        (s for s in reversed(every) if base <= s.start < base + stated.start and s.table is False),
        None,
    )
    name = re.sub(r"[“”\"]", "", whole_name)
    if part is None or not money or len(name) < 2 or name.startswith(("预算", "年初")):
        return None  # 占预算的 is a completion rate, read above
    wholes = [
        s
        for s in every
        if s.family == part.family
        and _same_item(_whole_of(s.label), _whole_of(name))
        and not part.start <= s.start < base + stated.start  # the whole may lead the clause
        and s.yuan
        and part.yuan is not None
        and s.yuan > part.yuan
    ]
    if not wholes or any(consistent(stated, part.quantity, w.quantity) for w in wholes):
        return None
    whole = wholes[0]
    here = find(report.id, base, base + len(clause))
    where = find(report.id, whole.start, whole.end)
    if here is None or where is None:
        return None
    return _mismatch(
        report,
        stated,
        (part.quantity, whole.quantity),
        name,
        f"“{part.label}”占{name}的比例",
        (here, where),
        cites,
    )


_WHOLE_WORDS = re.compile(r"^(?:本年|全年|总)|(?:决算数?|实际数?|总额|总计|合计)$")


def _whole_of(label: str) -> str:
    """A whole's label without its family and total words: 支出决算, 总支出, 支出合计 → 支出."""
    return _WHOLE_WORDS.sub("", label) or label


def _beside_complement(
    report: Report,
    stated: Quantity,
    before: str,
    whole: str,
    base: int,
    text: str,
    cites: Citations,
    find: FindPassage,
) -> RateCheck | None:
    """ "基本支出…占W的P%" and elsewhere "项目支出…占W的Q%": two items that split one whole
    between them cannot take more than all of it (P + Q > 100 %)."""
    mine = _SUBJECT_OF_SHARE.split(before)[-1]
    named = [(mine.rfind(a), (a, b)) for pair in complements() for a, b in (pair, pair[::-1])]
    named = [n for n in named if n[0] >= 0]
    if not named:
        return None
    item = max(named)[1]  # the share belongs to the item named last before 占, not the first
    other = re.compile(
        rf"{item[1]}[^。；;\n]{{0,40}}?占(?:[“”\"]?{re.escape(whole)}[“”\"]?的?)?(?:比例|比重)?"
        rf"(?:为|是)?\s*(\d+(?:\.\d+)?)\s*%"
    )
    for match in other.finditer(text):
        if match.start(1) == base + stated.start:
            continue  # this very statement, met again through the other item's name
        share = find_quantities(match.group(1) + "%")[0]
        total = stated.value + share.value
        if total <= 100 + _slack(stated, share):
            continue
        here = find(report.id, base, base + len(before))
        there = find(report.id, match.start(), match.end())
        if here is None or there is None:
            return None
        a, b = cites.mark(here), cites.mark(there)
        line = (
            f"核对：{item[0]}占{whole}{stated.raw}{a} + {item[1]}占{whole}{share.raw}{b}"
            f" = {total}%（计算），超过100%，两个比例不能同时成立。"
        )
        warning = (
            f"{who(report)}报告中{item[0]}与{item[1]}占{whole}的比例合计{total}%"
            f"（{stated.raw}{a} + {share.raw}{b}），超过100%，请核对原文。"
        )
        return RateCheck(line, warning, stated)
    return None


_SUBJECT_OF_SHARE = re.compile(r"[。；;\n]")


def _slack(*shares: Quantity) -> Decimal:
    """What rounding of the written shares can add (half a step each)."""
    return sum((Decimal(1).scaleb(-q.decimals) / 2 for q in shares), Decimal(0))


def _change(
    report: Report,
    stated: Quantity,
    earlier: Sequence[Quantity],
    delta: Quantity,
    clause: str,
    marker: str,
) -> RateCheck | None:
    """ "支出A，较上年减少X，下降P%": X ÷ (A ± X) is the stated rate."""
    before_delta = clause[max(0, delta.start - 12) : delta.start]
    direction = _CHANGE.search(before_delta)
    money = [
        q
        for q in earlier
        if q.is_money and q.unit == delta.unit and not budget_before_rate(clause, q.start, q.end)
    ]
    if not direction or not delta.is_money or not money:
        return None
    current = money[-1]
    down = direction.group(1) in ("减少", "下降")
    prior_value = current.value + delta.value if down else current.value - delta.value
    if prior_value <= 0:
        return None
    prior = Quantity(
        f"{prior_value}", prior_value, current.unit, max(current.decimals, delta.decimals), 0, 0
    )
    if consistent(stated, delta, prior):
        return None
    computed = ratio(delta, prior)
    shown = f"{computed:.{max(stated.decimals, 2)}f}%"
    sign = "+" if down else "−"
    line = (
        f"核对：{_money(delta)} ÷ （{_money(current)} {sign} {_money(delta)}）= {shown}"
        f"（计算；来源{marker}），与原文所写“{stated.raw}”不一致。"
    )
    warning = (
        f"{who(report)}报告中“{clause.strip()}”{marker}的变化率与金额对不上：按金额计算为"
        f"{shown}，原文为{stated.raw}，请核对原文。"
    )
    return RateCheck(line, warning, stated)


_PRIOR_NAMED = re.compile(
    r"(?:较|比|同)(?:上年|上年度|去年|上一年)(?:同期)?(?:的)?(?:决算数?)?\s*$"
)
"""Words right before last year's amount itself ("较上年1,832.15万元增长12.60%")."""
_SUBJECT = re.compile(r"([\u4e00-\u9fff“”]{2,12}?)(?:较|比|同)(?:上年|上年度|去年|上一年)")


def _against_prior(
    report: Report,
    stated_prior: tuple[Quantity, Quantity],
    earlier: Sequence[Quantity],
    clause: str,
    base: int,
    text: str,
    cites: Citations,
    find: FindPassage,
) -> RateCheck | None:
    """ "支出A，较上年B增长P%": (A − B) ÷ B is the stated rate. This year's amount A is the
    clause's last amount before, else the amount the rate's subject ("实际支出较上年…") is
    stated with earlier in the paragraph; last year's B is written right after 较上年."""
    stated, prior = stated_prior
    if not prior.is_money or not prior.value or not _PRIOR_NAMED.search(clause[: prior.start]):
        return None
    word = _CHANGE_RATE.search(clause[prior.end : stated.start])
    down = word is not None and word.group(1) in ("下降", "减少", "降低")
    money = [q for q in earlier if q.is_money and MONEY_FACTORS.get(q.unit)]
    current, at = (money[-1], None) if money else _subject_amount(clause, prior, base, text)
    if current is None:
        return None
    here = None if at is None else find(report.id, at, at + len(current.raw))
    delta_value = current.yuan - prior.yuan if current.yuan is not None else None
    if delta_value is None or (delta_value < 0) != down:
        return None  # the direction disagrees: another amount, not this year's
    places = max(current.decimals, prior.decimals)
    factor = MONEY_FACTORS[prior.unit]
    delta = Quantity(f"{abs(delta_value) / factor}", abs(delta_value) / factor, prior.unit,
                     places, 0, 0)  # fmt: skip
    # both amounts' rounding can move the difference by a step of either
    low = (abs(delta_value) - (_step(current) + _step(prior)) / 2) / (prior.yuan + _step(prior) / 2)
    high = (abs(delta_value) + (_step(current) + _step(prior)) / 2) / (
        prior.yuan - _step(prior) / 2
    )
    half = Decimal(1).scaleb(-stated.decimals) / 2
    if low * 100 - half <= stated.value <= high * 100 + half:
        return None
    computed = ratio(delta, prior)
    shown = f"{computed:.{max(stated.decimals, 2)}f}%"
    source = find(report.id, base, base + len(clause))
    if source is None:
        return None
    marks = "".join(dict.fromkeys(cites.mark(p) for p in (here, source) if p is not None))
    first, second = (current, prior) if not down else (prior, current)
    line = (
        f"核对：（{_money(first)} − {_money(second)}）÷ {_money(prior)} = {shown}"
        f"（计算；来源{marks}），与原文所写“{stated.raw}”不一致。"
    )
    warning = (
        f"{who(report)}报告中的变化率与金额对不上：原文写{stated.raw}{cites.mark(source)}，按本年"
        f"{_money(current)}{cites.mark(here or source)}与上年{_money(prior)}{cites.mark(source)}"
        f"计算为{shown}，请核对原文。"
    )
    return RateCheck(line, warning, stated)


def _step(q: Quantity) -> Decimal:
    return Decimal(1).scaleb(-q.decimals) * MONEY_FACTORS.get(q.unit, Decimal(1))


def _subject_amount(
    clause: str, prior: Quantity, base: int, text: str
) -> tuple[Quantity | None, int | None]:
    """This year's amount of a rate sentence that names it only by its subject ("实际支出较上年
    B增长P%"): the same words right before an amount earlier in the paragraph."""
    found = _SUBJECT.search(clause[: prior.start])
    if found is None:
        return None, None
    subject = found.group(1).strip("“”")
    start = text.rfind("\n", 0, base) + 1
    head = text[start:base]
    hits = [
        q
        for q in find_quantities(head)
        if q.is_money
        and q.unit in MONEY_FACTORS
        and head[max(0, q.start - len(subject) - 2) : q.start]
        .rstrip("为是达共：:")
        .endswith(subject)
    ]
    return (hits[0], start + hits[0].start) if len(hits) == 1 else (None, None)


def _row(report: Report, finding: Finding, text: str, cites: Citations) -> list[RateCheck]:
    """A table row with 预算 and 执行/决算 columns and a stated 执行率: executed ÷ budget."""
    unit = finding.unit
    heads = header_rows(text, unit.start)
    if not heads:
        return []
    cells = unit.text.split("\t")
    names = merged_header(heads, len(cells))
    year = report.identity.year
    budgets, actuals, rates = [], [], []
    for i, (name, cell) in enumerate(zip(names, cells, strict=False)):
        if i == 0:
            continue
        years = {int(y) for y in _YEAR_IN_HEADER.findall(name)}
        if years and year and year not in years:
            continue  # a column of another year
        found = find_quantities(cell.strip())
        if len(found) != 1:
            continue
        if re.search(r"执行率|完成率|执行进度", name) and found[0].unit == "%":
            rates.append((name, found[0]))
        elif column_family(name) == "budget":
            budgets.append((name, found[0]))
        elif column_family(name) == "actual":
            actuals.append((name, found[0]))
    if not (budgets and actuals and rates):
        return []
    money = caption_unit(text, unit.start) or ""
    out = []
    actual_name, actual = actuals[-1]
    for rate_name, stated in rates:
        if any(consistent(stated, actual, b) for _, b in budgets):
            continue
        budget_name, budget = budgets[-1]  # the latest budget (全年/调整后) column
        computed = ratio(actual, budget)
        shown = f"{computed:.{max(stated.decimals, 2)}f}%"
        marker = cites.mark(finding.passage)
        label = next((c.strip() for c in cells if c.strip()), "")  # a form's empty first cell
        line = (
            f"核对：“{label}”{actual_name} {actual.raw}{money} ÷ {budget_name} "
            f"{budget.raw}{money} = {shown}（计算；来源{marker}），"
            f"与表中{rate_name}“{stated.raw}”不一致。"
        )
        warning = (
            f"{who(report)}报告表中“{label}”的{rate_name}与金额对不上：表中写{stated.raw}{marker}，"
            f"按{actual_name}÷{budget_name}计算为{shown}，请核对原文。"
        )
        out.append(RateCheck(line, warning, stated))
    return out


def _subject(before: str) -> str:
    """The words naming an amount, from the clause start ("2.公务用车运行维护费支出" →
    公务用车运行维护费支出)."""
    tail = re.split(r"[，。；、：:,]", before)[-1]
    return re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]?", "", tail).strip()


def _same_item(a: str, b: str) -> bool:
    """Labels of one item, allowing a generic tail (支出/经费) and a label cut at its front
    (statement labels keep their last ten characters)."""
    a, b = _GENERIC_TAIL.sub("", a), _GENERIC_TAIL.sub("", b)
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 6 and long.endswith(short)


def stated_rate_of_change(
    report: Report,
    inputs: Sequence[tuple[Quantity, str]],
    terms: Sequence[str],
    text: str,
    cites: Citations,
    find: FindPassage,
) -> list[tuple[str, str]]:
    """A difference of two quoted amounts whose relative size the report states itself
    ("支出决算与年初预算偏离度 7.77%"): the line or row that states it, cited, with the
    calculation that agrees (d ÷ base = r%), as (answer line, the line quoted). Shown only
    when a line of the report names at least two of the question's terms and writes that
    percentage."""
    if len(inputs) != 2 or inputs[0][0].unit != inputs[1][0].unit:
        return []
    (a, _), (b, _) = inputs
    big, small = (a, b) if a.value >= b.value else (b, a)
    diff = big.value - small.value
    if not diff or not small.value:
        return []
    candidates = [(diff / small.value * 100, small), (diff / big.value * 100, big)]
    named = [t.removesuffix("数") for t in dict.fromkeys(terms) if len(t) >= 2]
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if sum(t in match_text(line) for t in named) < 2:
            continue
        for q in find_quantities(line):
            if q.unit != "%":
                continue
            half = Decimal(1).scaleb(-q.decimals) / 2
            for value, base in candidates:
                if abs(value - q.value) <= half:
                    where = find(report.id, start, start + len(line))
                    if where is None:
                        continue
                    places = max(big.decimals, small.decimals)
                    shown = line.replace("\t", " | ").strip()
                    rate = f"{value:.{max(q.decimals, 2)}f}%"
                    said = (
                        f"报告另写有「{shown}」{cites.mark(where)}，与按金额计算的"
                        f"{diff:.{places}f}{base.unit} ÷ {_money(base)} = {rate}一致。"
                    )
                    return [(said, shown)]
    return []
