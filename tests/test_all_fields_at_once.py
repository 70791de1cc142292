"""Every form and API call names all its invalid fields at once, in the reader's language, and stores nothing."""
import re
from html import unescape

import pytest
from sqlalchemy import func, select

from marketplace.accounts import services as accounts
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Listing
from marketplace.leads.models import Inquiry
from marketplace.orders.models import CartItem, Order
from tests.factories import ListingFactory, ProducerFactory, UserFactory
from tests.leads_data import ceramics_world

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


def test_a_listing_form_with_six_mistakes_names_all_six(db, login):
    """Does a listing with no title, no craft, a price of 999 ₫, no weight, a bad HS code and a tier above the price get all six messages at once?"""
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
        "Enter a price from ₫1,000 to ₫2,000,000,000.",
        "Give the weight of one unit, packed, in grams (e.g. 800): shipping is charged by weight.",
        "An HS code has 4, 6, 8 or 10 digits.",
        "Tier price must be a whole number.",
    ]
    assert "6 fields need your attention:" in html
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
        "unit": ["Choose a unit: piece, set, pair, metre, pack, box, kg, g, cm, m²."],
        "weight_grams": ["Give the weight of one unit, packed, in grams (e.g. 800): shipping is charged by weight."],
    }
    assert _count(db, Listing) == 0


def test_an_inquiry_form_with_every_field_wrong_names_each_one(db, login):
    """Does the inquiry form, sent empty but for a bad quantity and a past date, name every field at fault at once?"""
    world = ceramics_world()

    response = login(world.importer).post("/dashboard/importer/inquiries/new", data={
        "description": "", "quantity": "0", "unit": "piece", "destination_country": "", "incoterm": "FOB",
        "required_by": "2020-01-01", "reference_listing_ids": "abc"})

    assert response.status_code == 400
    assert _messages(response.get_data(as_text=True)) == [
        "Not a product number or a product page address: “abc”.",
        "Quantity must be between 1 and 10,000,000.",
        "The date must be in the future.",
        "Choose the destination country (a two-letter ISO code such as DE).",
    ]
    assert _count(db, Inquiry) == 0


def test_a_bad_api_inquiry_lists_every_field_with_its_message(db, client):
    """Does POST /api/v1/inquiries with four bad fields answer 400 with each field's exact message, storing nothing?"""
    world = ceramics_world()
    _row, token = accounts.create_api_token(world.importer, "ERP")

    response = client.post("/api/v1/inquiries?lang=en", headers={"Authorization": f"Bearer {token}"}, json={
        "description": "Blue glaze vases", "quantity": "many", "unit": "barrel", "destination_country": "DE",
        "incoterm": "FOB", "required_by": "soon", "craft": "nope"})

    assert response.status_code == 400
    assert response.json["error"]["status"] == 400
    assert response.json["error"]["fields"] == {
        "quantity": ["Quantity must be a whole number."],
        "unit": ["Choose a unit: piece, set, pair, metre, pack, box, kg, g, cm, m²."],
        "required_by": ["Give the date as YYYY-MM-DD."],
        "craft": ["Unknown craft."],
    }
    assert _count(db, Inquiry) == 0


def test_the_api_names_every_bad_search_argument_in_vietnamese(db, client):
    """Does GET /api/v1/products with three bad arguments answer 400 naming all three, in Vietnamese by default?"""
    response = client.get("/api/v1/products?ocop=9&per_page=0&sort=cheapest")

    fields = response.json["error"]["fields"]
    assert response.status_code == 400
    assert sorted(fields) == ["ocop", "per_page", "sort"]
    assert fields["sort"] == ["Chỉ sắp xếp theo một trong các cách: relevance, newest, price_asc, price_desc, rating."]


def test_an_empty_sign_up_names_every_missing_field_in_one_answer(english_client, db):
    """Does an empty sign-up form answer 400 with the four required fields' messages at once, creating no account?"""
    from marketplace.accounts.models import User

    response = english_client.post("/register", data={"name": "", "email": "", "password": "", "confirm": ""})

    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert _messages(html) == ["This field is required."] * 4
    assert "4 fields need your attention" in html
    assert _count(db, User) == 0


def test_a_sign_up_with_three_mistakes_names_all_three(english_client, db):
    """Do a bad address, an easy password and a different repeat all show in one answer, in the schema's words?"""
    from marketplace.accounts.models import User

    response = english_client.post("/register", data={"name": "Lan", "email": "lan-at-example", "password": "aaaaaaaaaaaa",
                                                      "confirm": "bbbbbbbbbbbb", "role": "buyer"})

    messages = _messages(response.get_data(as_text=True))
    assert response.status_code == 400
    assert messages[0] == "Invalid email address."
    assert messages[1].startswith("This password is too easy to guess.")
    assert messages[2] == "The passwords do not match."
    assert _count(db, User) == 0
