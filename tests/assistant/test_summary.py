"""Questions naming no county over many reports: a ranked summary from the fact table."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

COUNTIES = [
    "云岭县", "石门县", "青川县", "松溪县", "柳林县", "桃源县", "梅山县", "竹溪县",
    "杏坛县", "枫桥县", "兰溪县", "榕江县", "樟木县", "槐荫县", "柏乡县",
]  # fmt: skip


def _report(county: str, year: int, final: Decimal | None) -> str:
    """A small invented report; ``final`` None leaves the “三公”经费 figure out."""
    lines = [
        f"{year}年度{county}林业局",
        "整体支出绩效自评报告",
        "（测试用虚构报告，所有数字均为编造。）",
        "一、一般公共预算支出情况",
        "（一）基本支出情况",
        f"{year}年基本支出1200000.00元，其中：人员经费1000000.00元，公用经费200000.00元。",
    ]
    if final is not None:
        lines += [
            "（二）“三公”经费情况",
            f"{year}年“三公”经费预算90000.00元，决算{final:.2f}元，全部为公务接待费。",
        ]
    lines += ["二、部门整体支出绩效情况", "全年完成造林0.5万亩，森林抚育1200亩。"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory, embeddings):
    """15 counties' 2023 reports (two without the figure) and one 2022 report."""
    from assistant.factory import build_service
    from assistant.settings import load_settings

    folder = tmp_path_factory.mktemp("many")
    figures: dict[str, Decimal] = {}
    for i, county in enumerate(COUNTIES):
        final = None if i in (3, 9) else Decimal(11000 + 3517 * i) + Decimal("0.25")
        if final is not None:
            figures[county] = final
        (folder / f"{county}2023.txt").write_text(_report(county, 2023, final), encoding="utf-8")
    (folder / "云岭县2022.txt").write_text(
        _report("云岭县", 2022, Decimal("99999.00")), encoding="utf-8"
    )
    service = build_service(
        load_settings(data_dir=tmp_path_factory.mktemp("data")), embeddings=embeddings
    )
    outcomes = service.ingest([folder])
    assert all(o.status == "added" for o in outcomes), [o.message for o in outcomes]
    return service, figures


def test_no_county_question_over_many_reports_is_a_ranked_summary(many) -> None:
    service, figures = many
    answer = service.ask("2023年各单位三公经费一共花了多少？")
    text = answer.answer
    assert not answer.refused
    assert answer.meta.get("mode") == "summary"
    assert "共 15 份报告：13 份报告列出了" in text
    assert "2 份报告中未找到该数字" in text
    total = sum(figures.values()) / Decimal(10_000)
    assert f"合计 {total:.2f}万元" in text
    assert "比较" in text
    ranked = re.findall(r"^\d+\. (\S+?)林业局2023年度：决算([\d.]+)万元", text, re.M)
    expected = sorted(figures, key=figures.get, reverse=True)[:10]  # type: ignore[arg-type]
    assert [county for county, _ in ranked] == expected
    top = figures[expected[0]]
    assert ranked[0][1] == f"{top / Decimal(10_000):.2f}"
    # every listed figure is cited, and the citation holds the figure as written
    assert len(answer.citations) == 10
    first = answer.citations[0]
    assert f"{top:.2f}" in first.text
    assert "2022" not in text  # the year filter held: the 2022 report is not summed or listed


def test_a_question_naming_a_county_is_answered_as_before(many) -> None:
    service, figures = many
    answer = service.ask("石门县2023年三公经费花了多少？")
    assert answer.meta.get("mode") != "summary"
    assert f"{figures['石门县']:.2f}" in answer.answer


def test_few_reports_are_quoted_not_summarised(tmp_path: Path, make_service) -> None:
    folder = tmp_path / "few"
    folder.mkdir()
    for county in COUNTIES[:3]:
        (folder / f"{county}.txt").write_text(
            _report(county, 2023, Decimal("12345.60")), encoding="utf-8"
        )
    service = make_service()
    service.ingest([folder])
    answer = service.ask("2023年三公经费花了多少？")
    assert answer.meta.get("mode") != "summary"
    assert answer.answer.count("12345.60") >= 1


def test_refusal_over_many_reports_summarises_the_list(many) -> None:
    service, _ = many
    answer = service.ask("2030年三公经费花了多少？")
    assert answer.refused
    assert "共 16 份报告，涉及 15 个县区（2022–2023年度）" in answer.answer
    assert answer.answer.count("林业局") <= 6  # examples, not the whole list


def test_which_is_more_over_many_reports_ranks_without_a_sum(many) -> None:
    """A sum across departments answers no "which is more" question, and a figure no single
    passage states would stand unverified in the answer."""
    service, figures = many
    answer = service.ask("2023年哪家单位的三公经费最高？")
    assert answer.meta.get("mode") == "summary"
    assert "合计" not in answer.answer
    best = max(figures, key=figures.get)  # type: ignore[arg-type]
    assert re.search(rf"^1\. {best}林业局2023年度", answer.answer, re.M)
