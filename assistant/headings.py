"""Section headings as answers: "存在什么问题" → the heading "五、存在的问题" and what it says."""

from __future__ import annotations

from assistant.candidates import Candidate
from index.models import PATH_SEP

BODY_CHARS = 240
"""How much of a section's body a quote of its heading carries."""


def is_section_heading(cand: Candidate) -> bool:
    """The unit is the heading that opens its passage's section (a line of its own)."""
    heading = cand.passage.section.split(PATH_SEP)[-1].strip()
    return bool(heading) and cand.unit.text.strip() == heading


def section_body_end(text: str, start: int, limit: int) -> int:
    """End of the section body that follows a heading ending at ``start``: its lines up to
    ``limit`` (the passage end), cut at the last sentence end within ``BODY_CHARS``."""
    stop = min(limit, start + BODY_CHARS)
    if stop <= start or not text[start:stop].strip():
        return start
    if stop == limit:
        return stop
    cut = max(text.rfind(mark, start, stop) for mark in "。；;！？\n")
    return cut + 1 if cut > start else stop
