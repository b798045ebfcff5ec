"""The rows of a comparison table: one per report × metric × 口径 × year, values in one unit.

A report usually states a figure several times (a sentence, a table row, a summary); those are
one row. Where the fact table marks the statements as disagreeing (see
:func:`index.facts.mark_conflicts`), the row carries every distinct value with its source and
is shown as a conflict instead of picking one. Pure functions: the web app and the CLI render
what these return."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from index.models import FactRecord, Report

SectionOf = Callable[[str, int, int], str | None]
"""section_of(report_id, start, end) → the section path holding that span, if known."""

UNQUALIFIED = "未注明"
"""The 口径 shown when a report does not say whether a figure is 预算 or 决算."""

_FAMILY = {"实际": "决算"}
"""Qualifiers that mean the same 口径 (as :func:`index.facts.mark_conflicts` treats them)."""


@dataclass(frozen=True)
class Statement:
    """One value a report states, in the row's unit, with its wording and where it stands."""

    value: float | None
    original: str
    source: str
    start: int
    end: int


@dataclass(frozen=True)
class CompareRow:
    """One report's figure for one metric and 口径; several statements only when they clash."""

    report: Report
    metric: str
    qualifier: str
    year: int | None
    unit: str
    statements: tuple[Statement, ...]

    @property
    def conflict(self) -> bool:
        return len(self.statements) > 1

    @property
    def value(self) -> float | None:
        """The row's value; None for a conflict (no single figure to draw)."""
        return None if self.conflict else self.statements[0].value

    @property
    def label(self) -> str:
        """county·department·year of the report, for chart bars and headings."""
        ident = self.report.identity
        parts = [ident.county, ident.department, f"{self.year}年" if self.year else None]
        return "·".join(str(p) for p in parts if p) or self.report.file


def converted(fact: FactRecord) -> tuple[float | None, str]:
    """The value in one unit per kind: money in 万元, anything else in its own unit."""
    if fact.value_yuan is not None:
        return _number(fact.value_yuan, Decimal(10000)), "万元"
    return _number(fact.value), fact.unit


def _number(text: str, scale: Decimal = Decimal(1)) -> float | None:
    try:
        return float(round(Decimal(str(text).replace(",", "")) / scale, 6))
    except (InvalidOperation, ValueError):
        return None


def original_wording(fact: FactRecord) -> str:
    """The figure as the report writes it (the unit added when a table caption gave it)."""
    text = fact.value_text
    return text if not fact.unit or text.endswith(fact.unit) else f"{text}（{fact.unit}）"


def compare_rows(
    facts: Sequence[tuple[Report, FactRecord]], section_of: SectionOf | None = None
) -> list[CompareRow]:
    """Group facts into one row per report × metric × 口径 × year, in first-seen order."""
    groups: dict[tuple[str, str, str, int | None], list[tuple[Report, FactRecord]]] = {}
    for report, fact in facts:
        qualifier = _FAMILY.get(fact.qualifier or "", fact.qualifier or "") or UNQUALIFIED
        year = fact.year or report.identity.year
        groups.setdefault((report.id, fact.metric, qualifier, year), []).append((report, fact))
    rows = []
    for (_, metric, qualifier, year), members in groups.items():
        report = members[0][0]
        statements = _statements([f for _, f in members], report, section_of)
        unit = converted(members[0][1])[1]
        rows.append(CompareRow(report, metric, qualifier, year, unit, statements))
    return rows


def _statements(
    facts: Sequence[FactRecord], report: Report, section_of: SectionOf | None
) -> tuple[Statement, ...]:
    """Distinct values when the facts are marked as conflicting, else the most precise one."""
    clashing = [f for f in facts if f.conflict]
    if len({converted(f)[0] for f in clashing}) > 1:
        chosen: dict[float | None, FactRecord] = {}
        for fact in clashing:
            chosen.setdefault(converted(fact)[0], fact)
        return tuple(_statement(f, report, section_of) for f in chosen.values())
    best = max(facts, key=_precision)
    return (_statement(best, report, section_of),)


def _precision(fact: FactRecord) -> tuple[int, int]:
    """Prefer more written digits, then a sentence over a table cell (stable otherwise)."""
    digits = sum(ch.isdigit() for ch in fact.value_text)
    return digits, fact.source == "text"


def _statement(fact: FactRecord, report: Report, section_of: SectionOf | None) -> Statement:
    section = section_of(report.id, fact.start, fact.end) if section_of else None
    where = section or f"第 {fact.start}–{fact.end} 字"
    value, _ = converted(fact)
    return Statement(
        value, original_wording(fact), f"{report.file} · {where}", fact.start, fact.end
    )
