"""The errors front ends catch: one clear line for the user, never a traceback."""

from index.errors import ReportAssistantError

__all__ = ["ReportAssistantError"]
