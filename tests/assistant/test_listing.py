"""Numbered points of a section, counted for "列了几条" questions (pure text + end to end)."""

from __future__ import annotations

from assistant.listing import section_points

TEXT = """三、存在的问题
1.资金拨付偏慢。部分项目年底仍未完工。
2、台账管理不规范：个别凭证缺失
（3）绩效目标不够细化
四、改进措施
1.建立月度调度机制。
"""


def test_points_run_to_the_next_heading_and_keep_their_titles():
    points = section_points(TEXT, TEXT.index("三、"))
    assert [(p.number, p.title) for p in points] == [
        (1, "资金拨付偏慢"),
        (2, "台账管理不规范"),
        (3, "绩效目标不够细化"),
    ]
    assert all(str(p.number) in TEXT[p.start : p.start + 3] for p in points)
    assert TEXT[points[-1].start : points[-1].end] == "（3）绩效目标不够细化"


def test_no_list_and_figures_are_not_points():
    assert section_points("四、说明\n1.5万元用于培训。\n本年无其他事项。\n", 0) == []
    assert section_points("五、其他\n本年无其他需要说明的事项。\n", 0) == []
