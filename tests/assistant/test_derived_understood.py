"""Derivations follow the understood question: its count flag and its Chinese wording."""

from assistant import derived


def test_count_follows_the_understood_flag():
    quote = "本站下设：育苗组、巡山组、防火组。"
    assert derived.count(quote, "[1]", "how many teams", asks=True).startswith("共3项[1]")
    assert derived.count(quote, "[1]", "几个小组", asks=False) is None
    assert derived.count(quote, "[1]", "几个小组").startswith("共3个[1]")
