"""The page of a PDF a citation comes from: where the cited text stands (pdfplumber character
boxes) and the page as an image (pypdfium2, cached under the data dir).

The stored report text is normalised, so a cited passage is found on the page by its
characters with all whitespace removed; the figures cited in the answer are then boxed on
that page (the passage's first characters when no figure is found). Pages read by OCR have
no characters; there the boxes come from the OCR lines the citation was read from (the
service gives them, in PDF points), narrowed to the cited figures within a line."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

_SPACE = re.compile(r"\s+")
_PROBE = 14
"""How many (whitespace-free) characters of a passage are looked up to find its page."""


@dataclass(frozen=True)
class Box:
    """A highlight box in fractions of the page (0–1 from the top left)."""

    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class PageHit:
    """The page (0-based) holding a cited passage, and the boxes to highlight on it."""

    page: int
    boxes: tuple[Box, ...]


class ScanLine(Protocol):
    """An OCR line as the service gives it: 1-based page, box in PDF points (top left)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


Points = tuple[float, float, float, float]
"""A box in PDF points: x0, top, x1, bottom (origin top left)."""
_PAD = 1.5
"""Points added around a box so the highlight does not clip the glyphs."""
_CLOSING = "。，、；：！？）」』”"
"""Full-width punctuation inked in the left half of its cell: ending a line, the OCR box
stops about half a character short of its advance."""
_SLACK = 0.25
"""A figure's box within a line is widened to this many line heights on each side: its
place is estimated from character widths, which vary by font."""


def squash(text: str) -> str:
    return _SPACE.sub("", text)


def locate(pdf: Path, passage: str, terms: Sequence[str]) -> PageHit | None:
    """The page of ``pdf`` that holds ``passage`` and boxes over ``terms`` (or the passage)."""
    import pdfplumber

    probes = _probes(squash(passage))
    if not probes:
        return None
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages):
            chars = [c for c in page.chars if c.get("text", "").strip()]
            text = "".join(c["text"] for c in chars)
            at = next((text.find(p) for p in probes if p in text), -1)
            if at < 0:
                continue
            spans = _term_spans(text, at, len(squash(passage)), terms)
            if not spans:
                spans = [(at, min(len(text), at + max(len(p) for p in probes)))]
            boxes = [b for s, e in spans for b in _line_boxes(chars[s:e], page.width, page.height)]
            return PageHit(number, tuple(boxes))
    return None


def _probes(squashed: str) -> list[str]:
    """Pieces of the passage to look for: its start, middle and end (extraction may differ
    at a page break or a table, so any one found is enough)."""
    if len(squashed) <= _PROBE:
        return [squashed] if squashed else []
    middle = len(squashed) // 2
    return [squashed[:_PROBE], squashed[middle : middle + _PROBE], squashed[-_PROBE:]]


def _term_spans(text: str, at: int, length: int, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Where each term stands within the passage's stretch of the page text."""
    lo, hi = max(0, at - length), min(len(text), at + 2 * length)
    spans = []
    for term in terms:
        key = squash(term)
        if not key:
            continue
        for match in re.finditer(re.escape(key), text[lo:hi]):
            spans.append((lo + match.start(), lo + match.end()))
    return spans


def _line_boxes(chars: Sequence[dict], width: float, height: float) -> list[Box]:
    """One box per text line of ``chars`` (a figure can wrap onto the next line)."""
    lines: dict[int, list[dict]] = {}
    for char in chars:
        lines.setdefault(round(float(char["top"])), []).append(char)
    boxes = []
    for line in lines.values():
        x0 = min(float(c["x0"]) for c in line) - 1
        x1 = max(float(c["x1"]) for c in line) + 1
        top = min(float(c["top"]) for c in line) - 1
        bottom = max(float(c["bottom"]) for c in line) + 1
        boxes.append(Box(x0 / width, top / height, (x1 - x0) / width, (bottom - top) / height))
    return boxes


def ocr_boxes(lines: Sequence[ScanLine], terms: Sequence[str]) -> tuple[int, list[Points]]:
    """The page (0-based) to show for a citation read by OCR and its boxes in points.

    ``lines`` are the OCR lines of the cited span (reading order). Each occurrence of a term
    in a line gets a box over just that stretch of the line (width shared out by character:
    full-width CJK one em, others about half); the page is the first one holding a term.
    When no term is found, every cited line on the first page is boxed."""
    if not lines:
        raise ValueError("no OCR lines for this citation")
    keys = [k for k in dict.fromkeys(_fold(t)[0] for t in terms) if k]
    found: list[tuple[int, Points]] = []
    for line in lines:
        text, origin = _fold(line.text)
        for key in keys:
            for match in re.finditer(re.escape(key), text):
                first, last = origin[match.start()], origin[match.end() - 1] + 1
                found.append((line.page, _stretch(line, first, last)))
    if found:
        page = found[0][0]
        return page - 1, [box for p, box in found if p == page]
    page = lines[0].page
    return page - 1, [_pad(ln.x0, ln.top, ln.x1, ln.bottom) for ln in lines if ln.page == page]


def ocr_hit(pdf: Path, lines: Sequence[ScanLine], terms: Sequence[str]) -> PageHit:
    """:func:`ocr_boxes` as page fractions (the page size read from ``pdf``)."""
    import pypdfium2

    page, boxes = ocr_boxes(lines, terms)
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        width, height = document[page].get_size()
    finally:
        document.close()
    return PageHit(page, tuple(to_fractions(b, width, height) for b in boxes))


def to_fractions(box: Points, width: float, height: float) -> Box:
    """A box in points as fractions of a ``width`` × ``height`` page, clipped to the page."""
    x0, top = max(0.0, box[0]), max(0.0, box[1])
    x1, bottom = min(width, box[2]), min(height, box[3])
    return Box(x0 / width, top / height, (x1 - x0) / width, (bottom - top) / height)


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` without whitespace and in NFKC form (full-width digits → ASCII), with the
    index in ``text`` each output character came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char):
            if not folded.isspace():
                out.append(folded)
                origin.append(i)
    return "".join(out), origin


def _weight(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.55


def _stretch(line: ScanLine, first: int, last: int) -> Points:
    """The box over characters ``[first, last)`` of ``line.text``."""
    weights = [_weight(c) for c in line.text]
    if line.text and line.text[-1] in _CLOSING:  # the detector's box ends at its ink
        weights[-1] = 0.5
    total = sum(weights) or 1.0
    scale = (line.x1 - line.x0) / total
    left = line.x0 + scale * sum(weights[:first])
    right = line.x0 + scale * sum(weights[:last])
    slack = max(0.0, _SLACK * (line.bottom - line.top) - _PAD)  # glyph widths are estimated
    return _pad(left - slack, line.top, right + slack, line.bottom)


def _pad(x0: float, top: float, x1: float, bottom: float) -> Points:
    return (x0 - _PAD, top - _PAD, x1 + _PAD, bottom + _PAD)


def page_image(pdf: Path, page: int, cache: Path, key: str, scale: float = 1.5) -> Path:
    """The page rendered as PNG, cached as ``cache/key/page.png`` (key: the content hash)."""
    target = cache / key / f"{page + 1}.png"
    if target.is_file():
        return target
    import pypdfium2

    target.parent.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        image = document[page].render(scale=scale).to_pil()
        partial = target.with_suffix(".tmp")
        image.save(partial, format="PNG")
        partial.replace(target)
    finally:
        document.close()
    return target
