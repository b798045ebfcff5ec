"""The one service object every front end (CLI, web app, HTTP API) calls, and nothing else.

Its collaborators — the index reader, the ingestor and the offline, fact and LLM answerers — are
built by the composition root :mod:`assistant.factory` and handed in whole; front ends never
touch Chroma, the catalogue, LangChain or the model. Every operation is typed: questions take
:class:`~assistant.filters.AskFilters` (never text glued into the question), streaming yields
:mod:`assistant.events`, tables come back as :class:`~assistant.results.FactRow`.
"""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from assistant import fact_years, project_names, sibling_docs, year_labels
from assistant.answer import Answer, Citation, Passage
from assistant.compare import FactAnswerer, metric_in, with_year_before
from assistant.conversation import Conversation, lead_label
from assistant.convert import conversions
from assistant.deductions import answer_deducted, asks_deducted, asks_why
from assistant.earlier_sides import with_earlier_sides
from assistant.events import AskEvent, FinalAnswer, SourcesEvent, TextDelta, WarningsEvent
from assistant.filters import AskFilters, SearchFilters
from assistant.indicators import answer_unmet, asks_unmet
from assistant.llm import LLMAnswerer
from assistant.offline import OfflineAnswerer
from assistant.prior_year import against_missing_year, answer_change, answer_earlier_year
from assistant.published import answer_published, asks_published
from assistant.results import FactRow, OcrLine, OcrSummary, Upload, UploadResult
from assistant.retrieval import passage_from_chunk
from assistant.scope import (
    latest_years,
    project_scope,
    refuse_no_report,
    refuse_unknown,
    select_reports,
)
from assistant.settings import Settings
from assistant.sources import IndexReader
from assistant.summary import summarise
from assistant.understanding import Catalogue, Query, understand
from assistant.uploads import discard, store_upload, upload_problem
from index.consistency import Consistency, recover_if_idle, write_lock
from index.consistency import check as check_index
from index.consistency import repair as repair_index
from index.errors import ReportAssistantError
from index.ingest import FileOutcome, Ingestor, discover_files
from index.loaders.ocr import LOW_CONFIDENCE
from index.metrics import METRICS
from index.models import FactRecord, Report

ProgressFn = Callable[[int, int, str], None]
"""Called as ``progress(done, total, current_file_name)`` during ingest."""

EMPTY_QUESTION = "请输入问题 / the question is empty."


class ReportNotFound(ReportAssistantError):
    """A report id (or prefix) that matches no indexed report, or several."""


class ReportService:
    """Ingest, list, show, correct, remove, search, ask and compare."""

    def __init__(
        self,
        reader: IndexReader,
        ingestor: Ingestor,
        offline: OfflineAnswerer,
        fact_answerer: FactAnswerer,
        llm: LLMAnswerer | None,
        settings: Settings,
    ) -> None:
        self._reader = reader
        self._lexical_dir = settings.data_dir / "lexical"
        self._ingestor = ingestor
        self._offline = offline
        self._fact_answerer = fact_answerer
        self._llm = llm
        self._settings = settings
        self._reports: tuple[tuple[int, ...], list[Report]] | None = None
        self._writing = threading.RLock()
        """One write at a time in this process (web app, API and CLI threads share a service)."""

    # The catalogue and the store, for tests and the composition root only (front ends call
    # the operations below).
    @property
    def catalog(self):  # type: ignore[no-untyped-def]
        return self._reader.catalog

    @property
    def store(self):  # type: ignore[no-untyped-def]
        return self._reader.store

    @property
    def llm_enabled(self) -> bool:
        """Whether a language model is configured (else every answer is offline)."""
        return self._llm is not None

    # -- the library ----------------------------------------------------------------------------

    def ingest(
        self,
        paths: Sequence[Path],
        overrides: dict[str, object] | None = None,
        rebuild: bool = False,
        progress: ProgressFn | None = None,
        follow_symlinks: bool = False,
    ) -> list[FileOutcome]:
        """Ingest files and folders; one outcome per file, failures and skips included."""
        return list(self.ingest_iter(paths, overrides, rebuild, progress, follow_symlinks))

    def ingest_iter(
        self,
        paths: Sequence[Path],
        overrides: dict[str, object] | None = None,
        rebuild: bool = False,
        progress: ProgressFn | None = None,
        follow_symlinks: bool = False,
    ) -> Iterator[FileOutcome]:
        """Like :meth:`ingest`, yielding each file's outcome as soon as it is known (files left
        out of named folders first), so a front end can print it at once."""
        if rebuild:
            with self._writing:
                self._ingestor.rebuild()
                self._lexical_changed()
        files, skipped = discover_files(paths, follow_symlinks)
        yield from skipped
        with self._ingestor.reading_ahead(files, dict(overrides or {})):  # parse while embedding
            for done, path in enumerate(files):
                if progress:
                    progress(done, len(files), path.name)

                def pages(page: int, total: int, done: int = done, name: str = path.name) -> None:
                    if progress:
                        progress(done, len(files), f"{name} OCR {page}/{total} 页")

                with self._writing:  # one write at a time per process; released between files
                    outcome = self._ingestor.ingest_file(path, dict(overrides or {}), pages)
                    if outcome.status in ("added", "replaced"):
                        self._lexical_changed()
                yield outcome
        if progress:
            progress(len(files), len(files), "")

    def check(self, repair: bool = False) -> Consistency:
        """Compare catalogue, chunks, facts and the lexical index; with ``repair``, make them
        agree (interrupted writes finished, strays dropped, broken reports ingested again)."""
        if not repair:
            return check_index(self.catalog, self.store, self._lexical_dir)
        with self._writing:
            with write_lock(self.catalog.path.parent):
                done, again = repair_index(self.catalog, self.store, self._lexical_dir)
            for source, overrides in again:
                outcome = self._ingestor.ingest_file(Path(source), overrides)
                done.append(outcome.message)
            self._reader.forget()
            if again:
                self._lexical_changed()
        found = check_index(self.catalog, self.store, self._lexical_dir)
        return replace(found, repaired=tuple(done))

    def _lexical_changed(self) -> None:
        """After a write: readers forget cached chunks, and the saved BM25 index is dropped (it
        is rebuilt from Chroma on the next question anyway, so a saved one is always in step,
        which is what `check` expects)."""
        self._reader.forget()
        shutil.rmtree(self._lexical_dir / "current", ignore_errors=True)

    def recover(self) -> list[str]:
        """Finish or roll back writes a dead process left journalled (none while one runs)."""
        return recover_if_idle(self.catalog, self.store)

    def add_uploads(
        self, files: Sequence[Upload], progress: ProgressFn | None = None
    ) -> list[UploadResult]:
        """Check each upload (type, size, empty), store the good ones under the data dir with a
        sanitised name and ingest them; one result per upload. Temporary copies are deleted
        whether the upload was accepted or rejected."""
        folder = self._settings.data_dir / "uploads"
        limit = self._settings.ui_max_upload_mb
        checked: list[tuple[Upload, Path | None, str | None]] = []
        for upload in files:
            try:
                size = upload.path.stat().st_size
            except OSError:
                checked.append((upload, None, f"{upload.name}：文件不存在或无法读取"))
                continue
            problem = upload_problem(upload.name, size, limit)
            stored = None if problem else store_upload(upload.path, folder, upload.name)
            if upload.temporary:
                discard(upload.path)
            checked.append((upload, stored, problem))
        accepted = list(dict.fromkeys(s for _, s, _ in checked if s is not None))
        outcomes = {o.path: o for o in self.ingest(accepted, progress=progress)} if accepted else {}
        results = []
        for upload, stored, problem in checked:
            if stored is None:
                results.append(UploadResult(upload.name, "rejected", problem or "rejected"))
                continue
            outcome = outcomes[stored]
            status, message = outcome.status, outcome.message
            results.append(UploadResult(upload.name, status, message, outcome.report_id, stored))
        return results

    def reports(self) -> list[Report]:
        """All indexed reports; re-read only when the catalogue file changed (any process)."""
        key = (*self.catalog.version(), self.store.version)
        if self._reports is None or self._reports[0] != key:
            self._reports = (key, self.catalog.all())
        return list(self._reports[1])

    def report(self, report_id: str) -> Report:
        """The report whose id is or starts with ``report_id`` (identity and normalised text)."""
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

    def chunks(self, report_id: str) -> list[Passage]:
        """A report's chunks in order: section path, span and text."""
        report = self.report(report_id)
        return [passage_from_chunk(c, 1.0) for c in self._reader.chunks(report.id)]

    def reidentify(
        self,
        report_id: str,
        county: str | None = None,
        department: str | None = None,
        year: int | str | None = None,
    ) -> list[FileOutcome]:
        """Re-index a report with a corrected identity; an empty field means "as detected"."""
        report = self.report(report_id)
        path = Path(report.path)
        if not path.is_file():
            raise ReportAssistantError(
                f"源文件已不存在：{report.path}。无法重新索引，请重新上传该报告后再修改。"
            )
        text_year = str(year or "").strip()
        if text_year and not (text_year.isdigit() and 1949 < int(text_year) < 2200):
            raise ReportAssistantError(f"年度应为四位数字，例如 2023（收到“{year}”）。")
        fields = {
            "county": (county or "").strip(),
            "department": (department or "").strip(),
            "year": text_year,
        }
        overrides = dict(report.overrides)
        for key, value in fields.items():
            current = str(getattr(report.identity, key) or "")
            if not value:
                overrides.pop(key, None)  # empty: back to what detection finds
            elif key in overrides or value != current:
                overrides[key] = int(value) if key == "year" else value
        return self.ingest([path], overrides=overrides)

    def remove(self, report_id: str) -> Report:
        """Delete a report everywhere (its source file is kept)."""
        with self._writing:
            report = self.report(report_id)
            self._ingestor.remove(report.id)
            self._lexical_changed()
            return report

    def search(
        self, query: str, k: int | None = None, filters: AskFilters | None = None
    ) -> list[Passage]:
        """Passages only (no answer), hybrid-ranked, within the filters' reports."""
        reports = self.reports()
        query_filter = self._apply_filters(Query(query, "zh"), filters, reports)
        if query_filter.unknown:
            missing = "、".join(query_filter.unknown)
            raise ReportAssistantError(f"索引中没有{missing}的报告 / no such report")
        ids = tuple(r.id for r in select_reports(query_filter, reports))
        if not ids:
            return []
        search = SearchFilters(report_ids=ids) if len(ids) < len(reports) else None
        k = k or self._settings.search_k
        fetch_k = max(self._settings.retrieval_fetch_k, 2 * k)
        return self._reader.retriever.retrieve(query, search, k=k, fetch_k=fetch_k)

    # -- facts and comparisons --------------------------------------------------------------

    def metrics(self) -> list[str]:
        """Names of the metrics the fact table knows (三公经费, 人员经费, 编制数 …)."""
        return [m.name for m in METRICS]

    def facts(
        self,
        county: str | None = None,
        department: str | None = None,
        year: int | None = None,
        metric: str | None = None,
    ) -> list[FactRow]:
        """Stored facts with their report, filtered like questions are (short names work)."""
        reports = self.reports()
        catalogue = self._catalogue(reports)
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
        return [FactRow(by_id[f.report_id], f) for f in facts]

    def fact_table(
        self,
        county: str | None = None,
        department: str | None = None,
        year: int | None = None,
        metric: str | None = None,
    ) -> list[tuple[Report, FactRecord]]:
        """(report, fact) pairs of :meth:`facts` (kept for older callers and tests)."""
        return [(row.report, row.fact) for row in self.facts(county, department, year, metric)]

    def compare(
        self,
        metric: str,
        counties: Sequence[str] = (),
        departments: Sequence[str] = (),
        years: Sequence[int | str] = (),
    ) -> list[FactRow]:
        """One metric across the chosen reports (nothing chosen = all), with section paths.

        Counties and departments are exact names as listed by :meth:`reports`; a year is the
        year the figure is about."""
        wanted_years = {int(y) for y in years if str(y).strip()}
        rows = [
            row
            for row in self.facts(metric=metric)
            if (not counties or row.report.identity.county in counties)
            and (not departments or row.report.identity.department in departments)
            and (not wanted_years or row.year in wanted_years)
        ]
        out = []
        for row in rows:
            passage = self._reader.passage_at(row.report.id, row.fact.start, row.fact.end)
            out.append(replace(row, section=passage.section if passage else None))
        return out

    # -- questions --------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        conversation: Conversation | None = None,
        filters: AskFilters | None = None,
        use_llm: bool | None = None,
    ) -> Answer:
        """Answer one question (a follow-up when ``conversation`` holds earlier turns).

        ``use_llm`` False forces the offline answerer; None uses the model when configured."""
        answer = None
        for event in self._respond(question, conversation, filters, use_llm, stream=False):
            if isinstance(event, FinalAnswer):
                answer = event.answer
        assert answer is not None
        return answer

    def ask_stream(
        self,
        question: str,
        conversation: Conversation | None = None,
        filters: AskFilters | None = None,
        use_llm: bool | None = None,
    ) -> Iterator[AskEvent]:
        """Text deltas as they are written (LLM mode), then the verified answer's sources,
        warnings and the final answer (see :mod:`assistant.events`)."""
        yield from self._respond(question, conversation, filters, use_llm, stream=True)

    def conversation_from(self, turns: Sequence[str]) -> Conversation:
        """A conversation that has understood ``turns`` (earlier user messages, oldest first)
        without answering them again: what a stateless client (the HTTP API) sends."""
        conversation = Conversation()
        reports = self.reports()
        catalogue = self._catalogue(reports)
        for turn in turns:
            if turn.strip():
                query, _ = conversation.resolve(understand(turn, catalogue), catalogue)
                conversation.remember(turn, query)
        return conversation

    def _catalogue(self, reports: Sequence[Report]) -> Catalogue:
        """What the question resolver knows of the index: identities, and its vocabulary."""
        retriever = self._reader.retriever
        return Catalogue(
            tuple(r.identity for r in reports), knows=retriever.knows, contains=retriever.contains
        )

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for: the embedding model and the
        BM25 index (at 1,000 reports reading every chunk for it takes seconds), and the word
        lists questions are read with (jieba, the English dictionary, pinyin). Servers call
        this on a background thread at start; ``eval`` before it times answers."""
        reports = self.reports()
        if reports:
            self._reader.retriever.warm_up()
            understand("How much was spent in total by the department?", self._catalogue(reports))

    def retrieve(self, question: str, k: int = 5) -> list[Passage]:
        """The passages the answerer starts from, best first (to evaluate retrieval)."""
        reports = self.reports()
        query = understand(question, self._catalogue(reports))
        targets = project_scope(query, select_reports(query, reports)) or reports
        return self._reader.retrieve_in(query.zh_text or query.text, [r.id for r in targets], k)

    def _respond(
        self,
        question: str,
        conversation: Conversation | None,
        filters: AskFilters | None,
        use_llm: bool | None,
        stream: bool,
    ) -> Iterator[AskEvent]:
        started = time.perf_counter()
        reports = self.reports()
        if not question.strip():
            yield from _finish(Answer(question, EMPTY_QUESTION, True))
            return
        if not reports:
            empty = "索引为空：请先导入报告（report-assistant ingest PATH）。"
            yield from _finish(Answer(question, empty, True))
            return
        catalogue = self._catalogue(reports)
        query = self._apply_filters(understand(question, catalogue), filters, reports)
        notes: list[str] = []
        history: list[str] = []
        if conversation is not None:
            history = list(conversation.turns)
            query, notes = conversation.resolve(query, catalogue)
        targets = [] if query.unknown else project_scope(query, select_reports(query, reports))
        if not targets:  # "2022年…compared with 2021" with no 2021 report: the 2022 report's change
            query, targets = against_missing_year(query, reports) or (query, targets)
        every_year = targets
        targets, left = latest_years(query, targets)
        years = sorted({r.identity.year for r in targets if r.identity.year})
        if left and len(years) == 1:  # a follow-up's "去年" counts from the year answered
            query = replace(query, years=tuple(years))
        if conversation is not None:
            conversation.remember(question, query)
        earlier = None if targets else self._earlier_year(query, reports)
        if earlier is None and not targets and set(query.unknown) <= {str(y) for y in query.years}:
            reader = self._reader  # another year's report writes a figure under that year
            earlier = year_labels.labelled_elsewhere(
                query, reports, reader.report_text, reader.passage_at
            )
        if earlier is not None:  # that year's report is missing; the next one states it
            answer = earlier
        elif query.unknown:
            answer = refuse_unknown(query, reports)
        else:
            answer = (self._answer(query, targets) if targets else None) or refuse_no_report(
                query, reports
            )
            written = project_names.as_written(query, targets, self._reader.report_text)
            if answer.refused and written != query:
                # "动物防疫项目" the report names 动物疫病强制免疫及防控项目: asked as written
                again = self._answer(written, targets)
                answer = answer if again.refused else again
            if left and answer.refused:  # the latest report does not say: every year's might
                answer = self._answer(replace(query, years=()), every_year)
            elif left:
                answer = replace(
                    answer, warnings=(*answer.warnings, _latest_note(query, years, left))
                )
        if not answer.refused:  # "折合成元呢": the lead's amounts in the unit asked
            answer = replace(
                answer, answer="\n".join([answer.answer, *conversions(query.text, answer.answer)])
            )
        reader = self._reader  # a figure another report of the body gives for the same year
        answer = year_labels.check(
            answer, reports, reader.report_text, reader.passage_at, query.zh_text or query.text
        )
        answer = fact_years.check(
            answer, query, reports, reader.facts_of, reader.report_text, reader.passage_at
        )
        answer = sibling_docs.check(answer, query, reports, reader.facts_of)
        with_llm = self._llm is not None and use_llm is not False and targets
        if with_llm:
            answer = yield from self._with_llm(query, targets, history, answer, stream)
        if conversation is not None:
            conversation.subjects = tuple(answer.meta.get("subjects", ()))
            conversation.lead_label = "" if answer.refused else lead_label(answer.answer)
            conversation.answered(answer)  # "年初预算呢": of the year that answered
        scanned = self._ocr_warnings(answer.citations)
        warnings = tuple(dict.fromkeys((*notes, *answer.warnings, *scanned)))
        meta = {**answer.meta, "ms": round(1000 * (time.perf_counter() - started), 1)}
        final = replace(answer, question=question, warnings=warnings, meta=meta)
        yield from _finish(final, streamed=bool(with_llm))

    def source_pages(self, report_id: str, start: int, end: int) -> list[int]:
        """Pages of a scanned report that the span ``[start, end)`` was read from by OCR
        (1-based; empty when the span did not come from OCR)."""
        return sorted({line.page for line in self.catalog.ocr_lines(report_id, start, end)})

    def source_lines(self, report_id: str, start: int, end: int) -> list[OcrLine]:
        """The OCR lines (page, box in PDF points from the top left, text, confidence, span)
        that the span ``[start, end)`` of a scanned report was read from; empty for text."""
        return self.catalog.ocr_lines(report_id, start, end)

    def ocr_summaries(self) -> dict[str, OcrSummary]:
        """For each report with pages read by OCR: those pages and its line counts."""
        return {
            rid: OcrSummary(pages, lines, low)
            for rid, (pages, lines, low) in self.catalog.ocr_summary(LOW_CONFIDENCE).items()
        }

    def _ocr_warnings(self, citations: Sequence[Citation]) -> list[str]:
        """A warning for each cited passage holding a figure OCR read with low confidence."""
        out = []
        for c in citations:
            doubtful = [
                line
                for line in self.catalog.ocr_lines(c.report_id, c.start, c.end)
                if line.confidence < LOW_CONFIDENCE and any(ch.isdigit() for ch in line.text)
            ]
            if doubtful:
                worst = min(doubtful, key=lambda line: line.confidence)
                out.append(
                    f"[{c.n}] 出自扫描件第{worst.page}页的文字识别（OCR），「{worst.text[:30]}」"
                    f"识别置信度{worst.confidence:.2f}，数字可能有误，请对照原件核对。"
                )
        return out

    def _apply_filters(
        self, query: Query, filters: AskFilters | None, reports: Sequence[Report]
    ) -> Query:
        """Fill the slots the question leaves open from the filters (resolved to indexed
        names); a filter value no report has is added to ``unknown`` so it is refused."""
        if filters is None or filters.empty:
            return query
        catalogue = self._catalogue(reports)
        unknown = list(query.unknown)
        counties, departments, years = query.counties, query.departments, query.years
        if filters.county and not counties:
            found = (
                (filters.county,)
                if filters.county in catalogue.counties
                else understand(filters.county, catalogue).counties
            )
            counties = found or counties
            unknown += [] if found else [filters.county]
        if filters.department and not departments:
            found = (
                (filters.department,)
                if filters.department in catalogue.departments
                else understand(filters.department, catalogue).departments
            )
            departments = found or departments
            unknown += [] if found else [filters.department]
        if filters.year is not None and not years:
            if filters.year in catalogue.years:
                years = (filters.year,)
            else:
                unknown.append(f"{filters.year}年")
        return replace(
            query,
            counties=counties,
            departments=departments,
            years=years,
            unknown=tuple(dict.fromkeys(unknown)),
        )

    def _with_llm(
        self,
        query: Query,
        targets: list[Report],
        history: list[str],
        offline: Answer,
        stream: bool,
    ) -> Generator[AskEvent, None, Answer]:
        """The model's verified answer; the offline answer, with a warning, if the model fails."""
        assert self._llm is not None
        try:
            ctx = self._llm.context(query, targets, history)
            if stream:
                parts = []
                for piece in self._llm.stream(ctx):
                    parts.append(piece)
                    yield TextDelta(piece)
                draft = "".join(parts)
            else:
                draft = self._llm.generate.invoke(ctx)
            answer = self._llm.finish(ctx, draft, offline)
            return replace(answer, refused=_says_not_found(answer.answer))
        except Exception as exc:  # timeouts, 401, refused connections, empty or odd output
            reason = f"{type(exc).__name__}: {str(exc)[:120]}"
            warning = f"大模型调用失败（{reason}），以下为离线答案。"
            yield TextDelta(offline.answer)
            return replace(
                offline,
                warnings=(warning, *offline.warnings),
                meta={**offline.meta, "mode": "offline-fallback"},
            )

    def _earlier_year(self, query: Query, reports: Sequence[Report]) -> Answer | None:
        """A year whose report is missing while the body's next year's report states that
        year's figure (a column for it, or a change against it); None: refuse as usual."""
        asked = {str(y) for y in query.years}
        if not query.years or not set(query.unknown) <= asked:
            return None  # an unknown county or department is refused whatever the year
        reader = self._reader
        return answer_earlier_year(
            replace(query, unknown=()), reports, reader.facts_of, reader.passage_at,
            reader.report_text,
        )  # fmt: skip

    def _answer(self, query: Query, targets: list[Report]) -> Answer:
        """Comparisons across reports or years from the fact table; everything else (and any
        comparison the fact table cannot serve) by quoting the passages."""
        if asks_unmet(query.text):
            unmet = answer_unmet(query, targets, self._reader.passage_at)
            if unmet is not None:
                return unmet
        if asks_published(query.text):  # "哪天发布的": the date its page or signature gives
            published = answer_published(query, targets, self._reader.passage_at)
            if published is not None:
                return published
        why = asks_why(query.text) and bool(query.topics)  # "为什么" after the list
        if asks_deducted(query.zh_text or query.text) or why:
            asked = f"{query.context} {query.topic} {query.zh_text or query.text}"
            only = query.topics if why else ()
            lost = answer_deducted(query.text, asked, targets, self._reader.passage_at, only)
            if lost is not None:
                return lost
        many = summarise(query, targets, self._reader.facts_of, self._reader.passage_at)
        if many is not None:  # a question naming no county over many reports
            return many
        reader = self._reader
        change = (
            None  # "哪一段讲了支出增加的原因": where, answered by the locate answerer
            if query.intent == "locate"
            else answer_change(
                query, targets, reader.facts_of, reader.passage_at, reader.report_text
            )
        )
        if change is not None:  # "比上年减少了多少": the change the report states
            return change
        # "2022年三个单位排个序" where some bodies have only their 2023 report: its 2022 column
        wider = with_earlier_sides(
            query, targets, select_reports(replace(query, years=()), self.reports())
        )
        if len(wider) > len(targets):  # only a full comparison from the fact table, never
            ranked = self._fact_answerer.answer(query, wider)  # the later year's own figures
            if ranked is not None and not ranked.meta.get("missing"):
                return ranked
        # "今年比去年多多少" and the body's previous year is indexed too: both years compared
        query, targets = with_year_before(query, targets, self.reports())
        two_years = len(targets) == 1 and len(set(query.years)) == 2
        if query.intent == "compare" and (len(targets) > 1 or two_years):
            from_facts = self._fact_answerer.answer(query, targets)
            if from_facts is not None and from_facts.meta.get("missing") and len(targets) <= 3:
                # a side the fact table lacks: the quotes may state it ("实际支出4.85万元")
                quoted = self._offline.answer(query, targets)
                if not quoted.refused and "未找到" not in quoted.answer:
                    return quoted
            if from_facts is not None:
                return from_facts
        if len(set(query.years)) == 2 and min(query.years) not in {
            r.identity.year for r in targets
        }:  # "22年是多少？跟23年比呢？", only the 2023 report and no column for 2022: its change
            earlier = self._earlier_year(query, self.reports())
            if earlier is not None:
                return earlier
        return self._offline.answer(query, targets)


def _finish(answer: Answer, streamed: bool = False) -> Iterator[AskEvent]:
    """The closing events of a question: the text (unless the model streamed it), sources,
    warnings and the final answer."""
    if not streamed:
        yield TextDelta(answer.answer)
    yield SourcesEvent(answer.citations)
    if answer.warnings:
        yield WarningsEvent(answer.warnings)
    yield FinalAnswer(answer)


_NOT_FOUND = re.compile(
    r"未找到|没有找到|无法回答|未提供|没有提及|not found|do not (say|state)", re.I
)


def _says_not_found(text: str) -> bool:
    """A model answer that only says the reports do not answer (no figure in it)."""
    return bool(_NOT_FOUND.search(text)) and not re.search(r"\d", _MARKERS.sub("", text))


_MARKERS = re.compile(r"\[\d+\]")


def _latest_note(query: Query, years: Sequence[int], left: Sequence[int]) -> str:
    """The warning that a question naming no year was answered from the latest report."""
    shown, other = "、".join(map(str, years)), "、".join(map(str, left))
    if query.language == "en":
        return f"No year named: answered from the latest report ({shown}); {other} is indexed too."
    return f"未指明年度：按最新的{shown}年度报告回答（另有{other}年度报告，可指明年度再问）。"
