"""Chunks in Chroma: written with their own embeddings, searched through langchain-chroma.

What is embedded is the passage prefixed with the report identity and section path; what is
stored (the Chroma document) is the passage itself, so citations quote the report exactly.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import InternalError
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings

from index.models import PATH_SEP, Chunk, ReportIdentity

_UPSERT_BATCH = 512
_GENERATION = "generation"
"""File beside the Chroma files replaced on every write (the cross-process change signal)."""


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as read back from Chroma, with its score when it came from a search."""

    id: str
    text: str
    metadata: dict[str, Any]
    score: float | None = None


def chunk_metadata(chunk: Chunk, identity: ReportIdentity, file: str) -> dict[str, Any]:
    """Flat metadata Chroma can filter on; None fields are left out (Chroma rejects None)."""
    meta: dict[str, Any] = {
        "report_id": chunk.report_id,
        "file": file,
        "county": identity.county,
        "department": identity.department,
        "year": identity.year,
        "doc_type": identity.doc_type,
        "section": PATH_SEP.join(chunk.section_path),
        "start": chunk.start,
        "end": chunk.end,
        "kind": chunk.kind,
        "ordinal": chunk.ordinal,
        "tokens": chunk.tokens,
        "header": chunk.header,
    }
    return {key: value for key, value in meta.items() if value is not None}


def embedding_text(chunk: Chunk, identity: ReportIdentity) -> str:
    """The passage as embedded: who/when/which section, then the text itself."""
    who = "".join(part for part in (identity.county, identity.department) if part)
    when = f"{identity.year}年度" if identity.year else ""
    return f"{who}{when} {PATH_SEP.join(chunk.section_path)}\n{chunk.text}".strip()


class _Opened:
    """The one Chroma client this process keeps for an on-disk folder, with the generation
    marker it last saw; every ChunkStore over that folder shares it."""

    def __init__(self, folder: Path, settings: ChromaSettings) -> None:
        self.folder = folder
        self.settings = settings
        self.marker = folder / _GENERATION
        self.lock = threading.RLock()
        self.client: Any = chromadb.PersistentClient(path=str(folder), settings=settings)
        self.seen = self.marker_state()
        self.opened = 0
        """How many times the client was reopened; stores re-take their collection on change."""

    def marker_state(self) -> tuple[int, int, int] | None:
        try:
            stat = self.marker.stat()
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def refresh(self, force: bool = False) -> None:
        """Reopen the client when another process has written since we last looked."""
        with self.lock:
            state = self.marker_state()
            if state == self.seen and not force:
                return
            self.client.close()  # a fresh client re-reads the segments written elsewhere
            self.client = chromadb.PersistentClient(path=str(self.folder), settings=self.settings)
            self.seen = state
            self.opened += 1

    def wrote(self) -> None:
        """Replace the marker after a write, and remember it as seen by this process."""
        with self.lock:
            tmp = self.marker.with_name(f"{_GENERATION}.{os.getpid()}.{uuid.uuid4().hex}")
            tmp.write_text(uuid.uuid4().hex)
            os.replace(tmp, self.marker)
            self.seen = self.marker_state()


_OPENED: dict[str, _Opened] = {}
_OPENED_LOCK = threading.Lock()


def _opened(folder: Path, settings: ChromaSettings) -> _Opened:
    key = str(folder.resolve())
    with _OPENED_LOCK:
        if key not in _OPENED:
            _OPENED[key] = _Opened(folder, settings)
        return _OPENED[key]


GET_PAGE = 5000
"""Chunks read per ``collection.get`` call when reading many (see :meth:`ChunkStore._get_all`)."""


class ChunkStore:
    """One Chroma collection of report chunks (embedded on disk, or a Chroma server).

    Several processes may share one embedded store (a running web app, a CLI ingest). Every
    write here replaces a generation marker beside the Chroma files; before each operation the
    store compares the marker with the one it last saw and, when another process has written,
    reopens the Chroma client (the old one keeps stale in-memory segments: "Error finding id")."""

    def __init__(
        self,
        embeddings: Embeddings | None,
        collection: str,
        persist_dir: Path | None = None,
        host: str | None = None,
        port: int = 8000,
    ) -> None:
        settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        self._shared: _Opened | None = None
        self._http: Any = None
        if host:
            self._http = chromadb.HttpClient(host=host, port=port, settings=settings)
        else:
            assert persist_dir is not None, "persist_dir is required for the embedded store"
            persist_dir.mkdir(parents=True, exist_ok=True)
            self._shared = _opened(persist_dir, settings)
        self._name = collection
        self._embeddings = embeddings
        self._langchain: Chroma | None = None
        self._vectors: dict[str, list[float]] = {}
        self._version = 0
        self._opened = -1
        self._handle: Any = None

    @property
    def _client(self) -> Any:
        return self._http if self._shared is None else self._shared.client

    @property
    def _collection(self) -> Any:
        """The collection handle, re-taken after the client was reopened."""
        if self._shared is not None:
            self._shared.refresh()
            if self._shared.opened != self._opened:
                self._handle = None
                self._opened = self._shared.opened
        if self._handle is None:
            self._handle = self._client.get_or_create_collection(
                self._name, metadata={"hnsw:space": "cosine"}
            )
            self._langchain = None
            self._version += 1
        return self._handle

    @property
    def version(self) -> int:
        """Changes on every write from this process and whenever another process has written
        (readers cache derived indexes by it)."""
        _ = self._collection
        return self._version

    def _wrote(self) -> None:
        self._version += 1
        if self._shared is not None:
            self._shared.wrote()

    @property
    def langchain(self) -> Chroma:
        """The same collection as a LangChain vector store (built once per client, reused)."""
        _ = self._collection
        if self._langchain is None:
            self._langchain = Chroma(
                client=self._client,
                collection_name=self._name,
                embedding_function=self._embeddings,
            )
        return self._langchain

    def query_vector(self, query: str) -> list[float]:
        """The query's embedding; the last few are remembered (one question, many filters)."""
        if query not in self._vectors:
            if len(self._vectors) >= 64:
                self._vectors.pop(next(iter(self._vectors)))
            assert self._embeddings is not None, "no embedding model configured"
            self._vectors[query] = self._embeddings.embed_query(query)
        return self._vectors[query]

    def add(
        self,
        ids: Sequence[str],
        documents: Sequence[str],
        embeddings: Sequence[Sequence[float]],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        collection = self._collection
        for i in range(0, len(ids), _UPSERT_BATCH):
            sl = slice(i, i + _UPSERT_BATCH)
            collection.upsert(
                ids=list(ids[sl]),
                documents=list(documents[sl]),
                embeddings=[list(v) for v in embeddings[sl]],
                metadatas=list(metadatas[sl]),
            )
        self._wrote()

    def delete_report(self, report_id: str) -> None:
        self._collection.delete(where={"report_id": report_id})
        self._wrote()

    def chunk_counts(self) -> dict[str, int]:
        """Chunks per report id, read from the chunks' metadata."""
        got = self._get_all(None, ["metadatas"])
        counts: dict[str, int] = {}
        for meta in got["metadatas"]:
            rid = str((meta or {}).get("report_id", ""))
            counts[rid] = counts.get(rid, 0) + 1
        return counts

    def ids_for_report(self, report_id: str) -> list[str]:
        return list(self._collection.get(where={"report_id": report_id}, include=[])["ids"])

    def chunks(self, where: dict[str, Any] | None = None) -> list[StoredChunk]:
        """All chunks (optionally filtered), in report then ordinal order."""
        got = self._get_all(where, ["documents", "metadatas"])
        out = [
            StoredChunk(id=i, text=d or "", metadata=dict(m or {}))
            for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]
        out.sort(key=lambda c: (c.metadata.get("report_id", ""), c.metadata.get("ordinal", 0)))
        return out

    def count(self) -> int:
        return self._collection.count()

    def _get_all(self, where: dict[str, Any] | None, include: list[str]) -> dict[str, list[Any]]:
        """``collection.get`` in pages: one unbounded get of tens of thousands of chunks fails
        inside Chroma ("too many SQL variables", seen at ~36,000 chunks)."""
        out: dict[str, list[Any]] = {"ids": [], **{key: [] for key in include}}
        offset = 0
        while True:
            got = self._collection.get(
                where=where,
                include=include,
                limit=GET_PAGE,
                offset=offset,  # type: ignore[arg-type]
            )
            ids = list(got["ids"])
            out["ids"] += ids
            for key in include:
                out[key] += list(got.get(key) or [None] * len(ids))  # type: ignore[call-overload]
            if len(ids) < GET_PAGE:
                return out
            offset += GET_PAGE

    def search(
        self, query: str, k: int = 5, where: dict[str, Any] | None = None
    ) -> list[StoredChunk]:
        """Dense similarity search; score = cosine similarity in [-1, 1]."""
        vector = self.query_vector(query)
        try:
            pairs: list[tuple[Document, float]] = (
                self.langchain.similarity_search_by_vector_with_relevance_scores(
                    vector, k=k, filter=where
                )
            )
        except InternalError:
            # Another process wrote between its marker check and ours, or another thread
            # reopened the client mid-query: reopen and try once more.
            if self._shared is None:
                raise
            self._shared.refresh(force=True)
            pairs = self.langchain.similarity_search_by_vector_with_relevance_scores(
                vector, k=k, filter=where
            )
        return [
            StoredChunk(
                id=str(doc.id),
                text=doc.page_content,
                metadata=dict(doc.metadata),
                score=round(1.0 - float(dist), 4),
            )
            for doc, dist in pairs
        ]

    def reset(self) -> None:
        """Drop every chunk (``ingest --rebuild``)."""
        _ = self._collection
        self._client.delete_collection(self._name)
        self._handle = None
        self._wrote()
