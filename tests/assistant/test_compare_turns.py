"""Comparisons asked over earlier turns ("那B呢" → "哪个更多？", "两个加起来多少", "差几个百分点",
"两项差多少"), ratios ("是…的几倍"), shares that never exceed the whole, and differences of
counts ("差几辆"). Fixture reports: tests/fixtures/turns (invented figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.compare import _uncovered, metric_in
from assistant.conversation import Conversation, over_turns
from assistant.derived import (
    Input,
    asks_change,
    asks_ratio,
    derive,
    qualified_pair,
    ratio,
    same_kind,
    share,
    total,
)
from assistant.offline import _per_unit
from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity
from index.numbers import find_quantities
from tests.conftest import index_folder
from tests.conftest import last_answer as _last

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "turns"


def _input(text: str, marker: str = "[1]") -> Input:
    return Input(find_quantities(text)[0], marker)


# ---------------------------------------------------------------- pure parts (fast)
def test_a_share_divides_the_smaller_figure_by_the_larger_whatever_the_order():
    whole, part = _input("1829.80万元", "[1]"), _input("732.00万元", "[2]")
    shown = share(whole, part)  # given in the wrong order
    assert shown is not None and "= 40.00%" in shown and "250" not in shown


def test_a_ratio_is_a_calculation_in_yuan_with_both_sources():
    shown = ratio(_input("700.20万元", "[1]"), _input("5301000.00元", "[2]"))
    assert shown is not None and "≈ 1.32倍" in shown and "[1][2]" in shown


def test_a_sum_of_amounts_in_different_units_is_taken_in_yuan():
    shown = total([_input("1.25万元", "[1]"), _input("3000元", "[2]")])
    assert shown is not None and "= 15500.00元" in shown
    assert total([_input("4辆"), _input("3人")]) is None  # counts of different things


@pytest.mark.parametrize("question", ["两家公务用车差几辆", "比去年少了几个人", "多几家"])
def test_count_differences_are_asked_changes(question):
    assert asks_change(question)


@pytest.mark.parametrize("question", ["人员经费是公用经费的几倍", "A比B多多少倍"])
def test_multiples_are_asked_ratios(question):
    assert asks_ratio(question)


_CATALOGUE = Catalogue(
    (
        ReportIdentity(county="清河县", department="林业局", year=2023),
        ReportIdentity(county="桐庐县", department="文化旅游局", year=2023),
    )
)


@pytest.mark.parametrize("question", ["哪个更多？", "谁多", "两个加起来多少", "差几个百分点"])
def test_follow_ups_naming_nothing_work_over_the_earlier_turns(question):
    assert over_turns(understand(question, _CATALOGUE))


@pytest.mark.parametrize("question", ["那公用经费呢", "桐庐的呢", "森林防火花了多少"])
def test_follow_ups_naming_a_subject_are_not_over_the_earlier_turns(question):
    assert not over_turns(understand(question, _CATALOGUE))


def test_each_earlier_turn_keeps_its_own_body_when_compared():
    conversation = Conversation()
    for turn in ["清河林业局23年三公经费决算多少", "那桐庐文旅局的呢"]:
        query, _ = conversation.resolve(understand(turn, _CATALOGUE), _CATALOGUE)
        conversation.remember(turn, query)
    query, _ = conversation.resolve(understand("哪个更多？", _CATALOGUE), _CATALOGUE)
    assert set(query.sides) == {("清河县", "林业局", 2023), ("桐庐县", "文化旅游局", 2023)}
    assert query.intent == "compare" and "三公经费" in query.topic


def test_comparing_with_another_body_keeps_the_last_one_as_the_other_side():
    conversation = Conversation()
    turn = "清河林业局23年项目支出多少"
    query, _ = conversation.resolve(understand(turn, _CATALOGUE), _CATALOGUE)
    conversation.remember(turn, query)
    query, _ = conversation.resolve(understand("跟桐庐文旅局比呢", _CATALOGUE), _CATALOGUE)
    assert set(query.departments) == {"林业局", "文化旅游局"} and query.intent == "compare"
    assert set(query.sides) == {("清河县", "林业局", 2023), ("桐庐县", "文化旅游局", 2023)}


# ---------------------------------------------------------------- over an index (slow)
@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "turns-index")


@pytest.mark.slow
def test_which_is_more_after_switching_body_compares_both_turns(service):
    text = _last(service, ["清河林业局23年三公经费决算多少", "那桐庐文旅局的呢", "哪个更多？"])
    assert "9.60" in text and "4.80" in text
    assert text.index("清河县林业局") < text.index("桐庐县文化旅游局")  # the larger first


@pytest.mark.slow
def test_adding_up_the_two_turns_is_a_shown_sum(service):
    text = _last(service, ["清河林业局23年三公经费决算多少", "桐庐文旅局呢", "两个加起来多少"])
    assert "14.40" in text and "+" in text


@pytest.mark.slow
def test_two_rates_differ_by_percentage_points(service):
    turns = ["清河林业局2023年预算执行率是多少", "桐庐文旅局同年的呢", "差几个百分点"]
    text = _last(service, turns)
    assert "97.40" in text and "95.10" in text and "2.30个百分点" in text


@pytest.mark.slow
def test_two_figures_of_one_report_asked_in_turn_are_subtracted(service):
    text = _last(service, ["清河林业局23年公用经费多少", "公务接待费呢", "两项差多少"])
    assert "120.40万元 − 3.20万元 = 117.20万元" in text


@pytest.mark.slow
def test_a_multiple_between_two_bodies_is_calculated(service):
    text = _last(service, ["清河林业局的人员经费是桐庐文旅局的几倍"])
    assert "700.20" in text and "530.10" in text and "1.32倍" in text


@pytest.mark.slow
def test_a_difference_of_vehicle_counts_is_shown(service):
    text = _last(service, ["清河林业局和桐庐文旅局23年公务用车差几辆"])
    assert "4辆 − 2辆 = 2辆" in text


@pytest.mark.slow
def test_a_rate_of_an_amount_is_compared_as_rates(service):
    text = _last(service, ["清河林业局和桐庐文旅局23年三公经费执行率谁高"])
    assert "80.00%" in text and "75.00%" in text
    assert "80.00% − 75.00% = 5.00个百分点" in text  # never a budget amount against a rate


def test_two_figures_named_in_the_question_are_found_by_their_labels():
    quotes = [("基本支出中人员经费决算700.20万元，公用经费决算120.40万元。", "[1]")]
    assert derive("人员经费是公用经费的几倍", quotes, [("700.20万元", "[1]")]) == [
        "倍数：700.20万元（7002000.00元） ÷ 120.40万元（1204000.00元） ≈ 5.82倍（计算；来源[1]）"
    ]
    quotes = [("公务用车运行维护费8.10万元；", "[1]"), ("公务接待费支出2.40万元，", "[2]")]
    assert derive("公务用车运行维护费和公务接待费加起来多少", quotes, [("8.10万元", "[1]")]) == [
        "合计：8.10万元 + 2.40万元 = 10.50万元（计算；来源[1][2]）"
    ]


def test_budget_against_actual_takes_the_two_figures_side_by_side():
    quotes = [
        ("“三公”经费决算7.00万元，其中公务接待费决算2.00万元", "[1]"),
        ("“三公”经费预算8.00万元，决算7.00万元，其中公务接待费决算2.00万元", "[2]"),
    ]
    pair = qualified_pair("三公经费预算和决算差多少", quotes)
    assert [i.quantity.raw for i in pair] == ["8.00万元", "7.00万元"]
    assert qualified_pair("三公经费决算多少", quotes) == []


def test_a_standard_per_head_is_not_a_total():
    text = "按每人每年960元的标准发放，全年发放资金398.46万元，补贴标准120元/人"
    money = [q for q in find_quantities(text) if q.is_money]
    assert [_per_unit(text, q) for q in money] == [True, False, True]


@pytest.mark.slow
def test_budget_and_actual_of_one_report_are_subtracted(service):
    text = _last(service, ["清河林业局23年三公经费预算和决算差多少"])
    assert "12.00万元 − 9.60万元 = 2.40万元" in text


@pytest.mark.slow
def test_how_two_bodies_compare_gives_the_gap(service):
    text = _last(service, ["清河林业局的三公经费跟桐庐文旅局比怎么样"])
    assert "9.60" in text and "4.80" in text and "4.80万元）" in text


@pytest.mark.parametrize(
    ("topic", "uncovered"),
    [
        ("政府性基金 拨款 收入", True),  # matched as 收入, but the asked figure is another
        ("三公经费 支出", False),
        ("绩效自评 比较 得分", False),  # 绩效 belongs to the metric's own name 绩效自评得分
        ("人员经费", False),
    ],
)
def test_a_metric_matched_on_part_of_the_topic_is_not_the_asked_figure(topic, uncovered):
    metric = metric_in(topic)
    assert metric is not None and _uncovered(metric, topic) is uncovered


@pytest.mark.slow
def test_which_is_more_keeps_the_figure_the_turns_asked(service):
    text = _last(service, ["清河林业局23年三公经费预算多少", "桐庐的呢", "哪个多"])
    assert "12.00" in text and "6.40" in text


@pytest.mark.slow
def test_an_english_combined_question_is_a_sum(service):
    question = "How much did Qinghe and Tonglu spend on official receptions in 2023 combined?"
    text = _last(service, [question])
    assert "3.20" in text and "2.10" in text and "5.30" in text


def test_both_sides_take_the_actual_figure_their_quotes_state():
    budget = "公务用车运行维护费预算6.00万元，实际支出4.80万元"
    actual = "公务用车运行维护费决算数 46,000.00元、预算数 60,000.00元"
    sides = [("甲", _input("6.00万元", "[1]")), ("乙", _input("46,000.00元", "[2]"))]
    chosen = same_kind(sides, [budget, actual], "决算")
    assert [i.quantity.raw for _, i in chosen] == ["4.80万元", "46,000.00元"]
    # asked for the budget: the budget on both sides
    chosen = same_kind(sides, [budget, actual], "预算")
    assert [i.quantity.raw for _, i in chosen] == ["6.00万元", "60,000.00元"]


@pytest.mark.slow
def test_each_county_keeps_its_own_body_in_a_three_way_comparison(service):
    # 卫健委 asked, 卫生健康局 indexed for 德清; 林业局 and 文旅局 exact for the others
    text = _last(service, ["清河林业局、德清卫健委和桐庐文旅局23年三公经费谁最多"])
    assert "德清县卫生健康局" in text and "5.50" in text
    assert "清河县林业局" in text and "桐庐县文化旅游局" in text


@pytest.mark.slow
def test_a_township_does_not_narrow_the_counties_named_beside_it(service):
    text = _last(service, ["清河、桐庐和孝丰镇23年公务接待费谁最少"])
    assert "孝丰镇" in text and "1.50" in text
    assert "清河县林业局" in text and "3.20" in text
    assert "桐庐县文化旅游局" in text and "2.10" in text


@pytest.mark.slow
def test_an_order_of_three_uses_the_amounts_when_a_lead_is_a_count(service):
    text = _last(service, ["清河林业局、桐庐文旅局、德清卫健局23年政府采购谁最多"])
    order = next(line for line in text.splitlines() if line.startswith("从高到低"))
    assert order.index("德清") < order.index("清河") < order.index("桐庐")
    assert "640.00万元" in order and "210.00万元" in order and "95.00万元" in order


@pytest.mark.slow
def test_each_part_of_a_two_part_comparison_is_answered(service):
    text = _last(service, ["清河林业局和桐庐文旅局编制各多少名，哪边在职的人多"])
    assert "28名" in text and "20名" in text  # the first part: posts
    assert "31人" in text and "22人" in text  # the second: staff in post


@pytest.mark.slow
def test_a_ranking_opens_with_the_direct_answer(service):
    text = _last(service, ["清河林业局、桐庐文旅局和德清卫健局23年三公经费谁最少"])
    first = text.splitlines()[0]
    assert first.startswith("最少的是桐庐县文化旅游局") and "4.80" in first
