"""Facts extracted from the six shared reports against lists written by reading the reports.

Each entry is "metric|qualifier|figure[|year]" (qualifier "-" for none, year only when it is not
the report's). Money compares in 元, so "4621.85万元" matches the cell "4621.85" under
"单位：万元". EXPECTED must be found (recall); an extracted fact of a metric named in either
list must be in EXPECTED or ACCEPTED_EXTRA (precision) — in practice every fact is judged.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from index.facts import extract_facts
from index.identity import detect_identity
from index.loaders import load_file
from index.models import FactRecord
from index.normalise import normalise
from index.numbers import find_quantities

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared corpus not present")

Key = tuple[str, str | None, Decimal, int | None]

_SANGONG_TABLE_2023 = [  # 湘阴 2023 "“三公”经费情况表（单位：元）", a table only once rebuilt
    "三公经费|预算|166000.00元",
    "三公经费|决算|121874.50元",
    "因公出国（境）费|预算|0元",
    "因公出国（境）费|决算|0元",
    "公务用车购置费|预算|0元",
    "公务用车购置费|决算|0元",
    "公务用车运行维护费|预算|100000.00元",
    "公务用车运行维护费|决算|83412.00元",
    "公务接待费|预算|66000.00元",
    "公务接待费|决算|34862.50元",  # the table's typo (text: 38462.50): stored, and a conflict
]

EXPECTED: dict[str, list[str]] = {
    "seeds/000_a88a5bf1eb6788ed.txt": [
        "自评得分|-|97分",
        "编制数|-|34名|2021",  # "截至2021年12月31日…编制34名" (line repeated for 2022)
        "在职人数|-|36人|2021",
        "在职人数控制率|-|105.9%|2021",
        "编制数|-|34名",
        "在职人数|-|36人",
        "在职人数控制率|-|105.9%",
        "基本支出|预算|620.09万元",
        "基本支出|实际|620.09万元",
        "人员经费|实际|577.04万元",
        "公用经费|实际|43.05万元",
        "项目支出|预算|3046.42万元",
        "项目支出|实际|3046.42万元",
        "收入|预算|3705.67万元",
        "财政拨款收入|预算|3559.87万元",
        "上级补助收入|预算|0万元",
        "其他收入|预算|145.80万元",
        "支出|预算|3559.87万元",
        "基本支出|预算|513.45万元",  # contradicts 620.09 above: a conflict
        "支出|预算|3705.67万元",  # "预算总支出3705.67万元": contradicts 3559.87
        "项目支出|预算|3085.58万元",  # contradicts 3046.42
        "三公经费|预算|2万元",
        "三公经费|-|1.16万元",  # "“三公经费”支出为 1.16万元"
        "三公经费|决算|1.16万元",
        "因公出国（境）费|决算|0万元",
        "公务用车购置及运行维护费|决算|0万元",
        "公务用车保有量|-|0台",  # "（公务用车购置0台，保有量0台）": bare 保有量 is not read
        "公务接待费|决算|1.16万元",
        "公务接待批次|-|13批",
        "公务接待人次|-|83人",
    ],
    "seeds/002_58ccd0ccaa51294c.txt": [
        "编制数|-|22人",
        "在职人数|-|22人",
        "基本支出|-|5119613.47元",
        "人员经费|-|4093973.19元",
        "公用经费|-|1025640.28元",
        "三公经费|预算|6000元",
        "公务接待费|预算|6000元",
        "公务用车购置及运行维护费|预算|0元",
        "三公经费|决算|6000元",
        "项目支出|-|12717584.6元",
        "政府性基金预算支出|-|1800000元",
    ],
    "synthetic/syn_jianghua_jtj_2023.pdf": [
        "编制数|-|36名",
        "在职人数|-|41人",
        "收入|预算|10350.00万元",
        "收入|决算|12486.35万元",
        "财政拨款收入|决算|9732.18万元",
        "政府性基金预算收入|决算|2188.42万元",
        "其他收入|决算|565.75万元",
        "支出|决算|12471.09万元",
        "基本支出|决算|865.27万元",
        "人员经费|决算|742.61万元",
        "公用经费|决算|122.66万元",
        "项目支出|决算|11605.82万元",
        "年末结转结余|决算|15.26万元",
        "基本支出|-|865.27万元",
        "人员经费|-|742.61万元",
        "公用经费|-|122.66万元",
        "项目支出|-|11605.82万元",
        "三公经费|预算|24.00万元",
        "因公出国（境）费|预算|0万元",
        "因公出国（境）费|决算|0万元",
        "公务用车购置及运行维护费|预算|15.00万元",
        "公务用车购置费|预算|0万元",
        "公务用车购置费|决算|0万元",
        "公务用车运行维护费|预算|15.00万元",
        "公务用车运行维护费|决算|13.48万元",
        "公务接待费|预算|9.00万元",
        "公务接待费|决算|7.88万元",
        "三公经费|决算|21.36万元",
        "公务用车保有量|-|6辆",
        "公务接待批次|-|63批次",
        "公务接待人次|-|487人次",
        "政府性基金预算支出|-|2188.42万元",
        "自评得分|-|91分",
        "预算执行率|-|99.88%",
    ],
    "synthetic/syn_tianxin_mzj_2023.html": [
        "自评得分|-|95分",
        "编制数|-|32名",
        "在职人数|-|38人",
        "收入|预算|45200000.00元",
        "收入|决算|48963215.84元",
        "财政拨款收入|决算|46218540.26元",
        "其他收入|决算|2744675.58元",
        "支出|决算|48712386.45元",
        "基本支出|决算|8126473.92元",
        "项目支出|决算|40585912.53元",
        "年末结转结余|决算|250829.39元",
        "基本支出|-|8126473.92元",
        "人员经费|-|7015388.60元",
        "公用经费|-|1111085.32元",
        "项目支出|-|40585912.53元",
        "三公经费|预算|90000.00元",
        "三公经费|决算|61225.00元",
        "因公出国（境）费|预算|0元",
        "因公出国（境）费|决算|0元",
        "公务用车购置及运行维护费|预算|50000.00元",
        "公务用车购置及运行维护费|决算|42880.00元",
        "公务用车保有量|-|2辆",
        "公务接待费|预算|40000.00元",
        "公务接待费|决算|18345.00元",
        "公务接待批次|-|22批次",
        "公务接待人次|-|146人次",
        # 表1 / 表2 in 万元, rounded from the text's 元
        "财政拨款收入|决算|4621.85万元",
        "其他收入|决算|274.47万元",
        "收入|决算|4896.32万元",
        "基本支出|决算|812.65万元",
        "人员经费|决算|701.54万元",
        "公用经费|决算|111.11万元",
        "项目支出|决算|4058.59万元",
        "支出|决算|4871.24万元",
        "公务用车购置及运行维护费|预算|5.00万元",
        "公务用车购置及运行维护费|决算|4.29万元",
        "公务接待费|预算|4.00万元",
        "公务接待费|决算|1.83万元",
        "三公经费|预算|9.00万元",
        "三公经费|决算|6.12万元",
    ],
    "synthetic/syn_xiangyin_wjj_2022.docx": [
        "编制数|-|58人",
        "在职人数|-|91人",
        "收入|预算|5960.00万元",
        "财政拨款收入|预算|5700.00万元",
        "其他收入|预算|260.00万元",
        "支出|预算|5960.00万元",
        "基本支出|预算|1420.60万元",
        "项目支出|预算|4539.40万元",
        "收入|决算|6842.37万元",
        "财政拨款收入|决算|6315.92万元",
        "其他收入|决算|526.45万元",
        "支出|决算|6830.15万元",
        "基本支出|决算|1486.73万元",
        "项目支出|决算|5343.42万元",
        "年末结转结余|决算|12.22万元",
        "人员经费|-|1302.58万元",
        "公用经费|-|184.15万元",
        "三公经费|预算|18.60万元",
        "三公经费|实际|14.37万元",
        "三公经费|决算|14.37万元",
        "三公经费|执行率|77.26%",
        "因公出国（境）费|预算|0万元",
        "因公出国（境）费|实际|0万元",
        "因公出国（境）费|决算|0万元",
        "公务用车购置及运行维护费|预算|12.00万元",
        "公务用车购置及运行维护费|实际|9.85万元",
        "公务用车购置及运行维护费|决算|9.85万元",
        "公务用车购置及运行维护费|执行率|82.08%",
        "公务用车购置费|预算|0万元",
        "公务用车购置费|决算|0万元",
        "公务用车运行维护费|预算|12.00万元",
        "公务用车运行维护费|决算|9.85万元",
        "公务用车运行维护费|执行率|82.08%",
        "公务用车保有量|-|4辆",
        "公务接待费|预算|6.60万元",
        "公务接待费|实际|4.52万元",
        "公务接待费|决算|4.52万元",
        "公务接待费|执行率|68.48%",
        "公务接待批次|-|56批次",
        "公务接待人次|-|412人次",
        "自评得分|-|93.5分",
        "预算执行率|-|99.82%",  # only in the indicator table, whose rows are not read
    ],
    "synthetic/syn_xiangyin_wjj_2023.txt": [
        "编制数|-|58名",
        "在职人数|-|88人",
        "收入|预算|63500000.00元",
        "支出|预算|63500000.00元",
        "基本支出|预算|15180000.00元",
        "项目支出|预算|48320000.00元",
        "收入|决算|71236548.62元",
        "财政拨款收入|决算|66402317.40元",
        "其他收入|决算|4834231.22元",
        "支出|决算|71108905.37元",
        "基本支出|决算|15742608.19元",
        "项目支出|决算|55366297.18元",
        "年末结转结余|决算|127643.25元",
        "基本支出|-|15742608.19元",
        "人员经费|-|13806452.71元",
        "公用经费|-|1936155.48元",
        "项目支出|-|55366297.18元",
        "三公经费|预算|166000.00元",
        "三公经费|实际|121874.50元",
        "因公出国（境）费|-|0元",
        "公务用车购置及运行维护费|预算|100000.00元",
        "公务用车购置及运行维护费|实际|83412.00元",
        "公务用车保有量|-|3辆",
        "公务接待费|预算|66000.00元",
        "公务接待费|实际|38462.50元",
        "公务接待批次|-|41批次",
        "公务接待人次|-|305人次",
        "自评得分|-|95分",
        "预算执行率|-|99.82%",
    ],
}

ACCEPTED_EXTRA: dict[str, list[str]] = {
    # 湘阴 2023 is a GBK "one cell per line" export: its tables are facts only once rebuilt
    "synthetic/syn_xiangyin_wjj_2023.txt": [
        "财政拨款收入|预算|63500000.00元",  # 收支决算情况表 年初预算数 column
        "其他收入|预算|0.00元",
        *_SANGONG_TABLE_2023,
    ],
}

CONFLICTS: dict[str, set[str]] = {
    "seeds/000_a88a5bf1eb6788ed.txt": {
        "基本支出|预算|620.09万元",
        "基本支出|预算|513.45万元",
        "支出|预算|3559.87万元",
        "支出|预算|3705.67万元",
        "项目支出|预算|3046.42万元",
        "项目支出|预算|3085.58万元",
    },
}


def parse(entry: str, year: int | None) -> Key:
    """ "基本支出|预算|620.09万元[|2021]" → (metric, qualifier, amount in 元 or value, year)."""
    metric, qualifier, figure, *stated = entry.split("|")
    (q,) = find_quantities(figure)
    amount = q.yuan if q.is_money else q.value
    return (
        metric,
        None if qualifier == "-" else qualifier,
        amount,
        int(stated[0]) if stated else year,
    )  # type: ignore[return-value]


def key(fact: FactRecord) -> Key:
    return fact.metric, fact.qualifier, Decimal(fact.value_yuan or fact.value), fact.year


@pytest.fixture(scope="module")
def extracted() -> dict[str, tuple[int | None, list[FactRecord]]]:
    """Facts of every report, read once: name → (report year, facts)."""
    out = {}
    for name in EXPECTED:
        norm = normalise(load_file(CORPUS / name))
        year = detect_identity(norm).year
        out[name] = (year, extract_facts(Path(name).stem, norm, year))
    return out


def score(name: str, year: int | None, facts: list[FactRecord]) -> tuple[int, list, list]:
    """(facts judged, facts judged wrong, expected keys not found) for one report."""
    expected = {parse(e, year) for e in EXPECTED[name]}
    accepted = expected | {parse(e, year) for e in ACCEPTED_EXTRA.get(name, [])}
    judged = [f for f in facts if f.metric in {k[0] for k in accepted}]
    wrong = [f for f in judged if key(f) not in accepted]
    return len(judged), wrong, sorted(expected - {key(f) for f in facts}, key=str)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_report_facts_precision_and_recall(name: str, extracted) -> None:
    year, facts = extracted[name]
    judged, wrong, missing = score(name, year, facts)
    precision = 1 - len(wrong) / max(judged, 1)
    recall = 1 - len(missing) / len(EXPECTED[name])
    print(f"{name}: {len(facts)} facts, precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.98, [(f.metric, f.qualifier, f.value_text, f.year) for f in wrong]
    assert recall >= 0.85, missing


def test_overall_precision_and_recall(extracted) -> None:
    judged = wrong = missing = 0
    for name, (year, facts) in extracted.items():
        j, w, m = score(name, year, facts)
        judged, wrong, missing = judged + j, wrong + len(w), missing + len(m)
    expected = sum(len(entries) for entries in EXPECTED.values())
    precision, recall = 1 - wrong / judged, 1 - missing / expected
    print(f"overall: {judged} facts judged, precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.98 and recall >= 0.85


def test_expected_lists_hold_no_duplicates() -> None:
    for name, entries in EXPECTED.items():
        assert len(set(entries)) == len(entries), name


@pytest.mark.parametrize("name", list(CONFLICTS))
def test_known_contradictions_are_conflicts(name: str, extracted) -> None:
    year, facts = extracted[name]
    flagged = {key(f) for f in facts if f.conflict}
    assert flagged == {parse(e, year) for e in CONFLICTS[name]}


def test_xiangyin_reception_typo_is_a_conflict_once_its_table_is_read(extracted) -> None:
    """Text 38462.50元 vs table 34862.50 — the table exists only once cells are rebuilt."""
    year, facts = extracted["synthetic/syn_xiangyin_wjj_2023.txt"]
    reception = {key(f) for f in facts if f.metric == "公务接待费"}
    flagged = {key(f) for f in facts if f.conflict}
    text = parse("公务接待费|实际|38462.50元", year)
    table = parse("公务接待费|决算|34862.50元", year)
    assert text in reception
    assert flagged == ({text, table} if table in reception else set())
