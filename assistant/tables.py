"""Reading a table row as a table: the row's label, its cells under their (possibly two-level)
headers, the column a question's qualifier asks for, and the caption's money unit.

A cell is never shown bare: the statement carries the column header and the caption unit
("公务接待费：决算数 7.88万元"), and :class:`TableContext` keeps the caption and header row so a
citation can show them beside the cited row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.evidence import Unit, match_text, stacked_header
from index.domain_terms import synonym_index
from index.facts import bracketed_unit, column_year
from index.numbers import CAPTION_UNIT

_NUMERIC = re.compile(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?%?$|^-?\d+(?:\.\d+)?%?$")
_NOT_MONEY_COLUMN = re.compile(
    r"率|比例|占比|%|批|人次|次数|辆|人数|编制|分值|得分|分数|权重|指标值|完成值|目标值|序号"
    r"|^年度$|^年份$"
)
"""Columns whose numbers are not money. A year in a header ("2022年度决算数") is not such a
column; only a column that is the year ("年度") is."""
_HEADER_UNIT = re.compile(r"[（(]\s*(?:单位[:：]\s*)?(亿元|万元|千元|元)\s*[）)]")
"""A money unit written in a column's header: "决算数（万元）", "金额(元)"."""

_BUDGET_ASKED = (
    r"(?<!公共)(?<!基金)(?<!经营)(?<!年初)(?<!全年)(?<!调整)(?<!调整后)(?<!比)(?<!较)"
    r"预算(?![^，。？、\s]{0,4}表)"
)
"""预算 as a qualifier: not a fund's name (一般公共预算, 政府性基金预算, 国有资本经营预算), not a
table's (预算表), not the 预算 of 年初预算/全年预算/调整后预算 (asked as those already), nor the
budget a gap is measured from (比预算少)."""

QUALIFIERS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    # (name, how a question asks for it, how a column header names it) — most specific first
    (
        "执行率",
        re.compile(
            r"(?:预算)?(?:执行率|完成率)|执行进度|完成(?:年初|全年|调整后的?)?预算(?!数)|预算完成|"
            r"预算执行情况|"
            r"(?:花|用|支出|执行|完成)了?(?:年初|全年|调整后?的?)?预算(?:数)?的(?:百分之|多少|几|比例)"
        ),
        re.compile(
            r"执行率|完成率|执行进度|完成(?:年初|全年|调整后的?)?预算(?!数)|预算完成|执行比例|"
            r"占(?:年初|全年|调整后?的?)?预算(?:数)?的?(?:比例|比重|百分比)|"  # 决算数占预算比例
            r"占(?:年初|全年|调整后?的?)?预算(?:数)?的$"  # "决算数为21.36万元，占预算的89.00%"
        ),
    ),
    (
        "调整后预算",
        re.compile(r"调整后的?预算数?|调整后|调整预算|全年预算|调整(?:为|到|成)(?:了)?(?:多少|几)"),
        re.compile(r"调整后|调整预算|全年预算"),
    ),
    ("年初预算", re.compile(r"年初"), re.compile(r"年初")),
    (
        "目标值",
        re.compile(r"目标值|指标值|目标是|目标(?=(?:是|为|定了?|定的)?(?:多少|几|多高))|计划"),
        re.compile(r"目标值|指标值|年度目标|计划"),
    ),
    (
        "完成值",
        re.compile(r"完成值|实际完成|实际值|完成了?多少"),
        re.compile(r"完成值|实际完成|实际值"),
    ),
    ("权重", re.compile(r"权重"), re.compile(r"权重")),
    ("分值", re.compile(r"分值|满分"), re.compile(r"分值|满分|标准分")),
    ("得分", re.compile(r"得分|得了?(?:多少|几)分|评分"), re.compile(r"得分|评分|自评分")),
    (
        "决算",
        re.compile(r"决算(?![^，。？、\s]{0,4}表)|实际|执行数|支出了|花了|用了"),
        re.compile(r"决算|实际|执行数|支出数|执行(?![率情进])"),
    ),
    ("预算", re.compile(_BUDGET_ASKED), re.compile(r"预算")),
)
"""Qualifiers a question may put on a figure and the column headers that carry each."""


@dataclass(frozen=True)
class TableContext:
    """Where a row sits: the caption's money unit and the header row(s) above it."""

    unit: str | None
    header: str | None

    def describe(self) -> str:
        """ "表头：项目 | 预算数 | 决算数（单位：万元）" for a citation's table context."""
        parts = []
        if self.header:
            parts.append("表头：" + " | ".join(c for c in self.header.split("\t")))
        if self.unit:
            parts.append(f"单位：{self.unit}")
        return "；".join(parts)


def lines_before(text: str, pos: int, count: int) -> list[str]:
    """The ``count`` whole lines that end before the line holding ``pos`` (without reading the
    text before them)."""
    end = text.rfind("\n", 0, pos)
    if end < 0:
        return []
    start = end
    for _ in range(count):
        if start <= 0:
            break
        start = text.rfind("\n", 0, start)
    return text[start + 1 if start >= 0 else 0 : end].split("\n")


def caption_unit(report_text: str, row_start: int, max_lines: int = 60) -> str | None:
    """The money unit of the table a row belongs to ("单位：万元" above the table), if any.

    Only lines that are table rows or short caption lines may stand between the caption and the
    row, so a unit line of an earlier table is never borrowed."""
    lines = lines_before(report_text, row_start, max_lines)
    end = report_text.find("\n", row_start)
    row = report_text[row_start : end if end >= 0 else len(report_text)]
    left_table = False
    below = row
    for line in reversed(lines[-max_lines:]):
        match = CAPTION_UNIT.search(line)
        if match:
            return match.group(1)
        if "\t" in line and "\t" in below and stacked_header(below, line):
            # "编制数 | 实有人数" stacked under a 万元 table: "41人" is no money; a form's
            # indicator table stacked under its 项目资金 table is in no money unit
            return None
        below = line
        if "\t" not in line and len(line) > 40:
            return None
        if "\t" not in line:
            left_table = True
        elif left_table:  # rows of an earlier table: its caption is not ours
            return None
    return None


def caption_start(report_text: str, row_start: int, max_chars: int = 1500) -> int | None:
    """Where the row's table caption line ("单位：万元") starts, when it is near and belongs to
    this table (so a citation can span caption, header and row)."""
    if caption_unit(report_text, row_start) is None:
        return None
    pos = row_start
    while pos > 0 and row_start - pos < max_chars:
        line_start = report_text.rfind("\n", 0, pos - 1) + 1
        if CAPTION_UNIT.search(report_text[line_start:pos]):
            return line_start
        pos = line_start
    return None


def caption_just_above(text: str, line_start: int, lines: int = 3) -> int | None:
    """Where a "单位：万元" caption line starts within the few lines above a table line whose
    cells lost their tabs (a space-aligned table read as one line); None when a sentence
    stands between or the line itself is prose."""
    eol = text.find("\n", line_start)
    if "。" in text[line_start : eol if eol >= 0 else len(text)]:
        return None
    pos = line_start
    for _ in range(lines):
        if pos <= 0:
            return None
        above = text.rfind("\n", 0, pos - 1) + 1
        line = text[above : pos - 1]
        if CAPTION_UNIT.search(line):
            return above
        if "。" in line:
            return None
        pos = above
    return None


def header_rows(report_text: str, row_start: int, max_lines: int = 60) -> list[str]:
    """The table's header row(s) above a row: the first one or two rows of its table block.

    A second row counts as a header when it has no numeric cell (a two-level header such as
    "项目 | 预算 | | 决算" over "| 基本 | 项目 | 基本 | 项目")."""
    lines = lines_before(report_text, row_start, max_lines)
    block: list[str] = []
    for line in reversed(lines[-max_lines:]):
        if "\t" not in line:
            break
        block.insert(0, line)
    if not block:
        return []
    block = block[_last_table_start(block) :]
    top = block[:1]
    if len(block) > 1 and not any(_NUMERIC.match(c.strip()) for c in block[1].split("\t") if c):
        top.append(block[1])
    return top


def _last_table_start(block: list[str]) -> int:
    """Where the last table of a run of rows starts: a form (a spreadsheet's 项目支出绩效自评表)
    stacks several tables with no blank line between them, each under its own header row — a
    row of header words and no figures, right after a row of figures or of long text."""
    for i in range(len(block) - 1, 0, -1):
        if stacked_header(block[i], block[i - 1]):
            return i
    return 0


def merged_header(rows: list[str], width: int) -> list[str]:
    """Column names of a one- or two-level header ("预算·基本支出"); empty upper cells inherit
    the name to their left (merged cells)."""
    if not rows:
        return [""] * width
    upper = (rows[0].split("\t") + [""] * width)[:width]
    filled, last = [], ""
    for i, cell in enumerate(upper):
        last = cell.strip() or (last if i else "")
        filled.append(last)
    if len(rows) == 1:
        return [c.strip() for c in upper]
    lower = (rows[1].split("\t") + [""] * width)[:width]
    return [
        f"{u}·{low.strip()}" if low.strip() and u and u != low.strip() else (low.strip() or u)
        for u, low in zip(filled, lower, strict=True)
    ]


def asked_qualifiers(question: str) -> list[str]:
    """Every qualifier the question names, in the order it names them
    ("预算、决算和执行率分别是多少" → 预算, 决算, 执行率)."""
    found = []
    for i, (name, asked, _) in enumerate(QUALIFIERS):
        match = asked.search(question)
        if match and not any(
            match.start() < end and start < match.end() for start, end, *_ in found
        ):
            found.append((match.start(), match.end(), i, name))
    return [name for *_, name in sorted(found)]


def asked_qualifier(question: str) -> str | None:
    """The qualifier a question puts on its figure (预算/决算/执行率/得分 …): the one named
    first ("收入决算多少？比年初预算多了多少" → 决算); None when it names none."""
    found = [
        (m.start(), i, name)
        for i, (name, asked, _) in enumerate(QUALIFIERS)
        for m in [asked.search(question)]
        if m
    ]
    return min(found)[2] if found else None


_PRIOR_ASKED = re.compile(
    r"(?<![比较同])(?:上一?年度?|去年度?|前一年度?)(?:同期)?的?"
    r"(?=(?:决算|预算|实际|支出|执行|数|是多少|为多少|多少))"
)
"""A question asking the prior-year column of a row ("上年决算数", "去年的支出"), not a change
against it ("比上年增减") nor money carried from it ("上年结转")."""


def asks_prior_column(question: str) -> bool:
    """The question asks the year-before column of a table (上年决算数 / 去年实际)."""
    return bool(_PRIOR_ASKED.search(question))


def column_for(names: list[str], qualifier: str | None, prior: bool = False) -> int | None:
    """Index of the column whose header names ``qualifier`` (None when none or several do).

    ``prior``: the question asks the year before ("上年决算数"); among several columns of the
    qualifier the earlier year's is taken (the current one when the table has no earlier)."""
    if qualifier is None:
        return None
    pattern = next(p for name, _, p in QUALIFIERS if name == qualifier)
    hits = [i for i, name in enumerate(names) if i and pattern.search(name)]
    if prior and len(hits) > 1:
        earlier = _earlier_years(names, hits)
        if len(earlier) == 1:
            return earlier[0]
    if qualifier == "预算":  # 调整后预算/年初预算 also say 预算: prefer the plain one
        plain = [i for i in hits if not re.search(r"调整|年初", names[i])]
        hits = plain or hits
    if len(hits) > 1 and qualifier not in ("执行率", "权重"):  # 决算数 over 决算数占预算比例
        amounts = [i for i in hits if not re.search(r"率|比例|占|%", names[i])]
        hits = amounts or hits
    if len(hits) > 1:  # "2023年决算数" over "2022年决算数" / "上年决算数": this year's column
        hits = _this_years(names, hits)
    return hits[0] if len(hits) == 1 or (hits and qualifier == "预算") else None


def column_named(names: list[str], question: str, partial: bool = False) -> int | None:
    """The column whose header the question writes out ("…全年支出多少" over a column headed
    全年支出), the longest such header when several are; never the label column.

    ``partial``: ``question`` is a part's terms, and the one column whose header contains one
    of them ("编制" → 编制数) is it (None when no column or several do)."""
    asked = match_text(question)
    named = [
        (len(key), i)
        for i, name in enumerate(names)
        if i and len(key := match_text(name.rsplit("·", 1)[-1])) >= 2 and key in asked
    ]
    if not named:  # a flattened two-level header ("…比上年增减增减额"): its own lower part
        named = [
            (len(end), i) for i, ends in sub_headers(names).items() for end in ends if end in asked
        ]
    if not named:  # the question writes a synonym of the header (在职人数 for 实有人数)
        synonyms = synonym_index()
        named = [
            (len(key), i)
            for i, name in enumerate(names)
            if i
            and len(key := match_text(name.rsplit("·", 1)[-1])) >= 2
            and any(len(s) >= 2 and match_text(s) in asked for s in synonyms.get(key, ()))
        ]
        named = named if len(named) == 1 else []  # only a header no other column shares
    if partial and not named:
        terms = [match_text(t) for t in question.split() if len(t) >= 2]
        hits = [i for i, n in enumerate(names) if i and any(t in match_text(n) for t in terms)]
        return hits[0] if len(hits) == 1 else None
    return max(named)[1] if named else None


def sub_headers(names: list[str]) -> dict[int, list[str]]:
    """The possible lower parts of headers a converter wrote as one name with the upper one
    ("决算数比上年增减增减额" beside "…增减率"): for a column sharing a beginning of 2+
    characters with a neighbour, each ending of 2–4 characters that no other column has."""
    keys = [match_text(n.rsplit("·", 1)[-1]) for n in names]
    out: dict[int, list[str]] = {}
    for i in range(1, len(keys)):
        near = [keys[j] for j in (i - 1, i + 1) if 0 < j < len(keys) and keys[j]]
        if not keys[i] or not any(n[:2] == keys[i][:2] and n != keys[i] for n in near):
            continue
        others = [k for j, k in enumerate(keys) if j != i]
        ends = [keys[i][-n:] for n in range(2, 5) if len(keys[i]) - n >= 2]
        ends = [e for e in ends if not any(e in k for k in others)]
        if ends:
            out[i] = ends
    return out


def columns_written(names: list[str], question: str) -> list[int]:
    """The lower-level columns the question writes out ("基本支出和项目支出各多少" under 本年支出·
    基本支出 / 本年支出·项目支出, or flattened "本年支出基本支出"), in header order; only when it
    writes two or more, none inside another."""
    asked = match_text(question)
    ends = sub_headers(names)
    found: dict[int, str] = {}
    for i, name in enumerate(names):
        if not i or ("·" not in name and i not in ends):
            continue
        own = [match_text(name.rsplit("·", 1)[-1])] if "·" in name else ends[i]
        hit = max((e for e in own if len(e) >= 2 and e in asked), key=len, default=None)
        if hit:
            found[i] = hit
    words = list(found.values())
    if len(found) < 2 or any(a != b and a in b for a in words for b in words):
        return []
    return sorted(found)


def _earlier_years(names: list[str], hits: list[int]) -> list[int]:
    """The columns among ``hits`` of a year before the latest one they name ("上年决算数",
    "2022年决算" beside "2023年决算"); empty when all are of one year."""
    latest = set(_this_years(names, hits))
    return [
        i for i in hits if i not in latest and not re.search(r"率|比例|占|%|增减|变动", names[i])
    ]


def _this_years(names: list[str], hits: list[int]) -> list[int]:
    """The columns of the latest year among ``hits``: a report's own year is the latest its
    columns of one kind name; "上年…" columns are the year before."""
    plain, previous = 10_000, 0  # an unlabelled column is this year's; 上年 below any year
    years = {i: column_year(names[i], plain)[0] or plain for i in hits}
    years = {i: previous if year == plain - 1 else year for i, year in years.items()}
    latest = max(years.values())
    return [i for i in hits if years[i] == latest]


_VALUE_CELL = re.compile(
    r"^[≥≤<>＞＜=约]?\s*-?\d[\d,]*(?:\.\d+)?\s*(?:%|[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff·]{1,4})?)?$"
)
"""A cell holding a value ("15次", "≥90%", "960元/人·年"), never a label."""


_JOINED = re.compile(r"[和及与、]")
"""Joining words a row label may have and a question may leave out."""


def label_segment(cells: list[str], terms: Sequence[str], question: str = "") -> tuple[int, int]:
    """(label cell, end) of the label–figures group of a row that names ``terms``.

    Side-by-side tables ("收入项目 | 决算数 | 支出项目 | 决算数") hold two groups per row; a
    question about 基本支出 is answered by the figures after that label, not the row's first.
    The whole row (0, len) when its first cell names a term or no later label cell does."""
    keys = [match_text(t) for t in terms if t]
    labels = [
        i
        for i, c in enumerate(cells)
        if c.strip() and not _VALUE_CELL.match(c.strip()) and not _NO_FIGURE.fullmatch(c.strip())
    ]
    if labels and labels[0] != 0 and not cells[0].strip():  # the left group is empty
        last = labels[0]  # or a merged first label cell: "| 可持续影响指标 | 覆盖率 | ≥90% |"
        while last + 1 in labels:  # label cells side by side are one label (二级·三级指标)
            last += 1
        return last, next((j for j in labels if j > last), len(cells))
    if not keys or not labels or labels[0] != 0:
        return 0, len(cells)
    keys = [_JOINED.sub("", k) for k in keys]  # "年末结转结余" names "年末结转和结余"
    named = [sum(k in _JOINED.sub("", match_text(cells[i])) for k in keys) for i in labels]
    asked = _JOINED.sub("", match_text(question))
    whole = [bool(asked) and _JOINED.sub("", match_text(cells[i])) in asked for i in labels]
    best = max(range(len(labels)), key=lambda n: (named[n], whole[n], -n))
    # the most terms; on a tie the label the question writes out whole ("年末结转和结余",
    # whose 年末 is no search term); then the first
    if best == 0 or not named[best]:
        return 0, len(cells)
    i = labels[best]  # "年末结转和结余" asked: not the row's first group, 年初结转和结余
    return i, next((j for j in labels if j > i), len(cells))


_FORM_SUBJECT = re.compile(r"^项目名称[：:]")
_SUBJECT_LINES = 6


def form_subject(report_text: str, row_start: int) -> str:
    """The "项目名称：X" line a form writes a few lines above a row's table ("" when none):
    the project the form's rows are about."""
    lines = lines_before(report_text, row_start, 60)
    while lines and "\t" in lines[-1]:
        lines.pop()
    for line in reversed(lines[-_SUBJECT_LINES:]):
        if _FORM_SUBJECT.match(line):
            return line
        if "\t" in line:
            break
    return ""


def table_title(report_text: str, row_start: int, max_lines: int = 60) -> str:
    """The short lines just above a row's table block (its title, "年度预算申请", the unit)."""
    lines = lines_before(report_text, row_start, max_lines)
    while lines and "\t" in lines[-1]:
        lines.pop()
    title = []
    while lines and "\t" not in lines[-1] and len(lines[-1]) <= 40 and len(title) < 3:
        title.insert(0, lines.pop())
    return "\n".join(title)


def qualifier_in(text: str, qualifier: str | None) -> bool:
    """The text (a table's title) names the qualifier as a column header would."""
    pattern = next((p for name, _, p in QUALIFIERS if name == qualifier), None)
    return bool(pattern and pattern.search(text))


def cell_text(name: str, cell: str, money_unit: str | None, label: str = "") -> str:
    """A cell with its unit: the one its row label's brackets name ("公务用车保有量（辆）"),
    else the one its column header names ("决算数（万元）"), else the caption's money unit,
    unless the column is not money."""
    own = bracketed_unit(label)
    if own and _NUMERIC.match(cell) and not cell.endswith("%"):
        return f"{cell}{own}"
    in_header = _HEADER_UNIT.search(name)
    unit = in_header.group(1) if in_header else money_unit
    numeric = unit and _NUMERIC.match(cell) and not cell.endswith("%")
    if numeric and not _NOT_MONEY_COLUMN.search(_HEADER_UNIT.sub("", name)):
        return f"{cell}{unit}"
    return cell


_LEVEL = re.compile(r"^[一二三四五六]级")


def level_columns(header: list[str]) -> int:
    """How many leading columns are upper levels of a hierarchy ("一级指标", "二级指标" before
    "三级指标"): their cells repeat down the table (merged), so the row's own label is the
    deepest level, shown with its parents ("产出指标·数量指标·造林面积")."""
    names = [name.rsplit("\n", 1)[-1] for name in header]  # a caption line may lead the header
    n = 0
    while n + 1 < len(names) and _LEVEL.match(names[n]) and _LEVEL.match(names[n + 1]):
        n += 1
    return n


_MAX_LABEL_COLUMNS = 3


def label_columns(cells: list[str]) -> int:
    """How many columns after the first also name the row, in a row of labels then figures
    only: "公务用车 | 运行维护费 | 4.26" (a merged 类别 column beside 项目) is
    "公务用车·运行维护费". Labels hold no digits, figures are all that follow."""
    first = next((i for i, c in enumerate(cells) if _NUMERIC.match(c.strip())), len(cells))
    labels, rest = cells[:first], cells[first:]
    if not rest or len(labels) > _MAX_LABEL_COLUMNS or any(re.search(r"\d", c) for c in labels):
        return 0
    if any(
        c.strip() and not _NUMERIC.match(c.strip()) and not _NO_FIGURE.fullmatch(c.strip())
        for c in rest
    ):
        return 0
    return max(0, len(labels) - 1)


_SERIAL_HEADER = re.compile(r"^(?:序号|编号|序|No\.?)$", re.I)
_SERIAL_CELL = re.compile(r"^(?:\d{1,3}|[（(]?[一二三四五六七八九十]{1,3}[）)、]?)$")


def label_start(names: list[str], cells: list[str]) -> int:
    """The column that names a row: 1 past a 序号 column ("1 | 高标准农田建设项目 | …"),
    else 0. A first cell is a serial number when its header says so, or when it is a bare
    small number before a cell of words."""
    if len(cells) < 2 or not cells[1].strip() or _NUMERIC.match(cells[1].strip()):
        return 0
    head = names[0].strip() if names else ""
    if _SERIAL_HEADER.match(head) or (not head and _SERIAL_CELL.match(cells[0].strip())):
        return 1
    return 0


_NO_FIGURE = re.compile(r"[-—–－―/／]+|无")
"""A figure cell left blank on purpose ("—" under 分值 of a sub-row)."""


def row_statement(
    unit: Unit, money_unit: str | None, headers: list[str] | None = None, first: int | None = None
) -> str:
    """ "公务接待费：预算数 9.00万元、决算数 7.88万元" from a row, its header and caption unit.

    ``headers`` (from :func:`header_rows`) replaces the one-line header a passage carries;
    ``first`` puts the asked column first so the answer leads with it."""
    cells = unit.text.split("\t")
    if headers:
        names = merged_header(headers, len(cells))
    else:
        header = (unit.header or "").split("\t")
        if len(header) != len(cells):
            return " | ".join(c for c in cells if c)
        names = header
    levels = level_columns(names) or label_columns(cells)
    skip = 0 if levels else label_start(names, cells)  # a 序号 column names no row
    label = "·".join(c for c in dict.fromkeys(cells[skip : skip + levels + 1]) if c) or cells[0]
    order = list(range(skip + levels + 1, len(cells)))
    if first is not None and first in order:
        order.remove(first)
        order.insert(0, first)
    parts = []
    for i in order:
        cell = cells[i].strip()
        if not cell:
            continue
        value = cell_text(names[i], cell, money_unit, cells[0])
        parts.append(f"{names[i]} {value}" if names[i] else value)
    return f"{label}：" + "、".join(parts) if parts else label


def group_statement(
    cells: list[str],
    names: list[str],
    money_unit: str | None,
    group: tuple[int, int],
    first: int | None,
) -> str:
    """A side-by-side row ("年初结转和结余 | 46.18 | 年末结转和结余 | 73.55") told group by
    group, the asked group (label cell ``group[0]``, figures up to ``group[1]``) first:
    "年末结转和结余：决算数 73.55万元；年初结转和结余：决算数 46.18万元"."""
    lo, hi = group
    spans = [(lo, hi), (0, lo), (hi, len(cells))]
    told = []
    for a, b in spans:
        order = list(range(a + 1, b))
        if first is not None and first in order:
            order.remove(first)
            order.insert(0, first)
        parts = [
            f"{names[i]} {cell_text(names[i], cells[i].strip(), money_unit, cells[a])}"
            if names[i]
            else cell_text(names[i], cells[i].strip(), money_unit, cells[a])
            for i in order
            if cells[i].strip()
        ]
        label = cells[a].strip() if a < len(cells) else ""
        if label and parts:
            told.append(f"{label}：" + "、".join(parts))
    return "；".join(told)


_QUALIFIER_LABEL_MAX = 8
"""A row label that is a qualifier ("预算数", "2023年决算数") is short; longer labels name items."""


def qualifier_of_label(label: str) -> str | None:
    """The qualifier a row's label is, in a transposed table whose rows are 预算数 / 决算数 and
    whose columns are the items ("项目 | 合计 | 因公出国（境）费 | … | 公务接待费"); None for an
    item's label."""
    own = re.sub(r"^(?:19|20)\d{2}\s*年度?", "", label.strip())
    if not own or len(own) > _QUALIFIER_LABEL_MAX or re.search(r"\d", own):
        return None
    for name, _, pattern in QUALIFIERS:
        if re.fullmatch(rf"(?:{pattern.pattern})(?:预算)?[数额值]?", own):
            return name
    return None


def qualifier_rows(report_text: str, row_start: int, column: int) -> list[tuple[str, str]]:
    """(row label, cell in ``column``) of every qualifier row of the table holding the row at
    ``row_start``: the table rows (lines with cells) above and below it."""
    lines = report_text.split("\n")
    at = report_text.count("\n", 0, row_start)
    first, last = at, at
    while first > 0 and "\t" in lines[first - 1]:
        first -= 1
    while last + 1 < len(lines) and "\t" in lines[last + 1]:
        last += 1
    out = []
    for line in lines[first : last + 1]:
        cells = line.split("\t")
        if column < len(cells) and qualifier_of_label(cells[0]) and cells[column].strip():
            out.append((cells[0].strip(), cells[column].strip()))
    return out


def tab_blocks(text: str) -> list[list[tuple[int, str]]]:
    """Runs of consecutive table rows (tab-separated lines) of a passage, each row with its
    start offset in the text."""
    blocks: list[list[tuple[int, str]]] = []
    run: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        if "\t" in line:
            run.append((pos, line))
        elif run:
            blocks.append(run)
            run = []
        pos += len(line) + 1
    return [*blocks, run] if run else blocks
