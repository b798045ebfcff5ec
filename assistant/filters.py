"""Hard filters on report identity, shared by retrieval and the service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SearchFilters:
    """Hard filters on report identity; None means "any"."""

    county: str | None = None
    department: str | None = None
    year: int | None = None
    report_id: str | None = None
    report_ids: tuple[str, ...] | None = None

    def where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = [
            {key: value}
            for key, value in (
                ("county", self.county),
                ("department", self.department),
                ("year", self.year),
                ("report_id", self.report_id),
            )
            if value is not None
        ]
        if self.report_ids is not None:
            ids = list(self.report_ids)
            clauses.append({"report_id": ids[0]} if len(ids) == 1 else {"report_id": {"$in": ids}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass(frozen=True)
class AskFilters:
    """The scope a front end chose for a question (dropdowns, API fields); None = any.

    Values may be short forms ("青山" → 青山县); they are resolved against the indexed reports.
    A slot the question names itself wins over the filter; an unresolvable value is refused."""

    county: str | None = None
    department: str | None = None
    year: int | None = None

    def __post_init__(self) -> None:
        for name in ("county", "department"):
            value = getattr(self, name)
            if value is not None and not value.strip():
                object.__setattr__(self, name, None)  # "" from a cleared dropdown means "any"

    @property
    def empty(self) -> bool:
        return self.county is None and self.department is None and self.year is None
