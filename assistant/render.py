"""Plain-text and JSON renderings of service results for the CLI (pure functions)."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from typing import Any

from assistant.answer import Answer
from index.consistency import Consistency
from index.ingest import FileOutcome, summarise
from index.models import FactRecord, Report
from index.vectorstore import StoredChunk

_MARKS = {"added": "+", "replaced": "~", "unchanged": "=", "failed": "✗", "skipped": "-"}


def outcome_line(outcome: FileOutcome) -> str:
    return f"{_MARKS[outcome.status]} {outcome.message}"


def ingest_summary(outcomes: Sequence[FileOutcome]) -> str:
    c = summarise(outcomes)
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


def report_dict(report: Report) -> dict[str, Any]:
    ident = report.identity
    return {
        "id": report.id,
        "file": report.file,
        "county": ident.county,
        "department": ident.department,
        "year": ident.year,
        "doc_type": ident.doc_type,
        "chunks": report.chunk_count,
        "format": report.format,
        "encoding": report.encoding,
        "overrides": report.overrides,
    }


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
        )
        for r in reports
    ]
    headers = ("id", "file", "county 县", "department 部门", "year 年度", "type 类型", "chunks")
    return table(headers, rows)


def hit_dict(hit: StoredChunk) -> dict[str, Any]:
    m = hit.metadata
    return {
        "report_id": m.get("report_id"),
        "file": m.get("file"),
        "county": m.get("county"),
        "department": m.get("department"),
        "year": m.get("year"),
        "section": m.get("section"),
        "text": hit.text,
        "start": m.get("start"),
        "end": m.get("end"),
        "score": hit.score,
    }


def hits_text(hits: Sequence[StoredChunk]) -> str:
    if not hits:
        return "未找到相关段落 / no matching passage"
    blocks = []
    for n, hit in enumerate(hits, 1):
        m = hit.metadata
        who = " · ".join(str(x) for x in (m.get("county"), m.get("department"), m.get("year")) if x)
        blocks.append(
            f"[{n}] {who} · {m.get('section')}  ({m.get('file')} {m.get('start')}-{m.get('end')},"
            f" score {hit.score})\n    " + hit.text.replace("\n", "\n    ")
        )
    return "\n\n".join(blocks)


def chunks_listing(chunks: Sequence[StoredChunk]) -> str:
    lines = []
    for c in chunks:
        m = c.metadata
        preview = c.text.replace("\n", " ⏎ ")[:60]
        lines.append(
            f"{m.get('ordinal'):>4} {m.get('start'):>6}-{m.get('end'):<6} "
            f"{m.get('section')} | {preview}"
        )
    return "\n".join(lines)


_FACT_HEADERS = (
    "county",
    "department",
    "year",
    "metric",
    "qualifier",
    "value_text",
    "unit",
    "value_yuan",
    "conflict",
    "source",
    "report_id",
    "start",
    "end",
)


def _fact_cells(report: Report, fact: FactRecord) -> list[object]:
    ident = report.identity
    return [
        ident.county,
        ident.department,
        fact.year or ident.year,
        fact.metric,
        fact.qualifier,
        fact.value_text,
        fact.unit,
        fact.value_yuan,
        "yes" if fact.conflict else "",
        fact.source,
        report.id,
        fact.start,
        fact.end,
    ]


def facts_table(rows: Sequence[tuple[Report, FactRecord]]) -> str:
    if not rows:
        return "没有符合条件的数字 / no facts match"
    return table(_FACT_HEADERS[:10], [_fact_cells(r, f)[:10] for r, f in rows])


def facts_csv(rows: Sequence[tuple[Report, FactRecord]]) -> str:
    """CSV with a BOM so spreadsheet programs open the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_FACT_HEADERS)
    writer.writerows(_fact_cells(r, f) for r, f in rows)
    return "\ufeff" + buffer.getvalue()


def answer_text(answer: Answer) -> str:
    """The answer, its warnings and its numbered sources, for a terminal."""
    return f"{answer.answer}\n{answer_sources(answer)}".rstrip()


def answer_sources(answer: Answer) -> str:
    """Warnings and numbered sources of an answer (what follows its text)."""
    parts = [f"⚠ {w}" for w in answer.warnings]
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
