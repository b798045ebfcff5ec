"""Figures in report text: value, unit as written, decimals shown, and money in 元.

Used to pick answer sentences, to check that every figure shown is supported by a source, and
to score answers. Values are Decimals so "6000.00元" and "0.6万元" compare exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CAPTION_UNIT = re.compile(r"单位[:：]\s*(亿元|万元|千元|元)")
"""A table caption naming the money unit of its cells ("单位：万元")."""

MONEY_FACTORS: dict[str, Decimal] = {
    "元": Decimal(1),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
    "千元": Decimal(1_000),
    "百万元": Decimal(1_000_000),
}
_UNITS = (
    "亿元|万元|千元|百万元|元|%|％|个百分点|百分点|万人次|人次|万人|人|名|批次|批|次|家|个|项|辆|"
    "台|套|座|所|户|对|条|份|篇|件|张|处|间|床|亩|万亩|公里|千米|平方公里|平方米|万平方米|立方米|万立方米|公顷|"
    "吨|万吨|天|分|岁|倍|"
    "kw|KW|MW|兆瓦|千瓦|个工作日|工作日|个月|小时|艘|架|株|棵|只|头|册|场|期|届|栋|幢|例|宗|笔|种|类"
)
# Longest units first so "万元" wins over "元" and "人次" over "人".
_UNIT_ALT = "|".join(sorted(_UNITS.split("|"), key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?<![\d.])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"[ \u3000]?(?P<unit>{_UNIT_ALT})?"
)


@dataclass(frozen=True)
class Quantity:
    """A number found in text with the unit written after it ("" when none)."""

    raw: str
    value: Decimal
    unit: str
    decimals: int
    start: int
    end: int

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_FACTORS

    @property
    def yuan(self) -> Decimal | None:
        """The amount in 元 for money, else None."""
        return self.value * MONEY_FACTORS[self.unit] if self.is_money else None

    @property
    def is_year(self) -> bool:
        """A bare four-digit year such as 2023 in "2023年" (年 is not a unit here)."""
        return self.unit == "" and self.decimals == 0 and 1990 <= self.value <= 2100


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with its unit; "％" is read as "%"."""
    out: list[Quantity] = []
    for match in _NUMBER.finditer(text):
        digits = match.group("num").replace(",", "")
        try:
            value = Decimal(digits)
        except InvalidOperation:
            continue
        unit = (match.group("unit") or "").replace("％", "%")
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        out.append(Quantity(match.group(0).strip(), value, unit, decimals, *match.span()))
    return out


def money_quantities(text: str) -> list[Quantity]:
    return [q for q in find_quantities(text) if q.is_money]


def same_amount(shown: Quantity, source: Quantity) -> bool:
    """True when ``shown`` states ``source`` at the precision ``shown`` is written with.

    Money compares in 元 after rounding the source to the shown unit and decimals
    (1.16万元 matches 11600元 and 11615元; 1.2万元 matches 11600元). Other figures must have
    the same unit (or one side none) and the same value at the shown precision."""
    if shown.is_money and source.is_money:
        factor = MONEY_FACTORS[shown.unit]
        quantum = Decimal(1).scaleb(-shown.decimals)
        return (source.yuan / factor).quantize(quantum) == shown.value.quantize(quantum)  # type: ignore[operator]
    if shown.is_money != source.is_money and shown.unit and source.unit:
        return False
    if shown.unit and source.unit and _unit_family(shown.unit) != _unit_family(source.unit):
        return False
    quantum = Decimal(1).scaleb(-shown.decimals)
    return source.value.quantize(quantum) == shown.value


def _unit_family(unit: str) -> str:
    return {"批次": "批", "％": "%", "百分点": "个百分点"}.get(unit, unit)
