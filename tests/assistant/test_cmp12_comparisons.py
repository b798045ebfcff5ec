"""Comparisons and multi-turn follow-ups over tests/fixtures/cmp12 (invented counties, bodies and
figures): two 审计局 in two counties, each with its 部门决算说明 for 2022 and 2023, and one of
them with a second 2023 document (部门整体支出绩效自评报告) that restates some figures — one of
them (三公经费) differently.

Classes covered: a body's two documents of one year are one side of a comparison, never two
(ranking, gap, sum, growth); "几倍" and "百分之几" are computed with both sources; "分别" gives
both figures; the year-on-year growth of one year reads the year before, never the body's other
document of the same year; a follow-up that changes only the county, only the year or asks only
"差多少" keeps the other side and the item; English comparisons of spending on an item."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.derived import asks_growth, asks_percent_of
from tests.conftest import ask_offline, index_folder, last_answer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cmp12"


# ---------------------------------------------------------------- pure parts (fast)
def test_a_percentage_of_another_figure_is_not_a_share_of_a_whole():
    assert asks_percent_of("A县的项目支出是B县的百分之几")
    assert asks_percent_of("2023年相当于2022年的百分之多少")
    assert asks_percent_of("Yongping's spending as a percentage of Xiuwen's")
    assert not asks_percent_of("项目支出占支出总计的比重是多少")
    assert not asks_percent_of("项目支出占比是多少")
    assert asks_growth("项目支出增幅是多少") and asks_growth("增长了百分之几")


# ---------------------------------------------------------------- over the fixture reports
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "cmp12-index")


def _numbered_rows(text: str) -> list[str]:
    return [line for line in text.split("\n") if line[:2] in {f"{n}." for n in range(1, 10)}]


def test_a_bodys_two_documents_of_one_year_are_one_side(service):
    answer = ask_offline(service, "永平县审计局和修文县审计局2023年项目支出谁多？")
    text = answer.answer
    assert text.startswith("较多的是修文县审计局2023年度：384.40万元")
    assert len(_numbered_rows(text)) == 2  # not 永平 twice (决算说明 and 自评报告)
    assert "384.40万元 − 308.80万元 = 75.60万元" in text
    sources = {c.file for c in answer.citations}
    assert "修文县审计局2023年度部门决算说明.txt" in sources
    assert "永平县审计局2023年度部门决算说明.txt" in sources
    assert not any("未找到" in line for line in text.split("\n"))


def test_a_gap_and_a_sum_across_two_counties(service):
    gap = ask_offline(service, "修文审计局比永平审计局2023年项目支出多多少？").answer
    assert "75.60万元" in gap and len(_numbered_rows(gap)) == 2
    total = ask_offline(service, "两县审计局2023年支出合计一共多少？").answer
    assert "1094.60万元 + 889.20万元 = 1983.80万元" in total
    assert len(_numbered_rows(total)) == 2


def test_a_ratio_and_a_percentage_of_the_other_side(service):
    times = ask_offline(service, "2023年修文县审计局项目支出是永平县审计局的几倍？").answer
    assert "384.40万元 ÷ 308.80万元 ≈ 1.24" in times
    percent = ask_offline(service, "永平县审计局2023年公务接待费是修文县的百分之几？").answer
    assert "永平县审计局2023年度为修文县审计局2023年度的78.26%" in percent
    assert "1.80万元 ÷ 2.30万元" in percent
    reverse = ask_offline(service, "修文县审计局2023年项目支出是永平县审计局的百分之几？").answer
    assert "修文县审计局2023年度为永平县审计局2023年度的124.48%" in reverse


def test_each_figure_asked_respectively(service):
    text = ask_offline(service, "两个审计局2023年的在职人员分别是多少？").answer
    assert "34人" in text and "27人" in text


def test_growth_of_one_year_reads_the_year_before_not_the_other_document(service):
    for question in (
        "永平县审计局2023年项目支出增幅是多少",
        "永平县审计局项目支出2023年比2022年增长了百分之几？",
    ):
        text = ask_offline(service, question).answer
        assert "308.80万元" in text and "237.30万元" in text
        assert "30.13%" in text
        assert "0.00%" not in text


def test_a_share_of_one_body_is_given_once(service):
    text = ask_offline(service, "永平县审计局2023年基本支出占比是多少？").answer
    assert "65.27%" in text
    assert "各报告" not in text and text.count("65.27%") <= 3


def test_documents_of_one_year_that_disagree_are_read_both_ways(service):
    answer = ask_offline(service, "2023年修文县审计局三公经费是永平县审计局的几倍？")
    text = answer.answer
    assert "7.50万元 ÷ 5.40万元 ≈ 1.39" in text and "7.50万元 ÷ 5.60万元 ≈ 1.34" in text
    assert any("两份报告数字不一致" in w for w in answer.warnings)
    change = ask_offline(service, "永平县审计局2023年三公经费比上年减少了多少？")
    assert "-0.80万元" in change.answer and "-0.60万元" in change.answer
    assert "6.20万元" in change.answer
    single = ask_offline(service, "永平县审计局2023年三公经费是多少？")
    warned = [w for w in single.warnings if "两份报告数字不一致" in w]
    assert warned and "5.40万元" in warned[0] and "5.60万元" in warned[0]


def test_documents_that_agree_raise_no_warning(service):
    answer = ask_offline(service, "永平县审计局2023年项目支出是多少？")
    assert not any("不一致" in w for w in answer.warnings)


def test_a_side_stated_only_by_the_other_document_is_not_missing(service):
    text = ask_offline(service, "永平县审计局2023年预算执行率和修文县比哪个高？").answer
    assert "97.45%" in text
    assert "永平县审计局2023年度：报告中未找到" not in text
    assert "修文县审计局2023年度：报告中未找到" in text


def test_english_comparisons_of_spending_on_an_item(service):
    more = ask_offline(service, "Which county's audit bureau spent more on projects in 2023?")
    assert "384.40万元 − 308.80万元 = 75.60万元" in more.answer
    assert "3260.00" not in more.answer  # an amount found by audit is no project spending
    share = ask_offline(
        service,
        "What was Yongping audit bureau's project spending in 2023 as a percentage of Xiuwen's?",
    )
    assert "308.80万元 ÷ 384.40万元 ≈ 80.33%" in share.answer
    total = ask_offline(
        service, "How much did the two audit bureaus spend in total on 三公 in 2023?"
    )
    assert "7.50万元 + 5.40万元 = 12.90万元" in total.answer
    assert any("5.60万元" in w for w in total.warnings)  # the other document's figure told


def test_spending_on_an_item_in_everyday_chinese(service):
    text = ask_offline(service, "哪个县的审计局2023年在项目上花钱多").answer
    assert "384.40万元" in text and "308.80万元" in text
    assert "75.60万元" in text


# ---------------------------------------------------------------- multi-turn
def test_a_chain_that_changes_the_county_then_asks_over_both(service):
    turns = ["永平县审计局的项目支出多少？", "修文县呢？", "哪个多？"]
    text = last_answer(service, turns)
    assert len(_numbered_rows(text)) == 2  # each body's latest year, once
    assert "75.60万元" in text
    text = last_answer(service, [*turns, "差多少？"])
    assert "384.40万元 − 308.80万元 = 75.60万元" in text
    text = last_answer(service, [*turns, "差多少？", "那上一年呢？"])
    assert "322.40万元" in text and "237.30万元" in text and "85.10万元" in text
    assert "384.40" not in text
    text = last_answer(service, [*turns, "差多少？", "那上一年呢？", "几倍？"])
    assert "322.40万元 ÷ 237.30万元 ≈ 1.36" in text


def test_a_follow_up_naming_only_the_other_county_keeps_the_total_asked(service):
    text = last_answer(service, ["修文县审计局2023年支出总计是多少？", "永平县呢？"])
    assert "889.20万元" in text
    text = last_answer(
        service,
        ["修文县审计局2023年支出总计是多少？", "永平县审计局呢？", "两个加起来多少？"],
    )
    assert "1094.60万元 + 889.20万元 = 1983.80万元" in text


def test_a_follow_up_naming_only_the_year_then_asking_the_growth(service):
    text = last_answer(
        service, ["永平县审计局2023年三公经费多少？", "2022年呢？", "增长了百分之几？"]
    )
    assert "6.20万元" in text and "-12.90%" in text


def test_a_share_follow_up_compares_the_shares_not_the_whole(service):
    turns = ["永平县审计局2023年项目支出多少？", "修文县审计局2023年呢？", "两个差多少？"]
    assert "75.60万元" in last_answer(service, turns)
    text = last_answer(service, [*turns, "占各自支出的比重哪个高？"])
    assert "35.12%" in text and "34.73%" in text and "0.39个百分点" in text
    assert "205.40" not in text  # the wholes themselves are not ranked


def test_a_follow_up_changing_only_the_item_or_the_year_keeps_both_sides(service):
    first = "永平县审计局和修文县审计局2023年项目支出谁多？"
    text = last_answer(service, [first, "基本支出呢？"])
    assert "710.20万元 − 580.40万元 = 129.80万元" in text
    text = last_answer(service, [first, "2022年呢？"])
    assert "322.40万元 − 237.30万元 = 85.10万元" in text
    text = last_answer(service, [first, "那三公经费呢？", "上一年呢？"])
    assert "8.70万元 − 6.20万元 = 2.50万元" in text


def test_a_bodys_two_documents_asked_against_each_other(service):
    same = ask_offline(service, "永平县审计局2023年两份报告里的支出数一致吗？").answer
    assert "部门决算说明 889.20万元" in same and "部门整体支出绩效自评报告 889.20万元" in same
    assert "一致" in same and "不一致" not in same
    differ = ask_offline(service, "永平县审计局2023年两份报告的三公经费对得上吗？").answer
    assert "5.40万元" in differ and "5.60万元" in differ and "不一致" in differ


def test_how_much_more_in_relative_terms(service):
    text = ask_offline(service, "修文县审计局2023年支出比永平县审计局高多少？高百分之几？").answer
    assert "205.40万元" in text
    assert "(1094.60万元 − 889.20万元) ÷ 889.20万元 ≈ 23.10%" in text
    english = ask_offline(
        service, "Which audit bureau spent more in 2023, and by what percentage more?"
    ).answer
    assert "23.10%" in english and "64.88" not in english  # no share of a whole


def test_the_chinese_words_of_a_percentage_asked_are_no_topic():
    from assistant.understanding import informative_terms

    assert informative_terms("支出高百分之几") == ("支出",)
    assert informative_terms("支出多百分之多少") == ("支出",)
