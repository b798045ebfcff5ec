"""Composition root: the only place that builds the store, the embedder and the service."""

from __future__ import annotations

import functools
import logging
import os
import sys
import threading
import warnings
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.compare import FactAnswerer
from assistant.llm import LLMAnswerer
from assistant.offline import OfflineAnswerer
from assistant.retrieval import HybridRetriever
from assistant.service import ReportService
from assistant.settings import Settings
from assistant.sources import IndexReader
from index.catalog import Catalog
from index.embeddings import load_embeddings
from index.ingest import Ingestor
from index.lexical import LexicalIndex
from index.tokens import seed_tiktoken_cache
from index.vectorstore import ChunkStore


def configure_environment(settings: Settings) -> None:
    """Offline defaults: no hub calls, no telemetry, tiktoken served from the shipped table."""
    if settings.hf_offline:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    seed_tiktoken_cache(settings.cache_dir / "tiktoken")
    for noisy in ("chromadb.telemetry", "sentence_transformers", "transformers", "httpx"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", category=FutureWarning)


def silence_libraries() -> None:
    """Libraries' own progress bars, log lines and warnings ("Loading weights …", tqdm bars of
    transformers and the hub, FutureWarnings) are turned off; call before the model loads."""
    for key, value in (
        ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
        ("TRANSFORMERS_VERBOSITY", "error"),
        ("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1"),
        ("TOKENIZERS_PARALLELISM", "false"),
        ("ANONYMIZED_TELEMETRY", "False"),
    ):
        os.environ.setdefault(key, value)
    for noisy in (
        "chromadb",
        "sentence_transformers",
        "transformers",
        "huggingface_hub",
        "httpx",
        "jieba",
    ):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")
    if "transformers" in sys.modules:  # imported before the variables were set
        import transformers.utils.logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()


def build_service(settings: Settings, embeddings: Embeddings | None = None) -> ReportService:
    """Wire the service from settings; the embedding model loads on first use, not here.

    Every collaborator is built here and handed in whole: the index reader (catalogue, store,
    hybrid retriever), the ingestor, and the offline, fact and LLM answerers reading through
    that reader — none of them calls back into the service."""
    configure_environment(settings)

    @functools.cache
    def get_embeddings() -> Embeddings:
        if embeddings is not None:
            return embeddings
        return load_embeddings(
            settings.embedding_model,
            device=settings.embedding_device,
            batch_size=settings.embedding_batch_size,
            backend=settings.embedding_backend,
            cache_dir=settings.cache_dir / "onnx",
        )

    store = ChunkStore(
        embeddings=_LazyEmbeddings(get_embeddings),
        collection=settings.collection,
        persist_dir=settings.chroma_dir,
        host=settings.chroma_host,
        port=settings.chroma_port,
    )
    catalog = Catalog(settings.catalog_path)
    retriever = HybridRetriever(
        store,
        LexicalCache(settings.data_dir / "lexical", store),
        rrf_k=settings.retrieval_rrf_k,
        dense_weight=settings.retrieval_dense_weight,
        lexical_weight=settings.retrieval_lexical_weight,
        figure_weight=settings.retrieval_figure_weight,
    )
    reader = IndexReader(catalog, store, retriever, fetch_k=settings.retrieval_fetch_k)
    ingestor = Ingestor(
        catalog,
        store,
        get_embeddings,
        max_tokens=settings.chunk_max_tokens,
        max_bytes=int(settings.max_file_mb * 1_000_000),
        max_chars=settings.max_report_chars,
    )
    offline = OfflineAnswerer(
        reader.retrieve_in,
        reader.report_text,
        reader.report_facts,
        reader.passage_at,
        reader.retriever.knows,
        max_reports=settings.answer_max_reports,
        per_report=settings.answer_per_report,
    )
    facts = FactAnswerer(reader.facts_of, reader.passage_at, reader.report_text)
    service = ReportService(reader, ingestor, offline, facts, build_llm(settings, reader), settings)
    service.recover()  # a write a killed process left half done is finished or rolled back
    return service


def build_llm(settings: Settings, reader: IndexReader) -> LLMAnswerer | None:
    """The LLM answerer when a model is configured, else None (offline mode)."""
    if not settings.llm_enabled:
        return None
    from langchain_openai import ChatOpenAI

    model = ChatOpenAI(
        base_url=settings.resolved_llm_base_url,
        api_key=settings.resolved_llm_api_key,
        model=settings.llm_model,
        temperature=settings.llm_temperature,
        timeout=settings.llm_timeout,
        max_retries=0,
    )
    return LLMAnswerer(
        model,
        reader.retrieve_in,
        reader.passage_at,
        reader.facts_of,
        settings.llm_context_tokens,
        per_report=settings.llm_per_report,
    )


class _LazyEmbeddings(Embeddings):
    """Defers loading the model until a query or document is actually embedded."""

    def __init__(self, factory: functools._lru_cache_wrapper) -> None:  # type: ignore[type-arg]
        self._factory = factory

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._factory().embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._factory().embed_query(text)


class LexicalCache:
    """The BM25 index, loaded (or rebuilt) on first use and again whenever Chroma changes.

    The chunk count is a cheap change signal; ingest and remove also change the id set, which
    ``LexicalIndex.load_or_build`` checks by fingerprint before trusting the saved index."""

    def __init__(self, folder: Path, store: ChunkStore) -> None:
        self._folder = folder
        self._store = store
        self._index: LexicalIndex | None = None
        self._count = -1
        self._seen = -1
        self._lock = threading.Lock()  # one load at a time (a warm-up thread and a question)

    def __call__(self) -> LexicalIndex:
        with self._lock:
            count = self._store.count()
            if self._index is None or count != self._count or self._store.version != self._seen:
                self._index = LexicalIndex.load_or_build(self._folder, self._store)
                self._count = count
                self._seen = self._store.version
            return self._index

    def loaded(self) -> LexicalIndex | None:
        """The index when it is in memory and still current; never loads or builds it."""
        if self._index is None or self._store.version != self._seen:
            return None
        return self._index  # other processes' writes are seen at the next retrieval
