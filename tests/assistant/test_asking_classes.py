"""Single questions understood as asked (issue 9, classes 1–5), in words of our own over two
invented reports (tests/fixtures/asking): colloquial pointers and measure words are never
searched as topics; every part of a multi-part question gets its figure (one quote may carry
both); the asked measure word decides the figure or the answer is a refusal; the asked
column/kind wins (得分 not 扣分, a standard per person not a total); general English terms of
budget reporting. Unit checks first, then answers end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import answerable, derived, english
from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity
from tests.conftest import index_folder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "asking"
CAT = Catalogue(
    (
        ReportIdentity("梅岭县", "文化广电和旅游局", 2023),
        ReportIdentity("梅岭县", "水利局", 2023),
    )
)


# -- class 1: leftovers that are no topic -------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "wanted", "never"),
    [
        ("梅岭水利局和美乡村那笔钱用了多少", {"和美乡村"}, {"笔钱", "那笔", "钱"}),
        ("梅岭文旅局表1里其他收入调整后预算多少", {"其他收入"}, {"表1里", "表1", "里"}),
        ("梅岭水利局手头有几台车", {"车"}, {"手头", "台车", "几台"}),
        ("梅岭文旅局这部分钱里头人员经费是多少", {"人员经费"}, {"这部分", "里头"}),
        ("附表二中梅岭水利局公务接待费多少块钱", {"公务接待费"}, {"附表二", "块钱"}),
        ("梅岭水利局年底还剩几辆车", {"车"}, {"还剩", "几辆"}),
    ],
)
def test_colloquial_pointers_and_measure_words_are_never_topics(question, wanted, never):
    query = understand(question, CAT)
    assert wanted <= set(query.terms), query.terms
    assert not (never & set(query.terms)), query.terms


@pytest.mark.parametrize(
    "question",
    [
        "梅岭文旅局自评表里社区文化设施开放率多少",
        "梅岭水利局工业园区供水工程几处",
        "梅岭水利局报表里景区供水多少",
    ],
)
def test_common_nouns_ending_in_qu_are_no_county(question):
    query = understand(question, CAT)
    assert query.unknown == () and query.counties == ("梅岭县",)


# -- class 2: multi-part ------------------------------------------------------------------------


def test_a_later_part_naming_only_a_verb_is_about_the_earlier_thing():
    query = understand("梅岭文旅局送戏下乡演了多少场次，拨付了多少", CAT)
    assert len(query.topics) == 2
    assert "拨付" in query.topics[1] and "下乡" in query.topics[1]
    assert "场次" not in query.topics[1]  # the earlier part's measure word is not carried


def test_a_total_of_one_part_is_not_a_sum_of_the_asked_figures():
    one = "政府采购合同一共多少钱，中小企业占了多大比例"
    assert not derived.asks_sum(one)
    assert derived.asks_sum("人员经费和公用经费一共多少")
    assert derived.asks_sum("人员经费多少，公用经费多少，一共多少")


# -- class 3: measure words ---------------------------------------------------------------------


def test_a_count_of_things_is_never_answered_with_money():
    assert answerable.asks_counted_only("单位有多少辆公务用车")
    assert answerable.wrong_kind("单位有多少辆公务用车", "5.62万元")
    assert not answerable.wrong_kind("单位有多少辆公务用车", "5辆")
    assert not answerable.asks_counted_only("有几辆公务用车，运维费多少")  # money asked too
    assert answerable.counted_figure("年底还剩几台车", "运维费6.02万元，保有量5辆") == (
        "保有量",
        "5辆",
    )


def test_a_deduction_never_answers_a_score():
    asked = "开放率这个指标得了多少分"
    assert answerable.deduction_for_score(asked, "开放率（扣1.5分）", "1.5分")
    assert not answerable.deduction_for_score("开放率扣了几分", "开放率（扣1.5分）", "1.5分")
    assert understand("梅岭文旅局开放率那个指标得了几分", CAT).qualifier == "得分"


# -- class 5: English ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("What was the other income in the final accounts?", "其他收入"),
        ("How much vehicle purchase tax subsidy went to rural roads?", "车购税"),
        ("How much business income did the unit earn?", "经营收入"),
        ("How many temporary-assistance cases were handled?", "临时救助"),
    ],
)
def test_general_english_terms_of_budget_reporting(question, term):
    zh, _ = english.to_chinese(question)
    assert term in zh


# -- end to end ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "asking-index")


def _lead(answer) -> str:
    return answer.answer.split("\n")[0]


def test_colloquial_questions_are_answered(service):
    village = service.ask("梅岭水利局和美乡村那笔钱用了多少")
    assert "240.00万元" in _lead(village)
    income = service.ask("梅岭文旅局表1里其他收入调整后预算多少")
    assert "41.00" in _lead(income)
    cars = service.ask("梅岭水利局手头有几台车")
    assert "5辆" in _lead(cars)


def test_every_part_of_a_multi_part_question_gets_its_figure(service):
    bought = service.ask("梅岭文旅局政府采购合同一共多少钱，中小企业占了多大比例")
    assert "415.30万元" in _lead(bought) and "84.95%" in _lead(bought)
    assert "768.10" not in bought.answer  # no sum of a total and its own part
    staff = service.ask("梅岭文旅局人头经费和公用经费分别用了多少")
    assert "702.18万元" in _lead(staff) and "144.14万元" in _lead(staff)
    heritage = service.ask("梅岭文旅局开展非遗传承人培训几期，发放了多少")
    assert "9期" in _lead(heritage) and "38.60万元" in _lead(heritage)


def test_each_part_reads_its_own_column_of_a_table_stacked_under_another(service):
    staff = service.ask("梅岭水利局一共多少编制，实际有多少人")
    assert "22人" in _lead(staff) and "20人" in _lead(staff)


def test_the_asked_measure_word_decides_the_figure(service):
    none = service.ask("梅岭文旅局有几辆公务用车")  # the report states only the running cost
    assert "5.62" not in none.answer and "未找到" in none.answer
    left = service.ask("梅岭水利局年底还有几辆车")
    assert "5辆" in _lead(left)


def test_the_asked_kind_of_figure_wins(service):
    score = service.ask("梅岭文旅局公共文化设施免费开放率这个指标得了多少分")
    assert "8.5" in _lead(score) and "1.5" not in _lead(score)
    standard = service.ask("梅岭水利局供水工程维修养护的补助标准是多少")
    assert "3000元" in _lead(standard) and "78.00" not in _lead(standard)


def test_an_indicator_row_under_a_merged_cell_answers_target_actual_and_points_lost(service):
    answer = service.ask("梅岭文旅局群众文化活动满意度目标多少，实际多少，扣了几分")
    assert "≥90%" in _lead(answer) and "88.0%" in _lead(answer)
    assert "10 − 8 = 2分" in answer.answer


def test_english_budget_terms_are_answered(service):
    answer = service.ask(
        "For Meiling's water resources bureau, what was the adjusted budget for other income "
        "and how much was actually received?"
    )
    assert "52.00万元" in _lead(answer) and "47.30万元" in _lead(answer)
