"""Figures that disagree and figures the user states, end to end over one invented report
(tests/fixtures/checks): a stated rate its amounts contradict, a table's 执行率 column, a text
total that its table contradicts, a claim the report uses for another thing, figures quoted
as a premise with two dates, and items the report's figures do not cover."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant import answerable, claims, rates
from assistant.evidence import Topic
from evaluation.rules import unsupported_in as unsupported_money
from index.numbers import find_quantities
from tests.conftest import index_folder

pytestmark = pytest.mark.slow

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "checks"


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "checks-index", **chroma_settings())


def _q(text: str):
    return find_quantities(text)[0]


# -- pure checks -------------------------------------------------------------------------------


def test_rate_consistency_allows_rounding_of_every_figure():
    assert rates.consistent(_q("74.00%"), _q("19.24万元"), _q("26.00万元"))
    assert rates.consistent(_q("74%"), _q("19.2万元"), _q("26万元"))
    assert not rates.consistent(_q("81.06%"), _q("13.78万元"), _q("18.00万元"))
    assert rates.ratio(_q("13.78万元"), _q("18.00万元")).quantize(Decimal("0.01")) == Decimal(
        "76.56"
    )


def test_what_the_words_before_a_percentage_make_it():
    assert claims.kind_of("公务接待费支出5.46万元，完成预算的") == "完成预算的比例"
    assert claims.kind_of("项目资金执行率为") == "完成预算的比例"
    assert claims.kind_of("公务接待费支出5.46万元，占“三公”经费的") == "占比"
    assert claims.kind_of("较上年减少2.34万元，下降") == "变化率"


def test_one_figure_written_two_ways():
    assert claims.same_figure(_q("27名"), _q("27个"))
    assert claims.same_figure(_q("1,234.50万元"), _q("1234.5万元"))
    assert not claims.same_figure(_q("27名"), _q("27%"))
    assert not claims.same_figure(_q("5.46万元"), _q("5.46元"))


def test_a_claim_needs_a_question_that_asks_whether_it_is_right():
    assert [s.quantity.raw for s in claims.claims("接待费完成预算的28.38%，这个说法准确吗")] == [
        "28.38%"
    ]
    assert claims.claims("接待费完成预算的百分之多少") == []


def test_a_score_question_is_not_answered_with_an_amount():
    assert answerable.wrong_kind("该局整体绩效自评打了多少分", "2136.48万元")
    assert not answerable.wrong_kind("该局整体绩效自评打了多少分", "92分")
    assert not answerable.wrong_kind("执行率多少，得了几分", "97.56%")  # two figures asked


def test_a_qualified_item_is_not_answered_with_the_broader_figure():
    topic = Topic(("人员经费", "离休"), (), frozenset({"money"}), ("人员经费",))
    quote = "其中：人员经费786.40万元，包括在职人员工资福利和离休人员生活补助等"
    assert answerable.narrower_item("离休人员经费是多少", topic, quote) == "离休人员经费"
    assert answerable.narrower_item("离休人员经费是多少", topic, "离休人员经费3.10万元") is None


# -- end to end --------------------------------------------------------------------------------


def test_a_stated_rate_the_amounts_contradict_is_shown_with_the_calculation(service):
    answer = service.ask("石桥县水务局2022年公车运维费的预算完成比例是多少？")
    assert "81.06%" in answer.answer
    assert "13.78万元 ÷ 18.00万元（预算）= 76.56%" in answer.answer
    assert any("76.56%" in w and "81.06%" in w for w in answer.warnings)
    assert unsupported_money(answer.to_dict()) == []


def test_a_consistent_rate_gets_no_warning(service):
    answer = service.ask("石桥县水务局2022年三公经费完成预算的比例")
    assert "74.00%" in answer.answer
    assert not any("对不上" in w for w in answer.warnings)


def test_a_table_rate_column_is_checked_against_its_row(service):
    answer = service.ask("石桥县水务局2022年河道清淤工程资金执行率是多少")
    assert "96.00%" in answer.answer
    assert "= 92.00%" in answer.answer and "不一致" in answer.answer
    assert unsupported_money(answer.to_dict()) == []


def test_a_text_total_its_table_contradicts_is_in_the_answer_text(service):
    answer = service.ask("石桥县水务局2022年支出合计决算数是多少")
    assert "2857.60" in answer.answer and "2866.60" in answer.answer
    assert "不一致" in answer.answer
    assert answer.warnings


def test_a_claim_about_another_kind_of_percentage_is_corrected(service):
    answer = service.ask("石桥水务局公务接待费完成预算的28.38%，这个说法准确吗？")
    assert not answer.refused
    assert "并非完成预算的比例" in answer.answer
    assert "68.25%" in answer.answer
    assert any("28.38%" in w for w in answer.warnings)


def test_figures_quoted_as_a_premise_get_their_dates(service):
    answer = service.ask("石桥水务局27名编制、25人在编，这是截至什么时候的数据？")
    assert "2021年12月31日" in answer.answer and "2022年12月31日" in answer.answer
    assert "不一致" in answer.answer
    assert len(answer.citations) == 2


def test_a_narrower_item_is_refused_not_answered_with_the_broader_figure(service):
    answer = service.ask("石桥县水务局2022年离休人员经费支出多少")
    assert answer.refused
    assert "786.40" not in answer.answer
    assert answer.citations  # the nearest passages are listed


def test_the_broader_item_itself_is_still_answered(service):
    answer = service.ask("石桥县水务局2022年人员经费支出多少")
    assert not answer.refused and "786.40万元" in answer.answer


def test_one_quote_stating_budget_and_final_amount_needs_no_note(service):
    answer = service.ask("石桥县水务局2022年基本支出的年初预算数是多少")
    assert "基本支出（年初预算数） 880.00万元" in answer.answer
    assert "口径不同" not in answer.answer


def test_a_quoted_figure_is_located_by_section(service):
    answer = service.ask("石桥水务局“完成预算的81.06%”出自哪一节？")
    assert "（三）“三公”经费情况" in answer.answer
    assert "81.06%" in answer.answer and len(answer.citations) == 1


def test_a_two_digit_year_is_not_a_quoted_figure():
    assert [s.quantity.raw for s in claims.stated("22年那个完成预算的81.06%对吗")] == ["81.06%"]


def test_a_difference_the_report_states_as_a_rate_cites_that_line(service):
    answer = service.ask("石桥县水务局2022年本年支出的决算数比年初预算超出多少")
    assert "2866.60万元 − 2600.00万元 = 266.60万元" in answer.answer
    assert "10.25%" in answer.answer and "266.60万元 ÷ 2600.00万元 = 10.25%" in answer.answer
    assert any("≤8%" in w for w in answer.warnings)  # the stated target it missed
    assert unsupported_money(answer.to_dict()) == []


def test_a_sentence_restating_the_table_total_is_compared_with_the_text_total(service):
    answer = service.ask("石桥县水务局2022年全年实际支出是多少")
    assert "2866.60万元" in answer.answer and "2857.60万元" in answer.answer
    assert any("2857.60万元" in w and "2866.60万元" in w for w in answer.warnings)


def test_a_claimed_amount_that_is_the_budget_is_told_apart_from_the_final_amount(service):
    answer = service.ask("石桥县水务局2022年公务接待费是8.00万元，对不对？")
    assert "8.00万元" in answer.answer and "预算数" in answer.answer
    assert "5.46万元" in answer.answer  # the final amount, cited
    assert any("8.00万元" in w for w in answer.warnings)
    assert unsupported_money(answer.to_dict()) == []


def test_a_claimed_amount_the_report_states_is_confirmed(service):
    answer = service.ask("石桥县水务局2022年公务接待费支出5.46万元，对吗")
    assert "报告确实写有" in answer.answer and not answer.warnings


def test_a_claimed_rate_the_report_does_not_write_gets_the_stated_one(service):
    answer = service.ask("石桥县水务局2022年三公经费完成预算的80%，是不是？")
    assert "74.00%" in answer.answer and "不见80%" in answer.answer


def test_a_share_of_a_named_whole_is_checked_against_the_whole(service):
    answer = service.ask("石桥县水务局2022年公用经费占基本支出的比重")
    assert "14.80%" in answer.answer
    assert "125.90万元 ÷ 912.30万元（基本支出）= 13.80%" in answer.answer
    consistent = service.ask("石桥县水务局2022年公务接待费占三公经费的比例")
    assert "28.38%" in consistent.answer and "核对" not in consistent.answer


def test_two_parts_whose_shares_of_one_whole_exceed_it_are_flagged(service):
    """基本支出 and 项目支出 split one whole: 41.30% + 64.20% cannot both be right."""
    answer = service.ask("柳溪档案局23年项目支出在一般公共预算总支出里占多大比重")
    assert answer.answer.startswith("柳溪县档案局2023年度") and "64.20%" in answer.answer
    lead = answer.answer.split("\n")[0]
    assert "64.20%" in lead and "412.60万元" not in lead  # the share asked, not its amount
    assert "= 105.50%（计算），超过100%" in answer.answer
    assert any("105.50%" in w and "41.30%" in w for w in answer.warnings)
    fine = service.ask("柳溪档案局23年公用经费占基本支出的比例")
    assert "16.18%" in fine.answer  # 83.82% + 16.18% = 100%: no check on this pair
    assert not any("公用经费与人员经费" in w or "人员经费与公用经费" in w for w in fine.warnings)


def test_table_rows_that_miss_their_total_row_are_shown_as_a_check(service):
    """Numbered rows with sub-rows that add up to their parent count once; 0.00 + 4.50 + 1.70 =
    6.20, not the 合计 6.40 (the text's 1.90 for 公务接待费 is the other side of it)."""
    answer = service.ask("柳溪档案局23年三公经费表里公务接待费决算多少")
    assert "1.70" in answer.answer
    assert "核对：表中各行“决算数”列相加为6.20万元" in answer.answer and "6.40万元" in answer.answer
    assert any("6.20万元" in w for w in answer.warnings)
    assert "“预算数”列" not in answer.answer  # 0.00 + 5.00 + 2.00 = 7.00 agrees
    fine = service.ask("柳溪档案局23年政府采购表里服务类多少")
    assert "18.50" in fine.answer and "各行" not in fine.answer
    assert "服务类" in fine.answer.split("\n")[0] and " 5[" not in fine.answer  # not 表5's number


# -- 青山县司法局2023: everyday words, whose figure a lead states, budget execution ----------------


def test_everyday_spending_words_read_as_the_reports_word(service):
    answer = service.ask("青山司法局23年开支了多少钱")
    assert answer.answer.split("\n")[0].endswith("1848.96万元[1]。")  # not 基本支出's 1126.71


def test_a_figure_another_item_names_is_not_the_asked_ones(service):
    """ "占年度总支出的60.94%，其中：人员经费986.20万元": 986.20 is 人员经费, never 总支出."""
    lead = service.ask("青山司法局23年总支出是多少").answer.split("\n")[0]
    assert "986.20" not in lead and "1126.71" not in lead and "1848.96万元" in lead


def test_budget_execution_is_read_from_completion_wording_and_checked(service):
    answer = service.ask("青山司法局2023年预算执行率是多少")
    assert "95.25%" in answer.answer.split("\n")[0]  # 完成调整后预算的: the usual 执行率
    assert "1848.96万元 ÷ 1700.00万元（预算）= 108.76%" in answer.answer  # 原文 107.76%
    # not over the 年初 budget: over the table's 调整后预算数 of the same 支出合计 row, which
    # gives 97.29%, not the 95.25% written
    told = [w for w in answer.warnings if "95.25%" in w]
    assert told and all("1900.50" in w and "97.29%" in w and "1700.00" not in w for w in told)


def test_the_largest_item_comes_from_the_listed_items_not_a_total_and_its_parts(service):
    answer = service.ask("青山司法局23年项目支出多少？哪个项目花钱最多？")
    assert "所列3项中最多的是法律援助经费（320.00万元）" in answer.answer


def test_a_budget_sentence_and_a_final_accounts_sentence_do_not_contradict():
    from assistant.conflicts import disagree

    budget = "年初支出预算1700.00万元，其中基本支出预算1080.00万元，项目支出预算620.00万元"
    final = "本年支出决算1848.96万元，其中基本支出1126.71万元，项目支出722.25万元"
    assert not disagree(budget, final)
    assert disagree(final, final.replace("722.25", "752.25"))


def test_a_part_in_brackets_is_not_the_figure_itself(service):
    lead = service.ask("青山司法局2023年在职人员有多少").answer.split("\n")[0]
    assert "35人" in lead and "3人[" not in lead  # not "（含借调人员3人）"


@pytest.mark.parametrize(("asked", "figure"), [("多少批次", "42批次"), ("多少人次", "286人次")])
def test_the_lead_counts_in_the_measure_word_asked(service, asked, figure):
    lead = service.ask(f"青山司法局23年公务接待了{asked}").answer.split("\n")[0]
    assert lead.endswith(f"{figure}[1]。")


def test_a_table_fact_is_shown_with_its_captions_unit():
    from index.models import FactRecord

    cell = FactRecord("r", "三公经费", "决算", "2.41", "万元", "2.41", "24100", 2022, 0, 4, "table")
    assert cell.written == "2.41万元"
    said = FactRecord("r", "三公经费", None, "2.41万元", "万元", "2.41", "24100", 2022, 0, 6)
    assert said.written == "2.41万元"


def test_the_largest_item_asked_as_a_follow_up_leads_the_answer(service):
    from assistant.conversation import Conversation

    chat = Conversation()
    service.ask("青山司法局23年项目支出多少", chat, use_llm=False)
    answer = service.ask("最大的一项是哪个", chat, use_llm=False)
    assert "最多的是法律援助经费（320.00万元）" in answer.answer.split("\n")[0]
