"""Every form and API call names all its invalid fields at once, in the reader's language, and stores nothing."""
import re
from html import unescape

import pytest
from sqlalchemy import func, select

from marketplace.catalog import services as catalog
from marketplace.catalog.models import Listing
from marketplace.orders.models import CartItem, Order
from tests.factories import ListingFactory, ProducerFactory, UserFactory

EMPTY_CHECKOUT = {"recipient_name": "", "phone": "", "province": "", "district": "", "ward": "", "street": "",
                  "note": "", "checkout_token": "t-empty"}


def _messages(html):
    """The error messages shown next to fields, in page order."""
    return [unescape(m) for m in re.findall(r'<p class="error(?:-text)?"[^>]*>([^<]+)</p>', html)]


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_an_empty_checkout_names_every_missing_field_in_one_answer(db, login):
    """Does an empty checkout form answer 400 with all six messages (five address fields and the payment method), ordering nothing?"""
    buyer = UserFactory()
    listing = ListingFactory(producer=ProducerFactory(), price_vnd=200000, stock=5)
    client = login(buyer)
    client.post("/cart/add", data={"listing_id": listing.id, "quantity": "1"})

    response = client.post("/checkout", data=EMPTY_CHECKOUT)

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert _messages(html) == [
        "Give the name of the person who receives the parcel.",
        "Give a Vietnamese phone number, e.g. 0912 345 678.",
        "Choose the province or city.",
        "Give the ward or commune.",
        "Give the house number and street.",
        "Choose how you will pay.",
    ]
    assert "6 fields need your attention:" in html
    assert (_count(db, Order), _count(db, CartItem)) == (0, 1)


def test_an_empty_checkout_speaks_vietnamese_by_default(db, login):
    """In Vietnamese, does the empty checkout name each missing field in Vietnamese?"""
    buyer = UserFactory()
    listing = ListingFactory(producer=ProducerFactory(), price_vnd=200000, stock=5)
    client = login(buyer, lang="vi")
    client.post("/cart/add", data={"listing_id": listing.id, "quantity": "1"})

    response = client.post("/checkout", data={**EMPTY_CHECKOUT, "phone": "12345", "payment_method": "cod"})

    assert response.status_code == 400
    assert _messages(response.get_data(as_text=True)) == [
        "Vui lòng nhập tên người nhận hàng.",
        "Vui lòng nhập số điện thoại Việt Nam, VD: 0912 345 678.",
        "Vui lòng chọn tỉnh/thành phố.",
        "Vui lòng nhập phường hoặc xã.",
        "Vui lòng nhập số nhà và tên đường.",
    ]
    assert _count(db, Order) == 0


def test_a_listing_form_with_five_mistakes_names_all_five(db, login):
    """Does a listing with no title, no craft, a price of 999 ₫, a bad HS code and a tier above the price get all five messages at once?"""
    owner = UserFactory(role="producer")
    producer = ProducerFactory(owner=owner)

    response = login(owner).post(f"/dashboard/producer/{producer.id}/listings/new", data={
        "title_vi": "", "craft_id": "", "price_vnd": "999", "hs_code": "12ab", "unit": "piece", "status": "draft",
        "moq": "5", "tiers-0-min_qty": "2", "tiers-0-unit_price_vnd": "abc"})

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert _messages(html) == [
        "This field is required.",
        "Choose the product's craft.",
        "Enter a price from 1.000 ₫ to 2.000.000.000 ₫.",
        "An HS code has 4, 6, 8 or 10 digits.",
        "Tier price must be a whole number.",
    ]
    assert "5 fields need your attention:" in html
    assert _count(db, Listing) == 0


def test_the_listing_service_reports_every_field_in_its_error(db, english):
    """Called directly, does create_listing raise one ListingError whose errors name each bad field?"""
    owner = UserFactory(role="producer")
    producer = ProducerFactory(owner=owner)

    with pytest.raises(catalog.ListingError) as caught:
        catalog.create_listing(owner, producer.id, {"title_vi": "Khăn", "craft_id": 0, "price_vnd": "1,5",
                                                    "stock": -1, "unit": "barrel"})

    assert caught.value.errors == {
        "craft_id": ["Choose the product's craft."],
        "price_vnd": ["Price must be a whole number."],
        "stock": ["Stock must be between 0 and 10,000,000."],
        "unit": ["Choose a unit: piece, set, pair, metre, pack, box, kg."],
    }
    assert _count(db, Listing) == 0
