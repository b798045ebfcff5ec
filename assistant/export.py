"""Plain data for front ends: the fact table as CSV (the CLI's `facts --csv`, the web app's
download) and a report's identity as a JSON-ready dict (the CLI's `reports --json`, the API)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from assistant.results import FactRow, Report

FACT_HEADERS = (
    "county",
    "department",
    "year",
    "metric",
    "qualifier",
    "value_text",
    "unit",
    "value_yuan",
    "conflict",
    "source",
    "report_id",
    "start",
    "end",
)


def fact_cells(row: FactRow) -> list[object]:
    """One fact as the cells of :data:`FACT_HEADERS`."""
    ident, fact = row.report.identity, row.fact
    return [
        ident.county,
        ident.department,
        row.year,
        fact.metric,
        fact.qualifier,
        fact.value_text,
        fact.unit,
        fact.value_yuan,
        "yes" if fact.conflict else "",
        fact.source,
        row.report.id,
        fact.start,
        fact.end,
    ]


def facts_csv(rows: Sequence[FactRow]) -> str:
    """CSV with a BOM so spreadsheet programs open the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(FACT_HEADERS)
    writer.writerows(fact_cells(row) for row in rows)
    return "\ufeff" + buffer.getvalue()


def report_dict(report: Report) -> dict[str, Any]:
    """A report's id, file and identity (with where each field came from) as plain JSON data."""
    ident = report.identity
    return {
        "id": report.id,
        "file": report.file,
        "county": ident.county,
        "department": ident.department,
        "year": ident.year,
        "doc_type": ident.doc_type,
        "chunks": report.chunk_count,
        "format": report.format,
        "encoding": report.encoding,
        "overrides": report.overrides,
        "identity_sources": dict(ident.sources),
    }
