"""Traps and near misses over invented reports (tests/fixtures/misses): a 执行率 its own sentence's
amounts (or the project's 总投资) do not give, a text figure a transposed table (rows 预算数/决算数,
one column per item) states otherwise, a figure another year's report labels with a year that
has no report, and questions the reports come close to but do not answer (an amount of a fund's
one use, an amount where only a count is written, places never listed, a body word taken for a
topic). Every question is in words of our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import answerable
from assistant.evidence import Topic
from assistant.statements import ends_alike, statements
from assistant.understanding import _formal_words
from tests.conftest import ask_offline, index_folder

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "misses"


# -- units: no index -------------------------------------------------------------------------


def test_a_transposed_table_gives_one_statement_per_item_column():
    text = (
        "表（单位：万元）\n项目\t合计\t公务接待费\t公务用车购置及运行维护费公务用车运行维护费\n"
        "预算数\t12.00\t4.00\t8.00\n决算数\t10.37\t3.15\t7.22\n"
    )
    found = {(s.label, s.family): str(s.quantity.value) for s in statements(text)}
    assert found[("公务接待费", "budget")] == "4.00"
    assert found[("费公务用车运行维护费", "actual")] == "7.22"  # header of a merged group
    assert not any(label == "合计" for label, _ in found)
    # a text label cut to its last ten characters names the same item as that header
    assert ends_alike("务用车运行维护费支出", "费公务用车运行维护费")
    assert not ends_alike("公务用车运行维护费", "公务用车购置费")


@pytest.mark.parametrize(
    "question",
    ["项目的钱花出去百分之多少", "这笔资金花掉了几成", "经费实际用了多大比例", "预算用掉百分之几"],
)
def test_everyday_ways_to_ask_the_share_spent_read_as_the_execution_rate(question):
    assert "执行率" in _formal_words(question)


def test_a_share_of_a_whole_is_not_read_as_the_execution_rate():
    assert "执行率" not in _formal_words("人员经费占基本支出的百分之几")
    assert "执行率" not in _formal_words("三公经费比上年下降了百分之几")


def test_one_use_of_a_fund_is_not_the_funds_amount():
    topic = Topic(("南山", "小区", "雨污", "分流"), (), frozenset({"money"}), (), False)
    shown = "城镇老旧小区改造补助资金1250.00万元，用于南山小区雨污分流改造和老街立面整治"
    asked = "南山小区雨污分流单独花了多少钱"
    assert answerable.merged_use(asked, topic, shown, "1250.00万元") == "南山小区雨污分流"
    whole = Topic(("老旧", "小区", "改造", "补助资金"), (), frozenset({"money"}), (), False)
    assert answerable.merged_use("老旧小区改造补助资金多少", whole, shown, "1250.00万元") is None
    one = "公路养护资金300.00万元，用于农村公路日常养护"
    road = Topic(("农村公路", "日常", "养护"), (), frozenset({"money"}), (), False)
    assert answerable.merged_use("农村公路日常养护具体花了多少", road, one, "300.00万元") is None


def test_a_count_does_not_answer_an_amount_and_places_are_names():
    assert answerable.count_for_amount("固定资产总值是多少", "2辆")
    assert not answerable.count_for_amount("公务用车有几辆", "2辆")
    assert not answerable.count_for_amount("资产总额是多少", "1250.00万元")
    assert answerable.places_asked("那些危房分布在哪几个乡镇") == "乡镇"
    assert answerable.places_asked("危房改造了多少户") is None
    assert answerable.names_places("涉及城关镇、嵩口镇和安砂乡")
    assert not answerable.names_places("完成12个乡镇的城乡供水一体化")


# -- end to end over the invented reports ----------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "misses-index", **chroma_settings())


_ask = ask_offline


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "清流住建局2023年预算执行率是多少",
        "清流县住建局23年的钱花出去百分之多少",
        "What budget execution rate did Qingliu's housing bureau report for 2023?",
    ],
)
def test_a_rate_its_own_sentences_amounts_do_not_give_is_flagged(service, question):
    answer = _ask(service, question)
    assert "94.83%" in answer.answer
    assert "2965.12万元 ÷ 3180.40万元（预算）= 93.23%" in answer.answer
    assert "不一致" in answer.answer
    assert any("对不上" in w for w in answer.warnings)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question", ["宁化农业农村局高标准农田项目预算执行率", "宁化那个农田项目的钱用掉了几成"]
)
def test_a_project_rate_is_checked_against_its_total_investment(service, question):
    answer = _ask(service, question)
    assert "87.42%" in answer.answer
    assert "7420.35万元 ÷ 8600万元（项目总投资）= 86.28%" in answer.answer
    assert any("项目总投资8600万元" in w for w in answer.warnings)


@pytest.mark.slow
def test_a_total_investment_over_several_years_is_not_the_rates_base(service):
    answer = _ask(service, "明溪水利局水库除险加固项目预算执行率多少")
    assert "96.67%" in answer.answer
    assert "核对" not in answer.answer and not answer.warnings


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "清流住建局2023年公车运维费是多少",
        "How much did Qingliu housing bureau spend on car upkeep?",
    ],
)
def test_a_text_figure_a_transposed_table_states_otherwise_is_flagged(service, question):
    answer = _ask(service, question)
    assert "7.52万元" in answer.answer and "7.22万元" in answer.answer
    assert "另有不同数字" in answer.answer
    assert "“公务用车运行维护费支出”" in answer.answer  # the label as written, not cut


@pytest.mark.slow
def test_an_agreeing_transposed_cell_raises_nothing(service):
    answer = _ask(service, "清流住建局2023年接待费花了多少")
    assert "3.15万元" in answer.answer
    assert "公务接待费”（决算/实际）另有不同数字" not in answer.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "figure", "own"),
    [
        ("大田文旅局2021年文化惠民演出有多少场", "88场", "文化惠民演出场次"),
        ("大田县2021年搞了几场文化惠民演出", "88场", "文化惠民演出场次"),
        ("大田县文旅局2021年新建了多少个农家书屋", "12个", "新建农家书屋数量"),
    ],
)
def test_a_year_without_a_report_gets_the_passage_that_names_it_with_its_doubt(
    service, question, figure, own
):
    answer = _ask(service, question)
    text = answer.answer
    assert "索引中没有" in text and "2021年" in text and figure in text
    assert "2022年度报告" in text and f"“{own}”也是{figure}" in text
    assert "标注存疑" in text and "不能当作2021年的数字" in text
    assert len(answer.citations) == 2


@pytest.mark.slow
def test_a_year_without_a_report_and_no_passage_naming_it_is_still_refused(service):
    answer = _ask(service, "大田文旅局2021年在职人员多少", refused=True)
    assert "31人" not in answer.answer and "32人" not in answer.answer


@pytest.mark.slow
def test_one_use_of_a_fund_asked_alone_is_refused_with_the_fund_shown(service):
    answer = _ask(service, "清流住建局南山小区雨污分流改造单独花了多少钱", refused=True)
    assert "未单列“南山小区雨污分流改造”的金额" in answer.answer
    assert "1250.00万元" in answer.answer  # shown as the fund's, never as the answer
    whole = _ask(service, "清流住建局城镇老旧小区改造补助资金有多少")
    assert "1250.00万元" in whole.answer


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["清流住建局的固定资产总值是多少", "清流住建局那162户危房改造分布在哪几个乡镇"],
)
def test_a_metric_or_detail_the_report_does_not_give_is_refused(service, question):
    answer = _ask(service, question, refused=True)
    assert "2辆" not in answer.answer.split("\n")[0]
    assert "162户" not in answer.answer.split("\n")[0] or "未提及" in answer.answer


@pytest.mark.slow
def test_a_body_word_of_an_english_question_is_no_topic_of_its_own(service):
    answer = _ask(
        service, "What was the Datian culture bureau's government procurement in 2023?", True
    )
    assert "32" not in answer.answer and "95" not in answer.answer
