"""Typed results of service operations that front ends render (besides the answer contract)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from index.consistency import Consistency, Problem
from index.ingest import FileOutcome
from index.models import FactRecord, OcrLine, Report, ReportIdentity

__all__ = [
    "Consistency",
    "FactRecord",
    "FactRow",
    "FileOutcome",
    "OcrLine",
    "OcrSummary",
    "Problem",
    "Report",
    "ReportIdentity",
    "Upload",
    "UploadResult",
]
"""Front ends import these types from here (never from ``index``)."""


@dataclass(frozen=True)
class FactRow:
    """One stored figure with its report; ``year`` is the year it is about (the report's year
    when the sentence names none); ``section`` the section path of its span when known."""

    report: Report
    fact: FactRecord
    section: str | None = None

    @property
    def year(self) -> int | None:
        return self.fact.year or self.report.identity.year


@dataclass(frozen=True)
class Upload:
    """A file a front end received: the name the user gave it and where its bytes are now.

    ``temporary`` marks a copy the front end made (Gradio's temp folder, an HTTP body): the
    service deletes it once handled, accepted or not."""

    name: str
    path: Path
    temporary: bool = False


UploadStatus = Literal["added", "replaced", "unchanged", "failed", "rejected"]


@dataclass(frozen=True)
class UploadResult:
    """What happened to one upload; ``message`` is the one line shown to the user."""

    name: str
    status: UploadStatus
    message: str
    report_id: str | None = None
    stored: Path | None = None


@dataclass(frozen=True)
class OcrSummary:
    """How much of a scanned report was read by OCR: the pages (1-based), how many lines, and
    how many of them the recogniser was unsure of (confidence below the warning threshold)."""

    pages: tuple[int, ...]
    lines: int
    low_confidence: int
