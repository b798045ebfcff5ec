"""The 比较 tab: one metric across reports as a table, a bar chart and a CSV download."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr
import pandas as pd

from assistant.compare_rows import UNQUALIFIED, CompareRow, compare_rows
from ui import render

if TYPE_CHECKING:
    from assistant.service import ReportService

DEFAULT_METRIC = "三公经费"
COLORS = {"预算": "#f59e0b", "决算": "#2563eb", UNQUALIFIED: "#9ca3af", "执行率": "#10b981"}
"""Bar colour per 口径 (fixed: the chart's colour scale is built before any data arrives)."""


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
        plot_frame([]), x="报告", y="数值", color="口径", label="各报告数值（按口径分组）",
        elem_id="compare-plot", x_label_angle=-35, height=460, y_title="数值", color_map=COLORS,
    )  # fmt: skip
    tab = CompareTab(metric, counties, departments, years, run, message, table, plot, download)
    inputs = [metric, counties, departments, years]

    def run_compare(
        metric: str | None,
        counties: list[str] | None,
        departments: list[str] | None,
        years: list[str] | None,
    ) -> tuple[Any, ...]:
        return compare(service, metric, counties, departments, years)

    title = gr.State(None)
    outputs = [message, table, plot, download, title]
    run.click(run_compare, inputs, outputs, api_name="compare").then(
        set_title, title, plot, api_visibility="private"
    )
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
    """Message, table, chart bars, CSV and chart title of one metric over the chosen reports."""
    no_csv = gr.update(value=None, interactive=False)
    if not metric:
        return render.error_html("请选择一个指标。"), gr.skip(), gr.skip(), no_csv, gr.skip()
    try:
        facts = service.compare(metric, counties or (), departments or (), years or ())
    except Exception as exc:
        return render.error_html(str(exc)), gr.skip(), gr.skip(), no_csv, gr.skip()
    rows = compare_rows(facts)
    table = render.compare_table(rows)
    frame = pd.DataFrame(table, columns=render.COMPARE_HEADERS)
    if not rows:
        note = f"所选报告中没有“{render.esc(metric)}”的数字。"
        return f'<p class="ra-empty">{note}</p>', frame, plot_frame([]), no_csv, plot_title(rows)
    units = sorted({row.unit for row in rows if row.unit})
    note = f"共 {len(rows)} 行（每份报告每个口径一行）；单位：{render.esc('、'.join(units))}。"
    conflicts = sum(row.conflict for row in rows)
    if conflicts:
        note += f" ⚠ {conflicts} 行同一报告前后数值不一致，已列出全部数值及出处。"
    if len({row.year for row in rows}) > 1:
        note += " ⚠ 年度不同，比较时请注意。"
    csv = gr.update(value=str(write_csv(table, metric)), interactive=True)
    bars = plot_frame(render.plot_records(rows))
    return f"<p>{note}</p>", frame, bars, csv, plot_title(rows)


def plot_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """Bars as a frame whose value column is numeric even when empty (Vega then draws a
    quantitative axis; an object column would make it categorical and draw no bars)."""
    frame = pd.DataFrame(records, columns=["报告", "数值", "口径"])
    return frame.astype({"报告": str, "数值": "float64", "口径": str})


def plot_title(rows: Sequence[CompareRow]) -> str:
    """The chart's y-axis title in the table's unit.

    Set in a second step, after the bars: an update carrying both props and a value leaves
    the Gradio 6 bar chart empty, and props set before the data leave the bars uncoloured."""
    units = sorted({row.unit for row in rows if row.value is not None and row.unit})
    return f"数值（{'、'.join(units) or '—'}）"


def set_title(title: str | None) -> Any:
    return gr.update(y_title=title) if title else gr.skip()


def write_csv(table: list[list[object]], metric: str) -> Path:
    """The shown table as CSV in a fresh temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="report-assistant-"))
    path = folder / f"比较-{render.sanitize_filename(metric, 'facts')}.csv"
    path.write_text(render.table_csv(render.COMPARE_HEADERS, table), encoding="utf-8")
    return path
