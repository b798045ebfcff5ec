"""Loaders: every supported format read into blocks in order; every bad file a LoadError."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest

from index.errors import LoadError
from index.loaders import PAGE_BREAK, SUPPORTED_SUFFIXES, load_file
from index.models import CELL_SEP
from index.normalise import normalise

ROWS = [["项目", "预算数", "决算数"], ["公务接待费", "9.00", "7.88"], ["合计", "24.00", "21.36"]]


def paragraphs(doc) -> list[str]:
    return [b.text for b in doc.blocks if b.kind == "paragraph" and b.text.strip()]


def lines(doc) -> list[str]:
    norm = normalise(doc)
    return [norm.line_text(line) for line in norm.lines]


# --- text -------------------------------------------------------------------------------


def test_utf8_text_is_read_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("一、基本情况\n“三公”经费决算数为6000元。\n", encoding="utf-8")
    doc = load_file(path)
    assert doc.encoding == "utf-8"
    assert doc.format == "txt"
    assert paragraphs(doc) == ["一、基本情况", "“三公”经费决算数为6000元。"]


def test_gbk_text_with_crlf_is_decoded_without_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "gbk.TXT"
    text = "湘阴县卫生健康局\r\n2023年度部门整体支出绩效自评报告\r\n单位：万元\r\n"
    path.write_bytes(text.encode("gbk"))
    doc = load_file(path)
    assert doc.encoding == "gb18030"
    assert paragraphs(doc) == ["湘阴县卫生健康局", "2023年度部门整体支出绩效自评报告", "单位：万元"]
    assert not any("\r" in b.text for b in doc.blocks)


def test_utf8_bom_is_detected_and_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff报告正文第一行\r第二行".encode())
    doc = load_file(path)
    assert doc.encoding == "utf-8-sig"
    assert paragraphs(doc) == ["报告正文第一行", "第二行"]


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("部门整体支出绩效自评报告\n".encode("utf-16"))
    doc = load_file(path)
    assert doc.encoding == "utf-16"
    assert paragraphs(doc) == ["部门整体支出绩效自评报告"]


def test_consecutive_tab_lines_form_one_table(tmp_path: Path) -> None:
    path = tmp_path / "tabs.txt"
    body = "\n".join("\t".join(row) for row in ROWS)
    path.write_text(f"表1 三公经费\n{body}\n\t缩进的正文段落\n", encoding="utf-8")
    doc = load_file(path)
    assert [b.kind for b in doc.blocks if b.text.strip() or b.rows] == [
        "paragraph",
        "table",
        "paragraph",
    ]
    assert doc.blocks[1].rows == tuple(tuple(row) for row in ROWS)


def test_markdown_headings_and_pipe_tables(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("## 一、基本情况\n\n| 项目 | 金额 |\n|---|---|\n| 合计 | 9.00 |\n", "utf-8")
    assert lines(load_file(path)) == ["一、基本情况", "项目\t金额", "合计\t9.00"]


def test_form_feed_becomes_a_page_break(tmp_path: Path) -> None:
    path = tmp_path / "pages.txt"
    path.write_text("第一页\f第二页", encoding="utf-8")
    assert [b.text for b in load_file(path).blocks] == ["第一页", PAGE_BREAK, "第二页"]


# --- docx -------------------------------------------------------------------------------


def make_docx(path: Path, merge_first_row: bool = False) -> Path:
    document = docx.Document()
    document.add_paragraph("一、收支情况")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(ROWS):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if merge_first_row:
        table.cell(0, 1).merge(table.cell(0, 2))
    document.add_paragraph("表后的说明文字。\n第二行")
    document.save(str(path))
    return path


def test_docx_keeps_body_order_and_table_rows(tmp_path: Path) -> None:
    doc = load_file(make_docx(tmp_path / "report.docx"))
    assert doc.format == "docx"
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph", "paragraph"]
    assert lines(doc) == [
        "一、收支情况",
        "项目\t预算数\t决算数",
        "公务接待费\t9.00\t7.88",
        "合计\t24.00\t21.36",
        "表后的说明文字。",
        "第二行",
    ]
    rows = [line for line in normalise(doc).lines if line.kind == "table_row"]
    assert [(line.table, line.row) for line in rows] == [(0, 0), (0, 1), (0, 2)]


def test_docx_merged_cell_appears_once_per_row(tmp_path: Path) -> None:
    doc = load_file(make_docx(tmp_path / "merged.docx", merge_first_row=True))
    table = next(b for b in doc.blocks if b.kind == "table")
    assert len(table.rows[0]) == 2
    assert table.rows[1] == tuple(ROWS[1])
    assert CELL_SEP.join(table.rows[0]).startswith("项目\t")


def test_docx_table_of_contents_is_skipped(tmp_path: Path) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("一、基本情况\t3", style="toc 1")
    document.add_paragraph("一、基本情况")
    path = tmp_path / "toc.docx"
    document.save(str(path))
    assert lines(load_file(path)) == ["一、基本情况"]


# --- pdf --------------------------------------------------------------------------------


def make_pdf(path: Path, with_text: bool = True) -> Path:
    """A one-page PDF with a Chinese line, a ruled 3x3 table and a line after it."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=12, leading=16)
    table = Table(ROWS if with_text else [["", ""], ["", ""]])
    grid = [("FONTNAME", (0, 0), (-1, -1), "STSong-Light")]
    table.setStyle(TableStyle([*grid, ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [Paragraph("“三公”经费决算数为21.36万元。", style), Spacer(1, 12), table]
    story += [Spacer(1, 12), Paragraph("表后的说明文字。", style)]
    if not with_text:
        story = [table]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_pdf_text_and_table_in_page_order(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    doc = load_file(make_pdf(tmp_path / "report.pdf"))
    assert doc.format == "pdf"
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    assert doc.blocks[1].rows == tuple(tuple(row) for row in ROWS)
    assert lines(doc) == [
        "“三公”经费决算数为21.36万元。",
        "项目\t预算数\t决算数",
        "公务接待费\t9.00\t7.88",
        "合计\t24.00\t21.36",
        "表后的说明文字。",
    ]


def test_pdf_wrapped_paragraph_is_one_block(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=12, leading=16, wordWrap="CJK")
    long = "全年预算执行率为百分之九十九，重点项目资金全部按进度拨付到位。" * 4
    path = tmp_path / "wrapped.pdf"
    SimpleDocTemplate(str(path)).build([Paragraph(long, style), Paragraph("短的第二段。", style)])
    assert paragraphs(load_file(path)) == [long, "短的第二段。"]


def test_encrypted_pdf_asks_for_a_password(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "locked.pdf"
    canvas = Canvas(str(path), encrypt=StandardEncryption("secret"))
    canvas.drawString(100, 700, "budget 2023")
    canvas.save()
    with pytest.raises(LoadError, match="加密"):
        load_file(path)


def test_pdf_without_text_layer_or_images_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    path = make_pdf(tmp_path / "scan.pdf", with_text=False)
    with pytest.raises(LoadError, match="OCR") as caught:
        load_file(path)
    assert caught.value.file == "scan.pdf"


# --- html -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>报告_门户网站</title>
<script>var x = "脚本里的中文不应出现";</script><style>.a{color:red}</style></head><body>
<div class="top-bar">欢迎访问某某县人民政府门户网站</div>
<ul class="main-nav"><li><a href="#">首页</a></li><li><a href="#">政务公开</a></li></ul>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 正文</div>
<div class="article"><div id="zoom">
<h1>某某县民政局2023年度部门整体支出绩效自评报告</h1>
<p>一、单位基本情况</p>
<p>　　本局内设机构六个，编制三十二名，在职人数三十八人。<br/>离退休人员十四人。</p>
<table border="1"><tr><th>项目</th><th>预算数</th><th>决算数</th></tr>
<tr><td>公务接待费</td><td>9.00</td><td>7.88</td></tr>
<tr><td>合计</td><td>24.00</td><td>21.36</td></tr></table>
<p>二、存在的问题</p><p>预算编制与实际执行存在偏差，年中追加资金较多。</p>
</div><div class="share-bar">分享到微信 分享到微博</div></div>
<div class="footer"><p>主办：某某县人民政府办公室 版权所有</p></div>
</body></html>"""


def test_html_keeps_the_article_and_its_table_only(tmp_path: Path) -> None:
    path = tmp_path / "page.HTM"
    path.write_text(PAGE, encoding="utf-8")
    doc = load_file(path)
    assert (doc.format, doc.encoding) == ("html", "utf-8")
    assert lines(doc) == [
        "某某县民政局2023年度部门整体支出绩效自评报告",
        "一、单位基本情况",
        "本局内设机构六个，编制三十二名，在职人数三十八人。",
        "离退休人员十四人。",
        "项目\t预算数\t决算数",
        "公务接待费\t9.00\t7.88",
        "合计\t24.00\t21.36",
        "二、存在的问题",
        "预算编制与实际执行存在偏差，年中追加资金较多。",
    ]


def test_html_table_caption_is_kept_before_the_table(tmp_path: Path) -> None:
    path = tmp_path / "caption.html"
    table = "<table><caption>表1 收支表</caption><tr><td>收入</td><td>9.00</td></tr></table>"
    path.write_text(f"<html><body><p>正文段落。</p>{table}</body></html>", encoding="utf-8")
    assert lines(load_file(path)) == ["正文段落。", "表1 收支表", "收入\t9.00"]


def test_html_declared_gb2312_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "gb.html"
    html = '<html><head><meta charset="gb2312"></head><body><p>部门整体支出绩效自评报告</p>'
    path.write_bytes((html + "</body></html>").encode("gbk"))
    doc = load_file(path)
    assert doc.encoding == "gb18030"
    assert lines(doc) == ["部门整体支出绩效自评报告"]


def test_big5_text_is_not_read_as_gbk_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    text = "部門整體支出績效自評報告，預算執行情況良好。"
    path.write_bytes((text * 3).encode("big5"))
    doc = load_file(path)
    assert doc.encoding == "big5"
    assert paragraphs(doc) == [text * 3]


# --- failures ---------------------------------------------------------------------------


def bad_file(tmp_path: Path, kind: str) -> Path:
    random = os.urandom(2048)
    files = {
        "empty": ("empty.txt", b""),
        "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random),
        "corrupt_pdf": ("broken.pdf", b"%PDF-1.4\n" + random),
        "corrupt_docx": ("broken.docx", random),
        "xlsx": ("sheet.xlsx", b"PK\x03\x04" + random),
        "blank": ("blank.txt", " \r\n\u3000\n".encode()),
        "missing": ("missing.txt", None),
    }
    name, data = files[kind]
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("empty", "文件为空"),
        ("binary", "不是文本文件"),
        ("corrupt_pdf", "PDF"),
        ("corrupt_docx", "docx"),
        ("xlsx", "损坏"),
        ("blank", "没有任何文字"),
        ("missing", "不存在"),
    ],
)
def test_bad_files_raise_load_error_naming_the_file(tmp_path: Path, kind: str, reason: str):
    path = bad_file(tmp_path, kind)
    with pytest.raises(LoadError) as caught:
        load_file(path)
    error = caught.value
    assert error.file == path.name
    assert str(error).startswith(f"{path.name}: ")
    assert reason in error.reason
    assert "\n" not in str(error)


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("报告" * 100, encoding="utf-8")
    with pytest.raises(LoadError, match="过大"):
        load_file(path, max_bytes=100)


def test_supported_suffixes() -> None:
    assert {
        ".txt", ".md", ".docx", ".doc", ".pdf", ".html", ".htm", ".xlsx", ".xlsm", ".xls"
    } == SUPPORTED_SUFFIXES  # fmt: skip
