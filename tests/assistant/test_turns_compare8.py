"""Follow-ups and comparisons across reports: a share asked after "其中…呢" divides the part by
the whole (never the whole by itself); the share of the last two turns' items taken together;
"超了多少" after a budget turn and an actual turn, the budget stated in the paragraph after the
item's own sentence; "另一个县的自评报告呢" moves to the county with a report of that kind; a
comparison over "两个自评报告" leaves a 决算说明 out; a satisfaction comparison compares the
satisfaction figures, not the overall scores; a share comparison compares the shares; "谁花得多"
compares the whole spending; a body's report and a project form of the same year each derive
their own figures. Fixture reports: tests/fixtures/turns8 (invented counties and figures)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.derived import Input, metric_named, summed_share
from assistant.scope import REPORT_KIND, report_kinds
from index.numbers import find_quantities
from tests.conftest import ask_offline, index_folder, last_answer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "turns8"


# ---------------------------------------------------------------- pure parts (fast)
def _input(text: str) -> Input:
    return Input(find_quantities(text)[0], "[1]")


def test_two_parts_taken_together_are_summed_then_divided_by_the_whole():
    lines = summed_share([_input("40.00万元"), _input("10.00万元")], _input("200.00万元"))
    assert lines[0].startswith("合计：40.00万元 + 10.00万元 = 50.00万元")
    assert lines[1].startswith("占比：50.00万元 ÷ 200.00万元 = 25.00%")


def test_parts_larger_than_the_whole_are_not_its_parts():
    assert summed_share([_input("150万元"), _input("90万元")], _input("200万元")) == []


@pytest.mark.parametrize("phrase", ["本年支出", "本年度支出合计", "全年支出"])
def test_a_period_word_before_a_metric_leaves_the_metric(phrase):
    assert metric_named(phrase) == "支出"


@pytest.mark.parametrize(
    ("question", "kind"),
    [("这两份自评报告里谁的公用经费高", "部门整体支出绩效自评报告"),
     ("决算说明中写的三公经费", "部门决算说明"),
     ("both self-evaluation reports", "部门整体支出绩效自评报告")],
)  # fmt: skip
def test_a_kind_of_report_named_as_such(question, kind):
    named = REPORT_KIND.search(question)
    assert named is not None and kind in report_kinds(named.group(0))


# ---------------------------------------------------------------- over the fixture reports
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "turns8-index")


def _figures(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?(?:万元|%|分)", text))


def test_a_share_after_a_narrowed_part_divides_the_part_by_the_whole(service):
    text = last_answer(service, ["松溪林业局政府采购一共多少", "其中工程类呢", "比例是多少"])
    assert "214.80万元 ÷ 386.50万元 = 55.58%" in text
    assert "100.00%" not in text


def test_the_share_of_the_last_two_items_taken_together(service):
    text = last_answer(
        service,
        ["松溪林业局人员经费是多少", "那公用经费呢", "这两项合起来占本年支出合计的比重是多少"],
    )
    assert "812.30万元 + 118.30万元 = 930.60万元" in text
    assert "930.60万元 ÷ 2650.40万元 = 35.11%" in text


def test_over_budget_after_a_budget_turn_and_an_actual_turn(service):
    turns = ["松溪林业局一般公共预算财政拨款支出年初预算是多少"]
    assert "2105.00万元" in last_answer(service, turns)
    turns += ["实际支出是多少"]
    assert "2388.20万元" in last_answer(service, turns)
    text = last_answer(service, [*turns, "超了多少"])
    assert "283.20万元" in text and "2105.00万元" in text


def test_another_county_with_a_report_of_the_kind_named(service):
    text = last_answer(service, ["松溪林业局自评得了几分", "换个县的自评报告呢"])
    assert "87.5分" in text and "桐柏县水务局" in text
    assert "91分" not in text


def test_a_comparison_over_the_self_evaluations_leaves_the_accounts_out(service):
    answer = ask_offline(service, "两份自评报告中三公经费哪个多，多多少")
    assert "11.08万元" in answer.answer and "7.36万元" in answer.answer
    assert "23.75万元" not in answer.answer  # the 决算说明 of another body
    assert "3.72万元" in answer.answer


def test_satisfaction_compared_by_the_satisfaction_figures(service):
    for question in (
        "松溪和桐柏两个自评报告的满意度哪个低",
        "Which self-evaluation report has the lower satisfaction rating, Songxi or Tongbai?",
    ):
        text = ask_offline(service, question).answer
        assert {"86.4%", "92.7%"} <= _figures(text), text
        assert "87.5分" not in text and "91分" not in text


def test_shares_compared_as_shares_not_amounts(service):
    text = ask_offline(service, "松溪林业局和桐柏水务局的项目支出占比谁高").answer
    assert "75.78%" in text and "64.89%" in text
    assert "个百分点" in text
    assert "多2160.60万元" not in text  # the gap of the amounts answers another question


def test_who_spent_more_compares_the_whole_spending(service):
    text = ask_offline(service, "松溪林业局和桐柏水务局2023年谁花得多，差多少").answer
    assert "5120.70万元" in text and "2650.40万元" in text
    assert "2470.30万元" in text


def test_a_body_with_a_project_form_beside_its_report_still_derives(service):
    # two documents of one body and year: each derives its own figures like a single report
    text = last_answer(service, ["松溪林业局基本支出多少", "人员经费占基本支出的比例是多少"])
    assert "87.29%" in text and "812.30万元" in text and "930.60万元" in text
    assert "未找到" not in text  # the project form need not state the share
