"""OCOP ratings a producer claims wait for staff; the public keeps the approved one; reminders before expiry."""
import io
import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest
from babel.dates import format_date
from PIL import Image
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.moderation import services as moderation
from marketplace.moderation.models import ModerationAction, OcopReminder, OcopSubmission
from marketplace.notifications.models import Notification, OutboxMessage
from marketplace.producers.models import Producer
from tests.factories import ListingFactory, ProducerFactory, UserFactory
from tests.mail_helpers import read_as
from tests.order_helpers import client_for, count
from workers import tasks

APPROVED_UNTIL = date(2027, 6, 30)


@pytest.fixture
def rated(db):
    """A 4-star producer (approved certificate HN-2024-118) with a listing, its owner and staff."""
    owner = UserFactory(role=Role.PRODUCER, email="vanphuc@example.vn", locale="en")
    producer = ProducerFactory(owner=owner, name="Lụa Vạn Phúc", slug="lua-van-phuc", ocop_stars=4,
                               ocop_expires_on=APPROVED_UNTIL, ocop_certificate_number="HN-2024-118",
                               ocop_issuer="UBND Thành phố Hà Nội")
    listing = ListingFactory(producer=producer)
    staff = UserFactory(role=Role.STAFF, email="staff@example.vn", locale="en")
    return {"owner": owner, "producer": producer, "listing": listing, "staff": staff}


def _scan():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 560), (230, 220, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


CLAIM = {"stars": "5", "certificate_number": "TW-2026-007", "issuer": "Hội đồng OCOP Trung ương", "expires_on": "2029-12-31"}


def test_a_new_rating_waits_for_staff_and_the_public_keeps_the_approved_one(app, db, rated):
    """After the producer sends 5 stars with a scan, do the page and the API still show 4 stars until staff approve?"""
    client = client_for(app, rated["owner"])

    response = client.post(f"/dashboard/producer/{rated['producer'].id}/ocop",
                           data={**CLAIM, "scan": (io.BytesIO(_scan()), "chung-nhan.jpg")},
                           content_type="multipart/form-data")

    assert response.status_code == 303
    sent = db.session.scalars(select(OcopSubmission)).one()
    assert (sent.stars, sent.certificate_number, sent.issuer, sent.expires_on, sent.status, sent.submitted_by_id) == (
        5, "TW-2026-007", "Hội đồng OCOP Trung ương", date(2029, 12, 31), "pending", rated["owner"].id)
    assert Path(app.config["UPLOAD_FOLDER"], sent.scan_path).is_file()
    db.session.expire_all()
    producer = db.session.get(Producer, rated["producer"].id)
    assert (producer.ocop_stars, producer.ocop_expires_on, producer.ocop_certificate_number) == (4, APPROVED_UNTIL,
                                                                                                "HN-2024-118")
    api = app.test_client().get(f"/api/v1/products/{rated['listing'].id}").json
    assert api["producer"]["ocop_stars"] == 4
    page = client.get(f"/dashboard/producer/{rated['producer'].id}/ocop").get_data(as_text=True)
    assert "Waiting for staff: 5 stars, certificate TW-2026-007, valid until Dec 31, 2029." in unescape(page)


def test_staff_approve_and_the_new_rating_is_public(app, db, rated):
    """Does approval copy the claim onto the producer, record it and tell the producer?"""
    sent = moderation.submit_ocop(rated["owner"], rated["producer"].id, CLAIM)

    response = client_for(app, rated["staff"]).post(f"/staff/ocop/{sent.id}/approve")

    assert response.status_code == 303
    db.session.expire_all()
    producer = db.session.get(Producer, rated["producer"].id)
    assert (producer.ocop_stars, producer.ocop_expires_on, producer.ocop_certificate_number, producer.ocop_issuer) == (
        5, date(2029, 12, 31), "TW-2026-007", "Hội đồng OCOP Trung ương")
    assert app.test_client().get(f"/api/v1/products/{rated['listing'].id}").json["producer"]["ocop_stars"] == 5
    assert db.session.get(OcopSubmission, sent.id).status == "approved"
    action = db.session.scalars(select(ModerationAction)).one()
    assert (action.actor_id, action.action, action.subject_id, action.reason) == (
        rated["staff"].id, "approve_ocop", rated["producer"].id, "5★ TW-2026-007")
    told = db.session.scalars(select(Notification).where(Notification.user_id == rated["owner"].id)).one()
    assert read_as(told) == ("Your OCOP rating is approved", "Buyers now see 5 OCOP stars on Lụa Vạn Phúc.")


def test_staff_reject_with_a_reason_and_the_producer_reads_it(app, db, rated):
    """Does a rejection keep the approved rating, and tell the producer why (notification and OCOP page)?"""
    sent = moderation.submit_ocop(rated["owner"], rated["producer"].id, CLAIM)

    client_for(app, rated["staff"]).post(f"/staff/ocop/{sent.id}/reject", data={"reason": "Bản scan không đọc được."})

    db.session.expire_all()
    assert db.session.get(Producer, rated["producer"].id).ocop_stars == 4
    assert (db.session.get(OcopSubmission, sent.id).status, db.session.get(OcopSubmission, sent.id).reason) == (
        "rejected", "Bản scan không đọc được.")
    told = db.session.scalars(select(Notification).where(Notification.user_id == rated["owner"].id)).one()
    assert read_as(told)[1] == "Staff could not approve the OCOP certificate you sent. Reason: Bản scan không đọc được."
    page = unescape(client_for(app, rated["owner"]).get(f"/dashboard/producer/{rated['producer'].id}/ocop")
                    .get_data(as_text=True))
    assert "Bản scan không đọc được." in page


def test_a_claim_names_every_mistake_and_stores_nothing(app, db, rated):
    """Do 7 stars, no number, no issuer and no expiry date give four messages in one 400, with nothing stored?"""
    response = client_for(app, rated["owner"]).post(f"/dashboard/producer/{rated['producer'].id}/ocop", data={
        "stars": "7", "certificate_number": " ", "issuer": "", "expires_on": ""})

    assert response.status_code == 400
    assert [unescape(m) for m in re.findall(r'<p class="error">([^<]+)</p>', response.get_data(as_text=True))] == [
        "OCOP ratings are 3, 4 or 5 stars.", "Give the certificate's number.", "Say who issued the certificate.",
        "Give the expiry date of the OCOP certificate."]
    assert count(db, OcopSubmission) == 0


def test_the_profile_form_no_longer_changes_the_rating(app, db, rated):
    """Are OCOP stars posted with the shop's profile ignored (the rating only changes through review)?"""
    producer = rated["producer"]
    client_for(app, rated["owner"]).post(f"/dashboard/producer/{producer.id}/edit", data={
        "name": "Lụa Vạn Phúc", "kind": "household", "village_id": str(producer.village_id), "monthly_capacity": "500",
        "ocop_stars": "5", "ocop_expires_on": "2030-01-01"})

    db.session.expire_all()
    assert (db.session.get(Producer, producer.id).ocop_stars, db.session.get(Producer, producer.id).ocop_expires_on) == (
        4, APPROVED_UNTIL)


def test_only_the_producers_people_send_and_only_staff_review(app, db, rated):
    """Is another producer's OCOP page 404, and the review 403 for the producer, with nothing changed?"""
    stranger = UserFactory(role=Role.PRODUCER)
    ProducerFactory(owner=stranger)
    sent = moderation.submit_ocop(rated["owner"], rated["producer"].id, CLAIM)

    assert client_for(app, stranger).post(f"/dashboard/producer/{rated['producer'].id}/ocop", data=CLAIM).status_code == 404
    assert client_for(app, rated["owner"]).post(f"/staff/ocop/{sent.id}/approve").status_code == 403
    db.session.expire_all()
    assert db.session.get(Producer, rated["producer"].id).ocop_stars == 4
    assert db.session.get(OcopSubmission, sent.id).status == "pending"


def test_the_beat_task_reminds_each_producer_once_30_days_before_expiry(app, db, rated):
    """Does the reminder go (in-app and by e-mail through the outbox) to certificates expiring within 30 days, once?"""
    today = date.today()
    soon = ProducerFactory(owner=UserFactory(email="soon@example.vn", locale="en"), name="Gốm Sớm",
                           ocop_stars=3, ocop_expires_on=today + timedelta(days=30))
    ProducerFactory(owner=UserFactory(email="later@example.vn"), ocop_stars=3, ocop_expires_on=today + timedelta(days=31))
    ProducerFactory(owner=UserFactory(email="gone@example.vn"), ocop_stars=3, ocop_expires_on=today - timedelta(days=1))

    first = tasks.remind_ocop_expiry.apply().get()
    again = tasks.remind_ocop_expiry.apply().get()

    assert (first, again) == (1, 0)
    assert [(r.producer_id, r.expires_on) for r in db.session.scalars(select(OcopReminder))] == [
        (soon.id, today + timedelta(days=30))]
    told = db.session.scalars(select(Notification)).one()
    expected = f"Your OCOP certificate expires on {format_date(today + timedelta(days=30), 'medium', locale='en')}"
    assert read_as(told) == (expected,
                             "Send the renewed certificate before then, so that buyers keep seeing your OCOP stars.")
    mail = db.session.scalars(select(OutboxMessage)).one()
    assert (mail.to_email, mail.subject) == ("soon@example.vn", expected)
