"""Items spent and changed: a whole against a sentence stating only its parts, a bare 支出决算
that goes on about the item its sentence opened with, a rate of a stated change worked out,
a project named shorter than the report writes it, and a follow-up asking what the last
subject cost (tests/fixtures/own13, invented: 蓼川县农业农村局 2022/2023, 枫岑县农业农村局 2022).

Each question is written for this test, in words the development sets do not use."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.absent_detail import shortened
from assistant.candidates import states_parts_only
from assistant.understanding import understand
from tests.conftest import ask_offline, index_folder, last_answer

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "own13"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "own13-index")


def _lead(service, question: str) -> str:
    return ask_offline(service, question).answer.splitlines()[0]


# -- a whole asked, a sentence stating only its parts --


def test_parts_only_sentences_are_told_apart_from_the_whole():
    parts = "2022年度“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0.00元，占0%；"
    assert states_parts_only(parts, ("三公经费",))
    assert states_parts_only(
        "公务用车购置及运行维护费支出决算52,300.00元，占68.46%；", ("三公经费",)
    )
    assert not states_parts_only("2022年度“三公”经费支出决算9.36万元。", ("三公经费",))
    assert not states_parts_only(parts, ("因公出国（境）费",))  # the part itself asked


@pytest.mark.parametrize(
    "question", ["枫岑那个局的三公经费，花得少吗？", "枫岑农业农村局22年三公经费花了多少"]
)
def test_the_whole_is_answered_from_its_total_not_a_part(service, question):
    lead = _lead(service, question)
    assert "76,396.00元" in lead
    assert "0.00元" not in lead.replace("76,396.00元", "")


def test_a_spending_verb_with_a_comparative_leaves_the_item_as_the_topic(service):
    query = understand(
        "蓼川和枫岑两家的三公经费，哪家花得少？", service._catalogue(service.reports())
    )
    assert query.intent == "compare" and query.terms == ("三公经费",)
    answer = ask_offline(service, "蓼川和枫岑两家农业农村局22年的三公经费，哪家花得少？").answer
    assert "较少的是枫岑县农业农村局2022年度" in answer
    assert "9.36万元 − 7.64万元 = 1.72万元" in answer


# -- a bare 支出决算 after an item's name is the item's --


def test_the_whole_spending_change_is_not_the_three_public_costs_change(service):
    answer = ask_offline(service, "蓼川农业农村局23年的支出总额跟22年比涨了多少").answer
    assert "8.64万元" not in answer and "0.72万元" not in answer
    assert "188.42万元" in answer and "8.56%" in answer


# -- the rate of a stated change, worked out when asked --


def test_the_rate_of_a_stated_change_is_worked_out_when_asked(service):
    answer = ask_offline(service, "蓼川农业农村局23年三公经费较22年少了多少，降幅多少").answer
    assert "减少0.72万元" in answer
    assert "下降7.69%（计算：0.72万元 ÷ 9.36万元 ≈ 7.69%）" in answer


def test_no_rate_is_added_when_only_the_amount_is_asked(service):
    answer = ask_offline(service, "蓼川农业农村局23年三公经费比上年少了多少").answer
    assert "减少0.72万元" in answer and "÷" not in answer


# -- a project named shorter than written --


def test_a_shortened_project_name_keeps_its_words_in_order():
    assert shortened("饮水检测", "农村饮水安全工程水质检测")
    assert not shortened("检测饮水", "农村饮水安全工程水质检测")  # not in the written order
    assert not shortened("农田检测", "农村饮水安全工程水质检测")


def test_a_project_asked_by_a_shorter_name_is_answered(service):
    lead = _lead(service, "蓼川农业农村局23年饮水检测项目花了多少")
    assert "61.25万元" in lead


def test_a_follow_up_asking_what_it_cost_a_year_before_keeps_the_project(service):
    answer = last_answer(
        service, ["蓼川农业农村局23年饮水检测项目花了多少", "执行率呢", "比22年多花了多少"]
    )
    assert "55.40万元" in answer and "61.25万元" in answer
    assert "5.85万元" in answer
    assert "2,389.52" not in answer  # not the body's whole spending
