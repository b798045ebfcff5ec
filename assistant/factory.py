"""Composition root: the only place that builds the store, the embedder and the service."""

from __future__ import annotations

import functools
import logging
import os
import warnings
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.llm import LLMAnswerer
from assistant.retrieval import HybridRetriever
from assistant.service import ReportService
from assistant.settings import Settings
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


def build_service(settings: Settings, embeddings: Embeddings | None = None) -> ReportService:
    """Wire the service from settings; the embedding model loads on first use, not here."""
    configure_environment(settings)

    @functools.cache
    def get_embeddings() -> Embeddings:
        if embeddings is not None:
            return embeddings
        return load_embeddings(
            settings.embedding_model,
            device=settings.embedding_device,
            batch_size=settings.embedding_batch_size,
        )

    store = ChunkStore(
        embeddings=_LazyEmbeddings(get_embeddings),
        collection=settings.collection,
        persist_dir=settings.chroma_dir,
        host=settings.chroma_host,
        port=settings.chroma_port,
    )
    catalog = Catalog(settings.catalog_path)
    lexical = LexicalCache(settings.data_dir / "lexical", store)
    ingestor = Ingestor(
        catalog,
        store,
        get_embeddings,
        max_tokens=settings.chunk_max_tokens,
        max_bytes=int(settings.max_file_mb * 1_000_000),
        max_chars=settings.max_report_chars,
    )
    service = ReportService(
        catalog,
        store,
        ingestor,
        HybridRetriever(store, lexical),
        llm=_llm_builder(settings),
        lexical_dir=settings.data_dir / "lexical",
    )
    service.recover()  # a write a killed process left half done is finished or rolled back
    return service


def _llm_builder(settings: Settings):  # type: ignore[no-untyped-def]
    """A factory of the LLM answerer when a model is configured, else None (offline mode)."""
    if not settings.llm_enabled:
        return None

    def build(service: ReportService) -> LLMAnswerer:
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
            service._retrieve_in,
            service.passage_at,
            service._facts_of,
            settings.llm_context_tokens,
        )

    return build


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

    def __call__(self) -> LexicalIndex:
        count = self._store.count()
        if self._index is None or count != self._count or self._store.version != self._seen:
            self._index = LexicalIndex.load_or_build(self._folder, self._store)
            self._count = count
            self._seen = self._store.version
        return self._index
