"""Errors a user can cause while indexing; each carries one clear sentence."""

from __future__ import annotations


class ReportAssistantError(Exception):
    """Base for errors shown to the user as one line, never as a traceback."""


class LoadError(ReportAssistantError):
    """A file could not be read as a report (corrupt, empty, binary, unsupported type …)."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason
