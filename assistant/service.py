"""The one service object every front end (CLI, UI, HTTP API) calls.

It owns the catalogue, the chunk store and the embedding model, built lazily by the composition
root in :mod:`assistant.factory`; front ends never touch Chroma, LangChain or the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.catalog import Catalog
from index.errors import ReportAssistantError
from index.ingest import FileOutcome, Ingestor, discover
from index.models import Report
from index.vectorstore import ChunkStore, StoredChunk

ProgressFn = Callable[[int, int, str], None]
"""Called as ``progress(done, total, current_file_name)`` during ingest."""


class ReportNotFound(ReportAssistantError):
    """A report id (or prefix) that matches no indexed report, or several."""


@dataclass(frozen=True)
class SearchFilters:
    """Hard filters on report identity; None means "any"."""

    county: str | None = None
    department: str | None = None
    year: int | None = None
    report_id: str | None = None

    def where(self) -> dict[str, Any] | None:
        clauses = [
            {key: value}
            for key, value in (
                ("county", self.county),
                ("department", self.department),
                ("year", self.year),
                ("report_id", self.report_id),
            )
            if value is not None
        ]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class ReportService:
    """Ingest, list, show, remove and search reports."""

    def __init__(self, catalog: Catalog, store: ChunkStore, ingestor: Ingestor) -> None:
        self.catalog = catalog
        self.store = store
        self._ingestor = ingestor

    def ingest(
        self,
        paths: Sequence[Path],
        overrides: dict[str, object] | None = None,
        rebuild: bool = False,
        progress: ProgressFn | None = None,
    ) -> list[FileOutcome]:
        """Ingest files and folders; one outcome per file, failures included."""
        if rebuild:
            self.store.reset()
            self.catalog.clear()
        files = discover(paths)
        outcomes: list[FileOutcome] = []
        for done, path in enumerate(files):
            if progress:
                progress(done, len(files), path.name)
            outcomes.append(self._ingestor.ingest_file(path, dict(overrides or {})))
        if progress:
            progress(len(files), len(files), "")
        return outcomes

    def reports(self) -> list[Report]:
        return self.catalog.all()

    def report(self, report_id: str) -> Report:
        """The report whose id is or starts with ``report_id``."""
        matches = self.catalog.find(report_id.strip()) if report_id.strip() else []
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ReportNotFound(
                f"没有编号为 {report_id} 的报告 / no report with id {report_id!r} "
                "(see `report-assistant reports`)"
            )
        ids = ", ".join(r.id for r in matches)
        raise ReportNotFound(f"编号 {report_id} 不唯一 / ambiguous id prefix: {ids}")

    def remove(self, report_id: str) -> Report:
        report = self.report(report_id)
        self._ingestor.remove(report.id)
        return report

    def search(
        self, query: str, k: int = 5, filters: SearchFilters | None = None
    ) -> list[StoredChunk]:
        """Dense search over chunks, restricted by identity filters."""
        return self.store.search(query, k=k, where=(filters or SearchFilters()).where())
