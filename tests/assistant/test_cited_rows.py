"""A cited table cell always travels with its table's unit caption, also when the row sits in a
continuation chunk far below the caption (comparisons and summaries cite by span)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROWS = "\n".join(f"苗木品种{n:02d}\t{100 + n}.50\t{90 + n}.25" for n in range(1, 41))
REPORT = f"""松岭县林业局2024年度部门决算说明

一、收入支出决算总体情况
本单位2024年度各项苗木支出见下表。
表1 苗木支出决算明细表
单位：万元
品种\t预算数\t决算数
{ROWS}

二、其他说明
无。
"""


def test_a_row_far_below_its_caption_is_cited_with_the_caption(tmp_path: Path, make_service):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "松岭县林业局2024.txt").write_text(REPORT, encoding="utf-8")
    service = make_service()
    [outcome] = service.ingest([folder])
    assert outcome.status == "added", outcome.message
    report = service.reports()[0]
    text = service.report(report.id).text
    start = text.index("苗木品种39")
    end = text.index("\n", start)
    assert service.chunks(report.id)[0].end < start  # really another chunk
    passage = service._reader.passage_at(report.id, start, end)
    assert passage is not None
    assert passage.text == text[passage.start : passage.end]
    assert passage.text.startswith("单位：万元")
    assert "苗木品种39\t139.50\t129.25" in passage.text
    prose = text.index("本单位")
    assert service._reader.passage_at(report.id, prose, prose + 4).start <= prose  # unchanged
