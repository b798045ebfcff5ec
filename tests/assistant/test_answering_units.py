"""The answering steps on literal inputs: table reading, derived figures, labelled statements,
clause extension and the lead sentence (no model, no index)."""

from __future__ import annotations

from assistant.answer import Passage
from assistant.candidates import Candidate
from assistant.compose import Citations, Finding, extend_clause, lead, lead_figure
from assistant.derived import Input, change, count, derive, difference, list_items, total
from assistant.evidence import Topic, Unit
from assistant.statements import same_label, statements
from assistant.tables import (
    asked_qualifier,
    caption_unit,
    column_for,
    header_rows,
    merged_header,
    row_statement,
)
from assistant.understanding import Query
from index.models import Report, ReportIdentity
from index.numbers import find_quantities

TABLE = (
    "表3 渠道维修资金表\n单位：万元\n"
    "项目\t预算\t\t执行数\t\n"
    "\t年初预算\t调整后预算\t执行数\t执行率\n"
    "干渠清淤\t40.00\t52.00\t49.40\t95.00%\n"
    "表4 考核表\n"
    "指标\t目标值\t完成值\t分值\t得分\n"
    "清淤长度\t12公里\t13公里\t10\t10\n"
)


def _row(label: str) -> Unit:
    start = TABLE.index(label)
    end = TABLE.index("\n", start)
    return Unit(0, TABLE[start:end], start, end)


def test_two_level_header_and_the_asked_column():
    unit = _row("干渠清淤")
    heads = header_rows(TABLE, unit.start)
    names = merged_header(heads, 5)
    assert names == ["项目", "预算·年初预算", "预算·调整后预算", "执行数", "执行数·执行率"]
    assert asked_qualifier("干渠清淤调整后预算是多少") == "调整后预算"
    assert asked_qualifier("收入决算多少？比年初预算多了多少？") == "决算"
    col = column_for(names, "调整后预算")
    assert col == 2
    shown = row_statement(unit, caption_unit(TABLE, unit.start), heads, col)
    assert shown.startswith("干渠清淤：预算·调整后预算 52.00万元")
    assert "执行数·执行率 95.00%" in shown and "95.00%万元" not in shown
    assert column_for(names, "执行率") == 4


def test_a_table_never_borrows_an_earlier_tables_unit():
    unit = _row("清淤长度")
    assert caption_unit(TABLE, unit.start) is None
    assert "10万元" not in row_statement(unit, None, header_rows(TABLE, unit.start))


def test_clause_extension_keeps_the_share_after_the_amount():
    text = "本年度渠道维修支出决算49.40万元；占全年调整后预算的95.00%；其余资金结转下年。"
    first = text.index("；") + 1
    end = extend_clause(text, 0, first, len(text))
    assert text[:end].endswith("95.00%；")


def test_list_items_are_counted_only_when_no_count_is_stated():
    quote = "中心下设机构包括：调度室、水质科、管网科、客服科"
    assert list_items(quote) == ["调度室", "水质科", "管网科", "客服科"]
    assert count(quote, "[1]", "中心有几个科室？").startswith("共4个[1]")
    assert count("中心下设4个科室：调度室、水质科、管网科、客服科", "[1]", "有几个科室") is None
    # a quote stating the counted figure in any counting unit is the answer, not a list to count
    fleet = "截至年底，本单位共有业务用船5艘，其中巡查船3艘、应急船2艘"
    assert count(fleet, "[1]", "how many boats", asks=True) is None


def test_derived_figures_are_calculations_with_sources():
    a = Input(find_quantities("49.40万元")[0], "[1]")
    b = Input(find_quantities("40.00万元")[0], "[2]")
    assert (
        change(a, b)
        == "49.40万元 − 40.00万元 = 9.40万元，9.40 ÷ 40.00 = 23.50%（计算；来源[1][2]）"
    )
    assert total([a, b]) == "49.40万元 + 40.00万元 = 89.40万元（计算；来源[1][2]）"
    quotes = [("执行数 49.40万元", "[1]"), ("年初预算 40.00万元", "[2]")]
    leads = [("49.40万元", "[1]"), ("40.00万元", "[2]")]
    (calc,) = derive("执行数比年初预算多了多少？", quotes, leads)
    assert "= 9.40万元" in calc
    assert derive("执行数占年初预算的比例是多少", [("占95.00%", "[1]")], leads) == []


def test_labelled_statements_in_text_and_tables():
    text = TABLE + "干渠清淤支出决算为47.40万元，与上表不同。\n"
    found = {(s.label, s.family, str(s.quantity.yuan)) for s in statements(text)}
    assert ("干渠清淤", "actual", "494000.00") in found
    assert ("干渠清淤支出", "actual", "474000.00") in found
    assert ("干渠清淤", "budget", "520000.00") in found
    assert same_label("干渠清淤", "干渠清淤支出") and not same_label("清淤", "干渠清淤")


def _finding(text: str, topic: Topic, qualifier: str | None) -> Finding:
    passage = Passage(
        "c1", "r1", "f.txt", "北岸县", "水务局", 2021, "一、", text, 0, len(text), 1.0
    )
    label, figure, ok = lead_figure(text, topic, qualifier)
    return Finding(
        Candidate(Unit(0, text, 0, len(text)), passage, 1.0, 1.0), text, None, figure, label, ok
    )


def test_lead_states_whose_year_and_the_asked_figure_in_the_questions_language():
    identity = ReportIdentity("北岸县", "水务局", 2021)
    report = Report("r1", "f.txt", "f.txt", "txt", "x", identity, "")
    topic = Topic(("维修经费",), (), frozenset({"money"}), ("维修经费",))
    finding = _finding("维修经费预算60.00万元，决算58.20万元", topic, "决算")
    zh = lead(report, [finding], Citations(), Query("维修经费决算多少", "zh"))
    assert zh == "北岸县水务局2021年度：维修经费决算 58.20万元[1]。"
    en = lead(report, [finding], Citations(), Query("How much was spent on repairs?", "en"))
    assert en == "According to the report of 北岸县水务局 (2021): 维修经费决算 58.20万元[1]."


def test_rows_of_one_passage_share_a_citation_that_holds_each_row() -> None:
    """Two rows of one chunk cited from the caption above it: one citation, holding both rows
    (a citation cut at the first row left the second row's figure unsupported)."""
    from assistant.answer import Passage
    from assistant.candidates import Candidate
    from assistant.evidence import Unit
    from assistant.offline import _with_caption

    report = (
        "表5 苗圃收支表\n单位：万元\n项目\t预算数\t决算数\n育苗\t31.50\t30.20\n护林\t12.80\t11.60\n"
    )
    first = report.index("项目")  # the chunk starts at the header row, after the caption
    passage = Passage("c1", "r", "f.txt", "甲县", "林业局", 2024, "一、", report[first:], first,
                      len(report), 1.0)  # fmt: skip
    cited = []
    for label in ("育苗", "护林"):
        start = report.index(label)
        end = report.index("\n", start)
        unit = Unit(0, report[start:end], start, end)
        cited.append(_with_caption(Candidate(unit, passage, 1.0, 1.0), report).passage)
    assert cited[0].chunk_id == cited[1].chunk_id
    assert cited[0].text == report[cited[0].start : cited[0].end]
    assert "单位：万元" in cited[0].text and "30.20" in cited[0].text and "11.60" in cited[0].text


def test_amounts_in_different_units_are_compared_in_yuan():
    new = Input(find_quantities("6254300.00元")[0], "[1]")
    old = Input(find_quantities("598.20万元")[0], "[2]")
    assert change(new, old) == (
        "6254300.00元 − 598.20万元（5982000.00元） = 272300.00元（约27.23万元），"
        "272300.00 ÷ 5982000.00 = 4.55%（计算；来源[1][2]）"
    )
    assert difference([old, new]) == (
        "6254300.00元 − 598.20万元（5982000.00元） = 272300.00元（约27.23万元）（计算；来源[2][1]）"
    )
    boats = Input(find_quantities("5艘")[0], "[1]")
    assert difference([boats, old]) is None


def test_time_limits_keep_their_unit():
    (q,) = find_quantities("办理时限缩短至7个工作日")
    assert (q.raw, q.unit) == ("7个工作日", "个工作日")
    assert find_quantities("工期3个月")[0].unit == "个月"


def test_other_variant_names_the_asked_part_only_when_the_quote_has_another():
    from assistant.answerable import other_variant

    assert other_variant("农村低保标准多少", "城市低保标准提高到每人每月900元") == "农村低保"
    assert other_variant("农村低保标准多少", "城市低保900元，农村低保600元") is None
    assert other_variant("退休人员多少", "在职人员41人，退休人员29人") is None
    assert other_variant("低保标准多少", "城市低保标准每人每月900元") is None


def test_a_cell_takes_the_unit_its_column_header_names() -> None:
    """ "决算数（万元）" gives its cells 万元 with no caption; a header naming a year
    ("2022年度决算数") is still a money column; a year column or a rate column is not."""
    from assistant.tables import cell_text

    assert cell_text("决算数（万元）", "1.92", None) == "1.92万元"
    assert cell_text("金额(元)", "3,200.00", "万元") == "3,200.00元"  # the header wins
    assert cell_text("2022年度决算数", "1,292.82", "万元") == "1,292.82万元"
    assert cell_text("年度", "2022", "万元") == "2022"
    assert cell_text("执行率（%）", "96.5", "万元") == "96.5"


def test_a_row_named_by_two_label_columns_is_read_with_both() -> None:
    """A merged 类别 column beside 项目 ("公务用车 | 运行维护费 | 4.26") names the row with
    both; a row whose second cell is a figure, or whose text cells hold figures, keeps one."""
    from assistant.evidence import Unit

    header = "类别\t项目\t决算数（万元）"
    two = Unit(0, "公务用车\t运行维护费\t4.26", 0, 10, header)
    assert row_statement(two, None) == "公务用车·运行维护费：决算数（万元） 4.26万元"
    spanned = Unit(0, "公务接待费\t\t1.92", 0, 10, header)
    assert row_statement(spanned, None) == "公务接待费：决算数（万元） 1.92万元"
    target = Unit(0, "满意度\t≥90%\t92", 0, 10, "指标\t目标值\t得分")
    assert row_statement(target, None).startswith("满意度：")
