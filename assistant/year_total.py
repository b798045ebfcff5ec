"""The whole of a share of 支出 or 收入: the year's own total, not the 收支总表's 总计.

"支出里科学技术支出占多少" may lead with the 总计 line ("收入总计N，支出总计N"), which adds the
结转和结余 carried in or out to the year's own spending. The share divides by the report's own
statement of 本年支出合计 (本年收入合计 for 收入) when it writes one, cited; otherwise the
calculation stays as it was.
"""

from __future__ import annotations

import re

from assistant.derived import PART_OF, metric_named, whole_named
from index.numbers import Quantity, find_quantities
from index.vocabulary import year_totals


def grand_total(label: str) -> bool:
    """The lead's label is a 收支总表's grand total line (总计, 支出总计 …; a column named
    after it in brackets or after "·")."""
    grand, _ = year_totals()
    bare = re.sub(r"（[^）]*）|\([^)]*\)", "", label)
    return any(re.sub(r"\s", "", part) in grand for part in (bare, *bare.split("·")))


def side_asked(question: str) -> str | None:
    """支出 or 收入 when the share's whole is that side as a whole ("支出里…占", "占支出的",
    "档案馆支出中…占"), not an item named with it (项目支出, 财政拨款收入)."""
    asked = _IN_WHOLE.search(question) or PART_OF.search(question)
    whole = asked.group(1) if asked else whole_named(question)
    if not whole:
        return None
    whole = re.sub(r"(?:总计|合计|总额|决算数?|总)$", "", whole)
    _, sides = year_totals()
    for side in sides:
        if not whole.endswith(side):
            continue
        longer = (metric_named(whole[-k:]) for k in range(len(side) + 1, len(whole) + 1))
        if any(named not in (None, side) for named in longer):
            return None  # 项目支出, 基本支出 …: an item, not the side
        return side
    return None


_IN_WHOLE = re.compile(r"在([\u4e00-\u9fff]{2,16}?)(?:当中|之中|里面|中|里)(?:所)?占")
"""The whole of a share asked as "B在A里占几成"."""

_UNIT = re.compile(r"单位[：:]\s*(万元|千元|元|亿元)")


def year_total(question: str, text: str) -> tuple[Quantity, int, int] | None:
    """The report's own figure of the year's total on the asked side: the amount written
    right after its label, as a table cell (in the unit of the table's caption) or in a
    sentence; with its span in the text. None when the report writes none."""
    side = side_asked(question)
    if side is None:
        return None
    wanted = year_totals()[1][side]
    for match in re.finditer(rf"{wanted}[\t：:\s]*([\d,]+(?:\.\d+)?)(万元|千元|元|亿元)?", text):
        unit = match.group(2)
        if unit is None:
            captions = list(_UNIT.finditer(text, max(0, match.start() - 800), match.start()))
            unit = captions[-1].group(1) if captions else None
        found = find_quantities(match.group(1) + unit) if unit else []
        if found and found[0].is_money:
            return found[0], match.start(1), match.end(1)
    return None
