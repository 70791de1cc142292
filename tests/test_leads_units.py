"""Units and packs in matching (issue 12 item 2): price, MOQ and capacity compared in the importer's unit."""
from datetime import date

import pytest

from marketplace.catalog.listings import ListingError, _clean
from marketplace.catalog.units import ratio
from marketplace.leads import matching
from marketplace.leads import services as leads
from marketplace.leads.reasons import describe
from tests.factories import CraftFactory, ListingFactory, ProducerFactory, UserFactory
from tests.leads_data import make_inquiry

TODAY, BY = date(2027, 1, 1), date(2027, 4, 1)  # 90 days


def _request(quantity, unit, target):
    return matching.Request(quantity=quantity, required_by=BY, today=TODAY, unit=unit, target_price_vnd=target,
                            words=("rice",))


def _candidate(pid, unit, price, moq=1, capacity=100, pack_size=1, pack_unit=None, export=False):
    return matching.Candidate(producer_id=pid, name=f"P{pid}", village_id=1, village_name="V", monthly_capacity=capacity,
                              unit=unit, pack_size=pack_size, pack_unit=pack_unit, unit_price_vnd=price, moq=moq,
                              export_ready=export, relevance=1.0, matched_terms=1, in_title=True)


def test_conversions_are_data():
    """A 5 kg sack is 5 kg and 5,000 g, a set of 6 six pieces, a pair two, a metre 100 cm; pieces are no kg."""
    assert ratio("pack", 5, "kg", "kg") == 5
    assert ratio("pack", 5, "kg", "g") == 5000
    assert ratio("set", 6, "piece", "piece") == 6
    assert ratio("pair", 1, None, "piece") == 2
    assert ratio("metre", 1, None, "cm") == 100
    assert str(ratio("g", 1, None, "kg")) == "1/1000"
    assert ratio("kg", 1, None, "piece") is None
    assert ratio("set", 6, "piece", "set") == 1  # sets asked, sold by the set


def test_a_5_kg_sack_is_compared_per_kg():
    """1,000 kg at 41,000 ₫/kg from 5 kg sacks at 200,000 ₫ (MOQ 10 sacks, 100 sacks a month): 40,000 ₫/kg is
    within the target (not "388 % above"), the MOQ is 50 kg, 300 sacks by the date are 1,500 kg: 90 points."""
    scored = matching.score(_candidate(1, "pack", 200_000, moq=10, pack_size=5, pack_unit="kg"),
                            _request(1000, "kg", 41_000))

    assert scored.score == 90
    assert (scored.capacity_by_date, scored.covers, scored.moq) == (1500, True, 50)
    codes = {r["code"]: r for r in scored.reasons}
    assert codes["price_within"] == {"code": "price_within", "price": 40_000, "target": 41_000}
    assert codes["moq_ok"]["moq"] == 50


def test_a_set_of_6_bowls_is_compared_per_bowl(english):
    """600 bowls at 60,000 ₫ each from sets of 6 at 300,000 ₫: 50,000 ₫ a bowl, within; the reason says how."""
    scored = matching.score(_candidate(1, "set", 300_000, pack_size=6, pack_unit="piece"), _request(600, "piece", 60_000))

    codes = {r["code"]: r for r in scored.reasons}
    assert codes["price_within"]["price"] == 50_000
    assert scored.capacity_by_date == 1800 and scored.score == 90
    assert describe(codes["unit_converted"]) == "Sold by the set of 6 pieces: 6 pieces each; compared per piece"


def test_grams_and_kilograms_convert_both_ways():
    """Tea sold by the 100 g at 30,000 ₫ against 1,000 kg at 320,000 ₫/kg: 300,000 ₫/kg, within."""
    scored = matching.score(_candidate(1, "pack", 30_000, pack_size=100, pack_unit="g"), _request(1000, "kg", 320_000))

    assert {r["code"]: r for r in scored.reasons}["price_within"]["price"] == 300_000


def test_units_that_do_not_convert_are_told_apart_and_ranked_after(english):
    """Rice by the kg for a request per piece: no price, MOQ or capacity points (35 for relevance), never covering,
    ranked after a comparable candidate with a lower score, and the reason says why."""
    request = _request(100, "piece", 50_000)
    by_kg = _candidate(1, "kg", 20_000, capacity=10_000)
    by_piece = _candidate(2, "piece", 90_000, capacity=10)  # short of capacity, above target: 35 + 7.5 + 4 + 10

    ranked = matching.rank([by_kg, by_piece], request)

    assert [(s.producer_id, s.score, s.comparable, s.covers) for s in ranked] == [(2, 57, True, False), (1, 35, False, False)]
    assert describe(ranked[1].reasons[1]) == ("Sold by the kg, you asked per piece: price, minimum order and capacity "
                                              "not compared")


def test_a_listings_pack_reaches_matching_from_the_catalogue(db):
    """End to end: a producer's 5 kg sacks of sticky rice, matched for 2,000 kg at 45,000 ₫/kg, at 44,000 ₫/kg."""
    producer = ProducerFactory(name="Gạo Minh Khai", monthly_capacity=200)
    ListingFactory(producer=producer, craft=CraftFactory(), title_vi="Gạo nếp cái hoa vàng", title_en="Sticky rice",
                   price_vnd=220_000, unit="pack", pack_size=5, pack_unit="kg", moq=20)
    inquiry = make_inquiry(UserFactory(role="importer"), "sticky rice", quantity=2000, unit="kg", target=45_000)

    leads.run_matching(inquiry.id)

    match, = inquiry.matches
    assert (match.score, match.capacity_by_date, match.covers) == (90, 3000, True)
    assert {r["code"]: r for r in match.reasons}["price_within"] == {"code": "price_within", "price": 44_000,
                                                                       "target": 45_000}


def test_a_pack_size_or_content_on_a_piece_is_refused_naming_both_fields(db, english):
    """Does a listing sold by the piece with a pack size of 6 and a pack unit of kg, and a bad pack unit on a set,
    name each field at fault at once?"""
    craft = CraftFactory()
    base = {"title_vi": "Bát", "craft_id": craft.id, "price_vnd": 50_000, "weight_grams": 400}
    with pytest.raises(ListingError) as piece:
        _clean({**base, "unit": "piece", "pack_size": 6, "pack_unit": "kg"})
    with pytest.raises(ListingError) as set_of:
        _clean({**base, "unit": "set", "pack_size": 0, "pack_unit": "barrel"})

    assert piece.value.errors == {
        "pack_size": ["Only a set, pack or box holds several; leave the pack size at 1."],
        "pack_unit": ["Only a set, pack or box holds another unit; leave it empty."]}
    assert sorted(set_of.value.errors) == ["pack_size", "pack_unit"]
    assert _clean({**base, "unit": "set", "pack_size": 6, "pack_unit": "piece"})[0]["pack_size"] == 6
