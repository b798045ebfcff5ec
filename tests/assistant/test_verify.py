"""Checking a model's answer against its numbered sources, and repairing it."""

from __future__ import annotations

import pytest

from assistant.answer import Fact
from assistant.verify import Issue, problems_prompt, repair, verify

SOURCES = [
    (
        1,
        "2023年项目年初预算数为6.42万元，全年实际支出7.15万元，预算执行率为95.5%。公用经费1.16万元。",
    ),
    (2, "截至12月31日，共开展培训12期，培训人数300人次，采购设备支出6000元。"),
    (3, "单位：万元\n项目 | 全年预算数\n设备购置 | 1.16\n绩效自评得分92分。"),
]


def test_correct_cited_answer_passes_unchanged() -> None:
    answer = "2023年项目年初预算数为6.42万元[1]，实际支出7.15万元[1]。共开展培训12期[2]。"
    check = verify(answer, SOURCES, question="2023年预算执行情况如何？")
    assert check.ok
    assert check.unmarked == ()
    assert repair(answer, check).text == answer
    assert problems_prompt(check) == ""


def test_hallucinated_figure_is_caught_and_its_sentence_removed() -> None:
    answer = "实际支出7.15万元[1]。另有专项资金18.8万元[1]。"
    check = verify(answer, SOURCES)
    assert not check.ok
    assert check.unsupported == (Issue("另有专项资金18.8万元[1]。", "18.8万元"),)
    fixed = repair(answer, check)
    assert fixed.text == "实际支出7.15万元[1]。"
    assert fixed.removed == ("另有专项资金18.8万元[1]。",)
    assert fixed.warnings == (
        "已删除一处无法核实的数字：「另有专项资金18.8万元[1]。」（18.8万元 未在引用来源中找到）",
    )
    assert "18.8万元" in problems_prompt(check)


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("设备购置预算1.16元[3]。", False),  # the table header says 万元
        ("设备购置预算1.16万元[3]。", True),
        ("设备购置预算11600元[3]。", True),
        ("公用经费1.16元[1]。", False),
        ("公用经费1.16万元[1]。", True),
        ("设备支出0.6万元[2]。", True),  # 6000元 at the shown precision
        ("设备支出1万元[2]。", False),  # a one-digit rounding of 6000元 is not a restatement
    ],
)
def test_money_compares_in_yuan_at_the_shown_precision(answer: str, ok: bool) -> None:
    assert verify(answer, SOURCES).ok is ok


def test_marker_without_a_source_is_dangling_and_removed() -> None:
    answer = "绩效自评得分92分[3][7]。实际支出7.15万元[1,7]。"
    check = verify(answer, SOURCES)
    assert check.dangling == (7,)
    assert not check.ok
    assert "标注[7]不存在，只有[1]–[3]" in problems_prompt(check)
    assert repair(answer, check).text == "绩效自评得分92分[3]。实际支出7.15万元[1]。"


def test_only_dangling_marker_is_replaced_by_the_source_holding_the_figure() -> None:
    answer = "绩效自评得分92分[7]。"
    check = verify(answer, SOURCES)
    assert check.unmarked == (Issue("绩效自评得分92分[7]。", "92分", 3),)
    assert repair(answer, check).text == "绩效自评得分92分[3]。"


def test_supported_figure_without_marker_gets_one() -> None:
    answer = "全年共开展培训12期，培训300人次。预算执行率为95.5%[1]。"
    check = verify(answer, SOURCES)
    assert check.ok
    assert [(i.figure, i.source) for i in check.unmarked] == [("12期", 2), ("300人次", 2)]
    fixed = repair(answer, check)
    assert fixed.text == "全年共开展培训12期，培训300人次[2]。预算执行率为95.5%[1]。"


def test_sentence_citing_the_wrong_source_gets_the_right_one() -> None:
    check = verify("培训300人次[1]。", SOURCES)
    assert check.unmarked == (Issue("培训300人次[1]。", "300人次", 2),)
    assert repair("培训300人次[1]。", check).text == "培训300人次[1][2]。"


@pytest.mark.parametrize(
    "answer",
    [
        "差额为：6.42万元 − 7.15万元 = -0.73万元[1]。",
        "7.15万元-6.42万元=0.73万元[1]。",
        "7.15万元减6.42万元等于0.73万元[1]。",
        "0.73万元 = 7.15万元 − 6.42万元[1]。",
        "年初预算6.42万元，全年支出7.15万元，支出比预算增加了0.73万元[1]。",
        # a change word, the two figures in other sentences
        "年初预算6.42万元[1]。全年支出7.15万元[1]。支出比年初预算多出7300元。",
    ],
)
def test_calculation_from_supported_figures_is_supported(answer: str) -> None:
    assert verify(answer, SOURCES).unsupported == ()


def test_wrong_calculation_is_not_supported() -> None:
    check = verify("6.42万元 − 7.15万元 = -0.83万元[1]。", SOURCES)
    assert [i.figure for i in check.unsupported] == ["0.83万元"]


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("预算执行率为95.5%[1]。", True),
        ("预算执行率为95.5％[1]。", True),  # full-width percent sign
        ("预算执行率为96.5%[1]。", False),
        ("自评得分占比92%[3]。", False),  # 92分 is not a percentage
        ("执行率 = 7.15万元 ÷ 6.42万元 = 111.4%[1]。", True),
    ],
)
def test_percentages_need_a_source_percentage(answer: str, ok: bool) -> None:
    assert verify(answer, SOURCES).ok is ok


def test_years_and_dates_from_sources_or_question_are_not_figures() -> None:
    answer = "2023年，截至12月31日共开展培训12期[2]；2024年的安排见问题。"
    assert verify(answer, SOURCES, question="2024年有什么安排？").ok
    check = verify("2021年共开展培训12期[2]。", SOURCES)
    assert [i.figure for i in check.unsupported] == ["2021"]


def test_list_numbering_and_markers_are_not_figures() -> None:
    answer = (
        "主要数字如下：\n1. 年初预算6.42万元[1]；\n（2）培训12期[2]；\n"
        "3、自评92分[3]。\n4.执行率95.5%[1]"
    )
    check = verify(answer, SOURCES)
    assert check.ok
    assert check.unmarked == ()


def test_english_answer() -> None:
    answer = (
        "In 2023 the budget was 64,200 yuan [1] and spending was RMB 71,500 [1]. "
        "The execution rate was 95.5 percent [1]. It also bought a 3.2 million yuan building [2]."
    )
    check = verify(answer, SOURCES)
    assert [i.figure for i in check.unsupported] == ["3.2 million yuan"]
    fixed = repair(answer, check)
    assert fixed.text.endswith("The execution rate was 95.5 percent [1].")


def test_facts_support_figures_and_name_their_source() -> None:
    facts = [Fact("专项资金", "18.8", "万元", 188000.0, 2)]
    check = verify("专项资金188000元。", SOURCES, facts)
    assert check.unsupported == ()
    assert check.unmarked == (Issue("专项资金188000元。", "188000元", 2),)


def test_repair_removing_everything_leaves_empty_text() -> None:
    answer = "1. 专项资金18.8万元[1]；\n2. 另有99人参加[2]。"
    fixed = repair(answer, verify(answer, SOURCES))
    assert fixed.text == ""
    assert len(fixed.warnings) == 2


def test_removed_list_line_leaves_no_blank_line() -> None:
    answer = "1. 年初预算6.42万元[1]；\n2. 另有99人参加[2]；\n3. 培训12期[2]。"
    fixed = repair(answer, verify(answer, SOURCES))
    assert fixed.text == "1. 年初预算6.42万元[1]；\n3. 培训12期[2]。"


def test_marker_after_the_full_stop_belongs_to_the_sentence() -> None:
    answer = "实际支出7.15万元。[1]培训12期。[2]"
    check = verify(answer, SOURCES)
    assert check.ok
    assert check.unmarked == ()
