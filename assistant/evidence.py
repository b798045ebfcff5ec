"""Finding the sentence or table row that answers a question inside retrieved passages.

A question's topic becomes *hard* terms (all must appear in a candidate, directly, as a
synonym, or as an abbreviation such as 公车运维费 → 公务用车运行维护费) and *soft* terms (bonus
only). Candidates are sentences of the passages and table rows read with their header row.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.answer import Passage
from index.domain_terms import squash, synonym_index
from index.lexical import words
from index.numbers import Quantity, find_quantities

_SENTENCE_END = re.compile(r"[^。！？；!?;\n]*[。！？；!?;]?")
SOFT_WORDS = frozenset(
    "预算 决算 实际 支出 完成 情况 金额 数额 数 总额 合计 年度 全年 本年 花 花了 用 用了 共 共计 其中 "
    "增加 减少 变化 更多 最多 最少 更少 谁 多 少 比 对比 比较 排名 相比 上年 报告 部门 单位 本级 "
    "整体 具体 主要 目前 现在 一共 总共 总 分别 各 这 那 两 这两个 和 与 及 情况 数据 数字 "
    "多少 几 是 了 的 呢 吗 哪 哪个 哪些 哪里 在 写 讲 说 提到 段 节 部分 第几 原文 出处 一段 "
    "how much many what which where is was the in of did spend".split()
)
_KIND_PATTERNS: dict[str, re.Pattern[str]] = {
    "money": re.compile(r"经费|费|支出|收入|资金|预算|决算|金额|元|花了|拨款|投入|投资|税|产值|补"),
    "people": re.compile(r"人数|编制|在职|多少人|几人|多少名|人员(?!经费)|实有"),
    "score": re.compile(r"得分|多少分|几分|评分|分数"),
    "percent": re.compile(r"率|比例|占比|比重|百分|增长|增速|同比|下降"),
    "count": re.compile(r"几[批次个家辆条项座所]|多少[批次个家辆条项座所张]|批次|人次|数量|保有量"),
}
_KIND_UNITS = {
    "money": lambda q: q.is_money,
    "people": lambda q: q.unit in ("人", "名", "万人"),
    "score": lambda q: q.unit == "分",
    "percent": lambda q: q.unit in ("%", "个百分点", "百分点"),
    "count": lambda q: q.unit not in ("", "%", "分") and not q.is_money,
}


@dataclass(frozen=True)
class Topic:
    """What a (sub-)question asks about."""

    hard: tuple[str, ...]
    soft: tuple[str, ...]
    kinds: frozenset[str]


@dataclass(frozen=True)
class Unit:
    """A candidate answer: a sentence or table row, located in the report's normalised text."""

    passage: int
    text: str
    start: int
    end: int
    header: str | None = None

    @property
    def is_row(self) -> bool:
        return "\t" in self.text


def match_text(text: str) -> str:
    """Text as compared with terms: NFKC, quotes and brackets dropped, no whitespace."""
    return re.sub(r"\s+", "", squash(unicodedata.normalize("NFKC", text)))


def make_topic(topic_text: str, question: str) -> Topic:
    """Split the topic into hard and soft terms and read the kind of figure wanted."""
    tokens = [w for w in words(topic_text) if w.strip()]
    hard = [t for t in tokens if t not in SOFT_WORDS and len(t) >= 2 and not t.isdigit()]
    soft = [t for t in tokens if t in SOFT_WORDS and len(t) >= 2]
    kinds = frozenset(k for k, pattern in _KIND_PATTERNS.items() if pattern.search(question))
    return Topic(tuple(dict.fromkeys(hard)), tuple(dict.fromkeys(soft)), kinds)


def term_present(term: str, text: str) -> bool:
    """Term, a synonym, or an in-order abbreviation of it (≥3 chars, within a short window)."""
    key = match_text(term)
    if key in text:
        return True
    if any(match_text(s) in text for s in synonym_index().get(key, ())):
        return True
    return len(key) >= 3 and _abbreviation_in(key, text)


def _abbreviation_in(key: str, text: str) -> bool:
    window = 2 * len(key) + 2
    for match in re.finditer(re.escape(key[0]), text):
        rest = iter(text[match.start() + 1 : match.start() + window])
        if all(ch in rest for ch in key[1:]):
            return True
    return False


def split_units(passage: Passage, index: int) -> list[Unit]:
    """Sentences of a passage's span (table rows whole), with offsets in the report text."""
    span = passage.span_text
    units: list[Unit] = []
    pos = 0
    header = passage.header
    for line in span.split("\n"):
        base = passage.start + pos
        if "\t" in line:
            if header is None:
                header = line
            else:
                units.append(Unit(index, line, base, base + len(line), header))
        else:
            for match in _SENTENCE_END.finditer(line):
                text = match.group(0)
                if text.strip():
                    units.append(Unit(index, text, base + match.start(), base + match.end()))
        pos += len(line) + 1
    return units


def quantities_of_kind(unit: Unit, kinds: frozenset[str]) -> list[Quantity]:
    """Figures in the unit of a wanted kind (any figure but years when no kind was asked)."""
    found = [q for q in find_quantities(unit.text) if not q.is_year]
    if not kinds:
        return found
    if unit.is_row:  # table cells carry the unit in the caption, not after the number
        return [q for q in found if q.unit == "" or any(_KIND_UNITS[k](q) for k in kinds)]
    return [q for q in found if any(_KIND_UNITS[k](q) for k in kinds)]


def score_unit(unit: Unit, topic: Topic, passage: Passage, rank: int) -> float | None:
    """How well a unit answers the topic; None when a hard term is missing or no figure fits."""
    context = match_text(f"{unit.header or ''}{unit.text}")
    section = match_text(passage.section)
    hard_hits = [term_present(t, context) or term_present(t, section) for t in topic.hard]
    if not topic.hard or not all(hard_hits):
        return None
    in_sentence = sum(term_present(t, context) for t in topic.hard)
    figures = quantities_of_kind(unit, topic.kinds)
    if topic.kinds and not figures:
        return None
    soft = sum(match_text(s) in context for s in topic.soft)
    return in_sentence + 0.3 * soft + 0.5 * bool(figures) + 0.3 / (1 + rank)
