"""Autonomous counties and banners by their everyday names, people's organisations by their
short forms, and a total's word that continues another item's sentence."""

from assistant.own_totals import _continues_an_item
from assistant.understanding import county_aliases
from index.departments import short_forms
from index.gazetteer import county_stem


def test_an_autonomous_countys_stem_drops_whole_peoples_names() -> None:
    # the designation is one of the 55 peoples, not any two characters before 族
    assert county_stem("张家川回族自治县") == "张家川"
    assert county_stem("杜尔伯特蒙古族自治县") == "杜尔伯特"
    assert county_stem("积石山保安族东乡族撒拉族自治县") == "积石山"
    assert county_stem("龙胜各族自治县") == "龙胜"
    # a place named after its people keeps the people's name
    assert county_stem("鄂温克族自治旗") == "鄂温克"
    assert county_stem("东乡族自治县") == "东乡"
    assert county_stem("江华瑶族自治县") == "江华"
    assert county_stem("柳江区") == "柳江"


def test_a_banner_is_written_with_旗_and_a_county_with_县() -> None:
    assert "鄂温克旗" in county_aliases("鄂温克族自治旗")
    assert "鄂温克县" not in county_aliases("鄂温克族自治旗")
    assert "鄂伦春旗" in county_aliases("鄂伦春自治旗")
    assert {"张家川县", "张家川"} <= set(county_aliases("张家川回族自治县"))
    assert county_aliases("泸县") == ["泸县"]


def test_peoples_organisations_go_by_their_conventional_short_forms() -> None:
    assert "残联" in short_forms("残疾人联合会")
    assert "妇联" in short_forms("妇女联合会")
    assert "科协" in short_forms("科学技术协会")


def test_a_total_word_after_a_comma_in_an_items_sentence_is_that_items() -> None:
    assert _continues_an_item("2024年“三公”经费预算6.00万元，")
    assert _continues_an_item("水毁修复项目到位资金80.00万元，")
    # the body's own totals: a sentence of their own, or after a semicolon
    assert not _continues_an_item("")
    assert not _continues_an_item("2024年")
    assert not _continues_an_item("年初结转和结余3.10万元；")


def test_a_category_share_is_computed_from_the_wholes_own_list() -> None:
    """ "采购里工程类占多少": 工程类 is written "工程…万元", and the part listed in the whole's
    own sentence wins over a project elsewhere whose name contains the part's word."""
    from assistant.item_share import part_and_whole

    text = (
        "一、项目情况\n全年实施乡村服务网点建设项目，支出300.00万元。\n"
        "二、政府采购情况\n2024年政府采购支出总额900.00万元，其中：政府采购货物支出200.00万元，"
        "政府采购工程支出400.00万元，政府采购服务支出300.00万元。\n"
    )
    part, whole = part_and_whole("政府采购里工程类占多少", text)
    assert (part.quantity.raw, whole.quantity.raw) == ("400.00万元", "900.00万元")
    part, whole = part_and_whole("政府采购中服务类占比多少", text)
    assert "政府采购服务支出" in part.label and whole.quantity.raw == "900.00万元"


def test_rankings_in_everyday_words_compare_and_search_no_ranking_words() -> None:
    from assistant.understanding import _intent, informative_terms

    for question in (
        "三家单位的三公经费从多到少排一下",
        "各单位资产总额由大到小排",
        "几家的项目支出排下序",
    ):
        assert _intent(question, [], []) == "compare", question
        terms = informative_terms(question)
        assert not any(w in t for t in terms for w in ("到", "排", "小")), terms
    assert _intent("三公经费是多少", [], []) == "number"
