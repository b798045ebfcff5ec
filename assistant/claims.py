"""Figures the user states: a claim to check ("完成预算的P%，对吗？") and figures quoted as a
premise ("12个编制15个人是哪天的数").

A claimed figure is looked up in the report: where it is written, and what the words right
before it make it — a completion rate (完成预算的/执行率), a share (占), a change (增长/下降),
or a labelled amount. When the report uses the figure for another thing than the question
says, the answer says so and gives the report's figure for what was asked, if it states one.
Figures quoted as a premise anchor the passages that contain them; a question about when they
hold (哪天/哪年/截至何时) is answered with the dates those passages give, and two passages that
give the same figures under different dates are shown as a contradiction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answer import Passage
from assistant.compose import Citations, Finding, who
from assistant.evidence import match_text
from assistant.statements import label_of, same_label, statements
from assistant.tables import caption_unit, header_rows, merged_header
from index.models import Report
from index.numbers import Quantity, find_quantities

FindPassage = Callable[[str, int, int], Passage | None]

CLAIM = re.compile(
    r"对吗|对不对|是否正确|正确吗|准确吗|准吗|准不准|是不是|是否属实|没错吧|没错吗|属实吗|"
    r"站得住|可信吗|靠得住吗|有没有错|"
    r"\bright\?|\bcorrect\?|is it true|is that true|accurate\?",
    re.I,
)
WHERE = re.compile(r"出处|哪一节|哪一部分|哪个部分|哪一段|哪里写|哪里提到|哪里说|在哪写|哪儿写")
WHEN = re.compile(r"哪天|哪一天|哪日|何时|什么时候|哪个时间|截至何时|截止到?哪|哪年|哪一年|日期")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "完成预算的比例",
        re.compile(
            r"(完成|达到|为|占)(了)?(年初|全年|调整后)?预算(数)?的?$|执行率(为|是|达)?$|完成率(为|是)?$"
        ),
    ),
    ("变化率", re.compile(r"(增长|下降|增加|减少|上升|降低|增幅|降幅)(了|为)?$")),
    ("占比", re.compile(r"占[\u4e00-\u9fff“”\"]{0,12}?(的)?(比例|比重)?(为|是)?$")),
)
_COUNTED = {"个": "count", "名": "count", "人": "count", "位": "count"}
_CLAUSE = re.compile(r"[^。；;！？!?\n]+")


@dataclass(frozen=True)
class Stated:
    """A figure of the question, with the words the question puts before it."""

    quantity: Quantity
    before: str


def claims(question: str) -> list[Stated]:
    """The figures a question claims (only when it asks whether a figure is right)."""
    if not CLAIM.search(question):
        return []
    return stated(question)


def stated(question: str) -> list[Stated]:
    """Non-year figures written in the question, with up to 14 characters before each."""
    out = []
    for q in find_quantities(question):
        if q.is_year or (q.unit == "" and q.decimals == 0 and q.value < 10):
            continue
        if question[q.end : q.end + 1] in ("年", "月", "日"):
            continue  # "22年", "12月": a date, not a figure
        before = re.split(r"[，,。；;？?！!]", question[max(0, q.start - 14) : q.start])[-1]
        out.append(Stated(q, before))
    return out


def kind_of(before: str) -> str | None:
    """What the words before a percentage make it (completion rate, change, share)."""
    squashed = match_text(before)
    for name, pattern in _KINDS:
        if pattern.search(squashed):
            return name
    return None


def same_figure(a: Quantity, b: Quantity) -> bool:
    """One figure as written twice: same value and unit kind (34个 = 34名 = 34人; 1,234.5 =
    1234.50; money compared in 元)."""
    if a.is_money or b.is_money:
        return a.is_money and b.is_money and a.yuan == b.yuan
    if a.unit == "%" or b.unit == "%":
        return a.unit == b.unit and a.value == b.value
    kind_a, kind_b = _COUNTED.get(a.unit, a.unit), _COUNTED.get(b.unit, b.unit)
    return a.value == b.value and (kind_a == kind_b or not a.unit or not b.unit)


@dataclass(frozen=True)
class Place:
    """Where a report writes a figure: the clause, its span and the words before the figure."""

    quantity: Quantity
    clause: str
    start: int
    end: int
    before: str


def places(text: str, figure: Quantity) -> list[Place]:
    """Every clause of the report text that writes ``figure``."""
    out = []
    for line_match in re.finditer(r"[^\n]+", text):
        line = line_match.group()
        if "\t" in line:
            out += _cells(text, line, line_match.start(), figure)
            continue
        for clause in _CLAUSE.finditer(line):
            for q in find_quantities(clause.group()):
                if same_figure(q, figure):
                    base = line_match.start() + clause.start()
                    before = clause.group()[: q.start]
                    out.append(Place(q, clause.group(), base, base + len(clause.group()), before))
    return out


def _cells(text: str, line: str, start: int, figure: Quantity) -> list[Place]:
    """Table cells writing ``figure`` (money in the caption's unit): the words before it are
    the row label and the column name ("公务接待费预算数")."""
    if not figure.is_money:
        return []
    heads = header_rows(text, start)
    unit = caption_unit(text, start)
    cells = line.split("\t")
    if not heads or not unit or line in heads:
        return []
    names = merged_header(heads, len(cells))
    out = []
    for name, cell in zip(names[1:], cells[1:], strict=False):
        found = find_quantities(f"{cell.strip()}{unit}")
        if (
            len(found) == 1
            and found[0].raw == f"{cell.strip()}{unit}"
            and same_figure(found[0], figure)
        ):
            label = cells[0].strip()
            shown = f"{label}（{name}）{cell.strip()}{unit}"
            out.append(Place(found[0], shown, start, start + len(line), f"{label}{name}"))
    return out


def _subject(question_before: str) -> str:
    """The item a claim is about: the question's words before its relation words."""
    squashed = match_text(question_before)
    for _, pattern in _KINDS:
        squashed = pattern.sub("", squashed)
    return re.sub(r"^(那|这个|请问|我看到|听说|报告说)", "", squashed)


def _names_item(clause: str, item: str) -> bool:
    """The clause names the item, or its last four characters or more (the question may put a
    place or body name in front: "某镇公务接待费")."""
    squashed = match_text(clause)
    return any(item[k:] in squashed for k in range(max(1, len(item) - 3)))


def check_claims(
    question: str, report: Report, text: str, cites: Citations, find: FindPassage
) -> tuple[list[str], list[str]]:
    """(answer lines, warnings) for each percentage or amount the question claims: confirmed
    where the report writes it for what the question says; else what the report uses it for,
    or that the report does not write it, and the report's figure for the asked thing."""
    lines: list[str] = []
    warnings: list[str] = []
    for claim in claims(question):
        if claim.quantity.unit == "%":
            found = _percent_claim(claim, report, text, cites, find)
        elif claim.quantity.is_money:
            found = _money_claim(claim, report, text, cites, find)
        else:
            found = None
        if found:
            line, warning = found
            lines.append(line)
            warnings += [warning] if warning else []
    return lines, warnings


def _percent_claim(
    claim: Stated, report: Report, text: str, cites: Citations, find: FindPassage
) -> tuple[str, str | None] | None:
    asked = kind_of(claim.before)
    item = _subject(claim.before)
    if asked is None:
        return None
    found = places(text, claim.quantity)
    matching = _percent_places(found, asked, item)
    if matching:
        where = find(report.id, matching[0].start, matching[0].end)
        mark = cites.mark(where) if where else ""
        return f"报告确实写有“{matching[0].clause.strip()}”{mark}（{asked}）。", None
    right = _asked_figure(text, item, asked, report, cites, find)
    if not found:
        if not right:
            return None
        line = f"报告中不见{claim.quantity.raw}这个数：报告写的{asked}为{right}，与问题所说不同。"
        return line, f"{who(report)}报告写的{asked}与问题所说的{claim.quantity.raw}不同。"
    place = next((p for p in found if _names_item(p.clause, item)), found[0])
    where = find(report.id, place.start, place.end)
    if where is None:
        return None
    mark = cites.mark(where)
    meant = kind_of(place.before) or "另一口径的数字"
    if meant == asked:
        meant = f"另一项目的{asked}"
    line = (
        f"问题中的{claim.quantity.raw}在报告中是“{place.clause.strip()}”{mark}，"
        f"即{meant}，并非{asked}，两者口径不同。"
    )
    if right:
        line += f"报告写的{asked}为{right}。"
    warning = f"{who(report)}报告中的{claim.quantity.raw}{mark}是{meant}，不是问题所说的{asked}。"
    return line, warning


def doubted(question: str, contradicted: Sequence[Quantity]) -> list[str]:
    """The verdict on a claimed figure that the report does write but that its own amounts
    contradict (a rate they do not give, a total its rows do not add up to)."""
    out = []
    for claim in claims(question):
        if any(same_figure(claim.quantity, q) for q in contradicted):
            out.append(
                f"结论：问题所说的{claim.quantity.raw}确是报告原文所写，但与报告自身的金额"
                "对不上（见下方核对），不能认定为正确，请以原始金额为准核对。"
            )
    return out


AGREE = re.compile(
    r"一致吗|一致不|是否一致|一不一致|对得上吗|对不对得上|能对上吗|相符吗|是否相符|吻合吗|矛盾吗|"
    r"\bconsistent\b|\bmatch\b",
    re.I,
)
"""A question asking whether the report's statements of a figure agree with each other."""


def agreement(
    question: str, findings: Sequence[Finding], conflicts: Sequence[str], cites: Citations
) -> list[str]:
    """The verdict on "正文和表格里的X一致吗": 不一致 when another statement disagrees (the
    warnings say where), 一致 when two or more quoted statements give the same figure."""
    if not AGREE.search(question) or claims(question):
        return []
    if conflicts:
        return ["结论：不一致——报告中该数字的几处表述对不上（见下方“注意”）。"]
    stated = [
        (f, q)
        for f in findings
        for q in find_quantities(f.figure or "")[:1]
        if q.unit and not q.is_year
    ]
    if len(stated) < 2 or not all(same_figure(stated[0][1], q) for _, q in stated[1:]):
        return []
    places = "、".join(f"{q.raw}{cites.mark(f.passage)}" for f, q in stated)
    return [f"结论：一致——引用的{len(stated)}处表述数字相同（{places}）。"]


def _percent_places(found: list[Place], asked: str, item: str) -> list[Place]:
    """Places writing the claimed percentage as the asked kind for the asked item; the only
    place writing it as that kind when the question names the item loosely ("基金那块")."""
    kind = [p for p in found if kind_of(p.before) == asked]
    named = [p for p in kind if _names_item(p.clause, item)]
    return named or (kind if len(kind) == 1 else [])


def anchors(question: str, text: str) -> list[tuple[int, int]]:
    """Spans of the report's sentences that a claim of the question is about: where the
    claimed percentage is written as the asked kind, or the claimed amount for the named item
    (so a check of a stated figure is answered from the sentence that states it)."""
    out: list[tuple[int, int]] = []
    for claim in claims(question):
        found = places(text, claim.quantity)
        if claim.quantity.unit == "%":
            asked = kind_of(claim.before)
            chosen = _percent_places(found, asked, _subject(claim.before)) if asked else []
        elif claim.quantity.is_money:
            item = label_of(
                re.sub(r"(是|为|有|共|花了|用了|支出了|达到?)+$", "", match_text(claim.before))
            )
            item = _report_item(item, text)
            chosen = [p for p in found if len(item) >= 2 and _names_item(p.before, item)]
        else:
            chosen = []
        out += [(p.start, p.end) for p in chosen if "\t" not in p.clause]
    return list(dict.fromkeys(out))


def _money_claim(
    claim: Stated, report: Report, text: str, cites: Citations, find: FindPassage
) -> tuple[str, str | None] | None:
    """An amount the question says an item has ("三公经费是12.46万元对吗")."""
    item = label_of(re.sub(r"(是|为|有|共|花了|用了|支出了|达到?)+$", "", match_text(claim.before)))
    item = _report_item(item, text)
    if len(item) < 2:
        return None
    budget = "预算" in claim.before and "决算" not in claim.before
    found = places(text, claim.quantity)
    named = [p for p in found if _names_item(p.before, item)]
    matching = [p for p in named if _is_budget(p.before) == budget]
    if matching:
        where = find(report.id, matching[0].start, matching[0].end)
        mark = cites.mark(where) if where else ""
        return f"报告确实写有“{matching[0].clause.strip()}”{mark}。", None
    right = _item_amount(text, item, budget, report, cites, find)
    asked = f"{item}{'预算' if budget else '决算（实际）'}"
    if found:
        place = (named or found)[0]
        where = find(report.id, place.start, place.end)
        if where is None:
            return None
        mark = cites.mark(where)
        meant = (
            "预算数" if named and _is_budget(place.before) else "决算（实际）数" if named else ""
        )
        what = f"{item}的{meant}" if meant else "另一项目的数字"
        line = (
            f"问题中的{claim.quantity.raw}在报告中是“{place.clause.strip()}”{mark}，即{what}，"
            f"并非{asked}，两者口径不同。"
        )
        warning = (
            f"{who(report)}报告中的{claim.quantity.raw}{mark}是{what}，不是问题所说的{asked}。"
        )
    elif right:
        line = f"报告中不见{claim.quantity.raw}这个数。"
        warning = f"{who(report)}报告中{item}的数字与问题所说的{claim.quantity.raw}不同。"
    else:
        return None
    if right:
        line += f"报告写的{asked}为{right}。"
    return line, warning


def _is_budget(before: str) -> bool:
    """The last qualifier word before a figure is 预算 (a budget, not the final amount)."""
    words = re.findall(r"预算|决算|实际|执行|完成", before)
    return bool(words) and words[-1] == "预算"


def _report_item(item: str, text: str) -> str:
    """The longest tail of the question's item the report writes ("某局公务接待费" →
    公务接待费): the question may put a place or body name in front."""
    squashed = match_text(text)
    return next((item[k:] for k in range(max(len(item) - 1, 0)) if item[k:] in squashed), "")


def _item_amount(
    text: str, item: str, budget: bool, report: Report, cites: Citations, find: FindPassage
) -> str | None:
    """The report's amount for an item ("公务接待费…5.46万元" [n]) in the asked family."""
    family = "budget" if budget else "actual"
    for st in statements(text):
        if st.family == family and same_label(st.label, item):
            where = find(report.id, st.start, st.end)
            if where is not None:
                q = st.quantity
                shown = q.raw if q.raw.endswith(q.unit) else f"{q.raw}{q.unit}"
                return f"{shown}{cites.mark(where)}"
    return None


def _asked_figure(
    text: str, item: str, asked: str, report: Report, cites: Citations, find: FindPassage
) -> str | None:
    """The percentage of the asked kind in a clause naming the item ("…完成预算的P%" [n])."""
    if not item:
        return None
    for clause in _CLAUSE.finditer(text):
        if "\t" in clause.group() or not _names_item(clause.group(), item):
            continue
        for q in find_quantities(clause.group()):
            if q.unit == "%" and kind_of(clause.group()[: q.start]) == asked:
                where = find(report.id, clause.start(), clause.end())
                if where is None:
                    continue
                return f"{q.raw}（“{clause.group().strip()}”{cites.mark(where)}）"
    return None


def when_anchored(
    question: str, report: Report, text: str, cites: Citations, find: FindPassage
) -> tuple[list[str], list[str]]:
    """(answer lines, warnings) for "these figures — as of when / where?": the sections and
    dates of the sentences that state all the question's figures; different dates for the
    same figures are a contradiction."""
    asks_when = bool(WHEN.search(question))
    if not asks_when and not WHERE.search(question):
        return [], []
    figures = [s.quantity for s in stated(question)]
    if not figures:
        return [], []
    hits: list[tuple[str, int, int, list[str]]] = []
    for sentence in re.finditer(r"[^。\n]+", text):
        body = sentence.group()
        found = find_quantities(body)
        if not all(any(same_figure(q, f) for q in found) for f in figures):
            continue
        dates = ["".join(_date_text(m)) for m in _DATE.finditer(body)]
        hits.append((body.strip(), sentence.start(), sentence.end(), dates))
    if not hits:
        return [], []
    shown = "、".join(f.raw for f in figures)
    lines = [f"问题所引数字（{shown}）在报告中出现{len(hits)}处："]
    seen: list[str] = []
    for body, start, end, dates in hits:
        where = find(report.id, start, end)
        if where is None:
            continue
        mark = cites.mark(where)
        when = "、".join(dates) if dates else "未写日期"
        when = f"（日期：{when}）" if asks_when or dates else ""
        place = f"「{where.section}」一节" if where.section else ""
        lines.append(f"{place}写“{body}”{mark}{when}。")
        seen += [d for d in dates if d not in seen]
    warnings = []
    if len(seen) > 1:
        told = "与".join(seen)
        lines.append(
            f"注意：同样的数字在报告中标注了不同的日期（{told}），前后不一致，请核对原文。"
        )
        warnings.append(f"{who(report)}报告中同样的数字（{shown}）标注了不同日期：{told}。")
    return lines, warnings


def _date_text(match: re.Match[str]) -> str:
    year, month, day = match.groups()
    return f"{year}年{int(month)}月" + (f"{int(day)}日" if day else "")
