"""Score one answer (the JSON form of ``Answer``) against one dev QA item.

Choices the eval README leaves open: money compares in 元 at the precision the answer states,
and a rounded restatement needs two significant digits ("512万元" matches "5119613.47元",
"1万元" does not match "6000元"); a unitless expected figure ("58") must equal a whole number
token with any unit, not a date part, list number ("第5", "（5）") or citation marker ("[1]");
"≥90%" is matched by "90%" unless the answer bounds it the other way ("≤90%", "90%以下");
figures with 年/月/日 match as literal text, whitespace removed, not after a digit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from index.numbers import MONEY_FACTORS, Quantity, find_quantities, same_amount

_SEPARATORS = re.compile(r"[\s|｜]+")
_DIGITS = str.maketrans("０１２３４５６７８９％", "0123456789%")
_EXPECTED = re.compile(
    r"^(?P<cmp>≥|≤|>|<|＞|＜|不低于|不少于|不高于|不超过)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>\D*)$"
)
_DATE = re.compile(r"\d\s*[年月日]")
_FAMILY = {"批次": "批", "％": "%", "百分点": "个百分点", "名": "人", "千米": "公里"}
_AT_LEAST = ("≥", ">", "＞", "不低于", "不少于")
_LOW_MARKS = re.compile(r"(?:≤|<|＜|不高于|不超过|(?<!不)低于|(?<!不)少于)\s*$")
_HIGH_MARKS = re.compile(r"(?:≥|>|＞|不低于|不少于|(?<!不)高于|(?<!不)超过)\s*$")
_LABEL_BEFORE = re.compile(r"(?:第|表|图|附件|附表|\[|【|\^)\s*$")
_DISAGREE = re.compile(
    r"不一致|不相符|不符|差异|矛盾|两处|两种|不同|出入|笔误|有误|口径|年份(?:问题|标注|错)"
    r"|disagree|differ|inconsisten|mismatch|conflict|contradict",
    re.IGNORECASE,
)
_UNIT_HEADER = re.compile(r"单位[:：]\s*(亿元|万元|千元|元)|[（(](亿元|万元)[）)]")
_OP = re.compile(r"[−\-－–+＋]|减去?|加上?")
_EQ = re.compile(r"[=＝]|等于")
_GAP = re.compile(r"^[^\d，。；;,、\n]{0,16}$")
_CHANGE = re.compile(
    r"(?:增加|减少|增长|下降|降低|提高|相差|差额|差值|节约|节省|超支|超出|结余|多|少|差)"
    r"(?:了|为|是|约|达|出)*\s*$"
)


@dataclass(frozen=True)
class ItemScore:
    """How one QA item scored, with the reason it failed ("" when it passed)."""

    id: str
    kind: str
    passed: bool
    numbers_found: int
    numbers_total: int
    evidence_hit: bool | None
    refused: bool
    unsupported: list[str]
    reason: str


def compact(text: str) -> str:
    """Text without whitespace or table-cell separators, for verbatim evidence comparison."""
    return _SEPARATORS.sub("", text or "")


def number_matches(expected: str, answer_text: str, yuan_hints: Iterable[Any] = ()) -> bool:
    """True when the figure ``expected`` (as the report writes it) is stated in the answer."""
    text = (answer_text or "").translate(_DIGITS)
    expected = expected.strip().translate(_DIGITS)
    match = _EXPECTED.match(compact(expected))
    if match is None or _DATE.search(expected):
        return _literal_in(compact(expected), compact(text))
    unit = match.group("unit").strip().replace("％", "%")
    digits = match.group("num").replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    exp = Quantity(expected, Decimal(digits), unit, decimals, 0, 0)
    cmp = match.group("cmp") or ""
    money = _hinted_money(exp, yuan_hints) if not unit else []
    return any(_token_matches(exp, cmp, money, tok, text) for tok in find_quantities(text))


def _literal_in(needle: str, haystack: str) -> bool:
    """``needle`` occurs in ``haystack`` and not as the tail of a longer number."""
    start = haystack.find(needle)
    while needle and start >= 0:
        if start == 0 or not haystack[start - 1].isdigit():
            return True
        start = haystack.find(needle, start + 1)
    return False


def _hinted_money(exp: Quantity, hints: Iterable[Any]) -> list[Quantity]:
    """Money readings of a unitless figure: a hint equal to it times a money factor."""
    amounts = [Decimal(str(hint)) for hint in hints if hint is not None]
    factors = MONEY_FACTORS.values()
    return [_yuan(y) for y in amounts if any(exp.value * f == y for f in factors)]


def _token_matches(
    exp: Quantity, cmp: str, money: list[Quantity], tok: Quantity, text: str
) -> bool:
    """One answer number token states the expected figure."""
    if not exp.unit:
        if _is_label(tok, text):
            return False
        if tok.value == exp.value:
            return True
        return tok.is_money and any(_money_matches(tok, m) for m in money)
    if exp.is_money:
        return tok.is_money and _money_matches(tok, exp)
    unit = _FAMILY.get(exp.unit, exp.unit)
    shown_unit = tok.unit or _unit_after(tok, text, exp.unit)
    if _FAMILY.get(shown_unit, shown_unit) != unit:
        return False
    shown, source = replace(tok, unit=unit), replace(exp, unit=unit)
    if not (same_amount(shown, source) and _precise_enough(shown, source)):
        return False
    return not (cmp and _opposite_comparator(cmp, tok, text))


def _money_matches(shown: Quantity, source: Quantity) -> bool:
    """Same amount in 元 at the shown precision, and not a one-digit rounding."""
    return same_amount(shown, source) and _precise_enough(shown, source)


def _precise_enough(shown: Quantity, source: Quantity) -> bool:
    """Exact restatements always count; rounded ones need two significant digits."""
    exact = shown.yuan == source.yuan if shown.is_money else shown.value == source.value
    return exact or len(shown.value.as_tuple().digits) >= 2


def _unit_after(tok: Quantity, text: str, unit: str) -> str:
    """The expected unit when it follows a token the number finder left unitless ("236张")."""
    return unit if text[tok.end :].lstrip().startswith(unit) else ""


def _is_label(tok: Quantity, text: str) -> bool:
    """A date part, list/section number or citation marker rather than a figure."""
    before = text[max(0, tok.start - 3) : tok.start]
    if _LABEL_BEFORE.search(before):
        return True
    if tok.unit:
        return False
    after = text[tok.end :].lstrip()[:1]
    if after and after in "年月日号时]】":
        return True
    line_start = tok.start == 0 or text[tok.start - 1] == "\n"
    bracketed = before.rstrip().endswith(("（", "(")) and after in ("）", ")")
    return bracketed or (line_start and after in ("、", "."))


def _opposite_comparator(cmp: str, tok: Quantity, text: str) -> bool:
    """The answer bounds the figure the other way ("≤90%" or "90%以下" for "≥90%")."""
    before, after = text[max(0, tok.start - 4) : tok.start], text[tok.end : tok.end + 3]
    if cmp in _AT_LEAST:
        return bool(_LOW_MARKS.search(before)) or after.lstrip().startswith(("以下", "以内"))
    return bool(_HIGH_MARKS.search(before)) or after.lstrip().startswith("以上")


def evidence_in_passages(passages: Iterable[dict], evidence: Iterable[dict]) -> bool:
    """Some passage of the right file contains some gold evidence text (compacted)."""
    gold = [(Path(e.get("file") or "").name, compact(e.get("text") or "")) for e in evidence]
    gold = [(name, text) for name, text in gold if text]
    for passage in passages:
        name, text = Path(passage.get("file") or "").name, compact(passage.get("text") or "")
        if any(name == g_name and g_text in text for g_name, g_text in gold):
            return True
    return False


def evidence_hit(answer: dict, evidence: list[dict]) -> bool:
    """A cited passage contains a gold evidence text from the same file."""
    return evidence_in_passages(answer.get("citations") or [], evidence)


def disagreement_flagged(answer: dict) -> bool:
    """The answer carries warnings or says in words that the figures disagree."""
    return bool(answer.get("warnings")) or bool(_DISAGREE.search(answer.get("answer") or ""))


def _source_quantities(answer: dict) -> list[Quantity]:
    """Every figure the answer's citations and facts offer as support."""
    pool: list[Quantity] = []
    for citation in answer.get("citations") or []:
        text = (citation.get("text") or "").translate(_DIGITS)
        found = find_quantities(text)
        pool.extend(found)
        header = _UNIT_HEADER.search(text)
        if header:
            unit = header.group(1) or header.group(2)
            pool.extend(replace(q, unit=unit) for q in found if not q.unit and not q.is_year)
    for fact in answer.get("facts") or []:
        pool.extend(find_quantities(f"{fact.get('value', '')}{fact.get('unit', '')}")[:1])
        if fact.get("value_yuan") is not None:
            pool.append(Quantity("", Decimal(str(fact["value_yuan"])), "元", 2, 0, 0))
    return pool


def unsupported_money(answer: dict) -> list[str]:
    """Money figures in the answer text that no citation or fact supports.

    Also supported: the result of a calculation written in the answer ("A − B = C", "C = A + B",
    with -, −, －, +, 减, 加, =, 等于; two operands only, nothing but a short label between the
    terms) when A and B are supported; a figure after a change word (增加/减少/多/少/相差/差额 …)
    equal to the difference of two supported figures in the answer; and a rounded restatement
    of a supported figure ("780652.71元（约78.07万元）"). Not handled: sums of three or more,
    products, percentages of amounts, figures whose units sit only in an uncited table header.
    """
    text = (answer.get("answer") or "").translate(_DIGITS)
    shown = [q for q in find_quantities(text) if q.is_money]
    pool = _source_quantities(answer)
    ok = [any(same_amount(q, s) for s in pool) for q in shown]
    changed = True
    while changed:
        changed = False
        for i in _derived_support(text, shown, ok):
            ok[i], changed = True, True
    return [q.raw for q, good in zip(shown, ok, strict=True) if not good]


def _derived_support(text: str, shown: list[Quantity], ok: list[bool]) -> list[int]:
    """Indexes of unsupported figures that a shown calculation, change or restatement supports."""
    out = set(_equation_results(text, shown, ok))
    supported = [q for q, good in zip(shown, ok, strict=True) if good]
    diffs = [_yuan(abs(a.yuan - b.yuan)) for a in supported for b in supported if a is not b]
    for i, q in enumerate(shown):
        if ok[i] or i in out:
            continue
        changed = bool(_CHANGE.search(text[max(0, q.start - 6) : q.start]))
        if any(same_amount(q, s) for s in supported) or (
            changed and any(same_amount(q, d) for d in diffs)
        ):
            out.add(i)
    return sorted(out)


def _equation_results(text: str, shown: list[Quantity], ok: list[bool]) -> list[int]:
    """Indexes of results of "A op B = C" / "C = A op B" whose operands are supported."""
    out = []
    for i in range(len(shown) - 2):
        a, b, c = shown[i : i + 3]
        gap1, gap2 = text[a.end : b.start], text[b.end : c.start]
        if not (_GAP.match(gap1) and _GAP.match(gap2)):
            continue
        if _OP.search(gap1) and _EQ.search(gap2):
            result, computed = i + 2, _apply(a, gap1, b)
        elif _EQ.search(gap1) and _OP.search(gap2):
            result, computed = i, _apply(b, gap2, c)
        else:
            continue
        operands_ok = all(ok[j] for j in (i, i + 1, i + 2) if j != result)
        if operands_ok and not ok[result] and same_amount(shown[result], computed):
            out.append(result)
    return out


def _apply(a: Quantity, gap: str, b: Quantity) -> Quantity:
    """``a + b`` or ``|a − b|`` in 元, by the operator written in ``gap``."""
    op = _OP.search(gap)
    plus = op is not None and op.group(0)[0] in "+＋加"
    return _yuan(a.yuan + b.yuan if plus else abs(a.yuan - b.yuan))  # type: ignore[operator]


def _yuan(value: Decimal | None) -> Quantity:
    return Quantity("", value or Decimal(0), "元", 2, 0, 0)


def _yuan_hints(item: dict) -> list[Any]:
    """Every amount in 元 the item records (``value_yuan`` scalar or list, ``values_yuan``)."""
    out: list[Any] = []
    for key in ("value_yuan", "values_yuan"):
        value = item.get(key)
        out.extend(value if isinstance(value, list) else [value])
    return [v for v in out if isinstance(v, int | float) and not isinstance(v, bool)]


def _money_facts(answer: dict) -> list[str]:
    """Facts entries that state a money figure."""
    facts = answer.get("facts") or []
    money = [f for f in facts if f.get("value_yuan") is not None or f.get("unit") in MONEY_FACTORS]
    return [f"{f.get('value', '')}{f.get('unit', '')}" for f in money]


def _problems(kind: str, missing: list[str], hit: bool | None, answer: dict) -> list[str]:
    """Why an answer fails the rule of its kind (empty when it passes)."""
    if kind == "unanswerable":
        out = [] if answer.get("refused") else ["did not refuse"]
        stated = _money_facts(answer)
        return out + (["refusal states money as fact: " + "、".join(stated)] if stated else [])
    out = ["missing " + "、".join(missing)] if missing else []
    if kind == "trap" and not disagreement_flagged(answer):
        out.append("disagreement not flagged")
    if kind == "locate" and hit is False:
        out.append("no cited passage holds the evidence")
    return out


def score_item(item: dict, answer: dict) -> ItemScore:
    """Score one answer against one QA item by the rule of its kind; unsupported money fails."""
    kind = str(item.get("kind", ""))
    figures = [*(item.get("numbers") or []), *(item.get("numbers_derived") or [])]
    hints = _yuan_hints(item)
    text = answer.get("answer") or ""
    missing = [f for f in figures if not number_matches(f, text, hints)]
    evidence = item.get("evidence") or []
    hit = evidence_hit(answer, evidence) if evidence else None
    unsupported = unsupported_money(answer)
    problems = _problems(kind, missing, hit, answer)
    if unsupported:
        problems.append("unsupported money " + "、".join(unsupported))
    return ItemScore(
        id=str(item.get("id", "")),
        kind=kind,
        passed=not problems,
        numbers_found=len(figures) - len(missing),
        numbers_total=len(figures),
        evidence_hit=hit,
        refused=bool(answer.get("refused")),
        unsupported=unsupported,
        reason="; ".join(problems),
    )
