"""Comparisons and rankings (fixture reports tests/fixtures/cmp10, invented counties and figures):
a ranking of one year takes a body's figure for that year from its next year's report (a 上年决算数
column, "比2022年的760.15万元增加…") and puts amounts in 元 and 万元 into one unit; a year read
from a stated change is this year's actual plus or minus the change, never the budget written
between them; a thing counted in two units (批次, 人次) is compared in both; "几倍？差多少？" gets
both; "里面B是多少" → "占了百分之几" divides B by the turn before's whole; English share and
higher-level subsidy wordings."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evidence import abbreviated_metric
from assistant.stated_changes import budget_before_rate, stated_change
from tests.conftest import ask_offline, index_folder, last_answer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cmp10"


# ---------------------------------------------------------------- pure parts (fast)
def test_a_change_after_a_budget_and_its_rate_is_the_actual_figures():
    text = "三公支出4.20万元，年初预算6.00万元，完成预算的70.00%，比上年减少0.80万元，下降16.00%"
    after_actual = text.index("4.20万元") + len("4.20万元")
    after_budget = text.index("6.00万元") + len("6.00万元")
    change = stated_change(text, after_actual, 2022)
    assert change is not None and change.amount is not None and change.amount.raw == "0.80万元"
    assert stated_change(text, after_budget, 2022) is None
    start = text.index("6.00万元")
    assert budget_before_rate(text, start, start + len("6.00万元"))


def test_an_abbreviated_item_name_is_read_as_the_item():
    found = abbreviated_metric("公车 运维费")
    assert found is not None and found.name == "公务用车运行维护费"
    loose = abbreviated_metric("公务用车运维", same_end=False)
    assert loose is not None and loose.name == "公务用车运行维护费"
    assert abbreviated_metric("三公经费") is None  # written whole: no abbreviation


# ---------------------------------------------------------------- over the fixture reports
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "cmp10-index")


def test_a_ranking_of_one_year_reads_missing_years_from_the_next_report(service):
    text = ask_offline(service, "这三个县的单位2022年花钱多少，从多到少排一下").answer
    assert "1523.64万元" in text and "980.00万元" in text and "760.15万元" in text
    assert text.index("1523.64") < text.index("980.00") < text.index("760.15")
    assert "据其2023年度报告" in text
    assert "812.40" not in text and "1050.00" not in text  # never the later year's own figure


def test_a_ranking_in_two_units_converts_and_reads_the_prior_year_column(service):
    text = ask_offline(service, "桦川农业农村局和汤原统计局22年公车运维费谁高").answer
    assert "5.23万元" in text and "2.60万元" in text
    assert text.index("5.23万元") < text.index("2.60万元")
    assert "2.10万元" not in text.split("\n")[0]
    gap = next(line for line in text.split("\n") if "计算" in line)
    assert "2.63万元" in gap and "汤原县统计局2022年（据其2023年度报告）" in gap


def test_the_earlier_year_is_the_actual_plus_the_change_not_the_budget(service):
    text = ask_offline(service, "依兰科技局22年三公经费花了多少？和23年相比呢？").answer
    assert "3.60万元" in text and "3.00万元" in text
    assert "5.60" not in text  # the budget 5.00 plus the change is no figure of 2022
    answer = ask_offline(service, "依兰科技局2023年三公经费是多少")
    assert "不一致" not in answer.answer  # 0.60 ÷ (3.00 + 0.60) = 16.67%: no false warning


def test_a_thing_counted_in_two_units_is_compared_in_both(service):
    text = ask_offline(service, "桦川农业农村局22年和23年相比，公务接待哪一年更多").answer
    for figure in ("30批次", "24批次", "150人次", "130人次", "6批次", "20人次"):
        assert figure in text


def test_a_multiple_and_a_difference_are_both_given(service):
    text = ask_offline(service, "2023年依兰科技局的全年支出是汤原统计局的多少倍，相差多少").answer
    assert "1.29" in text and "237.60万元" in text


def test_a_bare_share_after_a_part_inside_the_turn_before(service):
    text = last_answer(
        service, ["汤原统计局2023年三公经费用了多少", "里面公务用车运维是多少", "占了百分之几"]
    )
    assert "2.10万元" in text and "4.20万元" in text and "50.00%" in text


def test_english_share_of_spending_on_basic_expenditure(service):
    text = ask_offline(
        service,
        "In 2023, did the Tangyuan statistics bureau or the Yilan science and technology bureau "
        "put a larger share of its spending on basic (running) expenditure?",
    ).answer
    assert "61.55%" in text and "28.57%" in text


def test_english_higher_level_subsidy_income_over_two_years(service):
    text = ask_offline(
        service,
        "How did the Huachuan agriculture and rural affairs bureau's subsidy income from "
        "higher-level bodies change from 2022 to 2023?",
    ).answer
    assert "40.00万元" in text and "55.00万元" in text and "15.00万元" in text
