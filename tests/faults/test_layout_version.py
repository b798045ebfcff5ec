"""Reports read by older reading rules (loaders, normaliser, sections, chunker) are not kept
as "unchanged": the catalogue records ``LAYOUT_VERSION`` per report, `check` names older ones
(``stale-layout``), `ingest` of the same file and `check --repair` read them again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from index.layout import LAYOUT_VERSION
from tests.fixtures.layouts import pdf_report

SENTENCE_END = "全年未发生因洪涝灾害造成的人员伤亡事故。"


def _as_if_read_by_old_rules(service, report_id: str) -> None:
    """What the rules before version 2 stored: the sentence cut by the page break on two
    lines, and the older version number."""
    with sqlite3.connect(service.catalog.path) as conn:
        conn.execute(
            "UPDATE reports SET layout_version = ?, text = replace(text, ?, ?) WHERE id = ?",
            (LAYOUT_VERSION - 1, "洪涝灾害造成", "洪涝灾害\n造成", report_id),
        )


@pytest.fixture
def report(tmp_path: Path) -> Path:
    pytest.importorskip("reportlab")
    folder = tmp_path / "reports"
    folder.mkdir()
    return pdf_report.build(folder / "松溪县水务局2023.pdf")


def test_ingest_reads_a_report_of_older_reading_rules_again(report: Path, make_service) -> None:
    service = make_service()
    [first] = service.ingest([report])
    assert first.status == "added"
    assert SENTENCE_END in service.catalog.get(first.report_id).text
    assert service.catalog.layout_versions() == {first.report_id: LAYOUT_VERSION}

    _as_if_read_by_old_rules(service, first.report_id)
    found = service.check()
    assert {(p.kind, p.report_id) for p in found.problems} == {("stale-layout", first.report_id)}
    assert not service.catalog.layout_stale("no-such-report")

    [again] = service.ingest([report])
    assert again.status == "replaced" and "reading rules" in again.message
    assert SENTENCE_END in service.catalog.get(first.report_id).text
    assert service.check().clean
    [third] = service.ingest([report])
    assert third.status == "unchanged"


def test_check_repair_reads_a_report_of_older_reading_rules_again(
    report: Path, make_service
) -> None:
    service = make_service()
    [first] = service.ingest([report])
    _as_if_read_by_old_rules(service, first.report_id)
    assert SENTENCE_END not in service.catalog.get(first.report_id).text

    repaired = service.check(repair=True)
    assert repaired.clean, repaired.problems
    assert any("reading rules" in line for line in repaired.repaired)
    assert SENTENCE_END in service.catalog.get(first.report_id).text
    assert service.catalog.layout_versions()[first.report_id] == LAYOUT_VERSION
