"""Check the figures and [n] markers of a model's answer against its numbered sources.

A figure is supported when a source or fact states it at the precision shown (money in 元:
"0.6万元" matches "6000元", "1.16元" does not match "1.16万元"), or when it is computed from
supported figures: "a − b = c", "a + b = c", "a ÷ b = c%" in one sentence, or "增加了c" where
c = |a − b| of two supported figures of the answer. A source's bare numbers count as money
unless a header ("单位：万元", "（万元）") says which money unit applies; a percentage needs a
source percentage or a "（%）" header. Markers, list numbers, labels ("第3", "表2") and years
or dates that the sources or the question mention are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.answer import Fact
from index.numbers import MONEY_FACTORS, Quantity, find_quantities, same_amount

_DIGITS = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_MARKER = re.compile(r"[ \t]*[\[【]\s*(\d{1,3}(?:\s*[,，、\-–]\s*\d{1,3})*)\s*[\]】]")
_SEP = re.compile(r"\s*[,，、\-–]\s*")
_END = re.compile(r"[。！？；!?;]+|\n|\.(?=\s|$)")
_TRAILING_MARKERS = re.compile(rf"(?:{_MARKER.pattern})+")
_TAIL = re.compile(r"[。！？；!?;.：:,，\s]*$")
_LIST = re.compile(r"^\s*(?:[-*•]\s*)?(?:\d{1,2}(?:[.．](?!\d)|[、)）])|[（(]\d{1,2}[)）])")
_DATE = re.compile(r"(?<!\d)\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|(?<!\d)\d{1,2}\s*[日号]")
_LABEL = re.compile(r"(?:第|表|图|附件|附表)\s*$")
_HEADER = re.compile(r"单位[:：]\s*(亿元|万元|千元|元|%)|[（(](亿元|万元|千元|元|%)[）)]")
_FAMILY = {"批次": "批", "百分点": "个百分点", "名": "人", "千米": "公里"}
_OP = re.compile(r"[−\-－–+＋÷/]|减去?|加上?|除以")
_EQ = re.compile(r"[=＝≈（(]|等于")
_GAP = re.compile(r"^[^\d，。；;,、\n]{0,16}$")
_CHANGE = re.compile(
    r"(?:增加|减少|增长|下降|降低|提高|上升|相差|差额|差值|节约|节省|超支|超出|结余|多|少|差"
    r"|increased|decreased|rose|fell|dropped|grew|difference)(?:了|为|是|约|达|出|\s*by|\s*of)*\s*$",
    re.IGNORECASE,
)
_MISSING = "未在引用来源中找到"
_SCALE = r"(?:(ten thousand|hundred million|thousand|million|billion)\s*)?"
_EN_AFTER = re.compile(rf"\s*{_SCALE}(?:(yuan|rmb|cny)\b|(percent)\b)", re.IGNORECASE)
_EN_BEFORE = re.compile(r"(?:RMB|CNY|[¥￥])\s*$", re.IGNORECASE)
_EN_SCALE = re.compile(rf"\s*{_SCALE}", re.IGNORECASE)
_SCALES = {"": (1, "元"), "thousand": (1, "千元"), "ten thousand": (1, "万元")}
_SCALES |= {"million": (1, "百万元"), "hundred million": (1, "亿元"), "billion": (10, "亿元")}


@dataclass(frozen=True)
class Issue:
    """A figure in a sentence; ``source`` is the n of a source that holds it (None if none)."""

    sentence: str
    figure: str
    source: int | None = None


@dataclass(frozen=True)
class Verification:
    """What is wrong with an answer's figures and markers; ``sources`` are the valid n."""

    unsupported: tuple[Issue, ...] = ()
    dangling: tuple[int, ...] = ()
    unmarked: tuple[Issue, ...] = ()
    sources: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        """No unsupported figure and no marker without a source (unmarked is fixable)."""
        return not self.unsupported and not self.dangling


@dataclass(frozen=True)
class Repaired:
    """The repaired text, one warning per removed sentence, and the removed sentences."""

    text: str
    warnings: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Held:
    """A figure a source or fact offers, who holds it and the source's unit headers."""

    n: int | None
    q: Quantity
    headers: frozenset[str] = frozenset()


def verify(
    answer: str, sources: Sequence[tuple[int, str]], facts: Sequence[Fact] = (), question: str = ""
) -> Verification:
    """Check every figure and [n] marker of ``answer`` against the numbered sources and facts."""
    valid = tuple(sorted({n for n, _ in sources}))
    pool = _pool(sources, facts, set(valid))
    known = _compact(" ".join([question, *(text for _, text in sources)]))
    rows = []
    for start, end in _sentences(answer):
        plain = _blank(answer[start:end].translate(_DIGITS))
        figures = _figures(plain, known)
        holders = [{h.n for h in pool if _supports(f, h)} for f in figures]
        rows.append((answer[start:end], plain, figures, holders))
    backing = [f for row in rows for f, h in zip(row[2], row[3], strict=True) if h]
    unsupported, unmarked, dangling = [], [], set()
    for sentence, plain, figures, holders in rows:
        cited = set(_markers(sentence))
        dangling |= cited - set(valid)
        ok = [bool(h) for h in holders]
        while derived := _derived(plain, figures, ok, backing):
            for i in derived:
                ok[i] = True
        unsupported += [Issue(sentence, f.raw) for f, k in zip(figures, ok, strict=True) if not k]
        unmarked += _unmarked(sentence, figures, holders, cited)
    return Verification(tuple(unsupported), tuple(sorted(dangling)), tuple(unmarked), valid)


def repair(answer: str, verification: Verification) -> Repaired:
    """Drop dangling markers and sentences with unsupported figures; add missing markers."""
    drop: dict[str, list[str]] = {}
    for issue in verification.unsupported:
        drop.setdefault(issue.sentence, []).append(issue.figure)
    add: dict[str, list[int]] = {}
    for issue in verification.unmarked:
        add.setdefault(issue.sentence, []).append(issue.source or 0)
    out, warnings, removed, last = [], [], [], 0
    for start, end in _sentences(answer):
        out.append(answer[last:start])
        last, sentence = end, answer[start:end]
        if sentence in drop:
            removed.append(sentence)
            figures = "、".join(dict.fromkeys(drop[sentence]))
            warnings.append(
                f"已删除一处无法核实的数字：「{_short(sentence)}」（{figures} {_MISSING}）"
            )
            whole_line = start == 0 or answer[start - 1] == "\n"
            last += whole_line and answer[end : end + 1] == "\n"
            continue
        sentence = _MARKER.sub(lambda m: _without(m, set(verification.dangling)), sentence)
        out.append(_with_markers(sentence, [n for n in add.get(answer[start:end], []) if n]))
    out.append(answer[last:])
    text = re.sub(r"[ \t]+\n", "\n", "".join(out))
    return Repaired(re.sub(r"\n{3,}", "\n\n", text).strip(), tuple(warnings), tuple(removed))


def problems_prompt(verification: Verification) -> str:
    """A short Chinese description of the problems, for asking the model to answer again."""
    v, parts = verification, []
    if v.unsupported:
        items = "；".join(f"{i.figure}（句子：{_short(i.sentence)}）" for i in v.unsupported)
        parts.append(f"以下数字在来源中找不到：{items}")
    if v.dangling:
        have = "、".join(f"[{n}]" for n in v.sources) or "无"
        if len(v.sources) > 2 and list(v.sources) == list(range(1, len(v.sources) + 1)):
            have = f"[1]–[{len(v.sources)}]"
        parts.append(f"标注{'、'.join(f'[{n}]' for n in v.dangling)}不存在，只有{have}")
    if v.unmarked:
        items = "；".join(f"{i.figure}应标注[{i.source}]" for i in v.unmarked)
        parts.append(f"以下数字缺少来源标注：{items}")
    tail = "。请只使用来源中的数字并保留原单位，每个数字后标注来源编号[n]。"
    return "；".join(parts) + tail if parts else ""


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence; markers right after its punctuation included."""
    plain, spans, start = text.translate(_DIGITS), [], 0
    for match in _END.finditer(plain):
        if match.start() < start:
            continue
        if match.group() == "." and _LIST.fullmatch(plain[start : match.end()].strip()):
            continue
        tail = _TRAILING_MARKERS.match(plain, match.end()) if match.group() != "\n" else None
        spans.append((start, tail.end() if tail else match.end()))
        start = spans[-1][1]
    pieces = [(a, b, text[a:b]) for a, b in [*spans, (start, len(text))]]
    return [(a + len(p) - len(p.lstrip()), b - len(p) + len(p.rstrip())) for a, b, p in pieces
            if p.strip()]  # fmt: skip


def _markers(text: str) -> list[int]:
    return [int(n) for m in _MARKER.finditer(text) for n in _SEP.split(m[1])]


def _without(match: re.Match[str], dangling: set[int]) -> str:
    """A marker without its dangling numbers ("[1,7]" → "[1]", "[7]" → "")."""
    numbers = [int(n) for n in _SEP.split(match[1])]
    if not set(numbers) & dangling:
        return match.group()
    return "".join(f"[{n}]" for n in numbers if n not in dangling)


def _with_markers(sentence: str, numbers: list[int]) -> str:
    """``sentence`` with markers [n] added before its final punctuation."""
    new = "".join(f"[{n}]" for n in dict.fromkeys(numbers) if n not in _markers(sentence))
    cut = _TAIL.search(sentence).start()  # type: ignore[union-attr]
    return sentence[:cut] + new + sentence[cut:]


def _pool(
    sources: Sequence[tuple[int, str]], facts: Sequence[Fact], valid: set[int]
) -> list[_Held]:
    """Every figure the sources and facts offer, with who holds it."""
    pool: list[_Held] = []
    for n, text in sources:
        plain = text.translate(_DIGITS)
        headers = frozenset(a or b for a, b in _HEADER.findall(plain))
        pool += [_Held(n, q, headers) for q in find_quantities(plain)]
    for fact in facts:
        holder = fact.citation if fact.citation in valid else None
        pool += [_Held(holder, q) for q in find_quantities(f"{fact.value}{fact.unit}")[:1]]
        if fact.value_yuan is not None:
            pool.append(_Held(holder, Quantity("", Decimal(str(fact.value_yuan)), "元", 2, 0, 0)))
    return pool


def _unmarked(sentence: str, figures: list[Quantity], holders: list[set], cited: set[int]) -> list:
    """Supported figures no cited source holds, each with the source that holds most of them."""
    held = [h - {None} for h in holders]
    count = {n: sum(n in other for other in held) for h in held for n in h}
    best = [min(h, key=lambda n: (-count[n], n)) if h else None for h in held]
    pairs = zip(figures, held, best, strict=True)
    return [Issue(sentence, f.raw, n) for f, h, n in pairs if h and not h & cited]


def _blank(text: str) -> str:
    """``text`` with [n] markers and a leading list number replaced by spaces."""
    text = _MARKER.sub(lambda m: " " * len(m.group()), text)
    head = _LIST.match(text)
    return " " * head.end() + text[head.end() :] if head else text


def _figures(plain: str, known: str) -> list[Quantity]:
    """The figures of a sentence, without known years and dates, and labels."""
    skip = [m.span() for m in _DATE.finditer(plain) if _mentions(_compact(m.group()), known)]
    out = []
    for q in [_english(q, plain) for q in find_quantities(plain)]:
        year = not q.unit and re.fullmatch(r"(?:19|20)\d\d", q.raw)
        if any(a <= q.start < b for a, b in skip) or (year and _mentions(q.raw, known)):
            continue
        if q.unit or not _LABEL.search(plain[max(0, q.start - 3) : q.start]):
            out.append(q)
    return out


def _english(q: Quantity, text: str) -> Quantity:
    """Read "64,200 yuan", "RMB 1.2 million", "95 percent" as money or percentages."""
    after = None if q.unit else _EN_AFTER.match(text, q.end)
    if after and after[3]:
        return replace(q, unit="%", raw=text[q.start : after.end()].strip(), end=after.end())
    if after is None:
        if q.unit or not _EN_BEFORE.search(text[: q.start]):
            return q
        after = _EN_SCALE.match(text, q.end)
    times, unit = _SCALES[(after[1] or "").lower()]  # type: ignore[index]
    value, decimals = q.value * times, max(0, q.decimals - (times > 1))
    raw = text[q.start : after.end()].strip()  # type: ignore[union-attr]
    return replace(q, raw=raw, value=value, unit=unit, decimals=decimals, end=after.end())


def _supports(shown: Quantity, held: _Held) -> bool:
    """``held`` states ``shown``: same value for bare numbers, else the same amount and unit."""
    source = held.q
    if not shown.unit:
        return source.value == shown.value
    if not source.unit:
        if re.fullmatch(r"(?:19|20)\d\d", source.raw):
            return False
        if shown.unit == "%":
            return "%" in held.headers and _close(shown, replace(source, unit="%"))
        money = [u for u in held.headers if u in MONEY_FACTORS]
        if shown.is_money and money:
            return any(_close(shown, replace(source, unit=u)) for u in money)
    return _close(shown, source)


def _close(shown: Quantity, source: Quantity) -> bool:
    """Same amount at the shown precision; a rounded figure needs two significant digits."""
    shown, source = _family(shown), _family(source)
    if not same_amount(shown, source):
        return False
    money = shown.is_money and source.is_money
    exact = shown.yuan == source.yuan if money else shown.value == source.value
    return exact or len(shown.value.as_tuple().digits) >= 2


def _family(q: Quantity) -> Quantity:
    return replace(q, unit=_FAMILY[q.unit]) if q.unit in _FAMILY else q


def _derived(text: str, figures: list[Quantity], ok: list[bool], backing: list) -> list[int]:
    """Unsupported figures that a calculation in the sentence or a change word supports."""
    out: set[int] = set()
    for i in range(len(figures) - 2):
        a, b, c = figures[i : i + 3]
        gap1, gap2 = text[a.end : b.start], text[b.end : c.start]
        if not (_GAP.match(gap1) and _GAP.match(gap2)):
            continue
        if _OP.search(gap1) and _EQ.search(gap2):
            result, value = i + 2, _apply(a, gap1, b, c)
        elif _EQ.search(gap1) and _OP.search(gap2):
            result, value = i, _apply(b, gap2, c, a)
        else:
            continue
        operands = all(ok[j] for j in (i, i + 1, i + 2) if j != result)
        if operands and value and same_amount(_family(figures[result]), value):
            out.add(result)
    good = [*backing, *(f for f, k in zip(figures, ok, strict=True) if k)]
    for i, c in enumerate(figures):
        if ok[i] or not _CHANGE.search(text[max(0, c.start - 10) : c.start]):
            continue
        diffs = (_apply(a, "-", b, c) for a in good for b in good if a is not b)
        if any(d and same_amount(_family(c), d) for d in diffs):
            out.add(i)
    return sorted(i for i in out if not ok[i])


def _apply(a: Quantity, gap: str, b: Quantity, result: Quantity) -> Quantity | None:
    """``a + b``, ``|a − b|`` or ``a ÷ b`` (as a percentage) by the operator in ``gap``."""
    op = _OP.search(gap)
    sign = op.group()[0] if op else "-"
    a, b = replace(a, unit=a.unit or b.unit), replace(b, unit=b.unit or a.unit)
    if a.is_money != b.is_money:
        return None
    x, y = (q.yuan if q.is_money else q.value for q in (a, b))
    if sign in "÷/除":
        return Quantity("", x / y * 100, "%", 2, 0, 0) if y and result.unit == "%" else None
    unit = "元" if a.is_money else _family(a).unit
    if unit != ("元" if b.is_money else _family(b).unit):
        return None
    if unit == "%" and _family(result).unit == "个百分点":
        unit = "个百分点"
    return Quantity("", x + y if sign in "+＋加" else abs(x - y), unit, 2, 0, 0)  # type: ignore[operator]


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(_DIGITS))


def _mentions(needle: str, haystack: str) -> bool:
    """``needle`` occurs in ``haystack`` and not inside a longer number."""
    return bool(re.search(rf"(?<![\d.]){re.escape(needle)}(?!\d)", haystack))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
