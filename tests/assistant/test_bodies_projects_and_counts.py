"""Bodies, projects and counts asked in the asker's own words (tests/fixtures/own16, invented:
沅岑县人民法院 2022, 沅岑县人民检察院 2023, 霁川县蚕桑技术服务中心 2022/2023).

Classes: a court or procuratorate named without 人民 (法院, 检察院, "court", "procuratorate");
a body named in English by words before its head ("the Jichuan sericulture service center");
a project named by an abbreviation the report never writes ("桑园防病项目" for 桑园病虫害统防
统治项目) and referred to again ("同一个项目"); a remainder the report states ("结转结余还剩
多少") shown without a made-up gap; a rate asked colloquially ("执行得咋样") read from "完成预算的
70.00%"; "执行44.16万元" as the amount spent; a number of cases never answered by counting the
kinds of cases a duty statement lists; a narrower total ("政府采购支出合计") never taken for the
body's spending; a share asked after a sibling part ("基本支出呢" → "项目支出占多少") taken of
their total.

Each question is written for this test, in words the development sets do not use."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import english
from tests.conftest import ask_offline, index_folder, last_answer

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "own16"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "own16-index")


# -- courts and procuratorates by their everyday names --


@pytest.mark.parametrize(
    ("question", "body", "figure"),
    [
        ("沅岑法院2022年支出决算多少", "沅岑县人民法院2022年度", "2386.40万元"),
        ("沅岑检察院23年全年支出是多少", "沅岑县人民检察院2023年度", "1310.40万元"),
        ("What did the Yuancen procuratorate spend in 2023?", "沅岑县人民检察院", "1310.40万元"),
    ],
)
def test_a_court_and_a_procuratorate_go_by_their_everyday_names(service, question, body, figure):
    answer = ask_offline(service, question)
    assert body in answer.answer.splitlines()[0] and figure in answer.answer.splitlines()[0]


def test_an_english_body_named_by_words_before_its_head_is_that_body(service):
    answer = ask_offline(service, "What did the Jichuan sericulture service center spend in 2023?")
    first = answer.answer.splitlines()[0]
    assert "霁川县蚕桑技术服务中心" in first and "193.12万元" in first


def test_a_body_phrase_inside_a_hyphenated_word_names_no_body():
    zh, _ = english.to_chinese("How much was spent on the smart-court project?")
    assert "人民法院" not in zh


# -- projects by the asker's abbreviation --


def test_a_project_abbreviated_in_words_the_report_never_writes_is_its_project(service):
    text = last_answer(service, ["霁川蚕桑中心22年桑园防病项目预算多少"])
    assert "42.00万元" in text.splitlines()[0]
    assert "未找到" not in text


def test_the_same_project_followed_into_the_next_year(service):
    turns = ["霁川蚕桑中心22年桑园防病项目预算多少", "实际花了多少"]
    assert "40.32万元" in last_answer(service, turns).splitlines()[0]
    later = last_answer(service, [*turns, "23年同一个项目呢？"])
    assert "2023年度" in later and "44.16万元" in later.splitlines()[0]


def test_an_amount_written_as_executed_is_the_amount_spent(service):
    answer = ask_offline(service, "沅岑检察院23年公益诉讼办案保障项目实际用了多少")
    first = answer.answer.splitlines()[0]
    assert "45.12万元" in first and "48.00万元" not in first


# -- remainders, colloquial rates, totals of a narrower item --


def test_a_stated_remainder_is_answered_without_a_gap_worked_out(service):
    answer = ask_offline(service, "沅岑县法院22年年末结转结余还剩多少")
    assert "90.60万元" in answer.answer.splitlines()[0]
    assert "差额" not in answer.answer and "未支出" not in answer.answer


def test_a_rate_asked_colloquially_is_the_rate_of_the_budget_completed(service):
    answer = ask_offline(service, "沅岑检察院23年公务接待费执行得咋样")
    assert "70.00%" in answer.answer.splitlines()[0]


def test_a_narrower_items_total_is_not_a_statement_of_the_bodys_spending(service):
    answer = ask_offline(service, "沅岑法院2022年总支出多少")
    assert "2386.40万元" in answer.answer.splitlines()[0]
    assert not any("41.20" in w for w in answer.warnings)


# -- numbers of things against lengths of lists --


def test_an_english_count_of_cases_is_asked_in_their_measure_word():
    zh, _ = english.to_chinese("How many cases were closed in 2022?")
    assert "多少件" in zh


def test_a_number_of_cases_is_never_the_count_of_the_kinds_a_duty_lists(service):
    """The report states 审结5918件 in words the dictionary does not reach ("conclude"): an
    honest refusal, never "共3项" for 刑事、民事、行政."""
    answer = ask_offline(service, "How many cases did the Yuancen court conclude in 2022?", True)
    assert "按原文所列逐项计数" not in answer.answer
    assert "共3" not in answer.answer


def test_a_share_asked_after_a_sibling_part_is_of_their_total(service):
    """ "项目支出占多少" after the total and then "基本支出呢": 88.50 ÷ 193.12, not ÷ 104.62."""
    text = last_answer(service, ["霁川蚕桑中心23年支出合计多少", "基本支出呢", "项目支出占多少"])
    assert "45.83%" in text and "84.59%" not in text


@pytest.mark.parametrize(
    "question",
    [
        "霁川蚕桑中心公务接待23年比22年，批次和人次各变了多少",
        "霁川蚕桑中心公务接待22年和23年比，批次人次变化多少",
    ],
)
def test_each_measure_of_a_count_asked_over_two_years_is_worked_out(service, question):
    """6批次、38人次 in 2022 against 5批次、31人次 in 2023: both changes, never the cost's."""
    answer = ask_offline(service, question)
    assert "-1批次" in answer.answer and "-7人次" in answer.answer
    assert "0.55万元 − 0.62万元" not in answer.answer


# -- near misses: a misdeed that did not happen, another project's form --


def test_a_misdeed_that_did_not_happen_is_no_absence_of_the_spending(service):
    """ "未发生违规采购行为" says nothing about how much was bought: no "没有——" answer."""
    answer = ask_offline(service, "霁川蚕桑中心2023年政府采购花了多少", refused=True)
    assert "没有" not in answer.answer.splitlines()[0]


def test_a_row_of_another_projects_form_is_not_the_asked_projects():
    """The caption above a row names whose form it is: a row of 桑园病虫害统防统治项目's form is
    no score of 蚕种催青补助项目, though its label shares 补助 with the asked name."""
    from assistant.absent_detail import other_project

    row = "防治补助发放率：得分 18、目标值 ≥95%"
    asked = "霁川蚕桑中心23年蚕种催青补助项目得了几分"
    assert other_project(asked, f"桑园病虫害统防统治项目绩效自评表\n{row}") == "蚕种催青补助"
    assert other_project(asked, f"蚕种催青补助项目绩效自评表\n{row}") is None


def test_an_average_over_several_projects_is_no_one_projects_score(service):
    """ "对公益诉讼办案保障等2个项目…平均得分95.2分": that project's own score is not given."""
    ask_offline(service, "沅岑检察院23年公益诉讼办案保障项目自评得了几分", refused=True)
    answer = ask_offline(service, "沅岑检察院23年项目自评平均得分多少")
    assert "95.2分" in answer.answer.splitlines()[0]


def test_an_indicators_growth_rate_is_never_the_bodys_income_growth(service):
    """ "蚕农人均养蚕收入增长率" is an indicator of the 2022 report only: asked of 2023 it is
    refused — neither the body's 收入 growth (6.68%) nor 2022's value (6.2%) answers it."""
    answer = ask_offline(service, "霁川蚕桑中心23年蚕农人均养蚕收入增长率完成了多少", refused=True)
    assert "6.68%" not in answer.answer and "6.2%" not in answer.answer
    earlier = ask_offline(service, "霁川蚕桑中心22年蚕农人均养蚕收入增长率完成了多少")
    assert "6.2%" in earlier.answer.splitlines()[0]
    own = service.ask("霁川蚕桑中心23年收入比上年增长多少", use_llm=False)
    assert "6.68%" in own.answer.splitlines()[0]


# -- a rate asked of the item the conversation is about --


def test_a_rate_asked_after_an_item_is_that_items_worked_out_from_its_amounts(service):
    """ "执行率呢" after 蚕种催青's spending: 43.34 ÷ 44.00 = 98.50%, never the other project's
    stated 96.00% nor the body's 95.80%."""
    text = last_answer(service, ["霁川蚕桑中心23年蚕种催青那个花了多少", "执行率呢"])
    assert "98.50%" in text.splitlines()[0]
    assert "96.00%" not in text and "95.80%" not in text


@pytest.mark.parametrize("question", ["霁川蚕桑中心23年有哪些项目", "霁川蚕桑中心23年做了哪些项目"])
def test_the_projects_asked_by_name_are_the_points_numbered_in_chinese(service, question):
    """ "哪些项目" (one jieba word) asks 项目's names: the "（一）（二）" points of the section."""
    answer = ask_offline(service, question)
    first = answer.answer.splitlines()[0]
    assert "桑园病虫害统防统治项目" in first and "蚕种催青补助项目" in first and "共2项" in first
