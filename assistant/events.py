"""What :meth:`ReportService.ask_stream` yields: typed events a front end renders in order.

``TextDelta`` pieces (the model's draft in LLM mode, the whole answer at once offline), then
``SourcesEvent`` and ``WarningsEvent`` of the verified answer, then ``FinalAnswer``. The final
text can differ from the streamed draft when verification repaired it: it replaces the draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answer import Answer, Citation


@dataclass(frozen=True)
class TextDelta:
    """The next piece of the answer text."""

    text: str


@dataclass(frozen=True)
class SourcesEvent:
    """The numbered sources the final answer's [n] markers resolve to."""

    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class WarningsEvent:
    """Warnings a careful reader needs (only sent when there are some)."""

    warnings: tuple[str, ...]


@dataclass(frozen=True)
class FinalAnswer:
    """The verified answer (the answer contract); always the last event."""

    answer: Answer


AskEvent = TextDelta | SourcesEvent | WarningsEvent | FinalAnswer
