"""Single-fact questions read the way they are meant, over invented reports
(tests/fixtures/facts7): spending asked with no item (the body's whole spending), where the money
went (the stated uses, not a change of 收支总计), a score asked with an everyday verb, a length
asked (a length, never a cost per kilometre), two parts (the budget at the start and after its
adjustment), and near misses answered as such: the failed part of a check the report never
counts, recipients it never names, a table row's cells never counted as a list. Every question
is in words of our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import answerable, derived, english
from assistant.compose import LENGTH, asked_unit
from assistant.understanding import Catalogue, _formal_words, informative_terms, understand
from index.models import ReportIdentity
from tests.conftest import ask_offline, index_folder

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "facts7"


# -- units: no index -------------------------------------------------------------------------

CAT = Catalogue((ReportIdentity("松溪县", "交通运输局", 2023),))


def test_spending_of_a_named_body_asks_its_spending_and_a_bare_one_is_a_follow_up():
    asked = understand("松溪交通局2023年总共花掉多少钱", CAT)
    assert asked.topic == "支出" and "支出多少" in asked.zh_text
    bare = understand("那花了多少？", CAT)  # the last turn's topic is carried by the dialogue
    assert bare.topic == "" and "支出" not in bare.zh_text


@pytest.mark.parametrize(
    "question", ["这个局的钱大头用在什么地方", "经费都花在哪儿了", "钱主要用到哪里了"]
)
def test_where_the_money_went_reads_as_the_stated_uses(question):
    assert "支出主要用于" in _formal_words(question)


def test_a_score_verb_is_kept_apart_from_the_word_before_it():
    assert informative_terms(_formal_words("部门自评拿了几分")) == ("自评",)
    assert "评得" not in informative_terms(_formal_words("整体绩效自评得了多少分"))


def test_a_length_asked_wants_a_unit_of_length():
    assert asked_unit("修了多长的路") == LENGTH
    assert asked_unit("项目建设周期多长时间") is None
    assert asked_unit("接待了多少批次") == "批次"


def test_a_failed_part_asked_is_not_answered_by_all_that_were_checked():
    assert answerable.negated_item("抽检不合格的有多少批", "全年抽检86批次") == "不合格"
    found = "抽检54批次，发现不合格材料5批次"
    assert answerable.negated_item("抽检不合格的有多少批", found) is None
    assert answerable.negated_item("未达标的有几处", "3处水源地水质未达标") is None
    assert answerable.negated_item("有几个断面水质不达标", "断面水质达标率92%") == "不达标"
    assert answerable.negated_item("水质达标率为啥没达标", "断面水质达标率92%") is None
    assert answerable.negated_item("有几座水库没完成加固", "完成3座") is None
    assert answerable.negated_item("抽检了多少批", "全年抽检86批次") is None


def test_recipients_asked_need_named_recipients():
    assert answerable.places_asked("奖补资金发给了哪些企业") == "企业"
    assert answerable.recipients("企业") and not answerable.recipients("乡镇")
    assert answerable.names_places("奖励政和县顺达客运有限公司25.00万元", "企业")
    assert not answerable.names_places("用于支持客运企业更新新能源车辆", "企业")
    assert not answerable.names_places("奖励规上企业12家", "企业")


def test_a_table_rows_cells_are_not_an_enumeration():
    row = "合计：2023年决算数 7.40万元、2023年预算数 9.00万元、执行率 82.22%"
    assert derived.count(row, "[1]", "去了几个团组", asks=True) is None
    listed = "内设办公室、规划建设股、运输管理股3个股室"
    assert derived.count("内设办公室、规划建设股、运输管理股", "[1]", "有几个股室", True)
    assert derived.count(listed, "[1]", "有几个股室", True) is None  # the count is stated


def test_english_wording_of_funds_supply_and_market_terms():
    zh, _ = english.to_chinese("How much government-fund spending did the bureau report?")
    assert "政府性基金预算支出" in zh
    zh, _ = english.to_chinese("How many residents got improved water supply last year?")
    assert "供水人口" in zh and "在职人数" not in zh
    zh, _ = english.to_chinese("How many people work at the transport bureau?")
    assert "在职人数" in zh
    zh, _ = english.to_chinese("How many newly registered market entities were companies?")
    assert "新增市场主体" in zh and "企业" in zh
    zh, _ = english.to_chinese("How many batches were tested in food spot checks?")
    assert "批次" in zh and "公务接待" not in zh


# -- end to end over the invented reports ----------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "facts7-index", **chroma_settings())


_ask = ask_offline


def _lead(answer) -> str:
    return answer.answer.split("\n")[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["松溪交通局23年总共花掉多少钱", "松溪县交通运输局2023年一共用了多少"]
)
def test_spending_asked_with_no_item_is_the_bodys_spending(service, question):
    answer = _ask(service, question)
    # the body's spending is quoted; which of two spending sentences leads is left to ranking
    assert "支出" in _lead(answer) and "2468.30万元" in answer.answer


@pytest.mark.slow
def test_where_the_money_went_gives_the_stated_uses(service):
    answer = _ask(service, "松溪交通运输局的钱大头用在什么地方")
    assert "1488.10万元" in _lead(answer) and "农村公路养护" in answer.answer
    assert "120.00万元" not in _lead(answer)


@pytest.mark.slow
def test_a_score_asked_with_an_everyday_verb(service):
    assert "91.6分" in _lead(_ask(service, "松溪交通局2023年自评拿了几分"))


@pytest.mark.slow
def test_a_length_asked_leads_with_the_length(service):
    lead = _lead(_ask(service, "松溪交通局新改建了多长的农村公路"))
    assert "46.8公里" in lead and "万元/公里" not in lead


@pytest.mark.slow
def test_both_parts_of_budget_then_adjusted(service):
    lead = _lead(_ask(service, "松溪交通局年初预算是多少，最后调整到多少"))
    assert "2210.00万元" in lead and "2595.00万元" in lead


@pytest.mark.slow
def test_a_failed_part_the_report_never_counts_is_refused(service):
    answer = _ask(service, "松溪交通局工程质量抽检不合格的有几批", refused=True)
    assert "86批次" not in _lead(answer)
    assert "5批次" in _lead(_ask(service, "政和交通局工程质量抽检不合格的有几批"))


@pytest.mark.slow
def test_recipients_the_report_never_names_are_said_to_be_missing(service):
    answer = _ask(service, "松溪交通局运输企业奖补资金发给了哪些企业", refused=True)
    assert "未列出具体是哪些企业" in answer.answer
    named = _ask(service, "政和交通局运输企业奖补资金发给了哪些企业")
    assert "顺达客运有限公司" in named.answer


@pytest.mark.slow
def test_a_count_of_trips_is_never_a_count_of_table_cells(service):
    answer = _ask(service, "松溪交通局三公经费里因公出国去了几个团组", refused=True)
    assert "按原文所列逐项计数" not in answer.answer


@pytest.mark.slow
def test_an_english_question_on_government_fund_spending(service):
    answer = _ask(service, "What was Songxi transport bureau's government-fund spending in 2023?")
    assert "86.00万元" in _lead(answer)


def test_the_failed_ones_counted_lead():
    shown = "全年开展工程质量抽检54批次，发现不合格材料5批次，均已退场处理"
    assert answerable.failed_figure("抽检不合格的有几批", shown) == ("不合格材料", "5批次")
    assert answerable.failed_figure("抽检了几批", shown) is None


def test_a_count_asked_under_a_money_heading_is_still_a_count():
    assert answerable.asks_counted_only("招待费里头一共接待了几个考察团")
    assert answerable.wrong_kind("招待费里头一共接待了几个考察团", "2.10万元")
    assert not answerable.asks_counted_only("招待费里头公务接待费花了多少")
    assert not answerable.asks_counted_only("有几个项目，一共花了多少钱")


def test_spending_over_a_named_budget_is_actual_minus_that_budget():
    said = "财政拨款支出2380.60万元，年初预算2150.00万元，决算数为年初预算的110.73%"
    assert derived.over_budget("拨款支出比年初预算超出多少", [(said, "[1]")]) == (
        "超出年初预算（实际减预算）：2380.60万元 − 2150.00万元 = 230.60万元[1]"
    )
    under = "财政拨款支出2080.60万元，年初预算2150.00万元"
    assert derived.over_budget("拨款支出超了年初预算多少", [(under, "[1]")]) is None
    assert derived.over_budget("拨款支出超了多少", [(said, "[1]")]) is None


@pytest.mark.slow
def test_spending_over_the_initial_budget(service):
    answer = _ask(service, "松溪交通局一般公共预算拨款支出比年初预算超出多少，原因是什么")
    assert "2380.60万元 − 2150.00万元 = 230.60万元" in answer.answer
