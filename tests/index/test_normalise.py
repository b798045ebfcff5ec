"""Normalisation: clean lines, exact spans, tables kept, page furniture and artifacts gone."""

from __future__ import annotations

import pytest

from index.loaders import PAGE_BREAK
from index.models import Block, LoadedDocument, NormalisedText
from index.normalise import clean_cell, clean_line, is_furniture_line, normalise


def doc(*blocks: str | list[list[str]], fmt: str = "txt") -> LoadedDocument:
    """A loaded document from strings (paragraphs) and lists of rows (tables)."""
    made = [Block.paragraph(b) if isinstance(b, str) else Block.table(b) for b in blocks]
    return LoadedDocument(file="r." + fmt, format=fmt, blocks=tuple(made))


def texts(norm: NormalisedText) -> list[str]:
    return [norm.line_text(line) for line in norm.lines]


def test_bookmark_artifact_glued_to_a_heading_is_removed() -> None:
    norm = normalise(doc("[bookmark: _GoBack]五、社会保险基金预算支出情况", "[bookmark: _Toc123]"))
    assert texts(norm) == ["五、社会保险基金预算支出情况"]


@pytest.mark.parametrize(
    "line",
    ["- 3 -", "— 3 —", "-3-", "－ 12 －", "第3页", "第 3 页 共 10 页", "3 / 10", "Page 2 of 9"],
)
def test_page_number_lines_are_dropped(line: str) -> None:
    assert texts(normalise(doc("正文第一段。", line, "正文第二段。"))) == [
        "正文第一段。",
        "正文第二段。",
    ]


def test_numbers_that_are_content_are_kept() -> None:
    norm = normalise(doc("实有人数", "88", "2023", [["合计", "3"], ["- 1 -", "10 / 3"]]))
    assert texts(norm) == ["实有人数", "88", "2023", "合计\t3", "- 1 -\t10 / 3"]


@pytest.mark.parametrize(
    "line",
    [
        "单位名称（盖章）：",
        "（此页为封面）",
        "填报人：",
        "联系电话：  ",
        "填报人：____ 联系电话：",
        "年 月 日",
        "目录",
    ],
)
def test_empty_cover_fields_are_dropped(line: str) -> None:
    kept = texts(normalise(doc(line, "一、基本情况……………3", "一、基本情况")))
    assert kept == ["一、基本情况"]


def test_cover_fields_with_values_and_lead_ins_are_kept() -> None:
    lines = [
        "单位名称（盖章）：湘阴县卫生健康局",
        "联系电话：0730-1234567",
        "单位：万元",
        "主要职责：",
    ]
    assert texts(normalise(doc(*lines))) == lines


def test_chinese_punctuation_and_full_width_characters_are_kept_exactly() -> None:
    line = "“三公”经费：１２万元（含公务接待费）；比上年下降5%！"
    assert texts(normalise(doc(f"\u3000\u3000{line}\xa0 "))) == [line]


def test_inner_whitespace_is_collapsed_and_blank_lines_dropped() -> None:
    norm = normalise(doc("表1  2022年度\t收支情况表", "   ", "\u3000", "a\u200bb"))
    assert texts(norm) == ["表1 2022年度 收支情况表", "ab"]


def test_every_line_is_its_exact_span() -> None:
    norm = normalise(
        doc("标题", [["项目", "金额"], ["", ""], ["合计", "9.00"]], "一、基本情况\n正文。")
    )
    assert norm.text == "标题\n项目\t金额\n合计\t9.00\n一、基本情况\n正文。"
    for line in norm.lines:
        span = norm.text[line.start : line.end]
        assert span == norm.line_text(line)
        assert span and "\n" not in span
    assert [line.kind for line in norm.lines] == ["text", "table_row", "table_row", "text", "text"]


def test_cells_are_cleaned_and_wrapped_chinese_rejoined() -> None:
    assert clean_cell(" 一般公共预算财政拨\n款收入 ") == "一般公共预算财政拨款收入"
    assert clean_cell("9732.18\n万元") == "9732.18万元"
    assert clean_cell("Total\nincome") == "Total income"
    assert clean_cell("[bookmark: x]合计\t") == "合计"
    assert clean_line("\u3000 a \u3000 b ") == "a b"


def test_adjacent_tables_of_different_width_stay_separate() -> None:
    norm = normalise(doc([["a", "b"], ["1", "2"]], [["x", "y", "z"], ["7", "8", "9"]]))
    rows = [(line.table, line.row) for line in norm.lines]
    assert rows == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_table_continued_after_a_page_break_is_one_table_without_repeated_header() -> None:
    header = ["项目", "金额"]
    norm = normalise(
        doc([header, ["甲", "1"]], "- 1 -", PAGE_BREAK, [header, ["乙", "2"]], fmt="pdf")
    )
    assert texts(norm) == ["项目\t金额", "甲\t1", "乙\t2"]
    assert {line.table for line in norm.lines} == {0}


def paged(header: str, pages: int, footer: str = "- {n} -") -> LoadedDocument:
    blocks: list[str] = []
    for n in range(1, pages + 1):
        blocks += [header, "单位：万元", f"本页是第{n}页。", "正文。", footer.format(n=n)]
        blocks.append(PAGE_BREAK)
    return doc(*blocks[:-1], fmt="pdf")


def test_running_header_on_every_page_is_dropped_but_first_copy_kept() -> None:
    lines = texts(normalise(paged("某某县交通运输局2023年度整体支出绩效自评报告", 4)))
    assert lines.count("某某县交通运输局2023年度整体支出绩效自评报告") == 1
    assert lines[0] == "某某县交通运输局2023年度整体支出绩效自评报告"
    assert lines.count("单位：万元") == 4  # a recurring line that is not a running header
    assert not any(line.startswith("- ") for line in lines)


def test_bare_page_counters_are_dropped_only_when_they_count_pages() -> None:
    lines = texts(normalise(paged("页眉文字内容", 3, footer="{n}")))
    assert not any(line.isdigit() for line in lines)
    single = texts(normalise(doc("正文", "12", "正文二", fmt="pdf")))
    assert single == ["正文", "12", "正文二"]


def test_running_header_beside_page_numbers_in_plain_text_is_dropped() -> None:
    blocks = []
    for n in range(1, 5):
        blocks += [f"第{n}部分正文。", f"- {n} -", "湘阴县卫生健康局绩效自评报告"]
    lines = texts(normalise(doc(*blocks)))
    assert lines.count("湘阴县卫生健康局绩效自评报告") == 0
    assert lines[:2] == ["第1部分正文。", "第2部分正文。"]


def test_a_line_seen_twice_is_not_a_running_header() -> None:
    lines = texts(normalise(paged("只出现两次的页眉", 2)))
    assert lines.count("只出现两次的页眉") == 2


def test_furniture_predicate() -> None:
    assert is_furniture_line("- 1 -")
    assert is_furniture_line("（此页为封面）")
    assert not is_furniture_line("一、基本情况")
    assert not is_furniture_line("3 / 2")


def test_a_header_written_with_spaces_above_a_table_becomes_its_first_row() -> None:
    # a PDF text layer that lost the header's cells, and a page break before the rows
    rows = [["及时率", "100%", "98%", "10", "9.5"], ["合计", "", "", "100", "95.5"]]
    norm = normalise(doc("表2 绩效指标完成表", "指标 目标值 完成值 分值 得分", PAGE_BREAK, rows))
    assert "指标\t目标值\t完成值\t分值\t得分" in texts(norm)
    assert "指标 目标值 完成值 分值 得分" not in texts(norm)


@pytest.mark.parametrize(
    "line",
    ["全年 共计 完成", "说明 如下", "指标 2023 目标"],  # words of another count, or a year
)
def test_a_spaced_line_that_is_no_header_stays_as_written(line: str) -> None:
    norm = normalise(doc(line, [["及时率", "100%", "98%", "10"]]))
    assert line in texts(norm)
