"""The Gradio web app: 问答 (cited chat), 报告库 (upload and manage reports), 比较 (one metric
across reports). It talks only to :class:`~assistant.service.ReportService`; nothing is built
or launched at import time."""

from __future__ import annotations

import ipaddress
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.errors import ReportAssistantError
from assistant.filters import AskFilters
from ui import render
from ui.chat import ALL, build_chat_tab
from ui.compare import build_compare_tab
from ui.library import build_library_tab, reports_frame

if TYPE_CHECKING:
    from assistant.service import ReportService
    from assistant.settings import Settings

TITLE = "报告问答助手"
EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "examples" / "reports"
"""The bundled invented example reports (ingested only into an empty library)."""
HEAD = """<script>
(() => {
  // This app is Chinese throughout: mark the page zh-CN and switch Gradio's own texts to its
  // zh-CN locale (Gradio picks the browser's language; its core module exports changeLocale).
  const lang = () => {
    if (document.documentElement.lang !== "zh-CN") document.documentElement.lang = "zh-CN";
  };
  lang();
  new MutationObserver(lang).observe(document.documentElement,
    {attributes: true, attributeFilter: ["lang"]});
  let tries = 0;
  const locale = () => {
    const core = performance.getEntriesByType("resource").map((e) => e.name)
      .find((name) => /\\/assets\\/core-[^/]*\\.js$/.test(name));
    if (core) {
      import(core).then((m) => m.changeLocale && m.changeLocale("zh-CN")).catch(() => {});
    } else if (tries++ < 40) {
      setTimeout(locale, 250);
    }
  };
  locale();
})();
</script>"""
"""Page head: Gradio's own texts in Chinese (its zh-CN locale) and <html lang="zh-CN">."""
INTRO = (
    "对部门整体支出绩效自评报告、部门决算说明等报告提问：每个数字都标注来源 [n]，"
    "点击来源的“查看原文”可在整篇报告中定位引用的段落。"
)


def launch_options() -> dict[str, Any]:
    """Options of ``Blocks.launch`` that belong to the page itself (language)."""
    return {"head": HEAD}


def build_app(service: ReportService, settings: Settings) -> gr.Blocks:
    """The whole app as a gr.Blocks (not launched)."""
    lock = threading.Lock()
    with gr.Blocks(title=TITLE) as demo:
        gr.Markdown(f"## {TITLE}\n{INTRO}", elem_id="app-intro")
        notice = gr.HTML(render.examples_notice(service.reports(), EXAMPLES_DIR), elem_id="notice")
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("问答", id="chat", elem_id="tab-chat"):
                chat = build_chat_tab(service, settings.data_dir / "pages")
            with gr.Tab("报告库", id="library", elem_id="tab-library"):
                library = build_library_tab(service, settings, lock)
            with gr.Tab("比较", id="compare", elem_id="tab-compare"):
                compare = build_compare_tab(service)
        targets = [chat.county, chat.department, chat.year]
        targets += [compare.counties, compare.departments, compare.years]
        targets += [library.table, library.pick, notice]

        def refresh() -> tuple[Any, ...]:
            return refreshed(service)

        for event in library.changes:
            event.then(refresh, None, targets, api_visibility="private")
        demo.load(refresh, None, targets, api_visibility="private")
        gr.api(api_ask_fn(service), api_name="ask")
    return demo


def api_ask_fn(service: ReportService) -> Any:
    """The page's ``/ask`` endpoint (typed, so "Use via API" lists labelled parameters)."""

    def ask(
        question: str, history: list[str] | None = None, filters: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """Answer ``question`` with cited sources (the JSON answer contract).

        ``history``: earlier questions of the conversation, oldest first (follow-ups such as
        "那永兴呢？" take their topic from them); ``filters``: optional county, department and
        year that scope the question."""
        conversation = service.conversation_from([str(turn) for turn in history or []])
        return service.ask(question, conversation, ask_filters(filters)).to_dict()

    return ask


def ask_filters(values: Mapping[str, object] | None) -> AskFilters:
    """The chosen scope as the service's filters ("" or 全部 = any; a year as a number)."""
    values = values or {}
    year = str(values.get("year") or "").strip()
    return AskFilters(
        county=str(values.get("county") or "") or None,
        department=str(values.get("department") or "") or None,
        year=int(year) if year.isdigit() else None,
    )


def refreshed(service: ReportService) -> tuple[Any, ...]:
    """New choices for every selector that lists counties, departments, years or reports."""
    reports = service.reports()
    counties, departments, years = render.identity_values(reports)
    filters = [gr.update(choices=[ALL, *[(v, v) for v in values]]) for values in
               (counties, departments, years)]  # fmt: skip
    multi = [gr.update(choices=values) for values in (counties, departments, years)]
    picks = gr.update(choices=[render.report_choice(r) for r in reports])
    notice = render.examples_notice(reports, EXAMPLES_DIR)
    return (*filters, *multi, reports_frame(service), picks, notice)


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
        **launch_options(),
    }


def launch(service: ReportService, settings: Settings) -> None:
    """Build the app and serve it alone (blocks until interrupted)."""
    warn_if_open(settings)
    demo = build_app(service, settings)
    demo.queue()
    demo.launch(
        server_name=settings.ui_host, server_port=settings.ui_port, **mount_options(settings)
    )


def startup_paths(service: ReportService, paths: Sequence[Path]) -> list[Path]:
    """What ``serve`` ingests: the given paths; without any, the bundled examples, and only
    into an empty library (an existing library is never changed by a bare ``serve``)."""
    if paths:
        return list(paths)
    if service.reports():
        return []
    print("报告库为空：导入内置示例报告（虚构数据）。/ empty library: adding the examples")
    return [EXAMPLES_DIR]


def serve(
    service: ReportService,
    settings: Settings,
    paths: Sequence[Path],
    run: Callable[[ReportService, Settings], None] = launch,
) -> int:
    """Ingest ``paths`` (idempotent, progress printed; none given: the examples, into an empty
    library only), then ``run`` the server (by default the web app alone; ``api.server`` runs
    it together with the HTTP API)."""
    parse_auth(settings.ui_auth)  # a malformed login fails before the (slow) ingest
    paths = startup_paths(service, paths)
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
