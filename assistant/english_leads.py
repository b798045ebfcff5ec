"""English lead sentences for answers built from the fact table: which side is higher and by
how much, and how a figure changed between two years.

The lines below the lead stay as they are (figures in a common unit beside the original
wording, calculations); the lead repeats the figures as the reports write them, with the
markers of the lines that cite them, so an English question opens with its direct answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.compose import who_en

if TYPE_CHECKING:
    from assistant.compare import Change, Gap, Pick
    from index.metrics import Metric

_MARK = re.compile(r"\[\d+\]")
_DIRECTION = {"增加": "rose by", "减少": "fell by", "持平": "was unchanged"}


def _english_points(amount: str) -> str:
    """A difference of two rates in English: "0.63 percentage points", not "0.63个百分点"."""
    return re.sub(r"个百分点$", " percentage points", amount)


def _marks(line: str) -> str:
    return "".join(dict.fromkeys(_MARK.findall(line)))


def _who(pick: Pick) -> str:
    """The body and year a figure is of; an earlier year's figure read from a later report
    says so."""
    year = pick.facts[0].year
    own = pick.report.identity.year
    if year and own and year != own:
        return f"{who_en(pick.report)[: -len(f' ({own})')]} ({year}, from its {own} report)"
    return who_en(pick.report)


def _written(pick: Pick) -> str:
    return " / ".join(dict.fromkeys(f.written for f in pick.facts))


def ranking_lead(
    metric: Metric, picks: Sequence[Pick], rows: Sequence[str], least: bool, gap: Gap | None
) -> str:
    """ "公务接待费: X (2023) is higher with 1.05万元[1], against 0.68万元[2] for Y (2023);
    difference 0.37万元." for two sides, "…, highest first: …" for more; ``rows`` are the
    ranking's lines, highest first, whose markers the lead repeats."""
    ordered = sorted(picks, key=lambda p: p.value, reverse=True)
    shown = [(_who(p), _written(p), _marks(row)) for p, row in zip(ordered, rows, strict=False)]
    if len(shown) != len(ordered):
        return ""
    rate = metric.kind in ("percent", "score", "rate")
    if len(shown) == 2:
        (top, top_fig, top_mark), (low, low_fig, low_mark) = shown
        if ordered[0].value == ordered[1].value:
            both = f"{top_fig}{top_mark}, {low_fig}{low_mark}"
            return f"{metric.name}: {top} and {low} are equal ({both})."
        word = (
            ("is lower" if least else "is higher")
            if rate
            else ("has less" if least else "has more")
        )
        if least:
            (top, top_fig, top_mark), (low, low_fig, low_mark) = shown[1], shown[0]
        lead = (
            f"{metric.name}: {top} {word}, {top_fig}{top_mark}, against "
            f"{low_fig}{low_mark} for {low}"
        )
        if gap is not None and gap.high.value != gap.low.value:
            lead += f"; difference {_english_points(gap.diff + gap.points)}"
        return lead + "."
    order = "lowest first" if least else "highest first"
    listed = "; ".join(f"{who} {figure}{mark}" for who, figure, mark in (
        reversed(shown) if least else shown
    ))  # fmt: skip
    return f"{metric.name}, {order}: {listed}."


def change_lead(metric: Metric, later: Pick, earlier: Pick, head: str, change: Change) -> str:
    """ "X: 三公经费 fell by 1.40万元 (-9.86%) from 14.20万元 in 2022[2] to 12.80万元 in
    2023[1]." — ``head`` is the line citing the two figures (later first)."""
    marks = _MARK.findall(head)
    if len(marks) < 2:
        return ""
    year_a = later.facts[0].year or later.report.identity.year
    year_b = earlier.facts[0].year or earlier.report.identity.year
    body = who_en(later.report).rsplit(" (", 1)[0]
    direction = _DIRECTION.get(change.word, change.word)
    amount = "" if change.word == "持平" else f" {_english_points(change.amount)}"
    rate = f" ({change.rate}%)" if change.rate is not None and change.word != "持平" else ""
    return (
        f"{body}: {metric.name} {direction}{amount}{rate} from {_written(earlier)} in "
        f"{year_b}{marks[1]} to {_written(later)} in {year_a}{marks[0]}."
    )


_DERIVED = {
    "占比": "share", "差额": "difference", "合计": "sum", "变化": "change", "执行率": "rate",
}  # fmt: skip
_RESULT = re.compile(r"[=≈]\s*(-?[\d,]+(?:\.\d+)?(?:%|[\u4e00-\u9fff]{1,3})?)")


def derived_note(calc: str) -> str:
    """ "; share 36.35% (calculated below)" for an English lead, from a derived line
    ("占比：1,128.70万元 ÷ 3,105.20万元 = 36.35%（计算；来源[1]）"): its kind and result as
    the line writes it; "" for any other line."""
    kind, _, rest = calc.partition("：")
    name = _DERIVED.get(kind)
    found = _RESULT.search(rest.split("（", 1)[0]) if name else None
    if found is None:
        return ""
    return f"; {name} {found.group(1)} (calculated below)"
