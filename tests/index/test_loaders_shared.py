"""The shared sample reports load and normalise to the text their source files show."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.loaders import load_file
from index.normalise import clean_line, is_furniture_line, normalise

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SYNTHETIC = SHARED / "corpus" / "synthetic"
SOURCES = SHARED / "eval" / "synthetic_source"
SEEDS = SHARED / "corpus" / "seeds"
SAMPLES = [
    "syn_jianghua_jtj_2023.pdf",
    "syn_tianxin_mzj_2023.html",
    "syn_xiangyin_wjj_2022.docx",
    "syn_xiangyin_wjj_2023.txt",
]

pytestmark = pytest.mark.skipif(not SYNTHETIC.is_dir(), reason="../shared corpus not present")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def expected_lines(name: str) -> list[str]:
    """Non-empty source lines, less the page furniture the normaliser removes on purpose
    (page numbers such as "- 1 -", empty cover fields such as "单位名称（盖章）：")."""
    source = (SOURCES / f"{Path(name).stem}.source.txt").read_text(encoding="utf-8")
    lines = [line for line in source.splitlines() if line.strip()]
    return [line for line in lines if not is_furniture_line(clean_line(line))]


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_text_is_covered(name: str) -> None:
    norm = normalise(load_file(SYNTHETIC / name))
    flat = squeeze(norm.text)
    expected = expected_lines(name)
    missing = [line for line in expected if squeeze(line) not in flat]
    assert len(missing) <= 0.03 * len(expected), missing[:10]
    assert "[bookmark" not in norm.text


@pytest.mark.parametrize("name", [n for n in SAMPLES if not n.endswith(".txt")])
def test_sample_tables_come_back_as_table_rows(name: str) -> None:
    """docx, PDF and HTML tables are real tables: each source row is one normalised row."""
    norm = normalise(load_file(SYNTHETIC / name))
    rows = {squeeze(norm.line_text(line)) for line in norm.lines if line.kind == "table_row"}
    source_rows = [line for line in expected_lines(name) if "\t" in line]
    assert source_rows
    missing = [row for row in source_rows if squeeze(row) not in rows]
    assert len(missing) <= 0.03 * len(source_rows), missing[:10]


def test_seed_reports_are_utf8_and_lose_bookmark_artifacts() -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    assert seeds
    for path in seeds:
        doc = load_file(path)
        assert doc.encoding == "utf-8"
        norm = normalise(doc)
        assert norm.text
        assert "[bookmark" not in norm.text
