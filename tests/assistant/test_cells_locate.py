"""Table cells and locate questions over an invented body (tests/fixtures/cells8: 松岭县林业局,
a 2023 self-evaluation with a budget table in 元 and an indicator table, and a 2022 决算说明
without one). Column words name which of a row's figures is asked, never the row; "X指标"
names the indicator X; points lost are 分值 − 得分 of the row even when the body's other year is
searched too; English column words map to the Chinese headers; a locate question about a
shortfall's cause points at the problems section (not the remedies), prose ranks above a table,
and a word the passage writes as asked above a synonym. Every question is in words of our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import english
from assistant.evidence import make_topics
from assistant.locate import locate_passage
from tests.conftest import ask_offline, index_folder

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "cells8"


# -- units: no index -------------------------------------------------------------------------


def test_column_words_beside_an_item_leave_the_item_as_the_row():
    (topic,) = make_topics("调整后预算 决算数 基本支出", "调整后预算和决算数 基本支出")
    assert topic.hard == ("基本支出",) and topic.metric == ("基本支出",)
    assert "决算数" in topic.soft
    (alone,) = make_topics("决算数", "决算数是多少")  # nothing else named: it stays asked
    assert alone.hard == ("决算数",)
    (one,) = make_topics("基本支出 年初预算数", "基本支出的年初预算数")  # one column: a term
    assert "年初" in one.hard


def test_an_indicator_named_with_the_word_zhibiao_after_it_is_the_indicator():
    (topic,) = make_topics("林农 满意度指标 实际", "林农满意度指标实际完成多少")
    assert "满意度" in topic.hard and "满意度指标" not in topic.hard
    (first_level,) = make_topics("产出指标", "产出指标完成得怎么样")  # no name before it
    assert first_level.hard == ("产出指标",)


def test_english_column_words_map_to_the_chinese_headers():
    zh, _ = english.to_chinese("What were the adjusted budget and final expenditure of X?")
    assert "调整后预算和决算数" in zh  # two columns of one row: one question, not two
    zh, _ = english.to_chinese("the execution rate of public (administrative) expenses")
    assert "公用经费" in zh and "公共" not in zh
    zh, _ = english.to_chinese("Where is the number of cars stated?")
    assert "车辆" in zh and "公务用车保有量" not in zh
    zh, _ = english.to_chinese("Where is the number of official cars stated?")
    assert "公务用车保有量" in zh
    zh, _ = english.to_chinese("Why was the target not met?")
    assert "原因" in zh


def test_two_items_sharing_one_head_noun_are_both_read():
    zh, _ = english.to_chinese("What were its personnel and public-running costs?")
    assert "人员经费" in zh and "公用经费" in zh and "在职人数" not in zh
    zh, _ = english.to_chinese("How many personnel and retirees are there?")  # no head noun
    assert "在职人数" in zh
    zh, _ = english.to_chinese("How much went on basic and project expenditures?")
    assert "基本支出" in zh and "项目支出" in zh and "过去式" not in zh


def test_a_hyphenated_english_compound_is_looked_up_by_its_parts():
    text = "全年森林火灾受害率为0.2‰，全部资金已拨付"
    written = text.__contains__
    zh, _ = english.to_chinese("What was the forest-fire damage rate?", written, written)
    assert "森林火灾" in zh
    # a part's own sense is never searched alone: "full-year" is not 全部
    zh, _ = english.to_chinese("What share of its full-year budget was spent?", written, written)
    assert "全部" not in zh


def _passage(section: str, text: str, start: int):
    from assistant.answer import Passage

    return Passage(
        f"c{start}",
        "r",
        "r.txt",
        "松岭县",
        "林业局",
        2023,
        section,
        text,
        start,
        start + len(text),
        0.0,
    )


def test_a_shortfalls_cause_is_located_in_the_problems_section():
    remedy = _passage(
        "六、下一步改进措施 › （一）补植人工造林面积", "（一）补植人工造林面积350亩。", 300
    )
    problem = _passage("五、存在的主要问题", "一是人工造林面积未达目标，因干旱推迟栽植。", 200)
    terms = ["人工造林", "面积", "原因"]
    asked = "人工造林面积没完成的原因写在哪"
    assert locate_passage([remedy, problem], terms, (), asked, asked) is problem
    remedy_asked = "人工造林面积没完成，下一步怎么解决写在哪"  # the remedy itself is asked
    assert locate_passage([remedy, problem], terms, (), remedy_asked, remedy_asked) is remedy
    plain = "补植人工造林面积写在哪"  # no shortfall asked: the section naming it
    assert locate_passage([remedy, problem], ["人工造林", "面积"], (), plain, plain) is remedy


def test_prose_ranks_above_a_table_and_a_direct_word_above_a_synonym():
    table = _passage(
        "二、预算 › （二）支出执行", "项目\t年初预算数\t调整预算数\n合计\t1.00\t2.00", 50
    )
    prose = _passage(
        "二、预算 › （一）预算安排", "年初预算1520.00万元，经调整后为1986.40万元。", 10
    )
    asked = "预算调整写在哪一节"
    assert locate_passage([table, prose], ["调整"], (), asked, asked) is prose
    asked_table = "预算调整在哪张表"
    assert locate_passage([prose, table], ["调整"], (), asked_table, asked_table) is table
    fleet = _passage("四、三公经费", "年末公务用车保有量2辆。", 10)
    assets = _passage("七、国有资产情况", "本局共有车辆5辆。", 90)
    assert locate_passage([fleet, assets], ["车辆"], (), "车辆 哪一节", "车辆 哪一节") is assets


# -- end to end over the invented reports ----------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "cells8-index", **chroma_settings())


@pytest.mark.slow
def test_an_indicator_asked_with_zhibiao_gives_its_actual_value_and_score(service):
    answer = ask_offline(service, "松岭林业局23年林农满意度指标实际完成多少，得分多少")
    assert "89.5%" in answer.answer and "7.6" in answer.answer


@pytest.mark.slow
def test_points_lost_are_computed_when_both_years_are_searched(service):
    answer = ask_offline(service, "松岭林业局绩效表里林农满意度被扣了多少分")
    assert "10 − 7.6 = 2.4分" in answer.answer


@pytest.mark.slow
def test_an_english_question_names_the_row_and_its_columns(service):
    answer = ask_offline(
        service,
        "In Songling forestry bureau's 2023 budget table, what were the adjusted budget and "
        "final expenditure of basic expenditure?",
    )
    lead = answer.answer.split("\n")[0]
    assert "6,350,000.00" in lead and "6,281,304.20" in lead
    assert "所问为预算数" not in answer.answer  # both asked: no budget-vs-actual note


@pytest.mark.slow
def test_an_english_rate_of_public_expenses_is_the_rows_rate(service):
    answer = ask_offline(
        service,
        "What was the execution rate of public expenses at Songling forestry bureau in 2023?",
    )
    assert "94.74%" in answer.answer.split("\n")[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "section"),
    [
        ("松岭林业局23年造林面积差了一截，原因写在报告哪个部分", "五、存在的主要问题"),
        ("松岭林业局2023年报告哪一节解释了人工造林没干完的原因", "五、存在的主要问题"),
        ("松岭林业局2023年那份报告哪里解释了项目支出指的是什么", "名词解释"),
        ("松岭林业局2023年预算调整的情况在哪一部分讲的", "（一）预算安排"),
        ("Where does Songling forestry bureau's 2023 report give the number of cars?", "国有资产"),
    ],
)
def test_locate_points_at_the_section_stating_it(service, question, section):
    answer = ask_offline(service, question)
    first = answer.answer.split("\n")[0]
    assert section in first, answer.answer
