"""Reports: anyone signed in reports a product, a producer or a suspected fake mark; staff work the queue."""
import re
from html import unescape

import pytest
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.catalog.models import Listing
from marketplace.moderation import services as moderation
from marketplace.moderation.models import ModerationAction, Report
from marketplace.notifications.models import Notification
from marketplace.producers.models import Producer
from marketplace.trademarks.models import ProductRight
from tests.factories import ListingFactory, MembershipFactory, ProducerFactory, ProductRightFactory, UserFactory
from tests.mail_helpers import read_as
from tests.order_helpers import client_for, count

TEXT = "Nhãn trông khác hẳn nhãn của hợp tác xã, mua ở chợ Đồng Xuân."


@pytest.fixture
def marked(db):
    """A ceramic vase carrying the Bát Tràng mark (code ABCDE23456), its producer's owner, a buyer and staff."""
    owner = UserFactory(role=Role.PRODUCER, email="minhlong@example.vn", locale="en")
    producer = ProducerFactory(owner=owner, name="Gốm Minh Long")
    membership = MembershipFactory(producer=producer)
    listing = ListingFactory(producer=producer, title_vi="Bình gốm men lam", title_en="Blue glazed vase")
    right = ProductRightFactory(membership=membership, listing=listing, code="ABCDE23456")
    buyer = UserFactory(email="lan@example.vn", locale="en")
    staff = UserFactory(role=Role.STAFF, email="staff@example.vn", locale="en")
    return {"owner": owner, "producer": producer, "listing": listing, "right": right, "buyer": buyer, "staff": staff}


def _errors(html):
    return [unescape(m) for m in re.findall(r'<p class="error"[^>]*>([^<]+)</p>', html)]


def test_a_buyer_reports_a_product_from_the_verify_page(app, db, marked):
    """Does the verify page link to the report form, and does the report name the product, producer and code?"""
    client = client_for(app, marked["buyer"])
    page = client.get("/verify/ABCDE23456").get_data(as_text=True)
    assert 'href="/report?code=ABCDE23456&amp;next=/verify/ABCDE23456"' in page

    response = client.post("/report", data={"subject": "mark", "code": "ABCDE23456", "category": "counterfeit",
                                            "text": TEXT, "next": "/verify/ABCDE23456"})

    assert (response.status_code, response.headers["Location"]) == (303, "/verify/ABCDE23456")
    report = db.session.scalars(select(Report)).one()
    assert (report.subject, report.code, report.listing_id, report.producer_id, report.category, report.text,
            report.reporter_id, report.status, report.outcome) == (
        "mark", "ABCDE23456", marked["listing"].id, marked["producer"].id, "counterfeit", TEXT, marked["buyer"].id,
        "open", "")


def test_an_unknown_code_can_be_reported_as_a_fake_label(app, db, marked):
    """Is a code no product has (a fake label) reported with the code alone?"""
    client = client_for(app, marked["buyer"])
    assert 'href="/report?code=ZZZZZ99999' in client.get("/verify/ZZZZZ99999").get_data(as_text=True)

    client.post("/report", data={"subject": "mark", "code": "zzzzz99999", "category": "counterfeit", "text": TEXT})

    report = db.session.scalars(select(Report)).one()
    assert (report.code, report.listing_id, report.producer_id) == ("ZZZZZ99999", None, None)


def test_a_report_names_every_missing_field_and_stores_nothing(app, db, marked):
    """Does a report without category or text answer 400 with both messages, storing nothing?"""
    response = client_for(app, marked["buyer"]).post("/report", data={
        "subject": "listing", "listing_id": str(marked["listing"].id), "category": "", "text": "  "})

    assert response.status_code == 400
    assert _errors(response.get_data(as_text=True)) == [
        "Choose what is wrong.", "Tell us what you saw (a sentence or two is enough)."]
    assert count(db, Report) == 0


def test_reporting_needs_an_account_and_is_rate_limited(make_app, db, marked):
    """Is an anonymous visitor sent to log in, and a signed-in account's third report within the hour a 429?"""
    app = make_app(REPORT_RATE_LIMIT="2 per hour")
    with app.app_context():
        anonymous = app.test_client().get(f"/report?listing={marked['listing'].id}")
        assert (anonymous.status_code, anonymous.headers["Location"].split("?")[0]) == (302, "/login")
        client = client_for(app, marked["buyer"])
        answers = [client.post("/report", data={"subject": "producer", "producer_id": str(marked["producer"].id),
                                                "category": "fraud", "text": f"Lần {n}"}).status_code for n in range(3)]
    assert answers == [303, 303, 429]
    assert count(db, Report) == 2


def _report(reporter, listing, n=0, subject="listing", category="misleading"):
    data = {"subject": subject, "category": category, "text": f"Báo cáo {n}"}
    data.update({"listing_id": listing.id} if subject == "listing" else {"producer_id": listing.producer_id})
    return moderation.submit_report(reporter, data)


def test_the_queue_filters_by_status_subject_and_category_and_pages(app, db, marked):
    """Does the staff queue show 25 reports a page, and filter by status, subject and category?"""
    for n in range(27):
        _report(marked["buyer"], marked["listing"], n)
    _report(marked["buyer"], marked["listing"], 99, subject="producer", category="fraud")
    moderation.take_into_review(marked["staff"], 1)
    staff = client_for(app, marked["staff"])

    def ids(query):
        html = staff.get(f"/staff/reports{query}").get_data(as_text=True)
        return [int(n) for n in re.findall(r'href="/staff/reports/(\d+)"', html)]

    assert ids("") == list(range(2, 27))  # open first, oldest first; the one in review after them
    assert ids("?page=2") == [27, 28, 1]
    assert ids("?status=in_review") == [1]
    assert ids("?subject=producer") == [28]
    assert ids("?category=fraud&status=open") == [28]
    assert ids("?status=resolved") == []


def test_staff_resolve_a_report_by_hiding_the_product_and_the_reporter_is_told(app, db, marked):
    """Does resolving with "product hidden" hide it with the note as reason, close the report, record every step
    and tell the reporter the outcome?"""
    report = _report(marked["buyer"], marked["listing"])
    staff = client_for(app, marked["staff"])

    staff.post(f"/staff/reports/{report.id}/review")
    response = staff.post(f"/staff/reports/{report.id}/resolve", data={"outcome": "listing_hidden",
                                                                       "note": "Ảnh chụp từ sản phẩm khác."})

    assert (response.status_code, response.headers["Location"]) == (303, "/staff/reports")
    db.session.expire_all()
    report = db.session.get(Report, report.id)
    assert (report.status, report.outcome, report.resolution_note, report.handled_by_id) == (
        "resolved", "listing_hidden", "Ảnh chụp từ sản phẩm khác.", marked["staff"].id)
    assert db.session.get(Listing, marked["listing"].id).status == "hidden"
    assert moderation.sanction_reason("listing_hidden", marked["listing"].id) == "Ảnh chụp từ sản phẩm khác."
    assert [a.action for a in db.session.scalars(select(ModerationAction).order_by(ModerationAction.id))] == [
        "report", "review_report", "hide_listing", "resolve_report"]
    told = db.session.scalars(select(Notification).where(Notification.user_id == marked["buyer"].id)).one()
    assert read_as(told) == (
        f"Your report no. {report.id} has been dealt with",
        "Thank you for telling us. Outcome: Product hidden. Ảnh chụp từ sản phẩm khác.")


def test_resolving_by_suspending_the_producer_or_withdrawing_the_mark(app, db, marked):
    """Do the other outcomes suspend the producer, or withdraw the product's right to the mark?"""
    about_producer = _report(marked["buyer"], marked["listing"], subject="producer", category="fraud")
    about_mark = moderation.submit_report(marked["buyer"], {"subject": "mark", "code": "ABCDE23456",
                                                            "category": "counterfeit", "text": TEXT})

    moderation.resolve(marked["staff"], about_mark.id, {"outcome": "mark_withdrawn", "note": "Nhãn giả."})
    moderation.resolve(marked["staff"], about_producer.id, {"outcome": "producer_suspended", "note": "Lừa đảo."})

    db.session.expire_all()
    assert db.session.get(ProductRight, marked["right"].id).status == "withdrawn"
    assert db.session.get(Producer, marked["producer"].id).status == "suspended"
    assert moderation.sanction_reason("producer_suspended", marked["producer"].id) == "Lừa đảo."


def test_a_resolved_report_cannot_be_resolved_again_and_a_wrong_outcome_changes_nothing(app, db, marked):
    """Is a second resolution refused, and "hide the product" on a producer report refused with nothing changed?"""
    about_producer = _report(marked["buyer"], marked["listing"], subject="producer")
    staff = client_for(app, marked["staff"])

    wrong = staff.post(f"/staff/reports/{about_producer.id}/resolve", data={"outcome": "listing_hidden", "note": "x"})
    assert wrong.status_code == 400
    assert "This report names no product to hide." in unescape(wrong.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(Report, about_producer.id).status == "open"

    moderation.resolve(marked["staff"], about_producer.id, {"outcome": "no_action", "note": "Không có vấn đề."})
    again = staff.post(f"/staff/reports/{about_producer.id}/resolve", data={"outcome": "no_action", "note": "y"})
    assert again.status_code == 400
    assert "This report is resolved and cannot be changed that way." in unescape(again.get_data(as_text=True))
    assert db.session.get(Report, about_producer.id).resolution_note == "Không có vấn đề."


def test_only_staff_see_the_queue(app, db, marked):
    """Are the queue and a report 403 for a buyer and a producer?"""
    report = _report(marked["buyer"], marked["listing"])
    for user in (marked["buyer"], marked["owner"]):
        client = client_for(app, user)
        assert (client.get("/staff/reports").status_code, client.get(f"/staff/reports/{report.id}").status_code,
                client.post(f"/staff/reports/{report.id}/resolve", data={"outcome": "no_action", "note": "x"})
                .status_code) == (403, 403, 403)
    assert db.session.get(Report, report.id).status == "open"


def test_only_public_products_and_producers_can_be_reported_by_id(app, db, marked):
    """Is a draft listing or a pending producer a 404 on the report form, its name not shown, nothing stored?"""
    draft = ListingFactory(producer=marked["producer"], title_vi="Bản nháp bí mật", status="draft")
    pending = ProducerFactory(name="Xưởng chờ duyệt", status="pending")
    client = client_for(app, marked["buyer"])

    answers = [client.get(f"/report?listing={draft.id}"), client.get(f"/report?producer={pending.id}"),
               client.post("/report", data={"subject": "listing", "listing_id": str(draft.id), "category": "other",
                                            "text": "x"})]

    assert [a.status_code for a in answers] == [404, 404, 404]
    assert not any("Bản nháp bí mật" in a.get_data(as_text=True) or "Xưởng chờ duyệt" in a.get_data(as_text=True)
                   for a in answers)
    assert count(db, Report) == 0


def test_a_label_report_without_a_code_says_so(app, db, marked):
    """Is a label report that names no code a 400 saying which code to give, with nothing stored?"""
    response = client_for(app, marked["buyer"]).post("/report", data={"category": "counterfeit", "text": TEXT})

    assert response.status_code == 400
    assert "Say which product, producer, review or code you are reporting." in unescape(response.get_data(as_text=True))
    assert count(db, Report) == 0
