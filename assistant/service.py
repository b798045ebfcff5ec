"""The one service object every front end (CLI, UI, HTTP API) calls.

It owns the catalogue, the chunk store and the embedding model, built lazily by the composition
root in :mod:`assistant.factory`; front ends never touch Chroma, LangChain or the model.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.answer import Answer, Passage
from assistant.conversation import Conversation
from assistant.offline import OfflineAnswerer
from assistant.scope import refuse_no_report, refuse_unknown, select_reports
from assistant.understanding import Catalogue, understand
from index.catalog import Catalog
from index.errors import ReportAssistantError
from index.ingest import FileOutcome, Ingestor, discover
from index.models import Report
from index.vectorstore import ChunkStore, StoredChunk

if TYPE_CHECKING:
    from assistant.retrieval import HybridRetriever

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
    report_ids: tuple[str, ...] | None = None

    def where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = [
            {key: value}
            for key, value in (
                ("county", self.county),
                ("department", self.department),
                ("year", self.year),
                ("report_id", self.report_id),
            )
            if value is not None
        ]
        if self.report_ids is not None:
            ids = list(self.report_ids)
            clauses.append({"report_id": ids[0]} if len(ids) == 1 else {"report_id": {"$in": ids}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class ReportService:
    """Ingest, list, show, remove, search and ask."""

    def __init__(
        self,
        catalog: Catalog,
        store: ChunkStore,
        ingestor: Ingestor,
        retriever: HybridRetriever,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.retriever = retriever
        self._ingestor = ingestor
        self.answerer = OfflineAnswerer(self._retrieve_in, self._report_text)
        self._texts: dict[str, str] = {}

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

    # -- questions --------------------------------------------------------------------------

    def ask(self, question: str, conversation: Conversation | None = None) -> Answer:
        """Answer one question (a follow-up when ``conversation`` holds earlier turns)."""
        started = time.perf_counter()
        reports = self.catalog.all()
        if not reports:
            return Answer(
                question, "索引为空：请先导入报告（report-assistant ingest PATH）。", True
            )
        catalogue = Catalogue(tuple(r.identity for r in reports))
        query = understand(question, catalogue)
        notes: list[str] = []
        if conversation is not None:
            query, notes = conversation.resolve(query, catalogue)
            conversation.remember(question, query)
        if query.unknown:
            answer = refuse_unknown(query, reports)
        else:
            targets = select_reports(query, reports)
            answer = (
                self.answerer.answer(query, targets)
                if targets
                else refuse_no_report(query, reports)
            )
        warnings = tuple(dict.fromkeys((*notes, *answer.warnings)))
        meta = {**answer.meta, "ms": round(1000 * (time.perf_counter() - started), 1)}
        return replace(answer, question=question, warnings=warnings, meta=meta)

    def retrieve(self, question: str, k: int = 5) -> list[Passage]:
        """The passages the answerer starts from, best first (to evaluate retrieval)."""
        reports = self.catalog.all()
        query = understand(question, Catalogue(tuple(r.identity for r in reports)))
        targets = select_reports(query, reports) or reports
        return self._retrieve_in(query.text, [r.id for r in targets], k)

    def _retrieve_in(self, text: str, report_ids: Sequence[str], k: int) -> list[Passage]:
        filters = SearchFilters(report_ids=tuple(report_ids)) if report_ids else None
        return self.retriever.retrieve(text, filters, k=k, fetch_k=max(30, 2 * k))

    def _report_text(self, report_id: str) -> str:
        if report_id not in self._texts:
            report = self.catalog.get(report_id)
            self._texts[report_id] = report.text if report else ""
        return self._texts[report_id]
