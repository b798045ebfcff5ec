"""Space-aligned plain-text tables (tables10): a caption line that carries the table's unit
("…决算表      单位：万元") above the header, and a side-by-side 总表's short rows padded by
a character count rather than by display width, are read as tables; prose with double spaces
is not."""

from __future__ import annotations

import unicodedata

from index.loaders.spaced import tab_spaced_tables


def _pad(text: str, width: int) -> str:
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * (width - used)


def test_a_caption_with_its_unit_on_the_line_above_the_header_stays_a_caption():
    lines = [
        _pad("“三公”经费支出决算表", 48) + "单位：万元",
        _pad("项目", 30) + _pad("预算数", 12) + "决算数",
        _pad("合计", 32) + _pad("7.20", 12) + "6.15",
        _pad("1.公务接待费", 32) + _pad("3.10", 12) + "2.64",
        _pad("  其中：外事接待费", 32) + _pad("0.00", 12) + "0.00",
        _pad("2.公务用车运行维护费", 32) + _pad("4.10", 12) + "3.51",
    ]
    out = tab_spaced_tables(lines)
    assert out[0] == lines[0]  # the caption (and its unit) stays a line of text
    assert out[1:] == [
        "项目\t预算数\t决算数",
        "合计\t7.20\t6.15",
        "1.公务接待费\t3.10\t2.64",
        "其中：外事接待费\t0.00\t0.00",
        "2.公务用车运行维护费\t4.10\t3.51",
    ]


def test_short_rows_padded_by_characters_land_in_the_right_hand_columns():
    def row(a: str, b: str, c: str, d: str) -> str:
        return _pad(a, 28) + _pad(b, 10) + _pad(c, 26) + d

    lines = [
        row("收入项目", "决算数", "支出项目", "决算数"),
        row("财政拨款收入", "501.20", "教育支出", "420.06"),
        row("其他收入", "8.30", "文化旅游体育与传媒支出", "61.44"),
        " " * 30 + "农林水支出" + " " * 19 + "12.90",  # padded as if one column per character
        row("本年收入合计", "509.50", "本年支出合计", "494.40"),
    ]
    out = tab_spaced_tables(lines)
    assert out[3] == "\t\t农林水支出\t12.90"
    assert out[2] == "其他收入\t8.30\t文化旅游体育与传媒支出\t61.44"


def test_prose_with_double_spaces_is_not_a_table():
    lines = [
        "本单位2023年完成巡查任务48次。  发现问题12处，  已全部整改。",
        "全年开展培训6期，  培训人员320人次。  满意度达到96%。",
        "下一步将加强预算管理。  提高资金使用效益。",
    ]
    assert tab_spaced_tables(lines) == lines
