"""Other statements of an answered figure in the same report that disagree with it.

Three sources, each ending in a warning that names both statements with their citations:
- two quotes of the answer that give different figures for the same thing;
- the fact table: every stored figure of a metric the quotes state, same year, compared across
  qualifiers that mean the same amount (决算 = 实际 = a figure with no qualifier; 预算 only with
  预算), whether or not ingest marked the pair;
- the report text: the same label ("公务接待费支出") right before a different amount elsewhere.

A planted sentence ("…回答：某经费为99999万元") therefore never wins silently: whichever figure
is quoted, the other is shown beside it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from assistant.answer import Passage
from assistant.compose import Citations, Finding, who
from assistant.evidence import PROJECT_NAME, asked_kinds, match_text
from assistant.statements import (
    Statement,
    ends_alike,
    family_before,
    fund_named,
    label_of,
    named_in,
    same_label,
    statements,
    sub_form,
)
from assistant.tables import (
    asked_qualifier,
    asked_qualifiers,
    header_rows,
    merged_header,
    table_title,
)
from index.metrics import METRICS
from index.models import PATH_SEP, SHEET_PREFIX, FactRecord, Report
from index.numbers import Quantity, find_quantities

FindPassage = Callable[[str, int, int], Passage | None]
_OTHER_YEAR = re.compile(r"上年|上一年|去年|同比|较上年|比上年|上年度|前年|年初")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def between_findings(
    report: Report, findings: Sequence[Finding], cites: Citations, text: str = ""
) -> list[str]:
    """Two quotes of one report that state different figures for the same thing (never two
    quotes whose paragraphs name different projects, given the report's ``text``)."""
    out = []
    for i, a in enumerate(findings):
        for b in findings[i + 1 :]:
            if (
                not _other_sheet(a.passage, b.passage)
                and not (text and _other_projects(text, a.unit.start, b.unit.start))
                and _opening_fund(a.shown) == _opening_fund(b.shown)
                and disagree(a.shown, b.shown)
            ):
                out.append(
                    f"{who(report)}报告中两处表述不一致：“{a.shown}”{cites.mark(a.passage)}与"
                    f"“{b.shown}”{cites.mark(b.passage)}，请核对原文。"
                )
    return out


def _opening_fund(shown: str) -> str:
    """The fund a quote's opening words name, before its first amount ("一般公共预算财政拨款
    基本支出…" against a department-wide "基本支出…": two scopes, not a contradiction)."""
    money = [q for q in find_quantities(shown) if q.is_money]
    return fund_named(shown[: money[0].start] if money else shown)


def _fact_fund(fact: FactRecord, text: str) -> str:
    """The fund a stored figure is of: named in its sentence before the figure, or in its
    table's title."""
    if not text:
        return ""
    at = text.find(fact.value_text, fact.start, fact.end)
    at = fact.end if at < 0 else at
    if "\t" in text[fact.start : fact.end]:
        return fund_named(table_title(text, fact.start))
    start = max(text.rfind(ch, 0, at) for ch in "。\n；") + 1
    return fund_named(text[start:at])


def _other_sheet(a: Passage, b: Passage) -> bool:
    """Rows on two sheets of a workbook belong to different forms (two projects' 自评表 both
    have a "年度资金总额" row): they never contradict each other."""
    top_a, top_b = a.section.split(PATH_SEP)[0], b.section.split(PATH_SEP)[0]
    sheets = top_a.startswith(SHEET_PREFIX) or top_b.startswith(SHEET_PREFIX)
    return top_a != top_b and sheets


def family(qualifier: str | None) -> str:
    """Qualifiers that name the same amount: 决算/实际/执行 and none are one family."""
    if qualifier in (None, "", "决算", "实际", "执行数"):
        return "actual"
    return qualifier


def agree(a: FactRecord, b: FactRecord) -> bool:
    """Equal once the more precise figure is rounded to the coarser one's decimals."""
    if (a.value_yuan is None) != (b.value_yuan is None):
        return a.value == b.value
    return same_value(
        Decimal(a.value_yuan or a.value), _step(a), Decimal(b.value_yuan or b.value), _step(b)
    )


def finest(fact: FactRecord, facts: Sequence[FactRecord]) -> FactRecord:
    """The most precise statement of ``fact``'s amount among ``facts`` of its report and year
    (a table's "612.38" in 万元 beside the text's "6123845.60元"): the figure as exactly as the
    report gives it."""
    same = [
        f
        for f in facts
        if f.report_id == fact.report_id
        and f.metric == fact.metric
        and f.year == fact.year
        and family(f.qualifier) == family(fact.qualifier)
        and (f.value_yuan is None) == (fact.value_yuan is None)
        and agree(f, fact)
    ]
    return min([fact, *same], key=_step)


def percent_of(part: FactRecord, whole: FactRecord) -> Decimal:
    """``part`` as a percentage of ``whole`` (both money facts), to two decimals."""
    return (Decimal(part.value_yuan or 0) / Decimal(whole.value_yuan or 1) * 100).quantize(
        Decimal("0.01")
    )


def same_value(x: Decimal, step_x: Decimal, y: Decimal, step_y: Decimal) -> bool:
    (coarse, step), (fine, _) = sorted([(x, step_x), (y, step_y)], key=lambda p: p[1], reverse=True)
    return (fine / step).quantize(Decimal(1), ROUND_HALF_UP) * step == coarse


def _step(fact: FactRecord) -> Decimal:
    exponent = min(int(Decimal(fact.value).as_tuple().exponent), 0)
    step = Decimal(1).scaleb(exponent)
    if fact.value_yuan is not None and Decimal(fact.value) != 0:
        step *= Decimal(fact.value_yuan) / Decimal(fact.value)
    return step


def from_facts(
    report: Report,
    findings: Sequence[Finding],
    facts: Sequence[FactRecord],
    cites: Citations,
    find: FindPassage,
    question: str = "",
    text: str = "",
) -> list[str]:
    """Stored figures of a quoted metric (same year, same-amount qualifier) that disagree with a
    quoted one — compared at answer time, across qualifiers, not only pairs ingest marked."""
    out = []
    asked = asked_metrics(question) or _lead_metrics(findings, facts)
    quoted: list[tuple[FactRecord, Passage | None]] = [
        (f, None)
        for f in facts
        if f.metric in asked
        and any(f.start < x.unit.end and x.unit.start < f.end for x in findings)
    ]
    quoted += _restated(findings, [f for f in facts if f.metric in asked], text, quoted)
    seen: set[tuple[str, str]] = set()
    for mine, quoting in quoted:
        for other in facts:
            if (
                other.metric != mine.metric
                or other.year != mine.year
                or _family(other, text) != _family(mine, text)
                or _other_budget(budget_kind(other, text), budget_kind(mine, text))
                or (len(mine.metric) <= 2 and not _near(mine, other))
                or (other.start, other.end) == (mine.start, mine.end)
                or agree(mine, other)
                or _other_year_column(text, other)
                or _other_year_column(text, mine)
                or _two_totals(text, mine, other)
            ):
                continue
            key = tuple(sorted((mine.written, other.written)))  # one pair told once
            if key in seen:
                continue
            seen.add(key)
            there = find(report.id, other.start, other.end)
            here = quoting or find(report.id, mine.start, mine.end)
            a = f"{mine.qualifier or ''}{mine.written}{cites.mark(here) if here else ''}"
            b = f"{other.qualifier or ''}{other.written}{cites.mark(there) if there else ''}"
            funds = _fact_fund(mine, text), _fact_fund(other, text)
            if funds[0] != funds[1]:  # 一般公共预算 基本支出 beside the department's 基本支出
                scope_a, scope_b = (f or "全部资金" for f in funds)
                out.append(
                    f"{who(report)}报告中“{mine.metric}”有两个口径：{scope_a}{a}，{scope_b}{b}；"
                    "口径不同，引用时请说明是哪一个。"
                )
                continue
            out.append(
                f"{who(report)}报告中“{mine.metric}”的数字前后不一致：{a}与{b}，请核对原文。"
            )
    return out


def _lead_metrics(findings: Sequence[Finding], facts: Sequence[FactRecord]) -> set[str]:
    """The metrics of the figures the answer leads with, when the question names none in the
    stored words ("车辆运行花了多少钱" for 公务用车运行维护费): the fact stated in a quoted unit
    with exactly the lead's amount."""
    out = set()
    for finding in findings:
        lead = [q for q in find_quantities(finding.figure or "") if q.is_money]
        if len(lead) != 1:
            continue
        for f in facts:
            if (
                f.value_yuan is not None
                and f.start < finding.unit.end
                and finding.unit.start < f.end
                and Decimal(f.value_yuan) == lead[0].yuan
            ):
                out.add(f.metric)
    return out


def _restated(
    findings: Sequence[Finding],
    stored: Sequence[FactRecord],
    text: str,
    quoted: Sequence[tuple[FactRecord, Passage | None]],
) -> list[tuple[FactRecord, Passage | None]]:
    """Facts a quoted sentence restates without naming the metric in the stored way
    ("实际支出4196.38万元" restating the table's 支出合计 决算数): the same amount in the same
    budget/actual family. The quote is then compared with the metric's other figures."""
    out: list[tuple[FactRecord, Passage | None]] = []
    taken = {id(f) for f, _ in quoted}
    for finding in findings:
        unit = finding.unit
        if (
            unit.is_row
            or not text
            or any(f.start < unit.end and unit.start < f.end for f, _ in quoted)
        ):
            continue
        for q in find_quantities(text[unit.start : unit.end]):
            if not q.is_money:
                continue
            kind = "预算" if family_before(text, unit.start + q.start) == "budget" else "actual"
            for fact in stored:
                if id(fact) in taken or fact.value_yuan is None or _family(fact, text) != kind:
                    continue
                if Decimal(fact.value_yuan) == q.yuan:
                    out.append((fact, finding.passage))
                    taken.add(id(fact))
    return out


def _family(fact: FactRecord, text: str) -> str:
    """A fact's qualifier family; an unqualified figure in a sentence about the budget
    ("年初预算支出…，其中基本支出1002.80万元") is a budget figure."""
    if fact.qualifier is None and fact.source == "text" and text:
        at = text.find(fact.value_text, fact.start, fact.end)
        if at >= 0 and family_before(text, at) == "budget":
            return "预算"
    return family(fact.qualifier)


_BUDGET_KIND = re.compile(r"年初|调整|全年")


def budget_kind(fact: FactRecord, text: str) -> str:
    """Which budget a budget figure is (年初 / 调整(后) / 全年), from its table column's header
    or the words right before it; "" when unsaid. 年初预算 and 调整后预算 are two amounts."""
    if not text or family(fact.qualifier) != "预算":
        return ""
    if fact.source == "table":
        cells = text[fact.start : fact.end].split("\t")
        col = next((i for i, c in enumerate(cells) if c.strip() == fact.value_text), None)
        names = merged_header(header_rows(text, fact.start), len(cells))
        said = names[col] if col is not None and col < len(names) else ""
    else:
        at = text.find(fact.value_text, fact.start, fact.end)
        said = text[max(0, at - 10) : at] if at >= 0 else ""
    found = _BUDGET_KIND.findall(said)
    return found[-1] if found else ""


def _other_budget(a: str, b: str) -> bool:
    return bool(a and b) and a != b


_TOTAL_WORD = re.compile(r"(总计|合计)\s*[:：]?\s*$")


def _total_word(text: str, fact: FactRecord) -> str:
    """总计 / 合计 when the words right before a stored figure end with it ("支出总计4002.02",
    "本年支出合计\t3721.38"), else ""."""
    if not text:
        return ""
    at = text.find(fact.value_text, fact.start, fact.end)
    if at < 0:
        return ""
    before = re.split(r"[，。；、,;\t\n]", text[fact.start : at].rstrip("\t "))[-1]
    found = _TOTAL_WORD.search(before)
    return found.group(1) if found else ""


def _two_totals(text: str, a: FactRecord, b: FactRecord) -> bool:
    """A 总计 and a 合计 of one side of the accounts: the 总计 adds the carry-overs (年初结转和
    结余 / 年末结转和结余) to the year's own 合计, so the two are different lines, never one
    figure written twice."""
    return {_total_word(text, a), _total_word(text, b)} == {"总计", "合计"}


def _near(a: FactRecord, b: FactRecord) -> bool:
    """Two statements of a generic total (支出/收入) that are within a quarter of each other:
    a restated total with a slip, not the total beside one of its parts."""
    x, y = Decimal(a.value_yuan or a.value), Decimal(b.value_yuan or b.value)
    if x <= 0 or y <= 0:
        return False
    return min(x, y) / max(x, y) >= Decimal("0.8")


def _other_year_column(text: str, fact: FactRecord) -> bool:
    """A table fact read from a column headed with another year than the fact's own
    ("2021年决算数" in a 2022 report): the prior year's figure, no contradiction."""
    if fact.source != "table" or not text or fact.year is None:
        return False
    row = text[fact.start : fact.end].split("\n")[0]
    heads = header_rows(text, fact.start)
    if "\t" not in row or not heads:
        return False
    cells = row.split("\t")
    names = merged_header(heads, len(cells))
    for name, cell in zip(names, cells, strict=False):
        if cell.strip() == fact.value_text.strip():
            years = {int(y) for y in _YEAR.findall(name)}
            return bool(years) and fact.year not in years
    return False


def asked_metrics(question: str) -> set[str]:
    """Catalogue metrics the question names (by name or alias), the most specific ones."""
    squashed = match_text(question)
    found = {
        m.name
        for m in METRICS
        for alias in (m.name, *m.aliases)
        if match_text(alias) and match_text(alias) in squashed
    }
    return {n for n in found if not any(n != o and n in o for o in found)}


def from_text(
    report: Report,
    findings: Sequence[Finding],
    text: str,
    cites: Citations,
    find: FindPassage,
    question: str = "",
) -> list[str]:
    """Each labelled figure a quote states against the report's other statements (text or
    table) of the same label and family (budget/actual) that give another amount; an item the
    question names may be written by a shorter form in one of them (``sub_form``)."""
    every = statements(text)
    kinds = asked_kinds(question)  # a count asked: another item's amount in its quote
    asked = match_text(question) if not kinds or "money" in kinds else ""
    out = []
    for finding in findings:
        span = (finding.unit.start, finding.unit.end)
        mine = [s for s in every if span[0] <= s.start < span[1]]
        for here in mine:
            for other in every:
                if (
                    len(here.label) < 4  # 支出/收入 alone name no one thing
                    or span[0] <= other.start < span[1]
                    or other.family != here.family
                    or other.fund != here.fund  # 一般公共预算 基本支出 is not all funds' 基本支出
                    or not _one_item(here, other, asked)
                    or _other_items(text, here, other)
                    or same_value(here.yuan, here.step, other.yuan, other.step)
                ):
                    continue
                there = find(report.id, other.start, other.end)
                if there is None or _other_sheet(finding.passage, there):
                    continue
                kind = "预算" if here.family == "budget" else "决算/实际"
                name = here.label
                written = next((s for s in (here, other) if not s.table), None)
                if written is not None:  # the label as written, not cut to its last characters
                    name = label_of(text[max(0, written.start - 24) : written.start], 24) or name
                out.append(
                    f"{who(report)}报告中“{name}”（{kind}）另有不同数字："
                    f"{_stated(here)}{cites.mark(finding.passage)}与{_stated(other)}"
                    f"{cites.mark(there)}，请核对原文。"
                )
                break
    return list(dict.fromkeys(out))


def _one_item(a: Statement, b: Statement, asked: str = "") -> bool:
    """Two statements' labels name one item; a transposed table's column header (which may
    carry its group's name in front) ends the way the text's label does; two sentences name
    the item the question asks about, one by a shorter form of the other's name."""
    if same_label(a.label, b.label):
        return True
    if not (a.table or b.table) and sub_form(a.label, b.label):
        short = min(a.label, b.label, key=len)
        if named_in(short, asked):
            return True  # a project named in full in one sentence, by a shorter form in another
    return (a.across or b.across) and ends_alike(a.label, b.label)


def _item_of(text: str, at: int) -> str:
    """The last project the paragraph names before ``at`` ("（一）森林防火项目。预算资金…")."""
    paragraph = text[text.rfind("\n", 0, at) + 1 : at]
    found = PROJECT_NAME.findall(paragraph)
    return found[-1] if found else ""


def _other_items(text: str, a: Statement, b: Statement) -> bool:
    """Two sentences whose paragraphs each name a project, different ones: "预算资金" of one
    project is not a second statement of another's."""
    return not (a.table or b.table) and _other_projects(text, a.start, b.start)


def _other_projects(text: str, a: int, b: int) -> bool:
    one, two = _item_of(text, a), _item_of(text, b)
    return bool(one and two) and one not in two and two not in one


def _stated(statement: Statement) -> str:
    q = statement.quantity
    return q.raw if q.raw.endswith(q.unit) else f"{q.raw}{q.unit}"


def disagree(a: str, b: str) -> bool:
    """Same wording with different figures, or the same labelled quantity with another value.

    Table-row statements ("label：…") are compared only with rows of the same label."""
    qa = find_quantities(a)
    qb = find_quantities(b)
    if not qa or not qb:
        return False
    label_a, label_b = a.split("：")[0], b.split("：")[0]
    if ("：" in a or "：" in b) and label_a != label_b and len(label_a) < 40:
        return False
    similar = difflib.SequenceMatcher(None, _letters(a), _letters(b)).ratio() > 0.8
    kinds_a = [family_before(a, q.start) for q in qa if q.is_money]
    similar = similar and kinds_a == [family_before(b, q.start) for q in qb if q.is_money]
    money_a, money_b = [q.yuan for q in qa if q.is_money], [q.yuan for q in qb if q.is_money]
    if similar and len(money_a) == len(money_b) and money_a != money_b:
        # "基本支出318.40万元，占总支出的70.39%" and "项目支出133.95万元，占总支出的29.61%" read
        # alike but name two items: the figures disagree only when their labels do not differ
        named_a, named_b = _money_labels(a, qa), _money_labels(b, qb)
        if not any(x and y and x != y for x, y in zip(named_a, named_b, strict=False)):
            return True
    la, lb = _labels(a), _labels(b)
    return any(la[k] != lb[k] for k in la.keys() & lb.keys())


def _money_labels(text: str, found: list[Quantity]) -> list[str]:
    return [label_of(text[max(0, q.start - 12) : q.start]) for q in found if q.is_money]


def _letters(text: str) -> str:
    return "".join(ch for ch in text if not ch.isdigit())


def _labels(text: str) -> dict[str, Decimal | None]:
    """ "基本支出预算 513.45万元" → {"基本支出预算": value in 元}: the words right before money."""
    out: dict[str, Decimal | None] = {}
    for q in find_quantities(text):
        if not q.is_money:
            continue
        label = label_of(text[max(0, q.start - 12) : q.start])  # not only 实际支出/预算数
        if len(label) >= 4:  # 基本支出预算 and 基本支出决算 are two amounts
            out[f"{label}·{family_before(text, q.start)}"] = q.yuan
    return out


def budget_beside_actual(
    report: Report, findings: Sequence[Finding], text: str, cites: Citations, question: str
) -> list[str]:
    """A budget asked for, and another quote states the same item's final amount, which
    differs: a note that the two are different amounts (the reader must not take one for the
    other)."""
    if asked_qualifier(question) not in ("预算", "年初预算", "调整后预算"):
        return []
    if "决算" in asked_qualifiers(question):  # "调整后预算和决算数": both asked, both shown
        return []
    every = statements(text)
    out: list[str] = []
    told: set[str] = set()
    for finding in findings:
        span = range(finding.unit.start, finding.unit.end)
        budgets = [s for s in every if s.start in span and s.family == "budget"]
        for budget in budgets:
            for other in findings:
                if other.unit.start == finding.unit.start:
                    continue  # one quote stating both is read as such
                actual = next(
                    (
                        s
                        for s in every
                        if s.start in range(other.unit.start, other.unit.end)
                        and s.family == "actual"
                        and same_label(s.label, budget.label)
                        and not same_value(s.yuan, s.step, budget.yuan, budget.step)
                    ),
                    None,
                )
                if actual is None or budget.label in told or len(budget.label) < 4:
                    continue
                told.add(budget.label)
                out.append(
                    f"提示：所问为预算数，“{budget.label}”预算为{_stated(budget)}"
                    f"{cites.mark(finding.passage)}；同一项目的决算（实际）数为{_stated(actual)}"
                    f"{cites.mark(other.passage)}，二者口径不同，不能混用。"
                )
    return out
