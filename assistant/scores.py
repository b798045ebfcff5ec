"""Score rows of an indicator table: points lost ("扣了几分") = 分值 − 得分 of the row."""

from __future__ import annotations

import re

from assistant.compose import Citations, Finding
from index.numbers import find_quantities

_LOST_ASKED = re.compile(r"扣了?(?:几|多少)分|扣分|丢了?(?:几|多少)分|失分")


def points_lost(question: str, findings: list[Finding], cites: Citations) -> list[str]:
    """ "扣了几分": an indicator row's 分值 minus its 得分 (a calculation from the row's cells)."""
    if not _LOST_ASKED.search(question):
        return []
    for f in sorted(findings, key=lambda f: -_names_row(question, f)):
        if f.table is None or not f.table.header:
            continue
        names = f.table.header.split("\t")
        cells = f.unit.text.split("\t")
        full = [i for i, n in enumerate(names) if re.search(r"分值|满分|权重", n)]
        got = [i for i, n in enumerate(names) if re.fullmatch(r"\s*(?:自评)?得分\s*", n)]
        if len(full) != 1 or len(got) != 1 or max(full[0], got[0]) >= len(cells):
            continue
        a = find_quantities(cells[full[0]])
        b = find_quantities(cells[got[0]])
        if len(a) != 1 or len(b) != 1 or a[0].unit not in ("", "分") or b[0].unit not in ("", "分"):
            continue
        lost = a[0].value - b[0].value
        if lost < 0:
            continue
        mark = cites.mark(f.passage)
        calc = f"{a[0].raw} − {b[0].raw} = {lost.normalize():f}分"
        return [f"扣分：{calc}（分值减得分，计算；来源{mark}）"]
    return []


def _names_row(question: str, finding: Finding) -> int:
    """How many two-character pieces of the row's label the question writes: "群众满意度扣了
    几分" names the 群众满意度 row, not the form's 合计 row."""
    label = "".join(c for c in finding.unit.text.split("\t") if not find_quantities(c))
    return sum(label[i : i + 2] in question for i in range(len(label) - 1))
