"""File → Report + chunks: load, normalise, detect identity, build sections, chunk.

Pure with respect to the store: nothing here writes anywhere, so a file that fails at any stage
leaves the index exactly as it was.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.chunking import chunk_report
from index.errors import LoadError
from index.facts import extract_facts, mark_conflicts
from index.identity import detect_identity, merge_identity
from index.loaders import load_file
from index.models import Chunk, FactRecord, NormalisedText, OcrLine, Report
from index.normalise import clean_line, normalise
from index.sections import build_sections

SIDECAR_SUFFIX = ".meta.json"
IDENTITY_FIELDS = ("county", "department", "year", "doc_type")


@dataclass(frozen=True)
class PreparedReport:
    """A report ready to be embedded and stored."""

    report: Report
    chunks: tuple[Chunk, ...]
    facts: tuple[FactRecord, ...] = ()
    ocr: tuple[OcrLine, ...] = ()
    """Lines read by OCR, located in the normalised text (``start``/``end``)."""


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def report_id_for(digest: str) -> str:
    """Report ids are the first 16 hex digits of the file's sha256: same bytes, same id."""
    return digest[:16]


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> dict[str, object]:
    """Identity overrides from ``<file>.meta.json`` beside the report, if present."""
    side = sidecar_path(path)
    if not side.exists():
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LoadError(
            path.name, f"旁注文件 {side.name} 不是有效的 JSON / invalid sidecar: {exc}"
        ) from exc
    if not isinstance(data, dict):
        raise LoadError(
            path.name, f"旁注文件 {side.name} 应为 JSON 对象 / sidecar must be an object"
        )
    unknown = sorted(set(data) - set(IDENTITY_FIELDS))
    if unknown:
        raise LoadError(
            path.name,
            f"旁注文件含未知字段 {unknown} / unknown sidecar fields; allowed: {IDENTITY_FIELDS}",
        )
    return {k: v for k, v in data.items() if v not in (None, "")}


def prepare_report(
    path: Path,
    data: bytes,
    overrides: dict[str, object],
    max_tokens: int,
    max_bytes: int,
    progress: Callable[[int, int], None] | None = None,
) -> PreparedReport:
    """Everything up to embedding; raises LoadError with one clear reason on bad input.
    ``progress(done, total)`` hears about pages read by OCR."""
    digest = content_hash(data)
    report_id = report_id_for(digest)
    doc = load_file(path, max_bytes=max_bytes, progress=progress)
    norm = normalise(doc)
    if not norm.text.strip():
        raise LoadError(path.name, "没有可读的文字 / no readable text in the file")
    detected = detect_identity(norm, file_name=path.name, meta=doc.meta)
    identity = merge_identity(detected, overrides)
    sections = build_sections(norm)
    chunks = chunk_report(report_id, norm, sections, max_tokens=max_tokens)
    if not chunks:
        raise LoadError(path.name, "没有可索引的段落 / nothing to index in the file")
    report = Report(
        id=report_id,
        file=path.name,
        path=str(path.resolve()),
        format=doc.format,
        content_hash=digest,
        identity=identity,
        text=norm.text,
        encoding=doc.encoding,
        chunk_count=len(chunks),
        overrides=dict(overrides),
    )
    facts = tuple(mark_conflicts(extract_facts(report_id, norm, identity.year)))
    ocr = locate_ocr_lines(norm, doc.ocr)
    return PreparedReport(report=report, chunks=chunks, facts=facts, ocr=ocr)


def locate_ocr_lines(norm: NormalisedText, lines: Sequence[OcrLine]) -> tuple[OcrLine, ...]:
    """Each OCR line with the span its text occupies in the normalised text, searched in
    reading order; a line the normaliser dropped (a page number) keeps -1/-1."""
    located: list[OcrLine] = []
    cursor = 0
    for line in lines:
        text = clean_line(line.text)
        at = norm.text.find(text, cursor) if text else -1
        if at < 0 and text:
            at = norm.text.find(text)  # a table read before the text beside it
        if at >= 0:
            located.append(dataclasses.replace(line, start=at, end=at + len(text)))
            cursor = max(cursor, at + len(text))
        else:
            located.append(line)
    return tuple(located)
