"""A department named with another head (委员会 vs 局) still finds the county's report."""

from assistant.scope import select_reports
from assistant.understanding import Query
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
