"""Spreadsheets: every sheet, merged cells expanded, captions, two-level headers, formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import LoadError
from index.loaders import load_file
from index.loaders.sheet import format_number
from index.models import Block
from index.normalise import normalise


def _tables(blocks: tuple[Block, ...]) -> list[tuple[tuple[str, ...], ...]]:
    return [b.rows for b in blocks if b.kind == "table"]


def _lines(blocks: tuple[Block, ...]) -> list[str]:
    return [b.text for b in blocks if b.kind == "paragraph"]


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """An invented 决算 workbook: a title and unit row, a two-level header with a vertically
    merged first column, a percent-formatted rate, an empty column and row, a second sheet."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "支出决算表"
    ws["A1"] = "白沙县林业局2023年度支出决算表"
    ws.merge_cells("A1:F1")
    ws["F2"] = "单位：万元"
    ws["A3"] = "项目"
    ws.merge_cells("A3:A4")
    ws["B3"] = "预算数"
    ws.merge_cells("B3:C3")
    ws["D3"] = "决算数"
    ws.merge_cells("D3:E3")
    ws["F3"] = "执行率"
    ws.merge_cells("F3:F4")
    ws["B4"], ws["C4"], ws["D4"], ws["E4"] = "基本支出", "项目支出", "基本支出", "项目支出"
    rows = [("合计", 812.5, 300, 790.25, 286.4, 0.9756), ("林业管理", 412.5, 120, 400.1, 118)]
    for r, values in enumerate(rows, start=5):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value).number_format = "#,##0.00"
    ws["F5"].number_format = "0.00%"
    ws["F6"] = "—"
    # row 7 and column G stay empty; a remark row closes the sheet
    ws["A8"] = "说明：本表按功能分类列示"
    ws.merge_cells("A8:F8")
    other = book.create_sheet("人员情况")
    other.append(["类别", "编制数", "实有人数"])
    other.append(["行政编制", 12, 11])
    other.append(["事业编制", 30, 28])
    path = tmp_path / "白沙县林业局2023年度决算.xlsx"
    book.save(path)
    return path


def test_xlsx_sheets_merged_cells_two_level_header_and_formats(workbook: Path) -> None:
    doc = load_file(workbook)
    lines = _lines(doc.blocks)
    assert lines[:3] == ["工作表：支出决算表", "白沙县林业局2023年度支出决算表", "单位：万元"]
    assert "说明：本表按功能分类列示" in lines
    assert "工作表：人员情况" in lines
    first, second = _tables(doc.blocks)
    assert first[0] == (
        "项目",
        "预算数·基本支出",
        "预算数·项目支出",
        "决算数·基本支出",
        "决算数·项目支出",
        "执行率",
    )
    assert first[1] == ("合计", "812.50", "300.00", "790.25", "286.40", "97.56%")
    assert first[2] == ("林业管理", "412.50", "120.00", "400.10", "118.00", "—")
    assert len(first) == 3  # the empty row is gone, the remark is a caption line
    assert second == (
        ("类别", "编制数", "实有人数"),
        ("行政编制", "12", "11"),
        ("事业编制", "30", "28"),
    )


def test_xlsx_rows_become_table_rows_with_their_header_in_the_normalised_text(
    workbook: Path,
) -> None:
    norm = normalise(load_file(workbook))
    assert "合计\t812.50\t300.00\t790.25\t286.40\t97.56%" in norm.text.splitlines()
    headers = [norm.line_text(ln) for ln in norm.lines if ln.kind == "table_row" and ln.row == 0]
    assert headers[0].startswith("项目\t预算数·基本支出")


def test_vertically_merged_label_is_copied_to_each_row(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"])
    ws.append(["产出指标", "数量指标", "造林面积", "≥500亩", "520亩"])
    ws.append([None, "质量指标", "苗木成活率", "≥85%", "91%"])
    ws.append(["效益指标", "生态效益指标", "森林覆盖率", "≥60%", "61.2%"])
    ws.merge_cells("A2:A3")
    path = tmp_path / "指标.xlsx"
    book.save(path)
    rows = _tables(load_file(path).blocks)[0]
    assert rows[2] == ("产出指标", "质量指标", "苗木成活率", "≥85%", "91%")


def test_xls_is_read_with_merges_and_formats(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("三公经费")
    sheet.write_merge(0, 0, 0, 3, "黑水县文化馆2022年度“三公”经费决算表")
    sheet.write(1, 3, "单位：元")
    for c, name in enumerate(["项目", "预算数", "决算数", "执行率"]):
        sheet.write(2, c, name)
    money = xlwt.easyxf(num_format_str="#,##0.00")
    rate = xlwt.easyxf(num_format_str="0.0%")
    sheet.write(3, 0, "公务接待费")
    sheet.write(3, 1, 12000, money)
    sheet.write(3, 2, 9876.5, money)
    sheet.write(3, 3, 0.823, rate)
    sheet.write(4, 0, "公务用车运行维护费")
    sheet.write(4, 1, 30000, money)
    sheet.write(4, 2, 28000, money)
    sheet.write(4, 3, 0.933, rate)
    path = tmp_path / "黑水县文化馆2022.xls"
    book.save(str(path))
    doc = load_file(path)
    assert doc.format == "xls"
    assert "黑水县文化馆2022年度“三公”经费决算表" in _lines(doc.blocks)
    table = _tables(doc.blocks)[0]
    assert table[1] == ("公务接待费", "12,000.00", "9,876.50", "82.3%")


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.9756, "0.00%", "97.56%"),
        (1, "0%", "100%"),
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (12.0, "General", "12"),
        (0.1 + 0.2, "General", "0.3"),
        (5.5, '0.0"万元"', "5.5万元"),
        (-3.25, "#,##0.00;[Red]-#,##0.00", "-3.25"),
    ],
)
def test_number_formats_are_applied(value: float, fmt: str, shown: str) -> None:
    assert format_number(value, fmt) == shown


def test_corrupt_xlsx_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "坏表.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook" * 10)
    with pytest.raises(LoadError) as err:
        load_file(path)
    assert "Excel" in str(err.value) and "\n" not in str(err.value)


def test_each_sheet_is_a_top_level_section(workbook: Path) -> None:
    from index.sections import build_sections

    norm = normalise(load_file(workbook))
    paths = [section.path for section in build_sections(norm)]
    assert paths == [("工作表：支出决算表",), ("工作表：人员情况",)]
