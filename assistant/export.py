"""The fact table as CSV, shared by the CLI (`facts --csv`) and the web app's download."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from assistant.results import FactRow

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
