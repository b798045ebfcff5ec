"""Every labelled money figure a report states, in text or in a table, so one figure can be
compared with the report's other statements of the same thing.

A text statement is the label right before a money figure ("苗木采购支出决算为118.80万元" →
label 苗木采购支出, budget/actual from the qualifier words before the figure); a table
statement is a row label with one of its money columns (family from the column header, unit
from the caption). Labels compare equal after dropping qualifier words, or when one is the other
plus a generic tail (支出/资金/经费).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from assistant.tables import caption_unit, header_rows, merged_header, table_title
from index.facts import column_year
from index.numbers import MONEY_FACTORS, Quantity, find_quantities

_HAN = re.compile(r"[\u4e00-\u9fff]+")
_OTHER_YEAR = re.compile(
    r"上年|上一年|去年|同比|较上年|比上年|上年度|前年|年初(?!预算)|增长|减少|增加|下降"
)
_FUND_TYPES = re.compile(r"(一般公共|政府性基金|国有资本经营|社会保险基金)预算")
_AGAINST = re.compile(
    r"(?:比|较|与|同)(?:年初|全年|调整后?的?)?预算数?|(?:占|完成|达到)(?:年初|全年|调整后?的?)?预算(?:数)?的"
)
"""The budget a gap or a rate is measured from ("比预算节约4.58万元，其中…", "占预算的89.00%，
其中：…"): it qualifies no figure after it."""
_QUALIFIER_WORD = re.compile(r"预算|决算|实际|执行|完成")
_BOUND_AFTER = re.compile(r"\s*(?:以上|以下|以内|左右|的(?:年度)?目标|目标)")
_BOUND_BEFORE = re.compile(
    r"(?:≥|≤|>|<|不低于|不少于|不超过|不高于|控制在|力争|目标为?|目标值为?)\s*$"
)


def is_bound(text: str, start: int, end: int) -> bool:
    """The figure at ``text[start:end]`` is a bound or a target, not an amount done
    ("不低于3.5万人", "6000万元以上", "未完成6000万元的目标")."""
    return bool(
        _BOUND_AFTER.match(text, end) or _BOUND_BEFORE.search(text[max(0, start - 6) : start])
    )


_SPENT_OPENS = re.compile(
    r"\s*(?:全年|当年|本年|年度)?(?:实际)?(?:支出|支付|开支|花费|使用)(?:了|为)?\s*"
)
_LABEL_TAIL = re.compile(
    r"(预算数|决算数|预算|决算|执行数|实际支出|实际|合计|总额|共计|为|是|达|约|共|计)+$"
)
_LABEL_HEAD = re.compile(r"^(其中|全年|本年|年度|年(?![初末底])|本局|本单位|全部|共计)+")
_ELLIPTIC = re.compile(r"[，,]\s*(预算数?|决算数?|实际支出|执行数|实际)(为|是)?\s*$")
"""A figure named only by its qualifier after a comma takes the label before it."""
_GENERIC = ("支出", "资金", "经费", "费用", "金额")
_ATTRIBUTE = re.compile(r"来源|用途|方式|内容|说明|备注|类别|类型|性质|单位|依据|措施|原因|渠道")
"""Columns that describe a row (资金来源, 主要用途): their text never names the next figure."""
_NUMERIC = re.compile(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Statement:
    """One labelled money figure: its label, budget/actual family, amount and place."""

    label: str
    family: str
    quantity: Quantity
    start: int
    end: int
    table: bool = False
    column: str = ""
    """A table statement's column header ("调整后预算数")."""
    across: bool = False
    """Read from a transposed table: rows 预算数/决算数, one column per item (the label is the
    column's header, which may carry its group's name in front: "…运行维护费公务用车运行维护费")."""
    fund: str = ""
    """The fund the figure is of, when its sentence (or its table's title) names one
    (一般公共预算, 政府性基金, 国有资本经营, 社会保险基金, else 财政拨款): "" is all funds."""

    @property
    def yuan(self):
        return self.quantity.yuan

    @property
    def step(self):
        from decimal import Decimal

        return Decimal(1).scaleb(-self.quantity.decimals) * MONEY_FACTORS[self.quantity.unit]


def same_label(a: str, b: str) -> bool:
    """Labels naming the same thing: equal, or one is the other plus 支出/资金/经费."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 2 and long.startswith(short) and long[len(short) :] in _GENERIC


_FUND = re.compile(r"一般公共预算|政府性基金|国有资本经营|社会保险基金")


def fund_named(words: str) -> str:
    """The fund ``words`` name: one of the four budgets, else 财政拨款, else "" (all funds)."""
    found = _FUND.search(words)
    return found.group() if found else ("财政拨款" if "财政拨款" in words else "")


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in "。\n；") + 1


def family_before(text: str, pos: int) -> str:
    """budget / actual: the last qualifier word between the sentence start and ``pos``; a
    clause opening on spending ("公务接待费预算55,000.00元，支出34,322.00元") is actual."""
    start = max(text.rfind(ch, 0, pos) for ch in "。\n；") + 1
    clause = max(text.rfind(ch, start, pos) for ch in "，,") + 1
    if clause > start and _SPENT_OPENS.fullmatch(text, clause, pos):
        return "actual"
    words = _QUALIFIER_WORD.findall(_AGAINST.sub("", _FUND_TYPES.sub("", text[start:pos])))
    return "budget" if words and words[-1] == "预算" else "actual"


def column_family(name: str) -> str | None:
    """budget / actual for a money column header; None for rates, targets and the like."""
    if re.search(r"率|比例|占|%|目标|指标|分值|得分|权重|来源|用途|序号", name):
        return None
    if re.search(r"决算|执行|实际|支出数|完成", name):
        return "actual"
    if "预算" in name:
        return "budget"
    return None


def label_of(before: str, longest: int = 10) -> str:
    """The label of a figure from the text right before it ("其中基本支出决算" → 基本支出):
    its last ``longest`` characters (enough to match labels; a list shows longer ones)."""
    tail = re.split(r"[，。；、：:,（(）)\s]", before)[-1]
    han = "".join(_HAN.findall(tail))
    han = _LABEL_HEAD.sub("", _LABEL_TAIL.sub("", han))
    return han[-longest:]


@functools.lru_cache(maxsize=64)
def statements(text: str) -> tuple[Statement, ...]:
    """Every labelled money figure of a report's normalised text (cached per text)."""
    out: list[Statement] = []
    pos = 0
    for line in text.split("\n"):
        if "\t" in line:
            out += _row(text, line, pos)
        else:
            previous = ""  # "预算18.00万元，决算15.40万元": the second figure shares the label
            for q in find_quantities(line):
                if not q.is_money:
                    continue
                before = line[max(0, q.start - 16) : q.start]
                if re.search(r"[。；]", before):
                    previous = ""
                if _OTHER_YEAR.search(line[max(0, q.start - 24) : q.start]):
                    continue
                if is_bound(line, q.start, q.end):
                    continue  # "促进增收节支6000万元以上", "未完成6000万元的目标": a target
                label = label_of(before) or (previous if _ELLIPTIC.search(before) else "")
                if len(label) >= 2:
                    previous = label
                    at = pos + q.start
                    fund = fund_named(text[_sentence_start(text, at) : at])
                    out.append(
                        Statement(label, family_before(text, at), q, at, pos + q.end, fund=fund)
                    )
        pos += len(line) + 1
    return tuple(out)


def _row(text: str, line: str, pos: int) -> list[Statement]:
    cells = line.split("\t")
    label = label_of(cells[0].strip()) if cells[0].strip() else ""
    unit = caption_unit(text, pos)
    heads = header_rows(text, pos)
    if not unit or not heads or line in heads:
        return []
    if _QUALIFIER_ROW.match(cells[0].strip()):
        return _across(line, pos, cells, unit, heads)
    if len(label) < 4:
        return []
    names = merged_header(heads, len(cells))
    earlier = _earlier_columns(names)  # "2021年决算数" beside "2022年决算数", "上年数"
    plain = "actual" if _settled(text, pos, names) else None
    spent = "actual" if _final_title(text, pos) else None
    fund = fund_named(table_title(text, pos))
    out = []
    offset = len(cells[0]) + 1
    for index, (name, cell) in enumerate(zip(names[1:], cells[1:], strict=True), 1):
        fam = column_family(name) or (plain if _PLAIN_AMOUNT.match(name) else None)
        fam = fam or (spent if _SPENT_TOTAL.match(name) else None)
        value = cell.strip()
        if (
            value
            and not _NUMERIC.match(value)
            and value not in ("—", "-", "/")
            and not _ATTRIBUTE.search(name)
        ):
            label = label_of(value)  # side-by-side tables: 收入 | 决算数 | 支出 | 决算数
        if fam and _NUMERIC.match(value) and len(label) >= 4 and index not in earlier:
            quantity = find_quantities(f"{value}{unit}")[0]
            start = pos + offset
            out.append(
                Statement(label, fam, quantity, start, start + len(cell), True, name, fund=fund)
            )
        offset += len(cell) + 1
    return out


_PLAIN_AMOUNT = re.compile(r"^(?:金额|数额|本年数|本年金额)(?:[（(](?:亿元|万元|元)[）)])?$")
"""A money column named by no qualifier: in a final-accounts table its amounts are final."""
_SETTLED_TITLE = re.compile(r"决算(?:总表|表)|决算")
_BUDGET_TITLE = re.compile(r"预算(?!财政拨款)")


def _settled(text: str, pos: int, names: list[str]) -> bool:
    """A table of final amounts: its title names 决算 and no budget (收入支出决算总表), and
    some of its columns are plain amounts ("收入 | 金额 | 支出 | 金额")."""
    if not any(_PLAIN_AMOUNT.match(n) for n in names):
        return False
    title = table_title(text, pos)
    return bool(_SETTLED_TITLE.search(title)) and not _BUDGET_TITLE.search(
        _FUND_TYPES.sub("", title)
    )


_SPENT_TOTAL = re.compile(r"^(?:本年|本期)?支出(?:合计|总计|小计)?$")
"""A column of a row's whole spending named by no qualifier ("本年支出合计"): in a table titled
as final accounts its amounts are final (its 基本支出/项目支出 columns are parts, not the row)."""


def _final_title(text: str, pos: int) -> bool:
    """The table's title names 决算 and no budget ("支出决算表（按功能分类）"); of the short
    lines above the table, the ones naming a 表 when any do (not a sentence ending there)."""
    lines = table_title(text, pos).split("\n")
    title = "\n".join([line for line in lines if "表" in line] or lines)
    return bool(_SETTLED_TITLE.search(title)) and not _BUDGET_TITLE.search(
        _FUND_TYPES.sub("", title)
    )


def sub_form(a: str, b: str) -> bool:
    """Labels of one item where one is a shorter form of the other ("农田普查专项全年" of
    "全省农田普查专项经费"): after generic tails and year words, the shorter (six characters or
    more) ends the longer, whose extra words in front name no share of the money (中央/省级/
    自筹…: "中央农田普查专项" is a part). Words after the shorter form make a part ("…专项
    中央补助"), never the same item."""
    x, y = _core(a), _core(b)
    short, long = sorted((x, y), key=len)
    if len(short) < 6 or not long.endswith(short):
        return False
    if any(word in long for word in _item_forms("account_words")):
        return False  # lines of the accounts (…财政拨款, 收入) are matched by their full names
    front = long[: len(long) - len(short)]
    return not any(word in front for word in _item_forms("share_words"))


def named_in(label: str, asked: str) -> bool:
    """The question names the item of ``label``: four characters of it in a row."""
    core = _core(label)
    return any(core[i : i + 4] in asked for i in range(len(core) - 3))


@functools.cache
def _item_forms(kind: str) -> tuple[str, ...]:
    from index import vocabulary

    return tuple(vocabulary.vocabulary()["item_forms"][kind])


def _core(label: str) -> str:
    previous = None
    while previous != label:
        previous = label
        label = _YEAR_WORDS_END.sub("", _GENERIC_TAIL.sub("", label))
    return _LABEL_HEAD.sub("", label)


_YEAR_WORDS_END = re.compile(r"(全年|本年|年度|当年)$")


_QUALIFIER_ROW = re.compile(
    r"^(?:年初|全年|调整后)?(?:预算|决算|实际|执行)(?:数|额|数额|支出|支出数|执行数)?$"
)
"""The first cell of a transposed table's row: the row is one kind of amount of every item."""


def _across(line: str, pos: int, cells: list[str], unit: str, heads: list[str]) -> list[Statement]:
    """A row "决算数 | 16.93 | 12.46 | 4.47" under item headers: one statement per column."""
    fam = column_family(cells[0].strip())
    if fam is None:
        return []
    names = merged_header(heads, len(cells))
    out = []
    offset = len(cells[0]) + 1
    for name, cell in zip(names[1:], cells[1:], strict=True):
        value, label = cell.strip(), label_of(name)
        if len(label) >= 4 and _NUMERIC.match(value) and not _OTHER_YEAR.search(name):
            quantity = find_quantities(f"{value}{unit}")[0]
            start = pos + offset
            out.append(Statement(label, fam, quantity, start, start + len(cell), True, name, True))
        offset += len(cell) + 1
    return out


def ends_alike(a: str, b: str) -> bool:
    """Labels of one item where one was cut at its front (labels keep their last ten
    characters) or carries its group's name in front: after 支出/经费-like tails, the shorter
    (six characters or more) ends the longer."""
    a, b = _GENERIC_TAIL.sub("", a), _GENERIC_TAIL.sub("", b)
    short, long = sorted((a, b), key=len)
    return short == long or (len(short) >= 6 and long.endswith(short))


_GENERIC_TAIL = re.compile(r"(支出|资金|经费|费用|金额)$")


def _earlier_columns(names: list[str]) -> set[int]:
    """Columns of an earlier year than the table's own ("上年决算数", "2022年决算数" beside
    "2023年决算数"): last year's figures are not other statements of this year's."""
    plain = 10_000
    years = [column_year(name, plain)[0] for name in names]
    named = [y for y in years if y and y < plain - 1]
    latest = max(named, default=plain)
    return {
        i
        for i, year in enumerate(years)
        if year == plain - 1 or (year is not None and year < plain - 1 and year < latest)
    }
