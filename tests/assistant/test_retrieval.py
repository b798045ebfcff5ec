"""Hybrid retrieval over two invented reports in real Chroma with the real embedding model."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.documents import Document

from assistant.filters import SearchFilters
from assistant.retrieval import HybridRetriever, ReportRetriever, figures, quotes_figures
from index.lexical import LexicalIndex
from index.vectorstore import StoredChunk

QINGSHAN = """青山县农业农村局2023年度部门整体支出绩效自评报告
根据要求，我局对2023年度部门整体支出进行了自评，部门整体支出绩效自评得分91分，现报告如下：
一、单位基本情况
（一）人员配置情况
截至2023年12月31日，编制部门核定我局编制45名，在职人数为43人，离退休人员12人。
（二）主要职能
负责全县农田建设、耕地保护、农业技术推广和农产品质量安全监管工作。
二、一般公共预算支出情况
（一）基本支出情况
2023年基本支出612.40万元，其中：人员经费538.75万元，主要用于在职人员工资、津贴补贴和社会保障缴费。
公用经费73.65万元，主要用于办公费、水电费、差旅费和会议费。
（二）“三公”经费情况
2023年“三公”经费预算8.00万元，决算6.42万元，其中公务接待费2.13万元，共接待18批次、96人次。
表1 “三公”经费情况表（单位：万元）
项目\t预算数\t决算数
因公出国（境）费\t0.00\t0.00
公务用车运行维护费\t5.00\t4.29
公务接待费\t3.00\t2.13
三、部门整体支出绩效情况
（一）高标准农田建设
全年新建高标准农田2.4万亩，完成年度目标的104%，带动粮食增产430.5吨。
（二）农技推广
举办农业技术培训班36期，培训农民2150人次，推广水稻新品种5个。
"""

BAISHUI = """白水县水利局2023年度部门整体支出绩效自评报告
根据要求，我局对2023年度部门整体支出进行了自评，部门整体支出绩效自评得分88分，现报告如下：
一、单位基本情况
（一）人员配置情况
截至2023年12月31日，编制部门核定我局编制30名，在职人数为34人。
二、一般公共预算支出情况
（一）基本支出情况
2023年基本支出745.20万元，其中：人员经费702.15万元，主要用于基本工资、绩效工资和住房公积金。
公用经费43.05万元，主要用于办公费、印刷费、水电费和维修费。
（二）“三公”经费情况
2023年“三公”经费预算12.00万元，决算9.87万元，其中公务用车运行维护费7.10万元，公务接待费2.77万元。
表1 “三公”经费情况表（单位：万元）
项目\t预算数\t决算数
公务用车运行维护费\t8.00\t7.10
公务接待费\t4.00\t2.77
三、部门整体支出绩效情况
（一）水库除险加固
完成小型水库除险加固9座，新增蓄水能力43.5万立方米，完成率100%。
"""

HONGSHI = """红石县林业局2023年度部门整体支出绩效自评报告
一、单位基本情况
（一）人员配置情况
截至2023年12月31日，核定编制20名，在职人数为19人。
二、部门整体支出绩效情况
（一）森林防火
全年开展森林防火巡查1260次，建设防火隔离带18.6公里，未发生重大森林火灾。
"""


def _chunk(cid: str, text: str, county: str) -> StoredChunk:
    meta = {"report_id": f"r-{county}", "file": f"{county}.txt", "county": county, "year": 2023}
    return StoredChunk(cid, text, meta | {"section": "一", "start": 0, "end": len(text)})


class _FakeDense:
    """Stands in for ChunkStore.search: a fixed ranking, filtered by county."""

    def __init__(self, ranking: list[StoredChunk]) -> None:
        self.ranking = ranking

    def search(self, query: str, k: int = 5, where: dict | None = None) -> list[StoredChunk]:
        county = (where or {}).get("county")
        return [c for c in self.ranking if county in (None, c.metadata["county"])][:k]


def test_figures_are_numbers_not_years() -> None:
    assert figures("公用经费43.05万元") == ["43.05"]
    assert figures("编制34名在职36人") == ["34", "36"]
    assert figures("2022年三公经费，22年呢，第3名") == []
    assert figures("预算2000元") == ["2000"]
    assert quotes_figures("公用经费43.05万元。", ["43.05"])
    assert not quotes_figures("公用经费143.05万元", ["43.05"])
    assert not quotes_figures("公用经费43.051万元", ["43.05"])


def test_reciprocal_rank_fusion_of_both_sides() -> None:
    a = _chunk("a", "人员经费538.75万元", "青山县")
    b = _chunk("b", "农田建设2.4万亩", "青山县")
    c = _chunk("c", "公用经费73.65万元", "白水县")
    index = LexicalIndex.build([a, b, c])
    hybrid = HybridRetriever(_FakeDense([a, b]), lambda: index, rrf_k=10, lexical_weight=2.0)
    fused = hybrid.ranked("公用经费73.65万元")
    assert [f.chunk.id for f in fused][:2] == ["c", "a"]
    top = fused[0]
    assert (top.dense_rank, top.lexical_rank, top.figure_rank) == (None, 1, 1)
    assert top.score == pytest.approx(2.0 / 11 + 1.0 / 11)
    assert fused[1].chunk.id == "a" and fused[1].score == pytest.approx(1 / 11 + 2 / 12)
    only = hybrid.retrieve("公用经费", SearchFilters(county="青山县"), k=5)
    assert {p.county for p in only} == {"青山县"} and only[0].chunk_id == "a"
    assert hybrid.retrieve("   ") == []


@pytest.fixture
def setup(make_service, tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "青山县.txt").write_text(QINGSHAN, encoding="utf-8")
    (folder / "白水县.txt").write_text(BAISHUI, encoding="utf-8")
    service = make_service()
    assert [o.status for o in service.ingest([folder])] == ["added", "added"]
    lexical_dir = tmp_path / "lexical"
    built: list[LexicalIndex] = []

    def current() -> LexicalIndex:
        built.append(LexicalIndex.load_or_build(lexical_dir, service.store))
        return built[-1]

    return service, HybridRetriever(service.store, current), built, tmp_path


@pytest.mark.slow
def test_right_chunk_first_and_filters_respected(setup) -> None:
    _, hybrid, _, _ = setup
    qingshan = SearchFilters(county="青山县", year=2023)
    cases = [
        ("青山县农业农村局公用经费是多少", None, "公用经费73.65万元"),
        ("三公经费决算多少", SearchFilters(county="白水县"), "决算9.87万元"),
        ("编制多少名，在职多少人", qingshan, "在职人数为43人"),
        ("公务接待了多少批次", qingshan, "18批次"),
        ("高标准农田建设完成情况", qingshan, "高标准农田2.4万亩"),
    ]
    for query, filters, expected in cases:
        passages = hybrid.retrieve(query, filters, k=5)
        assert expected in passages[0].text, (query, [p.text[:40] for p in passages])
        if filters is not None:
            assert {p.county for p in passages} == {filters.county}
    top = hybrid.retrieve("人员经费", SearchFilters(county="白水县"), k=10)
    assert top and all(p.county == "白水县" and p.year == 2023 for p in top)
    assert [p.score for p in top] == sorted((p.score for p in top), reverse=True)


@pytest.mark.slow
def test_exact_figure_is_caught_lexically(setup) -> None:
    _, hybrid, _, _ = setup
    fused = hybrid.ranked("43.05万元")
    assert "公用经费43.05万元" in fused[0].chunk.text
    assert fused[0].lexical_rank == 1 and fused[0].figure_rank == 1
    first = hybrid.retrieve("43.05万元", k=3)[0]
    assert first.county == "白水县" and first.file == "白水县.txt"
    assert first.text == first.span_text or first.header
    assert 0 <= first.start < first.end and first.section


@pytest.mark.slow
def test_langchain_retriever_returns_documents(setup) -> None:
    _, hybrid, _, _ = setup
    retriever = ReportRetriever(hybrid=hybrid, filters=SearchFilters(county="青山县"), k=3)
    docs = retriever.invoke("公务接待费多少")
    assert 0 < len(docs) <= 3 and all(isinstance(d, Document) for d in docs)
    assert all(d.metadata["county"] == "青山县" for d in docs)
    assert {"chunk_id", "report_id", "file", "section", "start", "end", "score"} <= set(
        docs[0].metadata
    )
    assert docs[0].id == docs[0].metadata["chunk_id"] and "接待" in docs[0].page_content


@pytest.mark.slow
def test_lexical_index_rebuilt_after_ingest_and_loaded_otherwise(setup) -> None:
    service, hybrid, built, tmp_path = setup
    hybrid.retrieve("公用经费", k=3)
    hybrid.retrieve("人员经费", k=3)
    assert [i.source for i in built] == ["built", "loaded"]
    assert built[0].fingerprint == built[1].fingerprint
    path = tmp_path / "红石县.txt"
    path.write_text(HONGSHI, encoding="utf-8")
    assert service.ingest([path])[0].status == "added"
    passages = hybrid.retrieve("森林防火巡查次数", k=3)
    assert built[-1].source == "built" and built[-1].fingerprint != built[0].fingerprint
    assert passages[0].county == "红石县" and "1260次" in passages[0].text
    hybrid.retrieve("森林防火", k=3)
    assert built[-1].source == "loaded"
