"""English budget wording maps to the Chinese terms reports use."""

from assistant import english


def test_fleet_size_and_technology_wording():
    zh, _ = english.to_chinese("How many cars does the forestry station keep?")
    assert "公务用车保有量" in zh
    zh, _ = english.to_chinese("What did the county put into sci-tech research last year?")
    assert "科技" in zh
    zh, _ = english.to_chinese("How many technical contracts were signed?")
    assert "技术合同" in zh


def test_dictionary_words_take_the_sense_the_reports_use():
    from assistant.english import dictionary_sense, to_chinese

    in_reports = {"车辆", "资金"}.__contains__
    assert dictionary_sense("vehicles") == "交通工具"  # the word list's first sense
    assert dictionary_sense("vehicles", in_reports) == "车辆"  # the one the index holds
    assert dictionary_sense("castle", in_reports) == ""  # no sense the reports use: dropped
    zh, extra = to_chinese("Which castle got the fund?", in_reports)
    assert "资金" in extra and "城堡" not in zh


def test_township_names_in_pinyin_name_only_township_bodies():
    from assistant.english import townships_by_pinyin

    bodies = ["枫林镇人民政府", "住房和城乡建设局", "城关街道办事处"]
    assert townships_by_pinyin("Fenglin town and Chengguan subdistrict", bodies) == [
        "枫林镇人民政府",
        "城关街道办事处",
    ]
    assert townships_by_pinyin("zhufanghecheng", bodies) == []  # 城乡建设 is no township


def test_personnel_funding_and_enrolled_students():
    zh, _ = english.to_chinese("How much personnel funding did the water bureau use?")
    assert "人员经费" in zh and "在职人数" not in zh
    zh, _ = english.to_chinese("How many pupils were enrolled in the county last year?")
    assert "在校学生" in zh
