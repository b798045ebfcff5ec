"""Scoring rules: figures at the answer's precision, evidence hits, support, refusals, traps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.scoring import (
    disagreement_flagged,
    evidence_hit,
    number_matches,
    score_item,
    unsupported_money,
)

DEV_QA = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev_qa.jsonl"


def _answer(text: str, *cites: tuple[str, str], refused: bool = False, **extra) -> dict:
    """An answer dict in the contract's JSON form, citing (file, text) pairs."""
    citations = [
        {"n": i, "report_id": "r", "file": f, "county": None, "department": None, "year": None,
         "section": "", "text": t, "start": 0, "end": len(t), "score": 1.0}
        for i, (f, t) in enumerate(cites, start=1)
    ]  # fmt: skip
    return {"question": "q", "answer": text, "refused": refused, "citations": citations,
            "facts": extra.get("facts", []), "warnings": extra.get("warnings", [])}  # fmt: skip


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("7300元", "支出7300元"),
        ("7300元", "支出7,300元"),
        ("7300元", "支出0.73万元"),
        ("2.47万元", "支出24700元"),
        ("2.47万元", "支出2.47万元"),
        ("3.5亿元", "共35000万元"),
        ("4218806.35元", "约421.88万元"),
        ("4218806.35元", "约422万元"),
        ("4218806.35元", "4218806元"),
    ],
)
def test_money_matches_in_any_unit_at_the_answers_precision(expected: str, text: str) -> None:
    assert number_matches(expected, text)


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("7300元", "支出1万元"),  # one significant digit is too coarse
        ("7300元", "支出7400元"),
        ("2.47万元", "支出2.5元"),
        ("4218806.35元", "4218807元"),
        ("7300元", "共7300人"),
    ],
)
def test_money_mismatches(expected: str, text: str) -> None:
    assert not number_matches(expected, text)


def test_unitless_table_cell_matches_a_whole_token_with_any_unit() -> None:
    assert number_matches("47", "编制47名")
    assert number_matches("47", "实有人数\t47")
    assert number_matches("3.80", "预算3.8万元")
    assert not number_matches("47", "共147名")
    assert not number_matches("47", "共47.5名")


def test_a_year_or_section_number_does_not_match_a_unitless_figure() -> None:
    assert not number_matches("24", "2024年度报告")
    assert not number_matches("12", "截至12月31日")
    assert not number_matches("4", "见第4部分")
    assert not number_matches("4", "依据表4")
    assert not number_matches("2", "如上所述[2]")
    assert number_matches("4", "得分4分")


def test_unitless_cell_with_money_hint_matches_other_money_units() -> None:
    assert number_matches("3.80", "预算38000元", [38000])
    assert not number_matches("3.80", "预算38000元")


def test_batches_percent_space_and_people() -> None:
    assert number_matches("17批", "接待17批次")
    assert number_matches("17批次", "接待17批")
    assert number_matches("88.4 %", "完成率88.4%")
    assert number_matches("88.4%", "完成率88.4 ％")
    assert number_matches("21名", "21人")
    assert not number_matches("17批", "17人次")
    assert not number_matches("350张", "350个")
    assert number_matches("350张", "发放350张")


def test_comparator_targets_and_dates() -> None:
    assert number_matches("≥85%", "目标值≥85%")
    assert number_matches("≥85%", "目标为85%以上")
    assert number_matches("≥85%", "不低于85%")
    assert not number_matches("≥85%", "目标≤85%")
    assert not number_matches("≥85%", "85%以下")
    assert number_matches("2020年6月30日", "截至2020年 6月30日")
    assert not number_matches("2020年6月30日", "截至2020年6月3日")
    assert number_matches("2019年", "标注为2019年")
    assert number_matches("≤5%", "偏离度不超过5%")
    assert not number_matches("≤5%", "偏离度5%以上")


def test_evidence_hit_ignores_whitespace_and_cell_separators() -> None:
    answer = _answer("x", ("rep.docx", "差旅费 | 5.10 |\n4.02 | 78.82%"), ("other.txt", "差旅费"))
    assert evidence_hit(answer, [{"file": "rep.docx", "text": "差旅费\t5.10\t4.02\t78.82%"}])
    assert not evidence_hit(answer, [{"file": "other.docx", "text": "差旅费\t5.10"}])
    assert not evidence_hit(answer, [{"file": "rep.docx", "text": "差旅费\t5.20"}])


def test_unsupported_money_detects_figures_without_a_source() -> None:
    answer = _answer("支出7300元，另有预算9900元。", ("a.txt", "全年支出7,300.00元"))
    assert unsupported_money(answer) == ["9900元"]


def test_restated_figures_and_facts_are_supported() -> None:
    answer = _answer("支出0.73万元（7300元），预算9900元。", ("a.txt", "支出7300元"))
    facts = [{"metric": "预算", "value": "9900", "unit": "元", "value_yuan": 9900.0, "citation": 1}]
    assert unsupported_money({**answer, "facts": facts}) == []


def test_table_cells_under_a_unit_header_support_converted_money() -> None:
    answer = _answer("培训费5.10万元，即51000元。", ("t.docx", "单位：万元\n培训费\t5.10\t4.02"))
    assert unsupported_money(answer) == []


def test_shown_calculations_and_changes_are_supported() -> None:
    cite = ("a.txt", "2022年支出5.60万元，2023年支出41250.00元")
    sub = _answer("5.60万元−41250.00元=14750.00元", cite)
    assert unsupported_money(sub) == []
    hyphen = _answer("56000元-41250元=14750元（约1.48万元）", cite)
    assert unsupported_money(hyphen) == []
    summed = _answer("合计97250元=5.60万元+41250.00元", cite)
    assert unsupported_money(summed) == []
    change = _answer("2023年41250.00元，比2022年5.60万元减少了14750.00元", cite)
    assert unsupported_money(change) == []
    wrong = _answer("5.60万元−41250.00元=15750.00元", cite)
    assert unsupported_money(wrong) == ["15750.00元"]
    unfounded = _answer("比上年减少了9000元", cite)
    assert unsupported_money(unfounded) == ["9000元"]


def test_disagreement_flag_from_words_or_warnings() -> None:
    assert disagreement_flagged(_answer("正文与附表数字不一致"))
    assert disagreement_flagged(_answer("两个数", warnings=["figures differ"]))
    assert not disagreement_flagged(_answer("支出7300元"))


def test_refusal_scoring() -> None:
    item = {"id": "u1", "kind": "unanswerable", "numbers": [], "evidence": []}
    assert score_item(item, _answer("报告中没有该数据。", refused=True)).passed
    assert not score_item(item, _answer("报告中没有该数据。")).passed
    guessed = score_item(item, _answer("大约3万元。", refused=True))
    assert not guessed.passed and guessed.unsupported == ["3万元"]
    fact = {"metric": "m", "value": "3", "unit": "万元", "value_yuan": 30000.0, "citation": 1}
    as_fact = _answer("无法回答。", ("a.txt", "3万元"), refused=True, facts=[fact])
    assert "as fact" in score_item(item, as_fact).reason


def test_trap_needs_every_figure_and_a_flag() -> None:
    item = {"id": "t1", "kind": "trap", "numbers": ["27150.00元", "21750.00"],
            "evidence": [{"file": "a.txt", "text": "实际支出27150.00元"}]}  # fmt: skip
    cite = ("a.txt", "实际支出27150.00元……决算数\t21750.00")
    flagged = _answer("正文为27150.00元，表中为21750.00元，两处不一致。", cite)
    score = score_item(item, flagged)
    assert score.passed and score.evidence_hit and score.numbers_found == 2
    silent = score_item(item, _answer("正文为27150.00元，表中为21750.00元。", cite))
    assert not silent.passed and "not flagged" in silent.reason
    half = score_item(item, _answer("实际支出27150.00元，与表不一致。", cite))
    assert not half.passed and half.numbers_found == 1


def test_locate_needs_evidence_and_fact_does_not() -> None:
    evidence = [{"file": "a.txt", "text": "共接待17批次"}]
    locate = {"id": "l1", "kind": "locate", "numbers": [], "evidence": evidence}
    fact = {"id": "f1", "kind": "fact", "numbers": ["17批"], "evidence": evidence}
    right = _answer("见第二部分：共接待17批次。", ("a.txt", "（二）共接待17批次、90人次"))
    wrong = _answer("见第二部分：共接待17批次。", ("b.txt", "共接待17批次"))
    assert score_item(locate, right).passed
    assert not score_item(locate, wrong).passed
    assert score_item(fact, wrong).passed and score_item(fact, wrong).evidence_hit is False


@pytest.mark.skipif(not DEV_QA.exists(), reason="shared eval set not present")
def test_dev_reference_answers_state_their_expected_figures() -> None:
    """Every reference answer in the dev set is scored as containing its own figures."""
    for line in DEV_QA.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        score = score_item(item, _answer(item["answer"], refused=item["kind"] == "unanswerable"))
        assert score.numbers_found == score.numbers_total, item["id"]
