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
from collections.abc import Callable, Iterable
from importlib import resources

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
    (r"\bbudget(?:ed)?\b", "预算"),
    (r"\bactual(?:ly)?\b|\bspent\b", "实际"),
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
    "what's give gave given host hosted did done make made get got end".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_SENSE = re.compile(r"[\u4e00-\u9fff]{2,6}")


def is_english(text: str) -> bool:
    """Mostly Latin words (three at least) and no more Han characters than letters; or two
    words and no Han character at all (a short follow-up)."""
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    words = len(re.findall(r"[A-Za-z]{2,}", text))
    short = han == 0 and words >= 2 and latin >= 4  # a follow-up: "And in 2022?"
    return (words >= 3 and latin >= han) or short


@functools.cache
def _glossary() -> tuple[tuple[re.Pattern[str], str], ...]:
    english = vocabulary.vocabulary()["english"]
    pairs = [*english["glossary"], *english["bodies"]]
    compiled = [(re.compile(rf"\b(?:{p})\b", re.I), zh) for p, zh in pairs]
    return tuple(compiled)


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
def dictionary_senses(word: str) -> tuple[str, ...]:
    """The Chinese senses the dictionary gives for an English word, in its order."""
    conn = _dictionary()
    if conn is None:
        return ()
    base = word.lower()
    for form in dict.fromkeys((base, re.sub(r"(?:es|s|ed|ing)$", "", base), base.rstrip("s"))):
        row = conn.execute("SELECT chinese FROM words WHERE english = ?", (form,)).fetchone()
        if row and row[0]:
            plain = re.sub(r"[（(<\[][^）)>\]]*[）)>\]]", "", row[0])
            senses = tuple(dict.fromkeys(_SENSE.findall(plain)))
            if senses:
                return senses
    return ()


def dictionary_sense(word: str, knows: Callable[[str], bool] | None = None) -> str:
    """The sense to search for ("" when none): with ``knows`` (does the index hold this
    word?) the first sense the reports use — "vehicle" → 车辆 rather than 交通工具 — and ""
    when they use none (such a word can only make an answerable question look unanswerable);
    without it the dictionary's first sense."""
    senses = dictionary_senses(word)
    if knows is None:
        return senses[0] if senses else ""
    return next((s for s in senses if knows(s)), "")


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
    return sorted(found)


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


def to_chinese(
    text: str, knows: Callable[[str], bool] | None = None
) -> tuple[str, tuple[str, ...]]:
    """(a Chinese rendering of an English question, the dictionary words used for other terms).

    Glossary phrases, bodies and intent words are replaced in place; years and figures are
    kept; other content words are looked up in the dictionary and appended."""
    out = _replace_longest(text, _glossary())
    for pattern, zh in _INTENT_WORDS:
        out = re.sub(pattern, f" {zh} ", out, flags=re.I)
    out = re.sub(r"\b((?:19|20)\d{2})\b", r"\1年", out)
    extra: list[str] = []
    for word in _WORD.findall(out):
        if word.lower() in _STOP or len(word) < 3 or word[0].isupper() or "'" in word:
            continue
        sense = dictionary_sense(word, knows)
        if sense:
            extra.append(sense)
    kept = _WORD.sub(lambda m: m.group(0) if _is_name(m.group(0)) else " ", out)
    zh = re.sub(r"\s+", " ", f"{kept} {' '.join(dict.fromkeys(extra))}").strip()
    return zh, tuple(dict.fromkeys(extra))
