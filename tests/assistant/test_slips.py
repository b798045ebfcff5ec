"""Planted slips that a single report carries, end to end over invented reports
(tests/fixtures/slips: a 2022 决算说明 whose text marks its own 基本支出/项目支出 "2021年度", with
rates its amounts do not give in text, across sentences and in a table, and a 三公 item stated
twice; a 2023 自评报告 that marks its own 项目支出 "2022年度"; an xlsx whose 执行率 cells are
fractions shown as %). No other year of these bodies is indexed. Every question is in words of
our own; a right answer shows every figure with its source and says what disagrees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import year_labels
from tests.conftest import ask_offline, index_folder

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "slips"


# -- units: no index -------------------------------------------------------------------------


def test_a_year_mark_carries_over_a_semicolon_and_short_items_have_a_key():
    text = "2021年度本年支出合计3265.18万元，其中：基本支出1046.73万元；项目支出2218.45万元。\n"
    found = {f.label: f for f in year_labels.figures(text, 2022)}
    assert found["基本支出"].year == 2021 and found["基本支出"].opens
    assert found["项目支出"].year == 2021 and found["项目支出"].opens  # after the semicolon
    assert year_labels.key("基本支出") == "基本支出"
    assert year_labels.key("公务接待费支出") == "公务接待费"
    assert year_labels.key("支出") == ""


def test_a_year_that_does_not_open_its_sentence_dates_nothing():
    text = "根据2021年造林规划，本年度完成造林面积1250.5亩。\n2021年，完成造林面积1250.5亩。\n"
    found = year_labels.figures(text, 2022)
    assert [f.opens for f in found] == [False, True]


# -- end to end over the invented reports ----------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "slips-index", **chroma_settings())


_ask = ask_offline


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "建宁林业局2022年基本支出多少",
        "建宁县林业局2021年的基本支出是多少",
        "What was Jianning forestry bureau's basic expenditure in 2021?",
    ],
)
def test_an_own_year_figure_marked_with_another_year_is_a_probable_slip(service, question):
    answer = _ask(service, question)
    text = answer.answer
    assert "1046.73万元" in text
    line = next(x for x in text.split("\n") if "笔误" in x)
    assert "2021年" in line and "2022年" in line  # both years named, whichever was asked
    assert "不能当作2021年的数字" in line
    assert any("年份标注存疑" in w for w in answer.warnings)


@pytest.mark.slow
def test_a_slip_is_found_from_the_own_year_statement_in_the_text(service):
    answer = _ask(service, "泰宁文旅局22年项目支出花了多少")
    assert "774.24万元" in answer.answer
    assert "“2022年”疑为“2023年”的笔误" in answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "建宁县林业局2022年三公经费完成率",
        "建宁林业局22年三公经费花了预算的百分之几",
        "建宁林业局2022年三公经费预算执行情况",
        "What share of its budget did Jianning forestry bureau spend on the three public "
        "expenses in 2022?",
    ],
)
def test_a_rate_sentence_after_its_amounts_is_recomputed(service, question):
    answer = _ask(service, question)
    assert "82.16%" in answer.answer  # stated two sentences after the amounts
    assert "38.62万元 ÷ 45.00万元（预算）= 85.82%" in answer.answer
    assert any("对不上" in w for w in answer.warnings)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "stated", "computed"),
    [
        ("建宁林业局有害生物防治项目的执行率是多少", "87.90%", "78.90%"),  # a table column
        ("明溪自然资源局地质灾害防治项目执行率", "93.55%", "85.50%"),  # xlsx fraction as %
        ("建宁林业局22年一般公共预算财政拨款完成年初预算的比例", "92.31%", "90.80%"),
    ],
)
def test_a_stated_rate_its_amounts_do_not_give_is_shown_beside_the_recomputed_one(
    service, question, stated, computed
):
    answer = _ask(service, question)
    assert stated in answer.answer and computed in answer.answer
    assert "不一致" in answer.answer


@pytest.mark.slow
def test_a_consistent_rate_gets_no_check_line(service):
    answer = _ask(service, "明溪县自然资源局2023年项目支出完成率是多少")
    assert "92.74%" in answer.answer
    assert "核对" not in answer.answer and not answer.warnings


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "建宁林业局22年车辆运行花了多少钱",
        "How much did Jianning forestry bureau spend running its official vehicles in 2022?",
        "What were Jianning forestry bureau's vehicle operating costs in 2022?",
    ],
)
def test_an_item_stated_twice_is_flagged_when_asked_in_other_words(service, question):
    answer = _ask(service, question)
    assert "21.36万元" in answer.answer and "23.16万元" in answer.answer
    assert any("前后不一致" in w for w in answer.warnings)


@pytest.mark.slow
@pytest.mark.parametrize("question", ["将乐林业局2022年基本支出多少", "沙县林业局22年项目支出"])
def test_a_county_named_by_its_stem_that_is_not_indexed_is_refused(service, question):
    answer = service.ask(question, use_llm=False)
    assert answer.refused
    assert "1046.73" not in answer.answer and "2218.45" not in answer.answer


@pytest.mark.slow
def test_a_budget_asked_where_only_spending_is_stated_says_so(service):
    answer = service.ask("泰宁文旅局2023年三公经费预算是多少", use_llm=False)
    assert "6.84万元" in answer.answer
    assert "报告此处未给出预算数" in answer.answer
    stated = service.ask("建宁林业局2022年公务接待费预算是多少", use_llm=False)
    assert "20.00万元" in stated.answer and "未给出预算数" not in stated.answer
