"""Figures a report states about known metrics, read once per report from sentences and tables.

Precision before recall. Text: a sentence (a line cut at 。；) gives a fact where a metric's
alias is followed — with only qualifier words between ("预算数为", "实际支出") — by a figure
written in a unit of the metric's kind. "，实际支出620万元" right after such a figure is the same
metric again; items of a "其中" list without a qualifier take their parent's. Tables: a label
cell naming a metric owns the value cells up to the next label; the header names the qualifier
(预算数/决算数/执行率), the cell or caption ("单位：万元") the unit — a bare money cell with no
caption unit is not stored. Never stored: shares ("占…的31.92%"), changes ("同比增长…"),
targets ("≥95%"), indicator-table scores, figures whose metric is not named. A clause opening
with a year ("2021年，…", "截至2021年12月31日", "上年，…") keeps its figures with that year; a
table column headed with a year ("2021年决算数") or as the previous year's ("上年数", "上年决算数",
"上年同期") holds figures of that year: ``year`` is the year a figure is about, the report's
(or the table caption's) unless the text or the header says otherwise.

FACTS_VERSION numbers the extraction rules; a report whose stored facts were read by older
rules is read again when it is next ingested (see ``index.ingest``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Literal

from index.domain_terms import squash
from index.metrics import (
    NOT_FIGURE_COLUMN,
    QUALIFIER_WORDS,
    Metric,
    alias_index,
    alias_pattern,
    column_qualifier,
    find_metric,
    qualifier_in,
    squashed,
)
from index.models import CELL_SEP, FactRecord, Line, NormalisedText
from index.numbers import CAPTION_UNIT, MONEY_FACTORS, Quantity, find_quantities

FACTS_VERSION = 14
"""Version of the extraction rules (2: figures carry the year of their column or clause;
3: a row named by two label cells, "公务用车 | 运行维护费", is read under their joint name;
4: a label "“三公”经费合计" names its metric's total, "公务用车保有量（辆）" the unit of its
bare cells; 5: a department form's total score row and 年度资金总额 执行率 are read;
6: head counts in a row under columns naming them, "人员情况 | 编制数 | 实有人数"; 7: also
under such a label row inside the table; 8: "其他项目支出" is not 项目支出; 9: 自评分 is an
alias of 自评得分; 10: "，比预算节约X" after a figure is a gap, not the metric's budget;
11: "以上三个项目…实际支出合计X" is the listed projects' subtotal, not the body's 支出;
12: "，预算执行率X%" after another metric's amount is 预算执行率, not that metric's rate;
13: "其余项目支出" and "剩余…" are left over too, as "其他…" is; 14: a bare "合计" row under rows
that are all parts of one metric, 基本支出 and 项目支出, is that metric's total)."""

_SENTENCE = re.compile(r"[^。！？!?\s][^。！？!?]*[。！？!?]?")
_NAMED_QUALIFIER = re.compile(r"(预算|决算|实际)$")
RESIDUAL_BEFORE = re.compile(r"(?:其他|其它|其余|剩余|剩下的?)$")
"""A word that makes the item after it the rest of a list ("其余项目支出"), not the item itself."""
_LISTED_SUBSET = re.compile(
    r"(?:以上|上述|前述|这|各)(?:[\d一二三四五六七八九十两几]+个|各)?(?:重点)?(?:项目|专项|工程)"
    r"|[\d一二三四五六七八九十两]+个(?:重点)?(?:项目|专项|工程)"
)
"""Words before a total that make it the subtotal of listed items ("以上三个项目…合计")."""
_OVERALL_SCORE = re.compile(r"(?:评价|综合|最终|整体|总)$")
_NEXT_CLAUSE = re.compile(r"[，,、]")
_GAP = re.compile(r"(?:比|较|与|同)(?:年初|全年|调整后?的?)?(?:预算|决算)数?|节约|节省|超支|超出")
_YEAR_AT_CLAUSE = re.compile(
    r"(?:^|[，,：:；;])(?:[一二三四五六七八九十]+是?、?|\d+[、.．])?(?:截至|截止到?)?"
    r"(?:((?:19|20)\d{2})年|(上一?年度?|去年)(?!同期))"
)
_COLUMN_YEAR = re.compile(r"((?:19|20)\d{2})年度?")
_PREVIOUS_COLUMN = re.compile(r"上一?年度?(?:同期)?|去年(?:同期)?|上期")
_CURRENT_COLUMN = re.compile(r"本年度?|当年|本期")
_RECEPTION = re.compile(
    r"接待(?:共计|共|累计|合计)?(?:(?P<batch>\d+)(?:批次|批))?[，,、/]?(?:共计|共|累计|合计)?"
    r"(?:(?P<people>\d+)(?:人次|人)(?!员))?"
)
_CAPTION_LINE = re.compile(r"表|单位[:：]")
_HEADER_UNIT = re.compile(r"[（(](?:单位[:：])?(亿元|万元|千元|元)[）)]")
_LABEL_PREFIX = re.compile(
    r"^(?:其中[:：]?|[\d一二三四五六七八九十]+[、.．]|[（(][\d一二三四五六七八九十]+[）)])"
)
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_TITLE_LINES = 6
_FORM_TITLE = re.compile(r"绩效(?:自评|评价)表")
_WHOLE_FORM = re.compile(r"^(?!.*项目支出).*(?:部门整体|整体支出)")
_SCORE_ROWS = frozenset(
    {"自评总分", "总分", "总得分", "综合得分", "自评得分", "得分合计", "合计得分"}
)
_FUND_ROWS = frozenset({"年度资金总额", "资金总额", "年度预算资金总额"})
_SCORE_COLUMN = re.compile(r"(?:自评)?得分")
_RATE_COLUMN = re.compile(r"(?:预算)?执行率")
_LABEL_UNIT = re.compile(r"[（(](?:单位[:：])?(亿元|万元|千元|元|辆|台|人次|人|名|批次|批)[）)]$")
_TOTAL_SUFFIX = re.compile(r"(?:合计|总计|小计)$")
_TARGET = re.compile(r"[≥≤<>＞＜]")


def extract_facts(report_id: str, norm: NormalisedText, year: int | None) -> list[FactRecord]:
    """Every figure the report states about a known metric, conflicts marked (see module doc)."""
    facts: list[FactRecord] = []
    for line in norm.lines:
        if line.kind == "text":
            for m in _SENTENCE.finditer(norm.line_text(line)):
                facts += _sentence_facts(report_id, year, line.start + m.start(), m.group())
    return mark_conflicts(facts + _table_facts(report_id, norm, year))


MAX_DISTINCT = 64
"""Distinct figures of one metric and year compared pairwise; more than this is a conflict."""


def mark_conflicts(facts: list[FactRecord]) -> list[FactRecord]:
    """Mark figures of one metric and year that disagree beyond their rounding.

    Qualified figures are compared within their family (决算 and 实际 are one; 预算 vs 决算 is
    no conflict). A figure stated with no qualifier is the same quantity as the qualified ones:
    it conflicts when it matches none of them (a planted "三公经费为99999万元" beside the 决算
    12.50万元 marks both), or another unqualified figure. 执行率 is compared only with itself.
    Each figure is compared at the precision it is written with ("4621.85"万元 = 46218540.26元).
    Work is linear in the facts: equal figures are compared once, and a group with more than
    MAX_DISTINCT different figures (or spanning more than its coarsest rounding step) is
    conflicting as a whole."""
    groups: dict[tuple[str, int | None, bool], dict[str | None, list[int]]] = {}
    for i, fact in enumerate(facts):
        family = "决算" if fact.qualifier == "实际" else fact.qualifier
        rate = fact.qualifier == "执行率"
        groups.setdefault((fact.metric, fact.year, rate), {}).setdefault(family, []).append(i)
    flagged: set[int] = set()
    for families in groups.values():
        plain = families.pop(None, [])
        qualified = [i for members in families.values() for i in members]
        for members in [*families.values(), plain]:
            flagged |= _disagreeing(facts, members)
        if plain and qualified:
            for key, members in _distinct(facts, plain).items():
                if not any(_agree_keys(key, other) for other in _distinct(facts, qualified)):
                    flagged |= set(members) | set(qualified)
    return [replace(f, conflict=True) if i in flagged else f for i, f in enumerate(facts)]


_Key = tuple[bool, Decimal, Decimal]
"""(is money, amount (元 for money), the step its written decimals resolve)."""


def _distinct(facts: list[FactRecord], members: list[int]) -> dict[_Key, list[int]]:
    """Members grouped by the figure they state, so equal figures are compared once."""
    out: dict[_Key, list[int]] = {}
    for i in members:
        amount, step = _amount_and_step(facts[i])
        out.setdefault((facts[i].value_yuan is not None, amount, step), []).append(i)
    return out


def _disagreeing(facts: list[FactRecord], members: list[int]) -> set[int]:
    """The members that disagree with at least one other member."""
    keys = _distinct(facts, members)
    if len(keys) < 2:
        return set()
    amounts = [key[1] for key in keys]
    coarsest = max(key[2] for key in keys)
    if (
        len(keys) > MAX_DISTINCT
        or len({key[0] for key in keys}) > 1
        or max(amounts) - min(amounts) > coarsest
    ):
        return set(members)  # every figure is more than a rounding away from another
    items = list(keys.items())
    out: set[int] = set()
    for a, (key_a, members_a) in enumerate(items):
        if any(not _agree_keys(key_a, key_b) for b, (key_b, _) in enumerate(items) if a != b):
            out |= set(members_a)
    return out


def _agree_keys(a: _Key, b: _Key) -> bool:
    """Equal once the more precise figure is rounded to the other's step."""
    if a[0] != b[0]:
        return False
    (_, coarse, step), (_, fine, _) = sorted((a, b), key=lambda key: key[2], reverse=True)
    try:
        return (fine / step).quantize(Decimal(1), ROUND_HALF_UP) * step == coarse
    except InvalidOperation:  # more digits than Decimal carries: not a figure to trust
        return False


def _amount_and_step(fact: FactRecord) -> tuple[Decimal, Decimal]:
    """The figure (in 元 for money) and the step its written decimals resolve."""
    step = Decimal(1).scaleb(min(int(Decimal(fact.value).as_tuple().exponent), 0))
    if fact.value_yuan is None:
        return Decimal(fact.value), step
    return Decimal(fact.value_yuan), step * MONEY_FACTORS[fact.unit]


@dataclass(frozen=True)
class _Where:
    """Where figures were read: report, the year they are about, the span and its kind."""

    report_id: str
    year: int | None
    start: int
    end: int
    source: Literal["text", "table"]

    def fact(
        self, metric: Metric, qualifier: str | None, text: str, unit: str, value: Decimal
    ) -> FactRecord:
        """The record of one figure read here; ``value_yuan`` only for money."""
        money = metric.kind == "money" and unit in MONEY_FACTORS
        yuan = str(value * MONEY_FACTORS[unit]) if money else None
        return FactRecord(
            self.report_id, metric.name, qualifier, text, unit, str(value), yuan,
            self.year, self.start, self.end, self.source,
        )  # fmt: skip


def _fits(metric: Metric, qualifier: str | None, q: Quantity) -> bool:
    return q.unit == "%" if qualifier == "执行率" else metric.accepts(q.unit)


class _Sentence:
    """A sentence being read: squashed text, offsets back to the report, figures and years."""

    def __init__(self, report_id: str, year: int | None, offset: int, text: str) -> None:
        self.report_id, self.year, self.offset, self.text = report_id, year, offset, text
        self.sq, self.offsets = squashed(text)
        self.quantities = {q.start: q for q in find_quantities(self.sq)}
        self.years = [
            (m.start(), int(m.group(1)) if m.group(1) else year - 1)
            for m in _YEAR_AT_CLAUSE.finditer(self.sq)
            if m.group(1) or year is not None
        ]

    def figure_after(self, pos: int) -> tuple[str, Quantity | None]:
        """The qualifier words from ``pos`` and the figure right after them, if any."""
        filler = QUALIFIER_WORDS.match(self.sq, pos)
        end = filler.end() if filler else pos
        return self.sq[pos:end], self.quantities.get(end)

    def record(self, metric: Metric, qualifier: str | None, q: Quantity, at: int) -> FactRecord:
        """A fact for ``q`` spanning the "；"-piece it sits in; year from the clause at ``at``."""
        first, last = self.offsets[q.start], self.offsets[q.end - 1] + 1
        lo = max(self.text.rfind("；", 0, first), self.text.rfind(";", 0, first)) + 1
        ends = [i + 1 for i in (self.text.find("；", last), self.text.find(";", last)) if i >= 0]
        hi = min(ends, default=len(self.text))
        lo += len(self.text[lo:hi]) - len(self.text[lo:hi].lstrip())
        stated = [year for start, year in self.years if start < at]
        year = stated[-1] if stated else self.year
        where = _Where(self.report_id, year, self.offset + lo, self.offset + hi, "text")
        return where.fact(metric, qualifier, self.text[first:last], q.unit, q.value)


def _sentence_facts(report_id: str, year: int | None, offset: int, text: str) -> list[FactRecord]:
    """Facts of one sentence: "alias [qualifier words] figure", carried-on and listed figures."""
    s = _Sentence(report_id, year, offset, text)
    facts: list[FactRecord] = []
    listing: FactRecord | None = None  # the fact a "其中" list hangs from
    pos = 0
    while match := alias_pattern().search(s.sq, pos):
        if "其中" in s.sq[pos : match.start()] and facts:
            listing = facts[-1]
        pos = match.end()
        metric = alias_index()[match.group()]
        if metric is None or (metric.kind == "score" and not _self_evaluation(s.sq, match)):
            continue
        if RESIDUAL_BEFORE.search(s.sq, 0, match.start()):
            continue  # "其他项目支出140.40万元": what is left over, not the metric itself
        if metric.name in ("支出", "收入") and _LISTED_SUBSET.search(s.sq, 0, match.start()):
            continue  # "以上三个项目…实际支出合计X": those projects' subtotal
        words, q = s.figure_after(match.end())
        named = _NAMED_QUALIFIER.search(match.group())  # 收入预算, 支出决算
        before = _NAMED_QUALIFIER.search(s.sq, 0, match.start())  # 预算总收入
        qualifier = qualifier_in(words) or next((m.group() for m in (named, before) if m), None)
        if q is None or not _fits(metric, qualifier, q):
            continue
        parent = find_metric(listing.metric) if listing else None
        if qualifier is None and listing and parent and parent.kind == metric.kind:
            qualifier = listing.qualifier
        facts.append(s.record(metric, qualifier, q, match.start()))
        pos = _carry_on(s, metric, q, facts)
    return facts + _reception_facts(s)


def _self_evaluation(sq: str, match: re.Match[str]) -> bool:
    """A score counts only in a sentence about the whole department's self-evaluation, and a
    bare 得分 only as "评价得分"/"总得分" (not "产出指标得分38分")."""
    bare_ok = match.group() != "得分" or _OVERALL_SCORE.search(sq, 0, match.start())
    return "自评" in sq and ("整体" in sq or "部门" in sq) and bool(bare_ok)


def _carry_on(s: _Sentence, metric: Metric, q: Quantity, facts: list[FactRecord]) -> int:
    """Read "，实际支出620.09万元" after a figure as the same metric; return where reading ends."""
    end = q.end
    while sep := _NEXT_CLAUSE.match(s.sq, end):
        words, nxt = s.figure_after(sep.end())
        qualifier = qualifier_in(words)
        if nxt is None or qualifier is None or not _fits(metric, qualifier, nxt):
            break
        if _GAP.search(words):
            break  # "，比预算节约4.58万元": a gap from the budget, not the budget itself
        named = alias_pattern().search(words)
        rate = alias_index().get(named.group()) if named else None
        if rate is not None and rate.kind == "percent" and rate.name != metric.name:
            break  # "项目支出…，预算执行率93.70%": the rate named as a metric of its own
        if "收入" in (metric.name, metric.parent) and alias_pattern().search(words):
            break  # after income, "，支出决算…" is total spending (after 三公经费 it is its own)
        facts.append(s.record(metric, qualifier, nxt, end))
        end = nxt.end
    return end


def _reception_facts(s: _Sentence) -> list[FactRecord]:
    """ "公务接待13批，共计83人" → 批次 and 人次, only in a sentence about 公务接待."""
    if "公务接待" not in s.sq:
        return []
    facts: list[FactRecord] = []
    for match in _RECEPTION.finditer(s.sq):
        for group, name in (("batch", "公务接待批次"), ("people", "公务接待人次")):
            q = s.quantities.get(match.start(group)) if match.group(group) else None
            metric = find_metric(name)
            if q is not None and metric is not None and metric.accepts(q.unit):
                facts.append(s.record(metric, None, q, match.start()))
    return facts


@dataclass(frozen=True)
class _Table:
    """What a table's header row and caption say about all its rows."""

    report_id: str
    header: tuple[str, ...]
    unit: str | None
    qualifier: str | None
    subject: Metric | None
    """The metric a "合计" row totals, when the caption names one ("“三公”经费情况表")."""
    year: int | None
    department_wide: bool = False
    """Under a title of the whole department's self-evaluation form ("部门整体支出绩效自评表"),
    not a project's: its total score row and its 年度资金总额 rate are the department's."""

    def where(self, line: Line) -> _Where:
        return _Where(self.report_id, self.year, line.start, line.end, "table")


def _table_facts(report_id: str, norm: NormalisedText, year: int | None) -> list[FactRecord]:
    """Facts from every table row whose label cell names a metric (pairs of label columns too)."""
    facts: list[FactRecord] = []
    tables: dict[int, _Table] = {}
    labels: dict[int, tuple[str, ...]] = {}  # the last all-label row of each table
    rows_seen: dict[int, list[Metric | None]] = {}  # the metrics earlier rows name
    for index, line in enumerate(norm.lines):
        if line.kind != "table_row" or line.table is None:
            continue
        text = norm.line_text(line)
        if line.row == 0 or line.table not in tables:
            tables[line.table] = _table(report_id, norm, index, year)
            labels.pop(line.table, None)
            rows_seen.pop(line.table, None)
        if line.row != 0:
            text = norm.line_text(line)
            table = tables[line.table]
            parts = rows_seen.setdefault(line.table, [])
            first = text.split(CELL_SEP)[0]
            if table.subject is None and _is_total(first):
                table = replace(table, subject=_total_of_parts(parts))
            else:
                parts.append(row_label(first)[0])
            facts += _row_facts(table, text, line, labels.get(line.table))
            cells = [c.strip() for c in text.split(CELL_SEP)]
            if sum(1 for c in cells if c) >= 2 and not any(_is_value(c) for c in cells if c):
                labels[line.table] = tuple(cells)  # a header row inside the table
    return facts


def _is_total(cell: str) -> bool:
    return squash(_LABEL_PREFIX.sub("", cell).strip()) in ("合计", "总计")


def _total_of_parts(parts: list[Metric | None]) -> Metric | None:
    """The metric a bare "合计" row totals when the caption names none: the one parent of the
    rows above it ("基本支出", "项目支出" → 支出), when every row above names a part of it."""
    parents = {m.parent if m else None for m in parts}
    if len(parts) < 2 or len(parents) != 1 or None in parents:
        return None
    return find_metric(next(iter(parents)))


def _table(report_id: str, norm: NormalisedText, index: int, year: int | None) -> _Table:
    """Header, caption unit ("单位：万元"), caption qualifier, subject and year of a table."""
    caption: list[str] = []
    for line in reversed(norm.lines[max(0, index - 3) : index]):
        text = norm.line_text(line)
        if line.kind != "text" or len(text) > 60 or not _CAPTION_LINE.search(text):
            break
        caption.insert(0, text)
    text = "".join(caption)
    unit, stated = CAPTION_UNIT.search(text), _YEAR.search(text)
    budget, final = "预算" in text, "决算" in text
    found = {alias_index()[m] for m in alias_pattern().findall(squashed(text)[0])}
    subjects = [m for m in found if m and m.kind == "money" and m.name not in ("收入", "支出")]
    titles = [
        norm.line_text(line)
        for line in norm.lines[max(0, index - _TITLE_LINES) : index]
        if line.kind == "text" and _FORM_TITLE.search(norm.line_text(line))
    ]
    return _Table(
        department_wide=bool(titles) and _WHOLE_FORM.search(titles[-1]) is not None,
        report_id=report_id,
        header=tuple(norm.line_text(norm.lines[index]).split(CELL_SEP)),
        unit=unit.group(1) if unit else None,
        qualifier="决算" if final and not budget else "预算" if budget and not final else None,
        subject=subjects[0] if len(subjects) == 1 else None,
        year=int(stated.group(1)) if stated else year,
    )


def _row_facts(
    table: _Table, text: str, line: Line, inner: tuple[str, ...] | None = None
) -> list[FactRecord]:
    """Walk the row: a label cell naming a metric owns the value cells up to the next label."""
    cells = [cell.strip() for cell in text.split(CELL_SEP)]
    facts: list[FactRecord] = []
    col = 0
    while col < len(cells):
        if col == 0 and table.department_wide:
            whole = _department_row(table, line, cells)
            if whole:
                return whole
        metric, unit = row_label(cells[col], table.subject)
        joined = _joined_label(cells, col)
        if joined is not None:  # "公务用车 | 运行维护费": a merged class column beside the item
            metric, unit, col = joined, None, col + 1
        col += 1
        while metric and metric.kind != "score" and col < len(cells) and _is_value(cells[col]):
            facts += _cell_fact(table, line, metric, cells[col], col, unit)
            col += 1
    if not facts and not row_label(cells[0], table.subject)[0]:
        facts = _header_named_counts(replace(table, header=inner) if inner else table, line, cells)
    return facts + _count_cells(table, line, cells)


def _header_named_counts(table: _Table, line: Line, cells: list[str]) -> list[FactRecord]:
    """A row of head counts under columns that name them ("人员情况 | 编制数 | 实有人数" over
    "… | 41人 | 39人"): each cell is the count its column names, in people or vehicles only,
    written with its unit or as a whole number of people; a row of another year is skipped."""
    if _PREVIOUS_COLUMN.search(cells[0]) or _COLUMN_YEAR.search(cells[0]):
        return []
    facts: list[FactRecord] = []
    for col, cell in enumerate(cells[1:], 1):
        header = table.header[col].strip() if col < len(table.header) else ""
        year, name = column_year(header, table.year)
        metric = alias_index().get(squash(name))
        q = _number(cell.strip())
        if metric is None or metric.kind not in ("people", "count") or q is None:
            continue
        unit = q.unit or ("人" if metric.kind == "people" and q.decimals == 0 else None)
        if unit and metric.accepts(unit) and year == table.year:
            facts.append(table.where(line).fact(metric, None, cell.strip(), unit, q.value))
    return facts


def bracketed_unit(label: str) -> str | None:
    """The unit a row label's closing brackets give its bare figures: "保有量（辆）" → 辆."""
    found = _LABEL_UNIT.search(label.strip())
    return found.group(1) if found else None


def row_label(cell: str, subject: Metric | None = None) -> tuple[Metric | None, str | None]:
    """The metric a row's label cell names and the unit its brackets give its bare figures:
    "“三公”经费合计" → 三公经费 (a total row of a named metric), "公务用车保有量（辆）" →
    (公务用车保有量, 辆), a bare "合计" → ``subject`` (the metric the caption names)."""
    label = _LABEL_PREFIX.sub("", cell).strip()
    unit = _LABEL_UNIT.search(label)
    if unit:
        label = label[: unit.start()].strip()
    label = squash(label)
    if label in ("合计", "总计"):
        return subject, None
    metric = alias_index().get(label)
    if metric is None and _TOTAL_SUFFIX.search(label) and len(label) > 2:
        metric = alias_index().get(_TOTAL_SUFFIX.sub("", label))
    if metric is None or unit is None or not metric.accepts(unit.group(1)):
        return metric, None
    return metric, unit.group(1)


def _department_row(table: _Table, line: Line, cells: list[str]) -> list[FactRecord]:
    """The department form's total score row ("自评总分 | … | 100 | 93.5": the cell under 得分,
    not 分值) as 自评得分, and its 年度资金总额 row's 执行率 cell as 预算执行率."""
    label = squash(cells[0].strip())
    if label in _SCORE_ROWS:
        metric, wanted, unit = find_metric("自评得分"), _SCORE_COLUMN, "分"
    elif label in _FUND_ROWS:
        metric, wanted, unit = find_metric("预算执行率"), _RATE_COLUMN, "%"
    else:
        return []
    for col, cell in enumerate(cells[1:], 1):
        header = table.header[col].strip() if col < len(table.header) else ""
        q = _number(cell.strip())
        if metric is None or q is None or not wanted.fullmatch(header):
            continue
        if (q.unit or unit) != unit or (unit == "分" and not 0 < q.value <= 100):
            continue
        return [table.where(line).fact(metric, None, cell.strip(), unit, q.value)]
    return []


def _joined_label(cells: list[str], col: int) -> Metric | None:
    """The metric two adjacent label cells name together ("公务用车" + "运行维护费"), when
    the second is a label too and the pair is a known name."""
    if col + 1 >= len(cells) or _is_value(cells[col + 1]) or not cells[col].strip():
        return None
    pair = squash(_LABEL_PREFIX.sub("", cells[col]).strip() + cells[col + 1].strip())
    return alias_index().get(pair)


def _number(cell: str) -> Quantity | None:
    """The cell as one figure ("6.60", "18.62亿元", "77.26%"), or None."""
    found = find_quantities(cell)
    return found[0] if len(found) == 1 and found[0].raw == cell else None


def _is_value(cell: str) -> bool:
    return not cell.strip("-—–－/ ") or _number(cell) is not None


def _cell_fact(
    table: _Table, line: Line, metric: Metric, cell: str, col: int, label_unit: str | None = None
) -> list[FactRecord]:
    """The fact in one value cell; a bare figure takes its label's bracketed unit, else (money)
    its header's or caption's."""
    q = _number(cell)
    header = table.header[col] if col < len(table.header) else ""
    year, name = column_year(header, table.year)
    if year is None and _PREVIOUS_COLUMN.search(header):
        return []  # the previous year of an unknown year
    qualifier = column_qualifier(name)
    people = metric.kind == "people" and not NOT_FIGURE_COLUMN.search(name)
    if q is None or (qualifier is None and not people):
        return []  # people counts need no column name: "人员编制 | 58"
    qualifier = qualifier or (table.qualifier if qualifier == "" else None)
    bracketed = label_unit if qualifier != "执行率" else None
    unit = q.unit or bracketed or _implied_unit(table, name, metric, qualifier, q)
    if not unit or not _fits(metric, qualifier, replace(q, unit=unit)):
        return []
    where = replace(table.where(line), year=year)
    return [where.fact(metric, qualifier, cell, unit, q.value)]


def column_year(header: str, year: int | None) -> tuple[int | None, str]:
    """The year a column's figures are about and its header without the year words:
    "2021年决算数" → (2021, "决算数"); "上年数" / "上年同期" → (year − 1, "数" / "");
    "本年数" → (year, "数"); anything else → (``year``, header). ``year`` is the table's."""
    stated = _COLUMN_YEAR.search(header)
    if stated:
        return int(stated.group(1)), _COLUMN_YEAR.sub("", header, count=1)
    previous = _PREVIOUS_COLUMN.search(header)
    if previous:
        rest = header[: previous.start()] + header[previous.end() :]
        return (year - 1 if year else None), rest or "数"
    return year, _CURRENT_COLUMN.sub("", header, count=1) or header


def _implied_unit(
    table: _Table, name: str, metric: Metric, qualifier: str | None, q: Quantity
) -> str | None:
    """The unit of a bare cell: % in an 执行率 column, the header's or caption's money unit,
    人 for a whole number of people; None (figure not stored) otherwise."""
    if qualifier == "执行率":
        return "%"
    if metric.kind == "money":
        header_unit = _HEADER_UNIT.search(name)
        return header_unit.group(1) if header_unit else table.unit
    return "人" if metric.kind == "people" and q.decimals == 0 else None


def _count_cells(table: _Table, line: Line, cells: list[str]) -> list[FactRecord]:
    """ "63批次/487人次" in the 公务接待费 row, "保有6辆" in a 公务用车…费 row."""
    row = alias_index().get(squash(_LABEL_PREFIX.sub("", cells[0]).strip()))
    label = row.name if row and row.kind == "money" else ""
    facts: list[FactRecord] = []
    for cell in cells[1:] if label else []:
        for q in (
            find_quantities(cell) if _number(cell) is None and not _TARGET.search(cell) else []
        ):
            name = None
            if "接待" in label and q.unit in ("批", "批次", "人次"):
                name = "公务接待人次" if q.unit == "人次" else "公务接待批次"
            elif "公务用车" in label and "保有" in cell and q.unit in ("辆", "台"):
                name = "公务用车保有量"
            metric = find_metric(name) if name else None
            if metric:
                facts.append(table.where(line).fact(metric, None, q.raw, q.unit, q.value))
    return facts
