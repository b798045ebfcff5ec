"""The share of one item when the only share quoted is another item's.

"采购支出中工程类占多少" may find just "授予中小企业合同金额…，占政府采购支出总额的84.40%": a
share of the right whole, but of another part. That percentage must not answer. When the report
states both the asked part and the whole as money ("工程采购1598.60万元", "政府采购支出总额
2156.80万元"), the share is computed from them and both are cited.
"""

from __future__ import annotations

import re

from assistant.derived import PART_OF
from assistant.statements import Statement, label_of, statements

_PART_FIRST = re.compile(
    r"([\u4e00-\u9fff]{2,16}?)(?:所)?占(?:到|了)?([\u4e00-\u9fff“”\"]{2,16}?)的?"
    r"(?:比例|比重|百分之几|百分比|多少|几成|份额)"
)
_PART_IN_WHOLE = re.compile(  # "A在B里占的比重"
    r"([\u4e00-\u9fff]{2,16}?)在([\u4e00-\u9fff“”\"]{2,16}?)(?:里面?|中|当中|之中)(?:所)?占(?:到|了)?的?"
    r"(?:比例|比重|百分之几|百分比|多少|几成|份额)"
)
_SENTENCE_END = re.compile(r"[。；;\n]")


def sides(question: str) -> tuple[str, str] | None:
    """(part words, whole words) of a share question, or None."""
    match = PART_OF.search(question)  # "A中B占多少": the whole first
    if match:
        return match.group(2), match.group(1)
    match = _PART_FIRST.search(question) or _PART_IN_WHOLE.search(question)
    return (match.group(1), match.group(2).strip('“”"')) if match else None


def _core(words: str) -> str:
    """The item's own name: the last four characters of its label at most, which drops the
    body and year written before it and qualifier tails ("城管局道路保洁支出总额" → 保洁支出)."""
    label = label_of(words) or words
    label = re.sub(r"(?<=..)(?:类|方面|部分)$", "", label)  # "工程类" is written "工程238.70万元"
    return label[-min(4, len(label)) :]


def of_another_item(question: str, clause: str, figure: str) -> bool:
    """The quoted percentage is a share ("X…占W的P%") whose subject X is not the asked part."""
    asked = sides(question)
    at = clause.find(figure)
    if asked is None or at < 0 or not figure.endswith("%"):
        return False
    sentence = _SENTENCE_END.split(clause[:at])[-1]
    if "占" not in sentence:
        return False
    subject = sentence[: sentence.rfind("占")]
    return _core(asked[0]) not in subject


def names_the_whole(question: str, label: str) -> bool:
    """The quoted figure's label names the asked whole, not the asked part ("占政府采购的比重"
    answered by "政府采购支出合计"): the figure is the whole, not the share's part."""
    asked = sides(question)
    if asked is None or not label:
        return False
    part, whole = _core(asked[0]), _core(asked[1])
    return whole in label and part not in label


def part_and_whole(question: str, text: str) -> tuple[Statement, Statement] | None:
    """The report's own actual-money statements of the asked part and of its whole (the whole
    larger than the part), or None when either is not written."""
    asked = sides(question)
    if asked is None:
        return None
    part_name, whole_name = _core(asked[0]), _core(asked[1])
    every = [s for s in statements(text) if s.family == "actual" and s.yuan]
    parts = [s for s in every if part_name in s.label]  # "政府采购服务支出" names both
    wholes = [s for s in every if whole_name in s.label and part_name not in s.label]
    pairs = [(p, w) for p in parts for w in wholes if w.yuan > p.yuan]
    if not pairs:
        return None
    # the part the whole's own sentence lists ("政府采购支出总额…，其中…服务支出727.41万元")
    # before one named elsewhere (a project "…服务体系建设" in another section)
    return min(
        pairs,
        key=lambda pw: (
            whole_name not in pw[0].label,
            _apart(pw[0], pw[1], text),
            parts.index(pw[0]),
        ),
    )


def _apart(part: Statement, whole: Statement, text: str) -> int:
    """0 when part and whole stand in one sentence, else the characters between them."""
    lo, hi = sorted((part.start, whole.start))
    between = text[lo:hi]
    return 0 if not _SENTENCE_END.search(between) else hi - lo
