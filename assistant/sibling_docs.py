"""A figure that a body's two documents of one year state differently, told beside any answer.

A body often files several documents for one year — its 部门决算说明 and its 部门整体支出绩效
自评报告 — and both state its headline figures (支出, 三公经费, 项目支出 …). They are one side of
any comparison (see ``compare.one_side_each``), so when they disagree the reader must see both
figures with their sources, whichever document the answer quoted. The check reads the fact table
(the metric the question names, each document's figure for the year, 决算 preferred), so it
matches items by metric, not by the words around a figure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.answer import Answer
from assistant.compare import metric_in, metrics_in, pick
from assistant.compose import who
from assistant.conflicts import agree, family
from assistant.scope import side_key
from assistant.understanding import Query
from index.models import FactRecord, Report

FactsOf = Callable[[str, Sequence[str]], list[FactRecord]]
WARNING = "同一单位同一年度的两份报告数字不一致"


def check(answer: Answer, query: Query, reports: Sequence[Report], facts_of: FactsOf) -> Answer:
    """``answer`` with a warning for each body-year it cites whose documents state the asked
    metric's figure differently, when the answer shows one of those figures."""
    if answer.refused or not answer.citations or any(WARNING in w for w in answer.warnings):
        return answer
    topic = query.topic or ""
    if len(metrics_in(topic)) > 1:
        return answer
    metric = metric_in(topic)
    if metric is None:
        return answer
    asked = query.zh_text or query.text
    by_id = {r.id: r for r in reports}
    told: list[str] = []
    seen: set[object] = set()
    for citation in answer.citations:
        report = by_id.get(citation.report_id)
        if report is None:
            continue
        ident = report.identity
        key = side_key(report)  # a project's report speaks of its project, not the body
        if not ident.year or not isinstance(key, tuple) or key in seen:
            continue
        seen.add(key)
        group = [r for r in reports if side_key(r) == key]
        if len(group) < 2:
            continue
        facts = facts_of(metric.name, [r.id for r in group])
        picked = [(r, p.facts[0]) for r in group if (p := pick(r, facts, asked, ident.year))]
        if len(picked) < 2 or len({family(f.qualifier) for _, f in picked}) > 1:
            continue
        if all(agree(picked[0][1], f) for _, f in picked[1:]):
            continue
        if not any(f.written in answer.answer or f.value_text in answer.answer for _, f in picked):
            continue  # the answer shows none of them: another figure was asked
        values = "、".join(f"{who(r)}（{_doc(r)}）“{f.written}”" for r, f in picked)
        told.append(f"{WARNING}：{metric.name} {values}，请核对原文。")
    if not told:
        return answer
    return replace(answer, warnings=(*answer.warnings, *told))


def _doc(report: Report) -> str:
    return report.identity.doc_type or report.file
