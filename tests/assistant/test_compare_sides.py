"""Two-sided comparisons and the follow-ups that lead to them: two figures of one metric always
end with their difference (and which side is larger), a year compared with the one before takes
that year's report, a counted thing (cars) is compared by its count, and follow-ups naming
nothing of their own ("哪一年高", "What's the difference?", "折合成元是多少", "执行了百分之多少",
"当中招待费是多少") inherit the subject of the earlier turns. Fixture reports:
tests/fixtures/sides (invented figures; 沛县 is a one-character county)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.compare import counted_metric
from assistant.compose import lead_figure
from assistant.conversation import converts_only, over_turns
from assistant.convert import asked_unit, conversions
from assistant.derived import Input, change, execution
from assistant.english import county_by_pinyin
from assistant.evidence import make_topics
from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity
from index.numbers import find_quantities
from tests.conftest import index_folder
from tests.conftest import last_answer as _last

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sides"

_CATALOGUE = Catalogue(
    (
        ReportIdentity(county="松阳县", department="水利局", year=2022),
        ReportIdentity(county="松阳县", department="水利局", year=2023),
        ReportIdentity(county="沛县", department="水利局", year=2023),
    )
)


def _input(text: str, marker: str = "[1]") -> Input:
    return Input(find_quantities(text)[0], marker)


# ---------------------------------------------------------------- pure parts (fast)
@pytest.mark.parametrize(
    "question", ["哪一年高", "变化多大", "What's the difference?", "Which year was higher?"]
)
def test_follow_ups_over_the_earlier_turns_in_other_words(question):
    assert over_turns(understand(question, _CATALOGUE))


@pytest.mark.parametrize("question", ["What about the reservoir funds?", "山塘整治呢"])
def test_a_follow_up_naming_its_own_subject_is_not_over_the_turns(question):
    assert not over_turns(understand(question, _CATALOGUE))


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("折合成元是多少", "元"),
        ("用亿元表示呢", "亿元"),
        ("以万元计呢", "万元"),
        ("in yuan?", "元"),
        ("那是多少万元", "万元"),
    ],
)
def test_a_conversion_asked_names_its_unit(question, unit):
    assert asked_unit(question) == unit
    assert converts_only(understand(question, _CATALOGUE))


def test_a_conversion_with_a_subject_of_its_own_is_a_new_question():
    assert not converts_only(understand("山塘整治资金折合成元是多少", _CATALOGUE))
    assert asked_unit("项目支出多少") is None
    assert asked_unit("完成500万元计划了吗") is None and asked_unit("用了多少钱") is None


def test_the_leads_amounts_are_converted_exactly_or_rounded_with_a_sign():
    lead = "松阳县水利局2023年度：项目支出 1437.60万元[1]。\n原文：「…」[1]"
    assert conversions("折合成元是多少", lead) == ["折合：1437.60万元 = 14376000.00元（换算）"]
    lead = "沛县水利局2023年度：公用经费 891,004.37元[1]。"
    assert conversions("换算成万元呢", lead) == ["折合：891,004.37元 ≈ 89.10万元（换算）"]
    assert conversions("项目支出多少", lead) == []


@pytest.mark.parametrize("topic", ["公车 多", "公务用车 年末", "公车 数量 变化"])
def test_cars_compared_are_counted_cars(topic):
    metric = counted_metric(topic)
    assert metric is not None and metric.name == "公务用车保有量"


@pytest.mark.parametrize("topic", ["公车 运维", "公务用车 购置", "公务接待"])
def test_money_of_cars_or_a_thing_counted_two_ways_is_no_count(topic):
    assert counted_metric(topic) is None


def test_a_change_of_counts_in_one_unit_is_calculated():
    assert change(_input("12处", "[1]"), _input("15处", "[2]")) == (
        "12处 − 15处 = -3处，-3 ÷ 15 = -20.00%（计算；来源[1][2]）"
    )
    assert change(_input("12处"), _input("15人")) is None  # different things


def test_an_unstated_execution_rate_is_actual_over_budget():
    quotes = [("2023年“三公”经费预算8.00万元，决算6.40万元，其中公务接待费决算1.80万元", "[2]")]
    assert execution(quotes) == "6.40万元 ÷ 8.00万元 = 80.00%（计算；来源[2]）"
    assert execution([("“三公”经费支出11.26万元", "[1]")]) is None  # no budget beside it


def test_a_one_character_county_is_found_in_pinyin_with_its_head_word():
    found = [c for _, c in county_by_pinyin("Peixian or Songyang?", ["沛县", "松阳县"])]
    assert found == ["沛县", "松阳县"]
    assert county_by_pinyin("Pei County", ["沛县"])
    assert not county_by_pinyin("a pei of the budget", ["沛县"])  # a bare syllable is no name


def test_the_figure_after_all_the_asked_words_leads_a_list_of_funds():
    topic = make_topics("防汛 物资 资金", "防汛 物资 资金", "")[0]
    quote = "重点项目中，水毁修复资金500.00万元，防汛物资资金120.00万元，其他资金30.00万元"
    found = lead_figure(quote, topic)
    assert found is not None and found[1] == "120.00万元"  # not the first 资金 of the list


# ---------------------------------------------------------------- over an index (slow)
@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "sides-index")


@pytest.mark.slow
def test_two_bodies_side_by_side_end_with_the_gap(service):
    text = _last(service, ["松阳水利局和沛县水利局23年项目支出对比一下"])
    assert "1437.60" in text and "1720.20" in text
    assert "沛县水利局2023年度比松阳县水利局2023年度多282.60万元" in text


@pytest.mark.slow
def test_two_scores_end_with_the_gap_in_points(service):
    text = _last(service, ["Compare the 2023 self-evaluation scores of Songyang and Peixian."])
    assert "91.5" in text and "90" in text and "高1.5分" in text


@pytest.mark.slow
def test_a_count_over_two_years_shows_the_change(service):
    text = _last(service, ["松阳水利局农村供水工程两年各建成多少处，少了几处"])
    assert "15处" in text and "12处" in text and "-3处" in text and "减少" in text


@pytest.mark.slow
def test_this_year_against_the_last_takes_the_earlier_report(service):
    text = _last(service, ["松阳水利局小型水库除险加固资金23年比上一年多了多少"])
    assert "455.80万元" in text and "386.40万元" in text and "= 69.40万元" in text


@pytest.mark.slow
def test_which_year_was_higher_after_two_turns(service):
    turns = ["松阳水利局2022年项目支出多少", "2023年的呢", "哪一年高"]
    text = _last(service, turns)
    assert "1437.60" in text and "1291.70" in text and "145.90万元" in text


@pytest.mark.slow
def test_an_english_change_question_after_two_turns(service):
    turns = ["Songyang water bureau personnel costs in 2022?", "And 2023?", "How much did it rise?"]
    text = _last(service, turns)
    assert "452.75" in text and "440.10" in text and "12.65万元" in text


@pytest.mark.slow
def test_cars_compared_are_counted(service):
    text = _last(service, ["松阳水利局和沛县水利局23年谁的公车多"])
    assert "6辆" in text and "4辆" in text and "多2辆" in text
    text = _last(service, ["Which had more official vehicles in 2023, Songyang or Peixian water?"])
    assert "6辆" in text and "4辆" in text and "2辆" in text


@pytest.mark.slow
def test_a_conversion_follow_up_converts_the_last_figure(service):
    text = _last(service, ["沛县水利局三公经费花了多少", "折合成元是多少"])
    assert "11.26万元 = 112600.00元" in text


@pytest.mark.slow
def test_the_execution_rate_asked_after_budget_and_actual(service):
    turns = ["松阳水利局23年三公经费预算是多少", "实际花了多少", "那执行了百分之多少"]
    text = _last(service, turns)
    assert "6.40万元 ÷ 8.00万元 = 80.00%" in text


@pytest.mark.slow
def test_an_actual_after_a_budget_is_the_actual_figure(service):
    text = _last(service, ["松阳水利局23年三公经费预算是多少", "实际花了多少"])
    assert text.splitlines()[0].endswith("6.40万元[1]。"), text


@pytest.mark.slow
def test_a_part_asked_with_dangqian_then_another_county(service):
    turns = ["松阳水利局2023年三公经费多少", "当中招待费是多少", "沛县的呢"]
    text = _last(service, turns)
    assert "3.05万元" in text and "沛县水利局" in text


@pytest.mark.slow
def test_procurement_amount_spelled_two_ways_on_the_two_sides(service):
    text = _last(service, ["两个水利局23年政府采购额比较一下"])
    assert "168.40万元" in text and "96.75万元" in text and "71.65万元" in text
