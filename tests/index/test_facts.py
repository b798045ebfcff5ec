"""Fact extraction rules on invented sentences and tables: what is stored, what is not."""

from __future__ import annotations

from index.domain_terms import squash
from index.facts import extract_facts, mark_conflicts
from index.metrics import METRICS, Metric, alias_index, find_metric
from index.models import FactRecord, NormalisedText


def facts_of(*items: str | tuple[str, ...], year: int | None = 2023) -> list[FactRecord]:
    return extract_facts("r1", NormalisedText.from_lines(list(items)), year)


def brief(facts: list[FactRecord]) -> set[tuple[str, str | None, str]]:
    return {(f.metric, f.qualifier, f.value_text) for f in facts}


def fact(
    name: str, qualifier: str | None, value: str, unit: str, yuan: str | None = None
) -> FactRecord:
    return FactRecord("r1", name, qualifier, value + unit, unit, value, yuan, 2023, 0, 1)


def metric(term: str) -> Metric:
    found = find_metric(term)
    assert found is not None, term
    return found


# --- the catalogue -----------------------------------------------------------------------------


def test_metric_names_are_unique_and_each_alias_names_one_metric() -> None:
    assert len({m.name for m in METRICS}) == len(METRICS)
    for metric in METRICS:
        for alias in metric.aliases:
            assert alias_index()[squash(alias)] is metric, alias


def test_find_metric_by_name_alias_and_punctuated_spelling() -> None:
    assert metric("“三公”经费").name == metric("三公").name == "三公经费"
    assert metric("公务用车购置及运行（维护）费").name == "公务用车购置及运行维护费"
    assert metric("本年支出合计").name == "支出"
    assert metric("收入").kind == "money" and metric("人员经费").parent == "基本支出"
    assert metric("实有在职人员").kind == "people"
    assert metric("公务接待批次").accepts("批") and not metric("公务接待人次").accepts("名")
    assert find_metric("离退休人员经费") is None
    assert find_metric("不存在的指标") is None


# --- sentences ---------------------------------------------------------------------------------


def test_budget_and_final_sangong_with_exact_spans() -> None:
    facts = facts_of("2023年“三公”经费预算数为6000元。“三公”经费决算数为6000元，无结余结转。")
    assert brief(facts) == {("三公经费", "预算", "6000元"), ("三公经费", "决算", "6000元")}
    norm_text = "2023年“三公”经费预算数为6000元。“三公”经费决算数为6000元，无结余结转。"
    assert [norm_text[f.start : f.end] for f in facts] == [
        "2023年“三公”经费预算数为6000元。",
        "“三公”经费决算数为6000元，无结余结转。",
    ]
    assert all(f.value_yuan == "6000" and f.unit == "元" and f.source == "text" for f in facts)
    assert not any(f.conflict for f in facts)


def test_value_text_is_as_written_and_money_is_exact_in_yuan() -> None:
    (budget, spent) = facts_of(
        "2022年度“三公经费”预算为2 万元，2022年度“三公经费”支出为 1.16万元。"
    )
    assert (budget.value_text, budget.value, budget.value_yuan) == ("2 万元", "2", "20000")
    assert (spent.qualifier, spent.value_yuan, spent.year) == (None, "11600.00", 2022)


def test_listed_parts_each_give_a_fact_and_shares_do_not() -> None:
    facts = facts_of(
        "2023年基本支出为5119613.47元，占一般公共预算总支出的31.92%，其中：人员经费4093973.19元，"
        "公用经费1025640.28元。"
    )
    assert brief(facts) == {
        ("基本支出", None, "5119613.47元"),
        ("人员经费", None, "4093973.19元"),
        ("公用经费", None, "1025640.28元"),
    }
    assert not any(f.unit == "%" for f in facts)


def test_qualifier_comes_from_words_between_before_or_in_the_alias() -> None:
    facts = facts_of(
        "2022年度收入预算3705.67万元。",
        "预算收支情况：2022年预算总收入 3705.67万元。",
        "公务接待费支出决算为1.16万元。",
        "2023年度“三公”经费预算166000.00元，实际支出121874.50元，占预算的73.42%。",
        "2022年度收入决算2780.52万元，支出决算2765.31万元。",
        year=2022,
    )
    assert brief(facts) == {
        ("收入", "决算", "2780.52万元"),
        ("支出", "决算", "2765.31万元"),
        ("收入", "预算", "3705.67万元"),
        ("收入", "预算", "3705.67万元"),
        ("公务接待费", "决算", "1.16万元"),
        ("三公经费", "预算", "166000.00元"),
        ("三公经费", "实际", "121874.50元"),
    }
    assert {f.value_yuan for f in facts if f.qualifier == "预算" and f.metric == "收入"} == {
        "37056700.00"
    }
    assert [f.year for f in facts if f.metric == "三公经费"] == [2023, 2023]


def test_a_following_clause_with_only_a_qualifier_repeats_the_metric() -> None:
    facts = facts_of(
        "“三公”经费财政拨款支出预算为2万元，支出决算为1.16万元，完成预算的58%。",
        "项目支出预算3046.42万元，实际支出3046.42万元。",
    )
    assert brief(facts) == {
        ("三公经费", "预算", "2万元"),
        ("三公经费", "决算", "1.16万元"),
        ("项目支出", "预算", "3046.42万元"),
        ("项目支出", "实际", "3046.42万元"),
    }


def test_items_of_a_qizhong_list_take_the_parents_qualifier_across_semicolons() -> None:
    facts = facts_of(
        "2022年度收入决算6842.37万元，其中：一般公共预算财政拨款收入6315.92万元；其他收入526.45万元。"
        "其中：人员经费1302.58万元。"
    )
    assert brief(facts) == {
        ("收入", "决算", "6842.37万元"),
        ("财政拨款收入", "决算", "6315.92万元"),
        ("其他收入", "决算", "526.45万元"),
        ("人员经费", None, "1302.58万元"),  # a new sentence: its parent is not said
    }


def test_reception_batches_and_visits_only_about_official_reception() -> None:
    facts = facts_of(
        "公务接待费支出决算为1.16万元（公务接待13批，共计83人，完成预算的58%。",
        "公务接待费7.88万元，共接待63批次、487人次。",
        "83名科技专家服务团成员分成三个科技小分队，服务群众600人次。",
    )
    counts = {(f.metric, f.value_text) for f in facts if f.unit not in ("万元", "元")}
    assert counts == {
        ("公务接待批次", "13批"),
        ("公务接待人次", "83人"),
        ("公务接待批次", "63批次"),
        ("公务接待人次", "487人次"),
    }


def test_staff_counts_and_self_evaluation_score() -> None:
    facts = facts_of(
        "截至2023年12月31日编制部门核定我局编制34名，在职人数为36人，另有离退休人员14人。",
        "我局部门整体支出绩效自评得分97分，现将有关情况报告如下：",
        "高血压患者规范管理率指标得分8分。",
        "经部门整体支出绩效自评，产出指标得分38分，综合得分92分。",
    )
    assert brief(facts) == {
        ("编制数", None, "34名"),
        ("在职人数", None, "36人"),
        ("自评得分", None, "97分"),
        ("自评得分", None, "92分"),
    }


def test_changes_shares_and_other_terms_are_not_stored() -> None:
    facts = facts_of(
        "项目支出较上年增加120万元，占总支出的77.86%。",
        "离退休人员经费35.2万元，上缴上级支出0万元。",
        "“三公”经费支出数占预算数的58%。",
        "2023年基本支出增长12.5%。",
    )
    assert facts == []


def test_a_sentence_about_another_year_keeps_that_year() -> None:
    facts = facts_of(
        "2021年，本局人员经费支出169.6万元。",
        "2022年公用经费支出11.3万元，占基本支出的9.2%。",
        year=2022,
    )
    assert {(f.metric, f.year, f.value_yuan) for f in facts} == {
        ("人员经费", 2021, "1696000.0"),
        ("公用经费", 2022, "113000.0"),
    }


def test_no_report_year_leaves_unstated_years_empty() -> None:
    (only,) = facts_of("项目支出决算5343.42万元。", year=None)
    assert only.year is None and only.qualifier == "决算"


# --- tables ------------------------------------------------------------------------------------


def test_table_columns_caption_unit_and_total_row_of_a_titled_table() -> None:
    facts = facts_of(
        "2022年度“三公”经费预算及执行情况表",
        "单位：万元",
        ("项目", "预算数", "决算数", "执行率"),
        ("合计", "18.60", "14.37", "77.26%"),
        ("其中：公务用车购置费", "0", "0", "—"),
        ("公务接待费", "6.60", "4.52", "68.48"),
        year=2022,
    )
    assert brief(facts) == {
        ("三公经费", "预算", "18.60"),
        ("三公经费", "决算", "14.37"),
        ("三公经费", "执行率", "77.26%"),
        ("公务用车购置费", "预算", "0"),
        ("公务用车购置费", "决算", "0"),
        ("公务接待费", "预算", "6.60"),
        ("公务接待费", "决算", "4.52"),
        ("公务接待费", "执行率", "68.48"),
    }
    total = next(f for f in facts if f.metric == "三公经费" and f.qualifier == "决算")
    assert (total.unit, total.value, total.value_yuan, total.source) == (
        "万元",
        "14.37",
        "143700.00",
        "table",
    )
    rate = next(f for f in facts if f.value_text == "68.48")
    assert (rate.unit, rate.value_yuan) == ("%", None)


def test_pairwise_label_columns_and_caption_qualifier() -> None:
    norm = NormalisedText.from_lines(
        [
            "表1 2023年度收支决算总表（单位：元）",
            ("收入项目", "金额", "支出项目", "金额"),
            ("财政拨款收入", "46218540.26", "基本支出", "8126473.92"),
            ("", "", "其中：人员经费", "7015388.60"),
            ("本年收入合计", "48963215.84", "本年支出合计", "48712386.45"),
        ]
    )
    facts = extract_facts("r1", norm, 2023)
    assert brief(facts) == {
        ("财政拨款收入", "决算", "46218540.26"),
        ("基本支出", "决算", "8126473.92"),
        ("人员经费", "决算", "7015388.60"),
        ("收入", "决算", "48963215.84"),
        ("支出", "决算", "48712386.45"),
    }
    row = norm.lines[3]
    assert all((f.start, f.end) == (row.start, row.end) for f in facts if f.metric == "人员经费")


def test_unitless_cells_without_caption_are_not_stored_but_cell_units_are() -> None:
    facts = facts_of(
        "部门整体支出主要绩效指标完成情况表",
        ("指标名称", "年度指标值", "实际完成值", "完成情况"),
        ("机关运行经费", "20万元", "18.62万元", "未完成"),
        ("预算执行率", "≥95%", "99.88%", "完成"),
        "收支情况",
        ("项目", "预算数", "决算数", "决算数占年初预算比例"),
        ("基本支出", "1420.60", "1486.73", "104.66%"),
    )
    assert brief(facts) == {("机关运行经费", "实际", "18.62万元")}


def test_reception_and_car_counts_from_a_last_cell_and_people_cells() -> None:
    facts = facts_of(
        "“三公”经费预算及决算情况表",
        "单位：万元",
        ("项目", "预算数", "决算数", "批次/人次/车辆"),
        ("公务用车运行维护费", "15.00", "13.48", "保有6辆"),
        ("公务接待费", "9.00", "7.88", "63批次/487人次"),
        ("公务接待次数控制", "", "", "≤50批次"),
        "一、部门（单位）基本概况",
        ("部门（单位）名称", "某某局"),
        ("人员编制", "58", "实有人数", "91"),
    )
    counts = {(f.metric, f.value_text, f.unit) for f in facts if f.unit not in ("万元",)}
    assert counts == {
        ("公务用车保有量", "6辆", "辆"),
        ("公务接待批次", "63批次", "批次"),
        ("公务接待人次", "487人次", "人次"),
        ("编制数", "58", "人"),
        ("在职人数", "91", "人"),
    }


def test_indicator_table_scores_are_not_self_evaluation_scores() -> None:
    facts = facts_of(
        "绩效评价指标表",
        ("一级指标", "三级指标", "分值", "得分"),
        ("产出指标", "婴儿死亡率", "10", "10"),
        ("合计", "", "100", "95"),
    )
    assert facts == []


# --- conflicts ---------------------------------------------------------------------------------


def test_conflicts_text_against_table_and_text_against_text() -> None:
    facts = facts_of(
        "2022年度财政拨款基本支出预算620.09万元，实际支出 620.09万元。",
        "2022年度支出预算3559.87万元，其中：基本支出预算 513.45万元；项目支出 3046.42万元。",
        "公务接待费预算66000.00元，实际支出38462.50元，共接待41批次、305人次。",
        "“三公”经费情况表（单位：元）",
        ("项目", "预算数", "决算数"),
        ("公务接待费", "66000.00", "34862.50"),
        year=2022,
    )
    flagged = {(f.metric, f.qualifier, f.value_text) for f in facts if f.conflict}
    assert flagged == {
        ("基本支出", "预算", "620.09万元"),
        ("基本支出", "预算", "513.45万元"),
        ("公务接待费", "实际", "38462.50元"),
        ("公务接待费", "决算", "34862.50"),
    }


def test_mark_conflicts_allows_rounding_repeats_and_budget_versus_final() -> None:
    table = fact("财政拨款收入", "决算", "4621.85", "万元", "46218500.00")
    text = fact("财政拨款收入", "决算", "46218540.26", "元", "46218540.26")
    budget = fact("财政拨款收入", "预算", "4500.00", "万元", "45000000.00")
    again = fact("财政拨款收入", "决算", "4621.85", "万元", "46218500.00")
    people = [fact("在职人数", None, "36", "人"), fact("在职人数", None, "36", "名")]
    marked = mark_conflicts([table, text, budget, again, *people])
    assert not any(f.conflict for f in marked)
    off = fact("在职人数", None, "38", "人")
    assert [f.conflict for f in mark_conflicts([*people, off])] == [True, True, True]


def test_a_row_named_by_a_class_cell_and_an_item_cell_is_read_under_both() -> None:
    """A 三公 table whose merged first column holds the class ("公务用车") beside the item
    ("购置费", "运行维护费") gives facts of the joint names; a spanned label with an empty
    second cell still gives its own."""
    found = facts_of(
        "单位：万元",
        ("类别", "项目", "决算数"),
        ("公务用车", "购置费", "0.00"),
        ("公务用车", "运行维护费", "4.26"),
        ("公务接待费", "", "1.92"),
    )
    named = {(f.metric, f.value_text) for f in found}
    assert (metric("公务用车运行维护费").name, "4.26") in named
    assert (metric("公务用车购置费").name, "0.00") in named
    assert (metric("公务接待费").name, "1.92") in named
