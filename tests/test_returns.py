"""Returns and disputes: asking, accepting, declining, escalating, staff deciding, and every ledger row."""
import io
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import select, update

from marketplace.core.errors import InvalidInput, NotFound
from marketplace.core.time import utcnow
from marketplace.orders import services as orders
from marketplace.orders.models import OrderPart, PayoutStatus
from marketplace.payments import services as payments
from marketplace.payments.models import PayoutAdjustment, PayoutLine, Refund
from marketplace.returns import services as returns
from marketplace.returns.models import ReturnRequest
from tests.factories import UserFactory
from tests.order_helpers import client_for, make_shop, place

NET_TWO_VASES = 2 * 350000 + 30000 - 56000  # 674.000 ₫: goods and shipping less 8 % of the goods


@pytest.fixture
def shop(db):
    shop = make_shop()
    shop.a.producer.bank_name, shop.a.producer.bank_account_number = "Vietcombank", "0011001234567"
    shop.a.producer.bank_account_name = "NGUYEN VAN MINH"
    db.session.commit()
    shop.staff = UserFactory(role="staff", email="staff@example.vn")
    return shop


def _delivered(shop, method="cod", quantity=2):
    """An order of ``quantity`` vases from producer A, paid, shipped and confirmed by the buyer; its part."""
    order = place(shop.buyer, (shop.a, quantity), method=method)
    if method == "bank_transfer":
        payments.record_transfer(shop.staff, order.id)
    part = order.parts[0]
    orders.ship_part(shop.owner_a, part.id, "Viettel Post", "VTP123456")
    orders.confirm_receipt(shop.buyer, part.id)
    return part


def _ask(shop, part, quantity=1, reason="Bình bị nứt ở miệng khi mở hộp."):
    return returns.request_return(shop.buyer, part.id, {"reason": reason,
                                                        "quantities": {part.lines[0].id: str(quantity)}})


def _ledger(db, part_id):
    db.session.expire_all()
    refunds = [(r.amount_vnd, r.status, r.return_id) for r in db.session.scalars(
        select(Refund).where(Refund.part_id == part_id).order_by(Refund.id))]
    adjustments = [(a.refund_vnd, a.commission_vnd, a.amount_vnd, a.payout_status) for a in db.session.scalars(
        select(PayoutAdjustment).where(PayoutAdjustment.part_id == part_id).order_by(PayoutAdjustment.id))]
    return refunds, adjustments


def test_an_accepted_return_paid_by_transfer_goes_on_the_manual_list_and_nets_the_next_payout(shop, db, english):
    """Does the producer's accept of one returned vase (bank transfer) put 350.000 ₫ on staff's transfer list,
    take back 322.000 ₫ (the refund less its 28.000 ₫ commission), and pay the producer 352.000 ₫ in the batch?"""
    part = _delivered(shop, method="bank_transfer")
    request = _ask(shop, part)

    accepted, refund = returns.accept_return(shop.owner_a, request.id, {"refund_vnd": "350.000"})

    assert (accepted.status, accepted.refund_vnd, accepted.decided_by_id) == ("accepted", 350000, shop.owner_a.id)
    assert _ledger(db, part.id) == ([(350000, "to_transfer", request.id)], [(350000, -28000, -322000, "due")])
    assert [r.id for r in payments.refunds_to_transfer()] == [refund.id]
    earnings = payments.earnings_of(part.producer_id)
    assert (earnings.due_vnd, earnings.commission_vnd) == (NET_TWO_VASES - 322000, 56000 - 28000)
    batch = payments.create_payout_batch(shop.staff)
    assert [(line.amount_vnd, line.parts_count) for line in batch.lines] == [(352000, 1)]
    assert _ledger(db, part.id)[1] == [(350000, -28000, -322000, "in_batch")]
    payments.mark_batch_paid(shop.staff, batch.id)
    assert _ledger(db, part.id)[1] == [(350000, -28000, -322000, "paid")]


def test_a_return_after_the_payout_is_carried_to_the_next_batch(shop, db, english):
    """Once the part is paid out, is a cash-on-delivery return recorded as cash given back, its adjustment
    carried (no batch while it alone is due), then netted against the producer's next earnings?"""
    part = _delivered(shop)
    payments.mark_batch_paid(shop.staff, payments.create_payout_batch(shop.staff).id)
    request = _ask(shop, part)

    returns.accept_return(shop.owner_a, request.id, {"refund_vnd": "300000"})

    assert _ledger(db, part.id) == ([(300000, "cash", request.id)], [(300000, -24000, -276000, "due")])
    assert payments.due_by_producer() == []
    with pytest.raises(payments.PaymentError):
        payments.create_payout_batch(shop.staff)
    later = _delivered(shop, quantity=1)  # 350.000 + 30.000 − 28.000 = 352.000 ₫ earned
    batch = payments.create_payout_batch(shop.staff)
    assert [(line.amount_vnd, line.parts_count) for line in batch.lines] == [(352000 - 276000, 1)]
    db.session.expire_all()
    assert db.session.get(OrderPart, later.id).payout_status == PayoutStatus.IN_BATCH
    assert db.session.get(OrderPart, part.id).payout_status == PayoutStatus.PAID


def test_the_producer_declines_the_buyer_escalates_and_staff_decide(shop, db, english):
    """Can the producer decline with a reason, the buyer escalate, and staff accept a partial refund
    (the producer told), after which nothing can move it again?"""
    part = _delivered(shop)
    request = _ask(shop, part, quantity=2)

    returns.decline_return(shop.owner_a, request.id, {"reason": "Ảnh không cho thấy vết nứt."})
    assert returns.dispute_open(part.id) is False
    returns.escalate_return(shop.buyer, request.id)
    assert returns.dispute_open(part.id) is True
    with pytest.raises(returns.ReturnConflict):  # the producer may no longer accept once staff have it
        returns.accept_return(shop.owner_a, request.id, {"refund_vnd": "100000"})
    returns.accept_return(shop.staff, request.id, {"refund_vnd": "200000", "note": "Một bình nứt nhẹ."})

    db.session.expire_all()
    request = db.session.get(ReturnRequest, request.id)
    assert (request.status, request.refund_vnd, request.decline_reason, request.decision_note) == (
        "accepted", 200000, "Ảnh không cho thấy vết nứt.", "Một bình nứt nhẹ.")
    assert (request.escalated_by_id, request.decided_by_id) == (shop.buyer.id, shop.staff.id)
    assert _ledger(db, part.id) == ([(200000, "cash", request.id)], [(200000, -16000, -184000, "due")])
    for user, call in ((shop.staff, returns.accept_return), (shop.owner_a, returns.accept_return)):
        with pytest.raises(returns.ReturnConflict) as again:
            call(user, request.id, {"refund_vnd": "1000"})
        assert again.value.status_code == 409
    assert len(_ledger(db, part.id)[0]) == 1


def test_staff_can_decline_an_escalated_return_and_the_quantity_is_free_again(shop, db, english):
    """Does staff's decline end the request with nothing refunded, and may the buyer then ask again?"""
    part = _delivered(shop)
    request = _ask(shop, part, quantity=2)
    returns.escalate_return(shop.owner_a, request.id)

    returns.decline_return(shop.staff, request.id, {"reason": "Hàng đúng mô tả."})

    assert db.session.get(ReturnRequest, request.id).status == "rejected"
    assert _ledger(db, part.id) == ([], [])
    assert _ask(shop, part, quantity=2).status == "requested"


def test_a_bad_request_names_every_field_and_changes_nothing(shop, db, english):
    """Are a missing reason and a quantity above what was delivered both named at once, with nothing saved?"""
    part = _delivered(shop)

    with pytest.raises(InvalidInput) as bad:
        returns.request_return(shop.buyer, part.id, {"reason": "  ", "quantities": {part.lines[0].id: "3"}})
    with pytest.raises(InvalidInput) as nothing:
        returns.request_return(shop.buyer, part.id, {"reason": "Vỡ", "quantities": {}})

    assert bad.value.errors == {"reason": ["Say what is wrong with the products."],
                                f"qty_{part.lines[0].id}": ["You can return between 0 and 2 of this product."]}
    assert nothing.value.errors == {"lines": ["Choose how many of which product you want to return."]}
    assert db.session.scalars(select(ReturnRequest)).all() == []


def test_quantities_already_asked_back_cannot_be_asked_again(shop, db, english):
    """With one vase of two already asked back, is a request for two refused and one accepted?"""
    part = _delivered(shop)
    _ask(shop, part, quantity=1)

    with pytest.raises(InvalidInput) as too_many:
        _ask(shop, part, quantity=2)
    second = _ask(shop, part, quantity=1)

    assert too_many.value.errors == {f"qty_{part.lines[0].id}": ["You can return between 0 and 1 of this product."]}
    assert second.goods_vnd == 350000


def test_a_return_is_refused_before_delivery_after_the_window_and_to_anyone_but_the_buyer(shop, db, app, english):
    """Is asking refused while shipped (409), after RETURN_WINDOW_DAYS (409), and to the producer (404)?"""
    order = place(shop.buyer, (shop.a, 1))
    part = order.parts[0]
    orders.ship_part(shop.owner_a, part.id, "GHN", "GHN123456")
    with pytest.raises(returns.ReturnConflict) as early:
        _ask(shop, part)
    orders.confirm_receipt(shop.buyer, part.id)
    with pytest.raises(NotFound):
        returns.request_return(shop.owner_a, part.id, {"reason": "x", "quantities": {part.lines[0].id: "1"}})
    days = app.config["RETURN_WINDOW_DAYS"]
    db.session.execute(update(OrderPart).where(OrderPart.id == part.id)
                       .values(delivered_at=utcnow() - timedelta(days=days, minutes=1)))
    db.session.commit()
    with pytest.raises(returns.ReturnConflict) as late:
        _ask(shop, part)

    assert (early.value.status_code, late.value.status_code) == (409, 409)
    assert late.value.message == f"The return window for this order closed {days} days after delivery."
    assert db.session.scalars(select(ReturnRequest)).all() == []


def test_a_refund_above_the_products_paid_is_refused_and_others_cannot_decide(shop, db, english):
    """Is a refund above what the returned products cost refused (naming the field), and may another
    producer or the buyer not accept (404), with nothing recorded?"""
    part = _delivered(shop)
    request = _ask(shop, part, quantity=1)

    with pytest.raises(InvalidInput) as too_much:
        returns.accept_return(shop.owner_a, request.id, {"refund_vnd": "350001"})
    for user in (shop.owner_b, shop.buyer):
        with pytest.raises(NotFound):
            returns.accept_return(user, request.id, {"refund_vnd": "1000"})

    assert too_much.value.errors == {"refund_vnd": ["The refund can be at most ₫350,000, what the products asked back cost."]}
    assert db.session.get(ReturnRequest, request.id).status == "requested"
    assert _ledger(db, part.id) == ([], [])
    assert db.session.scalars(select(PayoutLine)).all() == []


def _jpeg(width=640, height=480):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (180, 90, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_the_buyer_asks_on_the_page_with_a_photo_that_only_the_people_involved_see(shop, db, app):
    """Does the return form save the quantities, reason and photo, show them to the producer, keep the photo
    from strangers and the public media route, and put an escalated return in the staff's queue?"""
    part = _delivered(shop)
    buyer = client_for(app, shop.buyer)

    form = buyer.get(f"/orders/{part.order_id}/parts/{part.id}/return")
    bad = buyer.post(f"/orders/{part.order_id}/parts/{part.id}/return", data={"reason": "", f"qty_{part.lines[0].id}": "5"})
    sent = buyer.post(f"/orders/{part.order_id}/parts/{part.id}/return", content_type="multipart/form-data", data={
        "reason": "Hai bình bị nứt.", f"qty_{part.lines[0].id}": "2", "photos": [(io.BytesIO(_jpeg()), "nut.jpg")]})

    assert form.status_code == 200 and "Products to return" in form.get_data(as_text=True)
    assert bad.status_code == 400
    assert "Say what is wrong with the products." in bad.get_data(as_text=True)
    assert "You can return between 0 and 2 of this product." in bad.get_data(as_text=True)
    [request] = db.session.scalars(select(ReturnRequest)).all()
    assert (sent.status_code, sent.headers["Location"]) == (303, f"/returns/{request.id}")
    assert [(line.order_line_id, line.quantity) for line in request.lines] == [(part.lines[0].id, 2)]
    [photo] = request.photos
    producer_page = client_for(app, shop.owner_a).get(f"/returns/{request.id}").get_data(as_text=True)
    assert "Hai bình bị nứt." in producer_page and "Accept and refund" in producer_page
    photo_url = f"/returns/{request.id}/photos/{photo.id}"
    assert client_for(app, shop.owner_a).get(photo_url).status_code == 200
    assert client_for(app, shop.owner_b).get(photo_url).status_code == 404
    assert client_for(app, shop.owner_b).get(f"/returns/{request.id}").status_code == 404
    assert app.test_client().get(f"/media/{photo.path}").status_code == 404
    assert client_for(app, shop.buyer).post(f"/returns/{request.id}/escalate").status_code == 303
    queue = client_for(app, shop.staff).get("/staff/returns").get_data(as_text=True)
    assert f"Return #{request.id}" in queue and part.reference in queue
    assert client_for(app, shop.buyer).get("/staff/returns").status_code in (403, 404)
