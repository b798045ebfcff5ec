"""Figures of another year than the report's: table columns headed with a year or as the
previous year's, and clauses opening with 上年 (invented tables and sentences)."""

from __future__ import annotations

from index.facts import column_year, extract_facts
from index.models import FactRecord, NormalisedText


def facts_of(*items: str | tuple[str, ...], year: int | None = 2024) -> list[FactRecord]:
    return extract_facts("r1", NormalisedText.from_lines(list(items)), year)


def by_year(facts: list[FactRecord]) -> set[tuple[str, str | None, str, int | None]]:
    return {(f.metric, f.qualifier, f.value_text, f.year) for f in facts}


def test_column_year_reads_stated_previous_and_current_headers() -> None:
    assert column_year("2023年决算数", 2024) == (2023, "决算数")
    assert column_year("2025年度预算数", 2024) == (2025, "预算数")
    assert column_year("上年决算数", 2024) == (2023, "决算数")
    assert column_year("上年数", 2024) == (2023, "数")
    assert column_year("上年同期", 2024) == (2023, "数")
    assert column_year("本年数", 2024) == (2024, "数")
    assert column_year("决算数", 2024) == (2024, "决算数")
    assert column_year("上年数", None) == (None, "数")


def test_previous_year_column_is_filed_under_the_previous_year() -> None:
    facts = facts_of(
        "单位：万元",
        ("项目", "2024年预算数", "2024年决算数", "2023年决算数"),
        ("公务用车运行维护费", "12.00", "9.80", "11.25"),
        ("会议费", "3.00", "2.10", "2.60"),
    )
    got = by_year([f for f in facts if f.metric == "公务用车运行维护费"])
    assert got == {
        ("公务用车运行维护费", "预算", "12.00", 2024),
        ("公务用车运行维护费", "决算", "9.80", 2024),
        ("公务用车运行维护费", "决算", "11.25", 2023),
    }
    assert not any(f.conflict for f in facts)  # last year's 决算 is no conflict with this year's


def test_plain_previous_year_column_takes_the_caption_qualifier_and_year() -> None:
    facts = facts_of(
        "表5 2024年度部门收入支出决算总表（单位：万元）",
        ("项目", "本年数", "上年数"),
        ("人员经费", "215.40", "230.15"),
    )
    assert by_year(facts) == {
        ("人员经费", "决算", "215.40", 2024),
        ("人员经费", "决算", "230.15", 2023),
    }


def test_previous_year_column_of_a_report_without_a_year_is_not_stored() -> None:
    facts = facts_of(
        "单位：万元", ("项目", "本年数", "上年数"), ("人员经费", "215.40", "230.15"), year=None
    )
    assert by_year(facts) == {("人员经费", None, "215.40", None)}


def test_clause_opening_with_last_year_keeps_its_figure_with_that_year() -> None:
    facts = facts_of("本年度公务接待费支出1.20万元；上年公务接待费支出1.65万元。")
    assert by_year(facts) == {
        ("公务接待费", None, "1.20万元", 2024),
        ("公务接待费", None, "1.65万元", 2023),
    }
    assert not any(f.conflict for f in facts)


def test_change_against_last_year_is_no_figure_of_last_year() -> None:
    facts = facts_of("公务接待费支出1.20万元，比上年减少0.45万元，下降27.27%。")
    assert by_year(facts) == {("公务接待费", None, "1.20万元", 2024)}
