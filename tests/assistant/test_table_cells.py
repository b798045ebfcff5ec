"""Table cells asked as users ask (tenth session's probetab class): the year-before column of a
row ("上年决算数", "去年实际") is read from that column, not this year's; a converter's flattened
two-level header ("决算数比上年增减增减额") is named by its own lower part ("增减额"); "调整后"
asked alone reads the 调整预算数 column. Fixture report: tests/fixtures/probetab10 (invented)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.tables import (
    asks_prior_column,
    column_for,
    column_named,
    columns_written,
    sub_headers,
)
from tests.conftest import ask_offline, index_folder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "probetab10"


# ---------------------------------------------------------------- pure parts (fast)
@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("公务接待费上年决算数是多少", True),
        ("去年的实际支出多少", True),
        ("上一年度决算是多少", True),
        ("公务接待费比上年增减额是多少", False),
        ("较上年减少了多少", False),
        ("上年结转资金全年执行数", False),
        ("公务接待费决算数是多少", False),
    ],
)
def test_a_prior_year_column_is_asked_only_by_its_own_words(question, asked):
    assert asks_prior_column(question) is asked


def test_the_prior_column_is_taken_when_asked_and_this_years_otherwise():
    names = ["项目", "2023年预算数", "2023年决算数", "上年决算数"]
    assert column_for(names, "决算") == 2
    assert column_for(names, "决算", prior=True) == 3
    assert column_for(["项目", "预算数", "决算数"], "决算", prior=True) == 2  # none earlier
    years = ["项目", "2023年预算", "2023年决算", "2022年决算", "增减额"]
    assert column_for(years, "决算", prior=True) == 3


def test_a_flattened_two_level_header_is_named_by_its_lower_part():
    names = ["项目", "预算数", "决算数", "决算数比上年增减增减额", "决算数比上年增减增减率"]
    ends = sub_headers(names)
    assert set(ends) == {3, 4} and "增减额" in ends[3] and "增减率" in ends[4]
    assert column_named(names, "公务接待费比上年增减额是多少") == 3
    assert column_named(names, "公务接待费增减率") == 4
    assert column_named(["项目", "年初预算数", "调整预算数", "决算数"], "增减额是多少") is None


def test_two_lower_columns_written_in_one_question_are_both_read():
    flat = ["科目名称", "本年支出合计", "本年支出基本支出", "本年支出项目支出"]
    assert columns_written(flat, "某科目的基本支出和项目支出各多少") == [2, 3]
    two_level = ["科目名称", "本年支出·合计", "本年支出·基本支出", "本年支出·项目支出"]
    assert columns_written(two_level, "基本支出、项目支出分别是多少") == [2, 3]
    assert columns_written(flat, "某科目的项目支出是多少") == []  # one column: read as before


# ---------------------------------------------------------------- over an invented report
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "probetab10")


def _lead(service, question: str) -> str:
    return ask_offline(service, question).answer.splitlines()[0]


def test_the_prior_year_cell_of_a_row_is_read(service):
    lead = _lead(service, "青杉县档案局公务接待费上年决算数是多少？")
    assert "1.37万元" in lead and "1.14" not in lead


def test_this_years_cell_stays_when_no_earlier_year_is_asked(service):
    lead = _lead(service, "青杉县档案局公务接待费决算数是多少？")
    assert "1.14万元" in lead


def test_the_change_column_under_a_two_level_header_is_read(service):
    lead = _lead(service, "青杉县气象局公务接待费比上年增减额是多少？")
    assert "-0.19万元" in lead and "0.72" not in lead


def test_an_adjusted_budget_asked_as_调整后_reads_the_调整预算数_column(service):
    assert "118.60万元" in _lead(service, "青杉县档案局项目支出的调整后预算是多少")
    english = _lead(
        service, "What was the adjusted budget for project expenditure of the Qingshan archives?"
    )
    assert "118.60" in english
