"""Staff measures with a reason: hiding a listing, suspending a producer, deactivating an account, and lifting them."""
import re
from html import unescape

import pytest
from flask import g
from flask_babel import force_locale
from sqlalchemy import select

from marketplace.accounts import services as accounts
from marketplace.accounts.models import ApiToken, Role, User
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Listing
from marketplace.moderation import services as moderation
from marketplace.moderation.models import ModerationAction, Sanction
from marketplace.notifications.models import Notification
from marketplace.orders import services as orders
from marketplace.orders.models import Order
from marketplace.producers.models import Producer
from tests.factories import PASSWORD, UserFactory
from tests.mail_helpers import notes_of, read_as, subjects_of
from tests.order_helpers import ADDRESS, client_for, count, fill_cart, make_shop

REASON = "Ảnh không đúng sản phẩm thật"  # what staff write; the producer reads it as written
HIDDEN = ("Staff have hidden this listing, so it cannot be put back on sale or changed in status until they lift "
          "the hide. The reason is on the listing's page.")


@pytest.fixture
def shop(db):
    return make_shop()


@pytest.fixture
def staff(db):
    return UserFactory(role=Role.STAFF, email="staff@example.vn", locale="en")


def _flashes(html):
    return [unescape(m).strip() for m in re.findall(r'<div class="flash flash-\w+">.*?<p>(.*?)</p>', html, re.DOTALL)]


def _subjects(db, user):
    return subjects_of(user, "en")


def test_staff_hide_a_listing_and_it_leaves_every_public_place_at_once(app, db, shop, staff):
    """Does a hide with a reason take the product off its page, the catalogue, search and the API, record who and
    why, and tell the producer in their language with the reason?"""
    response = client_for(app, staff).post(f"/staff/listings/{shop.b.id}/hide", data={"reason": REASON})

    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Listing, shop.b.id).status == "hidden"
    visitor = app.test_client()
    assert visitor.get(f"/products/{shop.b.id}").status_code == 404
    assert visitor.get(f"/api/v1/products/{shop.b.id}").status_code == 404
    assert [item["id"] for item in visitor.get("/api/v1/products?q=silk").json["items"]] == []
    assert [item["id"] for item in visitor.get("/api/v1/products").json["items"]] == [shop.a.id]
    sanction = db.session.scalars(select(Sanction)).one()
    assert (sanction.kind, sanction.subject_id, sanction.reason, sanction.previous_status, sanction.imposed_by_id,
            sanction.lifted_at) == ("listing_hidden", shop.b.id, REASON, "active", staff.id, None)
    action = db.session.scalars(select(ModerationAction)).one()
    assert (action.actor_id, action.action, action.subject_kind, action.subject_id, action.reason) == (
        staff.id, "hide_listing", "listing", shop.b.id, REASON)
    # Read in each reader's language, the product's title in that language too.
    [note] = notes_of(shop.owner_b)
    assert read_as(note, "en") == (
        "Staff have hidden your listing “Silk scarf”",
        f"Buyers can no longer see or buy it, and it cannot be put back on sale until staff lift the hide. Reason: {REASON}")
    assert read_as(note, "vi")[0] == "Nhân viên đã ẩn sản phẩm “Khăn lụa tơ tằm” của bạn"


def test_the_producer_reads_the_reason_on_its_listing_page(app, db, shop, staff):
    """Does the producer's own page of a hidden listing say it is hidden, and why?"""
    moderation.hide_listing(staff, shop.b.id, {"reason": REASON})

    html = unescape(client_for(app, shop.owner_b).get(f"/dashboard/listings/{shop.b.id}/edit").get_data(as_text=True))

    banner = re.search(r'data-testid="hidden-reason">(.*?)</div></div>', html, re.DOTALL).group(1)
    assert re.sub(r"<[^>]+>|\s+", " ", banner).split() == (
        "Staff have hidden this listing Buyers cannot see or buy it, and you cannot put it back on sale until staff "
        f"lift the hide. Reason: {REASON}").split()


def test_a_hidden_listing_cannot_be_bought_even_if_it_sat_in_a_cart(app, db, shop, staff):
    """A buyer put the product in the cart before the hide: is checkout refused, naming it, with no order made?"""
    cart = fill_cart(shop.buyer, (shop.b, 1), (shop.a, 1))
    moderation.hide_listing(staff, shop.b.id, {"reason": REASON})

    with force_locale("en"), pytest.raises(orders.CartProblem) as refused:
        orders.place_order(shop.buyer, cart, ADDRESS, "cod", orders.new_checkout_token())
    response = client_for(app, shop.buyer).post("/checkout", data={**ADDRESS, "payment_method": "cod",
                                                                   "checkout_token": "tok-1"})

    assert refused.value.problems == ["Silk scarf is no longer for sale; remove it from your cart."]
    assert response.status_code == 400
    assert "Silk scarf is no longer for sale; remove it from your cart." in unescape(response.get_data(as_text=True))
    assert count(db, Order) == 0
    assert (db.session.get(Listing, shop.b.id).stock, db.session.get(Listing, shop.a.id).stock) == (3, 10)


def test_the_producers_republish_is_refused_until_staff_lift_the_hide(app, db, shop, staff):
    """Can the producer put a hidden listing back on sale (status button, edit form, service)? And after the lift?"""
    moderation.hide_listing(staff, shop.b.id, {"reason": REASON})
    client = client_for(app, shop.owner_b)

    button = client.post(f"/dashboard/listings/{shop.b.id}/status", data={"status": "active"}, follow_redirects=True)
    with force_locale("en"), pytest.raises(catalog.ListingError) as refused:
        catalog.set_status(shop.owner_b, shop.b.id, "active")

    assert HIDDEN in _flashes(button.get_data(as_text=True))
    assert refused.value.message == HIDDEN
    db.session.expire_all()
    assert db.session.get(Listing, shop.b.id).status == "hidden"

    moderation.lift_hide(staff, shop.b.id, {"reason": "Đã thay ảnh"})
    db.session.expire_all()
    assert db.session.get(Listing, shop.b.id).status == "active"  # as it was before the hide
    assert app.test_client().get(f"/products/{shop.b.id}").status_code == 200
    assert catalog.set_status(shop.owner_b, shop.b.id, "archived").status == "archived"
    assert [a.action for a in db.session.scalars(select(ModerationAction).order_by(ModerationAction.id))] == [
        "hide_listing", "lift_hide"]
    assert _subjects(db, shop.owner_b)[-1] == "Staff have lifted the hide on “Silk scarf”"


def test_only_staff_hide_and_a_reason_is_required(app, db, shop, staff):
    """Is a producer's or buyer's hide 403, a hide without a reason refused with a message, and nothing changed?"""
    for user in (shop.owner_b, shop.buyer):
        assert client_for(app, user).post(f"/staff/listings/{shop.b.id}/hide", data={"reason": "x"}).status_code == 403
    empty = client_for(app, staff).post(f"/staff/listings/{shop.b.id}/hide", data={"reason": "  "}, follow_redirects=True)

    assert "Give the reason: the person concerned will read it." in _flashes(empty.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(Listing, shop.b.id).status == "active"
    assert (count(db, Sanction), count(db, ModerationAction), count(db, Notification)) == (0, 0, 0)


def test_suspending_a_producer_with_a_reason_shows_it_on_the_dashboard_and_stops_sales(app, db, shop, staff):
    """Is a suspended producer's product off sale (even from a cart), its dashboard banner giving the reason, and
    does reinstating put it back?"""
    cart = fill_cart(shop.buyer, (shop.a, 2))
    producer_id = shop.a.producer_id

    response = client_for(app, staff).post(f"/staff/producers/{producer_id}/suspend", data={"reason": "Hàng giả nhãn"})

    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(Producer, producer_id).status == "suspended"
    assert app.test_client().get(f"/products/{shop.a.id}").status_code == 404
    with pytest.raises(orders.CartProblem):
        orders.place_order(shop.buyer, cart, ADDRESS, "cod", orders.new_checkout_token())
    banner = unescape(client_for(app, shop.owner_a).get("/dashboard/producer").get_data(as_text=True))
    assert "Your shop is suspended" in banner and "Hàng giả nhãn" in banner
    assert subjects_of(shop.owner_a, "vi") == ["Cửa hàng Gốm Minh Long của bạn bị tạm đình chỉ"]  # owner_a reads Vietnamese

    moderation.reinstate_producer(staff, producer_id, {"reason": ""})
    db.session.expire_all()
    assert db.session.get(Producer, producer_id).status == "approved"
    assert app.test_client().get(f"/products/{shop.a.id}").status_code == 200
    assert [(s.kind, s.reason, s.lifted_by_id) for s in db.session.scalars(select(Sanction))] == [
        ("producer_suspended", "Hàng giả nhãn", staff.id)]


def test_a_suspension_needs_a_reason(app, db, shop, staff):
    """Is a suspension without a reason refused, the producer still approved?"""
    response = client_for(app, staff).post(f"/staff/producers/{shop.a.producer_id}/suspend", data={},
                                           follow_redirects=True)

    assert "Give the reason: the person concerned will read it." in _flashes(response.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(Producer, shop.a.producer_id).status == "approved"
    assert count(db, Sanction) == 0


def test_a_deactivated_account_cannot_log_in_its_sessions_end_and_its_tokens_stop(app, db, staff):
    """After deactivation: is the open session gone, login refused, the API token 401; and after reactivation?"""
    importer = UserFactory(role=Role.IMPORTER, email="buyer@import.de", locale="en")
    _row, token = accounts.create_api_token(importer, "ERP")
    session = client_for(app, importer)
    assert session.get("/account/api-tokens").status_code == 200
    bearer = {"Authorization": f"Bearer {token}"}
    assert app.test_client().get("/api/v1/inquiries", headers=bearer).status_code == 200

    response = client_for(app, staff).post(f"/staff/users/{importer.id}/deactivate", data={"reason": "Spam"})

    assert response.status_code == 303
    g.pop("_login_user", None)  # the test's app context caches the last user Flask-Login loaded
    assert session.get("/account/api-tokens").status_code == 302  # the old session cookie no longer works
    login = app.test_client().post("/login", data={"email": "buyer@import.de", "password": PASSWORD})
    assert login.status_code == 401
    assert app.test_client().get("/api/v1/inquiries", headers=bearer).status_code == 401
    db.session.expire_all()
    assert db.session.get(User, importer.id).active is False
    assert db.session.scalars(select(ApiToken.revoked_at)).one() is None  # kept, only refused while deactivated

    moderation.reactivate_user(staff, importer.id, {})
    assert app.test_client().post("/login", data={"email": "buyer@import.de", "password": PASSWORD}).status_code == 302
    assert app.test_client().get("/api/v1/inquiries", headers=bearer).status_code == 200
    assert [a.action for a in db.session.scalars(select(ModerationAction).order_by(ModerationAction.id))] == [
        "deactivate_user", "reactivate_user"]


def test_staff_cannot_deactivate_themselves(app, db, staff):
    """Is deactivating one's own account refused, the account still active?"""
    response = client_for(app, staff).post(f"/staff/users/{staff.id}/deactivate", data={"reason": "oops"},
                                           follow_redirects=True)

    assert "You cannot deactivate your own account." in _flashes(response.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(User, staff.id).active is True


def test_a_suspended_producer_is_reinstated_only_through_moderation(app, db, shop, staff):
    """Is the old "approve" button refused for a suspended producer (reinstating is recorded with its reason)?"""
    moderation.suspend_producer(staff, shop.a.producer_id, {"reason": "Hàng giả nhãn"})

    response = client_for(app, staff).post(f"/staff/producers/{shop.a.producer_id}/approve")

    assert response.status_code == 400
    assert "This producer is suspended: reinstate it from moderation instead." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Producer, shop.a.producer_id).status == "suspended"
