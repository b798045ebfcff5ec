"""Chunker: cut each section into passages that fit a token budget and keep exact spans.

Cited passages must stay short, so the default budget is 160 cl100k tokens (Chinese text runs
at about 1.1 tokens per character, so roughly 150 characters). Rules:

- Chunks never cross a section. Consecutive text lines pack while the span fits the budget; a
  line over budget is split at sentence ends, then at "，", then by characters.
- Table rows are never split and a new chunk starts at each table boundary. A table's caption
  (up to two short lines right above it: its title, "单位：万元") travels with the table, so the
  unit of its cells is always in the same chunk. Rows of one table pack together; a chunk that
  does not start at the table repeats the caption and header row (``header``). A single row
  over budget stays whole: the only case where a chunk exceeds the budget.
- A tiny piece (< ``min_tokens``) joins the previous piece of its section when both are
  contiguous, neither is part of a table cut into several pieces, and the result fits.
- A piece that is only its section's heading line is dropped (the path carries the title), so
  chunks cover every character of the report except such bare heading lines.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from index.models import PREAMBLE_TITLE, Chunk, Line, NormalisedText, Section
from index.tokens import count_tokens

_SENTENCE = re.compile(r"[^。！？；!?;]*[。！？；!?;]+[”’」』）)]*|[^。！？；!?;]+")
_CLAUSE = re.compile(r"[^，,]*[，,]+|[^，,]+")
_CAPTION = re.compile(r"单位[:：]|（单位|表\s*\d|表$|表（")
_CAPTION_MAX_CHARS = 40


@dataclass(frozen=True)
class _Piece:
    """A chunk before it gets its id: a span, its kind and the header row it repeats."""

    start: int
    end: int
    kind: str
    header: str | None = None
    whole: bool = True  # False for a piece of a table that spans several pieces


def _text(norm: NormalisedText, piece: _Piece) -> str:
    """The chunk text of a piece: its span, after the repeated header row if there is one."""
    span = norm.text[piece.start : piece.end]
    return span if piece.header is None else f"{piece.header}\n{span}"


def _hard_split(text: str, start: int, end: int, max_tokens: int) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` by characters into the longest spans that fit the budget."""
    while start < end:
        # the cap keeps the search cheap on huge run-ons; a shorter cut is still a valid one
        low, high = start + 1, min(end, start + 8 * max_tokens)
        while low < high:  # largest cut whose prefix still fits
            mid = (low + high + 1) // 2
            if count_tokens(text[start:mid]) <= max_tokens:
                low = mid
            else:
                high = mid - 1
        yield start, low
        start = low


def _split(
    text: str, start: int, end: int, max_tokens: int, levels: tuple[re.Pattern[str], ...]
) -> Iterator[tuple[int, int]]:
    """Split a span into units that fit: by the first pattern, then the next, then by characters."""
    if count_tokens(text[start:end]) <= max_tokens:
        yield start, end
        return
    if not levels:
        yield from _hard_split(text, start, end, max_tokens)
        return
    pattern, rest = levels[0], levels[1:]
    for match in pattern.finditer(text, start, end):
        if match.end() > match.start():
            yield from _split(text, match.start(), match.end(), max_tokens, rest)


def _pack_text(norm: NormalisedText, lines: list[Line], max_tokens: int) -> list[_Piece]:
    """Greedily pack text lines (split when one is over budget) into pieces within budget."""
    units = [
        unit
        for line in lines
        for unit in _split(norm.text, line.start, line.end, max_tokens, (_SENTENCE, _CLAUSE))
    ]
    pieces: list[_Piece] = []
    first, last = units[0]
    for start, end in units[1:]:
        if count_tokens(norm.text[first:end]) <= max_tokens:
            last = end
        else:
            pieces.append(_Piece(first, last, "text"))
            first, last = start, end
    pieces.append(_Piece(first, last, "text"))
    return pieces


_HEADER_ROWS: tuple[tuple[Line, ...], dict[int | None, Line]] = ((), {})
"""The last report's header rows by table: one pass per report, not one per table."""


def _header_row(norm: NormalisedText, table: int | None) -> Line | None:
    """The header row (row 0) of a table."""
    global _HEADER_ROWS
    cached = _HEADER_ROWS  # read once: another thread may replace it for another report
    if cached[0] is not norm.lines:
        rows = {ln.table: ln for ln in norm.lines if ln.kind == "table_row" and ln.row == 0}
        cached = _HEADER_ROWS = (norm.lines, rows)
    return cached[1].get(table)


def _pack_table(norm: NormalisedText, lines: list[Line], max_tokens: int) -> list[_Piece]:
    """Pack one table (caption lines first, then rows); later pieces repeat caption + header."""
    captions = [ln for ln in lines if ln.kind == "text"]
    rows = [ln for ln in lines if ln.kind == "table_row"]
    header_line = _header_row(norm, rows[0].table)
    repeated = [norm.line_text(ln) for ln in captions]
    if header_line is not None:
        repeated.append(norm.line_text(header_line))
    header = "\n".join(repeated) or None
    pieces: list[_Piece] = []
    current: _Piece | None = None
    for line in lines:
        at_top = line.kind == "text" or line.row == 0 or header_line is None
        if current is not None:
            grown = _Piece(current.start, line.end, "table", current.header)
            if line.kind == "text" or count_tokens(_text(norm, grown)) <= max_tokens:
                current = grown
                continue
            pieces.append(current)
        current = _Piece(line.start, line.end, "table", None if at_top else header)
    if current is not None:
        pieces.append(current)
    if len(pieces) > 1:
        pieces = [replace(piece, whole=False) for piece in pieces]
    return pieces


def _is_caption(norm: NormalisedText, line: Line) -> bool:
    text = norm.line_text(line)
    return len(text) <= _CAPTION_MAX_CHARS and bool(_CAPTION.search(text))


def _runs(norm: NormalisedText, section: Section) -> Iterator[list[Line]]:
    """Consecutive lines of a section grouped into text runs and single-table runs; a table's
    caption lines move from the text run before it to the front of the table run."""
    runs: list[list[Line]] = []
    for line in norm.lines[section.first_line : section.last_line + 1]:
        if runs and line.kind == runs[-1][-1].kind and line.table == runs[-1][-1].table:
            runs[-1].append(line)
        else:
            runs.append([line])
    for i in range(1, len(runs)):
        if runs[i][0].kind == "table_row" and runs[i - 1][0].kind == "text":
            moved: list[Line] = []
            while runs[i - 1] and len(moved) < 2 and _is_caption(norm, runs[i - 1][-1]):
                moved.insert(0, runs[i - 1].pop())
            runs[i] = moved + runs[i]
    yield from (run for run in runs if run)


def _is_bare_heading(norm: NormalisedText, section: Section, piece: _Piece) -> bool:
    """True when a piece is only its section's heading line: a bare title answers nothing."""
    if section.path == (PREAMBLE_TITLE,) or piece.header is not None:
        return False
    return norm.text[piece.start : piece.end].strip() == section.path[-1]


def _merge_tiny(
    norm: NormalisedText, pieces: list[_Piece], max_tokens: int, min_tokens: int
) -> list[_Piece]:
    """Join each tiny piece to the previous piece of the same section when the result fits."""
    merged: list[_Piece] = []
    for piece in pieces:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.whole
            and piece.whole
            and norm.text[prev.end : piece.start] == "\n"
            and count_tokens(_text(norm, piece)) < min_tokens
        ):
            kind = "table" if prev.kind == piece.kind == "table" else "text"
            joined = _Piece(prev.start, piece.end, kind)
            if count_tokens(_text(norm, joined)) <= max_tokens:
                merged[-1] = joined
                continue
        merged.append(piece)
    return merged


def _section_pieces(
    norm: NormalisedText, section: Section, max_tokens: int, min_tokens: int
) -> list[_Piece]:
    """All pieces of one section, in order."""
    pieces: list[_Piece] = []
    for run in _runs(norm, section):
        is_table = any(line.kind == "table_row" for line in run)
        pack = _pack_table if is_table else _pack_text
        pieces.extend(pack(norm, run, max_tokens))
    merged = _merge_tiny(norm, pieces, max_tokens, min_tokens)
    return [piece for piece in merged if not _is_bare_heading(norm, section, piece)]


def chunk_id(report_id: str, start: int, end: int, text: str) -> str:
    """Content-hash id of a chunk: stable across runs, changes when the text or span changes."""
    digest = hashlib.sha256(f"{report_id}|{start}|{end}|{text}".encode())
    return digest.hexdigest()[:32]


def chunk_report(
    report_id: str,
    norm: NormalisedText,
    sections: tuple[Section, ...],
    max_tokens: int = 160,
    min_tokens: int = 40,
) -> tuple[Chunk, ...]:
    """Cut a report into cited-passage-sized chunks, each inside one section."""
    chunks: list[Chunk] = []
    for section in sections:
        for piece in _section_pieces(norm, section, max_tokens, min_tokens):
            text = _text(norm, piece)
            chunks.append(
                Chunk(
                    id=chunk_id(report_id, piece.start, piece.end, text),
                    report_id=report_id,
                    section_path=section.path,
                    start=piece.start,
                    end=piece.end,
                    text=text,
                    tokens=count_tokens(text),
                    kind="table" if piece.kind == "table" else "text",
                    header=piece.header,
                    ordinal=len(chunks),
                )
            )
    return tuple(chunks)
