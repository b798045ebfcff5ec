"""A difference between two figures of one item, each named by its column (the cols10 class):
"调整预算比年初预算多了多少" subtracts the row's 年初预算数 from its 调整预算数, never its 决算数;
"实际比调整后预算少了多少" the 决算数 from the 调整后预算数; "决算比年初预算和调整后预算各差多少"
gives both. An abbreviated item name ("公务用车运维") is the row it abbreviates
(公务用车运行维护费), not a sibling row sharing its first words (公务用车购置费).
Fixture report: tests/fixtures/cols10 (invented place and figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.abbreviated import spelled_out
from assistant.column_pair import asked_columns, column_gaps
from tests.conftest import ask_offline, index_folder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cols10"

ROW = (
    "项目支出：决算数 738.50万元、年初预算数 610.00万元、调整预算数 795.40万元、执行率 92.85%",
    "[1]",
)


# ---------------------------------------------------------------- pure parts (fast)
@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("项目支出调整预算数比年初预算数高了多少", ["调整后预算", "年初预算"]),
        ("项目支出实际比调整后的预算少了多少", ["决算", "调整后预算"]),
        ("项目支出比预算少了多少", ["决算", "预算"]),
        ("全年预算和年初预算差多少", ["调整后预算", "年初预算"]),
    ],
)
def test_the_columns_a_question_names_are_read_in_order(question, kinds):
    assert asked_columns(question) == kinds


def test_each_side_comes_from_its_own_column_never_a_third():
    (line,) = column_gaps("项目支出调整预算数比年初预算数高了多少", [ROW])
    assert "795.40万元 − 610.00万元 = 185.40万元" in line and "738.50" not in line
    (line,) = column_gaps("项目支出实际比调整后预算少了多少", [ROW])
    assert "795.40万元 − 738.50万元 = 56.90万元" in line and "610.00" not in line
    assert "少" in line


def test_one_actual_against_two_budgets_gives_two_differences():
    lines = column_gaps("项目支出实际花的比年初预算和调整后预算各差多少", [ROW])
    assert len(lines) == 2
    assert "738.50万元 − 610.00万元 = 128.50万元" in lines[0]
    assert "795.40万元 − 738.50万元 = 56.90万元" in lines[1]


def test_nothing_is_computed_when_a_named_column_is_not_stated():
    row = ("项目支出：决算数 738.50万元、年初预算数 610.00万元", "[1]")
    assert column_gaps("项目支出调整预算比决算多了多少", [row]) == []
    assert column_gaps("项目支出调整预算是多少", [ROW]) == []  # no difference asked


def test_an_abbreviated_item_name_is_written_out():
    assert "公务用车运行维护费" in spelled_out("公务用车运维占三公的比例")
    assert spelled_out("公务用车购置费多少") == "公务用车购置费多少"


# ---------------------------------------------------------------- over a fixture report
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "cols10")


def test_a_final_budget_against_an_opening_budget(service):
    text = ask_offline(service, "青岚县水务局项目支出调整预算数比年初预算数高了多少").answer
    assert "185.40万元" in text and "128.50" not in text


def test_an_actual_against_the_final_budget(service):
    text = ask_offline(service, "青岚县水务局项目支出实际比调整后预算少了多少").answer
    assert "56.90万元" in text and "128.50" not in text


def test_an_actual_against_both_budgets(service):
    text = ask_offline(service, "青岚县水务局基本支出决算比年初预算和调整后预算各差多少").answer
    assert "16.10万元" in text and "6.20万元" in text


def test_an_abbreviated_row_name_picks_the_row_it_abbreviates(service):
    text = ask_offline(service, "青岚县水务局2023年公务用车运维占三公经费的比例").answer
    assert "68.60%" in text and "0.00%" not in text


def test_the_other_side_comes_from_the_table_row_repeating_the_quoted_figure():
    from assistant.answer import Passage
    from assistant.column_rows import row_gaps

    text = (
        "全年防汛项目支出86.20万元，执行情况见下表。\n"
        "防汛项目执行情况表（单位：万元）\n"
        "项目名称\t预算数\t决算数\t执行率\n"
        "堤防巡查\t40.00\t38.10\t95.25%\n"
        "物资储备\t50.00\t48.10\t96.20%\n"
        "合计\t90.00\t86.20\t95.78%\n"
    )
    quote = [("全年防汛项目支出86.20万元，执行情况见下表", "[1]")]
    found: list[int] = []

    def find(start: int, end: int) -> Passage | None:
        found.append(start)
        return object()  # type: ignore[return-value]

    (line,) = row_gaps("防汛项目比预算少了多少", quote, text, find, lambda p: "[2]")
    assert "90.00万元 − 86.20万元 = 3.80万元" in line and "[2]" in line
    assert text[found[-1] :].startswith("合计")
    other = [("全年防汛项目支出77.70万元", "[1]")]  # no row repeats the figure: nothing
    assert row_gaps("防汛项目比预算少了多少", other, text, find, lambda p: "[2]") == []
