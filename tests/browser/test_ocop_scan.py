"""The producer's own OCOP certificate scan opens from the OCOP page; the file is not public."""
import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.moderation import services as moderation

pytestmark = pytest.mark.browser


def _scan():
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (230, 220, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_the_producer_opens_the_scan_waiting_for_staff_and_a_visitor_cannot(log_in, site, shot, browser):
    """Can Minh Hải open the certificate scan he sent from his OCOP page, while the same address 404s for others?"""
    with site.app.app_context():
        owner = db.session.query(User).filter_by(email=site.producer_user_email).one()
        sent = moderation.submit_ocop(owner, site.producer_id, {
            "stars": "4", "certificate_number": "HN-2026-031", "issuer": "UBND Thành phố Hà Nội",
            "expires_on": "2029-06-30"}, _scan())
        scan_id = sent.id
    page = log_in(site.producer_user_email)

    page.goto(f"{site.base}/dashboard/producer/{site.producer_id}/ocop")
    link = page.get_by_test_id("ocop-pending").get_by_role("link", name="Open the scan")
    expect(link).to_have_attribute("href", f"/ocop/{scan_id}/scan")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot("ocop-scan-link-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("ocop-scan-link-390")
    own = page.request.get(f"{site.base}/ocop/{scan_id}/scan")
    stranger = browser.new_context().request.get(f"{site.base}/ocop/{scan_id}/scan")

    assert (own.status, own.headers["content-type"]) == (200, "image/jpeg")
    assert stranger.status == 404
