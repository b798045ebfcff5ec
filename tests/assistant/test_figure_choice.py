"""Choosing the right figure: the total row over an item row, the column a qualifier names,
the label group of a side-by-side row, the figure a sentence's own words qualify, every asked
qualifier's figure, department-level sheets over project sheets, and follow-ups that keep
the measure or the subject. Invented reports and questions only."""

from assistant import english
from assistant.answer import Passage
from assistant.candidates import ranked
from assistant.compose import following_figure, lead_figure
from assistant.conversation import Conversation
from assistant.evidence import Topic, make_topics
from assistant.offline import _several_figures
from assistant.tables import (
    asked_qualifier,
    asked_qualifiers,
    column_for,
    label_segment,
    merged_header,
    table_title,
)
from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity

WHO = ("r1", "a.txt", "南湾县", "档案馆", 2019)


def _passage(cid: str, section: str, text: str, start: int, header: str | None = None):
    return Passage(cid, *WHO, section, text, start, start + len(text), 1.0, header)


def _money(term: str, soft: tuple[str, ...] = ()) -> Topic:
    return Topic((term,), soft, frozenset({"money"}), (term,))


# -- rows ---------------------------------------------------------------------------------------

SPENDING = (
    "表一 南湾县档案馆收支表\n单位：万元\n项目\t年初预算数\t调整后预算数\t决算数\n"
    "运转类支出\t200.00\t210.00\t205.00\n支出总计\t500.00\t620.00\t610.00\n"
)


def test_the_total_row_beats_a_row_that_narrows_the_asked_term():
    header = "项目\t年初预算数\t调整后预算数\t决算数"
    passages = [_passage("c1", "一、收支情况", SPENDING, 0, header)]
    best = ranked(
        passages, Topic(("支出",), ("决算",), frozenset({"money"})), {"支出": 1.0}, SPENDING
    )
    assert best[0].unit.text.startswith("支出总计")


SUNDRY = (
    "二、接待与差旅\n南湾县档案馆2019年度公务接待费和差旅费决算表\n单位：元\n"
    "项目\t预算数\t决算数\n合计\t9,000.00\t7,400.00\n公务接待费\t4,000.00\t3,100.00\n"
)


def test_a_total_row_answers_for_the_metric_its_table_title_names():
    start = SUNDRY.index("项目")
    passage = _passage("c1", "二、接待与差旅", SUNDRY[start:], start, "项目\t预算数\t决算数")
    assert table_title(SUNDRY, SUNDRY.index("合计")).endswith("单位：元")
    found = ranked([passage], _money("公务接待费"), {"公务接待费": 1.0}, SUNDRY)
    assert any(c.unit.text.startswith("合计") for c in found) or found[0].unit.text.startswith(
        "公务接待费"
    )
    title_topic = Topic(("差旅费",), (), frozenset({"money"}), ("差旅费",))
    rows = ranked([passage], title_topic, {"差旅费": 1.0}, SUNDRY)
    assert rows and rows[0].unit.text.startswith("合计")  # only the title names 差旅费


def test_a_qualifier_picks_its_column_and_a_table_name_is_no_qualifier():
    names = merged_header(["项目\t年初预算数\t调整后预算数\t决算数"], 4)
    assert column_for(names, asked_qualifier("年中调整后的预算有多少")) == 2
    assert column_for(names, asked_qualifier("年初安排了多少")) == 1
    assert asked_qualifier("收支决算表中运转类支出的年初数") == "年初预算"
    assert asked_qualifiers("差旅费预算与决算分别为多少") == ["预算", "决算"]


def test_a_side_by_side_row_is_read_from_the_asked_label_on():
    cells = ["一般公共预算收入", "800.00", "工资福利支出", "300.00"]
    assert label_segment(cells, ["工资福利支出"]) == (2, 4)
    assert label_segment(cells, ["一般公共预算收入"]) == (0, 4)
    assert label_segment(cells, ["办公费"]) == (0, 4)


# -- sentences ----------------------------------------------------------------------------------


def test_a_figure_is_qualified_by_its_own_words_only():
    sentence = "会议费预算为2万元，支出为1.16万元"
    topic = _money("会议费")
    assert lead_figure(sentence, topic, "决算")[1] == "1.16万元"
    assert lead_figure(sentence, topic, "预算")[1] == "2万元"
    assert lead_figure("会议费支出为1.16万元，预算为2万元", topic, "预算")[1] == "2万元"


def test_every_asked_qualifier_gets_its_figure():
    sentence = "培训费预算5.00万元，实际支出4.20万元"
    both = _several_figures(sentence, _money("培训费"), ["预算", "决算"])
    assert both == "预算 5.00万元、决算 4.20万元"
    assert _several_figures(sentence, _money("培训费"), ["决算"]) is None


def test_an_execution_rate_worded_as_budget_completion():
    sentence = "公务用车运行维护费支出8.80万元，完成预算的91.20%"
    topic = Topic(("公车", "运维"), (), frozenset({"money", "percent"}))
    assert lead_figure(sentence, topic, asked_qualifier("完成预算多少"))[1] == "91.20%"


# -- sheets -------------------------------------------------------------------------------------


def test_a_department_question_prefers_the_whole_department_sheet():
    project = "项目资金\t年初预算数\t全年预算数\n年度资金总额\t90.00\t95.00\n"
    whole = "年度预算申请\t金额\n资金总额\t3,200.00\n"
    text = project + whole
    passages = [
        _passage("p", "工作表：乡村道路养护自评表", project, 0, "项目资金\t年初预算数\t全年预算数"),
        _passage("w", "工作表：整体绩效目标申报表", whole, len(project), "年度预算申请\t金额"),
    ]
    [topic] = make_topics("资金 总额", "本部门全年预算资金总额是多少")
    assert topic.whole
    best = ranked(passages, topic, {t: 1.0 for t in topic.hard}, text)
    assert best[0].unit.text.startswith("资金总额")
    [project_topic] = make_topics("资金 总额", "乡村道路养护项目资金总额是多少")
    assert not project_topic.whole


# -- words and turns ----------------------------------------------------------------------------


def test_english_public_use_and_staff_spending():
    assert "公用经费" in english.to_chinese("How large were the public-use (公用) costs?")[0]
    assert "人员经费" in english.to_chinese("How much was spent on staff in 2020?")[0]
    assert "绩效目标申报表" in english.to_chinese("the performance goal form of 2020")[0]


def _catalogue() -> Catalogue:
    return Catalogue((ReportIdentity("南湾县", "档案馆", 2019),))


def test_another_subject_keeps_the_measure_asked_before():
    catalogue, chat = _catalogue(), Conversation()
    first, _ = chat.resolve(understand("南湾县档案馆数字化项目执行率是多少", catalogue), catalogue)
    chat.remember("", first)
    second, _ = chat.resolve(understand("修缮工程那个呢？", catalogue), catalogue)
    assert second.qualifier == "执行率"
    assert "修缮" in second.topic and "数字化" not in second.topic


def test_a_measure_only_follow_up_keeps_the_subject():
    catalogue, chat = _catalogue(), Conversation()
    first, _ = chat.resolve(understand("南湾县档案馆差旅费多少", catalogue), catalogue)
    chat.remember("", first)
    second, _ = chat.resolve(understand("决算数是多少", catalogue), catalogue)
    assert "差旅费" in second.topic and "决算" in second.topic
    narrowed, _ = chat.resolve(understand("其中会议费呢？", catalogue), catalogue)
    assert narrowed.qualifier is None  # a part of the subject, not another subject


def test_a_fund_name_is_no_budget_qualifier():
    assert asked_qualifier("政府性基金预算拨款支出的决算是多少") == "决算"
    assert asked_qualifier("一般公共预算拨款支出完成全年预算的比例") == "执行率"


def test_the_next_sentence_may_state_the_asked_figure():
    text = (
        "本年差旅费支出12.60万元，占基本支出的3.10%。年初预算为10.00万元，完成年初预算的126.00%。"
    )
    topic = Topic(("差旅费",), (), frozenset({"money", "percent"}), ("差旅费",))
    end = text.index("。") + 1
    found = following_figure(text, end, len(text), topic, "执行率")
    assert found is not None and found[1] == "126.00%" and found[0] == len(text)
    assert following_figure(text, end, len(text), topic, "得分") is None


def test_a_term_inside_another_metrics_name_does_not_pick_that_figure() -> None:
    """Asked for 支出, "…支出合计3603.76万元，其中：基本支出1241.83万元" leads with the total:
    "支出" inside "基本支出" names another figure, however close it stands."""
    sentence = "本年支出合计3603.76万元，其中：基本支出1241.83万元，占34.46%"
    topic = Topic(("支出",), (), frozenset({"money"}), ("支出",))
    assert lead_figure(sentence, topic)[1] == "3603.76万元"
    basic = Topic(("基本支出",), (), frozenset({"money"}), ("基本支出",))
    assert lead_figure(sentence, basic)[1] == "1241.83万元"


def test_assets_asked_is_the_total_not_the_fixed_assets_inside_it() -> None:
    """ "资产" asked: "年末资产总额9,300.00万元，其中固定资产7,100.00万元" leads with the
    total; 固定资产 is a narrower item even though its figure follows the word more closely."""
    sentence = "年末资产总额9,300.00万元，其中固定资产7,100.00万元，主要为办公用房"
    assets = Topic(("资产",), ("总额",), frozenset(), ())
    assert lead_figure(sentence, assets)[1] == "9,300.00万元"
    fixed = Topic(("固定资产",), (), frozenset(), ("固定资产",))
    assert lead_figure(sentence, fixed)[1] == "7,100.00万元"
    # a sentence naming 资产 only inside another item's name states no figure of it
    offices = "局机关内设办公室、固定资产投资科、综合科3个科室，下设中心1个"
    assert lead_figure(offices, assets, "年末") is None
    assert lead_figure(offices, assets) is None
    # such a sentence is no answer to a question asking a figure; a sentence with no figure
    # (a heading, a reason) and a row are not dropped by this rule
    from assistant.candidates import Candidate
    from assistant.compose import Finding
    from assistant.evidence import Unit
    from assistant.offline import _figures_of_other_items

    def finding(text: str, header: str | None = None) -> Finding:
        unit = Unit(0, text, 0, len(text), header)
        return Finding(Candidate(unit, _passage("c", "一、概况", text, 0), 1.0, 1.0), text)

    assert _figures_of_other_items(finding(offices), "资产总额是多少")
    assert _figures_of_other_items(finding(offices), "What were the total assets?")
    assert not _figures_of_other_items(finding(offices), "资产管理有什么问题")
    assert not _figures_of_other_items(finding("九、国有资产占有使用情况"), "资产多少")
    assert not _figures_of_other_items(finding("科室\t5", "项目\t数"), "资产多少")


def test_a_figure_goes_by_its_own_words_when_the_asked_term_is_not_written() -> None:
    """ "执行了多少" over "项目支出728.86万元，其中…": the lead says 项目支出, not 执行."""
    sentence = "项目支出728.86万元，其中农村环境整治312.50万元"
    label, figure, _ = lead_figure(sentence, _money("执行"))
    assert figure == "728.86万元" and "执行" not in label and "项目支出" in label


def test_a_column_the_question_writes_out_is_read_when_no_qualifier_names_one() -> None:
    """Headers 年初预算 / 全年支出 / 执行率: "…全年支出多少" reads 全年支出 (no 决算 column
    to prefer); the label column is never chosen; nothing named gives None."""
    from assistant.tables import column_named

    names = ["项目", "年初预算", "全年支出", "执行率"]
    assert column_named(names, "商品和服务支出全年支出多少？") == 2
    assert column_named(names, "商品和服务支出的执行率是多少") == 3
    assert column_named(names, "项目有哪些") is None
    assert column_named(names, "商品和服务支出多少？") is None
