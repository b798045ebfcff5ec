"""Read access to the index the answerers share: passages by retrieval or by span, report
texts and stored facts. Built by :mod:`assistant.factory` and handed to the answerers and to
the service alike, so no collaborator calls back into the service."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from assistant.answer import Passage
from assistant.filters import SearchFilters
from assistant.own_totals import TOTAL_METRICS, names_narrower
from assistant.retrieval import HybridRetriever, passage_from_chunk
from assistant.tables import caption_just_above, caption_start
from index.catalog import Catalog
from index.models import FactRecord
from index.vectorstore import ChunkStore, StoredChunk


class IndexReader:
    """Passages, texts and facts of the indexed reports, cached per store version."""

    def __init__(
        self, catalog: Catalog, store: ChunkStore, retriever: HybridRetriever, fetch_k: int = 30
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.retriever = retriever
        self._fetch_k = fetch_k
        self._texts: dict[str, str] = {}
        self._chunks: dict[str, tuple[int, list[StoredChunk]]] = {}

    def retrieve_in(self, text: str, report_ids: Sequence[str], k: int) -> list[Passage]:
        """The ``k`` best passages for ``text`` within ``report_ids`` (all reports if empty)."""
        filters = SearchFilters(report_ids=tuple(report_ids)) if report_ids else None
        return self.retriever.retrieve(text, filters, k=k, fetch_k=max(self._fetch_k, 2 * k))

    def chunks(self, report_id: str) -> list[StoredChunk]:
        """A report's stored chunks in order (re-read when this process wrote to the store)."""
        version, chunks = self._chunks.get(report_id, (-1, []))
        if version != self.store.version or not chunks:
            chunks = self.retriever.chunks_in_memory(report_id) or self.store.chunks(
                where={"report_id": report_id}
            )
            self._chunks[report_id] = (self.store.version, chunks)
        return chunks

    def passage_at(self, report_id: str, start: int, end: int) -> Passage | None:
        """The stored chunk of a report that holds the span [start, end); when the span is a
        table row whose unit caption ("单位：万元") lies above the chunk, the passage is widened
        to start at the caption, so a cited cell is never shown without its unit."""
        for chunk in self.chunks(report_id):
            meta = chunk.metadata
            if meta.get("start", 0) <= start and end <= meta.get("end", 0):
                return self._with_caption(passage_from_chunk(chunk, 1.0), start)
        return None

    def _with_caption(self, passage: Passage, start: int) -> Passage:
        text = self.report_text(passage.report_id)
        line = text.rfind("\n", 0, start) + 1
        eol = text.find("\n", start)
        if "\t" in text[line : eol if eol >= 0 else len(text)]:
            caption = caption_start(text, line)
        else:  # a space-aligned table read as one line: its caption only just above
            caption = caption_just_above(text, line)
        if caption is None or caption >= passage.start:
            return passage
        return replace(
            passage,
            chunk_id=f"{passage.chunk_id}@{caption}",
            text=text[caption : passage.end],
            start=caption,
            header=None,
        )

    def report_text(self, report_id: str) -> str:
        if report_id not in self._texts:
            report = self.catalog.get(report_id)
            self._texts[report_id] = report.text if report else ""
        return self._texts[report_id]

    def facts_of(self, metric: str, report_ids: Sequence[str]) -> list[FactRecord]:
        """Stored facts of ``metric``; a 收入/支出 total whose words name a narrower item
        ("政府采购支出合计") is left out: it is not the body's total."""
        found = self.catalog.facts(metric=metric, report_ids=report_ids)
        if metric not in TOTAL_METRICS:
            return found
        return [f for f in found if not names_narrower(self.report_text(f.report_id), f)]

    def report_facts(self, report_id: str) -> list[FactRecord]:
        """Stored facts of one report, without totals that name a narrower item (as
        :meth:`facts_of`)."""
        found = self.catalog.facts(report_ids=[report_id])
        text = self.report_text(report_id) if any(f.metric in TOTAL_METRICS for f in found) else ""
        return [f for f in found if f.metric not in TOTAL_METRICS or not names_narrower(text, f)]

    def forget(self) -> None:
        """Drop cached texts (after a report was replaced or removed)."""
        self._texts.clear()
        self._chunks.clear()
