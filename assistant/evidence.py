"""Finding the sentence or table row that answers a question inside retrieved passages.

A question's topic becomes *hard* terms (all must appear in a candidate, directly, as a
synonym, or as an abbreviation such as 公车运维费 → 公务用车运行维护费) and *soft* terms (bonus
only). Candidates are sentences of the passages and table rows read with their header row.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer import Passage
from index.domain_terms import jieba_words, squash, synonym_index
from index.lexical import words
from index.metrics import METRICS, Metric
from index.numbers import CAPTION_UNIT, Quantity, find_quantities

_SENTENCE_END = re.compile(r"[^。！？；!?;\n]*[。！？；!?;]?")
SOFT_WORDS = frozenset(
    "预算 决算 实际 支出 完成 情况 金额 数额 数 总额 合计 年度 全年 本年 花 花了 用 用了 费用 "
    "共 共计 其中 "
    "增加 减少 变化 更多 最多 最少 更少 谁 多 少 比 对比 比较 排名 相比 上年 报告 部门 单位 本级 "
    "整体 具体 主要 目前 现在 一共 总共 总 分别 各 这 那 两 这两个 和 与 及 情况 数据 数字 "
    "多少 几 是 了 的 呢 吗 哪 哪个 哪些 哪里 在 写 讲 说 提到 段 节 部分 第几 原文 出处 一段 "
    "两县 两个 各县 哪个县 哪县 几个 这几个 这几 几份 单位 哪家 县 区 报告里 里 方面 内容 "
    "表里 总 表 万元 元 亿元 两年 年 各年 分别是 是否 有无 没有 共有 一共有 "
    "这个 这项 该项 指标 完成 完成了 达到 达标 了吗 吗 "
    "实际上 花钱 一年 每年 最大 最小 最高 最低 新增 新建 年末 年底 年终 "
    "比例 比重 占比 占 多大 多高 百分比 几成 份额 "  # the kind of figure asked, not its subject
    "how much many what which where is was the in of did spend".split()
)
_KIND_PATTERNS: dict[str, re.Pattern[str]] = {
    "money": re.compile(
        r"经费|费|支出|收入|资金|预算|决算|金额|元|钱|花了|拨款|投入|投资|税|产值|补助|奖补|补贴资金"
    ),
    "people": re.compile(
        r"人数|编制|在职|多少人|几人|多少名|人员(?=多少|有多少|有几|几|数|共|总数|规模|$)|实有"
    ),
    "standard": re.compile(r"标准(?!化)"),
    "score": re.compile(r"得分|多少分|几分|评分|分数"),
    "percent": re.compile(
        r"率|比例|占比|比重|百分|增长|增速|同比|下降|完成(?:年初|全年|调整后的?)?预算(?!数)|预算完成|"
        r"占(?![用地有])[\u4e00-\u9fff“”\"]{0,16}?(?:多少|几成)"  # "占全年支出多少": a share
    ),
    "length": re.compile(
        r"多长(?!时间|期限|周期)|长度|多少(?:公里|千米|米)|几(?:公里|千米|米)|里程"
    ),
    "count": re.compile(
        r"几[批次个家辆条项座所户张处]|多少[批次个家辆条项座所张户处亩]|批次|人次|数量|保有量"
    ),
}
COUNTED_UNITS = frozenset(
    "人 名 个 项 家 所 座 处 批 批次 人次 次 户 件 台 套 艘 张 辆 期 场 场次 对 万人 万人次".split()
)
"""Units of counted things (a standard is never one of them)."""
_KIND_UNITS = {
    "money": lambda q: q.is_money,
    "people": lambda q: q.unit in ("人", "名", "万人"),
    "score": lambda q: q.unit == "分",
    "percent": lambda q: q.unit in ("%", "个百分点", "百分点"),
    "length": lambda q: q.unit in ("公里", "千米", "米", "km", "延米", "万米"),
    "count": lambda q: q.unit not in ("", "%", "分") and not q.is_money,
    "standard": lambda q: q.is_money or q.unit not in ("", "%", "分", *COUNTED_UNITS),
}


_QUALIFIER_END = re.compile(r"(预算数|决算数|预算|决算|实际支出|执行数)$")
_GENERIC_COLUMN = re.compile(r"预算数|决算数|执行数")
"""A column every budget table has: beside a named item ("三公经费预算数") it says which of
the item's figures is asked, never an item of its own."""
_COLUMN_WORD = re.compile(
    r"(?:调整后的?|调整|年初|全年)(?:预算数?)?|决算数|预算数|执行数|(?:年度)?(?:指标|目标)值|"
    r"(?:实际)?完成值"
)
"""A column of a table named on its own ("调整后预算和决算数", "指标值、实际完成值"): with
another beside it, which of a row's figures are asked, not what the row is about (one column
alone stays a term: "基本支出的年初预算数" keeps to the quotes writing 年初)."""


@dataclass(frozen=True)
class Topic:
    """What a (sub-)question asks about. ``metric`` terms (domain vocabulary such as 人员经费)
    must appear in the answering sentence itself; other hard terms may be in its passage."""

    hard: tuple[str, ...]
    soft: tuple[str, ...]
    kinds: frozenset[str]
    metric: tuple[str, ...] = ()
    whole: bool = False
    """The question asks about the department as a whole (部门预算, 部门整体), not a project."""
    asked: str = ""
    """The words of the question asking this part, when it asks two things ("资产总额多少，
    有几辆车" → "资产总额多少"); "" for a question asking one."""
    measure: tuple[str, ...] = ()
    """The measure words of a count the question asks ("几辆车" → 辆/台): a sentence stating a
    figure in one of them states the count."""


_WHOLE_ASKED = re.compile(r"部门(?:预算|整体|决算|总|全年|全部)|整体|本部门|全局")
_PROJECT_ASKED = re.compile(r"项目(?!支出)")


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


def asked_kinds(question: str) -> frozenset[str]:
    """The kinds of figure a question's words ask for (money, count, percent …)."""
    return frozenset(k for k, pattern in _KIND_PATTERNS.items() if pattern.search(question))


def _total_of_named(token: str) -> bool:
    """ "总支出", "总收入": 总 before a catalogue metric's name that the catalogue files under
    that same metric (not 总投资, which names its own)."""
    from index.metrics import alias_index

    if len(token) < 3 or not token.startswith("总"):
        return False
    whole = alias_index().get(squash(token))
    return whole is not None and whole.name == token[1:]


def make_topics(topic_text: str, question: str, context: str = "") -> list[Topic]:
    """One topic per metric named ("人员经费和公用经费" → two), sharing the other terms.

    ``context`` (a topic carried from earlier turns) only adds soft terms."""
    vocabulary = metric_vocabulary()
    hard: list[str] = []
    soft: list[str] = [w for w in words(context) if len(w.strip()) >= 2]
    squashed = match_text(topic_text)
    for token in (w for w in words(topic_text) if w.strip()):
        qualifier = _QUALIFIER_END.search(token)
        if (
            len(token) >= 4 and token.endswith("指标") and hard and f"{hard[-1]}{token}" in squashed
        ):  # "群众满意度指标": the indicator 群众满意度, named with the word 指标 after it
            hard.append(token[:-2])
            soft.append("指标")
        elif (
            qualifier and len(token) - len(qualifier.group(0)) >= 2
        ):  # 三公经费预算 → 三公经费 + 预算
            hard.append(token[: qualifier.start()])
            soft.append(qualifier.group(0))
        elif _total_of_named(token):  # "总支出" is the metric 支出 itself, as "支出合计" is
            hard.append(token[1:])
            soft.append("总")
        elif token in SOFT_WORDS:
            soft.append(token)
        elif len(token) >= 2 and not token.isdigit():
            hard.append(token)
    for n, token in enumerate(hard):  # "接待费" → 公务接待费: the metric a short form names
        full = None if token in vocabulary else abbreviated_metric(token)
        hard[n] = full.name if full else token
        if (
            token == "项目支出"
            and n > 0
            and hard[n - 1] not in vocabulary
            and f"{match_text(hard[n - 1])}项目支出" in squashed
        ):  # "冷链设备更新项目支出": that project's spending, not the body's 项目支出
            hard[n] = "项目"
            soft.append("支出")
    columns = [t for t in hard if _COLUMN_WORD.fullmatch(t)]
    rows = [t for t in hard if t not in columns and t in vocabulary]
    if len(columns) > 1 and rows:  # "项目支出的调整预算和决算数": the row is 项目支出
        hard = [t for t in hard if t not in columns]
        soft += columns
    kinds = asked_kinds(question)
    whole = bool(_WHOLE_ASKED.search(question)) and not _PROJECT_ASKED.search(question)
    metrics = [t for t in dict.fromkeys(hard) if t in vocabulary]
    generic = [m for m in metrics if _GENERIC_COLUMN.fullmatch(m)]
    if generic and len(metrics) > len(generic):  # "三公经费预算数": the column of that row
        metrics = [m for m in metrics if m not in generic]
        hard = [t for t in hard if t not in generic]
        soft += generic
    tables = [m for m in metrics if _table_named(m).search(match_text(question))]
    if tables and any(t not in vocabulary and t not in SOFT_WORDS for t in hard):
        # "项目支出表里培训项目的预算": 项目支出 names the table, the row is the item asked
        metrics = [m for m in metrics if m not in tables]
        hard = [t for t in hard if t not in tables]
        soft += tables
    rate = _rate_of_item(metrics, question)
    if rate:  # "三公经费预算执行率": the rate of 三公经费, not the department's 预算执行率
        metrics.remove(rate)
        hard.remove(rate)
        soft.append(rate)
    if metrics and _ASKS_RATE.search(question):  # "三公经费完成率": the words of the rate
        words_of_rate = [t for t in hard if t not in metrics and _RATE_WORD.match(t)]
        hard = [t for t in hard if t not in words_of_rate]  # name no item: the sentence
        soft += words_of_rate  # stating the item's amounts carries its rate on
    counted = counted_noun(question)
    measure: tuple[str, ...] = ()
    if counted and hard and (counted[1] not in topic_text or counted[1] in SOFT_WORDS):
        counted = None  # "资产总额多少，有几辆车": the part naming an amount asks no count
    if counted:
        noun = counted[1]
        people = counted[0] == "个" and noun.startswith("人")  # "几个人": counted in 人/名
        measure = ("人", "名") if people else SAME_MEASURE.get(counted[0], (counted[0],))
        if noun and not any(noun in t for t in hard):  # "几辆车" → 车, "几个单位" → 单位
            hard.append(noun)
            soft = [w for w in soft if w not in _TIME_OF_YEAR]  # "年底有几辆车": not a topic
            hard = [w for w in hard if w not in _TIME_OF_YEAR]
            soft += [w for w in _TIME_OF_YEAR if w in topic_text]
    others = tuple(t for t in dict.fromkeys(hard) if t not in vocabulary)
    soft_terms = tuple(dict.fromkeys(s for s in soft if len(s) >= 2))
    if len(metrics) <= 1:
        return [Topic((*metrics, *others), soft_terms, kinds, tuple(metrics), whole, "", measure)]
    return [Topic((m, *others), soft_terms, kinds, (m,), whole, "", measure) for m in metrics]


@functools.lru_cache(maxsize=256)
def _table_named(metric: str) -> re.Pattern[str]:
    """A metric naming a table the question points into ("项目支出表里", "三公经费明细表中")."""
    name = re.escape(match_text(metric))
    return re.compile(rf"{name}(?:明细|情况|决算|支出|统计)?表(?:里|中|内|上)")


_COUNTED_NOUN = re.compile(
    r"(?:几|多少)(辆|台|户|人次|人|名|套|艘|架|件|张|家|所|座|处|批次|批|个)"
    r"([\u4e00-\u9fff]{0,4}?)(?=[？?，,。！!、；;]|$|呢|吗|啊|了|的|和|及|与|是|分别|各)"
)
SAME_MEASURE = {"台": ("台", "辆"), "辆": ("辆", "台"), "人": ("人", "名"), "名": ("名", "人")}
"""Measure words a count of the same things is written in ("几台车" = 2辆)."""
_TIME_OF_YEAR = ("年底", "年末", "期末")


def counted_noun(question: str) -> tuple[str, str] | None:
    """(measure word, the thing counted) of a count a question asks: "有几辆车" → (辆, 车),
    "包含几个单位" → (个, 单位), "几个人" → (个, 人); the thing is "" when the measure word
    ends the question ("多少人"). Chinese puts the thing counted right after its measure."""
    found = _COUNTED_NOUN.search(question)
    if not found or (found.group(1) == "个" and not found.group(2)):
        return None
    return found.group(1), found.group(2)


_RATE_METRIC = re.compile(r"^(?:预算)?(?:执行率|完成率)$|^预算执行$")
_ASKS_RATE = re.compile(
    r"执行率|完成率|执行情况|执行进度|执行比例|执行比率|完成比例|百分之|百分比|"
    r"完成(?:年初|全年|调整后的?)?预算|预算的(?:多少|几)"
)
_RATE_WORD = re.compile(r"^(?:预算)?(?:执行|执行率|完成率|执行情况|执行进度|完成)$|^百分[之比]$")
_JOINED = re.compile(r"和|与|及|、|，|,|以及|还有|\band\b")


def _rate_of_item(metrics: list[str], question: str) -> str | None:
    """A rate metric named right beside one other metric, nothing joining them ("三公经费预算
    执行率", "预算执行率 … 三公经费" from "the execution rate of the three public expenses"):
    the rate qualifies that item and is not a second thing asked."""
    rates = [m for m in metrics if _RATE_METRIC.match(m)]
    items = [m for m in metrics if m not in rates]
    if len(rates) != 1 or len(items) != 1:
        return None
    text = match_text(question).lower()
    a, b = text.find(rates[0].lower()), text.find(items[0].lower())
    if a < 0 or b < 0:
        return None
    between = text[min(a, b) : max(a, b)]
    return None if _JOINED.search(between) else rates[0]


def metric_vocabulary() -> frozenset[str]:
    """Domain terms (lower-case, squashed) that name a metric."""
    return frozenset(w.lower() for w in jieba_words())


def term_strength(term: str, text: str) -> float:
    """1.0 for the term itself, 0.9 for a synonym, 0.6 for an in-order abbreviation, else 0."""
    key = match_text(term)
    if key in text:
        return 1.0
    synonyms = synonym_index()
    if any(match_text(s) in text for s in synonyms.get(key, ())):
        return 0.9
    for part, others in synonyms.items():  # 工业税收 → 工业税金 (a synonym inside the term)
        if len(part) >= 2 and part in key and part != key:
            for other in others:
                variant = key.replace(part, match_text(other))
                if variant in text:
                    return 0.9
                if len(variant) >= 3 and abbreviation_in(variant, text):
                    return 0.7
    if len(key) >= 2 and abbreviation_in(key, text):
        return 0.6
    return 0.0


def term_present(term: str, text: str) -> bool:
    """Term, a synonym, or an in-order abbreviation of it (公车运维费 → 公务用车运行维护费)."""
    return term_strength(term, text) > 0


def abbreviated_metric(topic: str, same_end: bool = True) -> Metric | None:
    """The money metric a topic writes as an in-order abbreviation of its name ("公车 运维费" →
    公务用车运行维护费; "公务用车运维" with ``same_end`` off), or as the end of its name
    ("接待费" → 公务接待费): the shortest name abbreviated, same first (and last) character,
    never a name the topic writes whole."""
    key = match_text(topic)
    if len(key) < 3:
        return None
    found: list[tuple[int, Metric]] = []
    for metric in METRICS:
        for alias in (metric.name, *metric.aliases):
            name = match_text(alias)
            if metric.kind != "money" or len(name) <= len(key):
                continue
            if (name.endswith(key) and _COST_END.search(key)) or (
                len(key) >= 4
                and key not in name
                and name[0] == key[0]
                and (name[-1] == key[-1] or not same_end)
                and abbreviation_in(key, name)
            ):  # "接待费" of 公务接待费
                found.append((len(name), metric))
    found.sort(key=lambda x: x[0])
    if not found or (len(found) > 1 and found[1][0] == found[0][0] and found[1][1] != found[0][1]):
        return None
    return found[0][1]


_COST_END = re.compile(r"(?:费|经费|费用)$")
"""A money metric's name cut short from the front ("接待费", "出国费", "运行维护费") keeps
its cost word at the end."""


def abbreviation_in(key: str, text: str) -> bool:
    """Characters of ``key`` in order within a short window (运维 in 运行维护)."""
    window = 4 if len(key) == 2 else 2 * len(key) + 2
    for match in re.finditer(re.escape(key[0]), text):
        rest = iter(text[match.start() + 1 : match.start() + window])
        if all(ch in rest for ch in key[1:]):
            return True
    return False


_NUMERIC_CELL = re.compile(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?%?$|^-?\d+(?:\.\d+)?%?$")
_YEAR_HEAD = re.compile(r"(19|20)\d{2}\s*年")
_HEADER_WORD = re.compile(
    r"指标值|完成值|预算数|决算数|执行数|执行率|得分|分值|权重|金额|预期目标|实际完成|目标值|名称|"
    r"编制|人数|在职|实有|退休"
)


def stacked_header(line: str, before: str, repeated: bool = False) -> bool:
    """A table row that starts another table stacked right under the previous one (a form's
    "人员情况 | 编制数 | 实有人数" under a cost table): header words and no figures, after a row
    of figures, of long text or the unit caption (not the upper row of a two-level header).
    ``repeated``: ``before`` is the header a chunk repeats from its table's start."""
    cells = [c.strip() for c in line.split("\t") if c.strip()]
    header = (
        len(cells) >= 2
        and not any(_NUMERIC_CELL.match(c) for c in cells)
        and all(len(c) <= 20 for c in cells)
        and bool(_HEADER_WORD.search(line))
    )
    if not header:
        return False
    previous = [c.strip() for c in before.split("\t") if c.strip()]
    if repeated and previous and cells[0] != previous[0]:
        return True  # a chunk repeats its table's header, then the stacked table's own
    return any(
        len(c) > 30 or (re.search(r"\d", c) and not _YEAR_HEAD.search(c)) for c in previous
    ) or bool(CAPTION_UNIT.search(before))


_LEAD_IN = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十\d]{1,3}[、.．])?"
    r"[^，,；;。\d]{2,30}(?:项目|工程|专项|行动|计划)[。：:]\s*$"
)
"""A project's name written as a sentence of its own before the sentences about it on one line
("（一）森林防火项目。预算资金…"): the next sentence's figures are that project's. Other
headings ("（二）预算执行情况。") lend the next sentence no terms."""


REASON = re.compile(r"主要是|主要原因|原因是|由于|因为")
"""Words opening the reason a sentence gives after its figures ("…，主要是压减公车运行支出")."""
PROJECT_NAME = re.compile(r"[\u4e00-\u9fff]{2,16}(?:项目|工程|专项|行动)(?!支出)")
"""A project's name ("森林防火项目"), not the class 项目支出."""


def line_before(unit: Unit, passage: Passage) -> str:
    """The text on the unit's line before it, within the passage ("" at a line start)."""
    offset = unit.start - passage.start
    span = passage.span_text
    if not 0 < offset <= len(span):
        return ""
    return span[span.rfind("\n", 0, offset) + 1 : offset]


def lead_in_before(unit: Unit, passage: Passage) -> str:
    """The project heading right before a sentence on its line ("（一）森林防火项目。"), else ""."""
    if unit.is_row:
        return ""
    line = line_before(unit, passage)
    return line if _LEAD_IN.match(line) else ""


def split_units(passage: Passage, index: int) -> list[Unit]:
    """Sentences of a passage's span (table rows whole), with offsets in the report text."""
    span = passage.span_text
    units: list[Unit] = []
    pos = 0
    header = passage.header
    previous = header or ""  # a chunk's repeated header stands right before its span
    for line in span.split("\n"):
        base = passage.start + pos
        if "\t" in line:
            repeated = previous == passage.header
            if header is None or ("\t" in previous and stacked_header(line, previous, repeated)):
                header = line  # the table's header, or that of a table stacked under it
            else:
                units.append(Unit(index, line, base, base + len(line), header))
        else:
            for match in _SENTENCE_END.finditer(line):
                text = match.group(0)
                if text.strip():
                    units.append(Unit(index, text, base + match.start(), base + match.end()))
        pos += len(line) + 1
        previous = line
    return units


def quantities_of_kind(unit: Unit, kinds: frozenset[str]) -> list[Quantity]:
    """Figures in the unit of a wanted kind (any figure but years when no kind was asked)."""
    found = [q for q in find_quantities(unit.text) if not q.is_year and not ordinal(unit.text, q)]
    if not kinds:
        return found
    if unit.is_row:  # table cells carry the unit in the caption, not after the number
        return [q for q in found if q.unit == "" or any(_KIND_UNITS[k](q) for k in kinds)]
    return [q for q in found if any(_KIND_UNITS[k](q) for k in kinds)]


_ORDINAL_BEFORE = re.compile(r"(表|图|附表|附件|附图|第|序号|编号)\s*$")


def ordinal(text: str, q: Quantity) -> bool:
    """A number that names a table, figure or item ("表5", "第3条"), not a quantity."""
    return not q.unit and bool(_ORDINAL_BEFORE.search(text[max(0, q.start - 3) : q.start]))


def score_unit(
    unit: Unit, topic: Topic, passage: Passage, rank: int, around: str = ""
) -> float | None:
    """How well a unit answers the topic; None when a term is missing or no figure fits.

    Metric terms must be in the unit (or its table header); other terms may be in the passage,
    its section path or the report text ``around`` it; at least one term must be in the unit."""
    context = match_text(f"{unit.header or ''}{unit.text}")
    nearby = match_text(f"{passage.section}{passage.text}{around}")
    if not topic.hard or not all(term_present(t, context) for t in topic.metric):
        return None
    if not all(term_present(t, context) or term_present(t, nearby) for t in topic.hard):
        return None
    in_sentence = sum(term_strength(t, context) for t in topic.hard)
    if not in_sentence:
        return None
    figures = quantities_of_kind(unit, topic.kinds)
    if topic.kinds and not figures:
        return None
    soft = sum(match_text(s) in context for s in topic.soft)
    close = closeness(unit.text, topic.metric or topic.hard, figures)
    return in_sentence + 0.3 * soft + 0.5 * bool(figures) + close + 0.3 / (1 + rank)


def closeness(text: str, terms: Sequence[str], figures: list[Quantity]) -> float:
    """1.0 when a wanted figure follows a term within a few characters ("人员经费1302.58万元")."""
    best = 0.0
    for term in terms:
        for match in re.finditer(re.escape(term), text):
            if (
                re.search(r"占[^，。；,;]{0,12}$", text[: match.start()])
                and text[match.end() : match.end() + 1] == "的"
            ):
                continue  # the whole of a share ("占年度总支出的60.94%") names no figure
            gaps = [q.start - match.end() for q in figures if q.start >= match.end()]
            if gaps:
                gap = min(gaps)
                best = max(best, 1.0 if gap <= 6 else 0.5 if gap <= 15 else 0.0)
    return best


_ABSENCE = re.compile(
    r"(?:部门|单位|本局|我局|年度|本年)(?:无|没有|未发生|未安排|未开支)|未发生|不涉及|无此项"
)


def states_absence(text: str) -> bool:
    """The text says the item did not occur ("本部门2023年度无国有资本经营预算财政拨款支出"):
    the answer to its amount is "none", though no figure is written."""
    for match in _ABSENCE.finditer(text):
        clause = re.split(r"[，,。；;！!？?\n]", text[match.end() :])[0]
        if not _EVENT_NEGATED.search(clause):
            return True
    return False


_EVENT_NEGATED = re.compile(r"(?:行为|事件|问题|情况|现象|事故|案件|情形)$")
"""What "未发生…" negates when it ends so ("未发生违规采购行为"): a misdeed or an incident, not
the item's spending — the amount is still not given."""
