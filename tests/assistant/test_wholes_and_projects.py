"""Wholes against their parts, projects against their body, and the words that name them
(tests/fixtures/own12, invented: 澄溪县林业局 2022/2023, 桐岭县林业局 2023).

Each question is written for this test, in words the development sets do not use."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.compose import as_written
from assistant.table_sums import _closed_runs
from assistant.understanding import understand
from tests.conftest import ask_offline, index_folder, last_answer

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "own12"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "own12-index")


def _lead(service, question: str) -> str:
    return ask_offline(service, question).answer.splitlines()[0]


# -- a whole named by the stem it shares with its parts -----------------------------------------


@pytest.mark.parametrize(
    "question", ["澄溪林业局23年公车花了多少", "澄溪林业局23年公务用车经费多少"]
)
def test_the_stem_asks_the_whole_not_a_part(service, question):
    lead = _lead(service, question)
    assert "公务用车购置及运行维护费" in lead and "15.10万元" in lead
    assert "0.00" not in lead


def test_a_part_named_by_its_own_word_is_still_the_part(service):
    lead = _lead(service, "澄溪林业局23年公车购置费多少")
    assert "公务用车购置费" in lead and "0.00万元" in lead


def test_the_car_after_the_three_public_costs_is_the_whole_car_item(service):
    answer = last_answer(service, ["澄溪林业局23年三公经费多少", "公车呢"])
    assert "15.10万元" in answer.splitlines()[0]


# -- a cost named by the end of its name ----------------------------------------------------------


def test_a_cost_cut_short_is_compared_as_money(service):
    answer = ask_offline(service, "澄溪跟桐岭林业局23年的接待费比一比")
    assert "3.52万元 − 2.86万元 = 0.66万元" in answer.answer
    assert "批次" not in answer.answer.splitlines()[0]
    # the 三公 table lists 购置费 and 运行维护费 and then their subtotal: no false alarm
    assert not answer.warnings


def test_subtotal_after_its_parts_is_counted_once():
    rows = [
        ("公务接待费", Decimal("4.00")),
        ("公务用车购置费", Decimal("0.00")),
        ("公务用车运行维护费", Decimal("16.00")),
        ("公务用车购置及运行维护费", Decimal("16.00")),
    ]
    assert sum(_closed_runs(rows)) == Decimal("20.00")
    # three projects where the third happens to equal the first two: no joining word, kept
    plain = [("甲项目", Decimal(1)), ("乙项目", Decimal(2)), ("丙项目", Decimal(3))]
    assert sum(_closed_runs(plain)) == Decimal(6)


def test_label_shown_as_the_report_writes_it(service):
    assert "出国（境）费" in _lead(service, "桐岭林业局23年出国费用是多少")
    assert as_written("因公出国境费", "其中因公出国（境）费0万元") == "因公出国（境）费"
    assert as_written("支出合计", "无此标签") == "支出合计"


# -- two years added, not differenced ------------------------------------------------------------


@pytest.mark.parametrize(
    "question", ["澄溪林业局两年一共支出了多少", "澄溪林业局22和23年的支出加在一起是多少"]
)
def test_two_years_summed(service, question):
    answer = ask_offline(service, question).answer
    assert "1254.75万元 + 1120.30万元 = 2375.05万元" in answer
    assert "增长" not in answer


# -- projects and their body ---------------------------------------------------------------------


def test_body_spending_is_not_a_projects(service):
    lead = _lead(service, "澄溪林业局23年总共花了多少钱")
    assert "1,254.75万元" in lead


def test_project_named_in_its_paragraph_heading(service):
    answer = ask_offline(service, "澄溪林业局23年森林防火项目实际花了多少").answer
    assert "108.36万元" in answer.splitlines()[0]
    assert "森林防火项目。预算资金120.00万元" in answer  # the quote keeps the heading


def test_two_projects_budgets_are_no_conflict(service):
    answer = ask_offline(service, "澄溪林业局23年森林防火项目执行率多少")
    assert "90.30%" in answer.answer.splitlines()[0]
    assert not answer.warnings


def test_a_project_rate_after_the_body_rate(service):
    answer = last_answer(service, ["澄溪林业局23年预算执行率是多少", "其中森林防火项目的执行率呢"])
    assert "90.30%" in answer.splitlines()[0]


def test_fund_named_only_as_a_source_is_refused(service):
    answer = ask_offline(service, "澄溪林业局23年森林防火项目中央资金有多少", refused=True)
    assert "未单列" in answer.answer


def test_balance_asked_as_how_much_is_left(service):
    assert "31.65万元" in _lead(service, "澄溪林业局23年末还剩多少结转结余")


def test_score_rise_between_years(service):
    answer = ask_offline(service, "澄溪林业局绩效自评23年比22年提高了几分").answer
    assert "93.5" in answer and "91" in answer and "2.5分" in answer


# -- things built or measured are not bodies -----------------------------------------------------


def test_counted_or_measured_units_are_not_bodies(service):
    catalogue = service._catalogue(service.reports())
    built = understand("澄溪林业局23年新建了几个管护中心？", catalogue)
    assert built.departments == ("林业局",) and built.unknown == ()
    rate = understand("23年绩效表里护林服务中心覆盖率是多少", catalogue)
    assert rate.unknown == ()
    hospital = understand("桐岭县人民医院2023年支出多少", catalogue)
    assert "人民医院" in hospital.unknown


# -- rows, parts and sides read the way the question means them ----------------------------------


def test_largest_deduction_skips_the_dashed_total_row(service):
    lead = _lead(service, "澄溪林业局23年绩效表里哪一项被扣的分最多")
    assert "群众满意度" in lead and "3.5分" in lead


def test_two_parts_joined_by_a_pause_mark(service):
    lead = _lead(service, "澄溪林业局23年有几个股室、多少在职人员？")
    assert "4个" in lead and "33人" in lead


def test_reception_compared_by_cost_and_by_counts(service):
    answer = ask_offline(service, "澄溪林业局22年和23年公务接待比，多了还是少了").answer
    assert "3.52万元" in answer and "4.10万元" in answer  # what it cost, first
    assert "42批次" in answer and "50批次" in answer  # then how many


def test_english_centre_is_the_indexed_centre(service):
    answer = ask_offline(
        service,
        "Which spent more in 2023, the Weichuan forestry center or the Tongling forestry bureau?",
    ).answer
    assert "598.12万元" in answer and "980.66万元" in answer


def test_english_follow_up_on_that_change(service):
    answer = last_answer(
        service,
        [
            "How much did the Chengxi forestry bureau spend in 2022?",
            "And in 2023?",
            "How much did that change?",
        ],
    )
    assert "134.45万元" in answer


def test_budget_rate_after_another_amount_is_the_bodys_rate(service):
    answer = ask_offline(service, "苇川林业发展中心和桐岭林业局23年预算执行率哪个高").answer
    assert "94.08%" in answer and "93.70%" in answer


# -- what a report's figures are, before checking them -------------------------------------------


def test_spending_clause_after_a_budget_is_checked_against_it(service):
    answer = ask_offline(service, "桐岭林业局23年接待费预算执行得怎么样")
    assert "2.86万元 ÷ 3.00万元（预算）= 95.33%" in answer.answer
    assert any("公务接待费" in w and "96.53%" in w for w in answer.warnings)


def test_two_budgets_of_a_year_are_no_conflict(service):
    answer = ask_offline(service, "澄溪林业局23年年初预算多少")
    assert "1,180.00万元" in answer.answer.splitlines()[0]
    assert not answer.warnings


def test_a_target_is_no_second_statement_of_the_amount(service):
    answer = ask_offline(service, "澄溪林业局23年林业产业产值多少")
    assert "4,860万元" in answer.answer.splitlines()[0]
    assert not any("不一致" in w or "不同数字" in w for w in answer.warnings)


def test_a_table_named_by_a_metric_is_where_the_item_is(service):
    lead = _lead(service, "澄溪林业局23年项目支出表里管护项目的预算是多少")
    assert "210.00" in lead and "452.44" not in lead


def test_clauses_of_a_sentence_are_no_list():
    from assistant.derived import list_items

    assert list_items("实施城区学校扩容工程，新增学位1,350个") == []
    assert list_items("内设办公室、营林股、林政股等3个股室") == ["办公室", "营林股", "林政股"]


def test_extreme_row_shown_with_its_other_figures(service):
    lowest = _lead(service, "澄溪林业局23年哪个项目执行率最低")
    assert "森林防火项目（预算数 120.00万元、实际支出数 108.36万元；执行率 90.30%）" in lowest


def test_a_rate_written_twice_compares_under_each_reading(service):
    answer = ask_offline(service, "澄溪林业局22年和23年哪年预算执行率更高")
    assert "95.10%" in answer.answer and "94.94%" in answer.answer
    assert any("不一致" in w for w in answer.warnings)


def test_a_year_follow_up_still_asks_how_many(service):
    answer = last_answer(service, ["澄溪林业局22年护林员补助资金多少", "聘用了多少人", "那23年呢"])
    lead = answer.splitlines()[0]
    assert "432人" in lead and "86.40" not in lead and "450" not in lead


def test_what_was_done_leads_before_the_target(service):
    assert "1.8万亩" in _lead(service, "澄溪林业局23年造林多少亩")
    assert "2万亩" in _lead(service, "澄溪林业局23年造林目标是多少")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("苇川林业发展中心23年钱花得最多的是哪个项目", "国家储备林建设项目（120.50万元）"),
        ("苇川林业发展中心23年哪个项目花钱最少", "林木良种培育项目（86.07万元）"),
    ],
)
def test_extreme_over_numbered_points_after_a_colon(service, question, expected):
    assert expected in _lead(service, question)


def test_share_follow_up_leads_with_the_share_the_report_states(service):
    answer = last_answer(service, ["苇川林业发展中心23年项目支出多少", "占比呢"])
    assert "占本年支出的49.58%" in answer.splitlines()[0]


def test_each_part_of_a_question_is_asked_in_its_own_terms(service):
    lead = _lead(service, "澄溪林业局23年森林防火项目花了多少钱？巡护了多少人次？")
    assert "108.36万元" in lead and "1260人次" in lead and "1200" not in lead


def test_a_verb_and_its_object_asked_apart(service):
    assert "1.8万亩" in _lead(service, "澄溪林业局23年造了多少林")
