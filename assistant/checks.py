"""Things a careful reader must be told about the quoted figures (become answer warnings).

Each check reads only the quoted text, so every warning points at something visible in a
cited source: a figure labelled with another year, a target the report says was missed, more
staff in post than posts approved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from index.numbers import find_quantities

_YEAR_LABEL = re.compile(r"((?:19|20)\d{2})\s*年(?!度?(?:预算|决算)?(?:编制|安排))")
_MISSED = re.compile(r"未完成|未达到|未达|没有完成|尚未完成")
_POSTS = re.compile(r"编制[^，。；\d]{0,6}?(\d+)\s*[名人个]")
_STAFF = re.compile(r"(?:在职|实有)[^，。；\d]{0,8}?(\d+)\s*[名人]")
_CHANGE = re.compile(
    r"多了多少|少了多少|增加了多少|减少了多少|增加多少|减少多少|相差|差额|差多少|变化"
)


def year_mismatch(shown: str, years: Sequence[int]) -> str | None:
    """The quote names only other years than the one asked about (2021年 in a 2022 answer)."""
    named = {int(y) for y in _YEAR_LABEL.findall(shown)}
    if not named or not years or named & set(years):
        return None
    other = "、".join(f"{y}年" for y in sorted(named))
    asked = "、".join(f"{y}年" for y in years)
    return f"引文标注的是{other}，不是所问的{asked}，请注意口径：「{_short(shown)}」"


def missed_target(shown: str) -> str | None:
    """The report itself says a target was not met."""
    if _MISSED.search(shown):
        return f"报告写明该项未完成或未达到目标：「{_short(shown)}」"
    return None


def overstaffed(shown: str) -> str | None:
    """More staff in post than approved posts (在职 > 编制) in one quote; posts stated only by
    their kinds ("行政编制32名、事业编制26名") count together."""
    posts, staff = _posts(shown), _STAFF.search(shown)
    if posts and staff and int(staff.group(1)) > posts[0]:
        return (
            f"在职/实有人数（{staff.group(1)}人）多于编制数（{posts[1]}），"
            "二者口径不同，不能视为编制内人数。"
        )
    return None


_POST_KIND = re.compile(r"(行政|事业|工勤|参公)$")


def _posts(shown: str) -> tuple[int, str] | None:
    """(number of posts, as shown) the quote states: the establishment's own figure, else the
    sum of its kinds' figures, each kind once ("58名：行政编制32名＋事业编制26名")."""
    kinds: dict[str, int] = {}
    for match in _POSTS.finditer(shown):
        kind = _POST_KIND.search(shown[: match.start()])
        if kind is None:
            return int(match.group(1)), f"{match.group(1)}名"
        kinds.setdefault(kind.group(1), int(match.group(1)))
    if not kinds:
        return None
    if len(kinds) == 1:
        return next(iter(kinds.values())), f"{next(iter(kinds.values()))}名"
    total = sum(kinds.values())
    parts = "＋".join(f"{k}编制{v}名" for k, v in kinds.items())
    return total, f"{total}名：{parts}"


_BOUND = re.compile(r"(≥|≤|>=|<=|不低于|不高于|不少于|不超过)\s*(\d+(?:\.\d+)?)\s*%")
_PERCENT = re.compile(r"(?<![≥≤=\d.])(\d+(?:\.\d+)?)\s*%")


def outside_bound(shown: str) -> str | None:
    """A target written as "≥75%" or "≤5%" next to an actual value on the wrong side of it."""
    bound = _BOUND.search(shown)
    if not bound:
        return None
    limit = Decimal(bound.group(2))
    at_least = bound.group(1) in ("≥", ">=", "不低于", "不少于")
    rest = shown[: bound.start()] + shown[bound.end() :]
    for value in (Decimal(v) for v in _PERCENT.findall(rest)):
        if (at_least and value < limit) or (not at_least and value > limit):
            return (
                f"实际值{value}%未达到指标值{bound.group(1)}{bound.group(2)}%：「{_short(shown)}」"
            )
    return None


def reader_warnings(shown: Sequence[str], years: Sequence[int]) -> list[str]:
    out: list[str] = []
    for text in shown:
        checks = (
            year_mismatch(text, years),
            missed_target(text),
            overstaffed(text),
            outside_bound(text),
        )
        for check in checks:
            if check and check not in out:
                out.append(check)
    return out


def asks_for_change(question: str) -> bool:
    return bool(_CHANGE.search(question))


def difference(shown: Sequence[str]) -> str | None:
    """ "a − b = c" when the quotes hold exactly two money figures of the same unit."""
    money = [q for text in shown for q in find_quantities(text) if q.is_money]
    if len(money) != 2 or money[0].unit != money[1].unit:
        return None
    a, b = sorted(money, key=lambda q: q.value, reverse=True)
    places = max(a.decimals, b.decimals)
    diff = (a.value - b.value).quantize(Decimal(1).scaleb(-places))
    return f"{a.raw} − {b.raw} = {diff}{a.unit}（计算）"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
