"""Scanned PDFs: pages without a text layer are read by OCR, page by page, with geometry.

The scans are made here: invented report text drawn into a page image with a CJK font (no
text layer), saved as PDF. Skipped with a clear reason when no CJK font is installed
(scripts/test.sh installs fonts-wqy-zenhei).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from index.errors import LoadError
from index.identity import detect_identity
from index.loaders import load_file
from index.normalise import normalise
from index.pipeline import locate_ocr_lines

pytestmark = pytest.mark.slow

_FONT_GLOBS = ("**/wqy-zenhei.tt*", "**/wqy-microhei.tt*", "**/NotoSansCJK*", "**/NotoSerifCJK*")
_DPI = 150
_TITLE = ["白水县农业农村局", "2023年度部门整体支出绩效自评报告"]
_BODY = [
    "一、部门基本情况",
    "2023年度部门预算收入1,234.56万元，支出决算1,180.20万元，",
    "预算执行率95.60%。",
    "二、“三公”经费情况",
]
_TABLE = [
    ("项目", "预算数", "决算数"),
    ("公务接待费", "3.50", "2.80"),
    ("公务用车运行维护费", "12.00", "10.45"),
    ("合计", "15.50", "13.25"),
]


def _cjk_font() -> Path | None:
    for root in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
        for pattern in _FONT_GLOBS:
            found = sorted(root.glob(pattern)) if root.exists() else []
            if found:
                return found[0]
    return None


@pytest.fixture(scope="module")
def page_image():
    """An A4 page at 150 dpi with a title, two paragraphs and an unruled three-column table."""
    font_path = _cjk_font()
    if font_path is None:
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-zenhei): cannot draw a scan")
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    big = ImageFont.truetype(str(font_path), 44)
    body = ImageFont.truetype(str(font_path), 32)
    y = 150
    for line in _TITLE:
        width = draw.textlength(line, font=big)
        draw.text(((1240 - width) / 2, y), line, font=big, fill="black")
        y += 80
    y += 40
    for line in _BODY:
        draw.text((150, y), line, font=body, fill="black")
        y += 60
    y += 20
    for row in _TABLE:
        for x, cell in zip((150, 600, 900), row, strict=True):
            draw.text((x, y), cell, font=body, fill="black")
        y += 60
    return image


def _image_pdf(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=_DPI)
    return out.getvalue()


def test_scanned_pdf_figures_lines_and_table_are_recovered(tmp_path: Path, page_image) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_image_pdf(page_image))
    pages: list[tuple[int, int]] = []
    doc = load_file(path, progress=lambda done, total: pages.append((done, total)))
    assert pages[-1] == (1, 1)
    norm = normalise(doc)
    for figure in ("1,234.56万元", "1,180.20万元", "95.60%"):
        assert figure in norm.text
    tables = [b.rows for b in doc.blocks if b.kind == "table"]
    assert tables, "the aligned rows should be read as a table"
    assert ("公务接待费", "3.50", "2.80") in tables[0]
    assert ("合计", "15.50", "13.25") in tables[0]
    # every OCR line keeps its page, a box inside the page (points) and a confidence
    assert doc.ocr and {line.page for line in doc.ocr} == {1}
    for line in doc.ocr:
        assert 0 <= line.x0 < line.x1 <= 596 and 0 <= line.top < line.bottom <= 842
        assert 0 < line.confidence <= 1
    located = locate_ocr_lines(norm, doc.ocr)
    figure_line = next(o for o in located if "1,234.56" in o.text)
    assert norm.text[figure_line.start : figure_line.end] == figure_line.text
    identity = detect_identity(norm, file_name=path.name)
    assert (identity.county, identity.department, identity.year) == ("白水县", "农业农村局", 2023)


def test_mixed_pdf_reads_text_pages_and_ocrs_only_the_scanned_page(
    tmp_path: Path, page_image
) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    pdf.setFont("STSong-Light", 14)
    pdf.drawString(72, 760, "白水县农业农村局2023年度部门整体支出绩效自评报告（文字页）")
    pdf.drawString(72, 730, "本页有文字层，在职人员28人。")
    pdf.showPage()
    pdf.drawImage(ImageReader(page_image), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()
    path = tmp_path / "mixed.pdf"
    path.write_bytes(out.getvalue())
    doc = load_file(path)
    text = normalise(doc).text
    assert "在职人员28人" in text and "1,234.56万元" in text
    assert {line.page for line in doc.ocr} == {2}
    assert doc.pages == 2


def test_image_only_pdf_without_any_text_is_one_clear_error(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "blank-scan.pdf"
    path.write_bytes(_image_pdf(Image.new("RGB", (620, 877), "white")))
    with pytest.raises(LoadError) as err:
        load_file(path)
    message = str(err.value)
    assert "OCR" in message and "blank-scan.pdf" in message and "\n" not in message
