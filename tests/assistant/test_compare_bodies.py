"""Comparisons between two bodies of different counties: a township government named by its
own place, and a difference asked for ("多多少") shown as a calculation. Fixture reports:
tests/fixtures/compare (invented figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.rules import unsupported_in

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "compare"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings):
    from assistant.factory import build_service
    from assistant.settings import load_settings

    data_dir = tmp_path_factory.mktemp("compare-index")
    service = build_service(load_settings(data_dir=data_dir), embeddings=embeddings)
    assert {o.status for o in service.ingest([FIXTURES])} == {"added"}
    return service


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
