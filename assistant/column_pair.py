"""A difference between two figures of one item, each named by its column or qualifier
("调整预算比年初预算多了多少", "实际比调整后预算少了多少", "实际花的比年初预算和调整后预算各少
多少"): each side is read from the figure its own column word labels in one quote (a table row
"项目支出：年初预算数 120.00万元、调整预算数 178.32万元、决算数 167.59万元" or a sentence), never
from a third column; nothing is computed when a named column is not stated there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.numbers import Quantity, find_quantities

_OPENING = "年初预算"
_FINAL = "调整后预算"
_BUDGET = "预算"
_ACTUAL = "决算"

_ASKED = re.compile(
    r"(年初(?:的)?预算)|((?:调整后?|全年)(?:的)?预算)|((?<![年整后全])预算)|"
    r"(决算|实际|执行数|支出数|(?<!预算)(?:花了|花的|花掉|用了|用掉|支出了))"
)
"""A column word of the question, in order: opening, final, plain budget, actual."""

_LABEL = re.compile(
    r"(年初预算(?:数|金额)?|(?:调整后?|全年)预算(?:数|金额)?|预算(?:数|金额)?|"
    r"决算(?:数|金额)?|实际(?:支出|开支|使用|花费)?(?:数|金额)?|执行数|支出数)"
    r"[为是达共计约：:\s]*$"
)
"""The column word right before a figure of a quote."""

_AGAINST = re.compile(r"(?:比|较)(?:年初|全年|调整后?的?)?预算数?(?:相比)?[^，,。？?]{0,4}?[少多]")
""""X比预算少了多少": X's actual is the other side when no actual word is written."""

_GAP = re.compile(r"[多少高低省超]了?(?:出|下)?(?:了)?(?:多少|几)|相差|差额|差多少|差距|差了?几")


def _kind(word: str) -> str:
    if word.startswith("年初"):
        return _OPENING
    if word.startswith(("调整", "全年")):
        return _FINAL
    if "预算" in word:
        return _BUDGET
    return _ACTUAL


def label_kind(name: str) -> str | None:
    """The column kind a table header names ("全年执行数" → 决算), None for others (执行率)."""
    found = _LABEL.search(name)
    return _kind(found.group(1)) if found else None


def asked_columns(question: str) -> list[str]:
    """The column kinds the question names, in order, each once."""
    out: list[str] = []
    for m in _ASKED.finditer(question):
        kind = _kind(m.group(0))
        if kind not in out:
            out.append(kind)
    if len(out) == 1 and _ACTUAL not in out and _AGAINST.search(question):
        out.insert(0, _ACTUAL)
    return out


def _columns(text: str) -> dict[str, Quantity]:
    """The first money figure of each column kind in a quote, by the words before it."""
    out: dict[str, Quantity] = {}
    for q in find_quantities(text):
        if not q.is_money:
            continue
        label = _LABEL.search(text[max(0, q.start - 10) : q.start])
        if label:
            out.setdefault(_kind(label.group(1)), q)
    return out


def _pick(kind: str, found: dict[str, Quantity]) -> str | None:
    """The column answering a named kind: a plain 预算 is the row's 预算 column, else its final
    budget, else its opening budget (the only budget it states)."""
    if kind in found:
        return kind
    if kind == _BUDGET:
        return next((k for k in (_FINAL, _OPENING) if k in found), None)
    return None


def _opening_words(question: str, text: str) -> int:
    figures = [q for q in find_quantities(text) if q.is_money]
    head = text[: figures[0].start] if figures else text
    return sum(head[i : i + 2] in question for i in range(len(head) - 1))


def column_gaps(question: str, quotes: Sequence[tuple[str, str]]) -> list[str]:
    """ "A − B" for the column kinds the question names (the first against each other one),
    read from the one quote stating all of them; empty when none does."""
    kinds = asked_columns(question)
    if len(kinds) < 2 or not _GAP.search(question):
        return []
    order = sorted(quotes, key=lambda tm: -_opening_words(question, tm[0]))
    for text, marker in order:
        found = _columns(text)
        picked = [_pick(k, found) for k in kinds]
        if None in picked or len(set(picked)) != len(picked):
            continue
        base = found[picked[0]]  # type: ignore[index]
        lines = []
        for kind, column in zip(kinds[1:], picked[1:], strict=True):
            other = found[column]  # type: ignore[index]
            if other.unit != base.unit:
                return []
            big, small = (base, other) if base.value >= other.value else (other, base)
            word = "多" if base.value >= other.value else "少"
            places = max(big.decimals, small.decimals)
            diff = f"{(big.value - small.value).quantize(type(big.value)(1).scaleb(-places)):f}"
            rate = ""
            if other.value and column != _ACTUAL:  # the change against the budget named
                share = (big.value - small.value) / other.value * 100
                rate = f"，{diff} ÷ {other.value} = {share.quantize(type(share)('0.01')):f}%"
            lines.append(
                f"差额：{_named(kinds[0], picked[0])}比{_named(kind, column)}{word}，"
                f"{big.raw} − {small.raw} = {diff}{big.unit}{rate}（计算；来源{marker}）"
            )
        return lines
    return []


def _named(kind: str, column: str | None) -> str:
    return {_OPENING: "年初预算数", _FINAL: "调整后预算数", _BUDGET: "预算数"}.get(
        column or kind, "决算数（实际）"
    )
