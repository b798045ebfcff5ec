"""The rows of a comparison table: one per report × metric × 口径 × year, values in one unit.

A report usually states a figure several times (a sentence, a table row, a summary); those are
one row. Where the fact table marks the statements as disagreeing (see
:func:`index.facts.mark_conflicts`), the row carries every distinct value with its source and
is shown as a conflict instead of picking one. Pure functions: the web app and the CLI render
what these return."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assistant.results import FactRecord, FactRow, Report

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


def compare_rows(facts: Sequence[FactRow]) -> list[CompareRow]:
    """Group facts (``ReportService.compare``) into one row per report × metric × 口径 × year,
    in first-seen order."""
    groups: dict[tuple[str, str, str, int | None], list[FactRow]] = {}
    for row in facts:
        fact = row.fact
        qualifier = _FAMILY.get(fact.qualifier or "", fact.qualifier or "") or UNQUALIFIED
        groups.setdefault((row.report.id, fact.metric, qualifier, row.year), []).append(row)
    rows = []
    for (_, metric, qualifier, year), members in groups.items():
        report = members[0].report
        unit = converted(members[0].fact)[1]
        rows.append(CompareRow(report, metric, qualifier, year, unit, _statements(members)))
    return rows


def _statements(members: Sequence[FactRow]) -> tuple[Statement, ...]:
    """Distinct values when the facts are marked as conflicting, else the most precise one."""
    clashing = [m for m in members if m.fact.conflict]
    if len({converted(m.fact)[0] for m in clashing}) > 1:
        chosen: dict[float | None, FactRow] = {}
        for member in clashing:
            chosen.setdefault(converted(member.fact)[0], member)
        return tuple(_statement(m) for m in chosen.values())
    return (_statement(max(members, key=lambda m: _precision(m.fact))),)


def _precision(fact: FactRecord) -> tuple[int, int]:
    """Prefer more written digits, then a sentence over a table cell (stable otherwise)."""
    digits = sum(ch.isdigit() for ch in fact.value_text)
    return digits, fact.source == "text"


def _statement(member: FactRow) -> Statement:
    fact = member.fact
    where = member.section or f"第 {fact.start}–{fact.end} 字"
    value, _ = converted(fact)
    source = f"{member.report.file} · {where}"
    return Statement(value, original_wording(fact), source, fact.start, fact.end)
