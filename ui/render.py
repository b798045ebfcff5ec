"""Pure HTML and table renderings for the web app (no gradio here, so they are easy to test).

Every piece of report text, file name or identity that reaches the browser goes through
:func:`html.escape` here; chat messages are additionally neutralised for Markdown.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

from assistant.answer import Answer, Citation
from assistant.results import FactRecord, FactRow, Report
from assistant.uploads import ALLOWED_SUFFIXES, sanitize_filename, upload_problem  # noqa: F401

REPORT_HEADERS = ["id", "文件", "县区", "部门", "年度", "类型", "段数"]
COMPARE_HEADERS = ["县区", "部门", "年度", "指标", "口径", "数值", "单位", "原文", "来源"]

_MD_INLINE = re.compile(r"([\\`*_\[\]!|~$@])")
_MD_LINE_START = re.compile(r"^([#+\-=]|\d+(?=[.)]))", re.M)
_MARKERS = re.compile(r"(?:\[\d+\])+")
_QUOTE = re.compile(r"「([^」]+)」|“([^”]{6,})”")
_NUMBER = re.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?(?![\d.])")
_UNIT_START = re.compile(r"\s*(?:万|亿|千|元|%|％|人|名|批|辆|台|分|个|项|亩|家|户|次|公里|座|所)")


def esc(value: object) -> str:
    """HTML-escaped text of any value; None becomes an empty string."""
    return html.escape("" if value is None else str(value), quote=True)


# -- chat --------------------------------------------------------------------------------------


def chat_markdown(text: str) -> str:
    """Text for a Markdown-rendering chat bubble that shows exactly as written.

    HTML is escaped and Markdown punctuation backslash-escaped, so a report quoting
    ``![x](http://…)`` or ``<script>`` shows those characters instead of acting on them."""
    escaped = _MD_INLINE.sub(r"\\\1", text.replace("\t", " ｜ "))
    escaped = "\n".join(line.lstrip(" ") for line in escaped.split("\n"))
    escaped = _MD_LINE_START.sub(_escape_line_start, escaped)
    escaped = escaped.replace("://", ":\\/\\/").replace("www.", "www\\.")
    return html.escape(escaped, quote=False)


def _escape_line_start(match: re.Match[str]) -> str:
    """Escape a line start that would make a list (1. 1) - +) or a heading (# =)."""
    mark = match.group(1)
    return mark + "\\" if mark[0].isdigit() else "\\" + mark


# -- sources -----------------------------------------------------------------------------------


def warnings_html(warnings: Iterable[str]) -> str:
    """Warnings of an answer as visible ⚠ lines."""
    items = "".join(f'<p class="ra-warning">⚠ {esc(w)}</p>' for w in warnings)
    return f'<div class="ra-warnings">{items}</div>' if items else ""


def citation_label(c: Citation) -> str:
    """The plain-text label "[n] county · department · year · section" of a citation."""
    who = " · ".join(str(x) for x in (c.county, c.department, c.year, c.section) if x)
    return f"[{c.n}] {who}"


def sources_html(answer: Answer | None) -> str:
    """Warnings and numbered sources of an answer, each with its figures highlighted."""
    if answer is None:
        hint = "提问后，这里列出答案引用的原文段落。"
        return f'<div class="ra-sources"><p class="ra-empty">{hint}</p></div>'
    parts = [warnings_html(answer.warnings)]
    if answer.citations:
        title = "最接近的段落" if answer.refused else "来源"
        parts.append(f'<p class="ra-sources-title">{title}</p>')
        segments = answer_segments(answer.answer)
        for c in answer.citations:
            terms = highlight_terms(segments.get(c.n, ""), answer, c.n)
            parts.append(_source_block(c, terms))
    elif not answer.warnings:
        parts.append('<p class="ra-empty">本答案没有引用来源。</p>')
    return f'<div class="ra-sources">{"".join(parts)}</div>'


def _source_block(c: Citation, terms: Sequence[str]) -> str:
    head = esc(citation_label(c))
    where = f"{esc(c.file)} · 第 {c.start}–{c.end} 字"
    body = _lines_html(highlight(c.text, terms))
    return (
        f'<div class="ra-source" id="source-{c.n}" data-n="{c.n}">'
        f'<div class="ra-source-head">{head}</div>'
        f'<div class="ra-source-file">{where}</div>'
        f'<div class="ra-source-text">{body}</div>'
        f'<button type="button" class="ra-open" data-open="{c.n}">查看原文 [{c.n}]</button>'
        "</div>"
    )


def answer_segments(answer_text: str) -> dict[int, str]:
    """For each marker [n], the answer text between the previous marker and it."""
    segments: dict[int, str] = {}
    previous = 0
    for match in _MARKERS.finditer(answer_text):
        piece = answer_text[previous : match.start()]
        for n in re.findall(r"\d+", match.group()):
            segments[int(n)] = segments.get(int(n), "") + piece
        previous = match.end()
    return segments


def highlight_terms(segment: str, answer: Answer, n: int) -> list[str]:
    """Strings to mark in source [n]: quoted pieces, figures of its answer text, its facts."""
    terms: list[str] = []
    for match in _QUOTE.finditer(segment):
        quote = match.group(1) or match.group(2)
        terms += [p.strip() for p in quote.split("…") if len(p.strip()) >= 6]
    terms += figures(segment)
    terms += [f.value for f in answer.facts if f.citation == n and f.value]
    return list(dict.fromkeys(terms))


def figures(text: str) -> list[str]:
    """Numbers in ``text`` that look like figures (not years, not list numbers)."""
    found = []
    for match in _NUMBER.finditer(text):
        number, rest = match.group(), text[match.end() :]
        if rest.startswith(("年", ". ")):
            continue
        if "." in number or _UNIT_START.match(rest) or len(number) >= 3:
            found.append(number)
    return found


def highlight(text: str, terms: Iterable[str]) -> str:
    """``text`` escaped, with every occurrence of the terms wrapped in <mark>."""
    spans: list[tuple[int, int]] = []
    for term in terms:
        pattern = _term_pattern(term)
        spans += [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    return _marked(text, _merge(spans))


def _term_pattern(term: str) -> re.Pattern[str]:
    """A figure matches only whole (not inside a longer number); whitespace is flexible."""
    if _NUMBER.fullmatch(term):
        return re.compile(rf"(?<![\d.]){re.escape(term)}(?![\d]|\.\d)")
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"\s+".join(words))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], mark_id: str | None = None) -> str:
    out, pos = [], 0
    attr = f' id="{mark_id}"' if mark_id else ""
    for start, end in spans:
        out += [esc(text[pos:start]), f"<mark{attr}>", esc(text[start:end]), "</mark>"]
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def _lines_html(escaped: str) -> str:
    """Escaped text with line breaks kept and table cells (tabs) spaced apart."""
    return escaped.replace("\t", '<span class="ra-tab">\t</span>').replace("\n", "<br>\n")


def source_choices(answer: Answer | None) -> list[tuple[str, str]]:
    """(label, value) pairs of the "查看来源原文" picker: one per citation."""
    if answer is None:
        return []
    return [(_short(citation_label(c), 60), str(c.n)) for c in answer.citations]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- report view -------------------------------------------------------------------------------


def report_html(text: str, start: int, end: int) -> str:
    """The whole normalised text, paragraphs kept, ``text[start:end]`` in <mark id="hl">."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    spans = [(start, end)] if end > start else []
    body = _marked(text, spans, mark_id="hl")
    return f'<div class="ra-report-text">{_lines_html(body)}</div>'


def report_view_html(report: Report | None, start: int = 0, end: int = 0) -> str:
    """A report's heading line (file and identity) above its highlighted text."""
    if report is None:
        return '<p class="ra-empty">点击来源的“查看原文”，在此显示整篇报告并定位到引用段落。</p>'
    ident = report.identity
    who = " · ".join(str(x) for x in (ident.county, ident.department, ident.year) if x)
    head = f"{esc(report.file)}　{esc(who)}　（报告 {esc(report.id)}，引用第 {start}–{end} 字）"
    return f'<div class="ra-report-head">{head}</div>{report_html(report.text, start, end)}'


def error_html(message: str) -> str:
    """A visible error line."""
    return f'<p class="ra-error">✗ {esc(message)}</p>'


# -- library -----------------------------------------------------------------------------------


def outcomes_html(lines: Sequence[tuple[str, str]]) -> str:
    """Per-file results as a list: (status, message) with status added/replaced/…/failed."""
    marks = {"added": "＋", "replaced": "～", "unchanged": "＝", "failed": "✗", "rejected": "✗"}
    items = "".join(
        f'<li class="ra-{esc(status)}">{marks.get(status, "·")} {esc(message)}</li>'
        for status, message in lines
    )
    return f'<ul class="ra-outcomes">{items}</ul>' if items else ""


def report_rows(reports: Sequence[Report]) -> list[list[object]]:
    """Rows of the report table: id, 文件, 县区, 部门, 年度, 类型, 段数."""
    return [
        [
            r.id,
            r.file,
            r.identity.county or "",
            r.identity.department or "",
            r.identity.year or "",
            r.identity.doc_type or "",
            r.chunk_count,
        ]
        for r in reports
    ]


def report_choice(report: Report) -> tuple[str, str]:
    """(label, id) of a report in a picker."""
    ident = report.identity
    who = " ".join(str(x) for x in (ident.county, ident.department, ident.year) if x)
    return f"{who or '（身份未识别）'} · {report.file} · {report.id[:8]}", report.id


def identity_values(reports: Sequence[Report]) -> tuple[list[str], list[str], list[str]]:
    """Sorted distinct counties, departments and years (as text) of the indexed reports."""
    counties = sorted({r.identity.county for r in reports if r.identity.county})
    departments = sorted({r.identity.department for r in reports if r.identity.department})
    years = sorted({str(r.identity.year) for r in reports if r.identity.year})
    return counties, departments, years


# -- compare -----------------------------------------------------------------------------------


def converted(fact: FactRecord) -> tuple[float | None, str]:
    """The value in one unit per kind: money in 万元, anything else in its own unit."""
    if fact.value_yuan is not None:
        return _number(fact.value_yuan, scale=Decimal(10000)), "万元"
    return _number(fact.value), fact.unit


def _number(text: str, scale: Decimal = Decimal(1)) -> float | None:
    try:
        return float(round(Decimal(str(text).replace(",", "")) / scale, 6))
    except (InvalidOperation, ValueError):
        return None


def compare_rows(rows: Sequence[FactRow]) -> list[list[object]]:
    """Table rows of a comparison; the value is converted, the original wording kept beside it.

    The source is the fact's section path, or its file and character span when no stored chunk
    holds it."""
    table = []
    for row in rows:
        report, fact = row.report, row.fact
        value, unit = converted(fact)
        original = fact.value_text
        if fact.unit and not original.endswith(fact.unit):
            original = f"{original}（{fact.unit}）"
        if fact.conflict:
            original += " ⚠ 与同报告其他数值不一致"
        where = row.section or f"第 {fact.start}–{fact.end} 字"
        table.append(
            [
                report.identity.county or "",
                report.identity.department or "",
                row.year or "",
                fact.metric,
                fact.qualifier or "",
                value,
                unit,
                original,
                f"{report.file} · {where}",
            ]
        )
    return table


def bar_label(row: Sequence[object]) -> str:
    """The bar name of a compare row: county, department, year and qualifier."""
    county, department, year, _, qualifier = row[:5]
    return " ".join(str(x) for x in (county, department, year, qualifier) if x)
