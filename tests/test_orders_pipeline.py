"""Orders through the real pipeline: e-mails sent once by a Celery worker on Redis, in each reader's
language; an order placed while the broker is down; unpaid reservations released by the worker."""
import re
from datetime import timedelta
from email import message_from_bytes
from email.policy import default

import pytest
from sqlalchemy import select

from marketplace.catalog.models import Listing
from marketplace.core.time import utcnow
from marketplace.extensions import db
from marketplace.notifications.models import OutboxMessage, OutboxStatus
from marketplace.orders.models import Order, PartStatus
from tests.conftest import wait_for
from tests.order_helpers import checkout_over_http, client_for, count, make_shop, place

pytestmark = pytest.mark.pipeline


def _mail(tmp_path, n):
    """Wait until ``n`` e-mails are in the outbox folder; returns [(to, subject, body)] in the order sent."""
    folder = tmp_path / "mail"
    files = wait_for(lambda: len(list(folder.glob("*.eml"))) >= n and sorted(folder.glob("*.eml")))
    emails = [message_from_bytes(path.read_bytes(), policy=default) for path in files]
    return [(email["To"], email["Subject"], email.get_content()) for email in emails]


def _sent_by_worker(tmp_path):
    """How many e-mails the worker says it sent, over all its deliver_outbox runs (a resend would count twice)."""
    log = (tmp_path / "worker.log").read_text()
    return sum(int(n) for n in re.findall(r"outbox: (\d+) message\(s\) sent", log))


def _all_sent():
    db.session.rollback()
    return db.session.scalars(select(OutboxMessage.status)).all()


def test_an_order_and_its_shipment_email_everyone_once_in_their_language(make_app, celery_worker, tmp_path):
    """Does an order placed over HTTP e-mail the buyer and each producer once, each in their language, and the shipment tell the buyer?"""
    app = make_app(**celery_worker)
    with app.app_context():
        shop = make_shop(buyer_locale="vi", owner_a_locale="en", owner_b_locale="vi")
        pa, pb = shop.a.producer_id, shop.b.producer_id
        buyer = client_for(app, shop.buyer, lang="vi")

        placed = checkout_over_http(buyer, (shop.a, 2), (shop.b, 1), method="cod")

        assert (placed.status_code, placed.headers["Location"]) == (303, "/orders/1")
        assert sorted((to, subject) for to, subject, _ in _mail(tmp_path, 3)) == [
            ("lan@example.vn", "Đã nhận đơn hàng LN000001"),
            ("minhlong@example.vn", f"New order LN000001-{pa}"),
            ("vanphuc@example.vn", f"Đơn hàng mới LN000001-{pb}"),
        ]
        part_a = db.session.scalars(select(Order)).one().parts[0]
        assert part_a.producer_id == pa

        shipped = client_for(app, shop.owner_a).post(f"/dashboard/producer/orders/{part_a.id}/ship",
                                                     data={"carrier": "Viettel Post", "tracking_number": "VTP123456"})

        assert shipped.status_code == 303
        to, subject, body = _mail(tmp_path, 4)[-1]
        assert (to, subject) == ("lan@example.vn", "Đơn hàng LN000001 của bạn đang được giao")
        assert "Viettel Post" in body and "VTP123456" in body
        assert wait_for(lambda: _all_sent() == [OutboxStatus.SENT] * 4)
        assert wait_for(lambda: _sent_by_worker(tmp_path) == 4)
        assert len(list((tmp_path / "mail").glob("*.eml"))) == 4


def test_an_order_placed_while_the_broker_is_down_is_kept_and_mailed_by_the_sweep(make_app, celery_worker, tmp_path):
    """With Redis unreachable, is the order still placed (303, stock taken, e-mails pending), and sent once by the next sweep?"""
    down = make_app(CELERY_BROKER_URL="redis://127.0.0.1:1/0", CELERY_TASK_ALWAYS_EAGER=False)
    with down.app_context():
        shop = make_shop()
        buyer = client_for(down, shop.buyer)

        placed = checkout_over_http(buyer, (shop.a, 2), (shop.b, 1), method="cod")

        assert (placed.status_code, placed.headers["Location"]) == (303, "/orders/1")
        assert [p.status for p in db.session.get(Order, 1).parts] == [PartStatus.CONFIRMED] * 2
        assert db.session.scalars(select(Listing.stock).order_by(Listing.id)).all() == [8, 2]
        assert db.session.scalars(select(OutboxMessage.status)).all() == [OutboxStatus.PENDING] * 3
        assert not (tmp_path / "mail").exists()

    up = make_app(**celery_worker)  # built after ``down``: Celery's default app is now the working one
    with up.app_context():
        sweep = up.extensions["celery"]

        sweep.send_task("workers.tasks.deliver_outbox")

        assert wait_for(lambda: _all_sent() == [OutboxStatus.SENT] * 3)
        assert sorted(to for to, _, _ in _mail(tmp_path, 3)) == [
            "lan@example.vn", "minhlong@example.vn", "vanphuc@example.vn"]

        sweep.send_task("workers.tasks.deliver_outbox")  # a second sweep finds nothing left to send

        wait_for(lambda: (tmp_path / "worker.log").read_text().count("outbox: ") == 2)
        assert _sent_by_worker(tmp_path) == 3
        assert len(list((tmp_path / "mail").glob("*.eml"))) == 3


def test_the_worker_releases_an_unpaid_order_whose_reservation_ran_out(make_app, celery_worker, tmp_path):
    """Does the expire_reservations task, run by the worker, cancel a stale unpaid order, return its stock and tell the buyer?"""
    app = make_app(**celery_worker)
    with app.app_context():
        shop = make_shop()
        stale = place(shop.buyer, (shop.a, 2), (shop.b, 1), method="bank_transfer")
        fresh = place(shop.buyer, (shop.a, 1), method="bank_transfer")
        stale.reserved_until = utcnow() - timedelta(minutes=1)
        db.session.commit()
        stale_id, fresh_id = stale.id, fresh.id

        app.extensions["celery"].send_task("workers.tasks.expire_reservations")

        def released():
            db.session.rollback()
            return db.session.scalars(select(Listing.stock).order_by(Listing.id)).all() == [9, 3]

        wait_for(released)
        assert [p.status for p in db.session.get(Order, stale_id).parts] == [PartStatus.CANCELLED] * 2
        assert {p.cancel_reason for p in db.session.get(Order, stale_id).parts} == {"orders.reservation_expired"}
        assert db.session.get(Order, stale_id).reserved_until is None
        assert [p.status for p in db.session.get(Order, fresh_id).parts] == [PartStatus.AWAITING_PAYMENT]
        assert count(db, OutboxMessage, OutboxMessage.subject == "Order LN000001 was cancelled") == 1

        app.extensions["celery"].send_task("workers.tasks.deliver_outbox")  # the beat's sweep

        [(to, _, body)] = wait_for(lambda: [m for m in _mail(tmp_path, 6) if m[1] == "Order LN000001 was cancelled"])
        assert to == "lan@example.vn" and "reservation expired" in body


def test_an_email_caused_inside_the_worker_is_nudged_without_waiting_for_the_sweep(make_app, celery_worker, tmp_path):
    """Is the buyer's "order cancelled" e-mail, written by the worker's expiry task, sent at once as in production?"""
    app = make_app(**celery_worker)
    with app.app_context():
        shop = make_shop()
        stale = place(shop.buyer, (shop.a, 2), method="bank_transfer")
        stale.reserved_until = utcnow() - timedelta(minutes=1)
        db.session.commit()

        app.extensions["celery"].send_task("workers.tasks.expire_reservations")

        # The test's worker runs no beat, so no sweep could send it: only the worker's own hand-off can.
        wait_for(lambda: [m for m in _mail(tmp_path, 2) if m[1] == "Order LN000001 was cancelled"])
