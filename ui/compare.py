"""The 比较 tab: one metric across reports as a table, a bar chart and a CSV download."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr
import pandas as pd

from ui import render

if TYPE_CHECKING:
    from assistant.results import FactRow
    from assistant.service import ReportService

DEFAULT_METRIC = "三公经费"


@dataclass
class CompareTab:
    """Components of the compare tab (the selectors are refreshed after library changes)."""

    metric: gr.Dropdown
    counties: gr.Dropdown
    departments: gr.Dropdown
    years: gr.Dropdown
    run: gr.Button
    message: gr.HTML
    table: gr.Dataframe
    plot: gr.BarPlot
    download: gr.DownloadButton


def build_compare_tab(service: ReportService) -> CompareTab:
    """Lay out the 比较 tab and wire its events."""
    names = service.metrics()
    with gr.Row():
        metric = gr.Dropdown(
            names, value=DEFAULT_METRIC, label="指标", elem_id="compare-metric", filterable=True
        )
        counties = _multi("县区（不选 = 全部）", "compare-counties")
        departments = _multi("部门（不选 = 全部）", "compare-departments")
        years = _multi("年度（不选 = 全部）", "compare-years")
    with gr.Row():
        run = gr.Button("比较", variant="primary", elem_id="compare-run")
        download = gr.DownloadButton(
            "下载 CSV", value=None, interactive=False, elem_id="compare-csv"
        )
    message = gr.HTML("", elem_id="compare-message")
    table = gr.Dataframe(
        pd.DataFrame(columns=render.COMPARE_HEADERS),
        interactive=False,
        label="比较表（金额统一换算为万元，原文列为报告原样写法）",
        elem_id="compare-table",
        wrap=True,
    )
    plot = gr.BarPlot(
        _plot_frame([]), x="报告", y="数值", color="县区", label="各报告数值",
        elem_id="compare-plot", x_label_angle=-30, height=360,
    )  # fmt: skip
    tab = CompareTab(metric, counties, departments, years, run, message, table, plot, download)
    inputs = [metric, counties, departments, years]
    run.click(lambda *a: compare(service, *a), inputs, [message, table, plot, download])
    return tab


def _multi(label: str, elem_id: str) -> gr.Dropdown:
    return gr.Dropdown([], value=[], multiselect=True, label=label, elem_id=elem_id)


def compare(
    service: ReportService,
    metric: str | None,
    counties: Sequence[str] | None,
    departments: Sequence[str] | None,
    years: Sequence[str] | None,
) -> tuple[Any, ...]:
    """Message, table, chart and CSV of one metric over the chosen reports."""
    no_csv = gr.update(value=None, interactive=False)
    if not metric:
        return render.error_html("请选择一个指标。"), gr.skip(), gr.skip(), no_csv
    try:
        rows = service.compare(metric, counties or (), departments or (), years or ())
    except Exception as exc:
        return render.error_html(str(exc)), gr.skip(), gr.skip(), no_csv
    table = render.compare_rows(rows)
    frame = pd.DataFrame(table, columns=render.COMPARE_HEADERS)
    if not rows:
        note = f"所选报告中没有“{render.esc(metric)}”的数字。"
        return f'<p class="ra-empty">{note}</p>', frame, _plot_frame([]), no_csv
    units = sorted({str(row[6]) for row in table if row[6]})
    note = f"共 {len(rows)} 项；单位：{render.esc('、'.join(units))}。"
    if len({row[2] for row in table}) > 1:
        note += " ⚠ 年度不同，比较时请注意。"
    csv = gr.update(value=str(write_csv(rows, metric)), interactive=True)
    plot = gr.update(value=_plot_frame(table), y_title=f"数值（{'、'.join(units)}）")
    return f"<p>{note}</p>", frame, plot, csv


def _plot_frame(table: list[list[object]]) -> pd.DataFrame:
    """One bar per compare row: label, value and county (rows without a number are left out)."""
    data, seen = [], {}
    for row in table:
        if row[5] is None:
            continue
        label = render.bar_label(row)
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            label = f"{label} #{seen[label]}"
        data.append({"报告": label, "数值": row[5], "县区": row[0] or "（不详）"})
    return pd.DataFrame(data, columns=["报告", "数值", "县区"])


def write_csv(rows: Sequence[FactRow], metric: str) -> Path:
    """The rows as CSV (assistant.export.facts_csv) in a fresh temporary folder."""
    from assistant.export import facts_csv

    folder = Path(tempfile.mkdtemp(prefix="report-assistant-"))
    path = folder / f"比较-{render.sanitize_filename(metric, 'facts')}.csv"
    path.write_text(facts_csv(rows), encoding="utf-8")
    return path
