"""The 问答 tab: scope filters, a streaming chat, the cited sources and the report view."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.answer import Answer
from assistant.events import FinalAnswer, TextDelta
from assistant.filters import AskFilters
from ui import render

if TYPE_CHECKING:
    from assistant.conversation import Conversation
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

REPORT_CSS = """
.ra-report-head { font-weight: 600; margin-bottom: 6px; }
.ra-report-text { max-height: 60vh; overflow-y: auto; line-height: 1.7; padding: 8px;
  border: 1px solid var(--border-color-primary); border-radius: 6px; }
.ra-tab { display: inline-block; min-width: 2.5em; }
mark#hl { background: #fde68a; }
"""


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
    conversation: gr.State
    answer: gr.State


def build_chat_tab(service: ReportService) -> ChatTab:
    """Lay out the 问答 tab and wire its events."""
    from assistant.conversation import Conversation  # pulls in the retrieval stack: not at import

    conversation = gr.State(Conversation())
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
    report_view = gr.HTML(
        render.report_view_html(None),
        label="报告原文",
        elem_id="report-view",
        js_on_load=REPORT_JS,
        css_template=REPORT_CSS,
    )
    tab = ChatTab(
        county, department, year, new_chat, chatbot, question, send, sources, pick,
        open_button, report_view, conversation, answer,
    )  # fmt: skip
    _wire_chat(service, tab)
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
    pick = gr.Radio([], label="查看来源原文", elem_id="source-pick")
    open_button = gr.Button("打开原文", elem_id="open-source", size="sm")
    return sources, pick, open_button


def _wire_chat(service: ReportService, t: ChatTab) -> None:
    """Connect the chat tab's events."""
    ask_inputs = [t.question, t.chatbot, t.conversation, t.county, t.department, t.year]
    ask_outputs = [t.chatbot, t.question, t.sources, t.pick, t.answer, t.conversation]

    def ask(*args: Any) -> Iterator[tuple[Any, ...]]:
        yield from stream_answer(service, *args)

    t.send.click(ask, ask_inputs, ask_outputs)
    t.question.submit(ask, ask_inputs, ask_outputs)

    cleared = [t.chatbot, t.sources, t.pick, t.answer, t.report_view, t.conversation]
    t.new_chat.click(reset_chat, [t.conversation], cleared)
    t.chatbot.clear(reset_chat, [t.conversation], cleared)

    def open_picked(answer: Answer | None, n: str | None) -> tuple[Any, Any]:
        return open_source(service, answer, n)

    def open_clicked(answer: Answer | None, evt: gr.EventData) -> tuple[Any, Any]:
        return open_source(service, answer, getattr(evt, "n", None))

    view = [t.report_view, t.pick]
    t.open_button.click(open_picked, [t.answer, t.pick], view).then(None, js=SCROLL_JS)
    t.pick.input(open_picked, [t.answer, t.pick], view).then(None, js=SCROLL_JS)
    t.sources.open_source(open_clicked, [t.answer], view).then(None, js=SCROLL_JS)


def stream_answer(
    service: ReportService,
    question: str,
    history: list[dict[str, Any]] | None,
    conversation: Conversation,
    county: str | None,
    department: str | None,
    year: str | None,
) -> Iterator[tuple[Any, ...]]:
    """Yield the chat as the answer streams in; the final Answer replaces the draft."""
    question = (question or "").strip()
    if not question:
        yield gr.skip(), "", gr.skip(), gr.skip(), gr.skip(), conversation
        return
    chat = [*(history or []), {"role": "user", "content": render.chat_markdown(question)}]
    waiting = '<p class="ra-empty">正在检索……</p>'
    no_pick = gr.update(choices=[], value=None)
    yield _reply(chat, "……"), "", waiting, no_pick, None, conversation
    written: list[str] = []
    try:
        filters = AskFilters(
            county=county or None,
            department=department or None,
            year=int(year) if str(year or "").strip().isdigit() else None,
        )
        for event in service.ask_stream(question, conversation, filters):
            if isinstance(event, FinalAnswer):
                answer = event.answer
                pick = gr.update(choices=render.source_choices(answer), value=None)
                sources = render.sources_html(answer)
                yield _reply(chat, answer.answer), "", sources, pick, answer, conversation
                return
            if isinstance(event, TextDelta):
                written.append(event.text)
                text = "".join(written)
                yield _reply(chat, text), "", gr.skip(), gr.skip(), gr.skip(), conversation
    except Exception as exc:  # the chat must survive any failure of one question
        message = f"出错了：{type(exc).__name__}: {exc}"
        yield _reply(chat, message), "", render.error_html(message), no_pick, None, conversation


def _reply(chat: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """A new message list: ``chat`` plus the assistant's (escaped) reply."""
    return [*chat, {"role": "assistant", "content": render.chat_markdown(text)}]


def reset_chat(conversation: Conversation) -> tuple[Any, ...]:
    """新对话: forget the conversation's slots and clear the chat, sources and report view."""
    conversation.reset()
    empty = gr.update(choices=[], value=None)
    return [], render.sources_html(None), empty, None, render.report_view_html(None), conversation


def open_source(
    service: ReportService, answer: Answer | None, n: str | int | None
) -> tuple[str, Any]:
    """The report view of citation [n] of the current answer, scrolled to its span."""
    if answer is None or n in (None, ""):
        return gr.skip(), gr.skip()
    citation = next((c for c in answer.citations if str(c.n) == str(n)), None)
    if citation is None:
        return render.error_html(f"没有来源 [{n}]"), gr.skip()
    try:
        report = service.report(citation.report_id)
    except Exception as exc:
        return render.error_html(f"无法打开报告 {citation.report_id}：{exc}"), gr.skip()
    view = render.report_view_html(report, citation.start, citation.end)
    return view, gr.update(value=str(citation.n))
