"""A project self-evaluation published on a county government's portal, end to end over
invented reports (tests/fixtures/portal7): it is filed under the bureau its text says carries
the project out, not under the portal's owner; questions about the bureau read the bureau's
own report, questions naming the project read the project's, and rankings over "N份材料"
take every report of every year."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import index_folder

pytestmark = pytest.mark.slow

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "portal7"


@pytest.fixture(scope="module")
def service(tmp_path_factory, embeddings, chroma_settings):
    return index_folder(tmp_path_factory, embeddings, REPORTS, "portal7-index", **chroma_settings())


def test_the_project_page_is_filed_under_the_bureau(service):
    page = next(r for r in service.reports() if r.file.endswith(".html"))
    ident = page.identity
    assert (ident.county, ident.department, ident.year) == ("桐溪县", "水务局", 2022)
    assert ident.doc_type == "项目支出绩效自评报告"
    assert ident.source_of("department") == "responsible_body"


def test_the_bureaus_total_is_its_own_not_the_projects(service):
    answer = service.ask("桐溪水务局2022年全年一共支出了多少")
    assert not answer.refused
    assert "2310.60" in answer.answer and "774.00" not in answer.answer


def test_a_question_naming_the_project_reads_the_project(service):
    answer = service.ask("山塘整治那个项目群众满意度多少")
    assert not answer.refused
    assert "97.1%" in answer.answer and "93.4%" not in answer.answer
    bureau = service.ask("桐溪水务局2022年群众满意度多少")
    assert "93.4%" in bureau.answer and "97.1%" not in bureau.answer


def test_project_against_the_bureau_as_a_whole(service):
    answer = service.ask("山塘整治项目的自评得分跟水务局整体的比，哪个高")
    assert not answer.refused
    assert "88.5" in answer.answer and "92.0" in answer.answer
    assert "90.5" not in answer.answer  # the bureau's other year is no side of this


def test_ranking_over_every_report_counted(service):
    answer = service.ask("这三份材料的自评得分从高到低排一下")
    assert not answer.refused
    text = answer.answer
    assert all(score in text for score in ("92.0", "90.5", "88.5"))
    assert text.index("92.0") < text.index("90.5") < text.index("88.5")


def test_a_measure_over_two_years_gives_the_change(service):
    answer = service.ask("桐溪水务局河道整治的长度21年到22年多了多少")
    assert not answer.refused
    assert "8.6公里" in answer.answer and "11.2公里" in answer.answer
    assert "2.6公里" in answer.answer
