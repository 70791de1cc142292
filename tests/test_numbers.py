"""Whole numbers from people and API clients: "1.250.000" is Vietnamese for 1250000, while
"1.5", "2,5" or "299.99" are refused with a message naming the field, never read as 15, 25, 29999."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from marketplace.accounts import services as accounts
from marketplace.core.numbers import read_whole
from marketplace.leads.models import Inquiry, Match, Quote
from marketplace.orders.models import CartItem
from tests.factories import ListingFactory, UserFactory
from tests.leads_data import ceramics_world
from tests.test_leads_api import _auth, _body


@pytest.mark.parametrize("raw, value", [
    ("1.250.000", 1250000), ("350.000", 350000), (" 42 ", 42), (7, 7), (2000.0, 2000), ("0", 0),
    ("1.5", None), ("2,5", None), ("299.99", None), ("1.25.000", None), ("1,250,000", None), ("1e3", None),
    ("-5", None), ("+5", None), ("1_000", None), ("１２", None), ("²", None), (True, None), (12.5, None),
    ([3], None), ("9" * 30, 10**30 - 1), ("9" * 31, None),
])
def test_read_whole_accepts_plain_digits_and_vietnamese_thousands_only(raw, value):
    """Is each way of writing a number read as exactly that whole number, or refused (None)?"""
    assert read_whole(raw) == value


@pytest.mark.parametrize("field, raw, message", [
    ("quantity", "1.5", "Quantity must be a whole number."),
    ("quantity", "2,5", "Quantity must be a whole number."),
    ("quantity", 12.5, "Quantity must be a whole number."),
    ("target_price_vnd", "299.99", "Target unit price must be a whole number."),
    ("target_price_vnd", "1,250,000", "Target unit price must be a whole number."),
    ("target_price_vnd", "500", "Target unit price must be between 1,000 and 2,000,000,000."),
])
def test_an_inquiry_with_a_loosely_written_number_is_refused_naming_the_field(db, client, field, raw, message):
    """Does POST /api/v1/inquiries with such a number answer 400 with that field's message, storing nothing?"""
    world = ceramics_world()
    _row, token = accounts.create_api_token(world.importer, "ERP")

    response = client.post("/api/v1/inquiries?lang=en", json=_body(**{field: raw}), headers=_auth(token))

    assert response.status_code == 400
    assert response.json["error"]["fields"] == {field: [message]}
    assert db.session.scalar(select(func.count()).select_from(Inquiry)) == 0


@pytest.mark.parametrize("changes, stored", [
    ({"quantity": "3.000", "target_price_vnd": "1.250.000"}, (3000, 1250000)),
    ({"quantity": "3000", "target_price_vnd": 95000.0}, (3000, 95000)),
])
def test_an_inquiry_with_vietnamese_thousands_is_stored_as_that_number(db, client, changes, stored):
    """Are "3.000" and "1.250.000" stored as 3000 and 1250000?"""
    world = ceramics_world()
    _row, token = accounts.create_api_token(world.importer, "ERP")

    response = client.post("/api/v1/inquiries", json=_body(**changes), headers=_auth(token))

    assert response.status_code == 201
    inquiry = db.session.get(Inquiry, response.json["id"])
    assert (inquiry.quantity, inquiry.target_price_vnd) == stored


@pytest.mark.parametrize("changes, status, fields", [
    ({"unit_price_vnd": "95000.5"}, 400, {"unit_price_vnd": ["Unit price must be a whole number."]}),
    ({"quantity": "2,5"}, 400, {"quantity": ["Quantity must be a whole number."]}),
    ({"lead_time_days": "4.5"}, 400, {"lead_time_days": ["Lead time must be a whole number."]}),
    ({"unit_price_vnd": "95.000", "quantity": "3.000"}, 201, None),
])
def test_a_quote_reads_its_numbers_the_same_way(db, client, changes, status, fields):
    """Is a quote's loosely written number refused naming the field, and "95.000" read as 95000?"""
    world = ceramics_world()
    _row, importer_token = accounts.create_api_token(world.importer, "ERP")
    client.post("/api/v1/inquiries", json=_body(), headers=_auth(importer_token))
    _row, token = accounts.create_api_token(world.owners["an"], "Shop")
    lead_id = db.session.scalars(select(Match.id).where(Match.producer_id == world.an.id)).one()
    quote = {"unit_price_vnd": 95_000, "quantity": 3000, "lead_time_days": 45,
             "valid_until": (date.today() + timedelta(days=30)).isoformat(), "message": ""}

    response = client.post(f"/api/v1/leads/{lead_id}/quotes?lang=en", json={**quote, **changes}, headers=_auth(token))

    assert response.status_code == status
    if fields:
        assert response.json["error"]["fields"] == fields
        assert db.session.scalar(select(func.count()).select_from(Quote)) == 0
    else:
        assert (db.session.scalars(select(Quote)).one().unit_price_vnd, response.json["total_vnd"]) == (95000, 285_000_000)


@pytest.mark.parametrize("quantity", ["1.5", "2,5", "1e1"])
def test_a_cart_quantity_written_loosely_is_refused(db, login, quantity):
    """Is a cart quantity of "1.5", "2,5" or "1e1" refused with a message, the cart left empty?"""
    listing = ListingFactory(stock=100)
    client = login(UserFactory())

    response = client.post("/cart/add", data={"listing_id": listing.id, "quantity": quantity}, follow_redirects=True)

    assert "Give the quantity as a whole number." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(CartItem)) == 0


def test_a_cart_quantity_in_vietnamese_thousands_is_that_many(db, login):
    """Is a cart quantity of "1.000" a thousand pieces?"""
    listing = ListingFactory(stock=5000)
    client = login(UserFactory())

    client.post("/cart/add", data={"listing_id": listing.id, "quantity": "1.000"})

    assert db.session.scalars(select(CartItem.quantity)).all() == [1000]
