"""BM25 lexical index over invented chunks: domain tokens, synonyms, filters, persistence."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.domain_terms import expand_terms, squash
from index.lexical import LexicalIndex, fingerprint, matches, query_tokens, tokenize, words
from index.vectorstore import ChunkStore, StoredChunk


def chunk(cid: str, text: str, county: str, year: int, ordinal: int = 0) -> StoredChunk:
    meta = {"report_id": f"r-{county}-{year}", "file": f"{county}.txt", "county": county}
    meta |= {"year": year, "department": "测试局", "section": "一", "ordinal": ordinal}
    return StoredChunk(id=cid, text=text, metadata=meta)


CHUNKS = [
    chunk("a1", "2023年“三公”经费预算8.00万元，决算6.42万元。", "青山县", 2023),
    chunk(
        "a2",
        "2023年基本支出612.40万元，其中：人员经费538.75万元，公用经费73.65万元。",
        "青山县",
        2023,
        1,
    ),
    chunk("a3", "公务用车运行维护费\t5.00\t4.29\n公务接待费\t4.00\t1.83", "青山县", 2023, 2),
    chunk("b1", "2022年三公经费决算2.10万元，因公出国（境）费0万元。", "白水县", 2022),
    chunk("b2", "截至2022年12月31日，核定编制45名，在职人数为43人。", "白水县", 2022, 1),
    chunk("b3", "开展政府采购36次，完成内部控制评价3项。", "白水县", 2022, 2),
    chunk("c1", "部门整体支出绩效自评得分92分。", "白水县", 2023),
]


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    return LexicalIndex.build(CHUNKS)


def top(index: LexicalIndex, query: str, k: int = 3, where: dict | None = None) -> list[str]:
    return [cid for cid, _ in index.search(query, k, where)]


@pytest.mark.parametrize(
    "term",
    [
        "三公经费",
        "公务接待费",
        "公务用车运行维护费",
        "人员经费",
        "自评得分",
        "内部控制",
        "政府采购",
    ],
)
def test_domain_terms_tokenise_whole(term: str) -> None:
    assert term.lower() in tokenize(f"本年{term}情况")


def test_tokens_keep_parts_numbers_and_drop_punctuation() -> None:
    tokens = tokenize("“三公”经费决算6.42万元，执行率87.6%；因公出国（境）费0万元")
    assert {"三公经费", "三公", "经费", "6.42", "87.6%", "87.6", "因公出国境费"} <= set(tokens)
    assert not {"“", "”", "，", "；", "（", "）", " "} & set(tokens)
    assert tokenize("ABC 5G") == ["abc", "5g"]


def test_synonyms_expand_both_ways() -> None:
    assert "三公经费" in expand_terms(["三公"]) and squash("“三公”经费") == "三公经费"
    assert "三公" in expand_terms(["“三公”经费"])
    assert "公务用车" in expand_terms(["公车"])
    assert "公车" in expand_terms(["公务用车"])
    assert squash("因公出国（境）") in expand_terms(["出国"])
    own, extra = query_tokens("公车花了多少")
    assert "多少" not in own and "公务用车" in extra


def test_sangong_query_finds_quoted_spelling(index: LexicalIndex) -> None:
    hits = top(index, "三公", k=5)
    assert {"a1", "b1"} <= set(hits)
    assert top(index, "“三公”经费", k=2) == top(index, "三公经费", k=2)


def test_exact_figures_rank_first(index: LexicalIndex) -> None:
    assert top(index, "73.65万元")[0] == "a2"
    assert top(index, "4.29")[0] == "a3"
    assert top(index, "在职多少人 编制多少")[0] == "b2"
    assert top(index, "政府采购开展了多少")[0] == "b3"


def test_where_filters_and_positive_scores_only(index: LexicalIndex) -> None:
    assert set(top(index, "三公经费", 5, {"county": "白水县"})) == {"b1"}
    both = {"$and": [{"county": "白水县"}, {"year": 2023}]}
    assert top(index, "得分", 5, both) == ["c1"]
    assert top(index, "得分", 5, {"$and": [{"county": "青山县"}, {"year": 2022}]}) == []
    assert all(score > 0 for _, score in index.search("三公经费", 10))
    assert index.search("完全无关的词语组合", 5) == []


def test_matches_chroma_operators() -> None:
    meta = {"year": 2023, "report_id": "r1"}
    assert matches(meta, {"year": {"$eq": 2023}})
    assert matches(meta, {"report_id": {"$in": ["r0", "r1"]}})
    assert not matches(meta, {"$and": [{"year": 2023}, {"report_id": {"$nin": ["r1"]}}]})
    assert matches(meta, {"$or": [{"year": 2022}, {"report_id": "r1"}]})
    with pytest.raises(ValueError):
        matches(meta, {"$not": [{"year": 2023}]})
    with pytest.raises(ValueError):
        matches(meta, {"year": {"$gt": 2020}})


def test_in_filter_on_report_ids(index: LexicalIndex) -> None:
    where = {"report_id": {"$in": ["r-白水县-2022", "r-白水县-2023"]}}
    assert set(top(index, "三公经费 得分", 5, where)) <= {"b1", "b2", "b3", "c1"}
    assert "b1" in top(index, "三公经费", 5, where)


def test_words_are_precise_mode_with_terms_whole() -> None:
    got = words("“三公”经费和政府采购 ")
    assert "三公经费" in got and "政府采购" in got and " " in got


def test_save_load_round_trip(index: LexicalIndex, tmp_path: Path) -> None:
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert loaded.source == "loaded" and loaded.fingerprint == index.fingerprint
    for query in ("三公", "公用经费", "在职人数", "政府采购", "92分"):
        for where in (None, {"county": "白水县"}):
            assert loaded.search(query, 5, where) == index.search(query, 5, where)
    assert loaded.chunk("b2") == index.chunk("b2")


def test_empty_index(tmp_path: Path) -> None:
    empty = LexicalIndex.build([])
    assert empty.search("三公", 5) == []
    empty.save(tmp_path / "lex")
    assert LexicalIndex.load(tmp_path / "lex").search("三公", 5) == []


def test_fingerprint_is_order_free_and_sees_ids_and_metadata() -> None:
    a, b, c = CHUNKS[:3]
    assert fingerprint([a, b]) == fingerprint([b, a])
    assert fingerprint([a, b]) != fingerprint([a, c])
    moved = StoredChunk(a.id, a.text, {**a.metadata, "county": "红石县"})
    assert fingerprint([a, b]) != fingerprint([moved, b])


def _add(store: ChunkStore, chunks: list[StoredChunk]) -> None:
    vectors = [[1.0, 0.0, 0.0]] * len(chunks)
    store.add(
        [c.id for c in chunks], [c.text for c in chunks], vectors, [c.metadata for c in chunks]
    )


def test_load_or_build_rebuilds_when_the_store_changes(tmp_path: Path) -> None:
    store = ChunkStore(embeddings=None, collection="test_chunks", persist_dir=tmp_path / "chroma")
    _add(store, CHUNKS[:3])
    folder = tmp_path / "lex"
    first = LexicalIndex.load_or_build(folder, store)
    assert first.source == "built" and len(first) == 3
    again = LexicalIndex.load_or_build(folder, store)
    assert again.source == "loaded" and again.fingerprint == first.fingerprint
    _add(store, CHUNKS[3:4])
    changed = LexicalIndex.load_or_build(folder, store)
    assert changed.source == "built" and changed.fingerprint != first.fingerprint
    assert "b1" in top(changed, "因公出国")
    assert LexicalIndex.load_or_build(folder, store).source == "loaded"
    relabelled = StoredChunk("b1", CHUNKS[3].text, {**CHUNKS[3].metadata, "county": "红石县"})
    _add(store, [relabelled])
    after = LexicalIndex.load_or_build(folder, store)
    assert after.source == "built" and top(after, "因公出国", where={"county": "红石县"}) == ["b1"]


def test_corrupt_saved_index_is_rebuilt(tmp_path: Path) -> None:
    store = ChunkStore(embeddings=None, collection="test_chunks", persist_dir=tmp_path / "chroma")
    _add(store, CHUNKS)
    folder = tmp_path / "lex"
    LexicalIndex.load_or_build(folder, store)
    (folder / "current" / "manifest.json").write_text("{not json", encoding="utf-8")
    rebuilt = LexicalIndex.load_or_build(folder, store)
    assert rebuilt.source == "built" and top(rebuilt, "内部控制")[0] == "b3"


@pytest.mark.parametrize(
    "where",
    [
        {"county": "白水县"},
        {"year": {"$eq": 2023}},
        {"year": {"$ne": 2023}},
        {"county": {"$in": ["青山县", "红石县"]}},
        {"county": {"$nin": ["青山县"]}},
        {"$and": [{"county": "白水县"}, {"year": 2023}]},
        {"$or": [{"year": 2022}, {"county": "青山县"}]},
        {"$and": [{"county": "白水县"}, {"$or": [{"year": 2021}, {"year": 2022}]}]},
        {"missing_field": "x"},
        {"missing_field": {"$ne": "x"}},
    ],
)
def test_mask_means_what_matches_means(index: LexicalIndex, where: dict) -> None:
    """The array filter the search uses agrees chunk by chunk with the per-chunk test."""
    expected = [matches(c.metadata, where) for c in index.chunks]
    assert index.mask(where).tolist() == expected
    with pytest.raises(ValueError):
        index.mask({"year": {"$gt": 2020}})


def test_store_reads_every_chunk_across_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Large stores are read page by page (one unbounded get fails in Chroma at ~36,000
    chunks); a page size below the store's size must still give every chunk once, in order."""
    import index.vectorstore as vectorstore

    monkeypatch.setattr(vectorstore, "GET_PAGE", 3)
    store = ChunkStore(embeddings=None, collection="test_chunks", persist_dir=tmp_path / "chroma")
    _add(store, CHUNKS)
    got = store.chunks()
    assert sorted(c.id for c in got) == sorted(c.id for c in CHUNKS)
    baishui = [c for c in CHUNKS if c.metadata["county"] == "白水县"]
    baishui.sort(key=lambda c: (c.metadata["report_id"], c.metadata["ordinal"]))
    assert [c.id for c in store.chunks({"county": "白水县"})] == [c.id for c in baishui]
    assert sum(store.chunk_counts().values()) == len(CHUNKS)
