"""Every form and API call names all its invalid fields at once, in the reader's language, and stores nothing."""
import re

from sqlalchemy import func, select

from marketplace.orders.models import CartItem, Order
from tests.factories import ListingFactory, ProducerFactory, UserFactory

EMPTY_CHECKOUT = {"recipient_name": "", "phone": "", "province": "", "district": "", "ward": "", "street": "",
                  "note": "", "checkout_token": "t-empty"}


def _messages(html):
    """The error messages shown next to fields, in page order."""
    return re.findall(r'<p class="error(?:-text)?"[^>]*>([^<]+)</p>', html)


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
