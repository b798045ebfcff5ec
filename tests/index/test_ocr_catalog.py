"""The catalogue's per-report OCR summary (pages read by OCR, lines, doubtful lines)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from index.catalog import Catalog
from index.models import OcrLine, Report, ReportIdentity


def test_catalog_summarises_ocr_lines_per_report(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    scan = Report("scan1", "scan.pdf", "/x/scan.pdf", "pdf", "h1", ReportIdentity(), "正文")
    text = Report("text1", "a.txt", "/x/a.txt", "txt", "h2", ReportIdentity(), "正文")
    lines = [
        OcrLine(1, 0, 0, 10, 10, "甲1.00万元", 0.95),
        OcrLine(3, 0, 0, 10, 10, "乙2.00万元", 0.80),
        OcrLine(3, 0, 20, 10, 30, "丙", 0.89),
    ]
    catalog.put(scan, ocr=lines)
    catalog.put(text)
    assert catalog.ocr_summary(0.9) == {"scan1": ((1, 3), 3, 2)}
    with sqlite3.connect(catalog.path) as conn:  # what the service reads is what was stored
        assert conn.execute("SELECT count(*) FROM ocr_lines").fetchone() == (3,)
