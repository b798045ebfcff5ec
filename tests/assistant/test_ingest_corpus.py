"""Integration: the real corpus into real Chroma with the real model, in a temp data dir."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from index.models import PATH_SEP

SHARED = Path(__file__).resolve().parents[3] / "shared"

pytestmark = pytest.mark.slow

EXPECTED_IDENTITY = {
    "000_a88a5bf1eb6788ed.txt": ("永兴县", "科技和工业信息化局", 2022),
    "002_58ccd0ccaa51294c.txt": ("炎陵县", "科技和工业信息化局", 2023),
    "syn_jianghua_jtj_2023.pdf": ("江华瑶族自治县", "交通运输局", 2023),
    "syn_tianxin_mzj_2023.html": ("天心区", "民政局", 2023),
    "syn_xiangyin_wjj_2022.docx": ("湘阴县", "卫生健康局", 2022),
    "syn_xiangyin_wjj_2023.txt": ("湘阴县", "卫生健康局", 2023),
}


def test_ingest_added_every_file(corpus_service):
    assert sorted(r.file for r in corpus_service.reports()) == sorted(EXPECTED_IDENTITY)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_report_has_its_identity(corpus_service):
    got = {
        r.file: (r.identity.county, r.identity.department, r.identity.year)
        for r in corpus_service.reports()
    }
    assert got == EXPECTED_IDENTITY
    assert {r.identity.doc_type for r in corpus_service.reports()} == {"部门整体支出绩效自评报告"}


def test_chunks_index_the_stored_normalised_text(corpus_service):
    for report in corpus_service.reports():
        chunks = corpus_service.store.chunks(where={"report_id": report.id})
        assert len(chunks) == report.chunk_count > 3
        for chunk in chunks:
            start, end = chunk.metadata["start"], chunk.metadata["end"]
            span = report.text[start:end]
            header = chunk.metadata.get("header")
            assert chunk.text == (f"{header}\n{span}" if header else span)
            assert chunk.metadata["county"] == report.identity.county


@pytest.mark.parametrize(
    ("file", "needle", "section"),
    [
        (
            "000_a88a5bf1eb6788ed.txt",
            "2022年公用经费实际支出43.05万元",
            "六、部门整体支出绩效情况 › （三）预算管理",
        ),
        (
            "000_a88a5bf1eb6788ed.txt",
            "5G基站",
            "六、部门整体支出绩效情况 › （四）预算支出绩效 › （四）全力推进社会治理体系现代化建设",
        ),
        (
            "000_a88a5bf1eb6788ed.txt",
            "截至2021年12月31日编制部门核定我局编制34名",
            "一、单位基本情况 › （三）人员配置情况",
        ),
        (
            "002_58ccd0ccaa51294c.txt",
            "人员经费4093973.19元",
            "二、一般公共预算支出情况 › （一）基本支出情况",
        ),
        (
            "002_58ccd0ccaa51294c.txt",
            "规模工业总产值94.3亿元",
            "六、部门整体支出绩效情况 › （二）坚守“稳增长”主线，工业发展动力不断增强",
        ),
        ("002_58ccd0ccaa51294c.txt", "统筹兼顾抓重点", "8、 下一步改进措施"),
    ],
)
def test_known_passages_have_their_section_path(corpus_service, file, needle, section):
    report = next(r for r in corpus_service.reports() if r.file == file)
    chunks = corpus_service.store.chunks(where={"report_id": report.id})
    sections = {c.metadata["section"] for c in chunks if needle in c.text}
    assert sections == {section.replace(" › ", PATH_SEP)}


def test_gold_evidence_survives_loading(corpus_service):
    """Every evidence text of the dev set is in its report's normalised text (formats intact)."""
    by_file = {r.file: _squash(r.text).replace("\t", "") for r in corpus_service.reports()}
    missing = []
    for line in (SHARED / "eval" / "dev_qa.jsonl").read_text(encoding="utf-8").splitlines():
        for ev in json.loads(line)["evidence"]:
            if _squash(ev["text"]) not in by_file[ev["file"]]:
                missing.append((ev["file"], ev["text"]))
    assert missing == []


def test_second_ingest_changes_nothing(corpus_service):
    before = {r.id: r.chunk_count for r in corpus_service.reports()}
    count = corpus_service.store.count()
    outcomes = corpus_service.ingest([SHARED / "corpus" / "seeds", SHARED / "corpus" / "synthetic"])
    assert {o.status for o in outcomes} == {"unchanged"}
    assert {r.id: r.chunk_count for r in corpus_service.reports()} == before
    assert corpus_service.store.count() == count


def test_search_filters_by_county(corpus_service):
    from assistant.filters import AskFilters

    hits = corpus_service.search("三公经费", k=5, filters=AskFilters(county="炎陵"))
    assert hits
    assert {h.county for h in hits} == {"炎陵县"}
    assert any("三公" in h.text for h in hits)
