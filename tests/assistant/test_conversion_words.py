"""Asking for a figure in another unit ("折算成元") asks how, not about what."""

from assistant.understanding import Catalogue, understand
from index.models import ReportIdentity

CAT = Catalogue((ReportIdentity("松岭县", "教育局", 2019),))


def test_unit_conversion_words_are_not_topic_terms():
    assert understand("折算成元是多少", CAT).terms == ()
    query = understand("松岭教育局校舍维修费换算成元是多少", CAT)
    assert "换算成" not in query.terms and "换算" not in query.terms
    assert any("维修" in t for t in query.terms)
