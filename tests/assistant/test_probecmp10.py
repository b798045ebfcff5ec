"""Comparisons as users phrase them (tenth session's probecmp10 class): which figure each side
takes. An item written as the opening of its parts' list ("项目支出中，X专项资金932.70万元，…")
never leads with a part's amount when another quote states the item's own figure; a share's
whole that turns out to be the part's own total (the 合计 row of the part's item table) is
replaced by the report's 本年支出合计, never shown as 100%.
Fixture reports: tests/fixtures/probecmp10 (invented places and figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import derived
from assistant.compare import ascending
from assistant.compose import _part_named
from assistant.conversation import Conversation
from assistant.year_total import side_asked
from tests.conftest import ask_offline, index_folder

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "probecmp10"


# ---------------------------------------------------------------- pure parts (fast)
@pytest.mark.parametrize(
    ("words", "terms", "part"),
    [
        ("县域商业体系建设专项资金", ("项目支出",), True),
        ("2023年实际支出", ("三公经费",), False),
        ("项目支出", ("项目支出",), False),
        ("决算数", ("基本支出",), False),
    ],
)
def test_a_figure_labelled_by_another_items_words_is_a_part(words, terms, part):
    assert _part_named(words, terms) is part


def test_a_whole_equal_to_its_part_is_the_parts_own_total():
    assert derived.whole_is_part([("351.74万元", "[1]"), ("351.74万元", "[2]")])
    assert not derived.whole_is_part([("351.74万元", "[1]"), ("504.10万元", "[2]")])
    assert not derived.whole_is_part([("351.74万元", "[1]")])


# ---------------------------------------------------------------- over invented reports
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "probecmp10")


def test_an_item_opening_its_parts_list_leads_with_its_own_figure(service):
    text = ask_offline(service, "青枫县商务局2023年项目支出多少").answer
    lead = text.splitlines()[0]
    assert "1,816.25万元" in lead and "932.70" not in lead


def test_a_follow_up_takes_the_items_own_figure(service):
    conversation = Conversation()
    first = service.ask("青枫县商务局2023年基本支出多少", conversation, use_llm=False)
    assert "602.35万元" in first.answer.splitlines()[0]
    answer = service.ask("那项目支出呢", conversation, use_llm=False)
    lead = answer.answer.splitlines()[0]
    assert "1,816.25万元" in lead and "932.70" not in lead


def test_two_bodies_compared_each_take_the_items_own_figure(service):
    text = ask_offline(service, "青枫县商务局和白溪县残联2023年项目支出哪个多").answer
    assert "1816.25万元" in text or "1,816.25万元" in text
    assert "351.74万元" in text and "932.70" not in text


def test_a_share_never_divides_by_the_parts_own_total(service):
    text = ask_offline(service, "白溪县残联2023年项目支出占本年支出合计的比例是多少").answer
    assert "100.00%" not in text
    assert "69.78%" in text  # 351.74 ÷ 504.10


def test_a_ranking_asked_lowest_first_is_shown_lowest_first():
    lines = [
        "三公经费（统一换算为万元，括号内为原文）从高到低：",
        "1. 甲：5.82万元",
        "2. 乙：2.96万元",
        "注",
    ]
    assert ascending(lines, 2) == [
        "三公经费（统一换算为万元，括号内为原文）从低到高：",
        "1. 乙：2.96万元",
        "2. 甲：5.82万元",
        "注",
    ]


def test_two_bodies_added_up_give_their_sum(service):
    text = ask_offline(service, "青枫县商务局和白溪县残联2023年三公经费加起来一共多少？").answer
    assert "8.78万元" in text  # 5.82 + 2.96


def test_two_bodies_ranked_from_least_to_most(service):
    text = ask_offline(service, "青枫县商务局、白溪县残联2023年三公经费从少到多排一下").answer
    rows = [line for line in text.splitlines() if line.startswith(("1. ", "2. "))]
    assert "2.96万元" in rows[0] and "5.82万元" in rows[1], text


def test_a_whole_named_before_zhan_is_the_shares_whole():
    assert side_asked("项目支出在本年支出合计里占几成") == "支出"
    assert side_asked("基本支出在收入当中占多少") == "收入"


def test_a_share_asked_as_in_the_whole_divides_by_the_years_total(service):
    text = ask_offline(service, "白溪县残联2023年项目支出在本年支出合计里占几成？").answer
    assert "69.78%" in text and "100.00%" not in text
