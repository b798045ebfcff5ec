"""A figure and what it is checked against, found wherever the report states them for the same
thing, over invented reports (tests/fixtures/scopes): a project whose 执行率 sentence has its
全年预算 in the sentence before and its amounts again in a 资金执行情况表 合计 row; a bureau in
元 whose adjusted budget stands in another section than its 预算执行率; a GBK 决算说明 whose
收支总表 is lined up with spaces, whose text gives 年末结转和结余 another value than the table
and which marks its own year's total "2022年度". Every question is in words of our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.statements import statements
from index.loaders.spaced import line_cells, tab_spaced_tables
from tests.conftest import ask_offline, index_folder

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "scopes"


# -- units: no index -------------------------------------------------------------------------


def test_a_space_aligned_table_becomes_tab_separated_rows_with_its_blank_cells():
    lines = [
        "收入支出决算总表",
        "单位：万元",
        "收入项目            决算数    支出项目          决算数",
        "财政拨款收入        310.20    一般公共服务支出  280.75",
        "                              卫生健康支出       29.45",
        "本年收入合计        310.20    本年支出合计      310.20",
        "说明：本表按部门汇总。",
    ]
    out = tab_spaced_tables(lines)
    assert out[:2] == lines[:2] and out[-1] == lines[-1]
    assert out[2] == "收入项目\t决算数\t支出项目\t决算数"
    assert out[4] == "\t\t卫生健康支出\t29.45"  # the income side ended: two empty cells
    assert out[5].split("\t") == ["本年收入合计", "310.20", "本年支出合计", "310.20"]


def test_prose_and_single_gaps_are_no_columns():
    assert [c.text for c in line_cells("第二部分\u3000部门决算表")] == ["第二部分\u3000部门决算表"]
    assert [c.text for c in line_cells("Annual report 2023")] == ["Annual report 2023"]
    prose = ["一、主要职能", "负责全县统计调查  和普查工作。", "二、机构设置"]
    assert tab_spaced_tables(prose) == prose  # no numeric column: not a table


def test_plain_amount_columns_of_a_final_accounts_table_are_final_amounts():
    header = "单位：万元\n收入\t金额\t支出\t金额\n"
    rows = (
        "本年收入合计\t905.10\t本年支出合计\t870.40\n年初结转和结余\t12.30\t年末结转和结余\t46.00\n"
    )
    settled = statements(f"表一 收入支出决算总表\n{header}{rows}")
    carried = [s for s in settled if s.label == "年末结转和结余"]
    assert [(s.family, str(s.quantity.value)) for s in carried] == [("actual", "46.00")]
    planned = statements(f"表一 收入支出预算总表\n{header}{rows}")
    assert not [s for s in planned if s.label == "年末结转和结余"]  # a budget's 金额 is no 决算


# -- end to end over the invented reports ----------------------------------------------------


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "scopes-index", **chroma_settings())


_ask = ask_offline


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["溪口县水务局乡村供水提升工程的预算执行率", "溪口县乡村供水提升工程资金执行率是多少"],
)
def test_a_rate_is_checked_against_the_budget_of_the_sentence_before_or_its_table_row(
    service, question
):
    answer = _ask(service, question)
    assert "94.20%" in answer.answer
    assert "92.00%" in answer.answer  # 883.20 ÷ 960.00, shown as a calculation
    assert any("对不上" in w and "92.00%" in w for w in answer.warnings)


@pytest.mark.slow
def test_a_rate_in_yuan_is_checked_against_an_adjusted_budget_in_another_section(service):
    answer = _ask(service, "溪口县林业局23年预算执行了百分之多少")
    assert "97.60%" in answer.answer
    assert "96.00%" in answer.answer  # 9264000.00 ÷ 9650000.00
    assert "9650000.00元" in answer.answer


@pytest.mark.slow
def test_a_project_rate_uses_its_own_paragraph_and_a_right_rate_stays_quiet(service):
    wrong = _ask(service, "溪口县林业局森林防火项目预算执行率")
    assert "94.00%" in wrong.answer and "94.00%" in " ".join(wrong.warnings)
    assert "1500000.00元" in wrong.answer  # the 全年 budget, not the 年初 one
    right = _ask(service, "溪口县林业局林木良种补助项目的预算执行率")
    assert "95.00%" in right.answer
    assert not any("对不上" in w and "95.00%" in w for w in right.warnings)


@pytest.mark.slow
def test_a_table_cell_of_a_space_aligned_total_table_and_its_other_statement(service):
    answer = _ask(service, "溪口县统计局2023年决算总表里年末结转和结余多少")
    assert "42.96" in answer.answer
    assert "24.96万元" in answer.answer  # the text says otherwise: both shown
    assert any("42.96" in w and "24.96" in w for w in answer.warnings)


@pytest.mark.slow
def test_a_figure_marked_with_the_year_before_that_equals_the_own_years_total(service):
    answer = _ask(service, "溪口统计局2022年本年支出合计是多少")
    assert "609.29万元" in answer.answer
    assert "不能当作2022年的数字" in answer.answer
    assert any("609.29" in w and "2023年之误" in w for w in answer.warnings)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "figure"),
    [
        (
            "What did Xikou forestry bureau spend on official receptions in 2022, according to "
            "its 2023 report?",
            "28600.00元",
        ),
        ("根据溪口县林业局2023年报告，2022年公务用车运行维护费决算是多少", "61200.00元"),
    ],
)
def test_a_year_without_a_report_read_in_the_next_years_report_it_names(service, question, figure):
    answer = _ask(service, question)
    assert figure in answer.answer


@pytest.mark.slow
def test_a_side_by_side_row_leads_with_the_group_asked(service):
    answer = _ask(service, "溪口统计局23年年末结转和结余有多少")
    lead, quoted = answer.answer.split("\n")[:2]
    assert "42.96" in lead and "31.45" not in lead
    assert "「年末结转和结余：决算数 42.96万元；年初结转和结余：决算数 31.45万元」" in quoted


@pytest.mark.slow
def test_an_own_years_total_that_the_text_marks_with_the_year_before(service):
    answer = _ask(service, "溪口统计局23年本年支出合计多少")
    assert "609.29万元" in answer.answer
    assert any("2022年" in w and "2023年之误" in w for w in answer.warnings)
