"""The 问答 tab: scope filters, a streaming chat, the cited sources and the report view."""

from __future__ import annotations

import base64
import copy
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.answer import Answer, Citation
from assistant.events import FinalAnswer, TextDelta
from assistant.filters import AskFilters
from ui import pdf_view, render

if TYPE_CHECKING:
    from assistant.conversation import Conversation
    from assistant.results import OcrLine, Report
    from assistant.service import ReportService

EXAMPLES = ["2023年三公经费花了多少？", "哪个县三公经费更多？", "哪一段讲了高标准农田建设？"]

ALL = ("全部", "")
"""The empty choice of a filter: no restriction."""

SOURCES_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('[data-open]');
  if (button) { event.preventDefault(); trigger('open_source', {n: button.dataset.open}); }
});
"""
"""Clicking a source's 查看原文 button raises the custom ``open_source`` event with its n."""

REPORT_JS = """
const scrollToMark = () => {
  const mark = element.querySelector('#hl');
  if (mark) mark.scrollIntoView({block: 'center', behavior: 'smooth'});
};
watch('value', scrollToMark);
"""
"""The report view scrolls its highlighted span into view whenever its content changes."""

SCROLL_JS = """
() => { setTimeout(() => {
  const mark = document.getElementById('hl');
  if (mark) mark.scrollIntoView({block: 'center', behavior: 'smooth'});
}, 150); }
"""
"""The same scroll, run in the browser after an "open source" event (belt and braces)."""

COPY_JS = """
() => {
  const text = document.querySelector('#source-list .ra-copy-text');
  if (!text || !text.value) return;
  const done = () => { const b = document.querySelector('#copy-answer');
    if (b) { const old = b.textContent; b.textContent = '已复制';
             setTimeout(() => b.textContent = old, 1500); } };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text.value).then(done);
  } else {
    const area = document.createElement('textarea'); area.value = text.value;
    document.body.appendChild(area); area.select(); document.execCommand('copy');
    area.remove(); done();
  }
}
"""
"""复制答案（含来源）: the plain text kept beside the sources goes to the clipboard."""

SOURCES_CSS = """
.ra-source { border: 1px solid var(--border-color-primary); border-radius: 6px;
  padding: 8px; margin: 6px 0; }
.ra-source-head { font-weight: 600; }
.ra-source-file { color: var(--body-text-color-subdued); font-size: 0.85em; }
.ra-source-text { margin: 6px 0; line-height: 1.6; }
.ra-tab { display: inline-block; min-width: 2.5em; }
.ra-warning { color: #b45309; font-weight: 600; margin: 4px 0; }
.ra-open { cursor: pointer; text-decoration: underline; color: var(--link-text-color); }
mark { background: #fde68a; }
"""

PAGE_CSS = """
.ra-page-head { font-weight: 600; margin-bottom: 6px; }
.ra-page { position: relative; display: block; border: 1px solid var(--border-color-primary); }
.ra-page-image { display: block; width: 100%; height: auto; }
.ra-box { position: absolute; border: 2px solid #dc2626; background: rgba(250, 204, 21, 0.35);
  box-sizing: border-box; pointer-events: none; }
"""

REPORT_CSS = """
.ra-report-head { font-weight: 600; margin-bottom: 6px; }
.ra-report-text { max-height: 60vh; overflow-y: auto; line-height: 1.7; padding: 8px;
  border: 1px solid var(--border-color-primary); border-radius: 6px; }
.ra-tab { display: inline-block; min-width: 2.5em; }
mark#hl { background: #fde68a; }
"""


_LOCK = threading.Lock()
"""Guards the few quick steps that hand a session's questions to one answering call (a
module lock, not one per session: Gradio copies state values, and a lock cannot be copied)."""

QUEUED = "（排队中：当前回答结束后回答）"
"""Shown as the reply of a question waiting behind the answer that is streaming."""


@dataclass
class ChatSession:
    """One browser session's chat: the conversation, the shown messages, questions waiting.

    Questions are queued as they are sent and answered one after another by whichever
    :func:`drain` call owns the session; 新对话 bumps ``epoch`` so a running answer stops."""

    conversation: Conversation
    history: list[dict[str, Any]] = field(default_factory=list)
    pending: deque[tuple[str, AskFilters, str]] = field(default_factory=deque)
    epoch: int = 0
    owner: int | None = None

    def __deepcopy__(self, memo: dict[int, Any]) -> ChatSession:
        """A fresh session (Gradio deep-copies the initial state value for each browser)."""
        return ChatSession(copy.deepcopy(self.conversation, memo))

    def enqueue(self, question: str, filters: AskFilters, shown: str) -> None:
        with _LOCK:
            self.pending.append((question, filters, shown))

    def claim(self) -> int | None:
        """The epoch this caller now answers for, or None when another call is answering."""
        with _LOCK:
            if self.owner is not None:
                return None
            self.owner = self.epoch
            return self.epoch

    def next_question(self, epoch: int) -> tuple[str, AskFilters, str] | None:
        """The next waiting question, or None (and the session released) when none is left."""
        with _LOCK:
            if self.epoch != epoch:
                return None
            if not self.pending:
                self.owner = None
                return None
            return self.pending.popleft()

    def release(self, epoch: int) -> None:
        with _LOCK:
            if self.owner == epoch:
                self.owner = None

    def reset(self) -> None:
        """Forget everything and stop a running answer (it checks the epoch as it streams)."""
        with _LOCK:
            self.epoch += 1
            self.owner = None
            self.pending.clear()
            self.history = []
        self.conversation.reset()

    def shown(self, reply: str | None = None) -> list[dict[str, Any]]:
        """The messages to show: answered ones, the current reply, then the waiting ones."""
        chat = list(self.history)
        if reply is None and chat and chat[-1]["role"] == "user":
            reply = "……"  # that question is being answered (keeps the bubbles apart)
        if reply is not None:
            chat.append({"role": "assistant", "content": render.chat_markdown(reply)})
        with _LOCK:
            waiting = list(self.pending)
        for _, _, shown in waiting:
            chat.append({"role": "user", "content": render.chat_markdown(shown)})
            chat.append({"role": "assistant", "content": render.chat_markdown(QUEUED)})
        return chat


@dataclass
class ChatTab:
    """Components of the chat tab (other tabs refresh its filters)."""

    county: gr.Dropdown
    department: gr.Dropdown
    year: gr.Dropdown
    new_chat: gr.Button
    chatbot: gr.Chatbot
    question: gr.Textbox
    send: gr.Button
    sources: gr.HTML
    pick: gr.Radio
    open_button: gr.Button
    report_view: gr.HTML
    page_view: gr.HTML
    session: gr.State
    answer: gr.State


def build_chat_tab(service: ReportService, pages: Path) -> ChatTab:
    """Lay out the 问答 tab and wire its events."""
    from assistant.conversation import Conversation  # pulls in the retrieval stack: not at import

    session = gr.State(ChatSession(Conversation()))
    answer = gr.State(None)
    with gr.Row():
        county = gr.Dropdown([ALL], value="", label="县区", elem_id="filter-county")
        department = gr.Dropdown([ALL], value="", label="部门", elem_id="filter-department")
        year = gr.Dropdown([ALL], value="", label="年度", elem_id="filter-year")
        new_chat = gr.Button("新对话", elem_id="new-chat", scale=0, min_width=100)
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(
                label="问答", elem_id="chatbot", height=480, sanitize_html=True, buttons=["copy"]
            )
            with gr.Row():
                question = gr.Textbox(
                    placeholder="例如：青山县2023年三公经费花了多少？",
                    show_label=False,
                    elem_id="question",
                    scale=5,
                )
                send = gr.Button("发送", variant="primary", elem_id="send", scale=1)
            gr.Examples(EXAMPLES, inputs=[question], label="示例问题", elem_id="chat-examples")
        with gr.Column(scale=2):
            sources, pick, open_button = _sources_column()
    with gr.Row(equal_height=False):
        page_view = gr.HTML(
            render.page_view_html(None, 0, (), ""),
            label="原页面",
            elem_id="page-view",
            css_template=PAGE_CSS,
        )
        report_view = gr.HTML(
            render.report_view_html(None),
            label="报告原文",
            elem_id="report-view",
            js_on_load=REPORT_JS,
            css_template=REPORT_CSS,
        )
    tab = ChatTab(
        county, department, year, new_chat, chatbot, question, send, sources, pick,
        open_button, report_view, page_view, session, answer,
    )  # fmt: skip
    _wire_chat(service, tab, pages)
    return tab


def _sources_column() -> tuple[gr.HTML, gr.Radio, gr.Button]:
    """The sources panel, and a picker plus button that open a source's report."""
    sources = gr.HTML(
        render.sources_html(None),
        label="来源",
        elem_id="source-list",
        js_on_load=SOURCES_JS,
        css_template=SOURCES_CSS,
        max_height=640,
    )
    copy = gr.Button("复制答案（含来源）", elem_id="copy-answer", size="sm")
    copy.click(None, js=COPY_JS, api_visibility="private")
    pick = gr.Radio([], label="查看来源原文", elem_id="source-pick")
    open_button = gr.Button("打开原文", elem_id="open-source", size="sm")
    return sources, pick, open_button


def _wire_chat(service: ReportService, t: ChatTab, pages: Path) -> None:
    """Connect the chat tab's events (all private: the page's API is :func:`api_ask`)."""
    private: dict[str, Any] = {"api_visibility": "private"}
    queued = [t.question, t.chatbot]
    streamed = [t.chatbot, t.sources, t.pick, t.answer]
    filters = [t.county, t.department, t.year]

    def answer_all(session: ChatSession) -> Iterator[tuple[Any, ...]]:
        yield from drain(service, session)

    for trigger in (t.send.click, t.question.submit):
        sent = trigger(
            queue_question, [t.question, t.session, *filters], queued,
            queue=False, trigger_mode="multiple", **private,
        )  # fmt: skip
        sent.then(answer_all, [t.session], streamed, concurrency_limit=None, **private)

    cleared = [t.chatbot, t.sources, t.pick, t.answer, t.report_view, t.page_view]
    # no Gradio ``cancels``: a cancelled generator skips its cleanup and the session stays
    # claimed; the running answer sees the new epoch and stops at its next step instead
    t.new_chat.click(reset_chat, [t.session], cleared, queue=False, **private)
    t.chatbot.clear(reset_chat, [t.session], cleared, queue=False, **private)

    def open_picked(answer: Answer | None, n: str | None) -> tuple[Any, Any]:
        return open_source(service, answer, n, pages)

    def open_clicked(answer: Answer | None, evt: gr.EventData) -> tuple[Any, Any]:
        return open_source(service, answer, getattr(evt, "n", None), pages)

    view = [t.report_view, t.pick, t.page_view]
    scroll: dict[str, Any] = {"js": SCROLL_JS, **private}
    t.open_button.click(open_picked, [t.answer, t.pick], view, **private).then(None, **scroll)
    t.pick.input(open_picked, [t.answer, t.pick], view, **private).then(None, **scroll)
    t.sources.open_source(open_clicked, [t.answer], view, **private).then(None, **scroll)


def queue_question(
    question: str | None,
    session: ChatSession,
    county: str | None,
    department: str | None,
    year: str | None,
) -> tuple[Any, Any]:
    """Take the typed question into the session's queue; the box empties for the next one."""
    question = (question or "").strip()
    if not question:
        return gr.skip(), gr.skip()
    filters = ask_filters(county, department, year)
    session.enqueue(question, filters, render.scoped_label(question, filters))
    return "", session.shown()


def ask_filters(county: str | None, department: str | None, year: str | None) -> AskFilters:
    """The dropdowns' scope as the service's filters ("" = any)."""
    text = str(year or "").strip()
    return AskFilters(
        county=county or None, department=department or None,
        year=int(text) if text.isdigit() else None,
    )  # fmt: skip


def drain(service: ReportService, session: ChatSession) -> Iterator[tuple[Any, ...]]:
    """Answer the session's waiting questions in order, streaming each; a second call while
    one is answering returns at once (the running one picks its question up)."""
    epoch = session.claim()
    if epoch is None:
        yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return
    answered = False
    try:
        while (item := session.next_question(epoch)) is not None:
            answered = True
            yield from _answer_one(service, session, epoch, *item)
    finally:
        session.release(epoch)
    if not answered:  # nothing waiting: leave the chat as it is (an empty run would clear it)
        yield gr.skip(), gr.skip(), gr.skip(), gr.skip()


def _answer_one(
    service: ReportService,
    session: ChatSession,
    epoch: int,
    question: str,
    filters: AskFilters,
    shown: str,
) -> Iterator[tuple[Any, ...]]:
    """Stream one answer into the chat; stop quietly when 新对话 reset the session."""
    session.history.append({"role": "user", "content": render.chat_markdown(shown)})
    waiting = '<p class="ra-empty">正在检索……</p>'
    no_pick = gr.update(choices=[], value=None)
    yield session.shown("……"), waiting, no_pick, None
    written: list[str] = []
    try:
        for event in service.ask_stream(question, session.conversation, filters):
            if session.epoch != epoch:
                return
            if isinstance(event, FinalAnswer):
                answer = event.answer
                session.history.append(_message(answer.answer))
                pick = gr.update(choices=render.source_choices(answer), value=None)
                yield session.shown(), render.sources_html(answer), pick, answer
                return
            if isinstance(event, TextDelta):
                written.append(event.text)
                yield session.shown("".join(written)), gr.skip(), gr.skip(), gr.skip()
    except Exception as exc:  # the chat must survive any failure of one question
        if session.epoch != epoch:
            return
        message = f"出错了：{type(exc).__name__}: {exc}"
        session.history.append(_message(message))
        yield session.shown(), render.error_html(message), no_pick, None


def _message(text: str) -> dict[str, Any]:
    return {"role": "assistant", "content": render.chat_markdown(text)}


def reset_chat(session: ChatSession) -> tuple[Any, ...]:
    """新对话: stop a running answer, drop waiting questions, clear the chat and views."""
    session.reset()
    empty = gr.update(choices=[], value=None)
    no_page = render.page_view_html(None, 0, (), "")
    return [], render.sources_html(None), empty, None, render.report_view_html(None), no_page


def open_source(
    service: ReportService, answer: Answer | None, n: str | int | None, pages: Path | None = None
) -> tuple[Any, Any, Any]:
    """The report view of citation [n] of the current answer, scrolled to its span, and for a
    PDF the page it stands on with the cited figures boxed."""
    if answer is None or n in (None, ""):
        return gr.skip(), gr.skip(), gr.skip()
    citation = next((c for c in answer.citations if str(c.n) == str(n)), None)
    if citation is None:
        return render.error_html(f"没有来源 [{n}]"), gr.skip(), gr.skip()
    try:
        report = service.report(citation.report_id)
    except Exception as exc:
        return render.error_html(f"无法打开报告 {citation.report_id}：{exc}"), gr.skip(), gr.skip()
    view = render.report_view_html(report, citation.start, citation.end)
    try:
        scanned = service.source_lines(report.id, citation.start, citation.end)
    except Exception:  # an older catalogue without OCR lines: the text-layer view still works
        scanned = []
    page = page_view(report, citation, answer, pages, scanned)
    return view, gr.update(value=str(citation.n)), page


def page_view(
    report: Report,
    citation: Citation,
    answer: Answer,
    pages: Path | None,
    scanned: Sequence[OcrLine] = (),
) -> str:
    """The PDF page of a citation with its figures boxed (a note for other formats); for a
    passage read by OCR (``scanned``: its OCR lines) the boxes come from the OCR lines."""
    empty = render.page_view_html(None, 0, (), "")
    source = Path(report.path)
    if pages is None or report.format != "pdf" or not source.is_file():
        return empty
    segment = render.answer_segments(answer.answer).get(citation.n, "")
    terms = render.highlight_terms(segment, answer, citation.n)
    figures = [t for t in terms if len(t) <= 12 and render.figures(t)]  # not whole quotes
    try:
        if scanned:
            hit = pdf_view.ocr_hit(source, scanned, figures or terms)
        else:
            hit = pdf_view.locate(source, citation.text, figures or terms)
        if hit is None:
            return render.error_html("未能在 PDF 页面上找到这段文字（扫描页或文字层不同）。")
        image = pdf_view.page_image(source, hit.page, pages, report.content_hash)
    except Exception as exc:  # a damaged or changed file must not break the chat
        return render.error_html(f"无法显示 PDF 页面：{exc}")
    url = "data:image/png;base64," + base64.b64encode(image.read_bytes()).decode("ascii")
    boxes = [(b.left, b.top, b.width, b.height) for b in hit.boxes]
    return render.page_view_html(url, hit.page, boxes, report.file)
