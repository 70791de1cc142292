"""Editing a listing updates its variants and tiers in place: orders and carts keep what they name."""
import re

import pytest
from flask import g
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.catalog.models import Listing, Variant, WholesaleTier
from marketplace.orders.models import CartItem
from tests.factories import CraftFactory, ProducerFactory, UserFactory
from tests.order_helpers import client_for, place


def _form(craft, **overrides):
    data = {
        "title_vi": "Khăn lụa tơ tằm", "title_en": "Mulberry silk scarf", "craft_id": str(craft.id),
        "description_vi": "Dệt tay", "description_en": "Hand woven", "price_vnd": "450000", "stock": "12",
        "unit": "piece", "materials": "tơ tằm", "lead_time_days": "7", "moq": "1", "hs_code": "", "weight_grams": "250",
        "status": "active",
        "variants-0-name_vi": "Đỏ", "variants-0-name_en": "Red", "variants-0-price_vnd": "450000", "variants-0-stock": "5",
        "variants-1-name_vi": "Xanh ngọc", "variants-1-name_en": "Jade", "variants-1-price_vnd": "480000",
        "variants-1-stock": "7",
        "tiers-0-min_qty": "10", "tiers-0-unit_price_vnd": "400000",
        "tiers-1-min_qty": "50", "tiers-1-unit_price_vnd": "360000",
    }
    data.update(overrides)
    return data


def _edit_page_fields(html):
    """The name -> value of every input of the edit page, as a browser would submit them unchanged."""
    fields = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if name is None or 'type="file"' in tag or 'type="submit"' in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        fields[name.group(1)] = value.group(1) if value else ""
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        fields[name] = body.strip()
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', options)
        if chosen:
            fields[name] = chosen.group(1) or chosen.group(2)
    return fields


def _as(client):
    """``client`` for its next request: the test's shared app context caches the last user loaded."""
    g.pop("_login_user", None)
    return client


@pytest.fixture
def shop(db, login):
    owner = UserFactory(role=Role.PRODUCER)
    producer = ProducerFactory(owner=owner, name="Lụa Vạn Phúc Hà Đông")
    craft = CraftFactory(slug="silk")
    client = login(owner)
    response = client.post(f"/dashboard/producer/{producer.id}/listings/new", data=_form(craft))
    assert response.status_code == 302
    listing = db.session.scalars(select(Listing)).one()
    return {"owner": owner, "producer": producer, "craft": craft, "client": client, "listing": listing}


def _rows(db, listing_id):
    db.session.expire_all()
    variants = db.session.scalars(select(Variant).where(Variant.listing_id == listing_id).order_by(Variant.id)).all()
    tiers = db.session.scalars(select(WholesaleTier).where(WholesaleTier.listing_id == listing_id)
                               .order_by(WholesaleTier.min_qty)).all()
    return ([(v.id, v.name_en, v.price_vnd, v.stock, v.retired) for v in variants],
            [(t.id, t.min_qty, t.unit_price_vnd) for t in tiers])


def test_saving_the_edit_page_unchanged_keeps_every_row_and_id(shop, db):
    """Does opening a listing with variants and tiers and saving it unchanged succeed and keep every id?"""
    listing_id = shop["listing"].id
    before = _rows(db, listing_id)
    client = shop["client"]
    page = client.get(f"/dashboard/listings/{listing_id}/edit").get_data(as_text=True)

    response = client.post(f"/dashboard/listings/{listing_id}/edit", data=_edit_page_fields(page))

    assert response.status_code == 302
    assert _rows(db, listing_id) == before
    assert [row[1:] for row in before[0]] == [("Red", 450000, 5, False), ("Jade", 480000, 7, False)]
    assert [row[1:] for row in before[1]] == [(10, 400000), (50, 360000)]


def test_changing_a_tier_price_and_replacing_a_tier_saves(shop, db):
    """Can a producer change one tier's price and swap another tier for a new quantity in one save?"""
    listing_id = shop["listing"].id
    (_, tiers) = _rows(db, listing_id)
    data = _form(shop["craft"], **{"tiers-0-unit_price_vnd": "390000", "tiers-1-min_qty": "100",
                                   "tiers-1-unit_price_vnd": "340000"})

    response = _as(shop["client"]).post(f"/dashboard/listings/{listing_id}/edit", data=data)

    assert response.status_code == 302
    (_, after) = _rows(db, listing_id)
    assert after[0] == (tiers[0][0], 10, 390000)  # same row, new price
    assert after[1][1:] == (100, 340000)


def test_a_removed_variant_that_was_ordered_is_retired_and_the_order_keeps_it(shop, db):
    """Can a producer drop a variant someone ordered: the edit saves, the variant is retired, the order line intact?"""
    listing = shop["listing"]
    red, jade = listing.variants
    buyer = UserFactory(email="lan@example.vn")
    order = place(buyer, (listing, red, 2))
    page = _as(shop["client"]).get(f"/dashboard/listings/{listing.id}/edit").get_data(as_text=True)
    fields = _edit_page_fields(page)
    # The producer empties the first row (Red) and keeps Jade.
    fields.update({"variants-0-name_vi": "", "variants-0-name_en": "", "variants-0-price_vnd": "", "variants-0-stock": ""})

    response = _as(shop["client"]).post(f"/dashboard/listings/{listing.id}/edit", data=fields)

    assert response.status_code == 302
    variants, _ = _rows(db, listing.id)
    assert variants == [(red.id, "Red", 450000, 3, True), (jade.id, "Jade", 480000, 7, False)]
    db.session.expire_all()
    listing = db.session.get(Listing, listing.id)
    assert [v.name_en for v in listing.variants] == ["Jade"]
    assert listing.stock == 7
    assert [(line.variant_id, line.quantity) for part in order.parts for line in part.lines] == [(red.id, 2)]


def test_a_cart_line_whose_variant_was_removed_is_shown_with_the_reason(shop, db, app):
    """Does a buyer whose cart holds a variant the producer removed see the line, with why it cannot be ordered?"""
    listing = shop["listing"]
    red = listing.variants[0]
    buyer = UserFactory(email="lan@example.vn")
    buyer_client = client_for(app, buyer)
    assert _as(buyer_client).post("/cart/add", data={"listing_id": listing.id, "variant_id": red.id,
                                                "quantity": "1"}).status_code == 302
    page = _as(shop["client"]).get(f"/dashboard/listings/{listing.id}/edit").get_data(as_text=True)
    fields = _edit_page_fields(page)
    fields.update({"variants-0-name_vi": "", "variants-0-name_en": "", "variants-0-price_vnd": "", "variants-0-stock": ""})
    assert _as(shop["client"]).post(f"/dashboard/listings/{listing.id}/edit", data=fields).status_code == 302

    html = _as(buyer_client).get("/cart").get_data(as_text=True)

    assert db.session.scalar(select(CartItem.variant_id)) == red.id  # the line is still there
    assert "The producer no longer offers Mulberry silk scarf (Red); remove it from your cart or choose another option." in html
    assert "Fix the problems above to check out" in html


def test_editing_a_variant_in_place_keeps_the_cart_line(shop, db, app):
    """Does renaming a variant and changing its stock keep the buyer's cart line for it?"""
    listing = shop["listing"]
    jade = listing.variants[1]
    buyer = UserFactory(email="lan@example.vn")
    buyer_client = client_for(app, buyer)
    _as(buyer_client).post("/cart/add", data={"listing_id": listing.id, "variant_id": jade.id, "quantity": "1"})
    page = _as(shop["client"]).get(f"/dashboard/listings/{listing.id}/edit").get_data(as_text=True)
    fields = _edit_page_fields(page)
    fields.update({"variants-1-name_en": "Jade green", "variants-1-stock": "9"})

    assert _as(shop["client"]).post(f"/dashboard/listings/{listing.id}/edit", data=fields).status_code == 302

    variants, _ = _rows(db, listing.id)
    assert variants[1] == (jade.id, "Jade green", 480000, 9, False)
    assert db.session.scalar(select(CartItem.variant_id)) == jade.id
    html = _as(buyer_client).get("/cart").get_data(as_text=True)
    assert "Jade green" in html and "no longer offers" not in html


def test_a_row_with_another_listings_variant_id_adds_a_new_variant(shop, db):
    """Can a forged hidden id make an edit change another listing's variant? (It must add a new one instead.)"""
    other_owner = UserFactory(role=Role.PRODUCER)
    other = ProducerFactory(owner=other_owner)
    from marketplace.catalog import services

    theirs = services.create_listing(other_owner, other.id, {
        "title_vi": "Nón lá", "craft_id": shop["craft"].id, "price_vnd": 90000, "weight_grams": 300,
        "variants": [{"name_vi": "Nhỏ", "price_vnd": 90000, "stock": 4}]})
    their_variant = theirs.variants[0].id
    listing_id = shop["listing"].id
    data = _form(shop["craft"], **{"variants-0-id": str(their_variant)})

    assert _as(shop["client"]).post(f"/dashboard/listings/{listing_id}/edit", data=data).status_code == 302

    db.session.expire_all()
    assert (db.session.get(Variant, their_variant).name_vi, db.session.get(Variant, their_variant).listing_id) == (
        "Nhỏ", theirs.id)
    mine = db.session.get(Listing, listing_id).variants
    assert [v.name_en for v in mine] == ["Red", "Jade"]
    assert their_variant not in [v.id for v in mine]
