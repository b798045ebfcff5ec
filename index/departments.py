"""Short forms of government bodies, generated from their full names.

Chinese government bodies are abbreviated by a regular rule: the first character of each
coordinate part of the name (parts joined by 和/与/及/、), or of each two-character word of a
part, followed by the one-character head noun — 人力资源和社会保障局 → 人社局, 住房和城乡建设局
→ 住建局, 市场监督管理局 → 市监局, 卫生健康委员会 → 卫健委, 发展和改革局 → 发改局,
文化广电旅游局 → 文旅局 / 文广旅局, 科技和工业信息化局 → 科工局 / 科工信局. The first word with
the head is another common form (交通运输局 → 交通局, 应急管理局 → 应急局). Conventional forms
the rule does not give (环保局, 城管局, 教体局 …) are listed in the vocabulary file.

Over-generation is harmless: forms are only ever matched against the bodies the index holds,
and a form two indexed bodies share names both.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from index import vocabulary

_COORD = re.compile(r"[和与及、]")
_MAX_FORMS = 40


@functools.cache
def _heads() -> tuple[tuple[str, str], ...]:
    heads = vocabulary.vocabulary()["departments"]["heads"]
    return tuple(sorted(((h, s) for h, s in heads), key=lambda hs: -len(hs[0])))


def generic_heads() -> tuple[str, ...]:
    """Words for any body a question may put after a short form ("人社部门")."""
    return tuple(vocabulary.vocabulary()["departments"]["generic_heads"])


def split_head(name: str) -> tuple[str, str, str]:
    """(body, head as written, one-character head): 卫生健康委员会 → (卫生健康, 委员会, 委)."""
    for head, short in _heads():
        if name.endswith(head) and len(name) > len(head):
            return name[: -len(head)], head, short
    return name, "", ""


def _words(part: str) -> list[str]:
    """A part cut into two-character words, a leftover character joining the last word."""
    words = [part[i : i + 2] for i in range(0, len(part), 2)]
    if len(words) > 1 and len(words[-1]) == 1:
        words[-2:] = [words[-2] + words[-1]]
    return words


def _part_options(part: str, first: bool = False) -> set[str]:
    """What one coordinate part contributes: its first character, the first characters of its
    words, or — after the first part — the first character of its last word (城乡建设 → 城 /
    城建 / 建)."""
    words = _words(part)
    options = {part[0], "".join(w[0] for w in words)}
    if not first:
        options.add(words[-1][0])
    if len(words) > 2:  # a long single part: the first word's character and any later ones
        rest = [w[0] for w in words[1:]]
        for n in range(1, len(rest) + 1):
            options |= {part[0] + "".join(c) for c in itertools.combinations(rest, n)}
    return {o for o in options if o}


def body_forms(body: str) -> set[str]:
    """Abbreviations of a body's name without its head (人力资源和社会保障 → 人社, 人保 …)."""
    parts = [p for p in _COORD.split(body) if p]
    if not parts:
        return set()
    if len(parts) == 1:
        words = _words(parts[0])
        if len(words) == 1:
            return {parts[0]}
        forms = _part_options(parts[0], first=True) | {words[0]}
        return {f for f in forms if len(f) >= 2}
    options = [sorted(_part_options(p, first=i == 0)) for i, p in enumerate(parts)]
    combos = itertools.product(*options)
    forms = {"".join(c) for c in itertools.islice(combos, _MAX_FORMS)}
    return {f for f in forms if len(f) >= 2}


@functools.cache
def _irregular() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for full, short in vocabulary.vocabulary()["departments"]["irregular"]:
        out.setdefault(full, []).append(short)
    return {full: tuple(forms) for full, forms in out.items()}


@functools.cache
def _full_names() -> dict[str, tuple[str, ...]]:
    """Conventional short form → the full names it stands for (妇联 → 妇女联合会)."""
    out: dict[str, list[str]] = {}
    for full, short in vocabulary.vocabulary()["departments"]["irregular"]:
        out.setdefault(short, []).append(full)
    return {short: tuple(fulls) for short, fulls in out.items()}


@functools.cache
def short_forms(name: str) -> tuple[str, ...]:
    """Ways a question may write the body ``name``: generated and conventional short forms
    with their head ("人社局"), with a generic head ("人社部门"), and the body without head."""
    body, head, short = split_head(name)
    forms: dict[str, None] = {}
    if head:
        heads = {short, head}
        if short == "委":  # 委员会 and 局 are used for one another (卫健委 / 卫健局)
            heads.add("局")
        if short == "局" and head == "局" and re.search(r"卫生|发展", body):
            heads.add("委")
        for form in sorted(body_forms(body)):
            forms.update(dict.fromkeys(form + h for h in sorted(heads)))
            forms.update(dict.fromkeys(form + g for g in generic_heads()))
        if len(body) >= 3:
            forms[body] = None
    for conventional in _irregular().get(name, ()):
        forms[conventional] = None
    for full in _full_names().get(name, ()):  # a body indexed by its short form (妇联)
        forms[full] = None
        forms.update(dict.fromkeys(short_forms(full)))
    if name.endswith("分局") and len(name) > 3:  # a county branch goes by its parent's names
        parent = name[:-2] + "局"
        parents = (parent, *short_forms(parent))
        forms.update(dict.fromkeys(parents))
        # "环保分局", "环境分局": the parent's forms with the branch's own head
        forms.update(dict.fromkeys(f[:-1] + "分局" for f in parents if f.endswith("局")))
    party = _PARTY_PREFIX.match(name)
    rest = name[party.end() :] if party else ""
    if len(rest) >= 2 and name not in _full_names().get(rest, ()):
        # "县委老干部局" goes by 老干部局, 老干局 … (not 县委党校 → 党校 → 县委党校 … again)
        forms.update(dict.fromkeys((rest, *short_forms(rest))))
    forms.pop(name, None)
    return tuple(forms)


_PARTY_PREFIX = re.compile(
    r"(?:中共)?(?:[\u4e00-\u9fff]{1,6}?)?[县市区旗州]委(?=[\u4e00-\u9fff]{2,})|中共"
)
"""The party committee a body belongs to, written before its name ("县委老干部局", "中共某县委
组织部"): the body is named without it as often as with it."""


@functools.cache
def vocabulary_forms() -> tuple[str, ...]:
    """The common bodies of the vocabulary and their conventional and two-part short forms,
    for the tokenizer's dictionary."""
    deps = vocabulary.vocabulary()["departments"]
    names = list(dict.fromkeys([*deps["common"], *(full for full, _ in deps["irregular"])]))
    out: dict[str, None] = dict.fromkeys(names)
    for name in names:
        out.update(dict.fromkeys(f for f in short_forms(name) if f[-1] in "局委办"))
    return tuple(out)


@functools.cache
def body_groups() -> tuple[tuple[str, ...], ...]:
    """Each common body with its short forms that end in a head noun, as synonym groups."""
    deps = vocabulary.vocabulary()["departments"]
    names = dict.fromkeys([*deps["common"], *(full for full, _ in deps["irregular"])])
    return tuple((name, *(f for f in short_forms(name) if f[-1] in "局委办")) for name in names)


def _body_words(name: str) -> frozenset[str]:
    body = split_head(name)[0]
    return frozenset(w for part in _COORD.split(body) if part for w in _words(part))


@functools.cache
def same_kind(a: str, b: str) -> bool:
    """Whether two names are one kind of body as different counties name it: the same body
    under another head (卫生健康委员会 / 卫生健康局), one body's words inside the other's
    (文化和旅游局 / 文化广电和旅游局, 自然资源局 / 自然资源和规划局), or a shared three-character
    short form (文化广电旅游局 / 文化和旅游局 → 文旅局)."""
    if a == b:
        return True
    (body_a, _, head_a), (body_b, _, head_b) = split_head(a), split_head(b)
    if not (head_a and head_b) or ({head_a, head_b} - {"局", "委"} and head_a != head_b):
        return False
    if body_a == body_b:
        return True
    words_a, words_b = _body_words(a), _body_words(b)
    if min(len(words_a), len(words_b)) >= 2 and (words_a <= words_b or words_b <= words_a):
        return True
    forms_a = {f for f in short_forms(a) if len(f) >= 3 and f[-1] in "局委"}
    return bool(forms_a & set(short_forms(b)))


def _parent(name: str) -> str:
    """A county branch named as its parent body (生态环境分局 → 生态环境局)."""
    return name[:-2] + "局" if name.endswith("分局") and len(name) > 3 else name


def names_by_stem(mention: str, department: str) -> bool:
    """Whether ``mention`` names ``department`` by a stem of its name, as people shorten a
    merged body to one of its parts or its first word: 林业局 / 草原局 for 林业和草原局,
    体育局 for 教育和体育局, 规划局 for 自然资源和规划局, 卫生局 for 卫生健康局, 环境局 for
    生态环境分局. The heads must agree (局 and 委 stand for one another); a stem that names
    several indexed bodies is for the caller to refuse."""
    mention, department = _parent(mention), _parent(department)
    if mention == department:
        return True
    (stem, _, head_m), (body, _, head_d) = split_head(mention), split_head(department)
    if not (head_m and head_d) or len(stem) < 2:
        return False
    if head_m != head_d and {head_m, head_d} != {"局", "委"}:
        return False
    if stem == body:
        return True
    parts = [p for p in _COORD.split(body) if p]
    words = {w for p in parts for w in _words(p)}
    return stem in parts or (len(stem) == 2 and stem in words)


def common_bodies() -> tuple[str, ...]:
    """Bodies a county government usually has, to recognise one the index does not hold."""
    return tuple(vocabulary.vocabulary()["departments"]["common"])


def occurrences(needle: str, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-overlapping occurrence of ``needle``, left to right. A plain
    search: matching hundreds of names through ``re`` would churn its pattern cache."""
    if not needle:
        return
    pos = text.find(needle)
    while pos >= 0:
        yield pos, pos + len(needle)
        pos = text.find(needle, pos + len(needle))


def match_departments(text: str, departments: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, department) for every mention in ``text`` of one of ``departments`` — by
    full name, body without head, or a short form — leftmost-longest, not overlapping."""
    forms: dict[str, set[str]] = {}
    for dept in departments:
        for form in (dept, *short_forms(dept)):
            if len(form) >= 2:
                forms.setdefault(form, set()).add(dept)
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for form in sorted(forms, key=len, reverse=True):
        for start, end in occurrences(form, text):
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found += [(start, end, d) for d in sorted(forms[form])]
    return sorted(found)
