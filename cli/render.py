"""Plain-text and JSON renderings of service results for the CLI (pure functions)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from assistant.answer import Answer, Passage
from assistant.export import FACT_HEADERS, fact_cells
from assistant.results import Consistency, FactRow, FileOutcome, Report

_MARKS = {"added": "+", "replaced": "~", "unchanged": "=", "failed": "✗", "skipped": "-"}


def outcome_line(outcome: FileOutcome) -> str:
    return f"{_MARKS[outcome.status]} {outcome.message}"


def ingest_summary(outcomes: Sequence[FileOutcome]) -> str:
    c = {s: sum(o.status == s for o in outcomes) for s in _MARKS}
    skipped_zh = f" · 跳过 {c['skipped']}" if c["skipped"] else ""
    skipped_en = f", skipped {c['skipped']}" if c["skipped"] else ""
    return (
        f"新增 {c['added']} · 更新 {c['replaced']} · 未变 {c['unchanged']} · 失败 {c['failed']}"
        f"{skipped_zh}  (added {c['added']}, replaced {c['replaced']}, "
        f"unchanged {c['unchanged']}, failed {c['failed']}{skipped_en})"
    )


def consistency_text(found: Consistency) -> str:
    """The `check` report: totals, each disagreement, what a repair did, the verdict."""
    lines = [
        f"报告 {found.reports} · 段落 {found.chunks} · 数字 {found.facts}  "
        f"(reports {found.reports}, chunks {found.chunks}, facts {found.facts})"
    ]
    lines += [f"已修复 / repaired: {line}" for line in found.repaired]
    lines += [f"✗ {p.kind} {p.report_id} {p.detail}".replace("  ", " ") for p in found.problems]
    lines.append(
        "索引一致 / the index is consistent"
        if found.clean
        else f"发现 {len(found.problems)} 处不一致，可运行 check --repair / "
        f"{len(found.problems)} problem(s) found: run `report-assistant check --repair`"
    )
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A fixed-width text table that lines up Chinese (double-width) characters."""
    cells = [[("-" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines)


_SOURCE_NAMES = {
    "title": "标题",
    "html_title": "网页标题",
    "source_line": "来源行",
    "table_title": "表题",
    "sentence": "正文句",
    "responsible_body": "实施单位",
    "site_name": "网站名",
    "file_name": "文件名",
    "override": "指定",
}


def identity_sources(report: Report) -> str:
    """Where county/department/year came from, e.g. "县:标题 部门:标题 年:文件名"."""
    names = (("county", "县"), ("department", "部门"), ("year", "年"))
    parts = [
        f"{label}:{_SOURCE_NAMES.get(where, where)}"
        for key, label in names
        if (where := report.identity.source_of(key))
    ]
    return " ".join(parts)


def reports_table(reports: Sequence[Report]) -> str:
    if not reports:
        return "索引为空 / no reports indexed yet: run `report-assistant ingest PATH`"
    rows = [
        (
            r.id,
            r.file,
            r.identity.county,
            r.identity.department,
            r.identity.year,
            r.identity.doc_type,
            r.chunk_count,
            identity_sources(r),
        )
        for r in reports
    ]
    headers = (
        "id",
        "file",
        "county 县",
        "department 部门",
        "year 年度",
        "type 类型",
        "chunks",
        "found in 来源",
    )
    return table(headers, rows)


def hit_dict(hit: Passage) -> dict[str, Any]:
    return {
        "report_id": hit.report_id,
        "file": hit.file,
        "county": hit.county,
        "department": hit.department,
        "year": hit.year,
        "section": hit.section,
        "text": hit.span_text,
        "start": hit.start,
        "end": hit.end,
        "score": hit.score,
    }


def hits_text(hits: Sequence[Passage]) -> str:
    if not hits:
        return "未找到相关段落 / no matching passage"
    blocks = []
    for n, hit in enumerate(hits, 1):
        who = " · ".join(str(x) for x in (hit.county, hit.department, hit.year) if x)
        blocks.append(
            f"[{n}] {who} · {hit.section}  ({hit.file} {hit.start}-{hit.end},"
            f" score {hit.score})\n    " + hit.text.replace("\n", "\n    ")
        )
    return "\n\n".join(blocks)


def chunks_listing(chunks: Sequence[Passage]) -> str:
    lines = []
    for ordinal, c in enumerate(chunks):
        preview = c.text.replace("\n", " ⏎ ")[:60]
        lines.append(f"{ordinal:>4} {c.start:>6}-{c.end:<6} {c.section} | {preview}")
    return "\n".join(lines)


def facts_table(rows: Sequence[FactRow]) -> str:
    if not rows:
        return "没有符合条件的数字 / no facts match"
    return table(FACT_HEADERS[:10], [fact_cells(row)[:10] for row in rows])


def answer_text(answer: Answer) -> str:
    """The answer, its warnings and its numbered sources, for a terminal."""
    return f"{answer.answer}\n{answer_sources(answer)}".rstrip()


def answer_sources(answer: Answer) -> str:
    """Warnings and numbered sources of an answer (what follows its text)."""
    parts = [f"⚠ {w}" for w in answer.unstated_warnings()]
    if answer.citations:
        parts.append(
            "来源 / sources:" if not answer.refused else "最接近的段落 / nearest passages:"
        )
        for c in answer.citations:
            who = " · ".join(str(x) for x in (c.county, c.department, c.year) if x)
            text = c.text.replace("\n", "\n      ")
            parts.append(
                f"  [{c.n}] {who} · {c.section} ({c.file} {c.start}-{c.end})\n      {text}"
            )
    return "\n".join(parts)
