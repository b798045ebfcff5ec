"""Items spent and changed: a whole against a sentence stating only its parts, a bare 支出决算
that goes on about the item its sentence opened with, a rate of a stated change worked out,
a project named shorter than the report writes it, and a follow-up asking what the last
subject cost (tests/fixtures/own13, invented: 蓼川县农业农村局 2022/2023, 枫岑县农业农村局 2022).

Each question is written for this test, in words the development sets do not use."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.absent_detail import _project_names, shortened
from assistant.candidates import named_only_in_reason, states_parts_only
from assistant.evidence import match_text
from assistant.published import _published
from assistant.statements import family_before
from assistant.understanding import understand
from index.facts import _sentence_facts
from tests.conftest import ask_offline, index_folder, last_answer

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "own13"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "own13-index")


def _lead(service, question: str) -> str:
    return ask_offline(service, question).answer.splitlines()[0]


# -- a whole asked, a sentence stating only its parts --


def test_parts_only_sentences_are_told_apart_from_the_whole():
    parts = "2022年度“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0.00元，占0%；"
    assert states_parts_only(parts, ("三公经费",))
    assert states_parts_only(
        "公务用车购置及运行维护费支出决算52,300.00元，占68.46%；", ("三公经费",)
    )
    assert not states_parts_only("2022年度“三公”经费支出决算9.36万元。", ("三公经费",))
    assert not states_parts_only(parts, ("因公出国（境）费",))  # the part itself asked


@pytest.mark.parametrize(
    "question", ["枫岑那个局的三公经费，花得少吗？", "枫岑农业农村局22年三公经费花了多少"]
)
def test_the_whole_is_answered_from_its_total_not_a_part(service, question):
    lead = _lead(service, question)
    assert "76,396.00元" in lead
    assert "0.00元" not in lead.replace("76,396.00元", "")


def test_a_spending_verb_with_a_comparative_leaves_the_item_as_the_topic(service):
    query = understand(
        "蓼川和枫岑两家的三公经费，哪家花得少？", service._catalogue(service.reports())
    )
    assert query.intent == "compare" and query.terms == ("三公经费",)
    answer = ask_offline(service, "蓼川和枫岑两家农业农村局22年的三公经费，哪家花得少？").answer
    assert "较少的是枫岑县农业农村局2022年度" in answer
    assert "9.36万元 − 7.64万元 = 1.72万元" in answer


# -- a bare 支出决算 after an item's name is the item's --


def test_the_whole_spending_change_is_not_the_three_public_costs_change(service):
    answer = ask_offline(service, "蓼川农业农村局23年的支出总额跟22年比涨了多少").answer
    assert "8.64万元" not in answer and "0.72万元" not in answer
    assert "188.42万元" in answer and "8.56%" in answer


# -- the rate of a stated change, worked out when asked --


def test_the_rate_of_a_stated_change_is_worked_out_when_asked(service):
    answer = ask_offline(service, "蓼川农业农村局23年三公经费较22年少了多少，降幅多少").answer
    assert "减少0.72万元" in answer
    assert "下降7.69%（计算：0.72万元 ÷ 9.36万元 ≈ 7.69%）" in answer


def test_no_rate_is_added_when_only_the_amount_is_asked(service):
    answer = ask_offline(service, "蓼川农业农村局23年三公经费比上年少了多少").answer
    assert "减少0.72万元" in answer and "÷" not in answer


# -- a project named shorter than written --


def test_a_shortened_project_name_keeps_its_words_in_order():
    assert shortened("饮水检测", "农村饮水安全工程水质检测")
    assert not shortened("检测饮水", "农村饮水安全工程水质检测")  # not in the written order
    assert not shortened("农田检测", "农村饮水安全工程水质检测")


def test_a_project_asked_by_a_shorter_name_is_answered(service):
    lead = _lead(service, "蓼川农业农村局23年饮水检测项目花了多少")
    assert "61.25万元" in lead


def test_a_follow_up_asking_what_it_cost_a_year_before_keeps_the_project(service):
    answer = last_answer(
        service, ["蓼川农业农村局23年饮水检测项目花了多少", "执行率呢", "比22年多花了多少"]
    )
    assert "55.40万元" in answer and "61.25万元" in answer
    assert "5.85万元" in answer
    assert "2,389.52" not in answer  # not the body's whole spending


# -- a reception cost compared with its counts --


def test_a_reception_cost_compared_brings_its_batches_and_guests(service):
    answer = ask_offline(service, "蓼川和枫岑22年公务接待费比一比").answer
    assert "3.10万元 − 2.41万元 = 0.69万元" in answer
    assert "25批次 − 18批次 = 7批次" in answer and "140人次 − 96人次 = 44人次" in answer


def test_a_cost_without_counts_of_its_own_adds_none(service):
    answer = ask_offline(service, "蓼川和枫岑22年的三公经费比一比").answer
    assert "批次" not in answer and "人次" not in answer


# -- figures written long in 元 --


def test_a_long_amount_on_the_way_does_not_hide_the_asked_one(service):
    lead = _lead(service, "蓼川农业农村局23年智慧农业监测平台运维项目实际支出多少")
    assert "1,146,800.00元" in lead and "1,200,000.00" not in lead


# -- a project's spending over two years, not the body's --


def test_a_named_projects_spending_over_two_years_is_the_projects(service):
    answer = ask_offline(service, "蓼川农业农村局饮水安全工程水质检测项目两年的实际支出对比").answer
    assert "55.40万元" in answer and "61.25万元" in answer and "5.85万元" in answer
    assert "2,389.52" not in answer and "2,201.10" not in answer


def test_a_project_pointed_at_by_that_keeps_its_name(service):
    assert _project_names(match_text("饮水检测那个项目呢")) == ["饮水检测"]
    answer = last_answer(service, ["蓼川农业农村局23年项目支出情况", "饮水检测那个项目呢"])
    assert "61.25万元" in answer.splitlines()[0]


# -- what is left over is not the item --


def test_the_rest_of_the_projects_is_not_project_spending():
    facts = _sentence_facts("r", 2022, 0, "其余项目支出48.20万元，主要为动物防疫等经常性工作。")
    assert not [f for f in facts if f.metric == "项目支出"]


def test_a_lead_never_names_the_rest_as_the_item(service):
    lead = _lead(service, "蓼川农业农村局22年项目支出多少")
    assert "其余项目支出" in lead or "48.20" not in lead


# -- English: a share of the last figure, a science and technology bureau --


def test_a_share_of_a_whole_asked_of_that_is_the_last_figure_over_it(service):
    query = understand("What share of project spending is that?", service._catalogue([]))
    assert "占项目支出的比重" in query.zh_text


def test_s_and_t_names_a_science_and_technology_bureau(service):
    query = understand("Spending of the Fengcen S&T bureau in 2022?", service._catalogue([]))
    assert "科学技术局" in query.zh_text


# -- a term named only in the reason after the figures --


def test_a_term_only_in_the_reason_is_not_what_the_figures_are():
    text = match_text("支出决算8.64万元，较上年减少0.72万元，主要是严格控制公车运行支出。")
    assert named_only_in_reason(text, ("公车",))
    assert not named_only_in_reason(match_text("公车运行维护费5.92万元。"), ("公车",))


def test_a_part_followed_into_the_next_year_is_that_parts_figure(service):
    answer = last_answer(
        service, ["蓼川农业农村局22年三公经费花了多少", "其中公车呢？", "那23年呢？"]
    )
    assert "5.92万元" in answer.splitlines()[0]
    assert "8.64万元" not in answer.splitlines()[0]


# -- English plurals --


def test_a_plural_term_is_the_term_and_plural_bureaus_name_no_single_body(service):
    catalogue = service._catalogue(service.reports())
    query = understand(
        "Compare the 2022 budget execution rates of Liaochuan and Fengcen.", catalogue
    )
    assert "预算执行率" in query.zh_text
    several = understand(
        "Which of the Liaochuan finance and Fengcen agriculture bureaus spent more?", catalogue
    )
    assert several.departments == ()


# -- a total's listed parts quoted whole --


def test_a_total_quoted_with_every_listed_part(service):
    answer = ask_offline(service, "蓼川农业农村局23年本年支出合计多少？").answer
    assert "基本支出1,102.40万元，占46.13%；项目支出1,287.12万元，占53.87%" in answer


# -- the share of the money spent, and whether the report worked it out right --


@pytest.mark.parametrize(
    "question",
    [
        "蓼川农业农村局23年钱花出去的比例是多少？报告里算对了吗？",
        "蓼川农业农村局23年的执行率是多少？",
    ],
)
def test_the_share_spent_is_the_bodys_execution_rate(service, question):
    lead = _lead(service, question)
    assert "97.53%" in lead and "94.23%" not in lead


def test_asking_whether_it_was_worked_out_right_adds_no_topic_word(service):
    query = understand("23年钱花出去的比例是多少？报告里算对了吗？", service._catalogue([]))
    assert "里算" not in query.terms and "算对" not in query.topic


# -- when a report came out --


def test_a_portal_pages_publication_time_answers_when_it_was_published(service):
    lead = _lead(service, "蓼川农业农村局2023年度决算说明的发布时间")
    assert "发布时间 2024-08-30 09:15" in lead


def test_the_signature_date_answers_when_no_publication_time_is_given(service):
    lead = _lead(service, "枫岑农业农村局22年的三公经费说明是什么时候发布的")
    assert "落款日期 2023年9月6日" in lead


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("标题\n来源：某局 发布时间：2024-09-12 10:25\n正文", "2024-09-12 10:25"),
        ("标题\n正文……\n某某县某某局\n2023年8月25日\n", "2023年8月25日"),
        ("标题\n2023年8月25日召开会议。\n" + "正文。" * 200, None),  # not a signature line
    ],
)
def test_the_date_read_is_the_pages_or_the_signatures(text, expected):
    found = _published(text)
    assert (found[2] if found else None) == expected


# -- a follow-up on the one item just listed --


def test_a_deduction_asked_after_one_indicator_is_that_indicators(service):
    answer = last_answer(service, ["枫岑农业农村局22年自评多少分", "哪个指标扣分了", "扣了几分"])
    assert "20 − 16.5 = 3.5" in answer


# -- English: how much more spent --


def test_how_much_more_a_body_spent_compares_the_whole_spending(service):
    answer = ask_offline(
        service,
        "How much more did the Liaochuan agriculture bureau spend than the Fengcen one in 2022?",
    ).answer
    assert "661.02万元" in answer


# -- follow-ups that name another measure, or the money --


def test_a_follow_up_naming_another_count_unit_counts_in_it(service):
    turns = ["蓼川农业农村局22年公务接待了多少批次", "人次呢"]
    assert "140人次" in last_answer(service, turns).splitlines()[0]
    assert "3.10万元" in last_answer(service, [*turns, "花了多少钱"]).splitlines()[0]


# -- a grade asked --


def test_a_grade_asked_leads_with_the_grade(service):
    lead = _lead(service, "枫岑农业农村局22年绩效自评是什么等级")
    assert "评价等级 “优”" in lead


# -- internal units called by another name --


def test_internal_units_written_as_functional_departments_are_counted(service):
    lead = _lead(service, "蓼川农业农村局23年有几个内设机构")
    assert "4个" in lead


def test_how_much_more_after_which_year_is_more_keeps_comparing(service):
    answer = last_answer(service, ["蓼川农业农村局22年和23年的支出哪年多", "多多少"])
    assert "188.42万元" in answer and "未找到" not in answer


# -- a rate's budget qualifies no figure after it --


@pytest.mark.parametrize("rate", ["占预算的89.00%", "完成预算的89.00%", "达到调整后预算的89.00%"])
def test_a_part_after_a_rate_against_the_budget_is_still_actual(rate):
    text = f"“三公”经费决算数为21.36万元，{rate}，其中：公务用车运行维护费13.48万元。"
    assert family_before(text, text.index("13.48")) == "actual"
    budget = "“三公”经费预算数为24.00万元，其中：公务用车运行维护费15.00万元。"
    assert family_before(budget, budget.index("15.00")) == "budget"


# -- several figures of one item asked, stated in two sentences; a rate against the budget --


def test_budget_and_actual_asked_together_both_lead(service):
    lead = _lead(service, "枫岑农业农村局22年农田水利设施维修项目预算和决算分别是多少")
    assert "60.00万元" in lead and "55.20万元" in lead


def test_a_share_of_the_budget_is_the_execution_rate(service):
    lead = _lead(service, "蓼川农业农村局23年三公经费执行率多少")
    assert "88.16%" in lead and "9.80万元" not in lead
