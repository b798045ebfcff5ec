"""Follow-ups that ask a figure derived from what the conversation established (a share with
no part or whole of its own: "占比呢", "比例是多少"; a difference of two counts asked in
turn: achieved against target), and locate questions whose words also name the report, name
something most sections mention, or describe the passage in words of their own ("执行得慢").
Fixture reports: tests/fixtures/turns7 (invented county, invented figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation import Conversation, share_of_last
from assistant.derived import Input, derive, states_share
from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity
from index.numbers import find_quantities
from tests.conftest import index_folder, last_answer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "turns7"
CATALOGUE = Catalogue((ReportIdentity(county="临溪县", department="交通运输局", year=2023),))


def _after(turns: list[str]):
    conversation = Conversation()
    for turn in turns[:-1]:
        query, _ = conversation.resolve(understand(turn, CATALOGUE), CATALOGUE)
        conversation.remember(turn, query)
    return understand(turns[-1], CATALOGUE), conversation.last


# ---------------------------------------------------------------- pure parts (fast)
@pytest.mark.parametrize(
    "follow_up", ["占比呢", "比例是多少？", "那它占多少", "所占比重呢", "占百分之几"]
)
def test_a_bare_share_divides_the_narrowed_part_by_what_it_narrowed(follow_up):
    query, last = _after(["临溪交通局2023年项目支出多少", "其中农村客运补贴呢", follow_up])
    part, whole = share_of_last(query, last)
    assert "客运" in part and whole == "项目支出"


def test_a_part_put_inside_a_whole_is_divided_by_that_whole_spent():
    query, last = _after(["临溪交通局一般公共预算里公路养护用了多少", "比重呢"])
    assert share_of_last(query, last) == ("公路养护", "一般公共预算 支出")


def test_a_bare_share_of_a_catalogue_metric_is_of_the_total_it_belongs_to():
    query, last = _after(["临溪交通局2023年项目支出多少", "What percentage is that?"])
    assert share_of_last(query, last) == ("项目支出", "支出 合计")


@pytest.mark.parametrize("follow_up", ["那公用经费呢", "比上年多了多少", "占比最高的是哪项"])
def test_other_follow_ups_ask_no_bare_share(follow_up):
    query, last = _after(["临溪交通局2023年基本支出多少", follow_up])
    assert share_of_last(query, last) == ()


def _quotes(*texts: str) -> list[tuple[str, str]]:
    return [(t, f"[{n}]") for n, t in enumerate(texts, 1)]


def test_a_share_is_stated_only_when_written_after_the_parts_own_figure():
    part = find_quantities("318.75万元")[0]
    growth = _quotes("支出1376.25万元，比上年增长8.35%", "农村客运补贴318.75万元，用于运营补助")
    assert not states_share(growth, part)
    said = _quotes("农村客运补贴318.75万元，占项目支出的27.91%")
    assert states_share(said, part)
    other = _quotes("农村客运补贴318.75万元，公路养护655.20万元，占57.37%")
    assert not states_share(other, part)  # the rate after the next amount is that amount's


def test_a_difference_of_two_counts_asked_in_turn_is_achieved_minus_target():
    leads = [("≥210公里", "[1]"), ("236公里", "[1]")]
    labels = ["县乡道路养护里程（年度指标值）", "县乡道路养护里程（实际完成值）"]
    calcs = derive("超了多少", [("≥210公里 236公里", "[1]")], leads, labels=labels)
    assert calcs and "236公里 − 210公里 = 26公里" in calcs[0]
    money = [Input(q, "[1]") for q in find_quantities("236公里 12条")]
    assert derive("差多少", [], [(q.quantity.raw, "[1]") for q in money]) == []  # two units


# ---------------------------------------------------------------- over invented reports
@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "turns7")


def test_the_share_of_a_narrowed_part_in_what_it_narrowed(service):
    turns = ["临溪交通局2023年项目支出多少", "其中农村客运补贴呢", "比例呢"]
    assert "318.75万元 ÷ 1142.10万元 = 27.91%" in last_answer(service, turns)


def test_the_share_of_a_part_in_the_whole_the_first_turn_put_it_in(service):
    turns = ["临溪交通局一般公共预算里公路养护用了多少", "占比是多少"]
    text = last_answer(service, turns)  # a growth rate quoted beside it states no share
    assert "655.20万元 ÷ 1376.25万元 = 47.61%" in text


def test_the_share_of_the_last_figure_in_its_total(service):
    text = last_answer(service, ["临溪交通局2023年项目支出多少", "占比呢"])
    assert "1142.10万元 ÷ 1610.60万元 = 70.91%" in text


@pytest.mark.parametrize(
    "turns",
    [
        ["临溪交通局县乡道路养护里程完成了多少", "目标定的多少", "超了多少"],
        ["临溪交通局县乡道路养护里程的目标值是多少", "实际完成多少", "多出来多少"],
    ],
)
def test_achieved_against_target_asked_in_turn_in_either_order(service, turns):
    text = last_answer(service, turns)
    assert "236公里" in text and "210公里" in text and "236公里 − 210公里 = 26公里" in text


def test_locating_a_thing_in_the_section_about_it_not_one_mentioning_its_costs(service):
    text = last_answer(service, ["临溪交通局决算说明里公车有几辆是在哪部分写的"])
    first = text.split("\n")[0]
    assert "四、“三公”经费" in first and "4辆" in first


def test_locating_a_problem_described_in_words_of_ones_own(service):
    text = last_answer(service, ["临溪交通局决算说明哪一节说到项目支出执行得慢"])
    assert "六、存在的问题" in text.split("\n")[0]


def test_locating_in_the_report_the_question_names_by_its_title(service):
    text = last_answer(service, ["县乡道路养护项目报告里调查问卷写在哪一部分"])
    assert "满意度情况" in text and "决算说明" not in text and len(text.split("\n")) == 1
