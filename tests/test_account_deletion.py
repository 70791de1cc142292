"""Deleting an account and downloading one's data (issue 10 item 2; Vietnam's Decree 13/2023)."""
import json

import pytest
from flask import g
from sqlalchemy import select

from marketplace.accounts.models import ApiToken, AssociationAdmin, ProducerMember, User
from marketplace.extensions import db as sqla
from marketplace.notifications.models import Notification, OutboxMessage
from marketplace.orders import services as orders
from marketplace.orders.models import Cart, Order, OrderLine, OrderPart, PartStatus, PayoutStatus
from marketplace.producers.models import Producer, ProducerStatus
from tests.factories import PASSWORD, AssociationFactory, UserFactory
from tests.order_helpers import client_for, fill_cart, make_shop, place


@pytest.fixture
def shop(app, db):
    """Two shops and a buyer (Lan, English) whose order from shop A is delivered (she confirmed it) and paid in cash."""
    shop = make_shop()
    order = place(shop.buyer, (shop.a, 2))
    part = order.parts[0]
    orders.ship_part(shop.owner_a, part.id, "Viettel Post", "VTP123456")
    orders.confirm_receipt(shop.buyer, part.id)
    shop.order_id = order.id
    return shop


def _delete(app, user, password=PASSWORD):
    return client_for(app, user).post("/account/delete", data={"password": password})


def _everything_stored():
    """Every value of every row of every table, as one text (to look for what identifies a person)."""
    sqla.session.expire_all()
    with sqla.engine.connect() as conn:
        return "\n".join(repr(tuple(row)) for table in sqla.metadata.sorted_tables
                         for row in conn.execute(table.select()))


def test_the_page_says_what_happens_and_asks_the_password(app, shop):
    """Does /account/delete state what is deleted and what is kept, with a password field?"""
    page = client_for(app, shop.buyer).get("/account/delete").get_data(as_text=True)

    assert "Orders you placed stay in our accounts, as the law requires, but without your name, phone or address" in page
    assert "This cannot be undone. The e-mail address can be used to sign up again." in page
    assert 'name="password"' in page and "Delete my account for good" in page


def test_a_buyer_deletes_the_account_and_the_order_stays_anonymised(app, shop):
    """After deleting, is the buyer logged out, the order kept with its totals and lines but without name,
    phone or address, the notifications, cart and tokens gone, and no trace of the person left anywhere?"""
    fill_cart(shop.buyer, (shop.b, 1))
    sqla.session.add(ApiToken(user_id=shop.buyer.id, name="ERP", token_hash="x" * 64, prefix="lnm_abcdefgh"))
    sqla.session.commit()
    user_id = shop.buyer.id
    browser = client_for(app, shop.buyer)

    response = browser.post("/account/delete", data={"password": PASSWORD})

    assert (response.status_code, response.headers["Location"]) == (303, "/")
    g.pop("_login_user", None)
    assert browser.get("/account").status_code == 302
    order = sqla.session.get(Order, shop.order_id)
    assert (order.recipient_name, order.phone, order.province, order.district, order.ward, order.street,
            order.note) == ("—", "", "", "", "", "", "")
    assert order.total_vnd == 2 * 350000 + 30000
    assert [(line.title_vi, line.quantity, line.unit_price_vnd) for line in
            sqla.session.scalars(select(OrderLine)).all()] == [("Bình gốm men lam", 2, 350000)]
    part = sqla.session.scalars(select(OrderPart)).one()
    assert (part.status, part.payout_status, part.net_vnd) == (PartStatus.DELIVERED, PayoutStatus.DUE, 674000)
    user = sqla.session.get(User, user_id)
    assert (user.email, user.name, user.active, user.locale) == (f"deleted-{user_id}@deleted.invalid", "—", False, None)
    assert user.deleted_at is not None and not user.check_password(PASSWORD)
    for model in (Notification, ApiToken, Cart):
        assert sqla.session.scalars(select(model).where(model.user_id == user_id)).all() == []
    stored = _everything_stored()
    for trace in ("lan@example.vn", "Nguyễn Thị Lan", "0912345678", "Số 5, xóm 3", "Gọi trước khi giao"):
        assert trace not in stored


def test_the_address_can_sign_up_again(app, shop):
    """Once deleted, can lan@example.vn register a new account?"""
    _delete(app, shop.buyer)
    g.pop("_login_user", None)

    response = app.test_client().post("/register", data={"name": "Lan", "email": "lan@example.vn",
                                                         "password": "mái ngói rêu phong cổ kính",
                                                         "confirm": "mái ngói rêu phong cổ kính"})

    assert response.status_code == 303
    assert sqla.session.scalar(select(User).where(User.email == "lan@example.vn")).deleted_at is None


def test_a_wrong_password_deletes_nothing(app, shop):
    """Is a wrong password a 400 naming it, with the account and its order as they were?"""
    response = _delete(app, shop.buyer, password="not my password")

    assert response.status_code == 400
    assert "That is not your password." in response.get_data(as_text=True)
    sqla.session.expire_all()
    assert sqla.session.get(User, shop.buyer.id).email == "lan@example.vn"
    assert sqla.session.get(Order, shop.order_id).recipient_name == "Nguyễn Thị Lan"


def test_an_owner_with_unpaid_earnings_or_open_orders_must_settle_first(app, shop):
    """Is the owner of a shop with earnings due refused (the page says why), and one with an order to ship too?"""
    page = client_for(app, shop.owner_a, lang="en").get("/account/delete").get_data(as_text=True)
    refused = _delete(app, shop.owner_a)
    place(shop.buyer, (shop.b, 1))
    busy = client_for(app, shop.owner_b, lang="en").get("/account/delete").get_data(as_text=True)

    assert "Gốm Minh Long has earnings not paid out yet." in page and 'name="password"' not in page
    assert refused.status_code == 400
    assert "Lụa Vạn Phúc has orders to ship or deliver." in busy
    sqla.session.expire_all()
    assert sqla.session.get(User, shop.owner_a.id).deleted_at is None


def test_a_buyer_with_an_order_on_its_way_must_wait(app, shop):
    """Is a buyer whose order is not delivered yet told that it still needs the address?"""
    place(shop.buyer, (shop.b, 1))

    response = _delete(app, shop.buyer)

    assert response.status_code == 400
    assert "1 of your orders are not delivered or cancelled yet: they need your address." in \
        response.get_data(as_text=True)


def test_a_settled_owner_leaves_and_the_shop_run_alone_closes(app, db):
    """Does the owner of a shop with nothing open or unpaid delete, leaving the shop closed without phone or bank?"""
    shop = make_shop()
    producer_id = shop.a.producer_id

    assert _delete(app, shop.owner_a).status_code == 303

    producer = sqla.session.get(Producer, producer_id)
    assert (producer.status, producer.phone, producer.bank_account_number) == (ProducerStatus.SUSPENDED, "", "")
    assert sqla.session.scalars(select(ProducerMember).where(ProducerMember.producer_id == producer_id)).all() == []


def test_the_only_association_admin_cannot_leave_but_one_of_two_can(app, db):
    """Is the only admin of an association refused, and, once a second admin is named, allowed?"""
    first = UserFactory(email="admin1@example.vn", role="association_admin")
    association = AssociationFactory(name="Hiệp hội Gốm sứ Bát Tràng", admin=first)

    refused = _delete(app, first)
    sqla.session.add(AssociationAdmin(user_id=UserFactory().id, association_id=association.id))
    sqla.session.commit()
    allowed = _delete(app, first)

    assert refused.status_code == 400
    assert "You are the only admin of Hiệp hội Gốm sứ Bát Tràng: another admin must be named first." in \
        refused.get_data(as_text=True)
    assert allowed.status_code == 303


def test_the_export_is_the_persons_own_data(app, shop):
    """Does /account/export.json download the profile, the address, the order with its lines and the notifications?"""
    response = client_for(app, shop.buyer).get("/account/export.json")

    data = json.loads(response.get_data(as_text=True))
    assert response.headers["Content-Disposition"] == 'attachment; filename="lang-nghe-market-my-data.json"'
    assert {key: data["profile"][key] for key in ("email", "name", "role", "language")} == {
        "email": "lan@example.vn", "name": shop.buyer.name, "role": "buyer", "language": "en"}
    assert data["addresses"] == [{"recipient_name": "Nguyễn Thị Lan", "phone": "0912345678", "province": "Hà Nội",
                                  "district": "Gia Lâm", "ward": "Bát Tràng", "street": "Số 5, xóm 3"}]
    [order] = data["orders"]
    assert (order["reference"], order["total_vnd"], order["payment_method"]) == (f"LN{shop.order_id:06d}", 730000, "cod")
    assert order["parts"][0]["lines"] == [{"title_vi": "Bình gốm men lam", "title_en": "Blue glazed vase",
                                          "variant_vi": "", "variant_en": "", "quantity": 2, "unit": "piece",
                                          "unit_price_vnd": 350000}]
    assert [n["subject"] for n in data["notifications"]] == [
        f"Order LN{shop.order_id:06d} received", f"Your order LN{shop.order_id:06d} is on its way"]
    assert (data["inquiries"], data["quotes"], data["producers"], data["api_tokens"]) == ([], [], [], [])


def test_an_owners_export_lists_the_shop(app, shop):
    """Does a producer owner's export name its shop and its role there, and nobody else's data?"""
    data = json.loads(client_for(app, shop.owner_a).get("/account/export.json").get_data(as_text=True))

    assert [(p["name"], p["your_role"]) for p in data["producers"]] == [("Gốm Minh Long", "owner")]
    assert data["orders"] == [] and data["addresses"] == []


def test_no_mail_waits_for_a_deleted_address(app, shop):
    """Are e-mails still queued for the person deleted with the account?"""
    sqla.session.add(OutboxMessage(to_email="lan@example.vn", subject="x", body="y"))
    sqla.session.commit()

    _delete(app, shop.buyer)

    assert sqla.session.scalars(select(OutboxMessage).where(OutboxMessage.to_email == "lan@example.vn")).all() == []
