"""A count a report states next to the list it counts ("内设A、B、C共4个科室", "下设3个股室：A、B、
C"), checked against the names listed: when the names are more or fewer than the count says,
the report contradicts itself and the answer shows both (issue 9, class 8)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HAN = "\u4e00-\u9fff"
_COUNT_AFTER = re.compile(
    rf"(?P<same>等)?(?:共|合计|总计|计|，共|共计)?(?P<n>\d+)个(?P<noun>[{_HAN}]{{1,4}})"
)
_COUNT_BEFORE = re.compile(
    rf"(?:设有?|下设|内设|共有|有)(?P<n>\d+)个(?P<noun>[{_HAN}]{{1,4}})"
    r"(?:[:：]|，(?:分别)?(?:是|为|即|包括)|(?:分别)?(?:是|为|即|包括)[:：]?)"
)
_LEAD_VERB = re.compile(r"^.*?(?:包括|包含|分别是|分别为|设有|下设|内设|设|有)")
_CLAUSE_END = re.compile(r"[，,；;。\n]")
_JOINED = re.compile(r"和|及|以及|与")
_ASKED_NOUN = re.compile(rf"(?:几|多少)个([{_HAN}]{{1,4}}?)(?:[？?，,。呢吗]|$)")


@dataclass(frozen=True)
class ListedCount:
    stated: int
    noun: str
    written: str
    """The count as the report writes it ("共6个股室")."""
    items: tuple[str, ...]

    @property
    def disagrees(self) -> bool:
        """The count is neither the names listed nor what they make when each 和/及 inside a
        name ("思想政治和褒扬纪念股", or two names) joins two."""
        listed = len(self.items)
        joined = sum(bool(_JOINED.search(i)) for i in self.items)
        return not listed <= self.stated <= listed + joined


def _items(body: str) -> tuple[str, ...]:
    parts = [p.strip(" ：:（）()") for p in body.split("、")]
    return tuple(p for p in parts if p)


def _plain(items: tuple[str, ...]) -> bool:
    """Names, not figures or clauses: 2–20 characters, no digits."""
    return len(items) >= 2 and all(2 <= len(i) <= 20 and not re.search(r"\d", i) for i in items)


def listed_counts(text: str) -> list[ListedCount]:
    """Every count the text states beside a 、-list of names, with those names."""
    out: list[ListedCount] = []
    for m in _COUNT_AFTER.finditer(text):
        if m.group("same"):
            continue  # "A、B等5个股室": the list is not complete
        start = max(text.rfind(c, 0, m.start()) for c in "，,；;。：:\n") + 1
        body = _LEAD_VERB.sub("", text[start : m.start()])
        items = _items(body)
        if _plain(items):
            out.append(ListedCount(int(m.group("n")), m.group("noun"), m.group(0), items))
    for m in _COUNT_BEFORE.finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        body = text[m.end() : end.start() if end else len(text)]
        items = _items(body)
        if _plain(items) and not body.endswith("等"):  # "…等": the list is not complete
            written = m.group(0).rstrip("：:，,")
            out.append(ListedCount(int(m.group("n")), m.group("noun"), written, items))
    return out


def mismatch_line(text: str, question: str = "") -> str | None:
    """ "核对：原文写“共6个股室”，逐项列出的却是7个（…）：所写数目与列举不一致。" for the first
    stated count its list contradicts; None when every count agrees with its list. Counts of
    what the question names ("几个事业单位") are checked alone when the question names one."""
    found_all = listed_counts(text)
    asked = _ASKED_NOUN.search(question)
    if asked:  # "几个事业单位": that count only
        noun = asked.group(1)
        found_all = [f for f in found_all if f.noun in noun or noun in f.noun]
    for found in found_all:
        if found.disagrees:
            names = "、".join(found.items)
            return (
                f"核对：原文写“{found.written}”，逐项列出的却是{len(found.items)}个{found.noun}"
                f"（{names}），所写数目与列举不一致，请以原文核实。"
            )
    return None
