"""Notifications in a browser: reading them changes nothing, the button marks them read."""
import pytest
from playwright.sync_api import expect

from marketplace.accounts.models import User
from marketplace.catalog.models import Listing
from marketplace.extensions import db
from marketplace.notifications.models import Notification

pytestmark = pytest.mark.browser


def test_notifications_stay_unread_until_the_user_marks_them_read(log_in, site, shot):
    """Does opening the notifications page (twice) leave them unread, and does "Mark all as read" clear them and the bell?"""
    with site.app.app_context():
        user = db.session.query(User).filter_by(email=site.producer_user_email).one()
        db.session.add_all([Notification(user_id=user.id, subject="Your shop is approved", body=""),
                            Notification(user_id=user.id, subject="New export lead", body="")])
        db.session.commit()
    page = log_in(site.producer_user_email)

    page.get_by_role("link", name="Notifications: 2 unread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(page.locator("li.unread")).to_have_count(2)
    page.reload()
    expect(page.locator("li.unread")).to_have_count(2)
    expect(page.get_by_role("link", name="Notifications: 2 unread")).to_be_visible()
    shot("notifications-unread")

    page.get_by_role("button", name="Mark all as read").click()

    expect(page.get_by_role("status")).to_contain_text("All notifications marked as read.")
    expect(page.locator("li.unread")).to_have_count(0)
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Mark all as read")).to_have_count(0)


def test_a_notification_sent_in_vietnamese_reads_in_english_and_its_link_opens(page, site, shot):
    """A buyer who reads Vietnamese orders a vase: is the receipt in Vietnamese with "350.000 ₫", in English with
    "₫350,000" once they press EN, and does its "Open" link lead to the order?"""
    from tests.factories import PASSWORD, UserFactory
    from tests.order_helpers import place

    with site.app.app_context():
        buyer = UserFactory(email="lan@example.vn", name="Lan", locale="vi")
        vase = db.session.get(Listing, site.vase_id)
        order = place(buyer, (vase, 1))
        reference, order_id = order.reference, order.id
    page.goto(site.base + "/login")
    page.locator("input[name=email]").fill("lan@example.vn")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form.auth-form").get_by_role("button", name="Đăng nhập").click()

    page.goto(site.base + "/notifications")
    note = page.locator("ul.notes li").first
    expect(note.get_by_role("heading")).to_have_text(f"Mới: Đã nhận đơn hàng {reference}")
    expect(note).to_contain_text("380.000 ₫")
    shot("notification-vi")
    page.locator("form.lang-switch").get_by_role("button", name="EN").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(note.get_by_role("heading")).to_have_text(f"New: Order {reference} received")
    expect(note).to_contain_text("Thank you for your order of ₫380,000 from 1 producer, paid by cash on delivery.")
    shot("notification-en")
    note.get_by_role("link", name="Open →").click()
    expect(page).to_have_url(f"{site.base}/orders/{order_id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(reference)
