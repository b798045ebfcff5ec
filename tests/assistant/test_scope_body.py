"""A department named with another head (委员会 vs 局), or as another county names the same kind
of body (文化和旅游局 vs 文化广电和旅游局), still finds the county's report."""

import pytest

from assistant.scope import select_reports
from assistant.understanding import Catalogue, Query, understand
from index.departments import same_kind
from index.models import Report, ReportIdentity


def _report(rid: str, county: str, department: str, year: int) -> Report:
    identity = ReportIdentity(county=county, department=department, year=year)
    return Report(rid, f"{rid}.txt", f"/x/{rid}.txt", "txt", rid, identity, "正文")


REPORTS = [
    _report("a", "青禾县", "农业农村局", 2020),
    _report("b", "白石县", "农业农村委员会", 2020),
    _report("c", "青禾县", "文化旅游局", 2020),
]


def test_same_body_other_head_is_selected():
    query = Query(
        "青禾县农业农村委员会2020年的培训费", "zh", ("青禾县",), ("农业农村委员会",), (2020,)
    )
    assert [r.id for r in select_reports(query, REPORTS)] == ["a"]


def test_exact_department_wins_and_other_bodies_stay_out():
    query = Query("白石县农业农村委员会培训费", "zh", ("白石县",), ("农业农村委员会",))
    assert [r.id for r in select_reports(query, REPORTS)] == ["b"]
    other = Query("白石县文化旅游局培训费", "zh", ("白石县",), ("文化旅游局",))
    assert select_reports(other, REPORTS) == []


KIN_REPORTS = [
    _report("d", "青禾县", "文化广电和旅游局", 2023),
    _report("e", "白石县", "文化和旅游局", 2023),
    _report("f", "白石县", "民政局", 2023),
]


def test_another_countys_name_for_the_same_kind_of_body_is_selected():
    # a follow-up "青禾的呢" after a question about 白石县文化和旅游局 keeps that name
    query = Query("青禾的呢", "zh", ("青禾县",), ("文化和旅游局",), (2023,))
    assert [r.id for r in select_reports(query, KIN_REPORTS)] == ["d"]
    both = Query("两县文旅局比一比", "zh", ("青禾县", "白石县"), ("文化和旅游局",), (2023,))
    assert [r.id for r in select_reports(both, KIN_REPORTS)] == ["d", "e"]


@pytest.mark.parametrize(
    ("a", "b", "kin"),
    [
        ("文化和旅游局", "文化广电和旅游局", True),
        ("文化广电旅游局", "文化和旅游局", True),
        ("卫生健康局", "卫生健康委员会", True),
        ("自然资源局", "自然资源和规划局", True),
        ("市场监督管理局", "市场监管局", True),
        ("民政局", "人力资源和社会保障局", False),
        ("交通运输局", "民政局", False),
        ("广播电视局", "文化广电和旅游局", False),
        ("财政局", "发展和改革局", False),
    ],
)
def test_same_kind_of_body(a: str, b: str, kin: bool):
    assert same_kind(a, b) is kin
    assert same_kind(b, a) is kin


def test_unindexed_common_name_resolves_to_the_indexed_body_of_its_kind():
    catalogue = Catalogue(tuple(r.identity for r in KIN_REPORTS))
    query = understand("白石县文化广电旅游局2023年三公经费多少", catalogue)
    assert query.departments == ("文化和旅游局",)
    assert not query.unknown
