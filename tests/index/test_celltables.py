"""Tables exported one cell per line (blank line between cells) are rebuilt into table blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.loaders import load_file
from index.loaders.celltables import fit_rows, is_caption, is_numeric_cell
from index.loaders.text import text_blocks
from index.models import Block
from index.normalise import normalise

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLE = SHARED / "corpus" / "synthetic" / "syn_xiangyin_wjj_2023.txt"
SAMPLE_SOURCE = SHARED / "eval" / "synthetic_source" / "syn_xiangyin_wjj_2023.source.txt"

BUDGET = [
    ["项目", "预算数", "执行数"],
    ["收入合计", "1200.00", "1180.50"],
    ["一般公共预算", "1000.00", "995.20"],
    ["政府性基金", "200.00", "185.30"],
]
INDICATORS = [
    ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"],
    ["产出指标", "数量指标", "新建公厕数量", "≥20座", "22座", "20", "20"],
    ["产出指标", "质量指标", "验收合格率", "100%", "100%", "20", "20"],
    ["产出指标", "时效指标", "当年完工率", "≥90%", "85.5%", "20", "15"],
    ["效益指标", "社会效益", "群众投诉下降", "≥10%", "12.4%", "20", "20"],
    ["满意度指标", "服务对象满意度", "群众满意度", "≥90%", "94.1%", "20", "20"],
    ["合计", "", "", "", "", "100", "95"],
]


def one_per_line(cells: list[str]) -> str:
    """Cells the way a Word plain-text export writes them: one blank line between two cells,
    so an empty cell adds two more blank lines."""
    return "\n\n".join(cells)


def flat(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row]


def tables(blocks: list[Block]) -> list[tuple[tuple[str, ...], ...]]:
    return [block.rows for block in blocks if block.kind == "table"]


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks if block.kind == "paragraph" and block.text.strip()]


def as_rows(rows: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in rows)


def test_three_column_budget_table_after_its_caption() -> None:
    text = "\n".join(
        [
            "（一）收支情况",
            "2023年收入1180.50万元，详见下表。",
            "收支预算执行表（单位：万元）",
            "",
            one_per_line(flat(BUDGET)),
            "",
            "（二）支出情况",
            "全年支出1150.00万元。",
        ]
    )
    blocks = text_blocks(text)
    assert tables(blocks) == [as_rows(BUDGET)]
    table_at = next(i for i, block in enumerate(blocks) if block.kind == "table")
    assert [b.text for b in blocks[:table_at] if b.text][-1] == "收支预算执行表（单位：万元）"
    assert texts(blocks[table_at:]) == ["（二）支出情况", "全年支出1150.00万元。"]


def test_crlf_text_and_a_separate_unit_line() -> None:
    text = "收支预算执行表\r\n\r\n单位：万元\r\n\r\n" + one_per_line(flat(BUDGET)).replace(
        "\n", "\r\n"
    )
    blocks = text_blocks(text)
    assert tables(blocks) == [as_rows(BUDGET)]
    assert texts(blocks) == ["收支预算执行表", "单位：万元"]


def test_empty_top_left_header_cell() -> None:
    rows = [["", "预算数", "决算数"], ["收入", "100.00", "90.00"], ["支出", "80.00", "70.00"]]
    text = "收支情况表（单位：万元）\n\n" + one_per_line(flat(rows))
    assert "（单位：万元）\n\n\n\n预算数" in text
    assert tables(text_blocks(text)) == [as_rows(rows)]


def test_seven_column_indicator_table_with_empty_cells_in_the_total_row() -> None:
    text = "附件\n\n某局2023年度部门整体支出绩效评价指标表\n\n" + one_per_line(flat(INDICATORS))
    assert "合计\n\n\n\n\n\n\n\n\n\n100" in text  # four empty cells: 1 + 2 × 4 blank lines
    blocks = text_blocks(text + "\n\n- 6 -\n")
    assert tables(blocks) == [as_rows(INDICATORS)]
    assert texts(blocks)[-1] == "- 6 -"


def test_table_broken_by_a_page_number_line_is_one_table() -> None:
    cells = flat(BUDGET)
    text = "\n\n".join(
        ["收支预算执行表（单位：万元）", one_per_line(cells[:7]), "- 2 -", one_per_line(cells[7:])]
    )
    blocks = text_blocks(text + "\n\n二、下一步工作\n")
    assert tables(blocks) == [as_rows(BUDGET)]
    assert "- 2 -" not in texts(blocks)


def test_header_row_repeated_after_the_page_break_is_dropped() -> None:
    cells = flat(BUDGET)
    after_break = one_per_line(cells[:3] + cells[6:])
    text = "\n\n".join(
        ["收支预算执行表（单位：万元）", one_per_line(cells[:6]), "- 2 -", "续表", after_break]
    )
    assert tables(text_blocks(text)) == [as_rows(BUDGET)]


def test_page_number_followed_by_prose_ends_the_table() -> None:
    text = "\n\n".join(
        ["收支预算执行表（单位：万元）", one_per_line(flat(BUDGET)), "- 2 -", "（二）支出情况"]
    )
    blocks = text_blocks(text)
    assert tables(blocks) == [as_rows(BUDGET)]
    assert texts(blocks)[-2:] == ["- 2 -", "（二）支出情况"]


def test_markdown_input_is_rebuilt_too() -> None:
    text = "## 收支预算执行表（单位：万元）\n\n" + one_per_line(flat(BUDGET)) + "\n"
    blocks = text_blocks(text, markdown=True)
    assert tables(blocks) == [as_rows(BUDGET)]
    assert texts(blocks) == ["收支预算执行表（单位：万元）"]


def test_blank_line_separated_paragraphs_after_a_caption_stay_paragraphs() -> None:
    paragraphs = [
        "绩效目标完成情况表",
        "本表反映全年主要绩效指标的完成情况。",
        "一是强化组织领导",
        "二是完善制度建设",
        "三是加强监督检查",
        "四是抓好整改落实",
        "2023年共完成项目12个，总投资3650.00万元；项目按期完工。",
    ]
    text = "\n\n".join(paragraphs)
    blocks = text_blocks(text)
    assert not tables(blocks)
    assert texts(blocks) == paragraphs
    short_items = "\n\n".join(paragraphs[:1] + paragraphs[2:6] + ["5", "6", "7", "8"])
    assert not tables(text_blocks(short_items))  # no header row, no columns


def test_short_items_without_consistent_columns_stay_paragraphs() -> None:
    items = [
        "项目名称", "春耕补助", "实施地点", "全县12个乡镇", "资金规模", "300万元",
        "受益对象", "种粮农户", "完成情况", "已全部兑付", "资金来源", "县级财政",
    ]  # fmt: skip
    assert not tables(text_blocks("项目基本情况表\n\n" + one_per_line(items)))
    mixed = [
        "道路硬化", "12.5公里", "路灯安装", "350盏", "绿化提质", "已完成",
        "污水管网", "2.3公里", "验收合格", "农村改厕", "120户", "长效管护",
    ]  # fmt: skip
    assert not tables(text_blocks("主要工作任务表\n\n" + one_per_line(mixed)))


def test_no_caption_no_table() -> None:
    text = "一、基本情况\n\n" + one_per_line(flat(BUDGET))
    assert not tables(text_blocks(text))


def test_cells_a_column_count_cannot_explain_stay_paragraphs() -> None:
    cells = flat(BUDGET)[:-1]  # one cell short and nothing says it was empty
    assert not tables(text_blocks("收支预算执行表（单位：万元）\n\n" + one_per_line(cells)))
    assert fit_rows(cells) is None
    assert fit_rows(cells, trail=1) == [*BUDGET[:-1], [*BUDGET[-1][:2], ""]]


def test_irregular_gap_ends_the_run() -> None:
    cells = flat(BUDGET)
    text = "收支预算执行表\n\n" + one_per_line(cells[:5]) + "\n\n\n" + one_per_line(cells[5:])
    assert not tables(text_blocks(text))


def test_fit_prefers_the_column_count_with_a_text_header() -> None:
    rows = [["项目", "金额"], ["甲", "1.00"], ["乙", "2.00"], ["丙", "3.00"], ["丁", "4.00"]]
    assert fit_rows(flat(rows[:1] + rows[1:] * 2)) == rows[:1] + rows[1:] * 2  # not 4 columns


@pytest.mark.parametrize(
    ("cell", "numeric"),
    [
        ("66000.00", True), ("1,234.50", True), ("≥75%", True), ("≤4.5‰", True),
        ("＞90%", True), ("4.35万人", True), ("≤12/10万", True), ("-3.2", True),
        ("项目支出", False), ("65岁及以上老年人健康管理人数", False), ("2型糖尿病", False),
    ],
)  # fmt: skip
def test_numeric_cells(cell: str, numeric: bool) -> None:
    assert is_numeric_cell(cell) is numeric


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("收支决算情况表（单位：元）", True), ("“三公”经费情况表（单位：元）", True),
        ("某局2023年度部门整体支出绩效评价指标表", True), ("单位：万元", True),
        ("表2 项目支出明细", True), ("填报单位：某县财政局", False),
        ("主要绩效指标完成情况见附件《绩效评价指标表》。", False), ("（二）基本支出情况", False),
    ],
)  # fmt: skip
def test_captions(line: str, caption: bool) -> None:
    assert is_caption(line) is caption


@pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared sample not present")
def test_shared_sample_tables_are_rebuilt() -> None:
    norm = normalise(load_file(SAMPLE))
    rows = [norm.line_text(line) for line in norm.lines if line.kind == "table_row"]
    assert "公务接待费\t66000.00\t34862.50" in rows
    assert "收入合计\t63500000.00\t71236548.62" in rows
    assert "合计\t\t\t\t\t100\t95" in rows
    progress = [row for row in rows if "项目资金第三季度末支出进度" in row]
    assert progress == ["产出指标\t时效指标\t项目资金第三季度末支出进度\t≥75%\t62.3%\t10\t5"]
    assert len({line.table for line in norm.lines if line.kind == "table_row"}) == 3
    assert "收支决算情况表（单位：元）" in norm.text.splitlines()
    if SAMPLE_SOURCE.is_file():  # the expected reading holds the same cells, one per line
        source = SAMPLE_SOURCE.read_text(encoding="utf-8").splitlines()
        for cell in progress[0].split("\t"):
            assert cell in source
        assert source.index("66000.00") == source.index("公务接待费") + 2


def test_pipe_closed_cells_one_per_line_are_rebuilt() -> None:
    piped = "\n".join(f"{cell} |" if cell else "|" for cell in flat(INDICATORS))
    text = "\n".join(["绩效指标完成表", piped, "（三）存在的问题", "个别项目进度偏慢。"])
    blocks = text_blocks(text)
    assert tables(blocks) == [as_rows(INDICATORS)]
    assert texts(blocks)[-2:] == ["（三）存在的问题", "个别项目进度偏慢。"]


def test_pipe_closed_lines_that_fit_no_columns_stay_paragraphs() -> None:
    text = "\n".join(
        ["工作要点表", "加强宣传 |", "规范管理 |", "强化督查 |", "狠抓落实 |", "1 |", "总结 |"]
    )
    assert tables(text_blocks(text)) == []


def test_bare_cells_one_per_line_are_rebuilt_with_the_merged_total_row() -> None:
    # copy-pasted from a web page: every cell on its own line, nothing between them, and the
    # merged label cells of the total row written once
    cells = [c for c in flat(INDICATORS) if c]
    text = "\n".join(["四、项目绩效指标完成情况表", *cells, "", "五、下一步打算", "加快进度。"])
    blocks = text_blocks(text)
    assert tables(blocks) == [as_rows(INDICATORS)]
    assert texts(blocks)[-2:] == ["五、下一步打算", "加快进度。"]


def test_bare_short_lines_without_columns_stay_paragraphs() -> None:
    lines = ["完善制度", "加强培训", "规范采购", "强化监督", "压实责任", "狠抓落实", "及时整改"]
    text = "\n".join(["整改措施表", *lines, "", "六、其他", "无。"])
    blocks = text_blocks(text)
    assert tables(blocks) == []
    assert "完善制度" in texts(blocks)
