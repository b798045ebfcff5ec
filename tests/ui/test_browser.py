"""The Gradio app in a real browser (Debian's Chromium driven by Playwright; never
`playwright install`). Screenshots go to screenshots/ (gitignored) for a person to look at."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

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
UPLOAD = """云岭县教育局2023年度部门整体支出绩效自评报告
（浏览器测试用虚构报告，数字均为编造。）
一、一般公共预算支出情况
2023年“三公”经费预算10.00万元，决算8.88万元。
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, embeddings):
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (scripts/test.sh installs it as root)")
    if not SEEDS.exists():
        pytest.skip("../shared corpus not present")
    from assistant.factory import build_service
    from assistant.settings import load_settings
    from ui.app import build_app

    settings = load_settings(data_dir=tmp_path_factory.mktemp("ui-index"))
    service = build_service(settings, embeddings=embeddings)
    service.ingest([SEEDS])
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
    )
    yield f"http://127.0.0.1:{port}"
    demo.close()


@pytest.fixture(scope="module")
def page(app_url):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.set_default_timeout(60_000)
        tab.goto(app_url)
        yield tab
        browser.close()


def _ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#send").click()


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
