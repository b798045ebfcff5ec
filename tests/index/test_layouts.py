"""Reports in layouts the tuning reports do not use (issue 9): invented documents in
tests/fixtures/layouts read into whole paragraphs, right section paths, tables with their
header and unit, and no page or site furniture."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from index.chunking import chunk_report
from index.loaders import load_file
from index.loaders.unruled import Cell, find_tables
from index.models import Block, LoadedDocument, NormalisedText
from index.normalise import normalise
from index.sections import build_sections
from tests.fixtures.layouts import pdf_report

LAYOUTS = Path(__file__).resolve().parents[1] / "fixtures" / "layouts"


def _read(path: Path) -> tuple[NormalisedText, list]:
    norm = normalise(load_file(path))
    return norm, list(chunk_report("r", norm, build_sections(norm)))


def _lines(norm: NormalisedText) -> list[str]:
    return [norm.line_text(line) for line in norm.lines]


def _table(norm: NormalisedText, first_cell: str) -> list[list[str]]:
    """The rows of the table whose header row starts with ``first_cell``."""
    rows = [line for line in norm.lines if line.kind == "table_row"]
    start = next(ln for ln in rows if ln.row == 0 and norm.line_text(ln).startswith(first_cell))
    return [norm.line_text(ln).split("\t") for ln in rows if ln.table == start.table]


# --- a text-layer PDF --------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[NormalisedText, list]:
    pytest.importorskip("reportlab")
    folder = tmp_path_factory.mktemp("layouts")
    return _read(pdf_report.build(folder / "松溪县水务局2023.pdf"))


def test_pdf_paragraphs_with_a_first_line_indent_are_whole(pdf) -> None:
    lines = _lines(pdf[0])
    duties = next(line for line in lines if line.startswith("本局负责"))
    assert duties.endswith("四个内设机构。")  # wrapped lines joined, nothing glued after it
    assert "（二）人员情况" in lines and "2.项目支出" in lines


def test_pdf_sentence_cut_by_a_page_break_is_one_line(pdf) -> None:
    norm, chunks = pdf
    assert pdf_report.LONG_SENTENCE in _lines(norm)
    [chunk] = [c for c in chunks if pdf_report.LONG_SENTENCE in c.text]
    assert chunk.section_path[-2:] == ("2.项目支出", "（1）河道整治")


def test_pdf_page_furniture_is_dropped(pdf) -> None:
    text = pdf[0].text
    assert "第 2 页" not in text and "共 3 页" not in text
    assert text.count(pdf_report.HEADER) <= 1  # the first copy may stand as a title


def test_pdf_table_continued_over_a_page_is_one_table_with_caption_and_header(pdf) -> None:
    norm, chunks = pdf
    rows = _table(norm, "项目\t年初预算数")
    assert rows == pdf_report.BUDGET_ROWS  # repeated header row on page 2 dropped
    pieces = [c for c in chunks if c.kind == "table" and "年初预算数" in c.text]
    assert len(pieces) > 1
    for piece in pieces:  # every piece carries the unit caption and the header row
        assert "单位：万元" in piece.text and "项目\t年初预算数\t调整后预算数\t决算数" in piece.text


def test_pdf_table_without_ruling_lines_is_read_as_a_table(pdf) -> None:
    norm, chunks = pdf
    assert _table(norm, "项目\t预算数") == pdf_report.THREE_PUBLIC
    [piece] = [c for c in chunks if "公务用车运行维护费\t8.40\t7.72" in c.text]
    assert piece.kind == "table" and piece.text.startswith("单位：万元\n项目\t预算数\t决算数")


def test_pdf_wide_table_cells_wrapped_on_two_lines_are_whole(pdf) -> None:
    rows = _table(pdf[0], "一级指标")
    assert rows == pdf_report.INDICATORS


def test_pdf_three_line_table_with_right_aligned_figures(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    norm, _ = _read(pdf_report.build_three_line(tmp_path / "three.pdf"))
    assert _table(norm, "项目") == pdf_report.ECONOMIC_ROWS
    assert _lines(norm)[-1] == "资本性支出主要用于购置执法记录仪等设备。"


def test_unruled_runs_need_a_header_and_consistent_columns() -> None:
    def line(*cells: tuple[str, float]) -> tuple[Cell, ...]:
        return tuple(Cell(text, x, x + 9 * len(text)) for text, x in cells)

    table = [
        line(("项目", 100), ("金额", 300)),
        line(("办公费", 100), ("3.20", 300)),
        line(("印刷费", 100), ("1.10", 300)),
    ]
    rows = [["项目", "金额"], ["办公费", "3.20"], ["印刷费", "1.10"]]
    assert find_tables(table) == [(0, 3, rows)]
    prose = [line(("本年度", 100), ("完成", 300)), line(("目标", 100), ("良好", 300))] * 2
    assert find_tables(prose) == []  # no numeric column
    crowded = [*table[:2], line(("印刷费", 100), ("1.10", 110), ("2.0", 120))]
    assert find_tables(crowded) == []  # two cells in one column: not columns


def _paged(*pages: list[Block]) -> LoadedDocument:
    blocks: list[Block] = []
    for i, page in enumerate(pages):
        if i:
            blocks.append(Block.paragraph("\f"))
        blocks.extend(page)
    return LoadedDocument(file="x.pdf", format="pdf", blocks=tuple(blocks))


def test_a_page_break_joins_only_an_open_sentence() -> None:
    body = "全年共完成农田水利设施维修任务，累计投入资金三百余万元，惠及沿线"
    doc = _paged(
        [Block.paragraph("一、基本情况"), Block.paragraph(body, open_end=True)],
        [Block.paragraph("群众两千余户。"), Block.paragraph("水利建设助力乡村产业发展", False)],
        [Block.paragraph("结合本地实际推进灌区改造。"), Block.paragraph(body + "。", True)],
        [Block.paragraph("（二）下一步工作")],
    )
    assert _lines(normalise(doc)) == [
        "一、基本情况",
        body + "群众两千余户。",
        "水利建设助力乡村产业发展",  # stopped short of the margin: a heading, not cut prose
        "结合本地实际推进灌区改造。",
        body + "。",
        "（二）下一步工作",
    ]


# --- an HTML portal page -----------------------------------------------------------------


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> tuple[NormalisedText, list]:
    folder = tmp_path_factory.mktemp("portal")
    return _read(Path(shutil.copy(LAYOUTS / "portal_page.html", folder / "桃江县文旅局.html")))


def test_portal_page_keeps_the_article_and_its_title_only(html) -> None:
    norm, _ = html
    lines = _lines(norm)
    assert lines[0] == "桃江县文化旅游局2022年度部门决算公开说明"
    for noise in ("当前位置", "首页", "网站标识码", "备案号", "分享到", "打印本页", "浏览次数"):
        assert noise not in norm.text
    assert "\xa0" not in norm.text and "&nbsp;" not in norm.text


def test_portal_page_br_lines_and_strong_headings(html) -> None:
    norm, chunks = html
    assert "离退休人员19人。" in _lines(norm)  # a <br>-separated line is a line of its own
    [chunk] = [c for c in chunks if "实有在职人员37人" in c.text]
    assert chunk.section_path == ("一、部门基本情况", "（一）机构设置")


def test_portal_table_two_header_rows_read_as_one(html) -> None:
    norm, chunks = html
    assert _table(norm, "项目\t2022") == [
        ["项目", "2022年度预算数", "2022年度决算数", "2021年度预算数", "2021年度决算数"],
        ["基本支出", "1,020.00", "1,005.63", "968.40", "960.12"],
        ["项目支出", "1,310.00", "1,292.82", "1,150.00", "1,121.57"],
        ["合计", "2,330.00", "2,298.45", "2,118.40", "2,081.69"],
    ]
    [piece] = [c for c in chunks if "1,292.82" in c.text]
    assert piece.text.startswith("单位：万元\n项目\t2022年度预算数")


def test_portal_table_merged_first_column_and_spanned_label(html) -> None:
    assert _table(html[0], "类别") == [
        ["类别", "项目", "决算数（万元）"],
        ["公务用车", "购置费", "0.00"],
        ["公务用车", "运行维护费", "4.26"],
        ["公务接待费", "", "1.92"],  # spans the two label columns: the figure stays in its own
    ]


# --- Word and Markdown -------------------------------------------------------------------


def test_docx_header_merged_over_two_columns_heads_both(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、预算执行情况")
    document.add_paragraph("单位：万元")
    grid = [
        ["项目", "2023年", "", "2022年", ""],
        ["", "预算数", "决算数", "预算数", "决算数"],
        ["基本支出", "650.00", "642.18", "610.00", "603.44"],
        ["合计", "1470.00", "1432.69", "1310.00", "1291.64"],
    ]
    table = document.add_table(rows=4, cols=5)
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(0, 3).merge(table.cell(0, 4))
    table.cell(0, 0).merge(table.cell(1, 0))
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert _table(normalise(load_file(path)), "项目") == [
        ["项目", "2023年预算数", "2023年决算数", "2022年预算数", "2022年决算数"],
        grid[2],
        grid[3],
    ]


def test_docx_title_row_across_the_table_becomes_its_caption(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    grid = [["", "", ""], ["项目", "预算数", "决算数"], ["办公费", "3.00", "2.80"]]
    grid.append(["合计", "3.00", "2.80"])
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(0, 2)).text = "表3 公用经费明细表（单位：万元）"
    path = tmp_path / "title.docx"
    document.save(str(path))
    norm = normalise(load_file(path))
    assert _lines(norm)[0] == "表3 公用经费明细表（单位：万元）"
    assert _table(norm, "项目") == grid[1:]


def test_markdown_emphasis_and_links_are_dropped_in_text_and_cells(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text(
        "## 一、**收支**情况\n\n详见[附表](a.html)，`单位：万元`。\n\n"
        "| 项目 | 决算数 |\n|---|---:|\n| 办公费 | 2.80 |\n| **合计** | *2.80* |\n",
        encoding="utf-8",
    )
    norm = normalise(load_file(path))
    assert _lines(norm) == [
        "一、收支情况",
        "详见附表，单位：万元。",
        "项目\t决算数",
        "办公费\t2.80",
        "合计\t2.80",
    ]


def test_gbk_text_with_crlf_and_full_width_indents_keeps_its_sections(tmp_path: Path) -> None:
    text = (
        "澄江县民政局2021年度部门整体支出绩效自评报告\r\n\r\n一、部门支出情况\r\n"
        "\u3000\u3000（一）基本支出\r\n\u3000\u3000基本支出决算386.25万元，比上年增长3.10%。\r\n"
        "\u3000\u3000（二）项目支出\r\n\u3000\u3000城乡低保资金发放2,450.60万元。\r\n"
    )
    path = tmp_path / "gbk.txt"
    path.write_bytes(text.encode("gbk"))
    norm, chunks = _read(path)
    assert "\u3000" not in norm.text and "\r" not in norm.text
    [chunk] = [c for c in chunks if "2,450.60万元" in c.text]
    assert chunk.section_path == ("一、部门支出情况", "（二）项目支出")


# --- headings marked by the document's markup, not numbered in the text -----------------


def _paths(norm: NormalisedText, *texts: str) -> list[tuple[str, ...]]:
    sections = build_sections(norm)
    found = []
    for text in texts:
        at = norm.text.index(text)
        found.append(next(s.path for s in sections if s.start <= at < s.end))
    return found


def test_word_heading_styles_without_numbers_open_sections(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("云溪县自然资源局2023年度部门整体支出绩效自评报告")
    document.add_heading("部门概况", level=1)
    document.add_paragraph("本局内设综合股、国土空间规划股等六个股室。")
    document.add_heading("预算执行", level=1)
    document.add_heading("支出明细", level=2)
    document.add_paragraph("单位：万元")
    table = document.add_table(rows=3, cols=3)
    grid = [["项目", "预算数", "决算数"], ["不动产登记", "80.00", "76.50"]]
    grid.append(["耕地保护", "120.00", "118.40"])
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_heading("存在的问题", level=1)
    document.add_paragraph("部分项目支出进度偏慢。")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    norm, chunks = _read(path)
    assert _paths(norm, "六个股室", "耕地保护", "进度偏慢") == [
        ("部门概况",),
        ("预算执行", "支出明细"),
        ("存在的问题",),
    ]
    [table_chunk] = [c for c in chunks if "耕地保护" in c.text]
    assert table_chunk.kind == "table" and table_chunk.text.startswith("单位：万元\n项目")


def test_html_and_markdown_subheadings_without_numbers_open_sections(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><div class='article'><h1>某县某局2023年度部门决算说明</h1>"
        "<h2>部门概况</h2><p>本局设三个股室，在职人员二十人，负责全县相关工作。</p>"
        "<h2>支出情况</h2><h3>基本支出</h3><p>基本支出决算120.00万元，主要用于人员工资。</p>"
        "</div></body></html>",
        encoding="utf-8",
    )
    norm = normalise(load_file(page))
    assert _paths(norm, "三个股室", "主要用于人员工资") == [
        ("部门概况",),
        ("支出情况", "基本支出"),
    ]
    md = tmp_path / "r.md"
    md.write_text(
        "# 某县某局2023年度部门决算说明\n\n## 部门概况\n\n本局设三个股室。\n\n"
        "## 支出情况\n\n### 基本支出\n\n基本支出决算120.00万元。\n",
        encoding="utf-8",
    )
    norm = normalise(load_file(md))
    assert _paths(norm, "三个股室", "基本支出决算") == [("部门概况",), ("支出情况", "基本支出")]


def test_pdf_header_cells_merged_across_columns_head_each(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.lib import colors
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    grid = [
        ["项目", "2023年", "", "2022年", ""],
        ["", "预算数", "决算数", "预算数", "决算数"],
        ["基本支出", "650.00", "642.18", "610.00", "603.44"],
        ["项目支出", "820.00", "790.51", "700.00", "688.20"],
    ]
    style = [("FONTNAME", (0, 0), (-1, -1), "STSong-Light")]
    style += [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("SPAN", (1, 0), (2, 0))]
    style += [("SPAN", (3, 0), (4, 0)), ("SPAN", (0, 0), (0, 1))]
    path = tmp_path / "spans.pdf"
    SimpleDocTemplate(str(path)).build([Table(grid, style=TableStyle(style))])
    assert _table(normalise(load_file(path)), "项目") == [
        ["项目", "2023年预算数", "2023年决算数", "2022年预算数", "2022年决算数"],
        grid[2],
        grid[3],
    ]


def test_a_first_data_row_of_labels_is_not_taken_for_a_second_header_row() -> None:
    doc = LoadedDocument(
        file="x.docx",
        format="docx",
        blocks=(
            Block.table(
                [
                    ["指标", "目标", "", "完成"],
                    ["满意度", "较高", "高", "良好"],
                    ["及时性", "及时", "及时", "及时"],
                ]
            ),
        ),
    )
    assert _lines(normalise(doc))[0] == "指标\t目标\t\t完成"


# --- plain text hard-wrapped at a fixed width ----------------------------------------------


def test_text_hard_wrapped_at_a_fixed_width_is_rejoined(tmp_path: Path) -> None:
    """A .txt export that wrapped every line at one width cuts a figure from its unit
    ("12,406.18" / "万元"); such lines are rejoined, headings and indented paragraphs are not."""
    text = "\n".join(
        [
            "莲花县教育局2022年度部门整体支出绩效自评报告",
            "",
            "一、部门基本情况",
            "    本局负责全县教育事业发展规划和基础教育管理，下辖中小学校四",
            "十二所，在校学生三万一千余人，在职教职工二千六百余人，全年组织",
            "教师培训八十余场次。",
            "二、预算执行情况",
            "    2022年度支出决算总额18,652.30万元，其中基本支出12,406.18",
            "万元，项目支出6,246.12万元，预算执行率97.42%。",
            "    下一段落另起一行。",
        ]
    )
    path = tmp_path / "wrapped.txt"
    path.write_text(text, encoding="gb18030")
    assert _lines(normalise(load_file(path)))[1:] == [
        "一、部门基本情况",
        "本局负责全县教育事业发展规划和基础教育管理，下辖中小学校四十二所，在校学生三万一千余人，"
        "在职教职工二千六百余人，全年组织教师培训八十余场次。",
        "二、预算执行情况",
        "2022年度支出决算总额18,652.30万元，其中基本支出12,406.18万元，项目支出6,246.12万元，"
        "预算执行率97.42%。",
        "下一段落另起一行。",
    ]


def test_text_with_whole_paragraph_lines_is_left_as_it_is(tmp_path: Path) -> None:
    lines = ["一、基本情况", "本局内设三个股室", "二、支出情况", "基本支出决算120.00万元"]
    path = tmp_path / "plain.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert _lines(normalise(load_file(path))) == lines
