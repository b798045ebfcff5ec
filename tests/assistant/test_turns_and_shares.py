"""Shares over turns, the direct answer of a calculated share, short names of costs and
bodies, relative years, gaps asked over turns and the names of listed things
(tests/fixtures/own13, invented: 蓼川县农业农村局 2022/2023, 枫岑县农业农村局 2022;
tests/fixtures/own14, invented: 沄溪县疾病预防控制中心 2022/2023, 淇岭县融媒体中心 2022/2023,
澜岑县人民医院 2023, 中共澜岑县委老干部局 2023).

Each question is written for this test, in words the development sets do not use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ask_offline, index_folder, last_answer

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "own13"
CENTRES = Path(__file__).resolve().parents[1] / "fixtures" / "own14"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "own14-turns-index")


@pytest.fixture(scope="module")
def centres(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, CENTRES, "own14-centres-index")


def _lead(answer: str) -> str:
    return answer.splitlines()[0]


# -- another part named after a share was asked: its share of the same whole --


@pytest.mark.parametrize(
    "turns",
    [
        ["蓼川农业农村局23年项目支出在支出合计里占几成", "那基本支出呢"],
        ["蓼川县农业农村局2023年项目支出是多少", "占总支出多少", "基本支出呢"],
    ],
)
def test_a_sibling_named_after_a_share_asks_its_share(service, turns):
    lead = last_answer(service, turns).splitlines()[0]
    assert lead.split("：", 1)[1].startswith("基本支出 46.13%"), lead


def test_a_sibling_asked_with_its_own_measure_is_not_a_share(service):
    turns = ["蓼川县农业农村局2023年项目支出占支出合计的比例", "基本支出花了多少钱"]
    lead = last_answer(service, turns).splitlines()[0]
    assert "1,102.40万元" in lead and "46.13%" not in lead


# -- a share only a calculation gives opens the answer --


def test_a_calculated_share_leads_the_answer(service):
    answer = ask_offline(service, "蓼川农业农村局2022年接待费在三公经费里占多大比重").answer
    lead = answer.splitlines()[0]
    assert lead.split("：", 1)[1].startswith("占比33.12%（计算）"), lead
    assert "3.10万元 ÷ 9.36万元 = 33.12%" in answer


def test_a_calculated_share_follows_a_sibling_over_turns(service):
    turns = ["蓼川农业农村局2022年接待费在三公经费里占多大比重", "公务用车运行维护费呢"]
    lead = last_answer(service, turns).splitlines()[0]
    assert "占比66.88%（计算）" in lead


# -- a cost named by its short form is the metric it shortens --


@pytest.mark.parametrize(
    ("question", "figure", "name"),
    [
        ("蓼川农业农村局2022年接待费多少", "3.10万元", "公务接待费"),
        ("蓼川农业农村局2022年公车运维费是多少", "6.26万元", "公务用车运行维护费"),
    ],
)
def test_a_short_cost_name_is_the_metric_it_shortens(service, question, figure, name):
    lead = ask_offline(service, question).answer.splitlines()[0]
    assert f"{name} {figure}" in lead, lead


def test_a_short_name_is_expanded_only_to_a_metric():
    from assistant.evidence import make_topics

    (topic,) = make_topics("接待费", "接待费多少")
    assert topic.metric == ("公务接待费",)
    (topic,) = make_topics("检测费", "检测费多少")  # no metric ends so: left as asked
    assert topic.hard == ("检测费",)


# -- bodies named by their conventional short forms --


def test_a_centre_is_named_by_its_conventional_short_form():
    from index.departments import short_forms

    assert {"疾控", "疾控中心"} <= set(short_forms("疾病预防控制中心"))


def test_two_centres_compared_by_short_names(centres):
    answer = last_answer(centres, ["疾控和融媒那边23年的项目支出，哪家多些"])
    assert "290.77万元" in answer and "228.58万元" in answer
    assert "62.19万元" in answer


# -- a measure asked after a measure, a gap asked over turns, a year relative to the last --


def test_another_budget_asked_after_a_budget_is_that_budget(centres):
    turns = ["沄溪疾控中心今年调整以后的预算有多少", "年初预算呢"]
    lead = _lead(last_answer(centres, turns))
    assert "836.40万元" in lead and "912.75万元" not in lead


def test_how_much_was_added_after_two_budgets_is_their_gap(centres):
    turns = ["沄溪疾控中心调整后预算是多少", "年初的预算呢", "中间调增了多少"]
    answer = last_answer(centres, turns)
    assert "912.75万元 − 836.40万元 = 76.35万元" in answer


@pytest.mark.parametrize("follow_up", ["那前一年呢？", "上一年度的呢"])
def test_a_relative_year_names_no_topic(follow_up):
    from assistant.understanding import _RELATIVE_WORDS

    assert _RELATIVE_WORDS.sub("", follow_up).strip("？?的呢那 ") == ""
    assert _RELATIVE_WORDS.search("上年结转资金") is None  # an item, not a year


def test_the_year_before_is_asked_not_a_word_left_over(service):
    turns = ["蓼川农业农村局23年三公经费是多少", "那前一年呢？"]
    lead = _lead(last_answer(service, turns))
    assert "2022" in lead and "9.36万元" in lead


# -- which things: the names listed, never a figure near them --


@pytest.mark.parametrize(
    ("question", "names"),
    [
        (
            "沄溪疾控的科室有哪些",
            "综合科、传染病防制科、慢病与健康教育科、检验科、免疫规划科（5个）",
        ),
        ("淇岭融媒体中心都设了哪些部门", "办公室、新闻采编部、新媒体运营部、技术保障部（4个）"),
    ],
)
def test_which_units_are_named(centres, question, names):
    answer = ask_offline(centres, question).answer
    assert names in answer  # each year's report its own list, when no year is named
    assert all("：" in line.split("（")[0] for line in answer.splitlines() if "个）" in line)


def test_which_projects_lists_the_numbered_points(centres):
    lead = _lead(ask_offline(centres, "淇岭融媒的重点项目是哪几个").answer)
    assert "1.应急广播体系建设项目；2.县级融媒体平台升级项目" in lead
    assert "共2" in lead


def test_projects_counted_from_the_list_a_heading_opens(centres):
    lead = _lead(ask_offline(centres, "沄溪疾控搞了几个重点项目").answer)
    assert "共3个" in lead and "3,260份" not in lead


def test_which_ones_after_a_count_names_them(service):
    turns = ["蓼川农业农村局2022年有几个股室", "分别是哪些"]
    lead = _lead(last_answer(service, turns))
    assert "办公室、农业发展股、农村经营管理股、畜牧水产股（4个）" in lead


def test_a_list_of_names_drops_the_count_written_after_it():
    from assistant.derived import list_items

    items = list_items("内设办公室、农业发展股、畜牧水产股3个职能部门")
    assert items == ["办公室", "农业发展股", "畜牧水产股"]


# -- a rate asked: never a share, never another thing's rate; its budget quoted with it --


@pytest.mark.parametrize(
    "question", ["蓼川农业农村局2023年项目支出的执行率是多少", "蓼川农业农村局23年基本支出执行率"]
)
def test_a_share_of_the_total_is_no_execution_rate(service, question):
    answer = ask_offline(service, question, refused=True).answer
    assert "53.87%" not in answer.splitlines()[0] and "46.13%" not in answer.splitlines()[0]


def test_another_rate_is_no_execution_rate_which_is_worked_out(service):
    lead = _lead(ask_offline(service, "蓼川农业农村局2023年智慧农业监测平台运维项目执行率").answer)
    assert "99.2%" not in lead
    assert "1,146,800.00元 ÷ 1,200,000.00元 = 95.57%" in lead


def test_a_rate_is_quoted_with_the_budget_clause_before_it(centres):
    answer = ask_offline(centres, "淇岭融媒那年的预算执行率是多少").answer
    assert "调整后预算为756.90万元；全年支出决算741.06万元，预算执行率97.91%" in answer


def test_a_share_of_a_named_whole_is_not_the_share_of_the_budget(centres):
    turns = ["沄溪疾控23年三公经费多少", "接待费呢", "占三公的比例是多少"]
    lead = _lead(last_answer(centres, turns))
    assert "85.00%" not in lead and "占比20.99%（计算）" in lead


# -- a project's spending: its actual figure, by its name with 项目支出 after it --


def test_a_project_named_before_project_spending_is_that_project(centres):
    lead = _lead(ask_offline(centres, "沄溪疾控23年冷链设备更新项目支出多少").answer)
    assert "93.84万元" in lead and "290.77万元" not in lead


def test_what_was_arranged_at_the_start_is_no_spending(centres):
    answer = ask_offline(centres, "沄溪疾控重点传染病监测项目这两年支出比一比").answer
    assert "104.38万元" in _lead(answer) and "110.00万元" not in _lead(answer)
    assert "115.20万元 − 104.38万元 = 10.82万元" in answer


# -- English names of bodies; a county holding none of the bodies named keeps its own --


@pytest.mark.parametrize(
    ("english", "body"),
    [
        ("the Tongzi industry and IT bureau", "工业和信息化局"),
        ("the county industry bureau", "工业和信息化局"),
        ("the Lingbi grain reserve bureau", "粮食和物资储备局"),
        ("the Sixian CDC", "疾病预防控制中心"),
        ("the county centre for disease control and prevention", "疾病预防控制中心"),
        ("the county library", "图书馆"),
    ],
)
def test_english_names_of_county_bodies(english, body):
    from assistant.english import to_chinese

    assert body in to_chinese(english)[0]


def test_two_centres_compared_in_english(centres):
    question = "Compare the 2023 project spending of the Yunxi CDC and the Qiling media centre."
    answer = last_answer(centres, [question])
    assert "290.77万元" in answer and "228.58万元" in answer


def test_a_county_holding_none_of_the_bodies_named_keeps_its_own(centres):
    answer = last_answer(centres, ["沄溪疾控和淇岭县23年的项目支出谁多"])
    assert "290.77万元" in answer and "228.58万元" in answer


# -- a follow-up asks the report that answered; budget columns said in other words --


def test_a_follow_up_asks_the_year_that_answered(centres):
    turns = ["沄溪疾控中心调整以后的预算有多少", "年初的预算呢"]
    answer = last_answer(centres, turns)
    assert "836.40万元" in answer and "2022年度" not in answer


# -- an amount asked: a sentence with no figure, or naming the thing only among uses --


def test_a_sentence_without_any_figure_is_no_amount(centres):
    ask_offline(centres, "淇岭融媒2023年政府采购的总额是多少", refused=True)


def test_an_item_named_only_among_the_uses_of_an_amount_has_no_amount_of_its_own(centres):
    answer = centres.ask("沄溪疾控22年灭鼠药品具体花了多少钱", use_llm=False).answer
    assert "没有给出“灭鼠药品”单独的数字" in answer  # the amount is of three uses together


# -- an execution rate worked out from a table row, also to compare it with a stated one --


def test_a_rows_execution_rate_is_worked_out(centres):
    lead = _lead(ask_offline(centres, "淇岭融媒22年项目支出的执行率").answer)
    assert "209.75万元 ÷ 215.40万元 = 97.38%" in lead


def test_a_worked_out_rate_is_compared_with_a_stated_one(centres):
    answer = ask_offline(centres, "淇岭融媒项目支出执行率22年和23年哪年高").answer
    assert "执行率 209.75万元 ÷ 215.40万元 = 97.38%" in answer
    assert "96.86% − 97.38% = -0.52个百分点" in answer
    assert "年初预算数 200.00万元" not in _lead(answer)


# -- the largest of the numbered projects: by what each spent, named by its title --


def test_the_largest_numbered_project_by_its_spending(centres):
    turns = ["沄溪疾控23年项目支出多少", "其中花钱最多的是哪个项目"]
    lead = _lead(last_answer(centres, turns))
    assert "最多的是重点传染病监测项目（115.20万元）" in lead


def test_the_smallest_after_the_largest_leads_alone(centres):
    turns = ["沄溪疾控23年项目支出多少", "其中花钱最多的是哪个项目", "最少的呢"]
    lead = _lead(last_answer(centres, turns))
    assert lead.split("：", 1)[1].startswith(
        "所列3项中最少的是慢性病综合防控示范区创建项目（55.70万元）"
    )


def test_one_items_budget_and_spending_are_no_list_of_items():
    from assistant.derived import extreme
    from index.numbers import find_quantities

    items = [
        (label, q, "[1]")
        for label, q in zip(
            ["年初预算", "调整后预算", "支出决算"],
            find_quantities("836.40万元 912.75万元 894.12万元"),
            strict=True,
        )
    ]
    assert extreme("哪个最多", items) is None


# -- over the sides a turn answered; staff said as 在编 --


def test_a_sum_asked_after_both_bodies_were_answered(centres):
    turns = ["疾控和融媒体中心23年的基本支出各是多少", "加起来呢"]
    answer = last_answer(centres, turns)
    assert "603.35万元 + 512.48万元 = 1115.83万元" in answer


def test_staff_said_as_on_the_establishment_and_compared_over_turns(centres):
    turns = ["沄溪疾控23年的在编人数", "淇岭那边呢", "哪边人多"]
    answer = last_answer(centres, turns)
    assert "39人" in answer and "33人" in answer
    assert _lead(answer).startswith("较多的是沄溪县疾病预防控制中心")


def test_a_projects_budget_execution_rate_is_the_projects(centres):
    lead = _lead(ask_offline(centres, "淇岭融媒23年应急广播项目的预算执行率").answer)
    assert "127.45万元 ÷ 130.00万元 = 98.04%" in lead and "97.91%" not in lead


def test_an_english_follow_up_asking_the_fall_compares_the_years(centres):
    turns = [
        "What did the Yunxi CDC spend on official receptions in 2022?",
        "And in 2023?",
        "By how much did it fall?",
    ]
    answer = last_answer(centres, turns)
    assert "1.02万元 − 1.27万元 = -0.25万元" in answer


# -- a comparison asking a calculation opens with it --


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("23年沄溪疾控的项目支出比淇岭融媒高出多少", "比淇岭县融媒体中心2023年度多62.19万元"),
        ("沄溪疾控23年基本支出是淇岭融媒的几倍", "的1.18倍（计算：603.35万元 ÷ 512.48万元"),
        ("两个单位23年公务用车运行维护费加起来多少", "两者合计6.90万元"),
    ],
)
def test_a_comparison_opens_with_the_calculation_asked(centres, question, opening):
    assert opening in _lead(ask_offline(centres, question).answer)


def test_a_plain_comparison_opens_with_the_figures(centres):
    lead = _lead(ask_offline(centres, "对比一下两家2023年的公务接待批次").answer)
    assert lead.startswith("公务接待批次")


# -- what the report does not give: a figure per thing, a rate it does not name, a part of
# a purchase listed only among what it was for --


def test_a_figure_per_thing_is_not_the_total(centres):
    answer = centres.ask("沄溪疾控23年平均每台冷藏柜花了多少钱", use_llm=False)
    assert answer.refused and "93.84万元" not in answer.answer.splitlines()[0]


def test_an_english_rate_the_report_does_not_name_is_refused(centres):
    question = "What was the Yunxi CDC's fund disbursement timeliness rate in 2023?"
    assert centres.ask(question, use_llm=False).refused


def test_a_part_named_only_among_what_a_purchase_was_for(centres):
    answer = centres.ask("淇岭融媒22年编辑软件花了多少钱", use_llm=False).answer
    assert "未单列" in answer and "58.60万元" in answer  # quoted as the total it is part of


# -- bodies by their common names: 人医, a county's 医院, a party committee's body without
# 县委, a body whose place is not named beside another county's --


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("澜岑人医23年项目支出多少", "2,172.65万元"),
        ("澜岑县医院23年公用经费多少", "6,215.48万元"),
        ("澜岑老干局23年基本支出多少", "121.30万元"),
    ],
)
def test_bodies_by_their_common_names(centres, question, figure):
    assert figure in _lead(ask_offline(centres, question).answer)


def test_a_party_committees_body_goes_by_its_name_without_the_committee():
    from index.departments import short_forms

    assert {"老干部局", "老干局"} <= set(short_forms("县委老干部局"))
    assert short_forms("县委党校") == ("党校",)  # a conventional form, no loop back


def test_a_body_named_without_its_place_is_its_own_countys(centres):
    answer = last_answer(centres, ["23年疾控跟澜岑人医的项目支出谁多"])
    assert "2172.65万元" in answer and "290.77万元" in answer


# -- a thing the report narrows nothing to, income never answered by spending --


def test_a_count_of_a_thing_the_report_gives_no_figure_for_is_refused(centres):
    answer = centres.ask("澜岑人医23年门急诊人次是多少", use_llm=False)
    assert answer.refused and "1.86万人次" not in answer.answer.splitlines()[0]


def test_an_income_is_never_answered_by_a_spending_line(centres):
    answer = centres.ask("澜岑人医23年药品收入多少", use_llm=False)
    assert answer.refused and "6,215.48万元" not in answer.answer.splitlines()[0]


def test_a_stated_income_is_answered(centres):
    assert "18,702.35万元" in _lead(ask_offline(centres, "澜岑人医23年事业收入多少").answer)


# -- a project after 项目支出; why its rate is low --


def test_a_project_asked_after_project_spending_is_the_project(centres):
    turns = ["澜岑人医23年项目支出多少", "医共体平台那个项目呢？"]
    lead = _lead(last_answer(centres, turns))
    assert "531.60万元" in lead and "2,172.65万元" not in lead


def test_why_a_projects_rate_is_low_quotes_its_reason(centres):
    turns = ["澜岑人医23年项目支出多少", "医共体平台那个项目呢？", "执行率为啥这么低"]
    answer = last_answer(centres, turns)
    assert "88.60%" in _lead(answer) and "平台二期合同签订较晚" in answer


def test_a_compound_of_asked_words_names_the_figure():
    from assistant.compose import lead_figure
    from assistant.evidence import make_topics

    (topic,) = make_topics("上级 工会 补助 收入", "上级工会补助收入多少")
    sentence = "全年收入决算341.26万元，其中：财政拨款收入268.52万元，上级工会补助收入52.30万元"
    assert lead_figure(sentence, topic)[:2] == ("上级工会补助收入", "52.30万元")


def test_a_body_its_named_place_does_not_have_is_refused(centres):
    answer = centres.ask("澜岑县疾控23年项目支出多少", use_llm=False)
    assert answer.refused and "290.77万元" not in answer.answer


def test_a_cost_with_its_head_written_short_is_spelled_out():
    from assistant.abbreviated import spelled_out

    assert spelled_out("公车运维费谁花得多") == "公务用车运行维护费谁花得多"
    assert spelled_out("公车购置费") == "公车购置费"  # another item, not shortened further


def test_a_cost_written_short_is_compared_across_bodies(centres):
    answer = last_answer(centres, ["2023年疾控和融媒这俩单位公车运维费谁花得多？"])
    assert "3.84万元" in answer and "3.06万元" in answer


def test_where_a_shortfall_is_told_is_not_where_the_target_is_set():
    from assistant.answer import Passage
    from assistant.locate import locate_passage

    def passage(section: str, text: str, start: int) -> Passage:
        return Passage("c", "r", "f", None, None, None, section, text, start, start + 50, 0.5)

    target = passage("一、基本情况 › （三）年度绩效目标", "职工入会率达到92%以上。", 0)
    result = passage("三、绩效情况 › （二）效益情况", "职工入会率91.8%，略低于92%的目标。", 100)
    found = locate_passage([target, result], ["职工入会率"], question="职工入会率没达标写在哪")
    assert found is result


# -- everyday ways of asking: how the budget went, what an income is made of, a hospital --


def test_how_the_budget_went_is_its_execution_rate(centres):
    lead = _lead(ask_offline(centres, "淇岭融媒2023年的预算执行得怎么样").answer)
    assert "预算执行率 97.91%" in lead


def test_what_an_income_is_made_of_quotes_its_parts(centres):
    answer = ask_offline(centres, "澜岑人医23年收入构成").answer
    assert "21,480.60万元" in _lead(answer) and "事业收入18,702.35万元" in answer


def test_a_hospital_named_in_english(centres):
    lead = _lead(
        ask_offline(centres, "What was the total spending of the Lancen hospital in 2023?").answer
    )
    assert "21,102.77万元" in lead


def test_a_count_after_a_list_is_labelled_by_what_is_counted(centres):
    question = "How many internal departments does the Qiling media centre have?"
    lead = _lead(ask_offline(centres, question).answer)
    assert "4个" in lead and "、" not in lead


# -- a share asked with no whole named; a sum of two items leads with the sum --


def test_a_share_with_no_whole_named_is_of_the_total_it_is_part_of(centres):
    lead = _lead(ask_offline(centres, "澜岑人医23年项目支出占比多少").answer)
    assert lead.split("：", 1)[1].startswith("占比10.30%（计算）")


def test_a_sibling_after_a_share_with_no_whole_named(centres):
    lead = _lead(last_answer(centres, ["澜岑人医23年项目支出占比多少", "基本支出呢"]))
    assert "占比89.70%（计算）" in lead


def test_two_items_added_up_lead_with_the_sum(centres):
    lead = _lead(ask_offline(centres, "澜岑人医23年基本支出和项目支出加起来多少").answer)
    assert "合计：18,930.12万元 + 2,172.65万元 = 21102.77万元" in lead


def test_a_refusal_names_each_body_a_short_form_may_mean(centres):
    from dataclasses import replace

    from assistant.scope import refuse_no_report
    from assistant.understanding import understand

    asked = understand("澜岑县卫健委2023年三公经费多少", centres._catalogue(centres.reports()))
    asked = replace(asked, departments=("卫生健康委员会", "卫生健康局"))
    text = refuse_no_report(asked, centres.reports()).answer
    assert "澜岑县卫生健康委员会或卫生健康局2023年度的报告" in text
