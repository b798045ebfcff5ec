"""Comparisons between two bodies of different counties: a township government named by its
own place, and a difference asked for ("多多少") shown as a calculation. Fixture reports:
tests/fixtures/compare (invented figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.rules import unsupported_in
from tests.conftest import index_folder

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "compare"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    return index_folder(tmp_path_factory, embeddings, FIXTURES, "compare-index")


def test_a_township_is_found_although_the_question_names_another_county(service):
    answer = service.ask("枫林镇和石门交通局23年公务接待费谁多？")
    assert not answer.refused, answer.answer
    assert "桃源县枫林镇人民政府2023年度" in answer.answer and "2.35" in answer.answer
    assert "石门县交通运输局2023年度" in answer.answer and "3.02" in answer.answer
    assert unsupported_in(answer.to_dict()) == []


@pytest.mark.parametrize(
    "question",
    [
        "石门交通局比枫林镇的公用经费多多少？",
        "How much more did Shimen's transport bureau spend on public-use costs than Fenglin?",
    ],
)
def test_a_difference_between_two_bodies_is_calculated(service, question):
    answer = service.ask(question)
    assert not answer.refused, answer.answer
    assert "104.50" in answer.answer and "111.10" in answer.answer
    assert "111.10万元 − 104.50万元 = 6.60万元" in answer.answer
    assert unsupported_in(answer.to_dict()) == []


def test_three_bodies_named_by_county_and_stem_are_ordered(service):
    # "石门交通、慈利水利": a county followed by a body's stem names that county's body
    answer = service.ask("石门交通、慈利水利、枫林镇这三家23年谁的在职人员多")
    assert not answer.refused, answer.answer
    text = answer.answer
    assert text.index("枫林镇") < text.index("慈利县水利局") < text.index("石门县交通运输局")
    assert "44人" in text and "39人" in text and "30人" in text
    # a measure outside the fact table: each report quoted, then their order
    answer = service.ask("石门交通、慈利水利、枫林镇23年安全生产检查谁搞得多")
    assert not answer.refused, answer.answer
    order = next(line for line in answer.answer.splitlines() if line.startswith("从高到低"))
    assert order.index("石门县交通运输局") < order.index("慈利县水利局") < order.index("枫林镇")
    assert "48次" in order and "35次" in order and "26次" in order
