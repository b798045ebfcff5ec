"""Follow-ups that narrow to a part and then ask its share (tests/fixtures/own11, invented), and a
share never computed between two statements of one amount."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.conversation import lead_label
from assistant.derived import Input, share
from index.numbers import find_quantities
from tests.conftest import index_folder, last_answer

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "own11"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "own11-shares-index")


def test_the_car_is_the_official_car(service):
    answer = last_answer(service, ["宁远党校23年三公经费多少", "其中车的呢"])
    assert "公务用车运行维护费 4.10万元" in answer.splitlines()[0]


@pytest.mark.parametrize("second", ["其中车的呢", "其中公务用车的呢"])
def test_share_of_the_part_the_last_answer_gave(service, second):
    answer = last_answer(service, ["宁远党校23年三公经费多少", second, "占三公的多少"])
    assert "4.10万元 ÷ 6.42万元 = 63.86%" in answer


def test_lead_label_is_read_from_the_first_line():
    assert (
        lead_label("某局2023年度：公务用车运行维护费 4.10万元[1]。\n原文") == "公务用车运行维护费"
    )
    assert lead_label("报告中未找到“x”的相关内容") == ""


def _input(text: str, marker: str) -> Input:
    return Input(find_quantities(text)[0], marker)


def test_no_share_between_two_statements_of_one_amount():
    # 15.29万元 in a table and 152,915.00元 in the text are one figure, not a part and a whole
    assert share(_input("15.29万元", "[1]"), _input("152,915.00元", "[2]")) is None
    assert share(_input("4.10万元", "[1]"), _input("6.42万元", "[1]")) is not None
