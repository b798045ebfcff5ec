"""Idempotent ingest of report files into the catalogue and the chunk store.

An unchanged file (same bytes, same overrides) is skipped; a changed file is replaced whole; a
file that fails leaves nothing behind. New chunks are written before old ones are deleted, so a
crash mid-way never loses the previous version of a report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from langchain_core.embeddings import Embeddings

from index.catalog import Catalog
from index.errors import LoadError, ReportAssistantError
from index.loaders import SUPPORTED_SUFFIXES
from index.pipeline import (
    SIDECAR_SUFFIX,
    PreparedReport,
    prepare_report,
    read_sidecar,
    report_id_for,
)
from index.pipeline import content_hash as hash_bytes
from index.vectorstore import ChunkStore, chunk_metadata, embedding_text

Status = Literal["added", "replaced", "unchanged", "failed"]


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file; ``message`` is the one line shown to the user."""

    path: Path
    status: Status
    message: str
    report_id: str | None = None
    chunks: int = 0


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every non-hidden file under named folders (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if child.is_file() and not _ignored(rel):
                    found.append(child)
        else:
            found.append(path)
    seen: set[Path] = set()
    return [p for p in found if not (p.resolve() in seen or seen.add(p.resolve()))]


def _ignored(rel: Path) -> bool:
    """Hidden files, sidecars and editor lock files inside a folder are not reports."""
    name = rel.name
    return (
        any(part.startswith(".") for part in rel.parts)
        or name.endswith(SIDECAR_SUFFIX)
        or name.startswith("~$")
    )


class Ingestor:
    """Writes prepared reports into the catalogue and Chroma with their embeddings."""

    def __init__(
        self,
        catalog: Catalog,
        store: ChunkStore,
        embeddings: Callable[[], Embeddings],
        max_tokens: int,
        max_bytes: int,
    ) -> None:
        self._catalog = catalog
        self._store = store
        self._embeddings = embeddings
        self._max_tokens = max_tokens
        self._max_bytes = max_bytes

    def ingest_file(
        self,
        path: Path,
        overrides: dict[str, object],
        pages: Callable[[int, int], None] | None = None,
    ) -> FileOutcome:
        """Add, replace or skip one file; never raises for a bad file. ``pages(done, total)``
        hears about scanned pages being read by OCR."""
        try:
            return self._ingest(path, overrides, pages)
        except ReportAssistantError as exc:
            return FileOutcome(path, "failed", str(exc))
        except Exception as exc:  # a library failing on odd input must not stop the batch
            return FileOutcome(path, "failed", f"{path.name}: {type(exc).__name__}: {exc}")

    def _ingest(
        self,
        path: Path,
        flag_overrides: dict[str, object],
        pages: Callable[[int, int], None] | None = None,
    ) -> FileOutcome:
        data = _read(path, self._max_bytes)
        overrides = {**read_sidecar(path), **flag_overrides}
        report_id = report_id_for(hash_bytes(data))
        existing = self._catalog.get(report_id)
        if existing is not None and existing.overrides == overrides:
            note = "" if existing.path == str(path.resolve()) else f"（同 {existing.file}）"
            return FileOutcome(
                path,
                "unchanged",
                f"{path.name}: 未变化，跳过 / unchanged{note}",
                report_id,
                existing.chunk_count,
            )
        prepared = prepare_report(
            path, data, overrides, self._max_tokens, self._max_bytes, progress=pages
        )
        previous = [r for r in self._catalog.by_source(prepared.report.path)]
        if existing is not None:
            previous.append(existing)
        self._write(prepared)
        for old in previous:
            if old.id != prepared.report.id:
                self._store.delete_report(old.id)
                self._catalog.delete(old.id)
        status: Status = "replaced" if previous else "added"
        ident = prepared.report.identity
        what = " ".join(str(x) for x in (ident.county, ident.department, ident.year) if x)
        return FileOutcome(
            path,
            status,
            f"{path.name}: {'已更新 / replaced' if previous else '已入库 / added'} "
            f"{report_id} {what}（{len(prepared.chunks)} 段 / chunks，"
            f"{len(prepared.facts)} 项数字 / facts{_ocr_note(prepared)}）",
            report_id,
            len(prepared.chunks),
        )

    def _write(self, prepared: PreparedReport) -> None:
        """Chunks first, then the catalogue row; on failure remove what was written."""
        report = prepared.report
        texts = [embedding_text(c, report.identity) for c in prepared.chunks]
        vectors = self._embeddings().embed_documents(texts)
        try:
            self._store.delete_report(report.id)  # same id re-ingested with new overrides
            self._store.add(
                ids=[c.id for c in prepared.chunks],
                documents=[c.text for c in prepared.chunks],
                embeddings=vectors,
                metadatas=[
                    chunk_metadata(c, report.identity, report.file) for c in prepared.chunks
                ],
            )
            self._catalog.put(report, prepared.facts, prepared.ocr)
        except Exception:
            self._store.delete_report(report.id)
            self._catalog.delete(report.id)
            raise

    def remove(self, report_id: str) -> bool:
        """Delete a report's chunks and catalogue row; False if it was not indexed."""
        self._store.delete_report(report_id)
        return self._catalog.delete(report_id)


def _read(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, with the user-facing checks that need no parsing."""
    name = path.name
    if not path.exists():
        raise LoadError(name, "文件不存在 / no such file")
    if not path.is_file():
        raise LoadError(name, "不是普通文件 / not a regular file")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        allowed = " ".join(sorted(SUPPORTED_SUFFIXES))
        raise LoadError(name, f"不支持的文件类型 / unsupported file type (allowed: {allowed})")
    size = path.stat().st_size
    if size == 0:
        raise LoadError(name, "文件为空 / the file is empty")
    if size > max_bytes:
        raise LoadError(
            name, f"文件过大 / file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB)"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LoadError(name, f"无法读取 / cannot read: {exc.strerror}") from exc


def _ocr_note(prepared: PreparedReport) -> str:
    """ ", 3 页 OCR / pages OCR'd" when pages were read by OCR."""
    pages = {line.page for line in prepared.ocr}
    return f"，{len(pages)} 页 OCR / pages OCR'd" if pages else ""


def summarise(outcomes: Sequence[FileOutcome]) -> dict[str, int]:
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "failed": 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
    return counts
