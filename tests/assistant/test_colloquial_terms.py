"""Everyday words for a budget item find the item's formal name in a report."""

from assistant.evidence import match_text, term_strength


def test_buying_a_car_is_the_vehicle_purchase_item():
    text = match_text("本年公务用车购置费支出23.60万元，更新越野车1辆。")
    assert term_strength("购车", text) >= 0.9
    assert term_strength("购置车辆", text) >= 0.9
