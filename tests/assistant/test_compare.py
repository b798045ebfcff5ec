"""Comparison and difference answers from literal facts (no model, no store)."""

from __future__ import annotations

from assistant.answer import Passage
from assistant.compare import FactAnswerer, metric_in
from assistant.understanding import Query
from index.models import FactRecord, Report, ReportIdentity


def _report(rid: str, county: str, year: int, dept: str = "农业农村局") -> Report:
    return Report(
        rid, f"{rid}.txt", f"/x/{rid}.txt", "txt", rid, ReportIdentity(county, dept, year), ""
    )


def _fact(
    rid: str,
    text: str,
    unit: str,
    value: str,
    yuan: str | None,
    qualifier: str | None,
    year: int,
    metric: str = "三公经费",
    start: int = 0,
) -> FactRecord:
    return FactRecord(rid, metric, qualifier, text, unit, value, yuan, year, start, start + 10)


def _answerer(facts: list[FactRecord]) -> FactAnswerer:
    def find(report_id: str, start: int, end: int) -> Passage:
        return Passage(
            f"{report_id}-{start}",
            report_id,
            f"{report_id}.txt",
            None,
            None,
            None,
            "二、支出",
            "…",
            start,
            end + 20,
            1.0,
        )

    def facts_of(metric: str, ids) -> list[FactRecord]:
        return [f for f in facts if f.metric == metric and f.report_id in ids]

    return FactAnswerer(facts_of, find)


A = _report("a", "青山县", 2022)
B = _report("b", "白水县", 2023)
C = _report("c", "云溪县", 2023)
FACTS = [
    _fact("a", "1.16万元", "万元", "1.16", "11600.00", "决算", 2022),
    _fact("a", "2万元", "万元", "2", "20000", "预算", 2022),
    _fact("b", "6000元", "元", "6000", "6000", "决算", 2023),
]


def test_metric_named_in_question():
    assert metric_in("哪个县三公经费更多").name == "三公经费"
    assert metric_in("公务接待费呢").name == "公务接待费"
    assert metric_in("5G基站建了多少") is None


def test_ranking_in_one_unit_with_originals_and_missing_reports_named():
    query = Query(text="哪个县的三公经费更多？", language="zh", intent="compare", topic="三公经费")
    answer = _answerer(FACTS).answer(query, [A, B, C])
    lines = answer.answer.splitlines()
    assert lines[0].startswith("较多的是青山县")  # the direct answer first, then the ranking
    assert "1.16万元（原文“1.16万元”）" in lines[2] and lines[2].startswith("1. 青山县")
    assert "0.60万元（原文“6000元”）" in lines[3] and lines[3].startswith("2. 白水县")
    assert "多0.56万元（计算：1.16万元 − 0.60万元 = 0.56万元）" in lines[4]  # the gap of the two
    assert "云溪县" in lines[5] and "未找到" in lines[5]
    assert any("年度不同" in w for w in answer.warnings)
    assert [f.value for f in answer.facts] == ["1.16万元", "6000元"]
    assert {f.citation for f in answer.facts} == {c.n for c in answer.citations}


def test_budget_question_uses_budget_figures():
    query = Query(text="三公经费预算谁多", language="zh", intent="compare", topic="三公经费预算")
    answer = _answerer(FACTS).answer(query, [A, B])
    assert "原文“2万元”" in answer.answer and "白水县" in answer.answer


def test_year_on_year_difference_is_a_shown_calculation():
    earlier = _report("e", "青山县", 2022)
    later = _report("l", "青山县", 2023)
    facts = [
        _fact("e", "76.90万元", "万元", "76.90", "769000.00", None, 2022, "公用经费"),
        _fact("l", "73.65万元", "万元", "73.65", "736500.00", None, 2023, "公用经费"),
    ]
    query = Query(
        text="2023年公用经费比2022年减少了多少", language="zh", intent="compare", topic="公用经费"
    )
    answer = _answerer(facts).answer(query, [later, earlier])
    assert "减少3.25万元" in answer.answer
    assert "73.65万元 − 76.90万元 = -3.25万元" in answer.answer
    assert len(answer.citations) == 2


def test_conflicting_values_are_all_shown_and_warned():
    from dataclasses import replace

    facts = [  # the fact table marks them as conflicting; a mere restatement is not shown twice
        replace(
            _fact("a", "620.09万元", "万元", "620.09", "6200900.00", "预算", 2022, "基本支出"),
            conflict=True,
        ),
        replace(
            _fact("a", "513.45万元", "万元", "513.45", "5134500.00", "预算", 2022, "基本支出", 50),
            conflict=True,
        ),
        _fact("b", "4058.59", "万元", "4058.59", "40585900.00", "预算", 2023, "基本支出"),
        _fact(
            "b", "40585912.53元", "元", "40585912.53", "40585912.53", "预算", 2023, "基本支出", 60
        ),
    ]
    query = Query(text="基本支出预算比较", language="zh", intent="compare", topic="基本支出预算")
    answer = _answerer(facts).answer(query, [A, B])
    assert "620.09" in answer.answer and "513.45" in answer.answer
    assert [w for w in answer.warnings if "不一致" in w] == [
        "青山县农业农村局2022年度报告中同一数字前后不一致：620.09万元、513.45万元，请核对原文。"
    ]


def test_a_difference_across_元_and_万元_is_in_万元_with_the_exact_元_beside():
    earlier = _report("e", "石门县", 2020, "档案局")
    later = _report("l", "石门县", 2021, "档案局")
    facts = [
        _fact("e", "5.18万元", "万元", "5.18", "51800.00", None, 2020, "公用经费"),
        _fact("l", "48,213.00元", "元", "48213.00", "48213.00", None, 2021, "公用经费"),
    ]
    query = Query(
        text="档案局公用经费前后两年差了几何", language="zh", intent="compare", topic="公用经费"
    )
    answer = _answerer(facts).answer(query, [later, earlier])
    # the larger unit either side wrote leads; 万元 to two places rounds, so 元 is given too
    assert "减少0.36万元" in answer.answer
    assert "48,213.00元（约4.82万元） − 5.18万元 = -0.36万元，即-3587.00元" in answer.answer
    assert "下降6.92%" in answer.answer
