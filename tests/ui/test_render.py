"""The web app's pure renderers (no gradio, no browser), then one build of the real app."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from assistant.answer import Answer, Citation, Fact
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
    return FactRecord("abc123", metric, kw.get("q"), text, unit, value, yuan, None, 5, 20)


def test_compare_rows_convert_money_to_wan_and_keep_the_original():
    from assistant.results import FactRow

    section = "二、支出 › （二）三公"
    rows = [
        FactRow(report(), fact("三公经费", "43210.00元", "元", "43210.00", "43210.00", q="决算")),
        FactRow(report(), fact("三公经费", "6.60", "万元", "6.60", "66000.00"), section),
        FactRow(report(), fact("编制数", "40名", "名", "40", None), section),
    ]
    rows[0] = FactRow(rows[0].report, rows[0].fact, section)
    table = render.compare_rows(rows)
    assert table[0][:7] == ["青山县", "农业农村局", 2023, "三公经费", "决算", 4.321, "万元"]
    assert table[0][7] == "43210.00元"
    assert table[1][5:8] == [6.6, "万元", "6.60（万元）"]
    assert table[2][5:8] == [40.0, "名", "40名"]
    assert table[0][8] == "青山县报告.txt · 二、支出 › （二）三公"
    assert render.compare_rows([FactRow(report(), rows[0].fact)])[0][8] == (
        "青山县报告.txt · 第 5–20 字"
    )


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
    "compare-table", "compare-plot", "compare-csv",
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
    assert len(refreshed(service)) == 8


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
        answer = Answer(question, "核对后：决算6.42万元[1]。", False, (citation(),))
        yield SourcesEvent(answer.citations)
        yield FinalAnswer(answer)


def test_streamed_pieces_are_appended_then_replaced_by_the_answer():
    pytest.importorskip("gradio")
    from ui.chat import stream_answer

    events = list(stream_answer(_StreamingService(), "问题", [], None, "", "", ""))
    contents = [e[0][-1]["content"] for e in events]
    assert contents[1:3] == ["草稿", "草稿&lt;b&gt;一&lt;/b&gt;"]
    assert contents[-1] == "核对后：决算6.42万元\\[1\\]。"
    assert "[1] 青山县" in events[-1][2] and events[-1][4].answer.startswith("核对后")


def test_handlers_over_a_real_index(make_service, tmp_path):
    pytest.importorskip("gradio")
    from assistant.conversation import Conversation
    from ui.chat import open_source, stream_answer
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

    events = list(
        stream_answer(service, "三公经费花了多少？", [], Conversation(), "青山县", "", "")
    )
    history, _, sources, _, answer, _ = events[-1]
    assert history[0]["content"] == "三公经费花了多少？"  # the filter is not pasted in
    assert answer.citations and "[1]" in sources and "6.42" in history[-1]["content"]
    view, _ = open_source(service, answer, "1")
    assert '<mark id="hl">' in view

    message, table, _, csv = compare(service, "三公经费", ["青山县"], [], [])
    assert "共" in message and set(table["县区"]) == {"青山县"}
    assert Path(csv["value"]).read_text(encoding="utf-8").startswith("\ufeffcounty")

    report_id = service.reports()[0].id
    (uploads / "青山县_报告.txt").unlink()
    assert "源文件已不存在" in reindex_report(service, report_id, "白水县", "", "")
