"""A count stated beside the list it counts, checked against the names listed."""

from __future__ import annotations

import pytest

from assistant.listed_counts import listed_counts, mismatch_line


@pytest.mark.parametrize(
    ("text", "stated", "listed"),
    [
        ("内设甲股、乙股、丙股共3个股室", 3, 3),
        ("局机关下设4个股室：办公室、规划股、建设股。", 4, 3),
        ("下设3个科室，分别是综合科、业务科、财务科。", 3, 3),
    ],
)
def test_count_and_names(text, stated, listed):
    (found,) = listed_counts(text)
    assert (found.stated, len(found.items)) == (stated, listed)


@pytest.mark.parametrize(
    "text",
    [
        "内设甲股、乙股、丙股共3个股室",
        "设有办公室、财务股等5个股室",  # 等: the list is not complete
        "内设综合股、业务股和财务股3个股室",  # 和 may join two names
        "内设综合股、宣传和教育股2个股室",  # ... or sit inside one
        "全年新增就业1200人、培训800人次，共2个方面",  # figures, not names
    ],
)
def test_agreeing_or_undecidable_lists_raise_nothing(text):
    assert mismatch_line(text) is None


def test_the_contradiction_names_both_counts():
    line = mismatch_line("局机关下设4个股室：办公室、规划股、建设股。")
    assert line and "下设4个股室" in line and "3个股室" in line and "不一致" in line
