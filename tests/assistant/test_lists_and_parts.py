"""Lists and parts read from one invented report (tests/fixtures/lists): a count written
before the noun it counts ("4个科室"), the largest and smallest item of a list opened by a
colon ("重点用于：…"), named in full, the unspent part of a budget ("没用完多少"), and a share
asked as "A中B占多少" with both figures in one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import derived
from assistant.compose import lead_figure
from assistant.evidence import make_topics
from tests.conftest import index_folder, last_answer

pytestmark = pytest.mark.slow

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "lists"

INCOME = (
    "2023年度本局收入合计3860.40万元，其中一般公共预算拨款3120.40万元，"
    "政府性基金预算拨款650.00万元，其他收入90.00万元"
)


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "lists-index", **chroma_settings())


def test_the_count_before_its_noun_is_the_answer_not_the_next_count():
    quote = "本局内设综合办公室、市容管理科、环卫管理科、执法督查科4个科室，另管理2个二级单位"
    (topic,) = make_topics("科室", "内设几个科室")
    assert lead_figure(quote, topic, None, "个")[1] == "4个"


def test_share_of_a_part_inside_a_named_whole():
    (calc,) = derived.derive("收入合计里政府性基金占多少", [(INCOME, "[1]")])
    assert calc.startswith("占比：650.00万元 ÷ 3860.40万元 = 16.84%")
    assert derived.part_of_whole("其他收入占多少", [(INCOME, "[1]")]) is None  # no whole named


def test_unspent_budget_is_budget_minus_actual():
    quote = "2023年“三公”经费年初预算16.00万元，全年实际开支11.42万元"
    (calc,) = derived.derive("三公经费还剩多少没用", [(quote, "[1]")])
    assert calc.startswith("未支出（预算减实际）：16.00万元 − 11.42万元 = 4.58万元")


def test_counted_offices_end_to_end(service):
    lead = last_answer(service, ["东岭县城管局2023年内设了几个科室"]).splitlines()[0]
    assert "4个" in lead and "2个" not in lead


def test_the_smallest_listed_item_is_named_in_full(service):
    answer = last_answer(service, ["东岭城管局项目支出里哪项最少"])
    assert "数字化城市管理平台运维（215.00万元）" in answer.splitlines()[0]
    biggest = last_answer(service, ["东岭城管局项目支出哪一项花得最多"])
    assert "城区道路清扫保洁及垃圾清运服务（1264.30万元）" in biggest.splitlines()[0]


def test_unspent_and_share_end_to_end(service):
    unspent = last_answer(service, ["东岭县城管局三公经费没花完的有多少"])
    assert "16.00万元 − 11.42万元 = 4.58万元" in unspent
    share = last_answer(service, ["东岭城管局收入合计中政府性基金占多少"])
    assert "650.00万元 ÷ 3860.40万元 = 16.84%" in share


def test_a_derived_figure_without_a_year_comes_from_the_latest_report(service):
    answer = service.ask("东岭城管局三公经费没用完多少", use_llm=False)
    assert "4.58万元" in answer.answer and "13.76万元" not in answer.answer
    assert any("2023" in w and "2022" in w for w in answer.warnings)
    both = last_answer(service, ["东岭城管局三公经费实际开支多少"])  # a plain figure: each year
    assert "11.42万元" in both and "13.76万元" in both


def test_a_question_across_years_keeps_every_year(service):
    answer = last_answer(service, ["东岭城管局本年支出合计两年有什么变化"])
    assert "3712.85万元" in answer and "3350.60万元" in answer


def test_a_detail_only_the_older_report_gives_is_still_found(service):
    answer = last_answer(service, ["东岭城管局拆除违法建筑多少平方米"])
    assert "1.8万平方米" in answer


def test_last_year_after_a_question_without_a_year_is_the_year_before_the_latest(service):
    answer = last_answer(service, ["东岭城管局项目支出多少", "那去年呢"])
    assert "2248.50万元" in answer and "2532.50万元" not in answer.splitlines()[0]


def test_other_items_of_a_metric_are_not_the_metric(service):
    answer = service.ask("东岭城管局2022年项目支出多少", use_llm=False)
    assert "2248.50万元" in answer.answer.splitlines()[0]
    assert not any("不一致" in w for w in answer.warnings), answer.warnings


def test_words_that_merely_contain_出自_are_no_locate_question():
    from assistant.understanding import Catalogue, understand
    from index.models import ReportIdentity

    catalogue = Catalogue((ReportIdentity(county="东岭县", department="城市管理局", year=2023),))
    assert understand("东岭城管局整体支出自评得了几分", catalogue).intent != "locate"
    assert understand("这段话出自报告哪一部分", catalogue).intent == "locate"


def test_a_side_by_side_row_answers_the_group_the_question_names():
    from assistant.tables import label_segment

    cells = "二、事业收入\t412.58\t二、城乡社区支出\t2960.15".split("\t")
    assert label_segment(cells, ["城乡社区支出"]) == (2, 4)
    carry = "年初结转和结余\t120.00\t年末结转和结余\t86.40".split("\t")
    assert label_segment(carry, ["年末结转结余"])[0] == 2  # 和 left out by the question


def test_a_budget_function_class_after_the_body_is_the_topic():
    from assistant.understanding import Catalogue, understand
    from index.models import ReportIdentity

    catalogue = Catalogue((ReportIdentity(county="东岭县", department="卫生健康局", year=2023),))
    query = understand("东岭卫健局卫生健康支出是多少", catalogue)
    assert query.departments == ("卫生健康局",) and "卫生" in query.topic


def test_a_share_after_two_items_belongs_to_the_item_named_last(service):
    """ "基本支出A（…），项目支出B，项目支出占本年支出合计的P%": P is 项目支出's share alone;
    reading it as 基本支出's too would add it to itself and raise a false "over 100 %" check."""
    answer = service.ask("东岭城管局23年项目支出占本年支出合计的比重")
    assert "68.21%" in answer.answer
    assert "不能同时成立" not in answer.answer
    assert not any("超过100%" in w for w in answer.warnings)


def test_a_share_asked_with_占_and_多少_leads_with_the_stated_share(service):
    """ "A占B多少" (no 比例/比重) asks the share, not A's amount."""
    lead = service.ask("东岭城管局23年项目支出占本年支出合计多少").answer.split("\n")[0]
    assert "68.21%" in lead and "2532.50万元" not in lead


def test_the_share_of_an_item_is_not_another_items_stated_share(service):
    """Only 中小企业合同金额's share of 政府采购 is written; the share of 服务采购 asked is
    computed from the two amounts, never answered with 90.39%."""
    lead = service.ask("东岭城管局采购支出里服务采购占多少").answer.split("\n")[0]
    assert "90.20万元 ÷ 420.50万元 = 21.45%" in lead and "90.39%" not in lead
    stated = service.ask("东岭城管局授予中小企业的合同金额占政府采购的比重").answer
    assert "90.39%" in stated.split("\n")[0]


def test_spent_share_of_budget_reads_the_rate_column_or_computes_it(service):
    """ "执行了预算的多少" asks the execution rate: a 决算数占预算比例 column answers it; with
    no rate written, actual ÷ the budget the question names (else the adjusted one)."""
    column = service.ask("东岭城管局公务接待费执行了预算的多少").answer.split("\n")[0]
    assert "66.40%" in column and "5.00万元" not in column
    adjusted = service.ask("东岭城管局23年垃圾分类宣传执行了调整预算的百分之多少").answer
    assert "47.32万元 ÷ 52.00万元 = 91.00%" in adjusted.split("\n")[0]
    opening = service.ask("东岭城管局23年垃圾分类宣传完成了年初预算的百分之几").answer
    assert "47.32万元 ÷ 40.00万元 = 118.30%" in opening.split("\n")[0]


def test_a_sentence_saying_an_item_did_not_occur_answers_none(service):
    """No figure is written, only that the item did not occur: the answer is "none", quoted,
    not a refusal (and in English for an English question)."""
    for question in (
        "东岭城管局23年有没有国有资本经营预算的支出",
        "东岭城管局23年国有资本经营预算支出多少钱",
    ):
        answer = service.ask(question)
        assert not answer.refused
        assert answer.answer.startswith("东岭县城市管理局2023年度：没有"), answer.answer
        assert "未发生国有资本经营预算财政拨款支出" in answer.answer
    english = service.ask(
        "How much did Dongling's urban management bureau spend in 2023 "
        "from the state capital operating budget?"
    )
    assert "none" in english.answer.split("\n")[0]


def test_a_definition_question_quotes_the_reports_own_glossary_entry(service):
    """ "…是什么意思/指什么/what does … mean": the 名词解释 entry, not a figure naming the term."""
    answer = service.ask("东岭城管局报告里机关运行经费指的是什么")
    lead = answer.answer.split("\n")[0]
    assert "名词解释" in lead and "使用一般公共预算安排的基本支出中的公用经费支出" in lead
    assert "万元" not in lead
    quoted = service.ask("东岭城管局的三公经费是什么意思").answer
    assert "因公出国（境）费、公务用车购置及运行费和公务接待费" in quoted
    english = service.ask("What does 'three public expenses' mean in Dongling's report?").answer
    assert english.startswith("The glossary (名词解释)")
    figure = service.ask("东岭城管局23年三公经费花了多少").answer  # not a definition question
    assert "11.42万元" in figure.split("\n")[0]


def test_a_gap_from_the_budget_is_neither_the_budget_nor_asked_as_one(service):
    """ "比预算节约4.58万元" is a gap: "预算是多少" gets 16.00万元; "比预算省了多少" asks the gap
    (budget − actual), which leads."""
    budget = service.ask("东岭城管局23年三公经费预算是多少").answer.split("\n")[0]
    assert "16.00万元" in budget and "4.58" not in budget
    saved = service.ask("东岭城管局23年三公经费比预算省了多少").answer.split("\n")[0]
    assert "4.58万元" in saved


def test_points_lost_are_read_from_the_named_indicator_row(service):
    """ "市民满意度扣了几分": that row's 分值 − 得分 leads, not the form's 合计 row."""
    lead = service.ask("东岭城管局23年市民满意度扣了几分").answer.split("\n")[0]
    assert "10 − 7 = 3分" in lead


def test_an_item_named_inside_a_longer_label_still_gets_its_own_share(service):
    """ "政府采购服务支出" names both the whole (政府采购) and the part (服务)."""
    lead = service.ask("东岭城管局22年政府采购里服务占多少").answer.split("\n")[0]
    assert "45.50万元 ÷ 75.50万元 = 60.26%" in lead and "92.72%" not in lead


def test_budget_minus_actual_of_one_item_leads_when_asked(service):
    lead = service.ask("东岭城管局23年公务接待费决算比预算少了多少").answer.split("\n")[0]
    assert "5.00万元 − 3.32万元 = 1.68万元" in lead
    whole = service.ask("东岭城管局23年三公经费实际比预算少了多少").answer.split("\n")[0]
    assert "16.00万元 − 11.42万元 = 4.58万元" in whole  # the whole, not one of its items


def test_one_fund_and_all_funds_are_two_scopes_not_a_contradiction(service):
    """一般公共预算 基本支出 (1050.20) and the department's 基本支出 (1180.35), with their 公用经费,
    are different scopes: told as two 口径, never as "不一致"."""
    for question in ("东岭城管局23年公用经费多少", "东岭城管局23年基本支出是多少"):
        answer = service.ask(question)
        assert not answer.refused
        told = [w for w in answer.warnings if "不一致" in w or "另有不同" in w]
        assert not told, told
        assert any("两个口径" in w and "一般公共预算" in w for w in answer.warnings)


def test_two_items_of_one_report_differ_by_their_own_statements(service):
    """ "A比B多多少" / "A和B差多少" of two items the report states: A − B leads, both cited;
    a difference against last year is still a year change, not two items."""
    from assistant import item_gap

    assert item_gap.sides("城管局项目支出比基本支出多多少") == ("项目支出", "基本支出")
    assert item_gap.sides("城管局2023年支出比上年多多少") is None
    assert item_gap.sides("决算比预算少了多少") is None
    kinds = last_answer(service, ["东岭城管局2022年项目支出比基本支出多多少"])
    lead = kinds.split("\n")[0]
    assert lead.endswith("2248.50万元 − 1102.10万元 = 1146.40万元（计算；来源[1]）。")
    listed = last_answer(service, ["东岭城管局2022年路灯维护和公园绿地养护差多少"])
    assert "路灯维护比公园绿地养护管护多：520.00万元 − 498.50万元 = 21.50万元" in listed
    bought = last_answer(service, ["东岭城管局2022年政府采购服务比货物多多少"])
    assert "45.50万元 − 30.00万元 = 15.50万元" in bought
