"""Planted inconsistencies and verification questions, end to end over invented reports
(tests/fixtures/traps: one body's 2022 and 2023 reports and another county's 2023 report).

Planted: the 2023 report labels its own 公车运维 figure and its 清淤 length "2022年"; its
"三公" table's rows miss the total row (a 公务接待费 row that the text states otherwise); the
2022 report's 政府性基金 completion rate is not what its amounts give. Every question is in
words of our own. A right answer gives every figure with its source and says they disagree.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from decimal import Decimal
from pathlib import Path

import pytest

from assistant import claims, table_sums, year_labels
from assistant.compose import conversion
from evaluation.rules import unsupported_money
from index.numbers import find_quantities
from tests.conftest import index_folder

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "traps"


# -- units: no index -------------------------------------------------------------------------


def test_year_marked_figures_in_sentences_and_rows():
    text = (
        "2022年完成河道清淤12.4公里，新增灌溉面积0.8万亩。\n"
        "与上年相比，2022年较上年增加清淤长度2.8公里。\n"
        "绩效指标完成表\n指标\t目标值\t完成值\n河道清淤长度\t≥12公里\t12.4公里\n"
    )
    found = year_labels.figures(text, 2023)
    sentence = [f for f in found if f.year == 2022]
    assert [(f.label, f.shown) for f in sentence] == [
        ("河道清淤", "12.4公里"),
        ("新增灌溉面积", "0.8万亩"),
    ]  # the change after 较上年 is no figure of 2022
    row = [f for f in found if f.year is None]
    assert [(f.label, f.shown) for f in row] == [("河道清淤长度", "12.4公里")]  # not the ≥ target
    assert year_labels.same_item(sentence[0].label, row[0].label)
    assert not year_labels.same_item("支出", "支出合计")  # too short to name one item


def test_sum_check_questions_are_recognised():
    assert table_sums.asks_sum_check("表里各项相加和合计数一致吗")
    assert table_sums.asks_sum_check("do the rows add up to the total?")
    assert not table_sums.asks_sum_check("三公经费合计多少")


def test_claim_words():
    assert claims.claims("基金执行率97%，这个数准吗")
    assert not claims.claims("基金执行率是多少")


def test_a_conversion_exactly_halfway_is_exact():
    assert "362.845万元" in conversion("总额3628450.00元")
    assert "86.52万元" in conversion("货物865200.00元")
    assert "0.13万元" not in conversion("1250元")  # small amounts are left as written


# -- end to end over the invented reports ----------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "traps-index", **chroma_settings())


def _cited(answer, figure: str) -> list[int]:
    """The citations whose text writes ``figure`` (money compared in 元)."""
    want = find_quantities(figure)[0]
    out = []
    for c in answer.citations:
        text = c.text
        caption = re.search(r"单位[:：]\s*(万元|元)", text)
        pool = find_quantities(text)
        if caption:
            pool += find_quantities(
                re.sub(r"(?<![\d.])(\d+\.\d+)(?![\d.%万元])", rf"\1{caption.group(1)}", text)
            )
        if any(claims.same_figure(q, want) for q in pool):
            out.append(c.n)
    return out


def _clean(answer) -> None:
    assert not answer.refused
    cited = [asdict(c) for c in answer.citations]
    assert unsupported_money(answer.answer, cited, answer.question) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["松溪水利局2022年公车运维花了多少", "松溪县水利局2023年的公务用车运行维护费是多少"],
)
def test_a_figure_labelled_with_the_other_year_is_shown_against_that_years_report(
    service, question
):
    answer = service.ask(question, use_llm=False)
    _clean(answer)
    for figure in ("6.45万元", "5.80万元"):  # the 2022 report's and the mislabelled one
        assert figure in answer.answer
        assert _cited(answer, figure), figure
    years = {c.year for c in answer.citations}
    assert years == {2022, 2023}  # both reports are sources
    assert "不一致" in answer.answer and "笔误" in answer.answer
    assert any("年份标注存疑" in w for w in answer.warnings)


@pytest.mark.slow
def test_a_count_labelled_with_the_other_year_is_flagged(service):
    answer = service.ask("松溪县水利局2022年清淤了多少公里河道", use_llm=False)
    _clean(answer)
    assert answer.answer.startswith("松溪县水利局2022年度")
    assert "9.6公里" in answer.answer and "12.4公里" in answer.answer
    line = next(x for x in answer.answer.split("\n") if "12.4公里" in x)
    assert "标注为2022年" in line and "不一致" in line


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "松溪水利局22年基金支出完成预算97%，这个数准吗",
        "Is it true that Songxi water bureau's 2022 fund spending reached 97% of its budget?",
    ],
)
def test_a_claimed_rate_its_amounts_contradict_is_not_confirmed(service, question):
    answer = service.ask(question, use_llm=False)
    _clean(answer)
    assert "94.00%" in answer.answer  # 846.00 ÷ 900.00, shown as a calculation
    assert "846.00万元 ÷ 900.00万元" in answer.answer
    assert "不能认定为正确" in answer.answer
    assert any("对不上" in w for w in answer.warnings)


@pytest.mark.slow
def test_a_sum_check_question_adds_up_the_named_table(service):
    answer = service.ask("松溪县水利局三公经费表里各项相加和合计数一致吗", use_llm=False)
    _clean(answer)
    text = answer.answer
    assert "0.00 + 0.00 + 6.00 + 3.00 = 9.00万元" in text and "一致" in text
    assert "0.00 + 0.00 + 5.80 + 1.37 = 7.17万元" in text
    assert "7.35万元不一致" in text and "相差0.18万元" in text
    assert "1.55万元" in text and _cited(answer, "1.55万元")  # the text's other statement
    assert answer.warnings


@pytest.mark.slow
def test_a_comparison_shows_both_statements_and_both_gaps(service):
    answer = service.ask("松溪和桃源水利局2023年公务接待费相差多少", use_llm=False)
    _clean(answer)
    text = answer.answer
    for figure in ("2.10万元", "1.37万元", "1.55万元"):
        assert figure in text
    gaps = {q.value for q in find_quantities(text) if q.unit == "万元"}
    assert {Decimal("0.73"), Decimal("0.55")} <= gaps  # the gap under each reading
    assert any("不一致" in w for w in answer.warnings)


@pytest.mark.slow
def test_agreeing_reports_give_no_year_warning(service):
    answer = service.ask("桃源县水利局2023年公务接待费多少", use_llm=False)
    _clean(answer)
    assert "2.10万元" in answer.answer
    assert not any("年份标注" in w for w in answer.warnings)


@pytest.mark.slow
def test_asked_whether_two_statements_agree_the_answer_says_so(service):
    differ = service.ask("松溪县水利局2023年公务接待费正文和表格里写的一致吗", use_llm=False)
    _clean(differ)
    assert "结论：不一致" in differ.answer
    assert "1.55万元" in differ.answer and "1.37万元" in differ.answer
    same = service.ask("松溪县水利局2023年公务用车运行维护费正文和表格对得上吗", use_llm=False)
    _clean(same)
    assert "结论：一致" in same.answer and "结论：不一致" not in same.answer
