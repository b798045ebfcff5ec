"""Fact table end to end: stored at ingest, kept in step with remove, used for comparisons."""

from __future__ import annotations

import pytest

from assistant.conversation import Conversation
from evaluation.rules import unsupported_in as unsupported_money

pytestmark = pytest.mark.slow


def _report_id(service, county: str, year: int) -> str:
    return next(
        r.id for r in service.reports() if r.identity.county == county and r.identity.year == year
    )


def test_facts_are_stored_with_units_and_conflicts(qa_service):
    rows = qa_service.fact_table(county="青山", year=2023)
    by_metric = {}
    for _, fact in rows:
        by_metric.setdefault((fact.metric, fact.qualifier), []).append(fact)
    (final,) = by_metric[("三公经费", "决算")]
    assert (final.value_text, final.unit, final.value_yuan) == ("6.42万元", "万元", "64200.00")
    budget = by_metric[("基本支出", "预算")]
    assert {f.value_text for f in budget} >= {"612.40万元", "650.12万元"}
    assert all(f.conflict for f in budget)
    report = qa_service.report(_report_id(qa_service, "青山县", 2023))
    assert report.text[final.start : final.end].count("6.42万元") == 1


def test_ranking_across_counties_cites_every_line(qa_service):
    answer = qa_service.ask("2023年哪个县的三公经费更多？")
    lines = answer.answer.splitlines()
    assert lines[0].startswith("较多的是青山县") and "6.42万元" in lines[0]
    assert lines[2].startswith("1. 青山县") and "6.42万元" in lines[2]
    assert lines[3].startswith("2. 白水县") and "4.32万元（原文“43210.00元”）" in lines[3]
    assert {f.county for f in answer.facts} == {"青山县", "白水县"}
    assert {f.citation for f in answer.facts} <= {c.n for c in answer.citations}
    assert unsupported_money(answer.to_dict()) == []


def test_year_on_year_change_is_calculated_from_facts(qa_service):
    answer = qa_service.ask("青山县2023年三公经费决算比2022年减少了多少？")
    assert "6.42万元" in answer.answer and "7.15万元" in answer.answer
    assert "6.42万元 − 7.15万元 = -0.73万元" in answer.answer
    assert len(answer.citations) == 2 and len(answer.facts) == 2


def test_conversation_moves_between_counties_metrics_and_comparison(qa_service):
    talk = Conversation()
    qa_service.ask("青山县2023年三公经费是多少", talk)
    other = qa_service.ask("那白水呢？", talk)
    assert "43210.00元" in other.answer
    metric = qa_service.ask("公用经费呢？", talk)
    assert "507440.50元" in metric.answer
    both = qa_service.ask("和青山比呢？", talk)
    assert "白水县" in both.answer and "青山县" in both.answer
    assert "73.65万元" in both.answer and "507440.50元" in both.answer
    # 青山's 73.65万元 is a budget (基本支出预算…其中公用经费), 白水's an actual: not subtracted
    assert "口径不同" in both.answer and "229059.50" not in both.answer


def test_remove_drops_the_reports_facts(make_service, tmp_path):
    source = tmp_path / "r.txt"
    source.write_text(
        "青山县农业农村局2023年度部门整体支出绩效自评报告\n一、支出\n"
        "2023年“三公”经费预算8.00万元，决算6.42万元。\n",
        encoding="utf-8",
    )
    service = make_service()
    (outcome,) = service.ingest([source])
    assert service.fact_table(metric="三公经费")
    service.remove(outcome.report_id)
    assert service.catalog.facts() == []


def test_facts_cli_prints_and_exports_csv(qa_service, capsys, monkeypatch):
    import assistant.factory as factory
    from cli.main import main

    monkeypatch.setattr(factory, "build_service", lambda settings: qa_service)
    assert main(["facts", "--county", "白水", "--metric", "三公经费"]) == 0
    table = capsys.readouterr().out
    assert "43210.00元" in table and "青山县" not in table
    assert main(["facts", "--metric", "公用经费", "--csv"]) == 0
    csv_text = capsys.readouterr().out
    assert csv_text.startswith("\ufeffcounty,department,year,metric")
    assert "507440.50元" in csv_text and "73.65万元" in csv_text
    assert main(["facts", "--metric", "不存在的指标"]) == 2
    assert "unknown metric" in capsys.readouterr().err
