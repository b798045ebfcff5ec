"""The scorer's own reading of figures in text (independent of index/numbers.py).

A number with an optional unit; money is converted to 元 and carries the precision the text
states (half a unit of its last digit), so "512万元" matches 5119613.47元 within 5000元.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Kind = Literal["money", "pct", "plain"]

_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|亿|万元|万|元|%|％)?")
_SCALES = {"亿元": 1e8, "万元": 1e4, "元": 1.0}


@dataclass(frozen=True)
class Figure:
    """A figure as the scorer reads it: value (money in 元), kind, and the stated precision."""

    value: float
    kind: Kind
    place: float


def normalise(text: str) -> str:
    """NFKC; a full-width comma separates clauses (never thousands); table cells stay apart;
    thousands separators and whitespace removed."""
    text = (text or "").replace("，", "；")
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?<=\d)[\t\n]+(?=\d)", "；", text)
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    return re.sub(r"[\s|｜]+", "", text)


def _decimals(raw: str) -> int:
    return len(raw.split(".")[1]) if "." in raw else 0


def figures(text: str) -> list[Figure]:
    """Every figure in ``text``: money in 元, percentages, and plain numbers (万/亿 counts too)."""
    out = []
    for match in _NUMBER.finditer(normalise(text)):
        raw, unit = match.group(1), match.group(2) or ""
        value, step = float(raw), 10.0 ** -_decimals(raw)
        if unit in _SCALES:
            scale = _SCALES[unit]
            out.append(Figure(value * scale, "money", scale * step))
        elif unit in ("亿", "万"):  # 3.2万户: a count, not money
            scale = 1e8 if unit == "亿" else 1e4
            out.append(Figure(value * scale, "plain", scale * step))
        elif unit in ("%", "％"):
            out.append(Figure(value, "pct", step))
        else:
            out.append(Figure(value, "plain", step))
    return out


def bare_numbers(text: str) -> list[Figure]:
    """Every number as written, unit ignored ("22.00万元" states the bare cell 22.00)."""
    return [
        Figure(float(m.group(1)), "plain", 10.0 ** -_decimals(m.group(1)))
        for m in _NUMBER.finditer(normalise(text))
    ]


def _significant(value: float, place: float) -> int:
    return len(str(round(value / place))) if place > 0 else 0


def matches(gold: Figure, shown: list[Figure]) -> bool:
    """The gold figure is stated by one of ``shown`` at that figure's precision."""
    for fig in shown:
        if not (fig.kind == gold.kind or {fig.kind, gold.kind} == {"money", "plain"}):
            continue
        if abs(fig.value - gold.value) <= 1e-6 * max(1.0, abs(gold.value)):
            return True
        close = abs(fig.value - gold.value) <= 0.5 * fig.place
        if gold.kind == "money" and close and _significant(fig.value, fig.place) >= 3:
            return True
        if gold.kind == "pct" and close:
            return True
    return False


def caption_scale(text: str) -> float | None:
    """The 元 factor of a "单位：万元" caption in a cited table, if any."""
    found = re.search(r"单位[:：]?(亿元|万元|元)", normalise(text))
    return _SCALES[found.group(1)] if found else None
