"""Export leads in a browser: an importer sends an inquiry, the producer quotes, the importer accepts."""
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import switch_to_english

pytestmark = pytest.mark.browser

IMPORTER = "hanse@import.example"


@pytest.fixture
def importer(site):
    from marketplace.accounts.models import Role
    from tests.factories import UserFactory

    with site.app.app_context():
        UserFactory(email=IMPORTER, name="Anna Becker", role=Role.IMPORTER, locale="en")
    return IMPORTER


def _switch_user(page, site, log_in, email):
    page.context.clear_cookies()
    switch_to_english(page, site.base + "/about")
    return log_in(email)


def test_importer_inquires_producer_quotes_importer_accepts(log_in, site, importer, shot):
    """Can an importer send an inquiry by the form, see the explained shortlist, and accept the producer's quote?"""
    page = log_in(importer)
    expect(page).to_have_url(site.base + "/dashboard/importer")
    expect(page.get_by_role("heading", name="No inquiries yet")).to_be_visible()
    page.get_by_role("link", name="New inquiry").first.click()
    page.get_by_label("What are you looking for?").fill("Blue glaze ceramic vases for our shops")
    page.get_by_label("Quantity", exact=True).fill("600")
    page.get_by_label("Target unit price (₫)").fill("400000")
    page.get_by_label("Needed by").fill((date.today() + timedelta(days=60)).isoformat())
    page.get_by_label("Destination country").select_option("DE")
    page.get_by_label("Incoterm").select_option("CIF")
    shot("leads-inquiry-form")
    page.get_by_role("button", name="Send inquiry").click()

    expect(page.get_by_role("status")).to_contain_text("Inquiry sent.")
    first = page.locator(".match").first
    expect(first.get_by_role("heading", level=3)).to_have_text("Gốm Minh Hải")
    expect(first.locator(".reasons")).to_contain_text("Monthly capacity 500 pieces covers 600 by")
    expect(first.locator(".reasons")).to_contain_text("Member of the Bát Tràng Ceramics collective mark")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot("leads-shortlist-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot("leads-shortlist-390")
    page.set_viewport_size({"width": 1280, "height": 900})
    inquiry_url = page.url

    page = _switch_user(page, site, log_in, site.producer_user_email)
    page.goto(site.base + "/dashboard/producer/leads")
    page.get_by_role("link", name="Blue glaze ceramic vases").click()
    expect(page.locator(".reasons")).to_contain_text("Member of the Bát Tràng Ceramics collective mark")
    page.get_by_label("Unit price (₫)").fill("380000")
    page.get_by_label("Lead time (days)").fill("40")
    page.get_by_label("Valid until").fill((date.today() + timedelta(days=20)).isoformat())
    page.get_by_label("Message to the importer").fill("Men lam vẽ tay, có mẫu gửi trước.")
    page.get_by_role("button", name="Send quote").click()
    expect(page.get_by_role("status")).to_contain_text("Quote sent to the importer.")
    shot("leads-producer-quoted")

    page = _switch_user(page, site, log_in, importer)
    page.goto(inquiry_url)
    card = page.locator(".quote-card")
    expect(card).to_have_count(1)
    expect(card.locator(".price-big")).to_have_text("₫380,000")
    expect(card).to_contain_text("$14.96")
    shot("leads-quotes")
    page.once("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name="Accept this quote").click()

    expect(page.get_by_role("status")).to_contain_text("You accepted the quote of Gốm Minh Hải.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wholesale order WD")  # the deal opened
    page.goto(inquiry_url)
    expect(page.locator(".quote-card")).to_contain_text("Accepted")
    expect(page.get_by_role("button", name="Accept this quote")).to_have_count(0)
    page.set_viewport_size({"width": 390, "height": 844})
    shot("leads-accepted-390")
