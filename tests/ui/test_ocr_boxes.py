"""Highlight boxes for a citation read by OCR, chosen from the OCR lines of the cited span
(literal lines; no PDF or OCR needed), and the library's note on a scanned report."""

from __future__ import annotations

import pytest

from assistant.results import OcrLine, OcrSummary
from ui import pdf_view, render


def _line(page: int, top: float, text: str, x0: float = 100.0, x1: float = 400.0) -> OcrLine:
    return OcrLine(page, x0, top, x1, top + 12.0, text, 0.97)


def test_a_figure_gets_a_box_over_its_own_stretch_of_the_line() -> None:
    # 10 CJK (1 em each) + "8.88" (4 × 0.55) + "万元" (2) + a final "。" (its ink, half an
    # em: the detector's box ends there) = 14.7 ems over 294 pt
    line = _line(1, 200.0, "三公经费决算支出合计8.88万元。", x0=100.0, x1=394.0)
    page, boxes = pdf_view.ocr_boxes([line], ["8.88万元"])
    assert page == 0
    assert len(boxes) == 1
    x0, top, x1, bottom = boxes[0]
    em = 294.0 / 14.7
    slack = 0.25 * 12.0  # a quarter of the line height each side
    assert x0 == pytest.approx(100.0 + 10 * em - slack)
    assert x1 == pytest.approx(100.0 + (10 + 2.2 + 2) * em + slack)
    assert (top, bottom) == (198.5, 213.5)


def test_the_page_is_the_first_holding_a_figure_and_other_pages_are_left_out() -> None:
    lines = [
        _line(2, 700.0, "一、部门基本情况"),
        _line(3, 80.0, "预算执行率95.60%，公务接待费2.10万元"),
        _line(3, 100.0, "接待批次2.10万元以内"),
        _line(4, 60.0, "另有2.10万元"),
    ]
    page, boxes = pdf_view.ocr_boxes(lines, ["2.10万元"])
    assert page == 2  # 0-based: the third page
    assert [round(b[1]) for b in boxes] == [78, 98]  # both lines on page 3, not page 4


def test_full_width_digits_and_spaces_in_the_ocr_text_still_match() -> None:
    line = _line(1, 50.0, "决算 １２.５０ 万元", x0=0.0, x1=200.0)
    _, boxes = pdf_view.ocr_boxes([line], ["12.50万元"])
    assert len(boxes) == 1
    x0, _, x1, _ = boxes[0]
    em = 200.0 / 9.65  # 决算 2 + space 0.55 + １２ 2 + . 0.55 + ５０ 2 + space 0.55 + 万元 2
    assert x0 == pytest.approx(2.55 * em - 3.0)  # just after 决算 and the space
    assert x1 == pytest.approx(200.0 + 3.0)  # through 万元 at the line's end


def test_no_figure_found_boxes_the_cited_lines_of_the_first_page() -> None:
    lines = [
        _line(5, 300.0, "绩效目标完成情况良好"),
        _line(5, 320.0, "群众满意度较高"),
        _line(6, 40.0, "下一页"),
    ]
    page, boxes = pdf_view.ocr_boxes(lines, ["99.99万元"])
    assert page == 4
    assert boxes == [(98.5, 298.5, 401.5, 313.5), (98.5, 318.5, 401.5, 333.5)]


def test_no_lines_is_an_error_not_an_empty_page() -> None:
    with pytest.raises(ValueError):
        pdf_view.ocr_boxes([], ["1.00万元"])


def test_points_become_page_fractions_clipped_to_the_page() -> None:
    box = pdf_view.to_fractions((-3.0, 421.0, 297.5, 850.0), 595.0, 842.0)
    assert box.left == 0.0 and box.top == pytest.approx(0.5)
    assert box.width == pytest.approx(0.5) and box.top + box.height == pytest.approx(1.0)


def test_library_note_names_the_ocr_pages_and_the_doubtful_lines() -> None:
    assert render.ocr_note(None) == ""
    assert render.ocr_note(OcrSummary((1, 3), 40, 2)) == "第1、3页 · 共40行，低置信度2行"
    report_headers = render.REPORT_HEADERS
    assert report_headers[report_headers.index("段数") + 1] == "扫描页（OCR）"
