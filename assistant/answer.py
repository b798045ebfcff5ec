"""The answer contract every front end renders (see DESIGN.md, "The answer contract")."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with where it sits: report identity, section path, span and score."""

    chunk_id: str
    report_id: str
    file: str
    county: str | None
    department: str | None
    year: int | None
    section: str
    text: str
    start: int
    end: int
    score: float
    header: str | None = None

    @property
    def span_text(self) -> str:
        """The exact span of the normalised text (``text`` minus a repeated table header)."""
        if self.header and self.text.startswith(self.header + "\n"):
            return self.text[len(self.header) + 1 :]
        return self.text

    def cite(self, n: int) -> Citation:
        """This passage as citation ``n`` of an answer (the exact span, not the header)."""
        return Citation(
            n=n,
            report_id=self.report_id,
            file=self.file,
            county=self.county,
            department=self.department,
            year=self.year,
            section=self.section,
            text=self.span_text,
            start=self.start,
            end=self.end,
            score=round(self.score, 4),
        )


@dataclass(frozen=True)
class Citation:
    """One numbered source. ``text == normalised[start:end]`` of report ``report_id``."""

    n: int
    report_id: str
    file: str
    county: str | None
    department: str | None
    year: int | None
    section: str
    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Fact:
    """A structured figure used in an answer, with the citation that holds it."""

    metric: str
    value: str
    unit: str
    value_yuan: float | None
    citation: int
    qualifier: str | None = None
    county: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Answer:
    """What the assistant says, with its sources, figures and warnings."""

    question: str
    answer: str
    refused: bool
    citations: tuple[Citation, ...] = ()
    facts: tuple[Fact, ...] = ()
    warnings: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def unstated_warnings(self) -> list[str]:
        """Warnings the answer text does not already state ("注意：…" lines), for front ends
        that show warnings after the text: each is then shown once."""
        said = "".join(self.answer.split())
        return [w for w in self.warnings if "".join(w.split()) not in said]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the contract (``meta`` is internal and left out)."""
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "citations": [asdict(c) for c in self.citations],
            "facts": [asdict(f) for f in self.facts],
            "warnings": list(self.warnings),
        }
