"""Year slips across a body's reports, near misses and false conflicts, over invented reports
(tests/fixtures/slips8: 石岭县水务局's 2022 决算说明 and 2023 自评报告).

Planted: the 2023 report writes its own 三公经费 (8.73, its table's 决算数) under "2022年" while the
2022 report gives 9.64; the 2022 report writes its own year's total spending (2533.72, its table's
合计) under "2021年", a year with no report. Near misses: a use listed after another amount of
the sentence (水土保持治理), only a project's score where the department's is asked, 中央 and
省级 funds written only together. Not conflicts: 支出总计 (with the carry-overs) beside 本年支出
合计. Every question is in words of our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import answerable, year_labels
from assistant.evidence import Topic
from tests.conftest import ask_offline, index_folder

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "slips8"


# -- units: no index -------------------------------------------------------------------------


def test_a_years_running_total_is_that_years_figure_but_a_total_over_years_is_not():
    found = year_labels.figures("2020年全年累计支出356.20万元，执行率95.10%。", 2021)
    spent = [f for f in found if f.quantity.unit == "万元"]
    assert [(f.label, f.year) for f in spent] == [("支出", 2020)]
    since = year_labels.figures("2018年以来累计投入治理资金1250.00万元。", 2021)
    assert not [f for f in since if f.year == 2018]  # a running total over years


def test_two_parts_asked_each_are_not_given_when_written_only_together():
    shown = "年内追加中央和省级林业改革资金，调整预算为865.40万元"
    asked = "林业改革资金中央的和省级的分别是多少"
    assert answerable.joined_parts(asked, shown, "865.40万元") == "中央和省级各自"
    split = "年内追加中央和省级林业改革资金，分别为500.00万元和365.40万元"
    assert answerable.joined_parts(asked, split, "500.00万元") is None
    assert answerable.joined_parts("林业改革资金多少", shown, "865.40万元") is None


def test_a_projects_score_does_not_answer_the_departments_score():
    shown = "本部门对5个项目开展了绩效自评，其中护林防火项目自评得分91.30分"
    asked = "县林业局部门整体绩效自评得了几分"
    assert answerable.project_score_for_body(asked, shown, "91.30分", "四、绩效管理")
    own = "经综合评价，本部门整体支出绩效自评得分88.6分"
    assert not answerable.project_score_for_body(asked, own, "88.6分", "四、自评结论")
    by_name = "护林防火项目自评得了几分，部门整体呢"
    assert not answerable.project_score_for_body(by_name, shown, "91.30分", "四、绩效管理")


def test_a_use_listed_after_another_amount_of_the_sentence_has_no_amount_of_its_own():
    shown = (
        "其中基本支出300.50万元（人员经费250.10万元），项目支出410.20万元，"
        "主要用于护林防火、林木良种培育和有害生物防治"
    )
    topic = Topic(("林木", "良种", "培育"), (), frozenset({"money"}), (), False)
    use = answerable.merged_use("林木良种培育花费多少", topic, shown, "300.50万元")
    assert use == "林木良种培育"
    whole = Topic(("基本支出",), (), frozenset({"money"}), ("基本支出",), False)
    assert answerable.merged_use("基本支出多少", whole, shown, "300.50万元") is None


def test_a_named_projects_score_needs_the_project_in_the_report_and_not_the_bodys_score():
    topic = Topic(("退耕还林", "项目", "得分"), (), frozenset({"score"}), (), False)
    asked = "县林业局退耕还林项目得了多少分"
    text = "本部门整体支出绩效自评得分90分。护林防火项目自评得分91.30分。"
    assert answerable.project_not_in_report(asked, topic, text) == "退耕还林"
    assert answerable.project_not_in_report(asked, topic, text + "退耕还林补助发放到户。") is None
    both = "退耕还林项目和护林防火项目哪个得分高"  # a comparison's topic holds both names
    assert answerable.project_not_in_report(both, topic, text) is None
    body = "经自评，本局2023年度部门整体支出绩效良好，自评得分90分"
    assert answerable.body_score_for_project(asked, body, "90分")
    assert not answerable.body_score_for_project("县林业局部门整体自评多少分", body, "90分")


def test_a_part_of_a_fund_by_use_is_not_the_funds_amount():
    asked = "护林资金里有多少用在防火通道修缮上"
    fund = "护林资金：实际支出数 420.60万元、全年预算数 450.00万元"
    assert answerable.use_within_fund(asked, fund) == "防火通道修缮"
    named = "护林资金420.60万元，其中防火通道修缮支出88.00万元"
    assert answerable.use_within_fund(asked, named) is None
    assert answerable.use_within_fund("护林资金花了多少", fund) is None


# -- end to end over the invented reports ----------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "slips8-index", **chroma_settings())


def _cited_text(answer) -> str:
    return "\n".join(c.text for c in answer.citations)


@pytest.mark.parametrize(
    "question", ["石岭县水务局2022年三公经费是多少", "石岭水务局22年“三公”经费决算了多少"]
)
def test_the_marked_year_asked_shows_its_reports_figure_and_the_slipped_one(service, question):
    answer = ask_offline(service, question)
    assert "9.64" in answer.answer and "8.73" in answer.answer
    assert "笔误" in answer.answer and "应以" in answer.answer
    assert any(w.startswith("年份标注存疑") for w in answer.warnings)
    assert "9.64" in _cited_text(answer) and "8.73" in _cited_text(answer)


def test_the_reports_own_year_asked_shows_the_other_reports_figure_too(service):
    answer = ask_offline(service, "石岭水务局23年的三公经费支出情况")
    assert "8.73" in answer.answer and "9.64" in answer.answer
    assert "“2022年”疑为“2023年”的笔误" in answer.answer
    assert "9.64" in _cited_text(answer)


@pytest.mark.parametrize("question", ["石岭水务局2021年一共开支了多少", "石岭水务局21年支出总额"])
def test_a_year_without_report_finds_the_sentence_marked_with_it_and_doubts_it(service, question):
    answer = ask_offline(service, question)
    assert "2533.72万元" in answer.answer and "2021" in answer.answer
    assert "标注存疑" in answer.answer and "2022年的数字" in answer.answer


def test_a_projects_score_is_given_when_the_project_is_named(service):
    answer = ask_offline(service, "石岭水务局2022年农村饮水安全巩固项目自评得分多少")
    assert "94.20" in answer.answer


@pytest.mark.parametrize(
    "question",
    ["石岭水务局2023年河道清障项目的自评打了多少分", "石岭水务局2023年防汛抗旱项目自评得了几分"],
)
def test_another_projects_or_the_departments_score_does_not_answer_a_named_project(
    service, question
):
    answer = ask_offline(service, question, refused=True)
    assert "92.5" not in answer.answer and "94.20" not in answer.answer


def test_a_use_of_the_project_spending_is_not_answered_with_the_basic_spending(service):
    answer = ask_offline(service, "石岭水务局2022年水土保持治理用了多少钱", refused=True)
    assert "未单列“水土保持治理”" in answer.answer
    assert "1237.22" not in answer.answer.split("报告只写了")[0]


def test_a_part_of_the_project_spending_by_use_is_not_split_out(service):
    answer = ask_offline(service, "石岭水务局2022年项目支出中有多少用于河道清障", refused=True)
    assert "未单列“河道清障”" in answer.answer


def test_the_departments_score_is_not_a_projects_score(service):
    answer = ask_offline(service, "石岭水务局2022年部门整体绩效自评多少分", refused=True)
    assert "94.20" not in answer.answer


def test_the_department_score_that_is_written_is_still_given(service):
    answer = ask_offline(service, "石岭水务局2023年部门整体支出绩效自评得分多少")
    assert "92.5" in answer.answer


def test_two_funding_sources_asked_each_are_not_split_out(service):
    answer = ask_offline(
        service, "石岭水务局2022年水利发展资金里中央和省级的各是多少", refused=True
    )
    assert "未单列“中央和省级各自”" in answer.answer
    assert "2602.75" in answer.answer  # the joint amount, quoted as what it is


def test_the_total_with_carry_overs_is_not_a_second_figure_for_the_years_total(service):
    answer = ask_offline(service, "石岭水务局2022年本年支出合计是多少")
    assert "2533.72" in answer.answer
    assert "前后不一致" not in answer.answer
    assert not any("不一致" in w for w in answer.warnings)
