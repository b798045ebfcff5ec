"""English budget wording maps to the Chinese terms reports use."""

from assistant import english


def test_fleet_size_and_technology_wording():
    zh, _ = english.to_chinese("How many cars does the forestry station keep?")
    assert "公务用车保有量" in zh
    zh, _ = english.to_chinese("What did the county put into sci-tech research last year?")
    assert "科技" in zh
    zh, _ = english.to_chinese("How many technical contracts were signed?")
    assert "技术合同" in zh
