"""Planted disagreements and near misses over invented reports (tests/fixtures/trap12: 望江县
林业局's 2022 决算说明 and 2023 自评报告, 泸溪县文化旅游广电局's 2023 自评报告).

Planted: a 三公 total whose listed parts (text and table) add up to less; a table's 合计 row
that its rows do not give; a 完成预算 rate and a project's 执行率 that their amounts do not
give; a growth rate against a named last-year amount that the amounts do not give; a list of
projects closed by "以上三个项目…实际支出合计" that its lines do not give; the staff count
stated twice. Consistent figures (收入 with 其他收入, 支出 = 基本 + 项目, a drop of 10.82 %) must
draw no warning. Near misses: a per-head figure, another project's rate. Questions are ours.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import absent_detail, derived, prose_sums, table_sums
from tests.conftest import ask_offline, index_folder

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "trap12"
WJ22 = (REPORTS / "望江县林业局2022年度部门决算说明.txt").read_text(encoding="utf-8")
WJ23 = (REPORTS / "望江县林业局2023年度部门整体支出绩效自评报告.txt").read_text(encoding="utf-8")
LX23 = (REPORTS / "泸溪县文化旅游广电局2023年度部门整体支出绩效自评报告.txt").read_text(
    encoding="utf-8"
)


# -- units: no index -------------------------------------------------------------------------


def _sums(text: str) -> dict[str, prose_sums.Sum]:
    return {s.total.label: s for s in prose_sums.sums(text)}


def test_a_complete_split_that_falls_short_of_its_total_disagrees():
    found = _sums(WJ22)["三公经费支出"]
    assert found.whole and not found.agrees
    assert [p.quantity.raw for p in found.parts] == ["0万元", "4.92万元", "1.20万元"]


def test_a_partial_list_that_falls_short_is_no_disagreement():
    found = _sums(WJ22)["政府采购支出"]
    assert not found.whole and found.agrees  # 货物 + 服务; 工程 may simply be nil


def test_a_residual_part_makes_the_list_whole_and_consistent_sums_agree():
    sums = _sums(LX23)
    assert sums["部门收入"].whole and sums["部门收入"].agrees  # 其他收入 closes the list
    assert sums["部门支出"].agrees and _sums(WJ22)["支出"].agrees


def test_a_list_closed_by_its_sum_line_is_checked_per_kind_of_amount():
    sums = _sums(WJ23)
    assert sums["以上三个项目全年预算合计"].agrees
    spent = sums["以上三个项目实际支出合计"]
    assert not spent.agrees and spent.added == 13253000


def test_a_list_that_is_not_the_whole_is_never_judged():
    text = "2023年度项目支出300.00万元，其中：防汛物资采购180.00万元，堤防维修150.00万元。"
    (found,) = prose_sums.sums(text)
    assert not found.whole and found.agrees


def test_a_change_or_a_bracketed_sub_part_is_not_a_listed_part():
    text = (
        "本年支出合计500.00万元，其中基本支出200.00万元（人员经费150.00万元），"
        "项目支出300.00万元，比上年增加20.00万元。"
    )
    (found,) = prose_sums.sums(text)
    assert [p.quantity.raw for p in found.parts] == ["200.00万元", "300.00万元"]
    assert found.agrees


def test_a_total_row_named_by_what_it_totals_is_the_tables_total():
    assert table_sums._TOTAL.match("“三公”经费合计")
    assert table_sums._TOTAL.match("合计") and not table_sums._TOTAL.match("公务接待费")


def test_a_stated_total_is_not_added_to_its_own_parts():
    quotes = [("以上三个项目全年预算合计1,400.00万元，实际支出合计1,352.30万元", "[2]")]
    named = [derived.Input(q, "[2]") for q in derived.find_quantities(quotes[0][0]) if q.is_money]
    assert derived.stated_total(named, quotes)


def test_a_per_head_figure_is_not_answered_by_a_total():
    assert absent_detail.per_head("人均办公经费多少", "机关运行经费支出48.36万元")
    assert absent_detail.per_head("what is the per-capita spending", "支出76.40万元")
    assert not absent_detail.per_head("人均办公经费多少", "人均办公经费0.82万元")
    assert not absent_detail.per_head("办公经费多少", "机关运行经费支出48.36万元")


def test_another_projects_line_does_not_answer_the_named_project():
    line = "（二）公共文化场馆免费开放项目：全年预算150.00万元，实际支出150.00万元，执行率100%"
    assert absent_detail.other_project("泸溪文旅局送戏下乡项目执行率多少", line) == "送戏下乡"
    own = "（一）送戏下乡项目：全年预算80.00万元，实际支出76.40万元"
    assert absent_detail.other_project("泸溪文旅局送戏下乡项目执行率多少", own) is None
    assert absent_detail.other_project("三个项目实际支出合计多少", line) is None


# -- end to end over the invented reports ----------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "trap12-index", **chroma_settings())


def _cited(answer) -> str:
    return "\n".join(c.text for c in answer.citations)


def _warned(answer, *words: str) -> bool:
    return any(all(w in x for w in words) for x in answer.warnings)


@pytest.mark.parametrize(
    "question",
    ["望江县林业局2022年“三公”经费是多少？", "望江林业局22年三公经费花了多少钱"],
)
def test_a_total_whose_parts_fall_short_is_answered_with_both_sums(service, question):
    answer = ask_offline(service, question)
    assert "6.42" in answer.answer and "6.12" in answer.answer
    assert "不一致" in answer.answer
    assert _warned(answer, "6.12", "6.42")


@pytest.mark.parametrize(
    "question",
    [
        "望江林业局2022年三公经费各项加起来等于合计吗",
        "Do the parts of the three public expenses of Wangjiang Forestry Bureau in 2022 "
        "add up to the total?",
    ],
)
def test_asked_sum_check_over_text_and_table(service, question):
    answer = ask_offline(service, question)
    assert "0.00 + 0.00 + 4.92 + 1.20 = 6.12" in answer.answer  # the table's rows
    assert "与合计行8.00万元一致" in answer.answer  # the budget column agrees
    assert "相差0.30万元" in answer.answer
    assert "6.42" in _cited(answer)


def test_a_tables_total_row_that_its_rows_do_not_give(service):
    answer = ask_offline(service, "望江林业局2022年支出决算表合计数跟各项加起来对得上吗")
    assert "1560.40 + 165.20 + 106.55 = 1832.15" in answer.answer
    assert "1,823.15" in answer.answer and "不一致" in answer.answer
    assert _warned(answer, "1,823.15")


@pytest.mark.parametrize(
    "question",
    [
        "望江林业局2023年各项目实际支出加起来跟合计对得上吗",
        "Do the three projects' actual spending figures of Wangjiang Forestry Bureau in 2023 "
        "add up to the stated total?",
    ],
)
def test_a_project_list_against_its_closing_sum(service, question):
    answer = ask_offline(service, question)
    assert "452.40 + 571.80 + 301.10 = 1,325.30" in answer.answer
    assert "1,352.30" in answer.answer and "不一致" in answer.answer
    assert "1,400.00万元一致" in answer.answer  # the budgets add up
    assert _warned(answer, "1,325.30", "1,352.30")


def test_the_listed_total_is_never_added_to_a_part(service):
    answer = ask_offline(service, "望江县林业局2023年三个项目实际支出合计多少？")
    assert "1832.30" not in answer.answer and "1,832.30" not in answer.answer
    assert "1,352.30" in answer.answer and "1,325.30" in answer.answer
    assert _warned(answer, "1,325.30", "1,352.30")


@pytest.mark.parametrize(
    "question",
    [
        "By what percentage did Wangjiang Forestry Bureau's spending grow in 2023?",
        "望江林业局2023年实际支出较上年增长多少",
    ],
)
def test_a_growth_rate_against_a_named_last_year_amount(service, question):
    answer = ask_offline(service, question)
    assert "12.60%" in answer.answer and "9.73%" in answer.answer
    assert "640.20" not in answer.answer.splitlines()[0]  # the next sentence's 基本支出
    assert _warned(answer, "12.60%", "2,010.50", "1,832.15")


@pytest.mark.parametrize(
    "question",
    [
        "望江县林业局2022年一般公共预算财政拨款支出完成年初预算的百分之几？",
        "望江林业局2022年财政拨款预算执行率97.30%对吗",
    ],
)
def test_a_completion_rate_its_amounts_do_not_give(service, question):
    answer = ask_offline(service, question)
    assert "97.30%" in answer.answer and "94.71%" in answer.answer
    assert _warned(answer, "97.30%", "94.71%")


def test_a_projects_rate_its_amounts_do_not_give(service):
    answer = ask_offline(service, "望江县林业局2023年国有林场改革项目执行率是多少？")
    assert "92.30%" in answer.answer and "95.30%" in answer.answer
    assert _warned(answer, "92.30%", "95.30%")


@pytest.mark.parametrize(
    "question",
    ["望江县林业局2022年在职人员有多少人？", "How many staff did Wangjiang Forestry Bureau have "
     "at the end of 2022?"],
)  # fmt: skip
def test_the_staff_count_stated_twice(service, question):
    answer = ask_offline(service, question)
    assert "58人" in answer.answer and "56人" in answer.answer
    assert _warned(answer, "58人", "56人")


@pytest.mark.parametrize(
    "question",
    [
        "泸溪县文旅局2023年收入合计多少",
        "泸溪文旅局2023年支出合计多少",
        "泸溪县文旅局2023年三公经费下降了百分之几",
        "望江县林业局2022年支出比上年增长了多少",
        "望江县林业局2022年政府采购支出多少",
        "望江县林业局2023年森林防火项目执行率",
    ],
)
def test_consistent_figures_draw_no_warning(service, question):
    answer = ask_offline(service, question)
    assert not [w for w in answer.warnings if "不一致" in w or "对不上" in w], answer.warnings


def test_consistent_prose_sum_asked_is_confirmed(service):
    answer = ask_offline(service, "泸溪文旅局2023年支出合计和基本支出、项目支出对得上吗")
    assert "420.30 + 778.00 = 1,198.30" in answer.answer and "一致" in answer.answer
    assert not answer.warnings


@pytest.mark.parametrize(
    "question",
    [
        "望江县林业局2023年人均经费是多少？",
        "望江县林业局2022年人均办公经费多少",
        "What was the per-capita spending of Luxi culture and tourism bureau in 2023?",
    ],
)
def test_a_per_head_figure_the_report_never_gives_is_refused(service, question):
    answer = ask_offline(service, question, refused=True)
    assert "48.36" not in answer.answer and "76.40" not in answer.answer


def test_another_projects_rate_does_not_answer_the_named_project(service):
    """送戏下乡 states no rate: its own is worked out from its budget and spending (76.40 ÷
    80.00), never another project's stated rate."""
    answer = ask_offline(service, "泸溪县文旅局2023年送戏下乡项目执行率多少")
    assert "100%" not in answer.answer and "80.00%" not in answer.answer
    assert "95.50%" in answer.answer.splitlines()[0]


@pytest.mark.parametrize(
    "question",
    [
        "望江县林业局2023年因公出国（境）费多少？",
        "望江林业局23年公务接待费花了多少",
        "望江县林业局2023年退耕还林项目花了多少钱？",
        "泸溪县文旅局2023年非遗保护项目支出多少",
    ],
)
def test_a_part_or_project_the_report_does_not_split_out_is_refused(service, question):
    answer = ask_offline(service, question, refused=True)
    assert "5.86" not in answer.answer.split("最接近")[0]


@pytest.mark.parametrize(
    "question",
    [
        "望江县林业局2021年三公经费多少",
        "宁远县林业局2023年三公经费多少",
        "望江县水利局2023年三公经费多少",
    ],
)
def test_a_year_county_or_body_not_indexed_is_refused(service, question):
    answer = ask_offline(service, question, refused=True)
    assert "索引中没有" in answer.answer


def test_items_after_the_parts_that_make_the_total_are_no_disagreement():
    text = (
        "2023年度支出决算1,247.10万元，其中基本支出86.52万元，项目支出1,160.58万元，"
        "年末结转结余15.26万元。"
    )
    (found,) = prose_sums.sums(text)
    assert found.agrees


def test_words_describing_which_project_are_no_projects_name():
    shown = "主要包括：农村公路提质改造项目586.40万元，危桥改造项目143.60万元"
    assert absent_detail.other_project("项目支出多少，最大的项目是什么", shown) is None
    assert absent_detail.other_project("哪些项目没完成", shown) is None


def test_a_whole_list_followed_by_an_item_of_its_own_agrees():
    text = "收入合计500.00万元，其中财政拨款收入450.00万元，其他收入50.00万元，年初结转20.00万元。"
    (found,) = prose_sums.sums(text)
    assert found.whole and found.agrees
