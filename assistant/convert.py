"""Unit conversions a question asks for ("折合成元呢", "换算成万元是多少", "以亿元计", "是多少
元", "in yuan"): the amounts the answer's lead line states, converted and shown as a calculation
beside them. Nothing is converted that the lead does not already state with its citation.
"""

from __future__ import annotations

import re
from decimal import Decimal

from index.numbers import MONEY_FACTORS, Quantity, find_quantities

_CONVERT = re.compile(
    r"(?:折合|换算|折算|转换|转化|换成|化成|折成|算成|改成|改为|改用)"
    r"(?:成|为|到|是)?(?:多少)?(?:人民币)?(?P<zh>亿元|万元|元)|"
    r"(?P<zh2>亿元|万元|元)(?:为单位|来?表示|计(?!划)|来算)|"
    r"(?:多少|几)(?P<zh3>亿元|万元|元)|"
    r"\b(?:in|into|to)\s+(?P<en>(?:ten[- ]thousands? (?:of )?|10,?000 |100 million )?yuan|rmb)\b",
    re.I,
)
_EN_UNITS = {"yuan": "元", "rmb": "元"}


def asked_unit(question: str) -> str | None:
    """The money unit a question asks its figure converted into, or None."""
    match = _CONVERT.search(question)
    if match is None:
        return None
    zh = match.group("zh") or match.group("zh2") or match.group("zh3")
    if zh:
        return zh
    spoken = match.group("en").lower()
    if spoken.startswith(("ten", "10")):
        return "万元"
    if spoken.startswith("100"):
        return "亿元"
    return _EN_UNITS.get(spoken, "元")


def conversions(question: str, answer: str) -> list[str]:
    """ "折合：5.94万元 = 59400.00元" for each amount of the answer's lead line that is written
    in another unit than the one asked; empty when no conversion is asked."""
    unit = asked_unit(question)
    if unit is None or not answer.strip():
        return []
    first = answer.strip().splitlines()[0]
    out: list[str] = []
    for q in find_quantities(first):
        if not q.is_money or q.unit == unit or q.yuan is None:
            continue
        line = convert(q, unit)
        if line not in out:
            out.append(line)
    return [f"折合：{'；'.join(out)}（换算）"] if out else []


def convert(q: Quantity, unit: str) -> str:
    """ "5.94万元 = 59400.00元", "8,823,916.25元 ≈ 882.39万元" (two places; ≈ when rounded)."""
    assert q.yuan is not None
    value = q.yuan / MONEY_FACTORS[unit]
    shown = value.quantize(Decimal("0.01"))
    sign = "=" if shown == value else "≈"
    return f"{q.raw} {sign} {shown:f}{unit}"
