"""Evidence selection, table statements and reader checks on literal inputs."""

from __future__ import annotations

from assistant.answer import Passage
from assistant.checks import difference, missed_target, overstaffed, year_mismatch
from assistant.evidence import make_topics, score_unit, split_units, term_strength
from assistant.tables import caption_unit, row_statement


def _passage(text: str, start: int = 100, header: str | None = None) -> Passage:
    return Passage(
        chunk_id="c1",
        report_id="r1",
        file="f.txt",
        county="青山县",
        department="局",
        year=2023,
        section="二、支出 › （一）基本支出",
        text=text,
        start=start,
        end=start + len(text) - (len(header) + 1 if header else 0),
        score=0.5,
        header=header,
    )


def test_term_strength_exact_synonym_abbreviation():
    assert term_strength("三公经费", "2023年三公经费决算6.42万元") == 1.0
    assert term_strength("公车", "公务用车运行维护费4.10万元") == 0.9
    assert term_strength("公车运维费", "公务用车运行维护费4.10万元") > 0
    assert term_strength("人员经费", "公用经费73.65万元") == 0.0


def test_topics_split_per_metric_and_peel_qualifiers():
    topics = make_topics("人员经费和公用经费", "人员经费和公用经费分别多少")
    assert [t.metric for t in topics] == [("人员经费",), ("公用经费",)]
    (single,) = make_topics("三公经费预算和决算", "三公经费预算和决算多少")
    assert single.metric == ("三公经费",) and "预算" in single.soft
    assert "money" in single.kinds


def test_units_are_exact_spans_and_rows_keep_their_header():
    text = (
        "（一）基本支出\n2023年基本支出612.40万元。其中人员经费538.75万元。\n"
        "项目\t预算数\n基本支出\t612.40"
    )
    report = " " * 100 + text
    units = split_units(_passage(text), 0)
    assert all(report[u.start : u.end] == u.text for u in units)
    row = next(u for u in units if u.is_row)
    assert row.header == "项目\t预算数" and row.text == "基本支出\t612.40"


def test_metric_must_be_in_the_unit_and_a_figure_of_the_asked_kind():
    passage = _passage("2023年基本支出612.40万元，其中人员经费538.75万元。离退休人员12人。")
    units = split_units(passage, 0)
    (topic,) = make_topics("人员经费", "人员经费是多少")
    scores = [score_unit(u, topic, passage, 0) for u in units]
    assert scores[0] is not None and scores[1] is None
    (retired,) = make_topics("离退休人员经费", "离退休人员经费是多少")
    assert all(score_unit(u, retired, passage, 0) is None for u in units)


def test_row_statement_uses_caption_unit_but_not_for_rates():
    report = "表1 收支表\n单位：万元\n项目\t预算数\t执行率\n公务接待费\t6.60\t68.48%"
    start = report.index("公务接待费")
    assert caption_unit(report, start) == "万元"
    (unit,) = [u for u in split_units(_passage(report[report.index("项目") :], 0), 0)]
    assert row_statement(unit, "万元") == "公务接待费：预算数 6.60万元、执行率 68.48%"
    other = f"单位：万元\n{'说明文字' * 20}\n项目\t数\n甲\t1"
    assert caption_unit(other, other.index("甲")) is None  # an earlier table's caption


def test_reader_checks():
    assert "2021年" in year_mismatch("2021年排查隐患206条", [2022])
    assert year_mismatch("2022年排查隐患206条，较2021年增加", [2022]) is None
    assert missed_target("完成1260户，未完成1500户的目标")
    assert overstaffed("核定编制40名，在职人数为45人")
    assert overstaffed("核定编制45名，在职人数为40人") is None
    assert difference(["预算45200000.00元", "决算48712386.45元"]) == (
        "48712386.45元 − 45200000.00元 = 3512386.45元（计算）"
    )


def test_a_column_describing_the_row_never_names_its_figures():
    """资金来源 / 主要用途 cells ("市级财政") are not labels of side-by-side tables: two projects
    funded by the same level are not two statements of one amount."""
    from assistant.statements import statements

    report = (
        "表3 项目支出表\n单位：万元\n项目名称\t资金来源\t决算数\t主要用途\n"
        "农田水利改造项目\t省、市级财政\t312.50\t渠道衬砌\n"
        "水土保持治理项目\t市级财政\t86.20\t坡改梯\n"
    )
    labels = {s.label for s in statements(report)}
    assert labels == {"农田水利改造项目", "水土保持治理项目"}
    side = "单位：万元\n收入\t决算数\t支出\t决算数\n财政拨款收入\t500.00\t基本支出合计\t420.00\n"
    assert {s.label for s in statements(side)} == {"财政拨款收入", "基本支出"}


def test_a_form_stacking_tables_gives_each_row_its_own_tables_header():
    """A 项目支出绩效自评表 sheet: the money table, then a goals table, then the indicators,
    with no blank line between them."""
    from assistant.tables import header_rows

    form = (
        "项目资金\t年初预算数\t全年执行数\t得分\n"
        "年度资金总额\t120.00\t116.40\t9.7\n"
        "年度总体目标\t预期目标\t实际完成情况\n"
        "\t完成渠道清淤12公里\t完成渠道清淤12.5公里，资金执行116.40万元\n"
        "一级指标\t三级指标\t年度指标值\t实际完成值\t得分\n"
        "产出指标\t清淤长度\t12公里\t12.5公里\t10\n"
    )
    at = form.index
    assert header_rows(form, at("年度资金总额"))[0].startswith("项目资金")
    assert header_rows(form, at("\t完成渠道清淤"))[0].startswith("年度总体目标")
    assert header_rows(form, at("产出指标"))[0].startswith("一级指标")
    two_level = "项目\t预算\t\t决算\n\t基本\t项目\t基本\n人员经费\t10.00\t0.00\t9.80\n"
    assert header_rows(two_level, two_level.index("人员经费")) == two_level.split("\n")[:2]


def test_a_side_by_side_row_is_read_at_the_group_naming_most_of_the_question():
    from assistant.tables import label_segment

    row = "年初结转和结余\t25.60\t年末结转和结余\t40.34".split("\t")
    assert label_segment(row, ["年末", "结转", "结余"]) == (2, 4)
    assert label_segment(row, ["年初", "结转", "结余"]) == (0, 4)
    assert label_segment(row, ["结余"]) == (0, 4)  # a tie: the row's first group


def test_a_side_by_side_row_with_an_empty_left_group_is_read_at_its_label():
    from assistant.tables import label_segment

    assert label_segment(["", "", "公用经费", "111.11"], ["公用经费"]) == (2, 4)


def test_a_short_english_follow_up_is_english():
    from assistant.english import is_english

    assert is_english("Same for 2020?") and is_english("What about basic spending?")
    assert not is_english("PPP项目2023年支出多少") and not is_english("2023?")
