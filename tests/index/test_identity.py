"""Identity detection: county, department, fiscal year and document type from title lines."""

from __future__ import annotations

import pytest

from index.identity import detect_identity, merge_identity
from index.models import NormalisedText, ReportIdentity


def _norm(*lines: str) -> NormalisedText:
    return NormalisedText.from_lines([s.strip() for s in lines if s.strip()])


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            (
                "永兴县科技和工业信息化局2022年度部门整体支出绩效自评报告",
                "根据永兴县财政局《关于做好2023年度工作的通知》，现报告如下：",
                "一、单位基本情况",
            ),
            ("永兴县", "科技和工业信息化局", 2022, "部门整体支出绩效自评报告"),
        ),
        (  # title split over two lines after blank lines, cover filler after it
            (
                "",
                "",
                " 2023年度炎陵县科技和工业信息化局",
                "整体支出绩效自评报告",
                "",
                "单位名称（盖章）：",
                "（此页为封面）",
                "一、基本情况",
            ),
            ("炎陵县", "科技和工业信息化局", 2023, "部门整体支出绩效自评报告"),
        ),
        (  # attachment label first, report date (a later year) must not win
            (
                "附件2-1",
                "湘阴县卫生健康局",
                "2022年度部门整体支出绩效自评报告",
                "单位编码：305001",
                "报告日期：2023年03月17日",
                "湘阴县财政局（制）",
                "一、部门（单位）基本概况",
            ),
            ("湘阴县", "卫生健康局", 2022, "部门整体支出绩效自评报告"),
        ),
        (  # district under a prefecture city
            ("长沙市天心区民政局2023年度部门整体支出绩效自评报告", "一、单位基本情况"),
            ("天心区", "民政局", 2023, "部门整体支出绩效自评报告"),
        ),
        (  # autonomous county
            ("2023年度江华瑶族自治县交通运输局", "整体支出绩效自评报告", "一、基本情况"),
            ("江华瑶族自治县", "交通运输局", 2023, "部门整体支出绩效自评报告"),
        ),
        (  # 市 inside the department name is not a county-level city
            ("湘阴县城市管理和综合执法局2021年部门决算说明", "一、部门职责"),
            ("湘阴县", "城市管理和综合执法局", 2021, "部门决算说明"),
        ),
        (  # county-level city
            ("耒阳市财政局2021年度部门整体支出绩效自评报告",),
            ("耒阳市", "财政局", 2021, "部门整体支出绩效自评报告"),
        ),
        (
            ("郴州市永兴县教育局", "2021年部门决算"),
            ("永兴县", "教育局", 2021, "部门决算"),
        ),
        (
            ("某某旗农牧局2020年度项目支出绩效自评报告",),
            ("某某旗", "农牧局", 2020, "项目支出绩效自评报告"),
        ),
    ],
)
def test_detects_identity_from_title(lines, expected):
    ident = detect_identity(_norm(*lines))
    assert (ident.county, ident.department, ident.year, ident.doc_type) == expected


def test_undetectable_fields_are_none_not_guessed():
    ident = detect_identity(
        _norm("关于印发工作方案的通知", "一、总体要求", "全县各单位要按时完成。")
    )
    assert ident == ReportIdentity(title="关于印发工作方案的通知")


def test_year_not_taken_from_a_report_date_alone():
    ident = detect_identity(_norm("湘阴县卫生健康局", "报告日期：2023年03月17日", "一、概况"))
    assert ident.county == "湘阴县"
    assert ident.year is None


def test_overrides_win_and_year_becomes_int():
    detected = ReportIdentity(county="永兴县", department="科技和工业信息化局", year=2022)
    merged = merge_identity(detected, {"county": "炎陵县", "year": "2023", "department": ""})
    assert merged.county == "炎陵县"
    assert merged.year == 2023
    assert merged.department == "科技和工业信息化局"
