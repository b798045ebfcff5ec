"""The Gradio app in a real browser (Debian's Chromium driven by Playwright; never
`playwright install`). Screenshots go to screenshots/ (gitignored) for a person to look at."""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ENV = dict(os.environ)
"""The environment before per-test isolation (a served subprocess finds the model with it)."""
CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
SHOTS = ROOT / "screenshots"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CONFLICT = """石门县林业局2021年度部门整体支出绩效自评报告
（浏览器测试用虚构报告，数字均为编造。）
一、一般公共预算支出情况
2021年“三公”经费预算12.00万元，决算9.50万元。
二、预算管理情况
本年度“三公”经费预算15.00万元，严格控制公务接待。
"""
"""An invented report that states two different 三公经费 预算 figures (12.00 and 15.00万元)."""
PDF_LINES = [
    (14, 770, "石门县水利局2021年度部门整体支出绩效自评报告"),
    (11, 730, "一、一般公共预算支出情况"),
    (11, 710, "2021年“三公”经费决算8.88万元，其中公务接待费2.10万元。"),
]
PDF_FIGURE = "8.88万元"
PAGE = (595.0, 842.0)
UPLOAD = """云岭县教育局2023年度部门整体支出绩效自评报告
（浏览器测试用虚构报告，数字均为编造。）
一、一般公共预算支出情况
2023年“三公”经费预算10.00万元，决算8.88万元。
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_pdf(path: Path) -> tuple[float, float, float, float]:
    """An invented one-page text PDF; returns the box of PDF_FIGURE as page fractions."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path), pagesize=PAGE)
    for size, y, line in PDF_LINES:
        page.setFont("STSong-Light", size)
        page.drawString(72, y, line)
    page.save()
    size, y, line = PDF_LINES[-1]
    before = line[: line.index(PDF_FIGURE)]
    left = 72 + pdfmetrics.stringWidth(before, "STSong-Light", size)
    width = pdfmetrics.stringWidth(PDF_FIGURE, "STSong-Light", size)
    top = PAGE[1] - y - size
    return left / PAGE[0], top / PAGE[1], width / PAGE[0], size * 1.2 / PAGE[1]


@pytest.fixture(scope="module")
def fixture_reports(tmp_path_factory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("ui-fixtures")
    (folder / "石门县林业局2021.txt").write_text(CONFLICT, encoding="utf-8")
    figure = _write_pdf(folder / "石门县水利局2021.pdf")
    return {"folder": folder, "figure": figure}


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, embeddings, fixture_reports):
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (scripts/test.sh installs it as root)")
    if not SEEDS.exists():
        pytest.skip("../shared corpus not present")
    from assistant.factory import build_service
    from assistant.settings import load_settings
    from ui.app import build_app, launch_options

    settings = load_settings(data_dir=tmp_path_factory.mktemp("ui-index"))
    service = build_service(settings, embeddings=embeddings)
    service.ingest([SEEDS, fixture_reports["folder"]])
    service.ask("预热")  # loads the lexical index before the browser waits on it
    demo = build_app(service, settings)
    demo.queue()
    port = _free_port()
    demo.launch(
        server_name="127.0.0.1",
        server_port=port,
        prevent_thread_lock=True,
        quiet=True,
        max_file_size="50mb",
        **launch_options(),
    )
    yield f"http://127.0.0.1:{port}"
    demo.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (scripts/test.sh installs it as root)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(app_url, browser):
    tab = browser.new_page(viewport={"width": 1400, "height": 1000})
    tab.set_default_timeout(60_000)
    tab.goto(app_url)
    yield tab
    tab.close()


def _ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()


def test_page_is_chinese(page):
    from playwright.sync_api import expect

    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("footer")).to_contain_text("设置")  # Gradio's own words, its zh-CN


def test_answer_source_and_report_view(page):
    from playwright.sync_api import expect

    _ask(page, "2023年三公经费花了多少？")
    chat = page.locator("#chatbot")
    expect(chat).to_contain_text("6000元")
    sources = page.locator("#source-list")
    expect(sources).to_contain_text("炎陵县")
    page.screenshot(path=str(SHOTS / "1-answer.png"), full_page=True)

    sources.locator("[data-open]").first.click()
    mark = page.locator("#report-view mark#hl")
    expect(mark).to_be_visible()
    expect(mark).to_contain_text("6000元")
    expect(mark).to_be_in_viewport()
    page.screenshot(path=str(SHOTS / "2-report-view.png"), full_page=True)


def test_follow_up_keeps_the_topic(page):
    from playwright.sync_api import expect

    _ask(page, "那永兴呢？")
    expect(page.locator("#chatbot")).to_contain_text("1.16万元")
    expect(page.locator("#source-list")).to_contain_text("永兴县")
    page.screenshot(path=str(SHOTS / "3-follow-up.png"), full_page=True)


def test_upload_through_the_library(page, tmp_path):
    from playwright.sync_api import expect

    report = tmp_path / "云岭县教育局2023.txt"
    report.write_text(UPLOAD, encoding="utf-8")
    page.get_by_role("tab", name="报告库").click()
    page.locator("#library-upload input[type=file]").set_input_files(str(report))
    page.locator("#library-ingest").click()
    expect(page.locator("#library-results")).to_contain_text("云岭县")
    expect(page.locator("#library-table")).to_contain_text("云岭县")
    page.screenshot(path=str(SHOTS / "4-library.png"), full_page=True)


def _answers(page) -> list[str]:
    return page.locator(
        "#chatbot .message-row.bot-row, #chatbot [data-testid=bot]"
    ).all_inner_texts()


def test_question_sent_while_streaming_is_answered_afterwards(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="问答").click()
    page.locator("#new-chat").click()
    expect(page.locator("#chatbot")).not_to_contain_text("6000元")
    _ask(page, "炎陵县2023年三公经费花了多少？")
    # as a person would: the box empties once the first is taken, then the next is typed and
    # sent at once, while the first is being answered (filling earlier races that reply)
    expect(page.locator("#question textarea")).to_have_value("")
    _ask(page, "永兴县三公经费决算是多少？")
    expect(page.locator("#question textarea")).to_have_value("")
    page.screenshot(path=str(SHOTS / "5-queued.png"), full_page=True)
    chat = page.locator("#chatbot")
    expect(chat).to_contain_text("1.16万元", timeout=120_000)
    expect(chat).to_contain_text("6000元")
    expect(chat).not_to_contain_text("排队中")
    text = chat.inner_text()
    assert text.index("炎陵县2023年三公经费") < text.index("6000元") < text.index("永兴县三公经费")
    assert text.index("永兴县三公经费") < text.rindex("1.16万元")
    page.screenshot(path=str(SHOTS / "6-queue-answered.png"), full_page=True)


def test_pdf_source_shows_the_page_with_the_figure_boxed(page, fixture_reports):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="问答").click()
    page.locator("#new-chat").click()
    _ask(page, "石门县水利局2021年三公经费决算是多少？")
    expect(page.locator("#chatbot")).to_contain_text("8.88万元")
    page.locator("#source-list [data-open]").first.click()
    image = page.locator("#page-view img.ra-page-image")
    expect(image).to_be_visible()
    expect(page.locator("#report-view mark#hl")).to_be_visible()
    page.wait_for_function(
        "document.querySelector('#page-view img.ra-page-image').naturalWidth > 0"
    )
    # measured in one go, relative to the image (the page may still be scrolling)
    boxes = page.evaluate(
        """() => { const img = document.querySelector('#page-view img.ra-page-image');
             const f = img.getBoundingClientRect();
             return [...document.querySelectorAll('#page-view .ra-box')].map(b => {
               const r = b.getBoundingClientRect();
               return [(r.left - f.left) / f.width, (r.top - f.top) / f.height,
                       r.width / f.width, r.height / f.height]; }); }"""
    )
    assert boxes, "no highlight box on the page"
    left, top, width, height = fixture_reports["figure"]
    assert any(  # a box over the figure (not one spanning the whole line)
        x < left + width and left < x + w and y < top + height and top < y + h and w < 2 * width
        for x, y, w, h in boxes
    ), (boxes, (left, top, width, height))
    page.locator("#page-view").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "7-pdf-page.png"), full_page=True)


SCAN_LINES = [
    "青石县水务局2022年度部门整体支出绩效自评报告",
    "一、一般公共预算支出情况",
    "2022年“三公”经费决算7.46万元，其中公务接待费1.30万元。",
]
SCAN_FIGURE = "7.46万元"


def _write_scan(path: Path) -> tuple[float, float, float, float]:
    """An invented one-page scan (text drawn into an A5 image at 150 dpi, no text layer);
    returns the box of SCAN_FIGURE as page fractions."""
    from PIL import Image, ImageDraw, ImageFont

    from tests.index.test_ocr import _cjk_font

    font_path = _cjk_font()
    if font_path is None:
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-zenhei): cannot draw a scan")
    size = (874, 1240)
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(font_path), 26)
    for number, line in enumerate(SCAN_LINES):
        draw.text((70, 120 + 60 * number), line, font=font, fill="black")
    image.save(path, format="PDF", resolution=150)
    line = SCAN_LINES[-1]
    left = 70 + draw.textlength(line[: line.index(SCAN_FIGURE)], font=font)
    width = draw.textlength(SCAN_FIGURE, font=font)
    _, top, _, bottom = draw.textbbox((70, 120 + 60 * (len(SCAN_LINES) - 1)), line, font=font)
    return left / size[0], top / size[1], width / size[0], (bottom - top) / size[1]


def _page_boxes(page) -> list[list[float]]:
    """The highlight boxes of the page view as fractions of the page image, measured at once."""
    page.wait_for_function(
        "document.querySelector('#page-view img.ra-page-image').naturalWidth > 0"
    )
    return page.evaluate(
        """() => { const img = document.querySelector('#page-view img.ra-page-image');
             const f = img.getBoundingClientRect();
             return [...document.querySelectorAll('#page-view .ra-box')].map(b => {
               const r = b.getBoundingClientRect();
               return [(r.left - f.left) / f.width, (r.top - f.top) / f.height,
                       r.width / f.width, r.height / f.height]; }); }"""
    )


def test_scanned_pdf_source_shows_the_page_with_the_ocr_figure_boxed(page, tmp_path):
    from playwright.sync_api import expect

    scan = tmp_path / "青石县水务局2022.pdf"
    left, top, width, height = _write_scan(scan)
    page.get_by_role("tab", name="报告库").click()
    page.locator("#library-upload input[type=file]").set_input_files(str(scan))
    page.locator("#library-ingest").click()
    results = page.locator("#library-results")
    expect(results).to_contain_text("青石县", timeout=120_000)
    expect(results).not_to_contain_text("云岭县")  # the earlier upload was not sent again
    table = page.locator("#library-table")
    expect(table).to_contain_text("第1页 · 共")  # the library says which pages OCR read
    expect(table).to_contain_text("低置信度")
    page.screenshot(path=str(SHOTS / "10-library-ocr.png"), full_page=True)

    page.get_by_role("tab", name="问答").click()
    page.locator("#new-chat").click()
    _ask(page, "青石县水务局2022年三公经费决算是多少？")
    expect(page.locator("#chatbot")).to_contain_text(SCAN_FIGURE)
    page.locator("#source-list [data-open]").first.click()
    expect(page.locator("#page-view img.ra-page-image")).to_be_visible()
    expect(page.locator("#page-view")).to_contain_text("第 1 页")
    boxes = _page_boxes(page)
    assert boxes, "no highlight box on the scanned page"
    middle = (left + width / 2, top + height / 2)
    assert any(  # a box over the figure as drawn (its middle inside; not the whole line)
        x < middle[0] < x + w and y < middle[1] < y + h and w < 2 * width for x, y, w, h in boxes
    ), (boxes, (left, top, width, height))
    page.locator("#page-view").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "11-scanned-pdf-page.png"), full_page=True)


def test_compare_draws_one_bar_per_row_and_marks_conflicts(page):
    from playwright.sync_api import expect

    page.get_by_role("tab", name="比较").click()
    page.locator("#compare-run").click()
    table = page.locator("#compare-table")
    expect(table).to_contain_text("石门县")
    expect(table).to_contain_text("⚠")
    with page.expect_download() as download:  # the CSV holds exactly the shown table
        page.locator("#compare-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    headers, *rows = list(csv.reader(io.StringIO(text)))
    value = headers.index("数值")
    with_value = [r for r in rows if r[value]]
    conflicts = [r for r in rows if any("⚠" in cell for cell in r)]
    assert len(conflicts) == 1 and not conflicts[0][value], conflicts
    for row in rows:  # every CSV row is shown in the table
        expect(table).to_contain_text(row[-1][:20])
    assert "12.00万元" in " ".join(conflicts[0]) and "15.00万元" in " ".join(conflicts[0])
    marks = "#compare-plot g.mark-rect.role-mark path"
    page.wait_for_function(f"document.querySelectorAll('{marks}').length === {len(with_value)}")
    fills = page.evaluate(
        f"[...document.querySelectorAll('{marks}')].map(p => p.getAttribute('fill'))"
    )
    assert all(fills), "bars drawn without a colour"
    labels = page.evaluate(
        f"[...document.querySelectorAll('{marks}')].map(p => p.getAttribute('aria-label'))"
    )
    assert any("石门县·林业局·2021年" in label for label in labels)
    page.screenshot(path=str(SHOTS / "8-compare.png"), full_page=True)


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise AssertionError(f"serve did not answer at {url} within {seconds}s")


def test_serve_without_paths_leaves_an_existing_library_unchanged(browser, tmp_path, embeddings):
    from playwright.sync_api import expect

    from assistant.factory import build_service
    from assistant.settings import load_settings

    data = tmp_path / "library"
    service = build_service(load_settings(data_dir=data), embeddings=embeddings)
    service.ingest([ROOT / "tests" / "fixtures" / "reports" / "白水县农业农村局2023.txt"])
    before = [r.id for r in service.reports()]
    assert len(before) == 1
    port = _free_port()
    env = {**ENV, "REPORT_ASSISTANT_DATA_DIR": str(data), "HF_HUB_OFFLINE": "1"}
    command = [
        sys.executable,
        "-m",
        "assistant",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/", process)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.set_default_timeout(60_000)
        tab.goto(f"http://127.0.0.1:{port}/")
        tab.get_by_role("tab", name="报告库").click()
        expect(tab.locator("#library-table")).to_contain_text("白水县")
        expect(tab.locator("#library-table")).not_to_contain_text("示例")
        expect(tab.locator("#examples-notice")).to_have_count(0)
        tab.screenshot(path=str(SHOTS / "9-serve-existing-library.png"), full_page=True)
        tab.close()
    finally:
        process.terminate()
        output = process.communicate(timeout=60)[0]
    assert "示例" not in output and "共 1 份报告" in output, output
    again = build_service(load_settings(data_dir=data), embeddings=embeddings)
    assert [r.id for r in again.reports()] == before
