"""Each project's total score where one report holds several project self-evaluation forms.

"两个项目自评哪个得分高": a report that stacks one 项目支出绩效自评表 per project (one sheet
each) states every project's score on its form's 总分 row ("总分 | … | 100 | 96.32", the 得分
column of the row that also holds the full 100 points); the project is the one the form's
"项目名称：X" line above it names. Each project's score is quoted and the highest named, with
the gap to the next (a labelled calculation).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from assistant.answer import Passage
from assistant.answerable import asks_score
from assistant.compose import Citations, who
from index.models import Report
from index.numbers import find_quantities

FindPassage = Callable[[str, int, int], Passage | None]

_PROJECTS = re.compile(r"(?:两|几|各|每|多|三|四)个?项目|哪(?:个|一个|些)项目|项目之间|各项")
_WHICH = re.compile(r"哪个|哪一个|谁|高|低|排|比较|对比|比一比")
_LOW = re.compile(r"低|差|少")
_SUBJECT = re.compile(r"^项目名称[：:](.+)$")
_TOTAL_ROWS = frozenset({"总分", "自评总分", "总得分", "综合得分", "合计得分", "得分合计"})
_SCORE_HEADER = re.compile(r"(?:自评)?得分")


@dataclass(frozen=True)
class ProjectScore:
    project: str
    shown: str
    value: Decimal
    start: int
    end: int


def asks_project_scores(question: str) -> bool:
    """The question compares the scores of a report's projects ("两个项目哪个得分高")."""
    return asks_score(question) and bool(_PROJECTS.search(question) and _WHICH.search(question))


def project_scores(text: str) -> list[ProjectScore]:
    """Every form's total score with the project its "项目名称" line names, in text order."""
    found: list[ProjectScore] = []
    subject = ""
    header: list[str] = []
    at = 0
    for line in text.split("\n"):
        start, at = at, at + len(line) + 1
        named = _SUBJECT.match(line.strip())
        if named:
            subject, header = named.group(1).strip(), []
            continue
        if "\t" not in line:
            continue
        cells = [c.strip() for c in line.split("\t")]
        if any(_SCORE_HEADER.fullmatch(c) for c in cells) and not any(
            find_quantities(c) for c in cells
        ):
            header = cells  # the latest header naming a 得分 column
            continue
        if not subject or not header or cells[0] not in _TOTAL_ROWS or "100" not in cells:
            continue
        for col, cell in enumerate(cells):
            if col < len(header) and _SCORE_HEADER.fullmatch(header[col]) and cell:
                quantity = find_quantities(cell)
                if len(quantity) == 1 and quantity[0].raw == cell and 0 < quantity[0].value <= 100:
                    found.append(
                        ProjectScore(subject, cell, quantity[0].value, start, start + len(line))
                    )
                    subject = ""  # one total per form
                    break
    return found


def project_score_lines(
    question: str, report: Report, text: str, cites: Citations, find: FindPassage
) -> list[str]:
    """ "X各项目自评总分：A 96.32分[1]；B 95.51分[2]。最高的是A，比B高0.81分（计算；来源[1][2]）。"
    [] when the question compares no projects' scores or the report holds fewer than two."""
    if not asks_project_scores(question):
        return []
    scores = project_scores(text)
    if len({s.project for s in scores}) < 2:
        return []
    marks = []
    for score in scores:
        passage = find(report.id, score.start, score.end)
        if passage is None:
            return []
        marks.append(cites.mark(passage))
    ranked = sorted(zip(scores, marks, strict=True), key=lambda p: -p[0].value)
    listed = "；".join(f"{s.project} {s.shown}分{m}" for s, m in ranked)
    least = bool(_LOW.search(question)) and "高" not in question
    (top, top_mark), (second, second_mark) = (
        ranked[-1] if least else ranked[0],
        (ranked[-2] if least else ranked[1]),
    )
    if top.value == second.value:
        verdict = f"{top.project}与{second.project}得分相同"
    else:
        high, low = (second, top) if least else (top, second)
        marks_of = (second_mark, top_mark) if least else (top_mark, second_mark)
        gap = high.value - low.value
        word = (
            f"最低的是{top.project}，比{second.project}低"
            if least
            else (f"最高的是{top.project}，比{second.project}高")
        )
        verdict = (
            f"{word}{gap.normalize():f}分"
            f"（计算：{high.shown} − {low.shown}；来源{marks_of[0]}{marks_of[1]}）"
        )
    return [f"{who(report)}各项目自评总分（各表“总分”行）：{listed}。{verdict}。"]
