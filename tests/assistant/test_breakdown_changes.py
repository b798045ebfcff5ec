"""Where the money went and how it changed, read from two invented reports of one body
(tests/fixtures/breakdown): a figure after a list word is a part's, never the item's total; a
year's figure compared with another year's is of the same kind (actual with actual, never a
budget); a stated change is quoted, never subtracted from an amount; "超预算了吗" is answered
yes or no with the actual and the budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import breakdown, derived
from assistant.compose import lead_figure
from assistant.english import to_chinese
from assistant.evidence import Topic, make_topics
from index.metrics import METRICS
from tests.conftest import index_folder, last_answer

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "breakdown"

PARTS = "维修养护经费主要用于：堤防巡查养护84.30万元，泵站设备检修52.10万元，闸门防腐36.60万元"
SANGONG = (
    "2021年“三公”经费全年预算20.00万元，全年累计支出16.40万元，其中公务用车运行维护费"
    "11.20万元，公务接待费5.20万元"
)


def _topic(words: str, question: str) -> Topic:
    (topic,) = make_topics(words, question)
    return topic


def _item(name: str) -> Topic:
    return Topic((name,), (), frozenset({"money"}), (), False)


def test_a_figure_after_a_list_word_is_a_part_not_the_total():
    label, figure, _ = lead_figure(PARTS, _item("维修养护经费"))
    assert "84.30万元" in figure and "52.10万元" in figure and "36.60万元" in figure
    assert label.startswith("维修养护经费") and label != "维修养护经费"  # "…主要用于"
    numbered = "专项经费安排如下：（1）疫苗冷链运维18.00万元；（2）样本检测12.50万元。"
    label, figure, _ = lead_figure(numbered, _item("专项经费"))
    assert figure.startswith("疫苗冷链运维18.00万元、样本检测12.50万元")


def test_a_thing_counted_is_not_another_items_cost():
    from assistant.answerable import amount_for_counted_noun

    question = "改造投入多少钱，新建了几处蓄水池"
    assert amount_for_counted_noun(question, ("蓄水池",), "蓄水池维护资金35.00万元")
    assert not amount_for_counted_noun(question, ("蓄水池",), "12处")
    assert not amount_for_counted_noun("蓄水池资金多少", ("蓄水池",), "35.00万元")
    assert not amount_for_counted_noun("拿了多少蓄水池补助", ("蓄水池",), "35.00万元")
    assert not amount_for_counted_noun("按多少标准拨的", ("标准",), "35.00万元")


def test_the_cumulative_actual_of_a_year_is_not_its_budget():
    _, figure, _ = lead_figure(SANGONG, _topic("三公经费", "三公经费多少"))
    assert figure == "16.40万元"


def test_an_abbreviated_item_finds_its_full_name():
    topic = _topic("公车 运行 维护费", "公车运行维护费多少")
    assert lead_figure(SANGONG, topic)[1] == "11.20万元"


def test_two_items_sharing_one_english_head_noun():
    zh, _ = to_chinese("How large were the personnel and public-operation costs last year?")
    assert "人员经费" in zh and "公用经费" in zh and "在职" not in zh
    kept, _ = to_chinese("What were the vehicle operation and maintenance costs?")
    assert "公务用车运行维护费" in kept


def test_a_stated_change_is_never_subtracted_from_an_amount():
    quote = "2021年度一般公共预算财政拨款支出1860.40万元，比2020年减少95.70万元，下降4.89%"
    assert derived.derive("这个支出和另一个县比差多少", [(quote, "[1]")]) == []
    both = "三公经费年初预算20.00万元，全年实际支出16.40万元"
    (calc,) = derived.derive("三公经费预算和实际相差多少", [(both, "[1]")])
    assert "20.00万元 − 16.40万元 = 3.60万元" in calc


def test_over_the_budget_is_answered_yes_or_no():
    over = "2021年度财政拨款支出1250.00万元，年初预算为1100.00万元"
    (yes,) = derived.derive("财政拨款支出超年初预算了吗", [(over, "[1]")])
    assert yes.startswith("是，超出年初预算") and "150.00万元" in yes
    under = "2021年度财政拨款支出1050.00万元，年初预算为1100.00万元"
    (no,) = derived.derive("财政拨款支出是否超过年初预算", [(under, "[1]")])
    assert no.startswith("未超出年初预算") and "50.00万元" in no


def test_a_change_stated_under_the_items_own_name():
    from assistant.prior_year import _named_change

    text = "本年收入合计900.00万元。与上年相比，本年支出合计减少42.30万元，下降4.50%。"
    total = next(m for m in METRICS if m.name == "支出")
    alias, change, start, end = _named_change(text, total, 2022, "支出比上年少了多少")
    assert (alias, change.sign, change.amount.raw, change.rate.raw) == (
        "本年支出合计",
        -1,
        "42.30万元",
        "4.50%",
    )
    assert text[start:end].startswith("与上年相比")
    assert _named_change("基本支出比上年增加3.00万元。", total, 2022, "支出比上年") is None


def test_a_numbered_list_is_read_to_its_end():
    text = "重点项目：（1）甲工程10.00万元，用于某事；（2）乙工程8.00万元；（3）丙工程6.00万元。后"
    first = text.index("；")
    assert text[: breakdown.list_end(text, 0, first, len(text))].endswith("丙工程6.00万元。")
    table = "支出合计\t905.20\n全年支出905.20万元，其中：基本支出600.00万元，项目支出305.20万元"
    start, end = breakdown.parts_sentence(table, "905.20")
    assert table[start:end].startswith("全年支出905.20万元，其中")
    assert table[start:end].endswith("项目支出305.20万元")
    assert breakdown.parts_sentence("合计1905.20万元，其中：甲1.00万元。", "905.20万元") is None
    assert breakdown.asks_breakdown("这笔钱都用到哪些地方了")
    assert not breakdown.asks_breakdown("项目支出是多少")


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(
        tmp_path_factory, embeddings, REPORTS, "breakdown-index", **chroma_settings()
    )


@pytest.mark.slow
def test_where_the_project_money_went_end_to_end(service):
    answer = last_answer(service, ["岚溪水利局2023年项目支出主要用在了什么地方"])
    lead = answer.splitlines()[0]
    assert "1433.20万元" in lead and "512.60万元" in lead and "231.00万元" in lead
    assert "项目支出 512.60万元" not in lead


@pytest.mark.slow
def test_two_years_compared_like_with_like_end_to_end(service):
    answer = last_answer(service, ["岚溪水利局三公经费2023年比2022年减少多少"])
    assert "10.88万元" in answer and "1.24万元" in answer
    assert "− 13.50万元" not in answer and "13.50万元 −" not in answer
    cars = last_answer(service, ["岚溪水利局公车运行维护费哪一年花得多"])
    assert "7.20万元" in cars and "6.10万元" in cars
    assert "13.50万元[" not in cars


@pytest.mark.slow
def test_the_stated_change_and_the_budget_question_end_to_end(service):
    change = last_answer(service, ["岚溪水利局支出总额比上年多了多少"])
    assert "186.50万元" in change.splitlines()[0] and "8.17%" in change.splitlines()[0]
    over = last_answer(service, ["岚溪水利局2023年财政拨款支出超过年初预算没有"])
    assert "是，超出年初预算" in over.splitlines()[0] and "230.45万元" in over
    english = last_answer(
        service, ["What were Lanxi water bureau's personnel and public-operation costs in 2023?"]
    )
    assert "876.40万元" in english and "158.70万元" in english
