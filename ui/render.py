"""Pure HTML and table renderings for the web app (no gradio here, so they are easy to test).

Every piece of report text, file name or identity that reaches the browser goes through
:func:`html.escape` here; chat messages are additionally neutralised for Markdown.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from assistant.answer import Answer, Citation
from assistant.compare_rows import CompareRow
from assistant.filters import AskFilters
from assistant.results import OcrSummary, Report
from assistant.uploads import ALLOWED_SUFFIXES, sanitize_filename, upload_problem  # noqa: F401

REPORT_HEADERS = ["id", "文件", "县区", "部门", "年度", "类型", "段数", "扫描页（OCR）", "身份来源"]
PROVENANCE = {
    "title": "标题",
    "html_title": "网页标题",
    "source_line": "来源行",
    "table_title": "表格标题",
    "sentence": "正文",
    "responsible_body": "实施单位",
    "site_name": "网站名",
    "file_name": "文件名",
    "override": "手工更正",
}
"""How each identity provenance name (``ReportIdentity.sources``) is shown."""
_FIELDS = {"county": "县区", "department": "部门", "year": "年度"}
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


def scoped_label(question: str, filters: AskFilters) -> str:
    """The question as shown in the chat, with the chosen scope after it when one is set."""
    scope = [str(x) for x in (filters.county, filters.department, filters.year) if x]
    return f"{question}〔{' · '.join(scope)}〕" if scope else question


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
    parts = [warnings_html(answer.unstated_warnings())]
    if answer.citations:
        title = "最接近的段落" if answer.refused else "来源"
        parts.append(f'<p class="ra-sources-title">{title}</p>')
        segments = answer_segments(answer.answer)
        for c in answer.citations:
            terms = highlight_terms(segments.get(c.n, ""), answer, c.n)
            parts.append(_source_block(c, terms))
    elif not answer.warnings:
        parts.append('<p class="ra-empty">本答案没有引用来源。</p>')
    parts.append(
        f'<textarea class="ra-copy-text" hidden readonly>{esc(copy_text(answer))}</textarea>'
    )
    return f'<div class="ra-sources">{"".join(parts)}</div>'


def copy_text(answer: Answer) -> str:
    """The answer with its warnings and numbered sources as plain text (复制答案（含来源）)."""
    lines = [answer.answer.strip(), *(f"⚠ {w}" for w in answer.unstated_warnings())]
    if answer.citations:
        lines += ["", "来源："]
        for c in answer.citations:
            where = f"{c.file}，第 {c.start}–{c.end} 字"
            lines.append(f"{citation_label(c)}（{where}）\n    {' '.join(c.text.split())}")
    return "\n".join(lines).strip()


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


def page_view_html(
    image: str | None, page: int, boxes: Sequence[tuple[float, float, float, float]], file: str
) -> str:
    """A PDF page image (``image`` a data: or file URL) with highlight boxes over the cited
    span; boxes are (left, top, width, height) as fractions of the page."""
    if image is None:
        return '<p class="ra-empty">PDF 来源在此显示原页面，并框出引用的数字。</p>'
    marks = "".join(
        f'<div class="ra-box" style="position:absolute;box-sizing:border-box;'
        "border:2px solid #dc2626;background:rgba(250,204,21,0.35);pointer-events:none;"
        f"left:{left * 100:.2f}%;top:{top * 100:.2f}%;"
        f'width:{width * 100:.2f}%;height:{height * 100:.2f}%"></div>'
        for left, top, width, height in boxes
    )
    head = f"{esc(file)} · 第 {page + 1} 页（原页面，黄框为引用处）"
    return (
        f'<div class="ra-page-head">{head}</div>'
        f'<div class="ra-page" data-page="{page + 1}" style="position:relative">'
        f'<img class="ra-page-image" alt="{esc(file)} 第 {page + 1} 页" src="{esc(image)}"'
        ' style="display:block;width:100%;height:auto">'
        f"{marks}</div>"
    )


def error_html(message: str) -> str:
    """A visible error line."""
    return f'<p class="ra-error">✗ {esc(message)}</p>'


# -- library -----------------------------------------------------------------------------------


def outcomes_html(lines: Sequence[tuple[str, str]]) -> str:
    """Per-file results as a list: (status, message) with status added/replaced/…/failed."""
    marks = {
        "added": "＋", "replaced": "～", "unchanged": "＝", "failed": "✗", "rejected": "✗",
        "skipped": "－",
    }  # fmt: skip
    items = "".join(
        f'<li class="ra-{esc(status)}">{marks.get(status, "·")} {esc(message)}</li>'
        for status, message in lines
    )
    return f'<ul class="ra-outcomes">{items}</ul>' if items else ""


def report_rows(
    reports: Sequence[Report], scans: Mapping[str, OcrSummary] | None = None
) -> list[list[object]]:
    """Rows of the report table: id, 文件, 县区, 部门, 年度, 类型, 段数, 扫描页（OCR）, 身份来源
    (``scans``: the OCR summary of each scanned report, by id)."""
    scans = scans or {}
    return [
        [
            r.id,
            r.file,
            r.identity.county or "",
            r.identity.department or "",
            r.identity.year or "",
            r.identity.doc_type or "",
            r.chunk_count,
            ocr_note(scans.get(r.id)),
            identity_provenance(r),
        ]
        for r in reports
    ]


def ocr_note(scan: OcrSummary | None) -> str:
    """ "第1、3页 · 低置信度2行" for a report with pages read by OCR; "" for a text report."""
    if scan is None or not scan.pages:
        return ""
    pages = "第" + "、".join(str(p) for p in scan.pages) + "页"
    return f"{pages} · 共{scan.lines}行，低置信度{scan.low_confidence}行"


def identity_provenance(report: Report) -> str:
    """Where each identity field came from: "县区：标题 · 年度：文件名 · 部门：手工更正".

    Fields corrected by hand (``Report.overrides``) say so; the detected ones use the
    identity's recorded sources when the catalogue keeps them (none recorded: left out)."""
    recorded = dict(getattr(report.identity, "sources", ()) or ())
    parts = []
    for field, label in _FIELDS.items():
        source = "override" if field in report.overrides else recorded.get(field)
        if source and getattr(report.identity, field, None):
            parts.append(f"{label}：{PROVENANCE.get(source, source)}")
    return " · ".join(parts)


def examples_notice(reports: Sequence[Report], examples_dir: Path) -> str:
    """A visible note when the library holds the bundled (invented) example reports."""
    folder = str(examples_dir.resolve())
    examples = [r for r in reports if r.path and str(Path(r.path).resolve()).startswith(folder)]
    if not examples:
        return ""
    names = "、".join(esc(r.file) for r in examples)
    return (
        f'<p class="ra-notice" id="examples-notice">ⓘ 报告库中有 {len(examples)} 份'
        "<b>内置示例报告</b>"
        f"（虚构数据，仅供试用）：{names}。请在“报告库”上传你自己的报告；示例可在那里删除。</p>"
    )


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


def compare_table(rows: Sequence[CompareRow]) -> list[list[object]]:
    """Table rows of a comparison (also the CSV): value converted, original wording beside it.

    A conflict row has no single value: 原文 lists every value marked ⚠, 来源 where each stands."""
    table = []
    for row in rows:
        ident = row.report.identity
        if row.conflict:
            values = "；".join(s.original for s in row.statements)
            original = f"⚠ 同一报告数值不一致：{values}"
            source = "；".join(f"{s.original} ← {s.source}" for s in row.statements)
        else:
            original, source = row.statements[0].original, row.statements[0].source
        table.append(
            [
                ident.county or "",
                ident.department or "",
                row.year or "",
                row.metric,
                row.qualifier,
                "" if row.value is None else row.value,
                row.unit,
                original,
                source,
            ]
        )
    return table


def plot_records(rows: Sequence[CompareRow]) -> list[dict[str, object]]:
    """One bar per row with a value, named "口径 · county·department·year".

    The chart sorts bar names, so the 口径 in front groups the bars by it; names are unique
    (the chart would sum two rows of one name)."""
    records: list[dict[str, object]] = []
    names: set[str] = set()
    for row in rows:
        if row.value is None:
            continue
        name, n = f"{row.qualifier} · {row.label}", 2
        while name in names:
            name, n = f"{row.qualifier} · {row.label} #{n}", n + 1
        names.add(name)
        records.append({"报告": name, "数值": row.value, "口径": row.qualifier})
    return records


def table_csv(headers: Sequence[str], table: Sequence[Sequence[object]]) -> str:
    """CSV of exactly the shown table, with a BOM so spreadsheet programs read the Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(["" if cell is None else cell for cell in row] for row in table)
    return "\ufeff" + buffer.getvalue()
