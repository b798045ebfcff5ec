"""The year's own income or spending total, not the gross 总计 beside it.

A 决算 states two totals: 收入总计/支出总计 (the year's own figure plus 年初结转和结余 or
年末结转和结余) and the year's own 本年收入合计/本年支出合计 (also written 本年收入, 全年支出,
决算支出总额 …). A question about "收入" or "支出" with no further word means the year's own
total; the gross one is only what is asked when the question says 总计 or names the carry-over.
The fact table files both under one metric, so the choice is made here: a report's gross
figures give way to its own total, read from the fact table or, when only the gross one is
stored, from the sentence stating the own total.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.tables import caption_just_above, caption_start, caption_unit, header_rows
from index.models import FactRecord, Report
from index.numbers import CAPTION_UNIT, MONEY_FACTORS, Quantity, find_quantities

TOTAL_METRICS = ("收入", "支出")
_ASKS_GROSS = re.compile(r"总计|结转|结余|收支总|gross|carr(?:y|ied)", re.I)
_GROSS_LABEL = re.compile(r"总计")
_LABEL_END = re.compile(r"[，,；;。：:\t\n]")
OWN_NAMES = {
    name: (
        f"本年度{name}合计", f"本年{name}合计", f"本年度{name}", f"本年{name}", f"全年实际{name}",
        f"全年{name}", f"当年{name}", f"决算{name}总额", f"{name}决算总额", f"{name}总额",
    )
    for name in TOTAL_METRICS
}  # fmt: skip
"""Words a report names the year's own total by (本年支出合计, 全年实际支出, 决算支出总额)."""
_OWN = {
    name: re.compile("(" + "|".join(re.escape(n) for n in names) + ")")
    for name, names in OWN_NAMES.items()
}
_BETWEEN = re.compile(r"^(?:决算数?|数|为|是|共|合计|共计|总计|达到?|：|:|\s)*")
_SENTENCE_START = re.compile(r"[。！？\n]")
_CLAUSE_START = re.compile(r"[。！？；;\n]")
# what may stand right before the label: a clause boundary, a year, 其中, the body itself;
# anything else names a narrower item ("政府采购支出总额", "项目支出总额")
_OPENS = re.compile(r"(?:^|[，,；;。：:\s、]|\d{4}年度?|其中|部门|单位)$")
_YEAR = re.compile(r"((?:19|20)\d{2})年|上一?年度?|去年")


_ITEM_SUBJECT = re.compile(r"经费|费用?|资金|项目|采购|补助|补贴|专项")
_COMMA_BEFORE = re.compile(r"[，,、]\s*$")


def _continues_an_item(before: str) -> bool:
    """The label continues, after a comma, a sentence whose subject is an item (三公经费,
    a project, a fund): the spending it states is that item's, not the body's."""
    return bool(_COMMA_BEFORE.search(before)) and bool(_ITEM_SUBJECT.search(before))


def asks_gross(question: str) -> bool:
    """The question names the gross total (支出总计, 含结转) itself."""
    return bool(_ASKS_GROSS.search(question))


def label_of(report: Report, fact: FactRecord) -> str:
    """The words naming a fact's figure: the sentence or row text right before it (of the
    occurrence whose words name the fact's metric, when the figure is written twice)."""
    return label_in(report.text, fact)


def label_in(text: str, fact: FactRecord) -> str:
    """:func:`label_of` in the report's text."""
    span = text[fact.start : fact.end]
    labels = [
        _LABEL_END.split(span[: found.start()].rstrip("\t 为是：:")).pop()
        for found in re.finditer(re.escape(fact.value_text), span)
    ]
    return next((label for label in labels if fact.metric in label), labels[0] if labels else "")


def is_gross(report: Report, fact: FactRecord) -> bool:
    """The figure is a 总计 (own total plus carry-over), by the label written before it."""
    return fact.metric in TOTAL_METRICS and bool(_GROSS_LABEL.search(label_of(report, fact)))


_TOTAL_ALIAS = {
    name: re.compile(rf"(?:{name}(?:合计|总计|总额|决算|预算)|总{name})") for name in TOTAL_METRICS
}
# words that may stand before a total's name and still leave it the body's whole total
_WHOLE_PREFIX = re.compile(
    r"(?:\d{2,4}年度?|本年度?|全年|当年|年度|年初|本局|我局|本部门|本单位|部门|单位|整体|其中|决算|预算|实际)+$"
)
_CJK_END = re.compile(r"[\u4e00-\u9fff]$")


def names_narrower(text: str, fact: FactRecord) -> bool:
    """A stored 收入/支出 figure whose label names a narrower item before the total's word
    ("政府采购支出合计", "一般公共预算支出合计"): not the body's whole total. A label the
    figure's text does not show (a bare table cell) is taken as the total it was filed as."""
    pattern = _TOTAL_ALIAS.get(fact.metric)
    if pattern is None:
        return False
    return item_before_total(label_in(text, fact), fact.metric)


def item_before_total(label: str, metric: str) -> bool:
    """The label's last statement of the 收入/支出 total (支出, 支出合计, 总支出 …) has a
    narrower item's name right before it ("三公经费支出", "政府采购支出总额"), not only the
    body, a year or words of the whole ("全年实际支出", "本年支出合计")."""
    pattern = _TOTAL_ALIAS.get(metric)
    if pattern is None:
        return False
    found = list(pattern.finditer(label))
    if not found:
        return False
    before = label[: found[-1].start()]
    before = _WHOLE_PREFIX.sub("", before)
    return bool(_CJK_END.search(before))


def stated_own(report: Report, metric: str, year: int | None) -> list[FactRecord]:
    """The report's sentences stating the year's own total ("本年收入9876.54万元",
    "决算支出总额9903.17万元"), as facts, for ``year`` (the report's own by default): a
    sentence opening with another year or 上年 is not about it."""
    pattern = _OWN.get(metric)
    wanted = year or report.identity.year
    if pattern is None:
        return []
    text = report.text
    out = []
    for match in pattern.finditer(text):
        if not _OPENS.search(text[max(0, match.start() - 6) : match.start()]):
            continue
        after = text[match.end() : match.end() + 40]
        gap = _BETWEEN.match(after)
        rest = after[gap.end() if gap else 0 :]
        quantities = find_quantities(rest)
        if not quantities or quantities[0].start != 0:
            continue
        found = _in_caption_unit(text, match.start(), quantities[0])
        if found is None:
            continue
        q = found
        starts = list(_SENTENCE_START.finditer(text, 0, match.start()))
        start = starts[-1].end() if starts else 0
        if _continues_an_item(text[start : match.start()]):
            continue  # "“三公”经费预算8.00万元，全年实际支出5.74万元": that item's spending
        years = _YEAR.findall(text[start : match.start()])
        said = {int(y) if y else -1 for y in years} or {report.identity.year}
        if said != {wanted}:
            continue
        end = match.end() + (gap.end() if gap else 0) + q.end
        clauses = list(_CLAUSE_START.finditer(text, start, match.start()))
        start = clauses[-1].end() if clauses else start
        out.append(
            FactRecord(
                report_id=report.id,
                metric=metric,
                qualifier="决算" if "决算" in match.group(1) else None,
                value_text=q.raw,
                unit=q.unit,
                value=str(q.value),
                value_yuan=str(q.yuan),
                year=wanted,
                start=start,
                end=end,
            )
        )
    # a sentence of its own before one that states it beside the gross total
    return sorted(out, key=lambda f: "总计" in text[f.start : f.end])


_FORM_TOTAL_ROW = re.compile(r"^(?:年度预算资金总额|部门预算资金总额|预算资金总额)\t", re.M)
_EXECUTED_COLUMN = re.compile(r"^(?:全年|实际)?执行数(?:（万元）|\(万元\))?$")


def form_total(report: Report) -> list[FactRecord]:
    """The year's spending in a 部门整体支出绩效自评表: the 全年执行数 of its 年度预算资金总额
    row, in the unit its caption gives ("金额单位：万元"); empty when the form has no such
    row, column or caption."""
    text = report.text
    out = []
    for row in _FORM_TOTAL_ROW.finditer(text):
        headers = header_rows(text, row.start())
        if not headers:
            continue
        columns = [c.strip() for c in headers[0].split("\t")]
        wanted = [k for k, c in enumerate(columns) if _EXECUTED_COLUMN.match(c)]
        end = text.find("\n", row.start())
        end = end if end >= 0 else len(text)
        cells = text[row.start() : end].split("\t")
        if len(wanted) != 1 or wanted[0] >= len(cells):
            continue
        unit = caption_unit(text, row.start())
        quantities = find_quantities(cells[wanted[0]])
        if unit not in MONEY_FACTORS or len(quantities) != 1 or quantities[0].unit:
            continue
        q = replace(quantities[0], unit=unit)
        out.append(
            FactRecord(
                report_id=report.id,
                metric="支出",
                qualifier="决算",
                value_text=q.raw,
                unit=unit,
                value=str(q.value),
                value_yuan=str(q.yuan),
                year=report.identity.year,
                start=row.start(),
                end=end,
            )
        )
    return out


def _in_caption_unit(text: str, at: int, q: Quantity) -> Quantity | None:
    """A money quantity: as written, or a bare amount in a table whose caption gives the unit
    ("单位：万元" above "本年支出合计  2951.27", also when a space-aligned table lost its
    tabs: the cited passage then starts at that caption); None otherwise."""
    if q.is_money:
        return q
    if q.unit or not q.decimals:
        return None
    line_start = text.rfind("\n", 0, at) + 1
    caption = caption_start(text, line_start)
    if caption is None:
        caption = caption_just_above(text, line_start)
    found = CAPTION_UNIT.search(text, caption) if caption is not None else None
    if not found or found.group(1) not in MONEY_FACTORS:
        return None
    return replace(q, unit=found.group(1))


def prefer_own(
    reports: Sequence[Report], facts: Sequence[FactRecord], metric: str, question: str
) -> list[FactRecord]:
    """``facts`` with each report's gross 收入/支出 figures of a year replaced by its own total
    of that year (stored or stated) when it has one, and a report with no stored total given
    the one a sentence states; unchanged for other metrics or when the question asks the
    gross total."""
    if metric not in TOTAL_METRICS or asks_gross(question):
        return list(facts)
    by_id = {r.id: r for r in reports}
    facts = [
        f
        for f in facts
        if f.report_id not in by_id or not names_narrower(by_id[f.report_id].text, f)
    ]
    out = list(facts)
    for report in reports:
        mine = [f for f in facts if f.report_id == report.id]
        if not [f for f in mine if f.qualifier != "预算"]:  # none stored: the sentence, if any
            stated = stated_own(report, metric, report.identity.year)
            if not stated and metric == "支出":  # or the self-evaluation form's executed total
                stated = form_total(report)
            out += stated[:1]
            continue
        for year in {f.year or report.identity.year for f in mine}:
            of_year = [f for f in mine if (f.year or report.identity.year) == year]
            actual = [f for f in of_year if f.qualifier != "预算"]
            gross = [f for f in actual if is_gross(report, f)]
            if not gross:
                continue
            own = [f for f in actual if f not in gross]
            if not own:
                stated = stated_own(report, metric, year)[:1]
                own = [replace(f, qualifier=gross[0].qualifier) for f in stated]
            if own:
                out = [f for f in out if f not in gross]
                out += [f for f in own if f not in out]
    return out


_STATED = {
    name: re.compile(
        rf"总?{name}(?:决算数?|预算数?|合计|总计|总额)?(?:为|是|共计?|达到?|[：:])?\s*(?=[\d-])"
    )
    for name in TOTAL_METRICS
}
_CLAUSE_OPEN = re.compile(r"[，,；;。：:、（(\s\t]")


def states_only_items(text: str, metric: str) -> bool:
    """Every figure the text states right after the 收入/支出 word belongs to a narrower item
    named before it ("2023年“三公”经费支出36.50万元", "其中科学技术普及支出168.20万元"): none
    is the body's whole total. False when the text states no such figure at all."""
    pattern = _STATED.get(metric)
    if pattern is None:
        return False
    found = list(pattern.finditer(text))
    if not found:
        return False
    for match in found:
        before = _CLAUSE_OPEN.split(text[: match.start()])[-1]
        before = re.sub(r"[“”\"'‘’]", "", before)
        if not _CJK_END.search(_WHOLE_PREFIX.sub("", before)):
            return False
    return True
