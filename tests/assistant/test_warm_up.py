"""Warm-up loads the BM25 index before the first question; cited passages then come from it."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "answering"


def test_warm_up_loads_the_lexical_index_and_chunks_come_from_memory(make_service):
    service = make_service()
    service.warm_up()  # an empty library: nothing to load, no error
    retriever = service._reader.retriever
    assert retriever.chunks_in_memory("any") is None
    service.ingest([FIXTURES])
    report = service.reports()[0]
    assert retriever.chunks_in_memory(report.id) is None  # the write made the index stale
    service.warm_up()
    in_memory = retriever.chunks_in_memory(report.id)
    from_store = service._reader.store.chunks(where={"report_id": report.id})
    assert in_memory and [c.id for c in in_memory] == [c.id for c in from_store]
    assert [c.text for c in in_memory] == [c.text for c in from_store]
