"""Locate answers ("…在报告哪一部分"): the passage whose text and section title name the
question's terms, shown with its section path, and the points it lists when they are counted."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant import claims
from assistant.answer import Passage
from assistant.compose import Citations, locate_line
from assistant.evidence import Topic, match_text, term_present
from assistant.listing import section_points
from assistant.understanding import Query
from index.models import Report
from index.numbers import Quantity, find_quantities

Find = Callable[[str, int, int], Passage | None]
"""find(report_id, start, end) → the indexed passage holding that span, if any."""


def locate_lines(
    query: Query,
    targets: Sequence[Report],
    passages: list[Passage],
    topics: list[tuple[Topic, str | None]],
    cites: Citations,
    report_text: Callable[[str], str],
    find: Find,
) -> list[str]:
    """One line per report that writes about the question's terms: where, and a quote."""
    lines = []
    terms = [t for topic, _ in topics for t in topic.hard] or [query.topic]
    figures = [s.quantity for s in claims.stated(query.zh_text or query.text)]
    for report in targets:
        mine = [p for p in passages if p.report_id == report.id]
        best = locate_passage(mine, terms, figures)
        if best is None:
            continue
        line = locate_line(report, best, quote(best.span_text), cites.mark(best), query)
        points = listed_points(report_text(report.id), report, best, cites, query, find)
        lines.append(line + (points or ""))
    return lines


def locate_passage(
    passages: list[Passage], terms: list[str], figures: Sequence[Quantity] = ()
) -> Passage | None:
    """The passage a locate question is about: its terms in the text and the section title,
    and every figure the question quotes ("…31个项目在哪一节") written in it."""

    def score(p: Passage) -> float:
        text = match_text(p.text)
        section = match_text(p.section)
        hits = sum(term_present(t, text) for t in terms)
        in_section = sum(term_present(t, section) for t in terms)
        written = [q for q in find_quantities(p.span_text) if q.unit]  # not "31日"
        quoted = sum(any(claims.same_figure(q, f) for q in written) for f in figures)
        return hits + 1.5 * in_section + (2.0 * quoted if hits or in_section else 0.0)

    ranked = sorted(passages, key=lambda p: (-score(p), p.start))  # a section's first passage
    return ranked[0] if ranked and score(ranked[0]) > 0 else None


def listed_points(
    text: str, report: Report, best: Passage, cites: Citations, query: Query, find: Find
) -> str | None:
    """ "该节列了3条：1.…；2.…；3.…[n]" when the question counts what the section lists."""
    if not query.asks_count:
        return None
    points = section_points(text, best.start)
    found = [find(report.id, p.start, p.end) for p in points]
    if not points or any(f is None for f in found):
        return None
    marks = "".join(dict.fromkeys(cites.mark(f) for f in found if f is not None))
    listed = "；".join(f"{p.number}.{p.title}" for p in points)
    if query.language == "en":
        return f" The section lists {len(points)} points: {listed}{marks}."
    return f"该节共列{len(points)}条：{listed}{marks}。"


def quote(text: str, limit: int = 200) -> str:
    """A passage as quoted in a locate answer: whole when short, else cut at a sentence end."""
    text = text.replace("\t", " ").replace("\n", " ").strip()
    if len(text) <= limit:
        return text.rstrip("。")
    cut = max(text.rfind(p, 0, limit) for p in "。；！？")
    return text[: cut if cut > limit // 2 else limit].rstrip("。") + "…"
