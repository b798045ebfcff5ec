"""A figure labelled with another year than its report's, checked across the body's reports.

A report of year Y that writes "X年…某项N" (X ≠ Y) states the X figure of that item. When the
same body's report of year X is indexed and gives the item another value, the two reports
disagree; when N is also exactly the report's own year-Y figure of the item, the "X年" is most
likely a slip for Y. Either way the reader must see both figures with their sources, never
one of them alone. The check runs over the figures an answer shows: each figure's item is
looked up in every report of the same county and department.

Items are matched by their label (the words right before the figure, or a table row's label),
after dropping generic tails (支出/经费/面积 …); figures in one unit kind and the same
budget/actual family are compared, each at the precision it is written with.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.answer import Answer, Citation, Passage
from assistant.compose import who
from assistant.conflicts import same_value
from assistant.evidence import match_text, term_present
from assistant.scope import select_reports
from assistant.stated_changes import stated_change
from assistant.statements import column_family, family_before, named_in
from assistant.tables import caption_unit, header_rows, merged_header
from assistant.understanding import Query
from index import vocabulary
from index.facts import column_year
from index.identity import body_name
from index.models import Report
from index.numbers import MONEY_FACTORS, Quantity, find_quantities

FindPassage = Callable[[str, int, int], Passage | None]

_YEAR_MARK = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)(?:度)?")
_RELATIVE = re.compile(
    r"上年|上一年|去年|同比|较|比上|增长|增加|减少|下降|降低|提高|相比|以来"
    r"|(?<!全年)(?<!年度)(?<!当年)累计"
)
"""Words between a year mark and a figure that make the figure a change or a running total
(a total over years: "全年累计支出" is the year's own total)."""
_BOUND = re.compile(r"(≥|≤|>|<|＞|＜|不低于|不高于|不少于|不超过|目标|计划|力争)\s*$")
_SENTENCE = re.compile(r"[^。；;！？\n]+")
_TAIL = re.compile(r"(支出|资金|经费|费用|金额|面积|长度|数量|总数|人数|总额|合计|数)+$")
_VERB = re.compile(
    r"(预算数|决算数|预算|决算|执行数|实际支出|实际|稳定在|保持在|控制在|达到|实现|完成|共计|累计"
    r"|约|达|为|是|共|(?<![合总])计|了)+$"
)
_HEAD = re.compile(r"^(其中|全年|本年|年度|年(?!初)|全县|全区|全市|本局|本单位|完成|实现|累计)+")
_MIN_LABEL = 4
_SPENDING = re.compile(r"(?:总|实际)?(?:支出|开支)")
"""A bare spending label ("2021年全年累计支出N"): the body's whole spending that year. Kept as
a figure for a question about that year's spending, though it names no item to match."""


@dataclass(frozen=True)
class Figure:
    """One labelled figure of a report: the item, the quantity, where it is, and the year a
    year mark in its sentence gives it (None: the report's own year, unmarked)."""

    label: str
    quantity: Quantity
    start: int
    end: int
    year: int | None
    family: str
    sentence: tuple[int, int]
    opens: bool = False
    """The year mark opens the sentence ("2021年度，本年支出…"): it dates the whole statement,
    not a document or a plan the sentence mentions ("根据2021年…方案，本年…")."""
    counted: bool = False
    """A count labelled by the words after it ("为36名学员提供培训" → 学员提供培训)."""

    @property
    def kind(self) -> str:
        return "money" if self.quantity.is_money else self.quantity.unit

    @property
    def shown(self) -> str:
        q = self.quantity
        return q.raw if q.raw.endswith(q.unit) else f"{q.raw}{q.unit}"


def item(label: str) -> str:
    """A label without generic tails (公务接待费支出 → 公务接待费, …面积 → …)."""
    return _TAIL.sub("", label)


def same_item(a: str, b: str) -> bool:
    x, y = item(a), item(b)
    return len(x) >= _MIN_LABEL and x == y


def alike(a: str, b: str) -> bool:
    """Labels naming one item for an amount written twice: the same key, or one key ending
    with the other (一般公共预算财政拨款基本支出 / 基本支出)."""
    x, y = key(a), key(b)
    if not x or not y:
        return False
    short, long = sorted((x, y), key=len)
    return long.endswith(short) and len(short) >= _MIN_LABEL


def key(label: str) -> str:
    """The item a label names, for matching one amount written twice: the label without its
    generic tail, or the whole label when the tail leaves too little (基本支出, 项目支出)."""
    x = item(label)
    if len(x) >= _MIN_LABEL:
        return x
    if _TOTAL.fullmatch(label):  # 本年支出合计: the year's total, one line of every 决算
        return label
    return label if len(x) >= 2 and len(label) >= _MIN_LABEL else ""


_TOTAL = re.compile(r"(?:支出|收入|收支)(?:合计|总计)")
"""A label that is a year's total (after 本年 is dropped): it names one thing, though its
words are all generic."""


def agree(a: Figure, b: Figure) -> bool:
    """One amount as written twice (money in 元, at the coarser precision)."""
    qa, qb = a.quantity, b.quantity
    if qa.is_money and qb.is_money:
        step_a = Decimal(1).scaleb(-qa.decimals) * MONEY_FACTORS[qa.unit]
        step_b = Decimal(1).scaleb(-qb.decimals) * MONEY_FACTORS[qb.unit]
        return same_value(qa.yuan, step_a, qb.yuan, step_b)  # type: ignore[arg-type]
    if qa.unit != qb.unit:
        return False
    step_a, step_b = Decimal(1).scaleb(-qa.decimals), Decimal(1).scaleb(-qb.decimals)
    return same_value(qa.value, step_a, qb.value, step_b)


@functools.lru_cache(maxsize=32)
def figures(text: str, year: int | None) -> tuple[Figure, ...]:
    """Every labelled figure of a report's normalised text (sentences and table rows)."""
    out: list[Figure] = []
    pos = 0
    for line in text.split("\n"):
        if "\t" in line:
            out += _row(text, line, pos, year)
        else:
            carried: tuple[int, bool] | None = None
            for sentence in _SENTENCE.finditer(line):
                found = _sentence(text, sentence.group(), pos + sentence.start(), carried)
                out += found
                # "2021年度…基本支出X万元；项目支出Y万元。": the year goes on after a semicolon
                go_on = line[sentence.end() : sentence.end() + 1] in ("；", ";")
                carried = _opening(sentence.group(), carried) if go_on else None
        pos += len(line) + 1
    return tuple(out)


def _opening(sentence: str, carried: tuple[int, bool] | None) -> tuple[int, bool] | None:
    """The year a clause opens with (and whether it opens it), else the one it carried on."""
    first = _YEAR_MARK.search(sentence)
    if first is None:
        return carried
    return int(first.group(1)), bool(_LEAD_IN.match(sentence[: first.start()]))


def _sentence(
    text: str, sentence: str, base: int, carried: tuple[int, bool] | None = None
) -> list[Figure]:
    out = []
    marks = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR_MARK.finditer(sentence)]
    if carried is not None:
        marks.insert(0, (0, 0, carried[0]))
    for q in find_quantities(sentence):
        if not q.unit or q.is_year or sentence[q.end : q.end + 1] in ("年", "月", "日"):
            continue
        before = sentence[: q.start]
        if _BOUND.search(before[-6:]):
            continue  # a target or bound, not the figure achieved
        label, counted = _label(before), False
        if not key(label) and not _SPENDING.fullmatch(label):
            label, counted = _counted(sentence, q), True
            if not key(label):
                continue
        mark = next(((s, end, y) for s, end, y in reversed(marks) if end <= q.start), None)
        year, opens = None, False
        if mark is not None:
            if _RELATIVE.search(sentence[mark[1] : q.start]):
                continue  # "2022年较上年增加…": a change, not the year's figure
            year = mark[2]
            opens = _opens(sentence, mark[0], q.start, mark[1])
            if carried is not None and mark[1] == 0:
                opens = carried[1] and opens
        at = base + q.start
        family = family_before(text, at) if q.is_money else "actual"
        span = (base, base + len(sentence))
        out.append(Figure(label, q, at, base + q.end, year, family, span, opens, counted))
    return out


_LEAD_IN = re.compile(
    r"^[\s\d一二三四五六七八九十（）()、.．]*(?:在|于|截至|截止|截止到|全)?"
    r"(?:本部门|本单位|我局|本局|全局|我单位|部门|单位)?(?:在|于)?$"
)
_OWN_YEAR = re.compile(r"本年(?!支出|收入)|当年|今年|年内")
"""Words dating a figure to the report's own year; 本年支出/本年收入 are line names."""


def _opens(sentence: str, start: int, figure: int, end: int) -> bool:
    """The year mark at ``start`` opens the sentence (after its numbering) and no word between
    it and the figure at ``figure`` dates the figure otherwise."""
    if not _LEAD_IN.match(sentence[:start]):
        return False
    return not _OWN_YEAR.search(sentence[end:figure])


def _label(before: str) -> str:
    """The item a sentence names right before a figure ("2022年新建高标准农田" → 新建高标准农田;
    "综合机械化率达到" → 综合机械化率), at most 16 characters."""
    tail = re.split(r"[，。；、：:,（(）)\s]", before)[-1]
    han = "".join(re.findall(r"[\u4e00-\u9fff]+", tail))
    return _HEAD.sub("", _VERB.sub("", han))[-16:]


def _counted(sentence: str, q: Quantity) -> str:
    """The item a count names after its measure word when no label precedes it ("共为214名
    学员提供培训" → 学员提供培训): the clause's words after the figure, at most 16 characters."""
    if q.unit not in _COUNTED_UNITS():
        return ""
    after = re.split(r"[，。；、：:,（(）)\s\d]", sentence[q.end :])[0]
    return "".join(re.findall(r"[\u4e00-\u9fff]+", after))[:16]


@functools.cache
def _COUNTED_UNITS() -> frozenset[str]:
    return frozenset(vocabulary.vocabulary()["counted_items"]["units"])


def _row(text: str, line: str, pos: int, year: int | None) -> list[Figure]:
    """A table row's figures under actual or budget columns (money cells take the caption
    unit; other cells need their own unit), labelled by the row's last text cell."""
    heads = header_rows(text, pos)
    if not heads or line in heads:
        return []
    cells = line.split("\t")
    names = merged_header(heads, len(cells))
    money = caption_unit(text, pos)
    label, offset, out = "", 0, []
    for index, cell in enumerate(cells):
        value = cell.strip()
        found = find_quantities(value) if value else []
        numeric = len(found) == 1 and found[0].raw.strip() == value.lstrip("≥≤<>＞＜").strip()
        if not numeric and value and not re.fullmatch(r"[—\-–/]+", value):
            label = _label(value) if index < len(cells) - 1 else label
        elif numeric and index and (key(label) or label == "合计"):
            name = names[index] if index < len(names) else ""
            family = column_family(name) or ("actual" if _SPENT_COLUMN.search(name) else None)
            column, _ = column_year(name, year)
            q = found[0]
            if money and not q.unit:
                q = find_quantities(f"{value}{money}")[0]
            if family and q.unit and not value.startswith(("≥", "≤", "<", ">", "＞", "＜")):
                start = pos + offset
                fig_year = column if column != year else None
                row = (pos, pos + len(line))
                out.append(Figure(label, q, start, start + len(cell), fig_year, family, row))
        offset += len(cell) + 1
    return out


_SPENT_COLUMN = re.compile(r"累计支出|全年支出|支出金额")
"""A column of the amounts spent that names no 决算/执行 word ("全年累计支出")."""
_SPENDING_TOTAL = re.compile(r"合计|支出合计")
"""The year's own spending total: a table's 合计 row or "本年支出合计" (not 支出总计, which adds
the carry-overs)."""


@dataclass(frozen=True)
class _Clash:
    """A figure labelled ``said.year`` in ``report`` against the body's report of that year."""

    report: Report
    said: Figure
    that: Report
    other: Figure
    own: Figure | None


def check(
    answer: Answer,
    reports: Sequence[Report],
    text_of: Callable[[str], str],
    find: FindPassage,
    question: str = "",
) -> Answer:
    """``answer`` with a line and a warning for each sentence, of a report of the same body as
    a figure the answer shows, that labels that figure's item with another year than its
    report's and disagrees with the body's report of that year. A count labelled by the words
    after it is checked only when the question names its item (a quote may hold other counts)."""
    asked = match_text(question)
    if answer.refused or not answer.citations:
        return answer
    shown = [q for q in find_quantities(answer.answer) if q.unit and not q.is_year]
    by_id = {r.id: r for r in reports}
    clashes: dict[tuple[str, tuple[int, int]], list[_Clash]] = {}
    slips: dict[tuple[str, tuple[int, int]], list[_Slip]] = {}
    seen: set[tuple[str, int]] = set()
    slipped: set[tuple[str, int]] = set()
    for citation in answer.citations:
        report = by_id.get(citation.report_id)
        if report is None:
            continue
        body = [
            r
            for r in reports
            if r.identity.county == report.identity.county
            and r.identity.department == report.identity.department
            and r.identity.year
        ]
        mine = [
            f
            for f in figures(text_of(report.id), report.identity.year)
            if citation.start <= f.start < citation.end
            and any(_same_shown(f.quantity, q) for q in shown)
            and (not f.counted or named_in(f.label, asked))
        ]
        for fig in mine:
            for slip in _slips(report, fig, body, text_of):
                if (report.id, slip.said.start) not in slipped:
                    slipped.add((report.id, slip.said.start))
                    slips.setdefault((report.id, slip.said.sentence), []).append(slip)
            if len(body) < 2:
                continue
            for other in body:
                for said in _labelled(other, fig, text_of):
                    if (other.id, said.start) in seen:
                        continue
                    seen.add((other.id, said.start))
                    found = _clash(said, other, body, text_of)
                    if found:
                        clashes.setdefault((other.id, said.sentence), []).append(found)
    if not clashes and not slips:
        return answer
    cites = list(answer.citations)
    lines, warnings = [], []
    for group in clashes.values():
        told = _tell(group, text_of, find, cites)
        if told:
            lines.append(f"注意：{told[0]}")
            warnings.append(told[1])
    for where, group in slips.items():
        if where in clashes:
            continue  # told with the other year's report already
        told = _tell_slip(group, text_of, find, cites)
        if told:
            lines.append(f"注意：{told[0]}")
            warnings.append(told[1])
    return replace(
        answer,
        answer="\n".join([answer.answer, *lines]),
        citations=tuple(cites),
        warnings=(*answer.warnings, *warnings),
    )


def _same_shown(a: Quantity, b: Quantity) -> bool:
    if a.is_money and b.is_money:
        return a.yuan == b.yuan
    return a.unit == b.unit and a.value == b.value


def _labelled(report: Report, fig: Figure, text_of: Callable[[str], str]) -> list[Figure]:
    """Figures of ``report`` for ``fig``'s item that a year mark gives another year than the
    report's own."""
    own = report.identity.year
    return [
        f
        for f in figures(text_of(report.id), own)
        if f.year is not None
        and f.year != own
        and f.kind == fig.kind
        and f.family == fig.family
        and same_item(f.label, fig.label)
    ]


def _clash(
    said: Figure, report: Report, body: Sequence[Report], text_of: Callable[[str], str]
) -> _Clash | None:
    """The body's report of ``said.year`` giving the item another value (and ``said``'s own
    report's figure of its own year when it equals ``said``: the year mark is then a slip)."""
    that = next((r for r in body if r.identity.year == said.year), None)
    if that is None or that.id == report.id:
        return None
    theirs = [
        f
        for f in figures(text_of(that.id), said.year)
        if f.year in (None, said.year)
        and f.kind == said.kind
        and f.family == said.family
        and same_item(f.label, said.label)
    ]
    if not theirs or any(agree(said, f) for f in theirs):
        return None
    own = next(
        (
            f
            for f in figures(text_of(report.id), report.identity.year)
            if f.year is None
            and f.start != said.start
            and f.kind == said.kind
            and f.family == said.family
            and same_item(f.label, said.label)
            and agree(f, said)
        ),
        None,
    )
    return _Clash(report, said, that, theirs[0], own)


@dataclass(frozen=True)
class _Slip:
    """A figure of ``report`` that a year mark gives another year (``said``) while the report
    states the same item and amount as its own year's (``own``): the mark is likely a slip."""

    report: Report
    said: Figure
    own: Figure


def _distinct(q: Quantity) -> bool:
    """An amount too particular to recur by chance: not zero, three significant digits or more
    (money), or written with decimals as well (other units: counts often stay the same)."""
    digits = q.raw.replace(",", "")
    significant = len(re.sub(r"\D", "", digits).lstrip("0"))
    if not q.value or significant < 3:
        return False
    return q.is_money or q.decimals > 0


def _slips(
    report: Report, fig: Figure, body: Sequence[Report], text_of: Callable[[str], str]
) -> list[_Slip]:
    """The year-slips of ``report`` that involve ``fig``: a sentence opened by another year
    than the report's that states ``fig``'s item and amount, while the report states the same
    amount as its own year's figure of that item (a table column of its year, an unmarked or
    own-year statement). Not a slip when the body's report of the marked year is indexed and
    gives the item that amount too, or when the report's own year is not its usual mark."""
    own_year = report.identity.year
    if own_year is None or not _distinct(fig.quantity) or not key(fig.label):
        return []
    text = text_of(report.id)
    same = [
        f
        for f in figures(text, own_year)
        if f.kind == fig.kind
        and f.family == fig.family
        and alike(f.label, fig.label)
        and agree(f, fig)
    ]
    owns = [f for f in same if f.year in (None, own_year)]
    said = [
        f
        for f in same
        if f.year is not None
        and f.year != own_year
        and f.opens
        and "\t" not in text[f.sentence[0] : f.sentence[1]]
    ]
    out = []
    for one in said:
        own = next((f for f in owns if f.start != one.start), None)
        if own is None or not _usual_year(text, own_year, one.year):
            continue
        that = next((r for r in body if r.identity.year == one.year and r.id != report.id), None)
        if that is not None and any(
            key(f.label) == key(one.label) and f.kind == one.kind and agree(f, one)
            for f in figures(text_of(that.id), one.year)
        ):
            continue  # the marked year's report gives that amount as well
        out.append(_Slip(report, one, own))
    return out


def _marked_year_from_change(text: str, said: Figure, year: int, marker: str) -> str:
    """ "2021年…支出152,600.00元，比上年减少16,300.00元" where the amount is the report's own
    year's: the change is then against ``year``, whose figure it gives (推算)."""
    begin, end = said.sentence
    change = stated_change(text[begin:end], said.end - begin, year)
    q = said.quantity
    if change is None or change.amount is None or not q.is_money or not change.amount.is_money:
        return ""
    amount = change.amount.value * MONEY_FACTORS[change.amount.unit] / MONEY_FACTORS[q.unit]
    value = q.value - change.sign * amount
    places = max(q.decimals, 0)
    if value <= 0 or amount != amount.quantize(Decimal(1).scaleb(-places)):
        return ""
    shown = f"{value:,.{places}f}{q.unit}"
    op = "+" if change.sign < 0 else "−"
    return (
        f"按“{'比上年减少' if change.sign < 0 else '比上年增加'}{change.amount.raw}”推算，"
        f"{year}年应为{shown}（推算：{q.raw} {op} {change.amount.raw} = {shown}；来源{marker}）。"
    )


def _usual_year(text: str, own: int, other: int | None) -> bool:
    """The report marks its own year more often than ``other`` (its year is read right)."""
    marks = [int(m.group(1)) for m in _YEAR_MARK.finditer(text)]
    return marks.count(own) > marks.count(other)


def _tell_slip(
    group: list[_Slip], text_of: Callable[[str], str], find: FindPassage, cites: list[Citation]
) -> tuple[str, str] | None:
    """(answer line, warning) for the year-slips of one sentence, every figure cited."""
    first = group[0]
    report, year, own_year = first.report, first.said.year, first.report.identity.year
    here = find(report.id, *first.said.sentence)
    if here is None:
        return None
    a = _mark(cites, here)
    same = []
    for slip in group:
        where = find(report.id, slip.own.start, slip.own.end)
        if where is None:
            continue
        said = f"“{slip.said.label}”{slip.said.shown}"
        same.append(_same_as_own(said, slip.own, own_year, _mark(cites, where)))
    if not same:
        return None
    text = text_of(report.id)
    begin, end = first.said.sentence
    while begin > 0 and text[begin - 1] in "；;":  # the clause the year mark opens
        begin = max(text.rfind(ch, 0, begin - 1) for ch in "。！？\n；;") + 1
    quoted = text[begin:end].strip()
    line = (
        f"{who(report)}报告写“{quoted}”{a}，标注为{year}年；但{'；'.join(same)}，"
        f"“{year}年”疑为“{own_year}年”的笔误（年份标注错误）：该数字应是{own_year}年的，"
        f"不能当作{year}年的数字，请核对原文。"
    )
    if own_year is not None and year == own_year - 1 and len(group) == 1:
        line += _marked_year_from_change(text, first.said, year, a)
    items = "、".join(f"“{s.said.label}”{s.said.shown}" for s in group)
    warning = (
        f"年份标注存疑：{who(report)}报告中标注为{year}年的{items}{a}与本报告{own_year}年的"
        f"同项数字相同，疑为{own_year}年之误。"
    )
    return line, warning


def _tell(
    group: list[_Clash], text_of: Callable[[str], str], find: FindPassage, cites: list[Citation]
) -> tuple[str, str] | None:
    """(answer line, warning) for the clashes of one sentence, every figure cited."""
    first = group[0]
    report, that, year = first.report, first.that, first.said.year
    here = find(report.id, *first.said.sentence)
    if here is None:
        return None
    a = _mark(cites, here)
    theirs, slips = [], []
    for clash in group:
        there = find(that.id, clash.other.start, clash.other.end)
        if there is None:
            continue
        theirs.append(
            f"“{clash.other.label}”为{clash.other.shown}{_mark(cites, there)}"
            f"（此处为{clash.said.shown}）"
        )
        own = clash.own
        where = find(report.id, own.start, own.end) if own else None
        if own and where:
            mark = _mark(cites, where)
            slips.append(_same_as_own(clash.said.shown, own, report.identity.year, mark))
    if not theirs:
        return None
    text = text_of(report.id)
    quoted = text[first.said.sentence[0] : first.said.sentence[1]].strip()
    line = (
        f"{who(report)}报告写“{quoted}”{a}，标注为{year}年；而{who(that)}报告中"
        f"{'、'.join(theirs)}，两份报告对{year}年的数字不一致"
    )
    if slips:
        line += f"。其中{'；'.join(slips)}，疑为年份标注错误（笔误）"
    line += "，请核对原文。"
    items = "、".join(f"“{c.said.label}”{c.said.shown}" for c in group)
    warning = (
        f"年份标注存疑：{who(report)}报告中标注为{year}年的{items}{a}与{who(that)}报告"
        f"所写的{year}年数字不一致。"
    )
    return line, warning


def _same_as_own(said: str, own: Figure, year: int | None, mark: str) -> str:
    """ "X与本报告Y年的“label”N[n]相同": a mislabelled figure equal to the report's own one."""
    return f"{said}与本报告{year}年的“{own.label}”{own.shown}{mark}相同"


def _mark(cites: list[Citation], passage: Passage) -> str:
    """The [n] of ``passage`` among the answer's citations (a cited span holding it is
    reused), appended when new."""
    for c in cites:
        if c.report_id == passage.report_id and c.start <= passage.start and passage.end <= c.end:
            return f"[{c.n}]"
    n = max((c.n for c in cites), default=0) + 1
    cites.append(passage.cite(n))
    return f"[{n}]"


cite_mark = _mark
"""The [n] of a passage among an answer's citations, appended when new (for fact_years)."""

_MEASURE_ASKED = re.compile(r"(?:多少|几)(个|场|次|人次|人|项|户|座|处|辆|家|所|件|台|套|批次)")
_MEASURE_TAIL = re.compile(r"^(场次|次数|人次|人数|数量|个数|批次|户数|面积|长度|里程|规模)$")


def labelled_elsewhere(
    query: Query,
    reports: Sequence[Report],
    text_of: Callable[[str], str],
    find: FindPassage,
) -> Answer | None:
    """A year no report of the asked body covers, while one of the body's other reports
    writes a sentence opened by that year with a figure of the asked item ("2021年全县完成
    送戏下乡演出126场" in the 2022 report): that sentence, quoted as what it is — a figure
    another year's report gives that year. When the same report states the same item and
    amount as its own year's (an indicator table's 实际完成值), the year mark is doubtful."""
    if len(query.years) != 1 or not (query.counties or query.departments):
        return None
    year = query.years[0]
    body = [
        r
        for r in select_reports(replace(query, years=(), unknown=()), reports)
        if r.identity.year and r.identity.year != year
    ]
    terms = [
        t
        for t in query.terms
        if len(t) >= 2 and not _QUESTION_WORD.search(t) and not _WHOLE_WORD.fullmatch(t)
    ]
    if not terms and _SPENT_ASKED.search(f"{query.text} {query.zh_text}"):
        terms = ["支出"]  # "how much did X spend in 2021": the body's spending that year
    if not body or not terms:
        return None
    measure = _MEASURE_ASKED.search(query.zh_text or query.text)
    found: list[tuple[Report, Figure]] = []
    for report in sorted(body, key=lambda r: abs((r.identity.year or 0) - year)):
        text = text_of(report.id)
        for fig in figures(text, report.identity.year):
            sentence = match_text(text[fig.sentence[0] : fig.sentence[1]])
            if (
                fig.year == year
                and (fig.opens or _opens_clause(text, fig))
                and (measure is None or fig.quantity.unit == measure.group(1))
                and all(term_present(t, sentence) for t in terms)
            ):
                found.append((report, fig))
    if not found:
        return None
    report, said = found[0]
    text = text_of(report.id)
    cites: list[Citation] = []
    here = find(report.id, *said.sentence)
    if here is None:
        return None
    a = _mark(cites, here)
    quoted = text[said.sentence[0] : said.sentence[1]].strip()
    own_year = report.identity.year
    lines = [
        f"索引中没有{_body(report)}{year}年度的报告；{who(report)}报告中有一处标注为{year}年的"
        f"文字：「{quoted}」{a}。"
    ]
    own = _own_figure(report, said, text)
    where = find(report.id, own.start, own.end) if own else None
    warning = ""
    if own and where:
        b = _mark(cites, where)
        lines.append(
            f"但这段话在{own_year}年度报告中，且该报告{own_year}年的“{own.label}”也是{own.shown}{b}，"
            f"与之相同：“{year}年”的标注存疑（疑为“{own_year}年”的笔误），{said.shown}应是"
            f"{own_year}年的数字，不能当作{year}年的数字；{year}年的真实数字无法确定，请核对原文。"
        )
        warning = (
            f"年份标注存疑：{who(report)}报告中标注为{year}年的“{said.label}”{said.shown}{a}"
            f"与本报告{own_year}年的同项数字{own.shown}{b}相同，疑为{own_year}年之误。"
        )
    else:
        lines.append(
            f"该数字出自{own_year}年度报告，{year}年度报告本身的数字未找到（索引中没有该报告），"
            "请核对原文。"
        )
    if query.language == "en":
        doubt = " The year label looks like a slip (标注存疑)." if warning else ""
        lines.insert(
            0,
            f"The index has no {year} report of {_body(report)}; its {own_year} report writes "
            f"a figure under {year}: {said.shown}{a}.{doubt}",
        )
    return Answer(
        query.text,
        "\n".join(lines),
        False,
        tuple(cites),
        (),
        (warning,) if warning else (),
    )


def _opens_clause(text: str, fig: Figure) -> bool:
    """The year mark before ``fig`` opens its clause ("1. 数量目标：2021年全县完成…"): only a
    heading word and a colon, or a comma, stand before it."""
    head = text[fig.sentence[0] : fig.start]
    marks = list(_YEAR_MARK.finditer(head))
    if not marks:
        return False
    mark = marks[-1]
    lead = re.split(r"[：:，,]", head[: mark.start()])[-1]
    return bool(_LEAD_IN.match(lead)) and not _OWN_YEAR.search(head[mark.end() :])


_WHOLE_WORD = re.compile(r"总额|总计|合计|总数|实际|全年|全部|总共|一共|金额|数额|情况")
"""Words asking for the whole or the actual amount: no item a sentence must name."""
_SPENT_ASKED = re.compile(r"spen[dt]|expenditure|支出|花|开支", re.I)
_QUESTION_WORD = re.compile(r"^(多少|几|什么|哪些|哪个|怎么|如何|是否)")


def _body(report: Report) -> str:
    return body_name(report.identity.county, report.identity.department)


def _own_figure(report: Report, said: Figure, text: str) -> Figure | None:
    """The report's own-year figure of ``said``'s item with the same amount (a sentence with no
    other year's mark, or a table cell of an actual column of its year)."""
    spending = bool(_SPENDING.fullmatch(said.label)) and _distinct(said.quantity)
    for fig in figures(text, report.identity.year):
        if (
            fig.year in (None, report.identity.year)
            and fig.start != said.start
            and fig.kind == said.kind
            and agree(fig, said)
            and (
                _names_one(fig.label, said.label)
                or (spending and fig.family == "actual" and _SPENDING_TOTAL.fullmatch(fig.label))
            )
        ):
            return fig
    return None


def _names_one(a: str, b: str) -> bool:
    """One item named with or without its measure or a leading verb ("开展送戏下乡演出" /
    "送戏下乡演出场次")."""
    if alike(a, b):
        return True
    short, long = sorted((_ACTION.sub("", item(a)), _ACTION.sub("", item(b))), key=len)
    if len(short) < _MIN_LABEL or not long.startswith(short):
        return False
    return long == short or bool(_MEASURE_TAIL.match(long[len(short) :]))


_ACTION = re.compile(r"^(开展|举办|组织|完成|实施|建成|举行|进行|实现)")
