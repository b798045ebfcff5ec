"""Idempotent ingest of report files into the catalogue and the chunk store.

An unchanged file (same bytes, same overrides, read by the current rules: ``FACTS_VERSION``,
``LAYOUT_VERSION``) is skipped; a changed file is replaced whole; a
file that fails leaves nothing behind. New chunks are written before old ones are deleted, so a
crash mid-way never loses the previous version of a report; each write is journalled and done
under the data dir's writer lock (see :mod:`index.consistency`), so an interrupted one is
completed or rolled back by the next process to open the index.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from langchain_core.embeddings import Embeddings

from index.catalog import Catalog
from index.consistency import crash_point, recover, write_lock
from index.errors import LoadError, ReportAssistantError
from index.loaders import SUPPORTED_SUFFIXES
from index.models import Report
from index.pipeline import (
    DEFAULT_MAX_CHARS,
    SIDECAR_SUFFIX,
    PreparedReport,
    prepare_report,
    read_sidecar,
    report_id_for,
)
from index.pipeline import content_hash as hash_bytes
from index.vectorstore import ChunkStore, chunk_metadata, embedding_text

PrepareFn = Callable[..., PreparedReport]
"""prepare_report or a read-ahead stand-in with the same arguments (and ``progress=``)."""
Status = Literal["added", "replaced", "unchanged", "failed", "skipped"]


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file; ``message`` is the one line shown to the user."""

    path: Path
    status: Status
    message: str
    report_id: str | None = None
    chunks: int = 0


def discover(paths: Iterable[Path], follow_symlinks: bool = False) -> list[Path]:
    """Files named directly, plus every report file under named folders (sorted)."""
    return discover_files(paths, follow_symlinks)[0]


def discover_files(
    paths: Iterable[Path], follow_symlinks: bool = False
) -> tuple[list[Path], list[FileOutcome]]:
    """(files to ingest, files left out with the reason). A file named directly is always
    taken; inside a named folder hidden entries, editor lock files, dangling links, links to
    folders and (unless ``follow_symlinks``) links to files are left out, each with a line;
    sidecars are read with their report and not listed."""
    found: list[Path] = []
    skipped: list[FileOutcome] = []
    for path in paths:
        if path.is_dir():
            _walk(path, follow_symlinks, found, skipped)
        else:
            found.append(path)
    seen: set[Path] = set()
    files = [p for p in found if not (p.resolve() in seen or seen.add(p.resolve()))]
    return files, skipped


def _walk(root: Path, follow: bool, found: list[Path], skipped: list[FileOutcome]) -> None:
    for folder, dirs, names in os.walk(root):
        here = Path(folder)
        for name in sorted(dirs):
            child = here / name
            if name.startswith("."):
                reason: str | None = "隐藏文件夹 / hidden folder"
            elif child.is_symlink():
                reason = "指向文件夹的符号链接不跟随 / link to a folder, not followed"
            else:
                reason = None
            if reason:
                skipped.append(_skip(child, root, reason))
                dirs.remove(name)
        dirs.sort()
        for name in sorted(names):
            child = here / name
            if name.endswith(SIDECAR_SUFFIX):
                continue
            reason = _skip_reason(child, follow)
            if reason:
                skipped.append(_skip(child, root, reason))
            else:
                found.append(child)


def _skip_reason(path: Path, follow: bool) -> str | None:
    name = path.name
    if name.startswith("."):
        return "隐藏文件 / hidden file"
    if name.startswith("~$"):
        return "编辑器锁文件 / editor lock file"
    if path.is_symlink():
        if not path.exists():
            return "失效的符号链接 / dangling symlink"
        if not follow:
            return (
                "符号链接不跟随（可用 --follow-symlinks）/ symlink not followed (--follow-symlinks)"
            )
        if not path.is_file():
            return "指向的不是普通文件 / link to something that is not a regular file"
    elif not path.is_file():
        return "不是普通文件 / not a regular file"
    return None


def _skip(path: Path, root: Path, reason: str) -> FileOutcome:
    try:
        shown = path.relative_to(root.parent)
    except ValueError:
        shown = path
    return FileOutcome(path, "skipped", f"{shown}: 跳过 / skipped: {reason}")


class Ingestor:
    """Writes prepared reports into the catalogue and Chroma with their embeddings."""

    def __init__(
        self,
        catalog: Catalog,
        store: ChunkStore,
        embeddings: Callable[[], Embeddings],
        max_tokens: int,
        max_bytes: int,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> None:
        self._catalog = catalog
        self._store = store
        self._embeddings = embeddings
        self._max_tokens = max_tokens
        self._max_bytes = max_bytes
        self._max_chars = max_chars
        self._prepare: PrepareFn = prepare_report

    @contextlib.contextmanager
    def reading_ahead(self, files: Sequence[Path], overrides: dict[str, object]) -> Iterator[None]:
        """Within this block, files are parsed on a background thread while earlier ones embed."""
        from index.readahead import reading_ahead

        def wanted(report_id: str, file_overrides: dict[str, object]) -> bool:
            existing = self._catalog.get(report_id)
            return (
                existing is None
                or existing.overrides != file_overrides
                or self._catalog.facts_stale(report_id)
                or self._catalog.layout_stale(report_id)
            )

        args = (files, overrides, wanted, self._max_tokens, self._max_bytes)
        with reading_ahead(*args, max_chars=self._max_chars) as ahead:
            self._prepare = ahead.prepare
            try:
                yield
            finally:
                self._prepare = prepare_report

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
        intact = existing is not None and self._intact(existing)
        stale_facts = existing is not None and self._catalog.facts_stale(existing.id)
        stale_layout = existing is not None and self._catalog.layout_stale(existing.id)
        stale = stale_facts or stale_layout
        if existing is not None and existing.overrides == overrides and intact and not stale:
            note = "" if existing.path == str(path.resolve()) else f"（同 {existing.file}）"
            return FileOutcome(
                path,
                "unchanged",
                f"{path.name}: 未变化，跳过 / unchanged{note}",
                report_id,
                existing.chunk_count,
            )
        prepared = self._prepare(
            path,
            data,
            overrides,
            self._max_tokens,
            self._max_bytes,
            max_chars=self._max_chars,
            progress=pages,
        )
        report = prepared.report
        texts = [embedding_text(c, report.identity) for c in prepared.chunks]
        vectors = self._embeddings().embed_documents(texts)
        with write_lock(self._catalog.path.parent):
            recover(self._catalog, self._store)
            previous = {r.id: r for r in self._catalog.by_source(report.path)}
            again = self._catalog.get(report.id)
            if again is not None:
                previous[again.id] = again
            self._write(prepared, vectors, [rid for rid in previous if rid != report.id])
        status: Status = "replaced" if previous else "added"
        ident = report.identity
        what = " ".join(str(x) for x in (ident.county, ident.department, ident.year) if x)
        repaired = "，已修复 / repaired" if existing is not None and not intact else ""
        if stale_layout and intact:
            repaired = "，已按新读取规则重读 / read again by the current reading rules"
        elif stale_facts and intact:
            repaired = "，数字表已按新规则重读 / facts read again by the current rules"
        return FileOutcome(
            path,
            status,
            f"{path.name}: {'已更新 / replaced' if previous else '已入库 / added'} "
            f"{report_id} {what}（{len(prepared.chunks)} 段 / chunks，"
            f"{len(prepared.facts)} 项数字 / facts{repaired}{_ocr_note(prepared)}）",
            report_id,
            len(prepared.chunks),
        )

    def _intact(self, report: Report) -> bool:
        """The catalogue row and the store agree: no unfinished write, every chunk present."""
        if any(rid == report.id for _, _, rid, _ in self._catalog.pending()):
            return False
        return len(self._store.ids_for_report(report.id)) == report.chunk_count

    def _write(
        self,
        prepared: PreparedReport,
        vectors: list[list[float]],
        replaces: list[str],
    ) -> None:
        """One journalled write (writer lock held): the new chunks, then its catalogue row,
        then the versions it replaces are deleted; the journal row is cleared last."""
        report = prepared.report
        journal = self._catalog.begin("ingest", report.id, replaces)
        crash_point("ingest:begun")
        try:
            self._store.delete_report(report.id)  # same id re-ingested with new overrides
            crash_point("ingest:store-cleared")
            self._store.add(
                ids=[c.id for c in prepared.chunks],
                documents=[c.text for c in prepared.chunks],
                embeddings=vectors,
                metadatas=[
                    chunk_metadata(c, report.identity, report.file) for c in prepared.chunks
                ],
            )
            crash_point("ingest:chunks-added")
            self._catalog.put(report, prepared.facts, prepared.ocr)
            crash_point("ingest:row-written")
        except Exception:
            self._store.delete_report(report.id)
            self._catalog.delete(report.id)
            self._catalog.finish(journal)
            raise
        for old in replaces:
            self._store.delete_report(old)
            crash_point("ingest:old-chunks-deleted")
            self._catalog.delete(old)
            crash_point("ingest:old-row-deleted")
        self._catalog.finish(journal)

    def remove(self, report_id: str) -> bool:
        """Delete a report's chunks and catalogue row; False if it was not indexed."""
        with write_lock(self._catalog.path.parent):
            recover(self._catalog, self._store)
            journal = self._catalog.begin("remove", report_id)
            self._store.delete_report(report_id)
            crash_point("remove:chunks-deleted")
            removed = self._catalog.delete(report_id)
            self._catalog.finish(journal)
        return removed

    def rebuild(self) -> None:
        """Empty the store and the catalogue (``ingest --rebuild``), as one journalled write."""
        with write_lock(self._catalog.path.parent):
            recover(self._catalog, self._store)
            journal = self._catalog.begin("rebuild", None)
            self._store.reset()
            crash_point("rebuild:store-reset")
            self._catalog.clear()
            self._catalog.finish(journal)


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
            name, f"文件过大 / file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:g} MB)"
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
    counts = {"added": 0, "replaced": 0, "unchanged": 0, "failed": 0, "skipped": 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
    return counts
