""" "哪些指标扣分了？": the indicator rows of a self-evaluation form scored below their points.

A 项目支出绩效自评表 gives each indicator its points (分值) and its score (得分); an indicator
whose score is below its points lost marks, and the form's deviation column (偏差原因分析及改进
措施) says why. Each such row is listed with both figures, the deduction (a labelled
calculation) and the reason the form writes, cited. When the question (or the conversation)
names a project and the report holds several forms, only that project's form is read. The
labels are kept so a follow-up ("为什么", "这两个指标呢") can ask about them again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.answer import Answer, Passage
from assistant.compose import Citations, who
from assistant.derived import asks_extreme
from assistant.evidence import match_text
from index.models import Report
from index.numbers import find_quantities

_ASKS = re.compile(
    r"(?:哪些|哪个|哪几个|什么|哪项|哪几项|有没有)[^？?]{0,8}(?:扣分|扣了分|被扣|失分|丢分|没(?:有)?得满分|没拿满分)"
    r"|(?:扣分|失分|丢分)的?(?:指标|项目|有哪些|是哪些)"
)
_SUBJECT = re.compile(r"^项目名称[：:](.+)$")
_TOTAL = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|总分)")
_REASON = re.compile(r"偏差|原因|说明")
_LABEL_COLUMN = re.compile(r"指标(?:名称)?$")


_TARGET = re.compile(r"指标值|目标值")
_ACTUAL = re.compile(r"完成值|实际值")
_WHY = re.compile(r"^(?:那|那么)?(?:为什么|为啥|什么原因|原因是什么|原因呢)[？?]?$")


def _cell(cells: Sequence[str], names: Sequence[str], pattern: re.Pattern[str]) -> str:
    col = next((i for i, n in enumerate(names) if i and pattern.search(n)), None)
    return cells[col].strip() if col is not None else ""


def asks_why(question: str) -> bool:
    """A bare "为什么" follow-up: about the items the last answer listed."""
    return bool(_WHY.match(question.strip()))


@dataclass(frozen=True)
class Deducted:
    project: str
    label: str
    points: str
    score: str
    lost: Decimal
    reason: str
    target: str
    actual: str
    start: int
    end: int


def asks_deducted(question: str) -> bool:
    return bool(_ASKS.search(question)) and not asks_extreme(question)


def _column(names: Sequence[str], word: str) -> int | None:
    hits = [i for i, n in enumerate(names) if i and n.strip() == word]
    return hits[0] if len(hits) == 1 else None


def deducted_rows(text: str) -> list[Deducted]:
    """Rows under a header with 分值 and 得分 columns whose score is below the points."""
    found: list[Deducted] = []
    subject, names = "", []
    at = 0
    for line in text.split("\n"):
        start, at = at, at + len(line) + 1
        named = _SUBJECT.match(line.strip())
        if named:
            subject, names = named.group(1).strip(), []
            continue
        if "\t" not in line:
            continue
        cells = line.split("\t")
        if _column(cells, "分值") is not None and _column(cells, "得分") is not None:
            names = [c.strip() for c in cells]
            continue
        if not names or len(cells) != len(names):
            continue
        full, got = _column(names, "分值"), _column(names, "得分")
        points, score = cells[full].strip(), cells[got].strip()
        qp, qs = find_quantities(points), find_quantities(score)
        if len(qp) != 1 or len(qs) != 1 or qp[0].raw != points or qs[0].raw != score:
            continue
        if qs[0].value >= qp[0].value:
            continue
        labels = [i for i in range(min(full, got)) if _LABEL_COLUMN.search(names[i])]
        label = cells[labels[-1]].strip() if labels else ""
        label = label or next((c.strip() for c in cells if c.strip()), "")
        if not label or _TOTAL.match(label):
            continue
        reason_col = next((i for i, n in enumerate(names) if i and _REASON.search(n)), None)
        reason = cells[reason_col].strip() if reason_col is not None else ""
        lost = qp[0].value - qs[0].value
        target = _cell(cells, names, _TARGET)
        actual = _cell(cells, names, _ACTUAL)
        found.append(
            Deducted(
                subject,
                label,
                points,
                score,
                lost,
                reason,
                target,
                actual,
                start,
                start + len(line),
            )
        )
    return found


def _asked_project(rows: list[Deducted], asked: str) -> list[Deducted]:
    """The rows of the form whose project the question names most of (all when none)."""
    words = [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", asked)]
    key = match_text(asked)

    def named(project: str) -> int:
        squashed = match_text(project)
        return (
            sum(1 for i in range(len(squashed) - 1) if squashed[i : i + 2] in key) if words else 0
        )

    projects = {r.project for r in rows}
    if len(projects) < 2:
        return rows
    best = max(projects, key=named)
    if named(best) < 2 or sorted(map(named, projects))[-2] == named(best):
        return rows  # no project named, or two named alike
    return [r for r in rows if r.project == best]


def answer_deducted(
    question: str,
    asked: str,
    targets: Sequence[Report],
    find: Callable[[str, int, int], Passage | None],
    only: Sequence[str] = (),
) -> Answer | None:
    """Each report's indicators scored below their points, with the reason its form gives;
    None when no report's form shows any. ``asked`` holds the question with its carried
    context (the project the conversation is about); ``only``: the labels a "为什么" follow-up
    asks about (their reasons)."""
    cites = Citations()
    lines: list[str] = []
    labels: list[str] = []
    for report in targets:
        rows = _asked_project(deducted_rows(report.text), asked)
        if only:  # "为什么" after the list: the listed indicators that have a reason
            rows = [r for r in rows if r.label in only and r.reason]
        shown = []
        for row in rows:
            passage = find(report.id, row.start, row.end)
            if passage is None:
                continue
            mark = cites.mark(passage)
            lost = f"{row.lost.normalize():f}"
            reason = f"；偏差原因：{row.reason}" if row.reason else ""
            values = "、".join(
                f"{name} {value}"
                for name, value in (("年度指标值", row.target), ("实际完成值", row.actual))
                if value
            )
            values = f"（{values}）" if values else ""
            owner = (
                f"（{row.project}）" if row.project and len({r.project for r in rows}) > 1 else ""
            )
            shown.append(
                f"· {row.label}{owner}{values}：分值 {row.points}、得分 {row.score}，扣{lost}分"
                f"（计算：{row.points} − {row.score}；来源{mark}）{reason}"
            )
            labels.append(row.label)
        if shown:
            projects = {r.project for r in rows if r.project}
            whose = f"“{next(iter(projects))}”" if len(projects) == 1 else ""
            said = "扣分原因（表中“偏差原因分析及改进措施”所写）" if only else "扣分的指标"
            lines.append(f"{who(report)}{whose}自评表中{said}有{len(shown)}项：")
            lines += shown
    if not lines:
        return None
    return Answer(
        question,
        "\n".join(lines),
        False,
        cites.all(),
        meta={"subjects": tuple(dict.fromkeys(labels))},
    )
