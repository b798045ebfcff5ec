"""A single-project self-evaluation report pasted as plain text, end to end over one invented
report (tests/fixtures/projects): its indicator table, flattened to one bare cell per line,
is read as a table, and a question about what a section says quotes the section's body, not
only its heading."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import index_folder

pytestmark = pytest.mark.slow

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "projects"


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "project-index", **chroma_settings())


def test_indicator_cell_from_the_bare_cell_table(service):
    answer = service.ask("依兰水务局饮水工程自来水普及率指标的得分是多少")
    assert not answer.refused
    lead = answer.answer.splitlines()[0]
    assert "18" in lead and "93.2%" not in lead
    assert any("\t" in c.text and "农村自来水普及率" in c.text for c in answer.citations)


def test_section_question_quotes_the_body_under_the_heading(service):
    answer = service.ask("依兰水务局这个项目存在什么问题")
    assert not answer.refused
    assert "维修资金不足" in answer.answer
