"""Identity found anywhere: title, HTML <title>, 来源 lines, table titles, sentences, file
names, the signed unit — each field with where it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.identity import detect_identity, merge_identity
from index.loaders import load_file
from index.models import Block, LoadedDocument
from index.normalise import normalise


def _identity(lines: list[str | list[list[str]]], file_name: str | None = None, meta=()):
    blocks = [
        Block.table(item) if isinstance(item, list) else Block.paragraph(item) for item in lines
    ]
    norm = normalise(LoadedDocument(file="x.txt", format="txt", blocks=tuple(blocks)))
    return detect_identity(norm, file_name=file_name, meta=meta)


def _fields(identity) -> tuple:
    return identity.county, identity.department, identity.year


def test_title_lines_win_and_say_so() -> None:
    ident = _identity(
        ["青石县水务局", "2021年度部门整体支出绩效自评报告", "一、基本情况", "正文。"]
    )
    assert _fields(ident) == ("青石县", "水务局", 2021)
    assert ident.source_of("county") == "title" and ident.source_of("year") == "title"


def test_source_line_names_the_unit_when_the_title_does_not() -> None:
    ident = _identity(
        [
            "部门整体支出绩效自评报告",
            "来源：红河县统计局",
            "一、基本情况",
            "2022年度本局共有在职人员9人。",
        ]
    )
    assert (ident.county, ident.department) == ("红河县", "统计局")
    assert ident.source_of("county") == "source_line"
    assert (ident.year, ident.source_of("year")) == (2022, "sentence")


def test_html_title_and_meta_tags() -> None:
    meta = [("title", "金沙区审计局2020年度部门决算说明_预决算公开_某市人民政府网")]
    ident = _identity(["一、部门职责", "负责审计监督工作。"], meta=meta)
    assert _fields(ident) == ("金沙区", "审计局", 2020)
    assert ident.source_of("department") == "html_title"


def test_sentence_naming_a_county_unit_with_a_department() -> None:
    ident = _identity(
        [
            "七、“三公”经费支出情况",
            "在白鹤县龙泉镇人民政府2023年度一般公共预算财政拨款中，支出5万元。",
        ]
    )
    assert _fields(ident) == ("白鹤县", "龙泉镇人民政府", 2023)
    assert ident.source_of("county") == "sentence"


def test_table_title_row_and_lost_first_character() -> None:
    """OCR may drop a rare first character from the title ("安县" for "瓮安县"): a longer name
    for the same department elsewhere (a table's title) is taken instead."""
    ident = _identity(
        [
            "安县林业局",
            "2022年度部门决算情况说明",
            "一、总体情况",
            "本年支出决算100.00万元。",
            "瓮安县林业局2022年度支出决算表",
            [["项目", "决算数"], ["合计", "100.00"], ["基本支出", "80.00"]],
        ]
    )
    assert (ident.county, ident.department) == ("瓮安县", "林业局")
    assert ident.source_of("county") == "table_title"


def test_file_name_and_overrides() -> None:
    ident = _identity(
        ["一、基本情况", "本单位负责全县的道路养护。"], file_name="石门县公路局_2019.txt"
    )
    assert _fields(ident) == ("石门县", "公路局", 2019)
    assert ident.source_of("year") == "file_name"
    merged = merge_identity(ident, {"year": 2020})
    assert merged.year == 2020 and merged.source_of("year") == "override"
    assert merged.source_of("county") == "file_name"


def test_unknown_fields_stay_empty() -> None:
    ident = _identity(["一、基本情况", "本单位负责道路养护。"], file_name="report.txt")
    assert _fields(ident) == (None, None, None)
    assert ident.sources == ()


# The identities of the shared corpus, written by hand from reading each document.
EXPECTED = {
    "seeds/000_a88a5bf1eb6788ed.txt": ("永兴县", "科技和工业信息化局", 2022),
    "seeds/002_58ccd0ccaa51294c.txt": ("炎陵县", "科技和工业信息化局", 2023),
    "synthetic/syn_jianghua_jtj_2023.pdf": ("江华瑶族自治县", "交通运输局", 2023),
    "synthetic/syn_tianxin_mzj_2023.html": ("天心区", "民政局", 2023),
    "synthetic/syn_xiangyin_wjj_2022.docx": ("湘阴县", "卫生健康局", 2022),
    "synthetic/syn_xiangyin_wjj_2023.txt": ("湘阴县", "卫生健康局", 2023),
    "synthetic2/syn_changge_wjw_2024.xlsx": ("长葛市", "卫生健康委员会", 2024),
    "synthetic2/syn_fenyi_slj_2023.docx": ("分宜县", "水利局", 2023),
    "synthetic2/syn_gongcheng_slj_2023.pdf": ("恭城瑶族自治县", "水利局", 2023),
    "synthetic2/syn_guangshan_rsj_2022.txt": ("光山县", "人力资源和社会保障局", 2022),
    "synthetic2/syn_guangshan_rsj_2023.md": ("光山县", "人力资源和社会保障局", 2023),
    "synthetic2/syn_liujiang_zjj_2021.html": ("柳江区", "住房和城乡建设局", 2021),
    "synthetic2/syn_meitan_xlz_2022.txt": ("湄潭县", "兴隆镇人民政府", 2022),
    "synthetic2/syn_wengan_scjgj_2022.pdf": ("瓮安县", "市场监督管理局", 2022),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_shared_document_gets_county_department_and_year(shared_corpus: Path, name: str):
    path = shared_corpus / name
    if not path.exists():
        pytest.skip(f"{name} not in this copy of the corpus")
    doc = load_file(path)
    ident = detect_identity(normalise(doc), file_name=path.name, meta=doc.meta)
    assert _fields(ident) == EXPECTED[name]
    assert all(ident.source_of(key) for key in ("county", "department", "year"))
