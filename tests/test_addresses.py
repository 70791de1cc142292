"""The buyer's address book: saved addresses, the default pre-filled at checkout, "save this address"."""
from sqlalchemy import select

from marketplace.orders.models import Address
from tests.factories import ListingFactory, UserFactory
from tests.order_helpers import ADDRESS

BOOK = {k: ADDRESS[k] for k in ("recipient_name", "phone", "province", "district", "ward", "street")}
SAIGON = {**BOOK, "province": "Hồ Chí Minh", "district": "Sài Gòn", "ward": "", "street": "12 Lê Lợi"}


def _book(db, user):
    return [(a.street, a.is_default) for a in db.session.scalars(
        select(Address).where(Address.user_id == user.id).order_by(Address.id))]


def test_a_buyer_keeps_an_address_book_with_one_default(db, login):
    """Add two, make the second the default, delete it: is the first the default again?"""
    buyer = UserFactory()
    client = login(buyer)

    assert client.post("/account/addresses", data=BOOK).status_code == 303
    assert client.post("/account/addresses", data=SAIGON).status_code == 303
    second = db.session.scalars(select(Address).where(Address.street == "12 Lê Lợi")).one()
    assert _book(db, buyer) == [("Số 5, xóm 3", True), ("12 Lê Lợi", False)]
    client.post(f"/account/addresses/{second.id}/default")
    assert _book(db, buyer) == [("Số 5, xóm 3", False), ("12 Lê Lợi", True)]
    client.post(f"/account/addresses/{second.id}", data={**SAIGON, "street": "14 Lê Lợi"})
    assert _book(db, buyer) == [("Số 5, xóm 3", False), ("14 Lê Lợi", True)]

    client.post(f"/account/addresses/{second.id}/delete")

    assert _book(db, buyer) == [("Số 5, xóm 3", True)]


def test_a_wrong_address_names_every_field_at_once_and_saves_nothing(db, login):
    response = login(UserFactory()).post("/account/addresses", data={
        "recipient_name": "", "phone": "12345", "province": "Sài Gòn", "district": "", "street": ""})

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    for message in ("Give the name of the person who receives the parcel.",
                    "Give a Vietnamese phone number, e.g. 0912 345 678.", "Choose the province or city.",
                    "Give the ward or commune.", "Give the house number and street."):
        assert message in page
    assert db.session.scalars(select(Address)).first() is None


def test_nobody_else_sees_or_changes_an_address(db, login):
    """Another buyer's address: 404 to read, edit, make default or delete, and nothing changes."""
    owner, other = UserFactory(), UserFactory()
    login(owner).post("/account/addresses", data=BOOK)
    address = db.session.scalars(select(Address)).one()
    client = login(other)

    assert client.get(f"/account/addresses/{address.id}").status_code == 404
    assert client.post(f"/account/addresses/{address.id}", data=SAIGON).status_code == 404
    client.post(f"/account/addresses/{address.id}/delete")

    assert _book(db, owner) == [("Số 5, xóm 3", True)]


def test_checkout_fills_in_the_default_and_saves_a_new_address_when_asked(db, login):
    """Is the default pre-filled, and does "save this address" add the order's address to the book?"""
    buyer = UserFactory()
    client = login(buyer)
    client.post("/account/addresses", data=BOOK)
    listing = ListingFactory(stock=5)
    client.post("/cart/add", data={"listing_id": listing.id, "quantity": "1"})

    page = client.get("/checkout").get_data(as_text=True)
    client.post("/checkout", data={**SAIGON, "payment_method": "cod", "checkout_token": "t-1", "save_address": "y"})

    assert 'value="Số 5, xóm 3"' in page and '<option selected value="Hà Nội">' in page
    assert _book(db, buyer) == [("Số 5, xóm 3", True), ("12 Lê Lợi", False)]


def test_deleting_the_account_deletes_its_address_book(db, login):
    from marketplace.privacy import deletion
    from tests.factories import PASSWORD

    buyer = UserFactory()
    login(buyer).post("/account/addresses", data=BOOK)

    deletion.delete_account(buyer, {"password": PASSWORD})

    assert db.session.scalars(select(Address)).first() is None


def test_checkout_fills_in_the_saved_address_the_buyer_picks_and_nobody_elses(db, login):
    """With two saved addresses, does ?address= pre-fill the one chosen, and another buyer's give 404?"""
    buyer = UserFactory()
    client = login(buyer)
    client.post("/account/addresses", data=BOOK)
    client.post("/account/addresses", data=SAIGON)
    saigon = db.session.scalars(select(Address).where(Address.street == "12 Lê Lợi")).one()
    client.post("/cart/add", data={"listing_id": ListingFactory(stock=5).id, "quantity": "1"})

    page = client.get(f"/checkout?address={saigon.id}").get_data(as_text=True)

    assert 'value="12 Lê Lợi"' in page and '<option selected value="Hồ Chí Minh">' in page
    assert "Deliver to a saved address:" in page
    assert login(UserFactory()).get(f"/checkout?address={saigon.id}").status_code == 404
