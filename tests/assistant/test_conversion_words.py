"""Asking for a figure in another unit ("折合多少元") asks how, not about what."""

from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity

CAT = Catalogue((ReportIdentity("松岭县", "教育局", 2019),))


def test_unit_conversion_words_are_not_topic_terms():
    assert understand("那折合多少元呢", CAT).terms == ()
    query = understand("松岭教育局校舍维修费折合多少元", CAT)
    assert "折合" not in query.terms
    assert "维修费" in query.terms
