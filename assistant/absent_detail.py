"""A distinctive detail the question asks that the chosen figure's own words contradict or lack:
the figure is another item's, and the answer says so instead of stating it.

- ``absent_level``: a level of government a fund comes from ("中央资金") that the report never
  names as a fund source while it names the funds of other levels ("县级…、省级…").
- ``unstated_level``: a level's fund the quote names only as a source, with no amount of its
  own ("资金来源为中央补助资金和县级配套资金"): the figures there are the whole's.
- ``other_ordinal``: an ordinal of the item ("第四次普查") where the quote states another one
  ("第五次普查") and never the asked one.
- ``reason_only``: an item ("办公费") written in the quote only inside a cause clause ("主要是压减
  办公费和差旅费") with no figure of its own: the figure is of the item the sentence is about.
- ``absent_qualifier``: a measure narrowed by a word the report never writes ("门急诊人次").
- ``no_figure_for_amount``: an amount asked of a sentence that states no figure at all.
"""

from __future__ import annotations

import functools
import re

from assistant.evidence import Topic, match_text, states_absence, term_strength
from index.lexical import words
from index.numbers import find_quantities

_FUND = r"(?:财政)?(?:资金|补助|补贴|拨款|专项|转移支付|投资|投入|配套|奖补|经费|下达|安排|拨付)"
_LEVEL_WORDS = {
    "中央": r"(?<!党)中央",
    "省级": r"省级|省财政|省本级|省级财政",
    "市级": r"市级|市财政|市本级",
    "县级": r"县级|县财政|县本级|区级|区财政",
}


@functools.cache
def _level_fund(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{_LEVEL_WORDS[name]})[\u4e00-\u9fff]{{0,8}}?{_FUND}(?:资金)?")


_FIGURE_ASKED = re.compile(r"多少|几|how (?:much|many)", re.I)


def _asked_level(question: str) -> str | None:
    """The one level of government whose fund a figure question asks ("中央资金多少"), else None."""
    if not _FIGURE_ASKED.search(question):
        return None
    asked_q = match_text(question)
    asked = [n for n in _LEVEL_WORDS if _level_fund(n).search(asked_q)]
    return asked[0] if len(asked) == 1 else None


@functools.lru_cache(maxsize=32)
def _report_names_level(text: str, level: str) -> bool:
    """The report writes the level anywhere (read once per report and level, not per quote)."""
    return bool(re.search(_LEVEL_WORDS[level], match_text(text)))


def absent_level(question: str, text: str, shown: str) -> str | None:
    """The fund asked by its level ("中央资金") when the report names no fund of that level at
    all, and the quote names funds of other levels with amounts (the split the report gives):
    none of its figures is the asked level's. None otherwise."""
    level = _asked_level(question)
    if level is None:
        return None
    if _report_names_level(text, level):
        return None  # the report writes the level somewhere: the readers' figures decide
    quote = match_text(shown)
    others = [n for n in _LEVEL_WORDS if n != level and _level_fund(n).search(quote)]
    if not others or not any(q.is_money for q in find_quantities(shown)):
        return None
    found = _level_fund(level).search(match_text(question))
    return found.group(0) if found else level


_CLAUSE = re.compile(r"[，,；;。：:]")


def unstated_level(question: str, shown: str) -> str | None:
    """The fund asked by its level ("中央补助资金多少") when the quote names that level's fund
    only without an amount of its own ("资金来源为中央补助资金和县级配套资金") and states money
    for the whole: the report does not split the asked level out. None otherwise."""
    level = _asked_level(question)
    if level is None or not any(q.is_money for q in find_quantities(shown)):
        return None
    clauses = [c for c in _CLAUSE.split(shown) if _level_fund(level).search(match_text(c))]
    if not clauses or any(q.is_money for c in clauses for q in find_quantities(c)):
        return None
    found = _level_fund(level).search(match_text(question))
    return found.group(0) if found else level


def level_not_in(question: str, text: str) -> bool:
    """The question asks a fund by one level that the report never names: no figure of the
    report is that level's."""
    level = _asked_level(question)
    return level is not None and not _report_names_level(text, level)


_ORDINAL = re.compile(r"第([一二三四五六七八九十百零〇\d]{1,4})(次|批|期|届|轮|阶段|季度)")


def other_ordinal(question: str, shown: str) -> str | None:
    """The asked ordinal item ("第四次经济普查") when the quote writes the same counter with
    another ordinal ("第五次") and never the asked one. None otherwise."""
    asked_q = match_text(question)
    quote = match_text(shown)
    for found in _ORDINAL.finditer(asked_q):
        if found.group(0) in quote:
            continue
        same = [m for m in _ORDINAL.finditer(quote) if m.group(2) == found.group(2)]
        if same:
            tail = re.match(r"[\u4e00-\u9fff]{0,10}", asked_q[found.end() :])
            tail_words = tail.group(0) if tail else ""
            tail_words = re.sub(
                r"(?:的|经费|资金|支出|费用|花|用了|有|是|多少|几).*$", "", tail_words
            )
            return found.group(0) + tail_words[:8]
    return None


_CAUSE = re.compile(
    r"主要是|主要原因|原因是|主要用于|用于|由于|因为|压减|压缩|缩减|节约|严控|控制|减少了?|增加了?"
    r"|包括|主要有"
)
_ITEM_TAIL = re.compile(r"(?:费|经费|费用|支出|资金|补助|补贴|奖补)$")
_GENERIC = re.compile(r"^(?:费用?|经费|支出|资金|补助|补贴|奖补|开支)$")


def reason_only(
    question: str, terms: list[str] | tuple[str, ...], shown: str, figure: str | None
) -> str | None:
    """The asked item ("办公费") when the quote writes it only in clauses without a figure that
    follow a cause word ("主要是…压减办公费和差旅费"), and the clause of the figure never names
    it: the figure is another item's. None otherwise."""
    if not figure or not _FIGURE_ASKED.search(question) or _COUNT_ASKED.search(question):
        return None  # "补了多少家": a count, not an amount
    quote = match_text(shown)
    at = quote.find(match_text(figure))
    if at < 0:
        return None
    clauses = re.split(r"[，,。；;]", quote)
    items = {
        run[i:j]
        for run in re.findall(r"[\u4e00-\u9fff]+", match_text(question))
        for i in range(len(run))
        for j in range(i + 3, min(len(run), i + 16) + 1)
        if run[i:j] in quote
    }
    items |= {match_text(t) for t in terms}
    items = {w for w in items if _ITEM_TAIL.search(w)}
    longest = [w for w in items if not any(w != o and w in o for o in items)]
    for word in sorted(longest, key=len, reverse=True):
        if _GENERIC.match(word) or not _ITEM_TAIL.search(word) or word not in quote:
            continue
        own = re.split(r"[。；;，,]", quote[:at])[-1]
        if re.search(".*?".join(map(re.escape, word)), own):
            continue  # "政府性基金预算财政拨款支出" is what "政府性基金支出" abbreviates
        holding = [c for c in clauses if word in c]
        if all(_cause_only(c, word) for c in holding):
            return word
    return None


_COUNT_ASKED = re.compile(r"(?:多少|几)(?:个|家|人|次|项|户|批|辆|名|所|台|件|场|天|处)")


def _cause_only(clause: str, word: str) -> bool:
    """``word`` stands in ``clause`` as a whole item after a cause or use word ("压减办公费和
    差旅费", "主要包括办公费、…"), the clause stating no figure: not a name's tail ("库区基金
    支出" is not 基金支出)."""
    if any(q.is_money or q.unit for q in find_quantities(clause)):
        return False
    cause = _CAUSE.search(clause)
    at = clause.find(word)
    if cause is None or cause.start() >= at:
        return False
    before = clause[:at]
    return bool(re.search(f"(?:{_CAUSE.pattern})$", before)) or before[-1:] in (
        "、",
        "和",
        "及",
        "与",
        "或",
    )


_PER_HEAD_ASKED = re.compile(
    r"人均|每人|每名|每个人|人平均?|平均每人|per[- ](?:capita|person|head|staff)|"
    r"(?:平均)?(?:每一?|单)(?:个|台|辆|座|户|所|家|位|批|批次|份|项|处|套|公里|亩)"
    r"[\u4e00-\u9fff\dA-Za-z]{0,8}?(?:补助|补贴|奖补|花|费用|成本|多少钱|多少元|投入|资金|经费|造价|单价)",
    re.I,
)
_PER_HEAD_WRITTEN = re.compile(
    r"人均|每人|每名|人平均?|平均每|元/人|万元/人|/人|每位|单价|"
    r"每(?:个|台|辆|座|户|所|家|批|批次|份|项|处|套|公里|亩)|/(?:个|台|辆|座|户|所|家|套|公里|亩)"
)


def per_head(question: str, shown: str) -> bool:
    """A figure per head or per thing asked ("人均经费", "每个基站补助多少", "per-capita
    spending") where the quote states none: its amount is a total, never the figure per head
    or per thing (the report may not give one at all)."""
    return bool(_PER_HEAD_ASKED.search(question)) and not _PER_HEAD_WRITTEN.search(shown)


_PROJECT = re.compile(r"([\u4e00-\u9fff]{2,16}?)项目(?!支出|资金|经费|数|个)")
_NOT_NAME = re.compile(
    r"^(?:.*?年度?|.*?局|.*?县|.*?委|.*?办)?(?:的|各|该|本|这个|那个|哪个|哪些|所有|全部|几个|其他)?"
)
_POINTING_END = re.compile(r"的?(?:那个|这个|那一个|这一个|那项|这项|那|这)$")
_COUNTED = re.compile(r"^[一二三四五六七八九十两\d]+个?$")
_ASKING = re.compile(r"最|哪|什么|几|多少|那些|这些|的$|大的|小的|重点|主要|其他|其它|所有|全部")
"""Words that describe which project is asked ("最大的项目", "哪些项目"), not a name."""


def _project_names(text: str) -> list[str]:
    names = []
    for found in _PROJECT.finditer(text):
        name = _NOT_NAME.sub("", found.group(1), count=1)
        name = _POINTING_END.sub("", name)  # "马铃薯那个项目": the name is 马铃薯
        if len(name) >= 3 and not _COUNTED.match(name) and not _ASKING.search(name):
            names.append(name)
    return names


def other_project(question: str, shown: str) -> str | None:
    """The project the question names ("送戏下乡项目执行率") where the quote is another
    project's line ("公共文化场馆免费开放项目：…执行率100%") that never writes the asked one:
    its figure is not the asked project's. Returns the asked name."""
    asked = _project_names(match_text(question))
    written = _project_names(match_text(shown))
    if len(asked) != 1 or not written:
        return None
    name = asked[0]
    tail = name[-4:]
    if any(name in w or tail in w or w in name or shortened(name, w) for w in written):
        return None
    return None if tail in match_text(shown) else name


def shortened(name: str, written: str) -> bool:
    """``name`` is ``written`` said shorter, its words kept in order and words between dropped
    ("一体化运维" for 预算管理一体化系统运维): every word of two or more characters found, at
    least two of them."""
    kept = [w for w in words(name) if len(w) >= 2]
    if len(kept) < 2 or "".join(kept) != name:
        return False
    at = 0
    for word in kept:
        at = written.find(word, at)
        if at < 0:
            return False
        at += len(word)
    return True


_MEASURED = re.compile(
    r"收入|支出|经费|费用?|资金|补助|补贴|人次|人数|户数|次数|率|金额|总额|数量|面积|里程"
)
"""What a word right before it narrows to one thing ("门急诊人次", "拨缴收入", "药品收入")."""


def absent_qualifier(topic: Topic, question: str, text: str) -> bool:
    """The question narrows a measure by a word this report never writes ("门急诊人次", "工会
    经费拨缴收入"): the narrowed thing is not in the report, and a figure of the broader measure
    (公务接待的人次, 上级补助收入) would answer another question."""
    squashed = ""
    for term in topic.hard:
        at = question.find(term)
        if term in topic.metric or len(term) < 2 or at < 0:
            continue
        if not _MEASURED.match(question, at + len(term)) or _WITHIN.search(question[:at]):
            continue  # (a part "里" a named whole is told apart from it where it is read)
        squashed = squashed or match_text(text)  # the report read once, and only if needed
        if term_strength(term, squashed) < 0.9:  # (a synonym counts, not "门…急…诊" spread out)
            return True
    return False


_WITHIN = re.compile(r"(?:里面|里头|里边|当中|之中|里|中)$")


_AMOUNT_ASKED = re.compile(
    r"多少钱|多少万|多少元|how much|"
    r"(?:金额|总额|资金|经费|费用?|支出|收入|预算|决算)(?:是|为|有|共|一共)?多少(?![个项家名人次批辆台])"
)


def no_figure_for_amount(shown: str, is_row: bool, question: str) -> bool:
    """An amount of money asked ("政府采购总额是多少") and the quoted sentence states no figure
    at all: it is about the thing, but does not answer."""
    if is_row or not _AMOUNT_ASKED.search(question):
        return False
    if states_absence(shown):
        return False  # "本部门无国有资本经营预算支出": none, which answers
    return not any(not q.is_year for q in find_quantities(shown))
