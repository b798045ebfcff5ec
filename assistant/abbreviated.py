"""An item's name written short ("公务用车运维" for 公务用车运行维护费): a catalogue name whose
words, each replaced by a shorter spelling of the same group (`synonyms` in the vocabulary:
运维 = 运行维护, 公车 = 公务用车), give the question's words is the item asked, never a sibling
item that only shares its first words (公务用车购置费).
"""

from __future__ import annotations

import functools
import re

from index.domain_terms import synonym_index
from index.metrics import metrics, squash

_MIN_SHORT = 4


@functools.cache
def _short_forms() -> dict[str, str]:
    """Shortened spelling → the catalogue alias it abbreviates (only unambiguous ones)."""
    shorter = [
        (long, short)
        for long, others in synonym_index().items()
        for short in others
        if 2 <= len(short) < len(long) and _in_order(short, long)
    ]
    aliases = {squash(a) for m in metrics() for a in m.aliases}
    found: dict[str, set[str]] = {}
    for alias in (a for a in aliases if a.endswith("费")):  # money items only
        for long, short in shorter:
            if alias.find(long) <= 0:
                continue  # the head is written out: only a later word is shortened
            form = alias.replace(long, short, 1)
            for variant in {form, form.removesuffix("费")}:
                if len(variant) >= _MIN_SHORT and variant not in aliases:
                    found.setdefault(variant, set()).add(alias)
    for form, full in list(found.items()):  # and its head written short too ("公车运维费")
        for long, short in shorter:
            if form.startswith(long) and len(form) - len(long) + len(short) >= _MIN_SHORT:
                both = short + form[len(long) :]
                if both not in aliases:
                    found.setdefault(both, set()).update(full)
    return {form: next(iter(full)) for form, full in found.items() if len(full) == 1}


def _in_order(short: str, long: str) -> bool:
    """The short spelling's characters occur in the long one in order (运维 in 运行维护)."""
    rest = iter(long)
    return all(ch in rest for ch in short)


def spelled_out(text: str) -> str:
    """``text`` with each abbreviated item name written as the catalogue writes it."""
    forms = _short_forms()
    if not forms:
        return text
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    return pattern.sub(lambda m: forms[m.group(0)], text)
