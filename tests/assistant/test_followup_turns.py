"""Follow-ups that lean on earlier turns: another county's body of the same kind ("换成另外一个
县呢"), a carried metric asked of a report that words it otherwise (决算支出总额 → 本年支出合计),
calculations over the last two figures (超支 / 结余 / 下降了百分之几), a share of the last figure
or of a newly named part, levels of government ("市里" → 市级), and a part narrowed with 其中
searched by its own words. Fixture reports: tests/fixtures/turns6 (invented figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation import Conversation, over_turns
from assistant.derived import Input, budget_gap, metric_named
from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity
from index.numbers import find_quantities
from tests.conftest import index_folder, last_answer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "turns6"


# ---------------------------------------------------------------- pure parts (fast)
@pytest.mark.parametrize(
    ("phrase", "metric"),
    [("决算 支出 总额", "支出"), ("全年支出", "支出"), ("本年支出合计", "支出"),
     ("项目支出总额", "项目支出"), ("三公经费", "三公经费")],
)  # fmt: skip
def test_a_metric_is_named_by_meaning_whatever_its_total_words(phrase, metric):
    assert metric_named(phrase) == metric


@pytest.mark.parametrize("phrase", ["政府采购 总额", "一般公共预算 财政拨款支出", "总额"])
def test_a_phrase_naming_more_than_a_metric_is_no_metric(phrase):
    assert metric_named(phrase) is None


def _input(text: str) -> Input:
    return Input(find_quantities(text)[0], "[1]")


def test_what_is_left_is_budget_minus_actual_and_an_overrun_actual_minus_budget():
    plan, spent = _input("300.00万元"), _input("271.20万元")
    left = budget_gap("还剩多少没花完", ["项目（全年预算数）", "项目（全年执行数）"], [plan, spent])
    assert left == ["未支出（预算减实际）：300.00万元 − 271.20万元 = 28.80万元（计算；来源[1]）"]
    over = budget_gap("超支了多少", ["财政拨款支出", "年初预算"], [_input("350.50万元"), plan])
    assert over and "350.50万元 − 300.00万元 = 50.50万元" in over[0] and "超出" in over[0]


@pytest.mark.parametrize("question", ["超了多少", "还剩多少没花完", "降了百分之几", "涨了几成"])
def test_gap_and_growth_words_ask_over_the_last_two_turns(question):
    catalogue = Catalogue((ReportIdentity(county="遂昌县", department="卫生健康局", year=2023),))
    assert over_turns(understand(question, catalogue))


def test_another_county_is_the_other_indexed_county_with_that_body_in_the_same_year():
    catalogue = Catalogue(
        tuple(
            ReportIdentity(county=c, department=d, year=y)
            for c, d, y in [
                ("遂昌县", "卫生健康局", 2023),
                ("庆元县", "卫生健康委员会", 2022),
                ("庆元县", "卫生健康委员会", 2023),
                ("庆元县", "水利局", 2023),
            ]
        )
    )
    conversation = Conversation()
    first, _ = conversation.resolve(understand("遂昌卫健局政府采购多少", catalogue), catalogue)
    conversation.remember("遂昌卫健局政府采购多少", first)
    query, notes = conversation.resolve(understand("另一个县的呢", catalogue), catalogue)
    assert query.counties == ("庆元县",) and query.years == (2023,)
    assert query.topic == first.topic and any("庆元县" in n for n in notes)


# ---------------------------------------------------------------- over invented reports
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "turns6")


def test_another_county_answers_that_county_not_the_first(service):
    text = last_answer(service, ["遂昌县卫健局2023年政府采购花了多少", "那换成另外一个县呢"])
    assert "518.90万元" in text and "936.70" not in text and "455.20" not in text


def test_a_carried_total_is_found_where_the_other_year_words_it_otherwise(service):
    text = last_answer(service, ["遂昌卫健局2023年决算支出总额是多少", "上一年呢"])
    assert "32,870,914.30元" in text and "801.20" not in text.split("\n")[0]


def test_an_overrun_over_two_turns_is_actual_minus_budget(service):
    turns = ["遂昌卫健局2023年一般公共预算财政拨款支出是多少", "年初预算是多少", "超支了多少"]
    assert "3302.50万元 − 3050.00万元 = 252.50万元" in last_answer(service, turns)


def test_what_is_left_after_budget_then_spending_is_budget_minus_spending(service):
    turns = ["遂昌卫健局2023年村卫生室标准化建设项目全年预算是多少", "执行了多少", "结余多少"]
    text = last_answer(service, turns)
    assert "未支出" in text and "280.00万元 − 251.60万元 = 28.40万元" in text


def test_a_fall_in_percent_between_two_years_asked_in_turn(service):
    turns = ["遂昌卫健局2022年三公经费多少", "2023年呢", "下降了百分之几"]
    text = last_answer(service, turns)
    assert "8.10万元" in text and "9.60万元" in text and "-15.62%" in text


def test_the_share_of_the_last_figure_in_a_whole_the_report_words_otherwise(service):
    text = last_answer(service, ["遂昌卫健局2023年项目支出多少", "占全年支出的比例呢"])
    assert "2349.80万元 ÷ 3560.20万元 = 66.00%" in text


def test_the_share_of_a_part_named_now_in_the_last_figure(service):
    turns = ["遂昌卫健局2023年决算支出总额是多少", "其中基本支出占了百分之几"]
    assert "1210.40万元 ÷ 3560.20万元 = 34.00%" in last_answer(service, turns)


def test_levels_of_government_said_the_everyday_way(service):
    turns = ["遂昌农业农村局高标准农田项目资金从哪里来", "市里出了多少"]
    assert "1250万元" in last_answer(service, turns).split("\n")[0]
    assert "950万元" in last_answer(service, [*turns, "县里呢"]).split("\n")[0]


def test_a_part_narrowed_with_qizhong_is_found_in_the_same_report(service):
    turns = ["遂昌县高标准农田建设项目一共惠及多少农户", "其中脱贫户和监测户呢"]
    assert "286户" in last_answer(service, turns).split("\n")[0]


def test_an_english_share_of_that_divides_the_named_part_by_the_last_figure(service):
    turns = ["遂昌卫健局2023年决算支出总额是多少", "What share of that was basic expenditure?"]
    assert "1210.40万元 ÷ 3560.20万元 = 34.00%" in last_answer(service, turns)


def test_that_county_is_the_one_named_before_the_last_turn(service):
    turns = ["庆元卫健委2023年政府采购多少", "遂昌卫健局呢", "那个县呢"]
    text = last_answer(service, turns)
    assert "518.90万元" in text and "936.70" not in text


def test_a_change_in_percent_between_years_named_in_the_follow_up(service):
    turns = ["遂昌卫健局2023年三公经费多少", "2022年呢", "2023年比2022年减少了百分之几"]
    assert "-15.62%" in last_answer(service, turns)
