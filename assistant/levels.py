"""A body named by its level word and short form ("旗残联", "县统计局", "区科技局").

People name a county's department by the county's level word — 县, 区, 旗, 市 — before the
body's short form, as the body itself calls itself ("旗残联" in the banner's own report). The
level word then stands for the indexed county of that level that holds the body; it is never a
place's name of its own (the refusal "索引中没有统计局和旗的报告" read one). A level word that
begins a body's short form ("市监局" for 市场监督管理局) is part of that form and is matched
with it before this step sees it.
"""

from __future__ import annotations

from collections.abc import Sequence

from index import vocabulary
from index.departments import match_departments
from index.gazetteer import PARTICLES
from index.models import ReportIdentity


def _level_words() -> dict[str, tuple[str, ...]]:
    """Level word → the endings of county names of that level (旗 → 自治旗, 旗)."""
    levels = vocabulary.vocabulary()["departments"]["levels"]
    return {word: tuple(endings) for word, endings in levels}


_BEFORE_LEVEL = PARTICLES + "或是年的、"
"""Characters after which a level word starts a name ("跟旗残联", "2023年县统计局")."""


def _starts_name(text: str, at: int) -> bool:
    if at == 0:
        return True
    before = text[at - 1]
    return (not ("\u4e00" <= before <= "\u9fff") and before != "□") or before in _BEFORE_LEVEL


def level_bodies(
    text: str, identities: Sequence[ReportIdentity], departments: Sequence[str]
) -> tuple[list[tuple[str, str]], str]:
    """(county, department) for each body named by a level word and an indexed body's name
    ("旗残联" → the indexed 旗 that holds 残疾人联合会), and the text with those level words
    blanked (□). A level word no indexed county of that level fits (the county holds no such
    body) is left as written."""
    levels = _level_words()
    found: list[tuple[str, str]] = []
    for start, _end, dept in match_departments(text, list(departments)):
        at = start - 1
        if at < 0 or text[at] not in levels or not _starts_name(text, at):
            continue
        fits = sorted(
            {
                i.county
                for i in identities
                if i.county and i.department == dept and i.county.endswith(levels[text[at]])
            }
        )
        if not fits:
            continue
        found += [(county, dept) for county in fits]
        text = text[:at] + "□" + text[at + 1 :]
    return list(dict.fromkeys(found)), text
