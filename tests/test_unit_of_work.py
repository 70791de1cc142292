"""One unit of work: a handler that fails half-way leaves nothing claimed or changed, on SQLite and PostgreSQL.

Faults are injected by making one collaborator raise part-way through a real run (after some rows
were already written); the redelivery then runs with nothing injected and must apply once.
"""
import io

import pytest
from sqlalchemy import func, select

from marketplace.core import outbox
from marketplace.core.outbox import OutboxTask
from marketplace.leads import runs as lead_runs
from marketplace.leads import services as leads
from marketplace.leads.models import Match, MatchingStatus
from marketplace.notifications.models import Notification
from marketplace.orders import parts as order_parts
from marketplace.orders import services as orders
from marketplace.orders.models import Order, PartStatus
from marketplace.payments.models import Payment, StripeEvent
from marketplace.villages.models import Craft
from tests.factories import ListingFactory, ProducerFactory, UserFactory
from tests.leads_data import ceramics_world, make_inquiry
from tests.order_helpers import ADDRESS, client_for, count, make_shop, place, post_webhook, stripe_event


class Injected(RuntimeError):
    """The fault a test injects."""


def _fail_after(monkeypatch, module, name, calls=0):
    """Make ``module.name`` raise Injected from its call number ``calls + 1`` on (earlier calls go through)."""
    real = getattr(module, name)
    seen = []

    def wrapper(*args, **kwargs):
        seen.append(1)
        if len(seen) > calls:
            raise Injected(f"{name} failed")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)


def test_a_row_written_in_a_savepoint_before_any_other_write_goes_with_the_rollback(db):
    """Does a row added in begin_nested() as the transaction's first write vanish when the session rolls back?

    (On SQLite, pysqlite's own transaction handling made that savepoint's RELEASE a commit.)"""
    with db.session.begin_nested():
        db.session.add(Craft(slug="gom", name_vi="Gốm", name_en="Ceramics"))
    db.session.rollback()

    assert db.session.scalar(select(func.count()).select_from(Craft)) == 0


def test_a_failed_transaction_sends_none_of_its_outbox_tasks(db):
    """Does a task scheduled in a transaction that rolls back stay unwritten and unsent?"""
    outbox.schedule("workers.tasks.deliver_outbox", [1])
    db.session.rollback()
    db.session.commit()

    assert db.session.scalar(select(func.count()).select_from(OutboxTask)) == 0


@pytest.fixture
def card_app(make_app, stripe):
    app = make_app(**stripe.config)
    with app.app_context():
        yield app


def test_a_webhook_whose_handler_fails_half_way_is_applied_once_on_redelivery(card_app, stripe, monkeypatch):
    """If paying the order fails after the part moved, is the event left unclaimed, nothing paid, and the
    redelivered event applied exactly once?"""
    from marketplace.extensions import db

    shop = make_shop()
    order = place(shop.buyer, (shop.a, 2), (shop.b, 1), method="card", card_enabled=True)
    intent = stripe.client().v1.payment_intents.create(params={
        "amount": order.total_vnd, "currency": "vnd", "payment_method": "pm_card_visa", "confirm": True,
        "payment_method_types": ["card"], "metadata": {"order_id": str(order.id)}}).to_dict()
    body = stripe_event("payment_intent.succeeded", intent)
    client = card_app.test_client()
    _fail_after(monkeypatch, order_parts, "tell_buyer")  # mark_paid moves the parts, then tells the buyer: that fails

    failed = post_webhook(client, body, stripe.webhook_secret)

    assert failed.status_code == 500
    db.session.expire_all()
    assert count(db, StripeEvent) == 0
    assert count(db, Payment) == 0
    assert [p.status for p in db.session.get(Order, order.id).parts] == [PartStatus.AWAITING_PAYMENT] * 2
    assert count(db, Notification) == 3  # the order's own three, nothing of the payment

    monkeypatch.undo()
    again = post_webhook(client, body, stripe.webhook_secret)
    third = post_webhook(client, body, stripe.webhook_secret)

    assert (again.status_code, again.get_json()["outcome"]) == (200, "handled: order paid")
    assert (third.status_code, third.get_json()["outcome"]) == (200, "duplicate")
    db.session.expire_all()
    assert [p.status for p in db.session.get(Order, order.id).parts] == [PartStatus.PAID] * 2
    assert db.session.scalars(select(StripeEvent.outcome)).all() == ["handled: order paid"]
    assert count(db, Payment) == 1
    assert count(db, Notification, Notification.message_key == "orders.paid") == 1


def test_a_statement_import_that_fails_half_way_applies_nothing_and_then_applies_once(db, app, monkeypatch):
    """If the second matched line of a statement fails, is the first line's payment undone too, and does the
    next upload of the same statement pay both orders once?"""
    staff = UserFactory(role="staff", email="staff@example.vn")
    buyer = UserFactory(locale="en")
    listing = ListingFactory(producer=ProducerFactory(owner=UserFactory(role="producer")), price_vnd=350000, stock=10)
    first = orders.place_order(buyer, orders.add_to_cart(buyer, None, listing.id, None, 1), ADDRESS, "bank_transfer",
                               orders.new_checkout_token())
    second = orders.place_order(buyer, orders.add_to_cart(buyer, None, listing.id, None, 2), ADDRESS, "bank_transfer",
                                orders.new_checkout_token())
    body = ("Ngày giao dịch;Số tiền ghi có;Nội dung\n"
            f"01/12/2026;{first.total_vnd};CK {first.reference}\n"
            f"01/12/2026;{second.total_vnd};CK {second.reference}\n").encode()
    client = client_for(app, staff)

    def upload():
        return client.post("/staff/payments/statement", content_type="multipart/form-data",
                           data={"statement": (io.BytesIO(body), "sao-ke.csv")})

    _fail_after(monkeypatch, orders, "mark_paid", calls=1)
    assert upload().status_code == 500
    db.session.expire_all()
    assert count(db, Payment) == 0
    assert [db.session.get(Order, o.id).paid_at for o in (first, second)] == [None, None]

    monkeypatch.undo()
    page = upload().get_data(as_text=True)
    repeat = upload().get_data(as_text=True)

    db.session.expire_all()
    assert count(db, Payment) == 2
    assert all(db.session.get(Order, o.id).paid_at is not None for o in (first, second))
    assert "2 matched" in page
    assert repeat.count("Already recorded from an earlier statement.") == 2


def test_a_matching_run_that_fails_half_way_leaves_the_inquiry_queued_and_then_matches_once(db, monkeypatch):
    """If telling the producers fails after the matches were written, are the matches undone and the inquiry
    still queued, and does the redelivered task store the matches and tell each producer once?"""
    world = ceramics_world()
    inquiry = make_inquiry(world.importer, "Blue glaze vases, please", quantity=3000, days=90, target=100_000)
    before = count(db, Notification)
    _fail_after(monkeypatch, lead_runs, "_tell")

    with pytest.raises(Injected):
        leads.run_matching(inquiry.id)

    db.session.expire_all()
    assert db.session.get(type(inquiry), inquiry.id).matching_status == MatchingStatus.QUEUED
    assert count(db, Match) == 0
    assert count(db, Notification) == before

    monkeypatch.undo()
    leads.run_matching(inquiry.id)
    leads.run_matching(inquiry.id)  # delivered twice

    db.session.expire_all()
    assert db.session.get(type(inquiry), inquiry.id).matching_status == MatchingStatus.DONE
    # Honest relevance: An's blue glaze vase and Cúc's vase match; Bình's blue glaze plate is not a vase.
    matched = db.session.scalars(select(Match.producer_id).order_by(Match.producer_id)).all()
    assert matched == sorted([world.an.id, world.cuc.id])
    owners = [world.owners["an"].id, world.owners["binh"].id, world.owners["cuc"].id]
    told = db.session.scalars(select(Notification.user_id).where(Notification.user_id.in_(owners))
                              .order_by(Notification.user_id)).all()
    assert told == sorted([world.owners["an"].id, world.owners["cuc"].id])
