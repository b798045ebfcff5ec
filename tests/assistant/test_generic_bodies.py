"""A kind of body ("基层学校") or one named after a table word is not an unknown department."""

from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity

CAT = Catalogue((ReportIdentity("松岭县", "教育局", 2019),))


def test_a_kind_of_body_is_not_refused_as_unknown():
    query = understand("松岭教育局绩效表里基层学校校舍维修补助多少", CAT)
    assert query.departments == ("教育局",) and query.unknown == ()
    assert understand("松岭县下属学校的维修费", CAT).unknown == ()


def test_a_named_body_the_index_lacks_is_still_reported():
    assert "实验学校" in " ".join(understand("松岭县实验学校维修费多少", CAT).unknown)
