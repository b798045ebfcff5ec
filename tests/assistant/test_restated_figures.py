"""One figure stated twice with different values, and a count labelled with the wrong year,
over invented reports (tests/fixtures/trap10: 青岩县农业农村局's 2022 and 2023 决算说明).

Planted: a project named in full in the 项目支出 list (第三次全国土壤普查专项经费58.36万元) and by a
shorter form in the results part (土壤普查专项全年实际支出53.86万元); a text amount
(种子检验检测支出412.50万元) against its row of the 支出决算表 (421.50); the 2023 report writing
"2022年度共为96名…学员" while the 2022 report says 78名 (and the 2023 table 96名). Not conflicts:
the same amount in text and table (耕地质量提升), a budget beside the actual amount, a share
(中央补助) of the project's money. Every question is in words of our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import year_labels
from assistant.statements import statements, sub_form
from tests.conftest import ask_offline, index_folder

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "trap10"


# -- units: no index -------------------------------------------------------------------------


def test_a_shorter_form_in_front_of_the_same_name_is_one_item():
    assert sub_form("土壤普查专项全年", "全国土壤普查专项经费")
    assert sub_form("水源地保护项目", "县级饮用水源地保护项目资金") is False  # 县级: a share
    assert not sub_form("土壤普查专项", "中央土壤普查专项经费")  # a share of the money
    assert not sub_form("土壤普查专项", "土壤普查专项中央补助")  # a part, named after the item
    assert not sub_form("普查专项", "全国普查专项经费")  # too short to name one item


def test_a_final_accounts_tables_spending_column_is_a_final_amount():
    text = (
        "表2 支出决算表（按功能分类）\n单位：万元\n"
        "科目名称\t本年支出合计\t本年支出基本支出\t本年支出项目支出\n"
        "种子检验检测\t421.50\t0.00\t421.50\n"
    )
    found = [s for s in statements(text) if s.table]
    assert [(s.label, s.family, s.quantity.raw) for s in found] == [
        ("种子检验检测", "actual", "421.50万元")
    ]  # the 基本支出/项目支出 columns are parts, not the row's amount
    budget = text.replace("支出决算表", "支出预算表")
    assert not [s for s in statements(budget) if s.table]


def test_a_count_before_what_it_counts_is_labelled_by_the_words_after_it():
    found = year_labels.figures("2022年度共为96名农民学员提供技能培训，满意度95%。", 2023)
    counted = [f for f in found if f.quantity.unit == "名"]
    assert [(f.label, f.year) for f in counted] == [("农民学员提供技能培训", 2022)]


# -- end to end over the invented reports ----------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "trap10-index", **chroma_settings())


def test_a_project_named_shorter_elsewhere_with_another_amount_is_shown_with_both(service):
    answer = ask_offline(service, "青岩农业农村局2023年土壤普查专项实际花了多少钱")
    assert "53.86" in answer.answer and "58.36" in answer.answer
    assert any("另有不同数字" in w for w in answer.warnings)


def test_a_share_of_a_project_stated_twice_gives_the_share_and_the_other_amount(service):
    answer = ask_offline(service, "青岩县农业农村局项目支出中土壤普查所占比重")
    assert "2.32%" in answer.answer and "53.86" in answer.answer
    assert any("另有不同数字" in w for w in answer.warnings)


def test_a_text_amount_against_its_table_row_is_told(service):
    answer = ask_offline(service, "青岩农业农村局2023年种子检验检测支出是多少")
    assert "421.50" in answer.answer and "412.50" in answer.answer
    assert any("另有不同数字" in w for w in answer.warnings)


def test_the_same_amount_in_text_and_table_and_a_budget_are_no_conflict(service):
    same = ask_offline(service, "青岩农业农村局2023年耕地质量提升支出多少")
    assert "655.30" in same.answer and not any("不同数字" in w for w in same.warnings)
    budget = ask_offline(service, "青岩农业农村局2023年土壤普查专项资金预算多少")
    assert "60.00" in budget.answer and not any("不同数字" in w for w in budget.warnings)


def test_a_count_under_the_wrong_year_is_shown_with_the_other_reports_count(service):
    answer = ask_offline(service, "青岩农业农村局2023年为多少名学员提供了技能培训")
    assert "96名" in answer.answer and "78名" in answer.answer
    assert any(w.startswith("年份标注存疑") for w in answer.warnings)


def test_the_year_a_count_was_mislabelled_with_gives_its_own_reports_count(service):
    answer = ask_offline(service, "青岩县农业农村局2022年培训了多少高素质农民学员")
    lead = answer.answer.split("\n")[0]
    assert "78名" in lead and "96名" in answer.answer
    assert any(w.startswith("年份标注存疑") for w in answer.warnings)


def test_other_items_in_the_quote_are_not_warned_about(service):
    counted = ask_offline(service, "青岩农业农村局土壤普查布设了多少个采样点")
    assert "1,240个" in counted.answer
    assert not any("不同数字" in w for w in counted.warnings)  # a count asked, not the money
    stations = ask_offline(service, "青岩农业农村局2022年耕地质量监测点布设了多少个")
    assert "40个" in stations.answer and "78名" in stations.answer  # quoted beside the count
    assert not any(w.startswith("年份标注存疑") for w in stations.warnings)
