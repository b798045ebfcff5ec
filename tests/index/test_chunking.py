"""Chunker invariants on literal reports and on the real seed reports."""

from __future__ import annotations

import pytest

from index.chunking import chunk_report
from index.models import Chunk, NormalisedText, Section
from index.sections import build_sections, detect_headings
from index.tokens import count_tokens

SENTENCE = "2023年全县完成规模工业总产值94.3亿元，同比增长5%，规模工业增加值增速7.1%。"
CLAUSE = "全县新签约引进工业项目十八个其中亿元以上项目十七个"


def table(rows: int, cell: str = "公务用车运行维护费") -> list[str | tuple[str, ...]]:
    """A budget table as literal rows: a header row and ``rows`` data rows."""
    header: list[str | tuple[str, ...]] = [("项目", "年初预算数", "决算数", "执行率")]
    return header + [(f"{cell}{n}", f"{n}00000.00", f"{n}8341.20", "83.4%") for n in range(rows)]


def synthetic() -> NormalisedText:
    """A report with long lines, an unpunctuated run-on, a long table and an oversized row."""
    return NormalisedText.from_lines(
        [
            "某某县某某局2023年度部门整体支出绩效自评报告",
            "一、基本情况",
            SENTENCE * 9,
            "（一）收支情况",
            "收支决算情况表（单位：元）",
            *table(30),
            "注：以上数据来自部门决算。",
            "（二）项目支出情况",
            f"{CLAUSE * 2}，{CLAUSE * 2}，{CLAUSE * 2}。",
            "项" * 600,
            ("项目", "说明"),
            ("重点项目", "长" * 400),
            "二、其他需要说明的情况",
            "无。",
        ]
    )


def check_invariants(
    norm: NormalisedText, sections: tuple[Section, ...], chunks: tuple[Chunk, ...], max_tokens: int
) -> None:
    """Everything a chunking must satisfy, whatever the report."""
    headings = {h.line: h for h in detect_headings(norm)}
    covered = [False] * len(norm.text)
    for ordinal, chunk in enumerate(chunks):
        span = norm.text[chunk.start : chunk.end]
        assert chunk.ordinal == ordinal
        assert span and span[0] != "\n" and span[-1] != "\n"
        home = [s for s in sections if s.start <= chunk.start and chunk.end <= s.end]
        assert len(home) == 1 and home[0].path == chunk.section_path
        if chunk.header is None:
            assert chunk.text == span
        else:
            assert chunk.kind == "table" and chunk.text == f"{chunk.header}\n{span}"
        assert chunk.tokens == count_tokens(chunk.text)
        rows = [ln for ln in norm.lines if chunk.start <= ln.start and ln.end <= chunk.end]
        single_row = len(rows) == 1 and rows[0].kind == "table_row"
        if {ln.kind for ln in rows} == {"text", "table_row"}:
            # text beside table rows: a whole table, or short caption lines leading its rows
            tables = {ln.table for ln in rows} - {None}
            whole = all(ln in rows for ln in norm.lines if ln.table in tables)
            kinds = [ln.kind for ln in rows]
            leading = kinds == sorted(kinds, key=lambda k: k == "table_row") and all(
                ln.end - ln.start <= 40 for ln in rows if ln.kind == "text"
            )
            assert whole or leading
        assert chunk.tokens <= max_tokens or single_row
        for k in range(chunk.start, chunk.end):
            assert not covered[k], "chunks overlap"
            covered[k] = True
    for number, line in enumerate(norm.lines):
        missing = [k for k in range(line.start, line.end) if not covered[k]]
        bare_heading = number in headings and norm.line_text(line) == headings[number].title
        assert not missing or (bare_heading and len(missing) == line.end - line.start)
        if line.kind == "table_row":
            holders = [c for c in chunks if c.start <= line.start and line.end <= c.end]
            assert len(holders) == 1
            first_row = holders[0].start == line.start
            if first_row and line.row != 0:
                assert holders[0].header.endswith(norm.text.split("\n")[number - line.row])
    assert len({c.id for c in chunks}) == len(chunks)


def test_synthetic_invariants() -> None:
    norm = synthetic()
    sections = build_sections(norm)
    for max_tokens in (40, 80, 160):
        check_invariants(norm, sections, chunk_report("r1", norm, sections, max_tokens), max_tokens)


def test_long_lines_split_at_sentence_ends_then_commas_then_characters() -> None:
    norm = synthetic()
    chunks = chunk_report("r1", norm, build_sections(norm), max_tokens=80)
    long_line = [c for c in chunks if SENTENCE in c.text and c.text.count("\n") == 0]
    assert len(long_line) >= 3 and all(c.text.endswith("。") for c in long_line)
    clauses = [c for c in chunks if c.text.startswith(CLAUSE) and "项项" not in c.text]
    assert len(clauses) >= 2 and clauses[0].text.endswith("，")
    hard = [c for c in chunks if set(c.text) == {"项"}]
    assert len(hard) >= 2 and sum(len(c.text) for c in hard) == 600


def test_table_rows_pack_and_repeat_the_header() -> None:
    norm = synthetic()
    chunks = chunk_report("r1", norm, build_sections(norm), max_tokens=160)
    tables = [c for c in chunks if c.kind == "table" and "项目\t年初预算数" in c.text]
    assert len(tables) >= 3
    assert tables[0].header is None
    assert all(c.header.endswith("项目\t年初预算数\t决算数\t执行率") for c in tables[1:])
    assert all(c.tokens <= 160 for c in tables)
    # the caption ("…情况表", "单位：万元") travels with the table and is repeated with the header
    assert "收支决算情况表" in tables[0].text
    assert all("单位" in c.header for c in tables[1:])


def test_oversized_row_stays_whole() -> None:
    norm = synthetic()
    chunks = chunk_report("r1", norm, build_sections(norm), max_tokens=160)
    row = "重点项目\t" + "长" * 400
    holder = next(c for c in chunks if row in c.text)
    assert holder.kind == "table" and holder.tokens > 160
    assert holder.header == "项目\t说明" and holder.text == f"项目\t说明\n{row}"


def test_chunks_never_cross_sections_even_when_tiny() -> None:
    norm = NormalisedText.from_lines(["一、基本情况", "短。", "二、支出情况", "也短。"])
    chunks = chunk_report("r1", norm, build_sections(norm))
    assert [c.text for c in chunks] == ["一、基本情况\n短。", "二、支出情况\n也短。"]
    assert [c.section_path for c in chunks] == [("一、基本情况",), ("二、支出情况",)]


def test_bare_heading_lines_give_no_chunk() -> None:
    norm = NormalisedText.from_lines(["一、基本情况", "（一）职能概况", "负责全县工作。"])
    chunks = chunk_report("r1", norm, build_sections(norm))
    assert [c.text for c in chunks] == ["（一）职能概况\n负责全县工作。"]


def test_tiny_trailing_piece_joins_a_whole_table_before_it() -> None:
    norm = NormalisedText.from_lines(["一、基本情况", *table(2), "注：单位为元。"])
    chunks = chunk_report("r1", norm, build_sections(norm))
    assert len(chunks) == 1 and chunks[0].text.endswith("83.4%\n注：单位为元。")
    assert chunks[0].kind == "text" and chunks[0].text.startswith("项目\t")
    no_merge = chunk_report("r1", norm, build_sections(norm), min_tokens=0)
    assert [c.kind for c in no_merge] == ["table", "text"]


def test_ids_are_content_hashes_stable_across_runs() -> None:
    norm = synthetic()
    sections = build_sections(norm)
    first = chunk_report("r1", norm, sections)
    assert first == chunk_report("r1", norm, sections)
    assert all(len(c.id) == 32 for c in first)
    other = chunk_report("r2", norm, sections)
    assert {c.id for c in first}.isdisjoint(c.id for c in other)


@pytest.mark.parametrize("name", ["000_a88a5bf1eb6788ed.txt", "002_58ccd0ccaa51294c.txt"])
@pytest.mark.parametrize("max_tokens", [60, 160])
def test_seed_invariants(name: str, max_tokens: int, load_seed) -> None:
    norm = load_seed(name)
    sections = build_sections(norm)
    chunks = chunk_report(name, norm, sections, max_tokens=max_tokens)
    check_invariants(norm, sections, chunks, max_tokens)
    assert chunks == chunk_report(name, norm, sections, max_tokens=max_tokens)


def test_seed_chunks_carry_their_section_path(load_seed) -> None:
    norm = load_seed("000_a88a5bf1eb6788ed.txt")
    chunks = chunk_report("seed0", norm, build_sections(norm))
    holder = next(c for c in chunks if "5G基站" in c.text)
    assert holder.section.endswith("（四）全力推进社会治理体系现代化建设")
    assert all(len(c.text) <= 300 for c in chunks)
