"""The national county-level list: lookups, stems, particles, validation of detected names."""

from index import gazetteer


def test_the_list_holds_the_county_level_divisions_of_every_province():
    divisions = gazetteer.divisions()
    assert 2500 < len(divisions) < 3500
    assert {d.province for d in divisions} >= {"湖南省", "四川省", "新疆维吾尔自治区"}
    (luxian,) = gazetteer.lookup("泸县")
    assert (luxian.prefecture, luxian.province) == ("泸州市", "四川省")


def test_stems_drop_the_suffix_and_the_ethnic_designation():
    assert gazetteer.county_stem("泸县") == "泸"
    assert gazetteer.county_stem("恭城瑶族自治县") == "恭城"
    assert gazetteer.county_stem("长葛市") == "长葛"
    assert [d.name for d in gazetteer.by_stem("江华")] == ["江华瑶族自治县"]
    assert gazetteer.by_stem("泸") == ()  # one character is never looked up alone


def test_a_particle_never_joins_a_name():
    names = [m.name for m in gazetteer.find_mentions("和泸县比，跟桃源县与在湄潭县同样")]
    assert names == ["泸县", "桃源县", "湄潭县"]


def test_two_character_names_are_not_taken_from_inside_words():
    assert gazetteer.find_mentions("提高县级财政的城区学校") == []
    assert [m.name for m in gazetteer.find_mentions("泸县的支出")] == ["泸县"]


def test_detected_counties_are_validated_and_trimmed():
    assert gazetteer.valid_county("在湄潭县") == "湄潭县"
    assert gazetteer.valid_county("湖南省永兴县") == "永兴县"
    assert gazetteer.valid_county("光明顶县") is None
    assert gazetteer.is_county("长葛市") and not gazetteer.is_county("长沙市")
