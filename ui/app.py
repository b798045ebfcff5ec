"""The Gradio web app: 问答 (cited chat), 报告库 (upload and manage reports), 比较 (one metric
across reports). It talks only to :class:`~assistant.service.ReportService`; nothing is built
or launched at import time."""

from __future__ import annotations

import ipaddress
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.errors import ReportAssistantError
from ui import render
from ui.chat import ALL, build_chat_tab
from ui.compare import build_compare_tab
from ui.library import build_library_tab, reports_frame

if TYPE_CHECKING:
    from assistant.service import ReportService
    from assistant.settings import Settings

TITLE = "报告问答助手"
INTRO = (
    "对部门整体支出绩效自评报告、部门决算说明等报告提问：每个数字都标注来源 [n]，"
    "点击来源的“查看原文”可在整篇报告中定位引用的段落。"
)


def build_app(service: ReportService, settings: Settings) -> gr.Blocks:
    """The whole app as a gr.Blocks (not launched)."""
    lock = threading.Lock()
    with gr.Blocks(title=TITLE) as demo:
        gr.Markdown(f"## {TITLE}\n{INTRO}", elem_id="app-intro")
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("问答", id="chat", elem_id="tab-chat"):
                chat = build_chat_tab(service)
            with gr.Tab("报告库", id="library", elem_id="tab-library"):
                library = build_library_tab(service, settings, lock)
            with gr.Tab("比较", id="compare", elem_id="tab-compare"):
                compare = build_compare_tab(service)
        targets = [chat.county, chat.department, chat.year]
        targets += [compare.counties, compare.departments, compare.years]
        targets += [library.table, library.pick]

        def refresh() -> tuple[Any, ...]:
            return refreshed(service)

        for event in library.changes:
            event.then(refresh, None, targets)
        demo.load(refresh, None, targets)
    return demo


def refreshed(service: ReportService) -> tuple[Any, ...]:
    """New choices for every selector that lists counties, departments, years or reports."""
    reports = service.reports()
    counties, departments, years = render.identity_values(reports)
    filters = [gr.update(choices=[ALL, *[(v, v) for v in values]]) for values in
               (counties, departments, years)]  # fmt: skip
    multi = [gr.update(choices=values) for values in (counties, departments, years)]
    picks = gr.update(choices=[render.report_choice(r) for r in reports])
    return (*filters, *multi, reports_frame(service), picks)


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """Parse "user:password" into (user, password); None when unset."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user or not password:
        raise ReportAssistantError(
            "--auth / REPORT_ASSISTANT_UI_AUTH 应写作 用户名:密码 (user:password)"
        )
    return user, password


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine."""
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def warn_if_open(settings: Settings) -> None:
    """A warning on stderr when the app listens beyond this machine without a login."""
    if not parse_auth(settings.ui_auth) and not is_loopback(settings.ui_host):
        print(
            f"⚠ 警告：服务绑定在 {settings.ui_host}，网络中的任何人都可以访问、上传和删除报告。"
            "请设置 --auth 用户名:密码（或 REPORT_ASSISTANT_UI_AUTH）。\n"
            f"⚠ WARNING: listening on {settings.ui_host} without authentication; "
            "set --auth user:password.",
            file=sys.stderr,
        )


def mount_options(settings: Settings) -> dict[str, Any]:
    """Options of the Gradio app, the same whether launched alone or mounted beside the API."""
    auth = parse_auth(settings.ui_auth)
    return {
        "auth": auth,
        "auth_message": "报告问答助手：请登录" if auth else None,
        "max_file_size": f"{settings.ui_max_upload_mb * 4:g}mb",  # per-file check below it
        "show_error": True,
    }


def launch(service: ReportService, settings: Settings) -> None:
    """Build the app and serve it alone (blocks until interrupted)."""
    warn_if_open(settings)
    demo = build_app(service, settings)
    demo.queue()
    demo.launch(
        server_name=settings.ui_host, server_port=settings.ui_port, **mount_options(settings)
    )


def serve(
    service: ReportService,
    settings: Settings,
    paths: Sequence[Path],
    run: Callable[[ReportService, Settings], None] = launch,
) -> int:
    """Ingest ``paths`` (idempotent, progress printed), then ``run`` the server (by default
    the web app alone; ``api.server`` runs it together with the HTTP API)."""
    parse_auth(settings.ui_auth)  # a malformed login fails before the (slow) ingest
    existing = [p for p in paths if p.exists()]
    for missing in (p for p in paths if not p.exists()):
        print(f"✗ 路径不存在，已跳过 / not found: {missing}", file=sys.stderr)
    if existing:
        outcomes = service.ingest(existing, progress=_print_progress)
        for outcome in outcomes:
            stream = sys.stderr if outcome.status == "failed" else sys.stdout
            print(f"{'✗' if outcome.status == 'failed' else '·'} {outcome.message}", file=stream)
        counts = {s: sum(o.status == s for o in outcomes) for s in ("added", "replaced")}
        failed = sum(o.status == "failed" for o in outcomes)
        unchanged = len(outcomes) - failed - sum(counts.values())
        added, replaced = counts["added"], counts["replaced"]
        print(f"新增 {added} · 更新 {replaced} · 未变 {unchanged} · 失败 {failed}")
    url = f"http://{settings.ui_host}:{settings.ui_port}"
    print(f"报告库共 {len(service.reports())} 份报告。启动网页 {url}")
    run(service, settings)
    return 0


def _print_progress(done: int, total: int, name: str) -> None:
    if name:
        print(f"入库 ingest [{done + 1}/{total}] {name}", file=sys.stderr, flush=True)
