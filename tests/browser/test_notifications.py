"""Notifications in a browser: reading them changes nothing, the button marks them read."""
import pytest
from playwright.sync_api import expect

from marketplace.accounts.models import User
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
