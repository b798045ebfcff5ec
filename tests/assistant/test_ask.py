"""Asking questions end to end (real Chroma, real model) over the invented fixture reports."""

from __future__ import annotations

import pytest

from assistant.conversation import Conversation
from evaluation.rules import unsupported_in as unsupported_money

pytestmark = pytest.mark.slow


def _check_contract(service, answer) -> None:
    """Every citation quotes its report exactly, markers resolve, and no figure is invented."""
    data = answer.to_dict()
    for citation in answer.citations:
        report = service.report(citation.report_id)
        assert report.text[citation.start : citation.end] == citation.text
    markers = {int(n) for n in __import__("re").findall(r"\[(\d+)\]", answer.answer)}
    assert markers <= {c.n for c in answer.citations}
    assert unsupported_money(data) == []


def test_numeric_answer_quotes_figure_and_cites_it(qa_service):
    answer = qa_service.ask("白水县2023年三公经费决算多少？")
    assert not answer.refused
    assert "43210.00元" in answer.answer and "白水县" in answer.answer
    assert "[1]" in answer.answer
    assert answer.citations[0].county == "白水县" and answer.citations[0].year == 2023
    assert "≈4.32万元" in answer.answer  # labelled conversion beside the original
    _check_contract(qa_service, answer)


def test_budget_and_final_both_shown(qa_service):
    answer = qa_service.ask("青山县2023年三公经费预算和决算各是多少")
    assert "8.00万元" in answer.answer and "6.42万元" in answer.answer
    _check_contract(qa_service, answer)


def test_short_forms_resolve_to_indexed_names(qa_service):
    answer = qa_service.ask("青山农业农村局23年公务接待了几批次")
    assert "31批次" in answer.answer
    assert {c.county for c in answer.citations} == {"青山县"}


def test_conflicting_figures_in_one_report_are_flagged(qa_service):
    answer = qa_service.ask("青山县2023年基本支出预算是多少？")
    assert "612.40万元" in answer.answer and "650.12万元" in answer.answer
    assert any("不一致" in w for w in answer.warnings)
    _check_contract(qa_service, answer)


def test_table_cell_gets_the_caption_unit(qa_service):
    answer = qa_service.ask("青山县2023年收支决算表里项目支出决算数是多少？")
    assert "2290.05万元" in answer.answer
    _check_contract(qa_service, answer)


def test_unknown_county_is_refused_with_what_exists(qa_service):
    answer = qa_service.ask("桂阳县2023年三公经费是多少？")
    assert answer.refused
    assert "桂阳县" in answer.answer and "青山县" in answer.answer and "白水县" in answer.answer
    assert not any(ch.isdigit() for ch in answer.answer.split("现有报告")[0].replace("2023", ""))


def test_missing_year_is_refused_never_another_years_figure(qa_service):
    answer = qa_service.ask("白水县2022年三公经费是多少？")
    assert answer.refused
    assert "43210" not in answer.answer and "白水县农业农村局2023年度" in answer.answer


def test_not_in_report_is_refused(qa_service):
    answer = qa_service.ask("白水县2023年离退休人员经费是多少？")
    assert answer.refused
    assert "未找到" in answer.answer


def test_question_without_county_answers_each_report(qa_service):
    answer = qa_service.ask("2023年三公经费花了多少？")
    assert "青山县" in answer.answer and "白水县" in answer.answer
    assert "6.42万元" in answer.answer and "43210.00元" in answer.answer
    assert {c.county for c in answer.citations} == {"青山县", "白水县"}
    _check_contract(qa_service, answer)


def test_locate_gives_section_path_and_passage(qa_service):
    answer = qa_service.ask("青山县2023年报告哪一段讲了高标准农田？")
    assert "三、部门整体支出绩效情况 › （二）主要绩效" in answer.answer
    assert "1.2万亩" in answer.answer


def test_year_label_target_and_staffing_warnings(qa_service):
    staff = qa_service.ask("青山县2023年编制多少名，在职多少人？")
    assert "40名" in staff.answer and "45人" in staff.answer
    assert any("2022年" in w for w in staff.warnings)  # the figure is labelled 2022
    assert any("多于编制数" in w for w in staff.warnings)
    target = qa_service.ask("青山县2023年农机购置补贴惠及多少户？")
    assert "1260户" in target.answer
    assert any("未完成" in w for w in target.warnings)


def test_follow_ups_keep_the_slots(qa_service):
    talk = Conversation()
    first = qa_service.ask("青山县2023年公用经费是多少", talk)
    assert "73.65万元" in first.answer
    county = qa_service.ask("那白水呢？", talk)
    assert "507440.50元" in county.answer and "73.65" not in county.answer
    metric = qa_service.ask("人员经费呢？", talk)
    assert "3805120.00元" in metric.answer
    year = qa_service.ask("青山县2022年呢？", talk)
    assert "521.30万元" in year.answer


def test_carried_year_that_does_not_exist_is_dropped_with_a_note(qa_service):
    talk = Conversation()
    qa_service.ask("青山县2022年三公经费是多少", talk)
    answer = qa_service.ask("那白水呢？", talk)
    assert "43210.00元" in answer.answer
    assert any("没有2022年度" in w for w in answer.warnings)


def test_change_between_years_is_calculated(qa_service):
    answer = qa_service.ask("青山县2023年公用经费比2022年减少了多少？")
    assert "73.65万元" in answer.answer and "76.90万元" in answer.answer
    _check_contract(qa_service, answer)


def test_english_question_gets_english_sentence(qa_service):
    answer = qa_service.ask("How much was 青山县's 三公经费 in 2023?")
    assert answer.answer.startswith("According to")
    assert "6.42万元" in answer.answer
