"""A return's refund through Stripe (localstripe), and accepts racing each other on real PostgreSQL."""
import pytest
from flask_babel import force_locale
from sqlalchemy import select

from marketplace.accounts.models import ProducerMember, User
from marketplace.extensions import db as _db
from marketplace.orders import services as orders
from marketplace.payments import services as payments
from marketplace.payments.models import PayoutAdjustment, Refund, RefundStatus
from marketplace.returns import services as returns
from marketplace.returns.models import ReturnRequest
from tests.factories import UserFactory
from tests.order_helpers import make_shop, place
from tests.test_order_concurrency import _all_at_once


@pytest.fixture
def card_app(make_app, stripe):
    """The app with card payments on, talking to localstripe (as in test_card_payments)."""
    app = make_app(**stripe.config)
    with app.app_context():
        yield app


def _delivered_and_asked(shop, method="cod", card_enabled=False):
    order = place(shop.buyer, (shop.a, 2), method=method, card_enabled=card_enabled)
    if method == "card":
        payments.pay_by_card(shop.buyer, order.id, "pm_card_visa")
    part = order.parts[0]
    orders.ship_part(shop.owner_a, part.id, "GHN", "GHN123456")
    orders.confirm_receipt(shop.buyer, part.id)
    request = returns.request_return(shop.buyer, part.id, {"reason": "Men bị rạn.",
                                                           "quantities": {part.lines[0].id: "2"}})
    return part, request


def test_a_card_return_is_refunded_through_stripe_once(card_app, stripe):
    """Is staff's accepted refund of 500.000 ₫ on a card order sent to Stripe for exactly that amount, once,
    with the producer's earnings reduced by 460.000 ₫ (the refund less its 40.000 ₫ commission)?"""
    with force_locale("en"):
        shop = make_shop()
        staff = UserFactory(role="staff")
        _part, request = _delivered_and_asked(shop, method="card", card_enabled=True)
        returns.escalate_return(shop.owner_a, request.id)
        _, refund = returns.accept_return(staff, request.id, {"refund_vnd": "500000"})  # the worker sends it

        assert payments.send_return_refund(refund.id) == RefundStatus.SUCCEEDED  # a redelivered task: nothing more
        [sent] = stripe.client().v1.refunds.list().data
        _db.session.expire_all()
        refund = _db.session.get(Refund, refund.id)
        intent_id = refund.payment.provider_ref
        assert (sent.amount, sent.payment_intent, refund.provider_ref) == (500000, intent_id, sent.id)
        [adjustment] = _db.session.scalars(select(PayoutAdjustment)).all()
        assert (adjustment.refund_vnd, adjustment.commission_vnd, adjustment.amount_vnd) == (500000, -40000, -460000)


def _accept(user_id, return_id, amount):
    def prepare():
        return _db.session.get(User, user_id)

    def act(user):
        request, _ = returns.accept_return(user, return_id, {"refund_vnd": str(amount)})
        return request.status

    return prepare, act


def _escalate(user_id, return_id):
    def prepare():
        return _db.session.get(User, user_id)

    def act(user):
        return returns.escalate_return(user, return_id).status

    return prepare, act


@pytest.mark.postgres_only
def test_two_accepts_at_once_refund_once(app, db, make_app):
    """Do two people accepting the same return at the same moment record one refund and one adjustment,
    the other told it changed (409)?"""
    racing = make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 6, "max_overflow": 0})
    shop = make_shop()
    officer = UserFactory(role="producer")
    db.session.add(ProducerMember(user_id=officer.id, producer_id=shop.a.producer_id, role=ProducerMember.OFFICER))
    db.session.commit()
    _part, request = _delivered_and_asked(shop)
    people, return_id = [shop.owner_a.id, officer.id], request.id  # read here: threads must not touch this session

    results = _all_at_once(racing, 2, lambda i: _accept(people[i], return_id, 300000 + i))

    assert sorted(r if isinstance(r, str) else type(r).__name__ for r in results) == ["ReturnConflict", "accepted"]
    db.session.expire_all()
    assert len(db.session.scalars(select(Refund)).all()) == 1
    assert len(db.session.scalars(select(PayoutAdjustment)).all()) == 1
    accepted = db.session.get(ReturnRequest, return_id)
    [refund] = db.session.scalars(select(Refund)).all()
    assert refund.amount_vnd == accepted.refund_vnd


@pytest.mark.postgres_only
def test_an_accept_and_an_escalation_at_once_do_one_thing(app, db, make_app):
    """Does an accept racing the buyer's escalation end in exactly one of the two, with a refund only if accepted?"""
    racing = make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 6, "max_overflow": 0})
    shop = make_shop()
    _part, request = _delivered_and_asked(shop)
    owner_id, buyer_id, return_id = shop.owner_a.id, shop.buyer.id, request.id

    results = _all_at_once(racing, 2, lambda i: (_accept(owner_id, return_id, 300000) if i == 0
                                                 else _escalate(buyer_id, return_id)))

    assert [isinstance(r, returns.ReturnConflict) for r in results].count(True) == 1
    db.session.expire_all()
    status = db.session.get(ReturnRequest, return_id).status
    refunds = db.session.scalars(select(Refund)).all()
    assert (status, len(refunds)) in (("accepted", 1), ("escalated", 0))
