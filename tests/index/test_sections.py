"""Heading detection and the section tree, on literal reports and on the real seed reports."""

from __future__ import annotations

import itertools

import pytest

from index.models import PATH_SEP, PREAMBLE_TITLE, NormalisedText, Section
from index.sections import build_sections, detect_headings

BODY = "本年度严格执行预算，各项工作有序推进，资金使用规范，取得了较好的社会效益和经济效益。"
TITLE = "某某县某某局2023年度部门整体支出绩效自评报告"


def path_of(norm: NormalisedText, needle: str) -> str:
    """Section path (joined) of the first line that contains ``needle``."""
    sections = build_sections(norm)
    for number, line in enumerate(norm.lines):
        if needle in norm.line_text(line):
            section = next(s for s in sections if s.first_line <= number <= s.last_line)
            return section.path_text
    raise AssertionError(f"no line contains {needle!r}")


def paths(items: list[str | tuple[str, ...]]) -> list[str]:
    """Section path of every line of a literal report, in order."""
    norm = NormalisedText.from_lines(items)
    sections = build_sections(norm)
    return [
        next(s for s in sections if s.first_line <= n <= s.last_line).path_text
        for n in range(len(norm.lines))
    ]


def j(*titles: str) -> str:
    """A section path as text."""
    return PATH_SEP.join(titles)


def test_each_heading_style_nests_by_rank() -> None:
    got = paths(
        [
            *[TITLE, BODY, "第一部分 基本情况", BODY, "一、单位概况", "（一）职能职责", BODY],
            *["1、主要职能", BODY, "（1）内设机构", BODY, "(2)人员情况", BODY, "2. 主要任务", BODY],
            *["(二)机构设置", BODY, "第二章 绩效分析", BODY],
        ]
    )
    assert got[:2] == [PREAMBLE_TITLE] * 2
    assert got[3] == "第一部分 基本情况"
    assert got[6] == j("第一部分 基本情况", "一、单位概况", "（一）职能职责")
    assert got[8] == j("第一部分 基本情况", "一、单位概况", "（一）职能职责", "1、主要职能")
    assert got[10].endswith(j("1、主要职能", "（1）内设机构"))
    assert got[12].endswith(j("1、主要职能", "(2)人员情况"))
    assert got[14] == j("第一部分 基本情况", "一、单位概况", "（一）职能职责", "2. 主要任务")
    assert got[16] == j("第一部分 基本情况", "一、单位概况", "(二)机构设置")
    assert got[18] == "第二章 绩效分析"


@pytest.mark.parametrize("marker", ["1、", "1.", "1．", "1、 "])
def test_arabic_heading_variants(marker: str) -> None:
    got = paths(["一、基本情况", f"{marker}工作目标", BODY])
    assert got[2] == j("一、基本情况", f"{marker}工作目标".rstrip())


def test_heading_records_line_level_and_span() -> None:
    norm = NormalisedText.from_lines([TITLE, "一、基本情况", "（一）职能概况", BODY])
    headings = detect_headings(norm)
    assert [(h.line, h.level, h.title) for h in headings] == [
        (1, 1, "一、基本情况"),
        (2, 2, "（一）职能概况"),
    ]
    assert all(norm.text[h.start : h.end] == h.title for h in headings)


def test_continuing_number_beats_style_rank() -> None:
    got = paths(
        [
            *["六、部门整体支出绩效情况", BODY, "七、存在的问题及原因分析", BODY],
            *[
                "8、 下一步改进措施",
                "1.统筹兼顾抓重点。重点落实依法治统要求。",
                "2.聚力攻坚破难点。",
            ],
            *["九、其他需要说明的情况", "无。"],
        ]
    )
    assert got[4:7] == ["8、 下一步改进措施"] * 3
    assert got[7:] == ["九、其他需要说明的情况"] * 2


def test_same_style_list_restarting_at_one_nests() -> None:
    items = ["六、部门整体支出绩效情况", "（三）预算管理", BODY, "（四）预算支出绩效"]
    items += [
        f"（{n}）全力推进第{n}项重点工作。2022年，全县完成目标任务，成效明显。"
        for n in "一二三四五六七"
    ]
    items += ["七、存在的主要问题", BODY]
    got = paths(items)
    outer = j("六、部门整体支出绩效情况", "（四）预算支出绩效")
    assert got[3] == outer
    assert got[4] == j(outer, "（一）全力推进第一项重点工作")
    assert got[7] == j(outer, "（四）全力推进第四项重点工作")
    assert got[10] == j(outer, "（七）全力推进第七项重点工作")
    assert got[11:] == ["七、存在的主要问题"] * 2


def test_heading_with_body_on_the_same_line() -> None:
    line = "（二）坚守“稳增长”主线，工业发展动力不断增强。2023年，全县实现规模工业总产值94.3亿元。"
    norm = NormalisedText.from_lines(
        ["六、部门整体支出绩效情况", "（一）加强党建。全年学习12次。", line]
    )
    heading = detect_headings(norm)[-1]
    assert heading.title == "（二）坚守“稳增长”主线，工业发展动力不断增强"
    assert norm.text[heading.end] == "。"
    assert heading.end < norm.lines[2].end
    assert build_sections(norm)[-1].path == ("六、部门整体支出绩效情况", heading.title)


def test_long_opening_sentence_is_not_a_heading() -> None:
    opening = "（一）贯彻执行国家和省市卫生健康工作方针政策拟订全县卫生健康事业发展规划并组织实施"
    got = paths(
        ["一、部门基本概况", f"{opening}。同时负责其他工作。", BODY, "（二）机构设置情况", BODY]
    )
    assert got[:3] == ["一、部门基本概况"] * 3
    assert got[4] == j("一、部门基本概况", "（二）机构设置情况")  # a bare title still counts


def test_adjacent_one_sentence_chinese_items_are_a_list() -> None:
    items = [
        "（一）负责全县科技发展规划。",
        "（二）负责科技项目管理。",
        "（三）完成交办的其他任务。",
    ]
    got = paths(["一、主要职能", *items, "二、机构设置", BODY])
    assert got[:4] == ["一、主要职能"] * 4
    got = paths(["一、主要工作", "（一）加强预算管理。", BODY, "（二）强化绩效评价。", BODY])
    assert got[2] == j("一、主要工作", "（一）加强预算管理")
    assert got[4] == j("一、主要工作", "（二）强化绩效评价")


def test_numbered_duty_list_stays_one_section() -> None:
    duties = [f"{n}、负责第{n}项职能，拟订相关规划、政策和标准并组织实施。" for n in range(1, 33)]
    duties[10] = "11、负责引进国外和国内智力工作。"
    duties[16] = "17、负责执法监督检查"  # short, unpunctuated, but inside the list
    duties[31] = "32、完成县委、县政府交办的其他任务。"
    got = paths(["一、单位基本情况", "（一）职能概况", *duties, "（二）机构设置情况", BODY])
    assert got[2:34] == [j("一、单位基本情况", "（一）职能概况")] * 32
    assert got[34] == j("一、单位基本情况", "（二）机构设置情况")


def test_short_sentence_list_items_are_not_headings() -> None:
    goals = ["1、工业经济保持平稳运行。", "2、主特产业实力不断壮大。", "3、完成县委交办的任务"]
    got = paths(["一、基本情况", "（2） 年度绩效目标", "本年绩效目标为：", *goals, "二、支出情况"])
    # "（2）" right under "一、" nests: continuing k-1 = 1 across styles needs k ≥ 3
    assert got[2:6] == [j("一、基本情况", "（2） 年度绩效目标")] * 4


def test_long_arabic_heading_accepted_only_when_it_continues_a_sibling() -> None:
    long_title = "部门（单位）年度整体支出绩效目标，专项资金绩效目标、其他项目支出绩效目标"
    got = paths(["一、基本情况", "（1） 部门（单位）基本情况", BODY, f"（2） {long_title}", BODY])
    assert got[4] == j("一、基本情况", f"（2） {long_title}")
    got = paths(["一、基本情况", BODY, f"（2） {long_title}", BODY])
    assert got[3] == "一、基本情况"


def test_chinese_numeral_marker_inside_a_paragraph_is_not_a_heading() -> None:
    line = "24、制定全县信息安全发展战略。（二十五）依法监督管理无线电台（站）。"
    got = paths(["一、单位基本情况", "（一）职能概况", "23、组织拟订信息化发展战略。", line])
    assert got[3] == j("一、单位基本情况", "（一）职能概况")


def test_multi_character_chinese_numerals() -> None:
    got = paths(
        [
            *["十、第十部分", BODY, "十一、第十一部分", "（二十四）第二十四项", BODY],
            *["（二十五）加强管理", BODY, "九十九、最后部分", BODY],
        ]
    )
    assert got[2] == "十一、第十一部分"
    assert got[6] == j("十一、第十一部分", "（二十五）加强管理")
    assert got[8] == "九十九、最后部分"


def test_unnumbered_headings_nest_under_numbered_and_replace_each_other() -> None:
    got = paths(
        [
            *["六、部门整体支出绩效情况", "（一）预算配置", BODY, "收支预算情况", BODY],
            *["三公经费预算情况", BODY, "（二）预算执行", BODY],
        ]
    )
    base = j("六、部门整体支出绩效情况", "（一）预算配置")
    assert got[4] == j(base, "收支预算情况")
    assert got[6] == j(base, "三公经费预算情况")
    assert got[8] == j("六、部门整体支出绩效情况", "（二）预算执行")


def test_one_cell_per_line_table_fragments_are_not_headings() -> None:
    cells = ["部门（单位）名称", "某某县卫生健康局", "人员编制", "58", "实有人数", "88"]
    got = paths(["一、部门基本概况", *cells, "年度总体运行情况", BODY, "项目", "预算执行情况"])
    assert got == ["一、部门基本概况"] * 11


@pytest.mark.parametrize(
    ("before", "candidate", "after"),
    [
        (BODY, "项目支出情况", "无。"),  # the next line is no body
        (BODY, "收支决算情况表", BODY),  # a table caption
        (BODY, "2022年预算执行情况", BODY),  # digits
        (BODY, "收支预算，执行情况", BODY),  # punctuation
        (BODY, "全县工业企业发展势头良好", BODY),  # no heading word at the end
        ("本年度进一步健全制度体系规范资金使用切实提高单位整体支出", "绩效管理", BODY),  # wrap
    ],
)
def test_unnumbered_heading_negatives(before: str, candidate: str, after: str) -> None:
    got = paths(["一、基本情况", before, candidate, after])
    assert got[2] == "一、基本情况"


def test_table_rows_are_never_headings() -> None:
    got = paths(["一、基本情况", BODY, ("一、合计", "100"), ("（一）基本支出", "60"), BODY])
    assert got == ["一、基本情况"] * 5


def test_title_before_numbered_headings_is_preamble() -> None:
    got = paths([TITLE, "部门整体支出绩效自评情况", BODY, "一、基本情况", BODY])
    assert got[:3] == [PREAMBLE_TITLE] * 3
    assert build_sections(NormalisedText.from_lines(["一、基本情况", BODY]))[0].first_line == 0


def assert_partition(norm: NormalisedText, sections: tuple[Section, ...]) -> None:
    """Sections are contiguous runs covering every line once, with matching offsets."""
    assert sections[0].first_line == 0
    assert sections[-1].last_line == len(norm.lines) - 1
    for a, b in itertools.pairwise(sections):
        assert b.first_line == a.last_line + 1
    for s in sections:
        assert s.start == norm.lines[s.first_line].start
        assert s.end == norm.lines[s.last_line].end


def test_seed_000_sections(load_seed) -> None:
    norm = load_seed("000_a88a5bf1eb6788ed.txt")
    assert_partition(norm, build_sections(norm))
    perf = "六、部门整体支出绩效情况"
    assert path_of(norm, "在职人数控制率105.9") == j("一、单位基本情况", "（三）人员配置情况")
    assert path_of(norm, "2022年公用经费实际支出43.05万元") == j(perf, "（三）预算管理")
    assert path_of(norm, "5G基站") == j(
        perf, "（四）预算支出绩效", "（四）全力推进社会治理体系现代化建设"
    )
    assert path_of(norm, "三公经费”预算为2") == j(perf, "（一）预算配置", "三公经费预算情况")
    assert path_of(norm, "全力保障工业经济平稳运行") == j(
        perf, "（四）预算支出绩效", "（一）全力保障工业经济平稳运行"
    )
    assert path_of(norm, "32、完成县委") == j("一、单位基本情况", "（一）职能概况")
    assert path_of(norm, "永兴县科技和工业信息化局2022年度部门整体") == PREAMBLE_TITLE


def test_seed_002_sections(load_seed) -> None:
    norm = load_seed("002_58ccd0ccaa51294c.txt")
    sections = build_sections(norm)
    assert_partition(norm, sections)
    assert path_of(norm, "统筹兼顾抓重点") == "8、 下一步改进措施"
    assert path_of(norm, "规模工业总产值94.3亿元") == j(
        "六、部门整体支出绩效情况", "（二）坚守“稳增长”主线，工业发展动力不断增强"
    )
    assert path_of(norm, "无其他需要说明的情况") == "九、绩效自评结果及其他需要说明的情况"
    assert path_of(norm, "整体支出绩效自评报告") == PREAMBLE_TITLE
    assert all(len(s.path) <= 2 for s in sections)


def test_a_table_of_contents_does_not_nest_the_body_under_its_last_entry():
    items = [
        "东岭县水务局2023年度部门决算说明",
        "目　录",
        "第一部分　部门概况……2",
        "第二部分　部门决算表……4",
        "第三部分　情况说明……9",
        "第一部分　部门概况",
        "一、主要职能",
        BODY,
        "第二部分　部门决算表",
        "收入支出决算总表",
        "第三部分　情况说明",
        "一、收入支出决算总体情况说明",
        BODY,
    ]
    got = paths(items)
    assert got[7] == j("第一部分　部门概况", "一、主要职能")
    assert got[12] == j("第三部分　情况说明", "一、收入支出决算总体情况说明")
    assert "第三部分　情况说明……9" not in got[12]
