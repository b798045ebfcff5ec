"""A form's label–value rows ("项目名称 | X", "主管部门 | X | 实施单位 | Y") above its real header
row are read as text lines, so the header row heads the form's figures; the unit its label cell
writes ("项目资金（万元）") becomes the table's unit caption. Invented rows and workbook only."""

from __future__ import annotations

from pathlib import Path

from index.form_rows import form_unit_caption, label_value_line, lift_label_rows
from index.loaders import load_file
from index.normalise import normalise

FIXTURE = (
    Path(__file__).parents[1]
    / "fixtures"
    / "forms10"
    / "湖川县水务局2023年度项目支出绩效自评表.xlsx"
)


def test_label_value_rows_become_lines_and_the_header_row_stays() -> None:
    rows = [
        ("项目名称", "某某项目", "某某项目"),
        ("主管部门", "甲局", "", "实施单位", "乙站"),
        ("项目资金（万元）", "年初预算数", "全年预算数"),
        ("年度资金总额", "10.00", "12.00"),
    ]
    lines, rest = lift_label_rows(rows)
    assert lines == ["项目名称：某某项目", "主管部门：甲局；实施单位：乙站"]
    assert rest[0] == ("项目资金（万元）", "年初预算数", "全年预算数")


def test_a_header_over_figures_is_never_a_label_row() -> None:
    rows = [("项目名称", "金额"), ("办公费", "1.00")]
    assert lift_label_rows(rows) == ([], rows)
    assert label_value_line(("项目名称", "年初预算数", "全年预算数")) is None
    assert label_value_line(("收入", "支出")) is None


def test_the_label_cells_unit_is_the_tables_caption() -> None:
    header = ("项目资金（万元）", "年初预算数", "全年执行数")
    assert form_unit_caption(["项目名称：某某项目"], header) == "单位：万元"
    assert form_unit_caption(["某段文字"], header) is None  # not under a form's label lines
    assert form_unit_caption(["项目名称：X"], ("项目（万元）", "金额（元）")) is None


def test_a_workbook_form_reads_its_project_above_its_own_header() -> None:
    text = normalise(load_file(FIXTURE)).text
    lines = text.split("\n")
    at = lines.index("项目名称：湖川县河道保洁经费")
    assert lines[at + 1] == "主管部门：湖川县水务局；实施单位：湖川县河湖管护站"
    assert "单位：万元" in lines[at + 2 : at + 4]
    header = next(line for line in lines[at:] if "\t" in line)
    assert "年初预算数" in header and "河道保洁" not in header
