"""The largest or smallest row of a table for the measure a question names, over an invented
report (tests/fixtures/rows): the 执行率 column of a budget table, 扣分 as 分值 − 得分 of an
indicator table, totals left out, ties named together."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import index_folder, last_answer

pytestmark = pytest.mark.slow

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "rows"


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "rows-index", **chroma_settings())


def test_the_lowest_rate_of_a_budget_table_row_leaves_the_total_out(service):
    answer = last_answer(service, ["南溪统计局哪一项支出执行率最低"])
    assert "表中4项中最低的是项目支出（" in answer and "；执行率 88.37%）" in answer
    assert "合计（" not in answer.split("\n")[0]


def test_points_lost_most_is_full_marks_minus_the_score_of_each_indicator(service):
    answer = last_answer(service, ["南溪统计局哪个绩效指标扣分最多"])
    assert "扣分最多的是数据差错率（指标值 ≤1%、实际完成值 1.6%；扣分 20 − 16 = 4分）" in answer
    lowest = last_answer(service, ["南溪县统计局指标里得分最低的是哪个"])
    assert "最低的是数据差错率（" in lowest and "；得分 16）" in lowest


def test_tied_rows_are_all_named(service):
    answer = last_answer(service, ["南溪统计局哪个绩效指标扣分最少"])
    assert "扣分最少的是统计调查任务完成数（扣分 20 − 20 = 0分）" in answer
    assert "统计信息公开次数（扣分 20 − 20 = 0分）" in answer


def test_a_table_total_restated_in_a_sentence_with_its_change_answers_the_change(service):
    """The year's total is a table's 合计 row; the sentence that restates it after a rate
    ("…612.40万元，预算执行率95.69%，较上年…增加28.60万元") gives the change asked for."""
    answer = last_answer(service, ["南溪统计局2023年支出比上年多了多少"])
    lead = answer.split("\n")[0]
    assert "612.40万元" in lead and "较上年增加28.60万元，增长4.90%" in lead
    assert "上年（2022年）：583.80万元" in answer
