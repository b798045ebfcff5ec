"""The page of a PDF a citation comes from: where the cited text stands (pdfplumber character
boxes) and the page as an image (pypdfium2, cached under the data dir).

The stored report text is normalised, so a cited passage is found on the page by its
characters with all whitespace removed; the figures cited in the answer are then boxed on
that page (the passage's first characters when no figure is found). Scanned pages have no
characters here and get no page view."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

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
