"""The web app's pure renderers (no gradio, no browser), then one build of the real app."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
from pathlib import Path

import pytest

from assistant.answer import Answer, Citation, Fact
from assistant.compare_rows import UNQUALIFIED, compare_rows
from assistant.results import FactRow
from index.models import FactRecord, Report, ReportIdentity
from ui import render

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "reports"

EVIL = '标题<script>alert(1)</script>\n<img src=x onerror="alert(2)">决算9.86万元![x](http://evil.example/x.png)'


def plain(fragment: str) -> str:
    """The text a rendered fragment shows: tags dropped, entities decoded, <br> as newline."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment.replace("<br>\n", "\n")))


def citation(n: int = 1, text: str = "2023年“三公”经费决算9.86万元，其中公务接待费3.66万元。"):
    return Citation(
        n, "abc123", "青山县报告.txt", "青山县", "农业农村局", 2023,
        "二、一般公共预算支出情况 › （二）“三公”经费情况", text, 100, 100 + len(text), 0.03,
    )  # fmt: skip


def report(text: str = "", **identity: object) -> Report:
    ident = ReportIdentity(
        **{"county": "青山县", "department": "农业农村局", "year": 2023, **identity}
    )
    return Report("abc123", "青山县报告.txt", "/nowhere/青山县报告.txt", "txt", "h", ident, text)


# -- escaping ----------------------------------------------------------------------------------


def test_sources_html_escapes_report_text():
    answer = Answer("q", "决算9.86万元[1]。", False, (citation(text=EVIL),))
    out = render.sources_html(answer)
    assert "<script" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "onerror=&quot;alert(2)&quot;" in out
    assert "![x](http://evil.example/x.png)" in out  # shown as text: gr.HTML renders no Markdown


def test_report_html_escapes_everything():
    out = render.report_html(EVIL, 0, 10)
    assert "<script" not in out and "<img" not in out
    assert plain(out) == EVIL


def test_warnings_are_escaped_and_visible():
    out = render.warnings_html(["两处数字不一致 <b>注意</b>"])
    assert "⚠" in out and "&lt;b&gt;" in out and "<b>" not in out
    assert render.warnings_html([]) == ""


def test_chat_markdown_neutralises_html_and_markdown():
    out = render.chat_markdown(EVIL + "\n1. 列表\n# 标题 [1]")
    assert "<script" not in out and "<img" not in out and "![" not in out
    markdown_it = pytest.importorskip("markdown_it")
    rendered = markdown_it.MarkdownIt("commonmark").render(out)
    assert "<img" not in rendered and "<script" not in rendered and "<a " not in rendered
    assert "<ol" not in rendered and "<h1" not in rendered
    assert plain(rendered).strip().splitlines()[-1] == "# 标题 [1]"
    assert "![x](http://evil.example/x.png)" in plain(rendered)


# -- highlighting ------------------------------------------------------------------------------


@pytest.mark.parametrize("start,end", [(0, 5), (3, 30), (10, 11), (0, len(EVIL))])
def test_report_mark_wraps_exactly_the_span(start, end):
    out = render.report_html(EVIL, start, end)
    assert out.count('<mark id="hl">') == 1
    before, inside = re.search(r'^(.*)<mark id="hl">(.*?)</mark>', out, re.S).groups()
    assert plain(inside) == EVIL[start:end]
    assert plain(before) == EVIL[:start]
    assert "<script" not in inside


def test_report_html_keeps_paragraphs_and_cells():
    text = "一、概况\n项目\t预算数\t决算数\n基本支出\t612.40\t598.33"
    out = render.report_html(text, 5, 16)
    assert out.count("<br>") == 2 and 'class="ra-tab"' in out
    assert render.report_html(text, 3, 3).count("<mark") == 0  # empty span: nothing to mark


def test_sources_html_lists_numbered_sources_with_figures_marked():
    answer = Answer(
        "q",
        "青山县农业农村局2023年度报告：「2023年“三公”经费决算9.86万元」[1]。",
        False,
        (citation(),),
        facts=(Fact("三公经费", "9.86万元", "万元", 98600.0, 1),),
        warnings=("各报告年度不同（2022、2023），比较时请注意。",),
    )
    out = render.sources_html(answer)
    assert "[1] 青山县 · 农业农村局 · 2023 · 二、一般公共预算支出情况" in out
    assert "（二）“三公”经费情况" in out
    assert "<mark>2023年“三公”经费决算9.86万元</mark>" in out
    assert "⚠ 各报告年度不同" in out
    assert 'data-open="1"' in out
    assert render.source_choices(answer)[0][1] == "1"


def test_table_figures_are_marked_as_whole_numbers():
    text = "项目\t预算数\t决算数\n“三公”经费\t12.00\t9.86\n合计\t112.00\t19.86"
    answer = Answer("q", "「“三公”经费：预算数 12.00万元、决算数 9.86万元」[2]。", False, ())
    segment = render.answer_segments(answer.answer)[2]
    terms = render.highlight_terms(segment, answer, 2)
    out = render.highlight(text, terms)
    assert "<mark>12.00</mark>" in out and "<mark>9.86</mark>" in out
    assert "112.00" in out and "19.86" in out  # longer numbers are left alone
    assert "2023" not in render.figures("2023年度报告 1. 第一项")


# -- compare -----------------------------------------------------------------------------------


def fact(metric: str, text: str, unit: str, value: str, yuan: str | None, **kw) -> FactRecord:
    start, end = kw.get("at", (5, 20))
    return FactRecord(
        "abc123", metric, kw.get("q"), text, unit, value, yuan, kw.get("year"), start, end,
        kw.get("source", "text"), kw.get("conflict", False),
    )  # fmt: skip


def test_compare_rows_convert_money_to_wan_and_keep_the_original():

    section = "二、支出 › （二）三公"
    rows = [
        FactRow(report(), fact("三公经费", "43210.00元", "元", "43210.00", "43210.00", q="决算")),
        FactRow(report(), fact("三公经费", "6.60", "万元", "6.60", "66000.00"), section),
        FactRow(report(), fact("编制数", "40名", "名", "40", None), section),
    ]
    rows[0] = FactRow(rows[0].report, rows[0].fact, section)
    table = render.compare_table(compare_rows(rows))
    assert table[0][:7] == ["青山县", "农业农村局", 2023, "三公经费", "决算", 4.321, "万元"]
    assert table[0][7] == "43210.00元"
    assert table[1][4:8] == [UNQUALIFIED, 6.6, "万元", "6.60（万元）"]
    assert table[2][5:8] == [40.0, "名", "40名"]
    assert table[0][8] == "青山县报告.txt · 二、支出 › （二）三公"
    first = [FactRow(report(), rows[0].fact)]
    assert render.compare_table(compare_rows(first))[0][8] == "青山县报告.txt · 第 5–20 字"


def test_one_row_per_report_metric_and_qualifier():
    """The same figure stated three times is one row; 实际 and 决算 are one 口径."""
    rows = [
        FactRow(report(), fact("三公经费", "2万元", "万元", "2", "20000", q="预算", at=(1, 9))),
        FactRow(
            report(), fact("三公经费", "2.00", "万元", "2.00", "20000.00", q="预算", at=(40, 60))
        ),
        FactRow(
            report(), fact("三公经费", "20000元", "元", "20000", "20000", q="预算", at=(90, 99))
        ),
        FactRow(report(), fact("三公经费", "1.16万元", "万元", "1.16", "11600", q="实际")),
        FactRow(report(), fact("三公经费", "1.16万元", "万元", "1.16", "11600", q="决算")),
    ]
    grouped = compare_rows(rows)
    assert [(r.qualifier, r.value, r.conflict) for r in grouped] == [
        ("预算", 2.0, False),
        ("决算", 1.16, False),
    ]
    assert grouped[0].statements[0].original == "20000元"  # the most precise wording
    assert grouped[0].label == "青山县·农业农村局·2023年"


def test_conflicting_values_make_one_warning_row_with_every_value_and_source():
    rows = [
        FactRow(report(), fact("三公经费", "12.00万元", "万元", "12.00", "120000.00", q="预算",
                        conflict=True, at=(10, 30))),
        FactRow(report(), fact("三公经费", "15.00万元", "万元", "15.00", "150000.00", q="预算",
                        conflict=True, at=(80, 99))),
        FactRow(report(), fact("三公经费", "9.50万元", "万元", "9.50", "95000.00", q="决算")),
    ]  # fmt: skip
    grouped = compare_rows(rows)
    assert [r.conflict for r in grouped] == [True, False]
    table = render.compare_table(grouped)
    assert table[0][5] == "" and table[0][7].startswith("⚠")
    assert "12.00万元" in table[0][7] and "15.00万元" in table[0][7]
    assert "第 10–30 字" in table[0][8] and "第 80–99 字" in table[0][8]
    bars = render.plot_records(grouped)
    assert [b["数值"] for b in bars] == [9.5]  # a conflict has no single figure to draw
    text = render.table_csv(render.COMPARE_HEADERS, table)
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert parsed[0] == render.COMPARE_HEADERS and len(parsed) == 3 and parsed[1][5] == ""


def test_bar_names_are_unique_and_start_with_the_qualifier():
    rows = compare_rows(
        [
            FactRow(report(), fact("三公经费", "2万元", "万元", "2", "20000", q="预算")),
            FactRow(report(), fact("三公经费", "1万元", "万元", "1", "10000", q="决算")),
        ]
    )
    names = [b["报告"] for b in render.plot_records(rows)]
    assert names == ["预算 · 青山县·农业农村局·2023年", "决算 · 青山县·农业农村局·2023年"]


def test_copy_text_lists_the_numbered_sources():
    answer = Answer("q", "决算9.86万元[1]。", False, (citation(),))
    text = render.copy_text(answer)
    assert text.startswith("决算9.86万元[1]。") and "来源：" in text and "[1] 青山县" in text
    assert "<" not in text
    assert 'class="ra-copy-text"' in render.sources_html(answer)


def test_a_warning_the_answer_text_states_is_not_repeated_in_the_sources_panel():
    told = "青山县报告中“公务接待费”的数字前后不一致：3.66万元[1]与3.96万元[1]，请核对原文。"
    other = "年度不同，比较时请注意。"
    answer = Answer(
        "q", f"公务接待费3.66万元[1]。\n注意：{told}", False, (citation(),), warnings=(told, other)
    )
    assert answer.unstated_warnings() == [other]
    panel = plain(render.sources_html(answer).split("<textarea")[0])
    assert panel.count("前后不一致") == 0 and "⚠ 年度不同" in panel
    assert render.copy_text(answer).count("前后不一致") == 1


def test_page_view_boxes_are_placed_in_page_fractions():
    out = render.page_view_html(
        "data:image/png;base64,AAAA", 2, [(0.1, 0.2, 0.3, 0.04)], "a<b>.pdf"
    )
    assert "第 3 页" in out and "left:10.00%;top:20.00%;width:30.00%;height:4.00%" in out
    assert "a&lt;b&gt;.pdf" in out and "<b>" not in out


def test_identity_provenance_names_hand_corrections_and_recorded_sources():
    corrected = report()
    corrected.overrides["county"] = "青山县"
    assert render.identity_provenance(corrected) == "县区：手工更正"
    assert render.report_rows([corrected])[0][-1] == "县区：手工更正"
    assert render.identity_provenance(report()) == ""  # nothing recorded: nothing claimed


# -- uploads -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,expected",
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("青山县 农业农村局 2023年报告 (终稿).TXT", "青山县_农业农村局_2023年报告_(终稿).txt"),
        ("炎陵县（科工局）自评报告.docx", "炎陵县（科工局）自评报告.docx"),
        ("a<b>|c;rm -rf.pdf", "a_b_c_rm_-rf.pdf"),
        ("", "report"),
        ("...", "report"),
        (".txt", "report.txt"),
        ("~$lock.docx", "lock.docx"),
    ],
)
def test_sanitize_filename(name, expected):
    assert render.sanitize_filename(name) == expected


def test_upload_problem_names_the_file_and_reason():
    assert render.upload_problem("报告.PDF", 1000, 50) is None
    assert "不支持的文件类型 .exe" in render.upload_problem("a.exe", 10, 50)
    assert "文件过大" in render.upload_problem("big.txt", 51 * 1024 * 1024, 50)
    assert "文件为空" in render.upload_problem("empty.md", 0, 50)


# -- the app itself (gradio, no browser) -------------------------------------------------------

KEY_IDS = {
    "question", "send", "chatbot", "source-list", "source-pick", "open-source", "report-view",
    "new-chat", "filter-county", "filter-department", "filter-year", "library-upload",
    "library-ingest", "library-results", "library-table", "library-pick", "library-reindex",
    "library-delete", "compare-metric", "compare-counties", "compare-years", "compare-run",
    "compare-table", "compare-plot", "compare-csv", "page-view", "copy-answer", "notice",
}  # fmt: skip


def test_build_app_with_a_real_service(make_service, tmp_path):
    pytest.importorskip("gradio")
    from assistant.settings import load_settings
    from ui.app import build_app, refreshed

    service = make_service()
    settings = load_settings(data_dir=tmp_path / "data")
    demo = build_app(service, settings)
    ids = {block.elem_id for block in demo.blocks.values() if block.elem_id}
    assert not KEY_IDS - ids, KEY_IDS - ids
    assert len(refreshed(service)) == 9
    api = demo.get_api_info()["named_endpoints"]
    assert set(api) == {"/ask", "/compare"}, set(api)
    assert [p["parameter_name"] for p in api["/ask"]["parameters"]] == [
        "question", "history", "filters",
    ]  # fmt: skip
    assert [p["parameter_name"] for p in api["/compare"]["parameters"]] == [
        "metric", "counties", "departments", "years",
    ]  # fmt: skip


def test_examples_only_into_an_empty_library(make_service, capsys):
    from ui.app import EXAMPLES_DIR, startup_paths

    service = make_service()
    assert startup_paths(service, []) == [EXAMPLES_DIR]
    given = [Path("/some/reports")]
    assert startup_paths(service, given) == given
    service.ingest([FIXTURES / "青山县农业农村局2023.txt"])
    assert startup_paths(service, []) == []  # an existing library is left as it is
    assert render.examples_notice(service.reports(), EXAMPLES_DIR) == ""
    service.ingest([EXAMPLES_DIR])
    notice = render.examples_notice(service.reports(), EXAMPLES_DIR)
    assert "内置示例报告" in notice and "虚构" in notice


def test_login_parsing_and_loopback_check():
    pytest.importorskip("gradio")
    from index.errors import ReportAssistantError
    from ui.app import is_loopback, parse_auth

    assert parse_auth("admin:pa:ss") == ("admin", "pa:ss") and parse_auth(None) is None
    with pytest.raises(ReportAssistantError):
        parse_auth("admin")
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


class _StreamingService:
    """Yields a draft in pieces, then a final Answer whose text differs (verification repaired)."""

    def ask_stream(self, question, conversation, filters=None):
        from assistant.events import FinalAnswer, SourcesEvent, TextDelta

        yield from (TextDelta("草稿"), TextDelta("<b>一</b>"))
        answer = Answer(question, f"核对后：{question}决算6.42万元[1]。", False, (citation(),))
        yield SourcesEvent(answer.citations)
        yield FinalAnswer(answer)


def _session():
    from assistant.conversation import Conversation
    from ui.chat import ChatSession

    return ChatSession(Conversation())


def test_streamed_pieces_are_appended_then_replaced_by_the_answer():
    pytest.importorskip("gradio")
    from ui.chat import drain, queue_question

    session = _session()
    box, shown = queue_question("问题", session, "", "", "")
    assert box == "" and shown[-1]["content"] == render.chat_markdown(
        "（排队中：当前回答结束后回答）"
    )
    events = list(drain(_StreamingService(), session))
    contents = [e[0][-1]["content"] for e in events]
    assert contents[1:3] == ["草稿", "草稿&lt;b&gt;一&lt;/b&gt;"]
    assert contents[-1] == "核对后：问题决算6.42万元\\[1\\]。"
    assert "[1] 青山县" in events[-1][1] and events[-1][3].answer.startswith("核对后")


def test_questions_sent_while_answering_are_answered_in_order():
    pytest.importorskip("gradio")
    from ui.chat import drain, queue_question

    session = _session()
    queue_question("第一问", session, "", "", "")
    running = drain(_StreamingService(), session)
    next(running)  # the first answer is streaming
    queue_question("第二问", session, "", "", "")
    assert next(iter(drain(_StreamingService(), session))) == tuple([gr_skip()] * 4)  # busy
    events = list(running)
    users = [m["content"] for m in events[-1][0] if m["role"] == "user"]
    replies = [m["content"] for m in events[-1][0] if m["role"] == "assistant"]
    assert users == ["第一问", "第二问"] and "第一问" in replies[0] and "第二问" in replies[1]
    assert session.owner is None and not session.pending


def test_new_chat_stops_a_running_answer_and_drops_waiting_questions():
    pytest.importorskip("gradio")
    from ui.chat import drain, queue_question, reset_chat

    session = _session()
    queue_question("第一问", session, "", "", "")
    queue_question("第二问", session, "", "", "")
    running = drain(_StreamingService(), session)
    next(running)
    chat, *_ = reset_chat(session)
    assert chat == [] and not session.pending
    assert list(running) == []  # stops at its next step; nothing more is shown
    assert session.history == []


def gr_skip():
    import gradio as gr

    return gr.skip()


def test_handlers_over_a_real_index(make_service, tmp_path):
    pytest.importorskip("gradio")
    from ui.chat import drain, open_source, queue_question
    from ui.compare import compare
    from ui.library import ingest_uploads, reindex_report

    service = make_service()
    uploads = tmp_path / "data" / "uploads"
    gradio_tmp = tmp_path / "gradio"
    (gradio_tmp / "a").mkdir(parents=True)
    (gradio_tmp / "b").mkdir()
    bad = gradio_tmp / "a" / "notes.exe"
    bad.write_bytes(b"MZ")
    good = gradio_tmp / "b" / "青山县 报告.txt"
    shutil.copy(FIXTURES / "青山县农业农村局2023.txt", good)
    out = ingest_uploads(service, [str(bad), str(good)])
    assert "notes.exe：不支持的文件类型" in out and "已入库" in out
    assert (uploads / "青山县_报告.txt").is_file()
    assert not bad.exists() and not good.exists()  # Gradio's temp copies are not left behind

    session = _session()
    queue_question("三公经费花了多少？", session, "青山县", "", "")
    history, sources, _, answer = list(drain(service, session))[-1]
    assert history[0]["content"] == "三公经费花了多少？〔青山县〕"  # scope shown, not pasted in
    assert answer.citations and "[1]" in sources and "6.42" in history[-1]["content"]
    from ui.app import api_ask_fn

    typed = api_ask_fn(service)("花了多少？", ["三公经费是多少"], {"county": "青山县"})
    assert "6.42" in typed["answer"] and typed["citations"]
    view, _, page = open_source(service, answer, "1", tmp_path / "pages")
    assert '<mark id="hl">' in view and "ra-page-image" not in page  # a text report: no page

    message, table, bars, download, title = compare(service, "三公经费", ["青山县"], [], [])
    assert "共" in message and set(table["县区"]) == {"青山县"} and title == "数值（万元）"
    shown = Path(download["value"]).read_text(encoding="utf-8")
    assert (
        shown.startswith("\ufeff县区,部门,年度")
        and len(shown.strip().splitlines()) == len(table) + 1
    )
    assert bars["数值"].dtype == "float64" and len(bars) == sum(v != "" for v in table["数值"])

    report_id = service.reports()[0].id
    (uploads / "青山县_报告.txt").unlink()
    assert "源文件已不存在" in reindex_report(service, report_id, "白水县", "", "")
