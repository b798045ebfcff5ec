"""A body's project self-evaluation and its own department-level reports, told apart; a
question over "N份材料" keeps every report; comparison questions keep only what they ask about
(各有, 两县, 多出 are how they ask; 谁的人多 asks the staff count)."""

from __future__ import annotations

import pytest

from assistant.scope import latest_years, project_name, project_scope, select_reports
from assistant.understanding import Catalogue, understand
from index.models import Report, ReportIdentity

PROJECT = "项目支出绩效自评报告"
WHOLE = "部门整体支出绩效自评报告"


def _report(rid: str, department: str, year: int, doc_type: str, title: str) -> Report:
    identity = ReportIdentity("岚水县", department, year, doc_type, title)
    return Report(rid, f"{rid}.txt", f"/x/{rid}.txt", "txt", rid, identity, "正文")


REPORTS = [
    _report("p", "农业农村局", 2023, PROJECT, "岚水县2023年高标准农田建设项目支出绩效自评报告"),
    _report("w", "农业农村局", 2023, WHOLE, "岚水县农业农村局2023年度部门整体支出绩效自评报告"),
    _report("o", "农业农村局", 2022, WHOLE, "岚水县农业农村局2022年度部门整体支出绩效自评报告"),
    _report("m", "民政局", 2023, WHOLE, "岚水县民政局2023年度部门整体支出绩效自评报告"),
]
CAT = Catalogue(tuple(r.identity for r in REPORTS))


def _scope(question: str) -> list[str]:
    query = understand(question, CAT)
    targets = project_scope(query, select_reports(query, REPORTS))
    return sorted(r.id for r in latest_years(query, targets)[0])


def test_the_project_is_read_from_its_title():
    assert project_name(REPORTS[0]) == "高标准农田建设"
    assert project_name(REPORTS[1]) is None


@pytest.mark.parametrize(
    ("question", "ids"),
    [
        # the body named, the project not: the body's own report, not the project's
        ("岚水农业农村局2023年一共支出多少钱", ["w"]),
        # the project named (a project word and its name, or four characters of its name)
        ("农田那个项目的资金到位了多少", ["p"]),
        ("高标准农田建设花了预算的几成", ["p"]),
        # the project against the body as a whole: both
        ("高标准农田项目的满意度和农业农村局整体比谁高", ["p", "w"]),
        # every report the question counts
        ("把这四份材料的自评得分排个序", ["m", "o", "p", "w"]),
        ("所有报告里谁的支出最多", ["m", "o", "p", "w"]),
    ],
)
def test_project_or_body(question, ids):
    assert _scope(question) == ids


def test_project_word_alone_is_not_a_project_name():
    # 项目支出 is a department's spending class; 工程 alone names nothing
    assert _scope("岚水农业农村局2023年项目支出占比多少") == ["w"]


@pytest.mark.parametrize(
    ("question", "not_terms"),
    [
        ("两县民政局的公务车各有几辆", {"两县", "各有"}),
        ("岚水民政局和农业农村局今年开支哪个大，高出多少", {"高出", "高出多少"}),
    ],
)
def test_comparison_wording_is_not_a_topic(question, not_terms):
    query = understand(question, CAT)
    assert query.intent == "compare"
    assert not set(query.terms) & not_terms


def test_who_has_more_people_asks_the_staff_count():
    query = understand("岚水县民政局和农业农村局谁的人更多", CAT)
    assert query.intent == "compare"
    assert "在职人数" in query.metrics
