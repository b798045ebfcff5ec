"""English questions mapped to Chinese before they are understood and searched.

Domain phrases come from the bilingual glossary of ``index/vocabulary.toml`` (longest phrase
first); government bodies from its ``bodies`` list; counties by the pinyin of the indexed
counties' names ("Guangshan" → 光山县); other content words from the English–Chinese
dictionary of the ``cedict`` package (an offline SQLite file), first sense only. Question words
become the Chinese words that carry the same intent (how much → 多少, which … more → 哪个 更多).
"""

from __future__ import annotations

import functools
import itertools
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from importlib import resources

from assistant import english_bodies
from index import vocabulary

_INTENT_WORDS: tuple[tuple[str, str], ...] = (
    (r"\bhow many\b", "几个"),
    (r"\bhow much\b|\bwhat (?:is|was|were|are) the (?:amount|total|figure|value)\b", "多少"),
    (r"\bwhere\b|\bwhich (?:section|part|chapter|paragraph)\b", "哪一节"),
    (r"\bcompare[ds]?\b|\bcomparison\b|\bversus\b|\bvs\.?\b", "比较"),
    (r"\brank(?:ed|ing)?\b|\border\b|\bsort(?:ed)?\b", "排序"),
    (r"\b(?:highest|largest|biggest|most)\b", "最高"),
    (r"\b(?:lowest|smallest|least|fewest)\b", "最低"),
    (r"\b(?:higher|larger|bigger|more)\b", "更多"),
    (r"\b(?:lower|smaller|less|fewer)\b", "更少"),
    (r"\bdifference\b|\bdiffer\b|\bgap\b", "差多少"),
    (r"\bincrease[ds]?\b|\bgrew\b|\bgrowth\b|\brise\b|\brose\b", "增加"),
    (r"\bdecrease[ds]?\b|\bfell\b|\bdrop(?:ped)?\b|\bdecline[ds]?\b", "减少"),
    (r"\bwhich (?:county|district|one|department|bureau|report|unit)\b|\bwho\b", "哪个"),
    (r"\beach\b|\bboth\b|\brespectively\b", "分别"),
    (r"\bshare\b|\bproportion\b|\bpercentage\b|\bratio\b", "占比"),
    (r"\bprevious year\b|\blast year\b|\bprior year\b|\byear before\b", "上一年"),
    (r"\bwhy\b|\breasons?\b|\bexplain(?:s|ed|ing)?\b|\bexplanations?\b|\bcaused?\b", "原因"),
    (r"\bbudget(?:ed)?\b", "预算"),
    (r"\b(?:extra|additional|added|adds?|create[ds]?|newly)\b", "新增"),
    (r"\b(?:built|constructed)\b", "新建"),
    (r"\bactual(?:ly)?\b|\bspent\b", "实际"),
    # "how much did X spend (in total) (in 2023)?": the body's whole spending (花了多少);
    # "spend on Y" keeps Y as the topic
    (
        r"\bspends?\b(?=(?:\s+(?:in total|altogether|overall|in all))?"
        r"(?:\s+in\s+(?:fiscal\s+)?(?:year\s+)?\d{4})?\s*[?.]?\s*$)",
        "花了多少",
    ),
    (
        r"\bmissed\b|\bnot (?:met|achieved|reached)\b|\bunmet\b|\bfailed to (?:meet|reach)\b",
        "未完成",
    ),
)
_STOP = frozenset(
    "a an the of in on at for to from by with and or is are was were be been being do does did "
    "what which who whom whose where when how much many it its this that these those there their "
    "please tell me us we you i give show list report reports according say says said state "
    "stated mention mentioned county district city bureau department year fiscal than as into "
    "about any all each both total amount figure value number can could would should has have had "
    "so if then not no yes between over under per same other another more most less least "
    "among across statement workbook form table document documents file page text itself its "
    "what's give gave given host hosted did done make made get got end hit meet met reach reached "
    "achieve achieved find found use used during receive received receives receiving".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_HOW_MANY_PEOPLE = re.compile(
    r"\bhow many\b(?=(?:\s+[a-z'\-]+){0,2}?\s+(?:person[- ]times|staff|"
    r"employees|workers|tourists|visitors|guests|households|families|residents|farmers|"
    r"beneficiaries|students|pupils|patients|retirees|teachers)\b)",
    re.I,
)
_SENSE = re.compile(r"[\u4e00-\u9fff]{1,6}")
_GRAMMAR = re.compile(r"过去式|过去分词|现在分词|复数|第三人称|比较级|最高级")
"""A dictionary gloss that is grammar, not a sense ("went": "go的过去式")."""


@functools.cache
def _measures() -> tuple[tuple[re.Pattern[str], str], ...]:
    pairs = vocabulary.vocabulary()["english"]["measures"]
    return tuple(
        (re.compile(rf"\bhow many\b(?=(?:\s+[a-z'\-]+){{0,2}}?\s+(?:{p})\b)", re.I), zh)
        for p, zh in pairs
    )


def _counted_in_measure(text: str) -> str:
    """ "How many cases …" asked as "多少件": things counted in their measure word, so a count in
    another one (a list's 个) is never taken for them."""
    for pattern, measure in _measures():
        text = pattern.sub(f" 多少{measure} ", text)
    return text


def is_english(text: str) -> bool:
    """Mostly Latin words (three at least) and no more Han characters than letters; or two
    words and no Han character at all (a short follow-up)."""
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    words = len(re.findall(r"[A-Za-z]{2,}", text))
    short = han == 0 and words >= 2 and latin >= 4  # a follow-up: "Same for 2020?"
    return (words >= 3 and latin >= han) or short


def asks_people(text: str) -> bool:
    """ "How many tourists/staff/households …": a number of people, never a count of listed
    items."""
    return bool(_HOW_MANY_PEOPLE.search(text))


@functools.cache
def _glossary() -> tuple[tuple[re.Pattern[str], str], ...]:
    english = vocabulary.vocabulary()["english"]
    # a term's last word may be plural however the entry writes it ("execution rates"); a
    # body's may not: "health and civil affairs bureaus" names several bodies, not 民政局
    terms = [(re.compile(rf"\b(?:{p})(?:e?s)?\b", re.I), zh) for p, zh in english["glossary"]]
    # nor is a body written inside a hyphenated word ("the smart-court project")
    bodies = [(re.compile(rf"(?<!-)\b(?:{p})\b(?!-)", re.I), zh) for p, zh in english["bodies"]]
    return (*terms, *bodies)


@functools.cache
def _dictionary() -> sqlite3.Connection | None:
    """The cedict English → Chinese word list, read-only (None when the package is missing)."""
    try:
        path = resources.files("cedict").joinpath("db", "words.db")
    except ModuleNotFoundError:
        return None
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


@functools.cache
def _is_name(word: str) -> bool:
    """A capitalised word that is not a stop word (a place in pinyin, GDP, 5G …)."""
    return word[0].isupper() and re.sub(r"'s$", "", word).lower() not in _STOP


@functools.cache
def dictionary_senses(word: str, single: bool = False) -> tuple[str, ...]:
    """The Chinese senses the dictionary gives for an English word or phrase, in its order,
    without a trailing 的 ("临时的" → 临时); one-character senses ("床") only with ``single``
    (they are parts of compounds, never searched alone)."""
    conn = _dictionary()
    if conn is None:
        return ()
    base = word.lower()
    stems = (
        base,
        re.sub(r"(?:es|s|ed|ing)$", "", base),
        base.rstrip("s"),
        re.sub(r"ies$", "y", base),
    )
    for form in dict.fromkeys(stems):
        row = conn.execute("SELECT chinese FROM words WHERE english = ?", (form,)).fetchone()
        if row and row[0]:
            plain = re.sub(r"[（(<\[][^）)>\]]*[）)>\]]", "", row[0])
            found = (re.sub(r"(?<=.)的$", "", s) for s in _SENSE.findall(plain))
            senses = tuple(
                dict.fromkeys(s for s in found if len(s) <= 4 and not _GRAMMAR.search(s))
            )
            if not single:
                senses = tuple(s for s in senses if len(s) >= 2)
            if senses:
                return senses
    return ()


def dictionary_sense(
    word: str,
    knows: Callable[[str], bool] | None = None,
    contains: Callable[[str], bool] | None = None,
) -> str:
    """The sense to search for ("" when none): with ``knows`` (does the index hold this
    word?) the first sense the reports use — "vehicle" → 车辆 rather than 交通工具 — preferring
    one they use as written (``contains``), and "" when they use none (such a word can only make
    an answerable question look unanswerable); without it the dictionary's first sense."""
    senses = dictionary_senses(word)
    if knows is None:
        return senses[0] if senses else ""
    if contains is not None:
        written = next((s for s in senses if contains(s)), "")
        if written:
            return written
    return next((s for s in senses if knows(s)), "")


_COMPOUND_SENSES = 8
"""Senses of each word tried when composing a phrase (the dictionary's most common first)."""


def compound_sense(words: Sequence[str], contains: Callable[[str], bool]) -> str:
    """The Chinese term for an English phrase that is not word-by-word ("temporary relief" →
    临时救助 is not, but its parts' senses compose into a term the reports use): the phrase's
    own dictionary entry, else the longest concatenation of one sense per word that occurs as
    written in the reports ("" when none). Words are composed in order, pruned by prefix."""
    phrase = " ".join(words)
    own = [s for s in dictionary_senses(phrase) if contains(s)]
    if own:
        return own[0]
    options = [dictionary_senses(w, single=True)[:_COMPOUND_SENSES] for w in words]
    if not all(options):
        return ""
    prefixes = [s for s in options[0] if contains(s)]
    for senses in options[1:]:
        prefixes = [p + s for p in prefixes for s in senses if contains(p + s)]
        if not prefixes:
            return ""
    best = max(prefixes, key=len)
    return best if len(best) >= 3 else ""


@functools.cache
def _pinyin_readings(stem: str) -> tuple[str, ...]:
    """Every toneless reading of a name ("长葛" → zhangge, changge)."""
    from pypinyin import Style, pinyin

    readings = pinyin(stem, style=Style.NORMAL, heteronym=True)
    combos = itertools.islice(itertools.product(*readings), 16)
    return tuple(dict.fromkeys("".join(c).replace("ü", "v") for c in combos))


def county_by_pinyin(text: str, counties: Iterable[str]) -> list[tuple[int, str]]:
    """(position, county) for indexed counties written in pinyin ("Guangshan", "Gong Cheng")."""
    from index.gazetteer import county_stem

    squashed = re.sub(r"[^a-z]", "", text.lower())
    letters = [i for i, ch in enumerate(text.lower()) if "a" <= ch <= "z"]
    found = []
    for county in counties:
        for stem in dict.fromkeys((county_stem(county), re.sub(r"(县|区|市|旗)$", "", county))):
            for reading in _pinyin_readings(stem):
                pos = squashed.find(reading)
                if len(reading) >= 4 and pos >= 0:
                    found.append((letters[pos], county))
                    break
            else:
                continue
            break
        else:
            at = _one_syllable_county(text, county)
            if at is not None:
                found.append((at, county))
    return sorted(found + _romanised(text, counties, found))


def _romanised(
    text: str, counties: Iterable[str], found: Sequence[tuple[int, str]]
) -> list[tuple[int, str]]:
    """Indexed counties not read in pinyin but named in their own romanisation ("Burqin" for
    布尔津县): capitalised words that are no English word, nearest one county's reading."""
    from index.gazetteer import county_stem

    done = {c for _, c in found}
    readings = {
        c: _pinyin_readings(county_stem(c)) for c in dict.fromkeys(counties) if c not in done
    }
    words = [
        (m.start(), m.group(0))
        for m in re.finditer(r"\b[A-Z][a-z]+\b", text)
        if _is_name(m.group(0))
        and not dictionary_senses(m.group(0))
        and not any(at <= m.start() < at + len(m.group(0)) for at, _ in found)
    ]
    return english_bodies.romanised_counties(words, readings) if readings and words else []


_PLACE_NAMED = re.compile(r"\b((?:[A-Z][a-z]+[ -]?){1,3}?)\s+(County|District)\b")


def unmatched_places(text: str, held: Sequence[tuple[int, str]]) -> list[str]:
    """Places the question names with their head word ("Shucheng County") that none of the
    indexed counties found in it (``held``, from :func:`county_by_pinyin`) reads as: a county
    the index does not hold, to refuse by name."""
    out = []
    for match in _PLACE_NAMED.finditer(text):
        names = [w for w in re.split(r"[ -]", match.group(1)) if w and w.lower() not in _STOP]
        if names and not any(match.start() <= at < match.end() for at, _ in held):
            out.append(f"{' '.join(names)} {match.group(2)}")
    return out


def _one_syllable_county(text: str, county: str) -> int | None:
    """Where a county named by one character is written in pinyin with its head word, as one
    word or two ("Lixian", "Li Xian", "Li County"; 蠡县), else None: a bare syllable is too
    short to tell from other words."""
    match = re.fullmatch(r"(.)(县|区)", county)
    if match is None:
        return None
    head = "xian|county" if match.group(2) == "县" else "qu|district"
    for reading in _pinyin_readings(match.group(1)):
        found = re.search(rf"\b{reading}\s*(?:{head})\b", text.lower())
        if found:
            return found.start()
    return None


_TOWNSHIP = re.compile(r"^(.{1,6}?)(镇|乡|街道)(?:人民政府|政府|办事处)?$")


def townships_by_pinyin(text: str, departments: Iterable[str]) -> list[str]:
    """Indexed township governments written in pinyin ("Fenglin town", "Xinglong township"):
    a township body is named by its place, which English spells out like a county."""
    squashed = re.sub(r"[^a-z]", "", text.lower())
    found = []
    for department in departments:
        match = _TOWNSHIP.match(department)
        if match and any(len(r) >= 4 and r in squashed for r in _pinyin_readings(match.group(1))):
            found.append(department)
    return found


_COLUMN = (
    r"(?:调整后预算|年初预算|决算数|预算数|实际支出|实际完成值|年度指标值|预算执行率|自评得分)"
)
_COLUMNS_JOINED = re.compile(rf"({_COLUMN}) +and +(?:the +)?({_COLUMN})(?![\u4e00-\u9fff])")
"""Two column terms of a table joined by "and": the columns of one row, not two topics."""
_SHARED_HEAD = re.compile(
    r"\b([A-Za-z]+) and ([A-Za-z][A-Za-z\-]*) (costs?|expenses?|expenditures?|spending|funds?)\b"
)


def _shared_heads(text: str) -> str:
    """ "personnel and public-operation costs": two items sharing one head noun, written out
    as "personnel costs and public-operation costs" when the first with the head is a
    glossary phrase (so "personnel" alone is not read as the staff)."""

    def spread(match: re.Match[str]) -> str:
        first, second, head = match.groups()
        if not any(p.fullmatch(f"{first} {head}") for p, _ in _glossary()):
            return match.group(0)
        return f"{first} {head} and {second} {head}"

    return _SHARED_HEAD.sub(spread, text)


def _replace_longest(text: str, pairs: Iterable[tuple[re.Pattern[str], str]]) -> str:
    """Every glossary phrase replaced by its Chinese term, the longest match winning where
    phrases overlap ("three public expenses" over "public expenses")."""
    spans = [(m.start(), m.end(), zh) for pattern, zh in pairs for m in pattern.finditer(text)]
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    chosen: list[tuple[int, int, str]] = []
    for start, end, zh in spans:
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, zh))
    for start, end, zh in sorted(chosen, reverse=True):
        text = f"{text[:start]} {zh} {text[end:]}"
    return text


def _content_runs(text: str) -> list[list[str]]:
    """Runs of adjacent content words (lower-case English words that are not stop words,
    names or glossary terms) in a partly mapped question: the phrases to compose."""
    runs: list[list[str]] = []
    current: list[str] = []
    pos = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        content = (
            word.lower() not in _STOP
            and len(word) >= 3
            and not word[0].isupper()
            and "'" not in word
        )
        joined = re.fullmatch(r"[\s\-]*", text[pos : match.start()]) is not None
        if not (content and joined) and current:
            runs.append(current)
            current = []
        if content:
            current.append(word)
        pos = match.end()
    if current:
        runs.append(current)
    return runs


_CARRY = r"\bcarr(?:y|ies|ied|ying)"
_CARRY_MORE = re.compile(rf"({_CARRY})\s+(more|less|most|least)\s+(over|forward)\b", re.I)
_CARRY_INTO = re.compile(
    rf"({_CARRY}[- ]?(?:over|forward)\b.*?)\b(?:in)?to\s+(?:the\s+)?(?:fiscal\s+)?(?:year\s+)?"
    r"(?:((?:19|20)\d{2})\b|(?:the\s+)?(next|following)\s+year\b)",
    re.I,
)


def _carried_into(text: str) -> str:
    """ "carry more over into 2024": the carry-over with its comparison after it, and the year
    it is carried into written as the Chinese destination ("结转到2024年"), which names the
    year-end balance of the year before, not a report of that year."""
    text = _CARRY_MORE.sub(r"\1 \3 \2", text)

    def into(match: re.Match[str]) -> str:
        return f"{match.group(1)} 结转到{match.group(2) or '下一'}年 "

    return _CARRY_INTO.sub(into, text)


_RELATIVE_GAP = re.compile(
    r"\bby what (?:percent(?:age)?|%)(?: (?:more|higher|larger|bigger))?|"
    r"\b(?:what|how many) (?:percent(?:age)?|%) (?:more|higher|larger|bigger)\b|"
    r"\b(?:more|higher|larger|bigger) by what (?:percent(?:age)?|%)",
    re.I,
)
"""How much more in relative terms ("by what percentage more?"): the gap over the smaller,
never a share of a whole."""

_SPENT_MORE = re.compile(
    r"\b(?:spend|spends|spent)\b(?=\s+(?:more|less|the most|the least)\b)", re.I
)
"""Spending compared with no item named ("which bureau spent more"; "spent more on X" was
turned into "spent on X more" first): the bodies' whole spending."""

_MORE_SPENT = re.compile(
    r"\bhow much (more|less)\b(?P<who>(?:(?!\bon\b)[^?])*?)\b(?:spend|spent)\b(?!\s+on\b)"
    r"(?:\s+(?:in total|overall|altogether|in all))?",
    re.I,
)
"""A gap in spending asked with no item named ("how much more did X spend (in total) than
Y"): the bodies' whole spending, compared."""
_SPENT_MORE_ON = re.compile(
    r"\b(spend|spends|spent|spending)\s+(more|less|the most|the least)\s+(?:money\s+)?on\s+"
    r"([a-z][a-z\- ]*?)(?=\s+(?:in|than|during|for|last|this)\b|\s*[?.,]|\s*$)",
    re.I,
)
"""A comparison of what was spent on an item ("spent more on projects"): the comparative moved
after the item, so the glossary reads "spent on projects" as the item's spending."""


_ZH = r"[\u4e00-\u9fff（）]+"
_SHARE_WORD = r"(?:share|proportion|percentage|percent|fraction|part)"
_TAKES = r"(?:account(?:s|ed)?\s+for|ma[dk]es?\s+up|made\s+up)"
_SHARE_OF = re.compile(
    rf"\b{_SHARE_WORD}\s+of\b(?P<seg>[^?？]*?)\s*"
    r"(?:(?:(?:was|were|is|are)\s+)?(?:went|goes|go|going|spent|used|allocated|devoted|given)"
    r"\s+(?:to|on|for)|was|were|is|are|did|does|do)\s+(?:the\s+|its\s+|their\s+)?"
    rf"(?P<part>{_ZH})(?:\s+{_TAKES})?",
    re.I,
)
_SHARE_AS = re.compile(
    rf"(?P<part>{_ZH})\s+(?:as|{_TAKES})\s+(?:a\s+|the\s+)?(?:{_SHARE_WORD}\s+)?of\b"
    r"(?P<seg>[^?？]*)",
    re.I,
)
_SHARE_IN = re.compile(
    rf"\b{_SHARE_WORD}\s+of\s+(?:the\s+)?(?P<part>{_ZH})\s+(?:in|within|out\s+of)\b"
    r"(?P<seg>[^?？]*)",
    re.I,
)
_SHARE_OF_THAT = re.compile(
    rf"\b(?:what|which)\s+{_SHARE_WORD}\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?"
    rf"(?P<whole>{_ZH})\s+(?:is|was|are|were|does|did|do)\s+(?:that|this|it|these|those)\b"
    rf"(?:\s+{_TAKES})?",
    re.I,
)
"""A share of a whole asked of the figure just given ("what share of 项目支出 is that?"):
the part is the conversation's last figure."""
_BODY_END = re.compile(r"(?:局|馆|会|中心|政府|办公室|党校|合作社|部|团委)$")


def _whole_in(segment: str, last: bool) -> re.Match[str] | None:
    """The Chinese term a share divides by in ``segment``: the first (``last``: the last) run
    of Chinese there that is no body's name ("Tangxi 档案馆 支出" → 支出)."""
    runs = [m for m in re.finditer(_ZH, segment) if not _BODY_END.search(m.group())]
    runs = [m for m in runs if not re.fullmatch(r"[（）]+", m.group())]
    return (runs[-1] if last else runs[0]) if runs else None


def _shares_written(text: str) -> str:
    """A share asked in English ("what share of its spending went to 人员经费", "人员经费 as a
    percentage of 支出", "the share of 人员经费 in 支出") written the Chinese way, part before
    whole ("人员经费占支出的比重"): the derived share then knows which is which. Other words
    between (a place, a body, a year) are kept."""
    that = _SHARE_OF_THAT.search(text)
    if that:  # "what share of 项目支出 is that": the last figure over the whole named
        return f"{text[: that.start()]} 占{that.group('whole')}的比重 {text[that.end() :]}"
    for pattern, last in ((_SHARE_OF, True), (_SHARE_AS, False), (_SHARE_IN, False)):
        match = pattern.search(text)
        if not match:
            continue
        segment = match.group("seg")
        whole = _whole_in(segment, last)
        part = match.group("part")
        if whole is None or whole.group() == part or _BODY_END.search(part):
            continue
        rest = segment[: whole.start()] + segment[whole.end() :]
        said = f" {rest} {part}占{whole.group()}的比重 "
        return text[: match.start()] + said + text[match.end() :]
    return text


_FISCAL_YEAR = re.compile(r"\bFY\s?['’]?((?:19|20)?\d{2})\b", re.I)
"""A fiscal year written the analyst's way ("FY2022", "FY 2022", "FY22"): China's fiscal year
is the calendar year, so it is that year."""


def _full_year(digits: str) -> str:
    return digits if len(digits) == 4 else f"20{digits}"


_CENTRE = re.compile(
    r"\b([a-z][a-z' ]{2,40}?)\s+(?:(?:development|service|services|affairs|management)\s+)*"
    r"cent(?:er|re)s?\b",
    re.I,
)


def _centre_as_bureau(text: str) -> str:
    """A body named "X (development) center" whose function the glossary knows as a bureau
    ("forestry bureau" → 林业局) written as that function's centre ("林业中心"): the Chinese
    reading finds the indexed centre by its name (林业发展中心), never the bureau."""

    def centre(match: re.Match[str]) -> str:
        words = match.group(1).split()
        for i in range(len(words)):  # the longest tail of the words that names a bureau
            said = f"{' '.join(words[i:])} bureau"
            zh = next((z for p, z in _body_patterns() if p.fullmatch(said)), None)
            function = english_bodies.function_of(zh) if zh else ""
            if zh and function != zh:
                return f"{' '.join(words[:i])} {function}中心 "
        return match.group(0)

    return _CENTRE.sub(centre, text)


@functools.cache
def _body_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The glossary's bodies, each pattern compiled once."""
    bodies = vocabulary.vocabulary()["english"]["bodies"]
    return tuple((re.compile(p, re.I), zh) for p, zh in bodies)


def to_chinese(
    text: str,
    knows: Callable[[str], bool] | None = None,
    contains: Callable[[str], bool] | None = None,
) -> tuple[str, tuple[str, ...]]:
    """(a Chinese rendering of an English question, the dictionary words used for other terms).

    Glossary phrases, bodies and intent words are replaced in place; years and figures are
    kept; other content words are looked up in the dictionary and appended: adjacent words
    first as a phrase composed from their senses and checked against the reports (``contains``),
    then one by one."""
    # people are numbered, not listed: "how many tourists/staff" asks a figure (多少), never a
    # count of list items (几个); "how many people" is the glossary's (在职人数)
    text = _HOW_MANY_PEOPLE.sub("how much", text)
    text = _counted_in_measure(text)
    text = _carried_into(text)
    text = _SPENT_MORE_ON.sub(r"\1 on \3 \2", text)  # "spent more on X": X's spending, more
    text = _RELATIVE_GAP.sub(" 多百分之几 ", text)  # "by what percentage more": no share
    text = _SPENT_MORE.sub("spending", text)  # "which bureau spent more": the whole spending
    text = _MORE_SPENT.sub(r"how much \1\g<who> spending", text)  # "how much more did X spend"
    text = _centre_as_bureau(text)
    out = _replace_longest(_shared_heads(text), _glossary())
    # "beds and childcare places": two things asked, split like "床位，托位" (terms joined by
    # "and" inside a glossary phrase, "operation and maintenance", were replaced whole above)
    # columns of one row ("adjusted budget and final spending") stay one question: "和"
    out = _shares_written(out)
    out = re.sub(_COLUMNS_JOINED, r"\1和\2", out)
    out = re.sub(r"(?<=[\u4e00-\u9fff]) +and +(?=[\u4e00-\u9fff])", "，", out)
    for pattern, zh in _INTENT_WORDS:
        out = re.sub(pattern, f" {zh} ", out, flags=re.I)
    out = _FISCAL_YEAR.sub(lambda m: f" {_full_year(m.group(1))} ", out)
    out = re.sub(r"\b((?:19|20)\d{2})\b", r"\1年", out)
    extra: list[str] = []
    for run in _content_runs(out):
        i = 0
        while i < len(run):
            parts = run[i].split("-")
            if len(parts) > 1 and contains and not dictionary_senses(run[i]):
                # "forest-fire": a term its parts compose ("森林火灾"), never a part's own sense
                term = compound_sense(parts, contains)
                extra += [term] if term else []
                i += 1
                continue
            for n in (3, 2):
                term = (
                    compound_sense(run[i : i + n], contains)
                    if contains and i + n <= len(run)
                    else ""
                )
                if term:
                    extra.append(term)
                    i += n
                    break
            else:
                sense = dictionary_sense(run[i], knows, contains)
                if sense:
                    extra.append(sense)
                i += 1
    kept = _WORD.sub(lambda m: m.group(0) if _is_name(m.group(0)) else " ", out)
    zh = re.sub(r"\s+", " ", f"{kept} {' '.join(dict.fromkeys(extra))}").strip()
    return zh, tuple(dict.fromkeys(extra))
