"""The one service object every front end (CLI, UI, HTTP API) calls.

It owns the catalogue, the chunk store and the embedding model, built lazily by the composition
root in :mod:`assistant.factory`; front ends never touch Chroma, LangChain or the model.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from assistant.answer import Answer, Passage
from assistant.compare import FactAnswerer, metric_in
from assistant.conversation import Conversation
from assistant.filters import SearchFilters
from assistant.indicators import answer_unmet, asks_unmet
from assistant.llm import LLMAnswerer
from assistant.offline import OfflineAnswerer
from assistant.retrieval import HybridRetriever, passage_from_chunk
from assistant.scope import refuse_no_report, refuse_unknown, select_reports
from assistant.understanding import Catalogue, Query, understand
from index.catalog import Catalog
from index.errors import ReportAssistantError
from index.ingest import FileOutcome, Ingestor, discover
from index.models import FactRecord, Report
from index.vectorstore import ChunkStore, StoredChunk

ProgressFn = Callable[[int, int, str], None]
"""Called as ``progress(done, total, current_file_name)`` during ingest."""


class ReportNotFound(ReportAssistantError):
    """A report id (or prefix) that matches no indexed report, or several."""


class ReportService:
    """Ingest, list, show, remove, search and ask."""

    def __init__(
        self,
        catalog: Catalog,
        store: ChunkStore,
        ingestor: Ingestor,
        retriever: HybridRetriever,
        llm: Callable[[ReportService], LLMAnswerer] | None = None,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.retriever = retriever
        self._ingestor = ingestor
        self.answerer = OfflineAnswerer(
            self._retrieve_in,
            self._report_text,
            lambda report_id: self.catalog.facts(report_ids=[report_id]),
            self.passage_at,
            retriever.knows,
        )
        self.fact_answerer = FactAnswerer(self._facts_of, self.passage_at)
        self._texts: dict[str, str] = {}
        self._reports: tuple[tuple[int, int, int], list[Report]] | None = None
        self._chunks: dict[str, tuple[int, list[StoredChunk]]] = {}
        self.llm: LLMAnswerer | None = llm(self) if llm is not None else None

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
        """All indexed reports; re-read only when the catalogue file changed (any process)."""
        key = (*self.catalog.version(), self.store.version)
        if self._reports is None or self._reports[0] != key:
            self._reports = (key, self.catalog.all())
        return list(self._reports[1])

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
        answer = None
        for event in self._respond(question, conversation, stream=False):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def ask_stream(
        self, question: str, conversation: Conversation | None = None
    ) -> Iterator[str | Answer]:
        """Text pieces as they are written (LLM mode), then the final, verified Answer.

        The final answer can differ from the streamed draft when verification repaired it;
        front ends replace the draft with it."""
        yield from self._respond(question, conversation, stream=True)

    def _respond(
        self, question: str, conversation: Conversation | None, stream: bool
    ) -> Iterator[str | Answer]:
        started = time.perf_counter()
        reports = self.reports()
        if not reports:
            empty = Answer(
                question, "索引为空：请先导入报告（report-assistant ingest PATH）。", True
            )
            yield empty.answer
            yield empty
            return
        catalogue = Catalogue(tuple(r.identity for r in reports))
        query = understand(question, catalogue)
        notes: list[str] = []
        history: list[str] = []
        if conversation is not None:
            history = list(conversation.turns)
            query, notes = conversation.resolve(query, catalogue)
            conversation.remember(question, query)
        targets = [] if query.unknown else select_reports(query, reports)
        if query.unknown:
            answer = refuse_unknown(query, reports)
        else:
            answer = (self._answer(query, targets) if targets else None) or refuse_no_report(
                query, reports
            )
        if self.llm is not None and targets:
            answer = yield from self._with_llm(query, targets, history, answer, stream)
        else:
            yield answer.answer
        if conversation is not None:
            conversation.subjects = tuple(answer.meta.get("subjects", ()))
        warnings = tuple(dict.fromkeys((*notes, *answer.warnings)))
        meta = {**answer.meta, "ms": round(1000 * (time.perf_counter() - started), 1)}
        yield replace(answer, question=question, warnings=warnings, meta=meta)

    def _with_llm(
        self,
        query: Query,
        targets: list[Report],
        history: list[str],
        offline: Answer,
        stream: bool,
    ) -> Generator[str, None, Answer]:
        """The model's verified answer; the offline answer, with a warning, if the model fails."""
        assert self.llm is not None
        try:
            ctx = self.llm.context(query, targets, history)
            if stream:
                parts = []
                for piece in self.llm.stream(ctx):
                    parts.append(piece)
                    yield piece
                draft = "".join(parts)
            else:
                draft = self.llm.generate.invoke(ctx)
            answer = self.llm.finish(ctx, draft, offline)
            return replace(answer, refused=_says_not_found(answer.answer))
        except Exception as exc:  # timeouts, 401, refused connections, empty or odd output
            reason = f"{type(exc).__name__}: {str(exc)[:120]}"
            warning = f"大模型调用失败（{reason}），以下为离线答案。"
            yield offline.answer
            return replace(
                offline,
                warnings=(warning, *offline.warnings),
                meta={**offline.meta, "mode": "offline-fallback"},
            )

    def _answer(self, query: Query, targets: list[Report]) -> Answer:
        """Comparisons across reports or years from the fact table; everything else (and any
        comparison the fact table cannot serve) by quoting the passages."""
        if asks_unmet(query.text):
            unmet = answer_unmet(query, targets, self.passage_at)
            if unmet is not None:
                return unmet
        if query.intent == "compare" and len(targets) > 1:
            from_facts = self.fact_answerer.answer(query, targets)
            if from_facts is not None:
                return from_facts
        return self.answerer.answer(query, targets)

    def passage_at(self, report_id: str, start: int, end: int) -> Passage | None:
        """The stored chunk of a report that holds the span [start, end)."""
        version, chunks = self._chunks.get(report_id, (-1, []))
        if version != self.store.version or not chunks:
            chunks = self.store.chunks(where={"report_id": report_id})
            self._chunks[report_id] = (self.store.version, chunks)
        for chunk in chunks:
            meta = chunk.metadata
            if meta.get("start", 0) <= start and end <= meta.get("end", 0):
                return passage_from_chunk(chunk, 1.0)
        return None

    def fact_table(
        self,
        county: str | None = None,
        department: str | None = None,
        year: int | None = None,
        metric: str | None = None,
    ) -> list[tuple[Report, FactRecord]]:
        """Stored facts with their report, filtered like questions are (short names work)."""
        reports = self.reports()
        catalogue = Catalogue(tuple(r.identity for r in reports))
        wanted = understand(" ".join(x for x in (county, department) if x), catalogue)
        if (county and not wanted.counties) or (department and not wanted.departments):
            raise ReportAssistantError(
                f"索引中没有 {county or ''}{department or ''} 的报告 / no such report"
            )
        chosen = [
            r
            for r in reports
            if (not wanted.counties or r.identity.county in wanted.counties)
            and (not wanted.departments or r.identity.department in wanted.departments)
            and (year is None or r.identity.year == year)
        ]
        by_id = {r.id: r for r in chosen}
        name = None
        if metric:
            found = metric_in(metric)
            if found is None:
                raise ReportAssistantError(f"未知指标 / unknown metric: {metric}")
            name = found.name
        facts = self.catalog.facts(metric=name, report_ids=list(by_id)) if by_id else []
        return [(by_id[f.report_id], f) for f in facts]

    def _facts_of(self, metric: str, report_ids: Sequence[str]) -> list[FactRecord]:
        return self.catalog.facts(metric=metric, report_ids=report_ids)

    def retrieve(self, question: str, k: int = 5) -> list[Passage]:
        """The passages the answerer starts from, best first (to evaluate retrieval)."""
        reports = self.reports()
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


_NOT_FOUND = re.compile(
    r"未找到|没有找到|无法回答|未提供|没有提及|not found|do not (say|state)", re.I
)


def _says_not_found(text: str) -> bool:
    """A model answer that only says the reports do not answer (no figure in it)."""
    return bool(_NOT_FOUND.search(text)) and not re.search(r"\d", _MARKERS.sub("", text))


_MARKERS = re.compile(r"\[\d+\]")
