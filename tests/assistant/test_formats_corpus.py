"""The shared scanned PDF and workbook go in whole and answer: figures OCR read are found by
search and quoted by ask with the scan's page; a sheet's rows answer table questions.

Real parts: OCR, Chroma in tmp_path, the real embedding model. Questions are our own words.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

FILES = ("synthetic2/syn_wengan_scjgj_2022.pdf", "synthetic2/syn_changge_wjw_2024.xlsx")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embeddings, chroma_settings):
    from assistant.factory import build_service
    from assistant.settings import load_settings
    from tests.conftest import SHARED

    paths = [SHARED / "corpus" / name for name in FILES]
    if not all(p.exists() for p in paths):
        pytest.skip("../shared/corpus/synthetic2 not present")
    data_dir = tmp_path_factory.mktemp("formats") / "data"
    settings = load_settings(data_dir=data_dir, **chroma_settings())
    svc = build_service(settings, embeddings=embeddings)
    outcomes = svc.ingest(paths)
    assert [o.status for o in outcomes] == ["added", "added"], [o.message for o in outcomes]
    return svc


def _report(service, fragment: str):
    return next(r for r in service.reports() if fragment in r.file)


def test_scan_is_identified_and_its_ocr_lines_point_at_pages(service) -> None:
    scan = _report(service, "wengan")
    ident = scan.identity
    assert (ident.county, ident.department, ident.year) == ("瓮安县", "市场监督管理局", 2022)
    lines = service.catalog.ocr_lines(scan.id)
    assert {line.page for line in lines} == {1, 2, 3}
    located = [line for line in lines if line.start >= 0]
    assert len(located) >= 0.9 * len(lines)
    for line in located:
        assert scan.text[line.start : line.end] == line.text


def test_search_finds_a_figure_read_by_ocr(service) -> None:
    from assistant.filters import AskFilters

    hits = service.search("决算表 公务接待费", k=8, filters=AskFilters(county="瓮安县"))
    table = next(h for h in hits if "56,432.00" in h.text)
    assert service.source_pages(table.report_id, table.start, table.end) == [2]
    lines = service.source_lines(table.report_id, table.start, table.end)
    assert {line.page for line in lines} == {2}
    assert any("56,432.00" in line.text for line in lines)
    summary = service.ocr_summaries()
    assert set(summary) == {table.report_id}  # the workbook has no OCR lines
    scan = summary[table.report_id]
    assert scan.pages == (1, 2, 3)
    assert scan.lines == len(service.catalog.ocr_lines(table.report_id))
    assert 0 <= scan.low_confidence <= scan.lines


def test_ask_quotes_the_scanned_report(service) -> None:
    answer = service.ask("瓮安县2022年度公务用车保有量有几辆？")
    assert not answer.refused
    assert "9辆" in answer.answer
    assert any("wengan" in c.file for c in answer.citations)


def test_sheet_rows_answer_table_questions(service) -> None:
    """An indicator row of a 自评表 sheet answers, labelled with its levels, and rows of other
    indicators (same 一级/二级 labels, other figures) are not called contradictions."""
    answer = service.ask("长葛市2024年孕产妇系统管理率实际完成值是多少？")
    assert not answer.refused
    assert "91.2%" in answer.answer
    assert "产出指标·质量指标·孕产妇系统管理率" in answer.answer
    cited = [c for c in answer.citations if "91.2%" in c.text]
    assert cited and cited[0].section == "工作表：基本公卫自评表"
    assert not any("不一致" in w for w in answer.warnings)
