"""The offline answerer: quotes the sentence or table row that answers, cites it, and refuses
when the reports do not say. Every figure it shows is copied from a cited passage (or is a
labelled unit conversion of one)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answer import Answer, Citation, Passage
from assistant.checks import asks_for_change, difference, reader_warnings
from assistant.evidence import (
    Topic,
    Unit,
    make_topics,
    match_text,
    score_unit,
    split_units,
    term_present,
)
from assistant.tables import caption_unit, row_statement
from assistant.understanding import Query
from index.models import PATH_SEP, SHEET_PREFIX, FactRecord, Report
from index.numbers import find_quantities

Retrieve = Callable[[str, Sequence[str], int], list[Passage]]
"""retrieve(query_text, report_ids, k) → passages from those reports, best first."""

MAX_UNITS_PER_TOPIC = 3
MAX_REPORTS = 12
PER_REPORT = 8
CLOSE_SCORE = 0.75


@dataclass(frozen=True)
class Finding:
    """A unit chosen to answer, with its passage and the text to show."""

    unit: Unit
    passage: Passage
    shown: str
    score: float


class Citations:
    """Numbers passages in order of first use; the [n] in the answer resolve here."""

    def __init__(self) -> None:
        self._by_chunk: dict[str, Citation] = {}

    def mark(self, passage: Passage) -> str:
        if passage.chunk_id not in self._by_chunk:
            n = len(self._by_chunk) + 1
            self._by_chunk[passage.chunk_id] = passage.cite(n)
        return f"[{self._by_chunk[passage.chunk_id].n}]"

    def all(self) -> tuple[Citation, ...]:
        return tuple(self._by_chunk.values())


def who(report: Report | Passage) -> str:
    """ "永兴县科技和工业信息化局2022年度" for a report or a passage from it."""
    ident = report.identity if isinstance(report, Report) else report
    year = f"{ident.year}年度" if ident.year else "（年度不详）"
    return f"{ident.county or ''}{ident.department or ''}{year}"  # both have these fields


class OfflineAnswerer:
    """Answers from retrieved passages with no language model."""

    def __init__(
        self,
        retrieve: Retrieve,
        report_text: Callable[[str], str],
        facts: Callable[[str], list[FactRecord]] = lambda _id: [],
        find: Callable[[str, int, int], Passage | None] = lambda *_: None,
        *,
        max_reports: int = MAX_REPORTS,
        per_report: int = PER_REPORT,
    ) -> None:
        self._max_reports = max_reports
        self._per_report = per_report
        self._retrieve = retrieve
        self._report_text = report_text
        self._facts = facts
        self._find = find

    def answer(self, query: Query, targets: Sequence[Report]) -> Answer:
        """Answer ``query`` from the ``targets`` reports (already filtered by the service)."""
        asked = query.zh_text or query.text  # an English question mapped to Chinese
        search = " ".join(x for x in (query.context, query.topic, asked) if x)
        passages = [  # per report, so every report gets its own best passages
            p
            for r in targets[: self._max_reports]
            for p in self._retrieve(search, [r.id], self._per_report)
        ]
        wanted = f"{query.context} {query.topic} {asked}"
        topics = [
            topic
            for text in (query.topics or (query.topic,))
            for topic in make_topics(text, wanted, query.context)
        ]
        topics = [t for t in topics if t.hard] or topics
        if query.intent == "locate":
            return self._locate(query, targets, passages, topics)
        return self._figures(query, targets, passages, topics)

    # -- figures ------------------------------------------------------------------------------

    def _figures(
        self, query: Query, targets: Sequence[Report], passages: list[Passage], topics: list[Topic]
    ) -> Answer:
        cites = Citations()
        lines: list[str] = []
        warnings: list[str] = []
        missing: list[Report] = []
        for report in targets:
            mine = [p for p in passages if p.report_id == report.id]
            findings = self._best(mine, topics, report.id)
            if not findings:
                missing.append(report)
                continue
            lines.append(self._line(report, findings, cites, query))
            warnings += conflicts(report, findings, cites)
            warnings += self._fact_conflicts(report, findings, cites)
            shown = [f.shown for f in findings]
            asked = list(query.years) or ([report.identity.year] if report.identity.year else [])
            warnings += reader_warnings(shown, asked)
            if asks_for_change(query.text) and len(targets) == 1:
                calc = difference(shown)
                if calc:
                    lines.append(f"差额：{calc}。")
        if not lines:
            return self._refuse(query, targets, passages, cites)
        if missing and len(targets) > 1:
            lines += [f"{who(r)}报告中未找到相关内容。" for r in missing]
        years = sorted({r.identity.year for r in targets if r.identity.year})
        if len(targets) > 1 and len(years) > 1 and len(lines) > 1:
            warnings.append(f"各报告年度不同（{'、'.join(map(str, years))}），比较时请注意。")
        return Answer(query.text, "\n".join(lines), False, cites.all(), (), tuple(warnings))

    def _best(self, passages: list[Passage], topics: list[Topic], report_id: str) -> list[Finding]:
        """The best units for each topic, plus close runners-up that state other figures."""
        chosen: list[Finding] = []
        for topic in topics:
            scored = []
            text = self._report_text(report_id)
            for rank, passage in enumerate(passages):
                around = text[max(0, passage.start - 300) : passage.start]
                for unit in split_units(passage, rank):
                    score = score_unit(unit, topic, passage, rank, around)
                    if score is not None:
                        scored.append((score, unit, passage))
            scored.sort(key=lambda s: -s[0])
            if not scored:
                continue  # this sub-question is not answered; the others may be
            top = scored[0][0]
            for score, unit, passage in scored:
                if score < CLOSE_SCORE * top or len([c for c in chosen if c.score]) >= (
                    MAX_UNITS_PER_TOPIC * len(topics)
                ):
                    break
                if any(_same_place(unit, c.unit) for c in chosen):
                    continue
                shown = self._shown(unit, passage, report_id)
                if any(_same_figures(shown, c.shown) for c in chosen):
                    continue
                chosen.append(Finding(unit, passage, shown, score))
        return chosen

    def _fact_conflicts(
        self, report: Report, findings: list[Finding], cites: Citations
    ) -> list[str]:
        """Values the fact table marks as conflicting for a metric the quotes state."""
        facts = self._facts(report.id)
        quoted = {
            f.metric
            for f in facts
            for found in findings
            if f.start < found.unit.end and found.unit.start < f.end
        }
        out = []
        for metric in sorted(quoted):
            clash = [f for f in facts if f.metric == metric and f.conflict]
            if len({f.value_yuan or f.value for f in clash}) < 2:
                continue
            parts = []
            for fact in clash:
                passage = self._find(report.id, fact.start, fact.end)
                marker = cites.mark(passage) if passage else ""
                parts.append(f"{fact.qualifier or ''}{fact.value_text}{marker}")
            out.append(
                f"{who(report)}报告中“{metric}”的数字前后不一致：{'、'.join(parts)}，请核对原文。"
            )
        return out

    def _shown(self, unit: Unit, passage: Passage, report_id: str) -> str:
        if unit.is_row:
            money = caption_unit(self._report_text(report_id), unit.start)
            return row_statement(unit, money)
        return unit.text.strip().rstrip("。；;")

    def _line(self, report: Report, findings: list[Finding], cites: Citations, query: Query) -> str:
        quotes = [f"「{f.shown}」{cites.mark(f.passage)}{_conversion(f.shown)}" for f in findings]
        if query.language == "en":
            return f"According to the {who(report)} report: " + "; ".join(quotes) + "."
        return f"{who(report)}报告：" + "；".join(quotes) + "。"

    # -- locate -------------------------------------------------------------------------------

    def _locate(
        self, query: Query, targets: Sequence[Report], passages: list[Passage], topics: list[Topic]
    ) -> Answer:
        cites = Citations()
        lines = []
        terms = [t for topic in topics for t in topic.hard] or [query.topic]
        for report in targets:
            best = _locate_passage([p for p in passages if p.report_id == report.id], terms)
            if best is None:
                continue
            sentence = _quote(best.span_text)
            where = f"「{best.section}」"
            if query.language == "en":
                lines.append(
                    f"In the {who(report)} report, section {where}: “{sentence}”{cites.mark(best)}."
                )
            else:
                lines.append(f"{who(report)}报告{where}一节：“{sentence}”{cites.mark(best)}。")
        if not lines:
            return self._refuse(query, targets, passages, cites)
        return Answer(query.text, "\n".join(lines), False, cites.all())

    # -- refusal ------------------------------------------------------------------------------

    def _refuse(
        self, query: Query, targets: Sequence[Report], passages: list[Passage], cites: Citations
    ) -> Answer:
        for passage in passages[:3]:
            cites.mark(passage)
        scope = "、".join(who(r) for r in targets[:6])
        topic = query.topic or query.text
        if query.language == "en":
            text = (
                f"The reports do not say ({topic}); searched: {scope}. "
                "The nearest passages are listed as sources."
            )
        else:
            text = (
                f"报告中未找到“{topic}”的相关内容（已检索：{scope}）。"
                "最接近的段落列在来源中，供核对。"
            )
        return Answer(query.text, text, True, cites.all())


def _same_place(a: Unit, b: Unit) -> bool:
    return a.start < b.end and b.start < a.end


def _same_figures(a: str, b: str) -> bool:
    """Two quotes stating exactly the same figures and dates add nothing (a repeated sentence).

    A near-copy whose dates or figures differ is kept: that difference is for the reader."""
    qa = [q.raw for q in find_quantities(a)]
    qb = [q.raw for q in find_quantities(b)]
    return bool(qa) and qa == qb and difflib.SequenceMatcher(None, a, b).ratio() > 0.9


def _conversion(shown: str) -> str:
    """A labelled 万元 conversion for large amounts written in 元 (never replacing them)."""
    big = [q for q in find_quantities(shown) if q.unit == "元" and q.value >= 10_000]
    if not big:
        return ""
    parts = [f"{q.raw}≈{(q.value / 10_000):.2f}万元" for q in big[:3]]
    return f"（换算：{'，'.join(parts)}）"


def conflicts(report: Report, findings: list[Finding], cites: Citations) -> list[str]:
    """Warn when two places in one report give different figures for the same thing."""
    out = []
    for i, a in enumerate(findings):
        for b in findings[i + 1 :]:
            if not _other_sheet(a.passage, b.passage) and _disagree(a.shown, b.shown):
                out.append(
                    f"{who(report)}报告中两处表述不一致：“{a.shown}”{cites.mark(a.passage)}与"
                    f"“{b.shown}”{cites.mark(b.passage)}，请核对原文。"
                )
    return out


def _other_sheet(a: Passage, b: Passage) -> bool:
    """Rows on two sheets of a workbook belong to different forms (two projects' 自评表 both
    have a "年度资金总额" row): they never contradict each other."""
    top_a, top_b = a.section.split(PATH_SEP)[0], b.section.split(PATH_SEP)[0]
    sheets = top_a.startswith(SHEET_PREFIX) or top_b.startswith(SHEET_PREFIX)
    return top_a != top_b and sheets


def _disagree(a: str, b: str) -> bool:
    """Same wording with different figures, or the same labelled quantity with another value.

    Table-row statements ("label：…") are compared only with rows of the same label."""
    qa = find_quantities(a)
    qb = find_quantities(b)
    if not qa or not qb:
        return False
    label_a, label_b = a.split("：")[0], b.split("：")[0]
    if ("：" in a or "：" in b) and label_a != label_b and len(label_a) < 40:
        return False
    similar = difflib.SequenceMatcher(None, _letters(a), _letters(b)).ratio() > 0.8
    if similar and [q.raw for q in qa] != [q.raw for q in qb]:
        return True
    return bool(_labelled(a).keys() & _labelled(b).keys()) and any(
        _labelled(a)[k] != _labelled(b)[k] for k in _labelled(a).keys() & _labelled(b).keys()
    )


def _letters(text: str) -> str:
    return "".join(ch for ch in text if not ch.isdigit())


def _labelled(text: str) -> dict[str, tuple]:
    """ "基本支出预算 513.45万元" → {"基本支出预算": value in 元}: the words right before money."""
    out: dict[str, tuple] = {}
    for q in find_quantities(text):
        if not q.is_money:
            continue
        label = match_text(text[max(0, q.start - 8) : q.start])
        label = "".join(ch for ch in label if "\u4e00" <= ch <= "\u9fff")[-6:]
        if len(label) >= 4:
            out[label] = (q.yuan,)
    return out


def _locate_passage(passages: list[Passage], terms: list[str]) -> Passage | None:
    def score(p: Passage) -> float:
        text = match_text(p.text)
        section = match_text(p.section)
        hits = sum(term_present(t, text) for t in terms)
        in_section = sum(term_present(t, section) for t in terms)
        return hits + 1.5 * in_section

    ranked = sorted(passages, key=lambda p: (-score(p), p.start))  # a section's first passage
    return ranked[0] if ranked and score(ranked[0]) > 0 else None


def _quote(text: str, limit: int = 200) -> str:
    """A passage as quoted in a locate answer: whole when short, else cut at a sentence end."""
    text = text.replace("\t", " ").replace("\n", " ").strip()
    if len(text) <= limit:
        return text.rstrip("。")
    cut = max(text.rfind(p, 0, limit) for p in "。；！？")
    return text[: cut if cut > limit // 2 else limit].rstrip("。") + "…"
