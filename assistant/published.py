"""When a report was published: the date its page or its signature gives.

A portal page writes "来源：X 发布时间：2024-09-12 10:25" under its title; a 决算说明 or 自评报告
ends with its body's name and the date it was signed ("2023年8月25日"). A question asking when
the report came out ("哪天发布的", "什么时候公开", "when was it published") is answered with
that date, quoted from the line that states it; a report stating neither gets no answer here
(the usual refusal follows)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answer import Answer, Passage
from assistant.compose import Citations, who
from assistant.understanding import Query
from index.models import Report

_ASKS = re.compile(
    r"(?:发布|公开|公布|印发|出台|发出|挂网|上网)(?:的|了)?(?:时间|日期|日子)|"
    r"(?:哪天|哪一天|哪日|几号|何时|什么时候|啥时候|哪个日期|什么日期|哪年哪月)"
    r"(?:发布|公开|公布|印发|出台|挂网|上网)|"
    r"(?:发布|公开|公布|印发|出台)(?:于|在)?(?:哪天|哪一天|何时|什么时候|啥时候|几号)|"
    r"\bwhen (?:was|were|did)\b[^?]*\b(?:published|released|issued|posted|made public)\b|"
    r"\b(?:publication|release) date\b",
    re.I,
)
_DATE = (
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
_STATED = re.compile(rf"(?:发布|公开|公布|印发|成文)(?:时间|日期)\s*[:：]\s*(?P<date>{_DATE})")
_SIGNED = re.compile(rf"^\s*(?P<date>{_DATE})\s*$", re.M)
_SIGNED_WITHIN = 400
"""How far from the end of the report a date alone on its line is the signature's."""


def asks_published(question: str) -> bool:
    return bool(_ASKS.search(question))


def answer_published(
    query: Query,
    targets: Sequence[Report],
    find: Callable[[str, int, int], Passage | None],
) -> Answer | None:
    """Each report's publication date as its page states it, else the date it was signed;
    None when no report states either."""
    cites = Citations()
    lines: list[str] = []
    english = query.language == "en"
    for report in targets:
        found = _published(report.text)
        if found is None:
            continue
        start, end, date, signed = found
        passage = find(report.id, start, end)
        if passage is None:
            continue
        marker = cites.mark(passage)
        line = report.text[start:end].strip()
        if english:
            how = "signed on" if signed else "published on"
            lines.append(f"{who(report)}: {how} {date}{marker} (「{line}」).")
        else:
            how = "落款日期" if signed else "发布时间"
            lines.append(f"{who(report)}：{how} {date}{marker}（原文：「{line}」）。")
    if not lines:
        return None
    return Answer(query.text, "\n".join(lines), False, cites.all())


def _published(text: str) -> tuple[int, int, str, bool] | None:
    """(line start, line end, date, whether it is the signature's) of the report's date."""
    stated = _STATED.search(text)
    if stated is not None:
        start = text.rfind("\n", 0, stated.start()) + 1
        end = text.find("\n", stated.end())
        return start, end if end >= 0 else len(text), _clean(stated.group("date")), False
    signed = [m for m in _SIGNED.finditer(text) if m.start() >= len(text) - _SIGNED_WITHIN]
    if signed:
        last = signed[-1]
        return last.start(), last.end(), _clean(last.group("date")), True
    return None


def _clean(date: str) -> str:
    return re.sub(r"\s+(?=\d{1,2}:)", " ", re.sub(r"\s*([-/.年月日])\s*", r"\1", date)).strip()
