"""The 报告库 tab: upload reports, list them, correct a report's identity, delete one."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr
import pandas as pd

from assistant.results import Upload
from ui import render

if TYPE_CHECKING:
    from assistant.service import ReportService
    from assistant.settings import Settings

PROGRESS = gr.Progress()
"""Default of a handler's ``progress`` argument: Gradio then shows the ingest progress."""


@dataclass
class LibraryTab:
    """Components of the library tab, and the events after which other tabs refresh."""

    upload: gr.File
    ingest_button: gr.Button
    results: gr.HTML
    table: gr.Dataframe
    pick: gr.Dropdown
    county: gr.Textbox
    department: gr.Textbox
    year: gr.Textbox
    reindex: gr.Button
    delete: gr.Button
    changes: list[Any]


def build_library_tab(
    service: ReportService, settings: Settings, lock: threading.Lock
) -> LibraryTab:
    """Lay out the 报告库 tab and wire its events."""
    limit = settings.ui_max_upload_mb
    types = " ".join(render.ALLOWED_SUFFIXES)
    gr.Markdown(f"上传报告（可多选；支持 {types}，单个文件不超过 {limit:g} MB）。")
    upload = gr.File(
        label="选择报告文件", file_count="multiple", type="filepath", elem_id="library-upload"
    )
    ingest_button = gr.Button("导入并索引", variant="primary", elem_id="library-ingest")
    results = gr.HTML("", elem_id="library-results")
    table = gr.Dataframe(
        reports_frame(service),
        headers=render.REPORT_HEADERS,
        interactive=False,
        label="已索引的报告",
        elem_id="library-table",
        wrap=True,
    )
    with gr.Row():
        pick = gr.Dropdown([], label="选择报告", elem_id="library-pick", scale=3)
        county = gr.Textbox(label="县区", elem_id="library-county")
        department = gr.Textbox(label="部门", elem_id="library-department")
        year = gr.Textbox(label="年度", elem_id="library-year")
    with gr.Row():
        reindex = gr.Button("重新索引", elem_id="library-reindex")
        delete = gr.Button("删除报告", variant="stop", elem_id="library-delete")
    tab = LibraryTab(
        upload, ingest_button, results, table, pick, county, department, year, reindex, delete, []
    )
    _wire_library(service, settings, lock, tab)
    return tab


def _wire_library(
    service: ReportService, settings: Settings, lock: threading.Lock, t: LibraryTab
) -> None:
    """Connect the library tab's events; ``t.changes`` collects those that change the index."""

    def ingest(files: list[str] | None, progress: gr.Progress = PROGRESS) -> tuple[str, None]:
        with lock:  # the picker is emptied: the service has deleted its temporary copies
            return ingest_uploads(service, files, progress), None

    def reindex(report_id: str | None, county: str, department: str, year: str) -> str:
        with lock:
            return reindex_report(service, report_id, county, department, year)

    def delete(report_id: str | None) -> tuple[str, Any]:
        with lock:
            return delete_report(service, report_id), None  # the picked report is gone

    identity = [t.county, t.department, t.year]
    private: dict[str, Any] = {"api_visibility": "private"}
    t.changes += [
        t.ingest_button.click(ingest, [t.upload], [t.results, t.upload], **private),
        t.reindex.click(reindex, [t.pick, *identity], [t.results], **private),
        t.delete.click(delete, [t.pick], [t.results, t.pick], **private),
    ]
    t.pick.change(lambda rid: identity_fields(service, rid), [t.pick], identity, **private)
    t.table.select(picked_row, None, [t.pick], **private)


def reports_frame(service: ReportService) -> pd.DataFrame:
    """The report table as a DataFrame."""
    rows = render.report_rows(service.reports(), service.ocr_summaries())
    return pd.DataFrame(rows, columns=render.REPORT_HEADERS)


def ingest_uploads(service: ReportService, files: list[str] | None, progress: Any = None) -> str:
    """Hand the uploads to the service (it checks, stores and ingests them); one line each.

    Gradio's temporary copies are deleted by the service, accepted or rejected."""
    if not files:
        return render.error_html("请先选择要上传的报告文件。")
    uploads = [Upload(Path(f).name, Path(f), temporary=True) for f in files]

    def report(done: int, total: int, name: str) -> None:
        if progress is not None and total:
            progress((done, total), desc=f"入库 {name}" if name else "完成", unit="个文件")

    try:
        results = service.add_uploads(uploads, progress=report)
    except Exception as exc:
        return render.error_html(f"导入失败：{exc}")
    return render.outcomes_html([(r.status, r.message) for r in results])


def identity_fields(service: ReportService, report_id: str | None) -> tuple[str, str, str]:
    """County, department and year of the picked report, for editing."""
    if not report_id:
        return "", "", ""
    try:
        ident = service.report(report_id).identity
    except Exception:
        return "", "", ""
    return ident.county or "", ident.department or "", str(ident.year or "")


def picked_row(evt: gr.SelectData) -> Any:
    """Clicking a row of the report table picks that report."""
    row = getattr(evt, "row_value", None)
    return row[0] if row else gr.skip()


def reindex_report(
    service: ReportService, report_id: str | None, county: str, department: str, year: str
) -> str:
    """Re-index a report with the edited identity (an empty field means "as detected")."""
    if not report_id:
        return render.error_html("请先选择一份报告。")
    try:
        outcomes = service.reidentify(report_id, county, department, year)
    except Exception as exc:
        return render.error_html(str(exc))
    return render.outcomes_html([(o.status, o.message) for o in outcomes])


def delete_report(service: ReportService, report_id: str | None) -> str:
    """Remove a report from the index (its uploaded file is kept)."""
    if not report_id:
        return render.error_html("请先选择一份报告。")
    try:
        report = service.remove(report_id)
    except Exception as exc:
        return render.error_html(str(exc))
    return render.outcomes_html([("removed", f"已删除 {report.file}（{report.id}）")])
