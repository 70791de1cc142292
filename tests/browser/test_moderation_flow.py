"""Moderation in the browser: a buyer reports a product from the verify page, staff hide it from the queue,
the producer reads the reason."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import switch_to_english

pytestmark = pytest.mark.browser

REASON = "The pictures show another workshop's vase."


def _log_out(page, base):
    page.locator("details.menu summary").click()
    page.get_by_role("button", name="Log out").click()
    switch_to_english(page, base + "/about")  # logging out forgets the language


def test_a_report_from_the_verify_page_ends_with_the_product_hidden_and_the_reason_shown(log_in, site, shot):
    """Can a buyer report a product from /verify/<code>, staff hide it from the queue, and the producer see why?"""
    from marketplace.accounts.models import Role
    from tests.factories import UserFactory

    with site.app.app_context():
        buyer, staff = UserFactory(email="lan@example.vn", name="Lan"), UserFactory(
            email="staff@example.vn", name="Staff", role=Role.STAFF)
        buyer_email, staff_email = buyer.email, staff.email

    # given: a buyer checks a label's code
    page = log_in(buyer_email)
    page.goto(f"{site.base}/verify/{site.code}")
    page.get_by_test_id("report-product").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a problem")
    expect(page.locator("dl.kv dd").nth(0)).to_have_text("Blue-glaze ceramic vase")
    # when: the buyer sends a report without choosing what is wrong, then properly
    page.get_by_role("button", name="Send the report").click()
    expect(page.locator(".form-errors")).to_contain_text("2 fields need your attention")
    page.get_by_label("What is wrong?").select_option(label="Misleading description or pictures")
    page.get_by_label("What did you see?").fill("The vase I received looks nothing like the photo.")
    shot("moderation-report-form")
    page.get_by_role("button", name="Send the report").click()
    expect(page).to_have_url(f"{site.base}/verify/{site.code}")
    expect(page.get_by_role("status").first).to_contain_text("Thank you: staff will look into your report")
    _log_out(page, site.base)

    # when: staff open the queue and hide the product with a reason
    log_in(staff_email)
    page.goto(site.base + "/staff/")
    page.get_by_role("navigation", name="Staff sections").get_by_role("link", name="Moderation").click()
    queue = page.get_by_test_id("report-queue")
    expect(queue.locator("tbody tr")).to_have_count(1)
    expect(queue).to_contain_text("Misleading description or pictures")
    shot("moderation-queue")
    queue.get_by_role("link", name="No. 1").click()
    expect(page.get_by_test_id("report-text")).to_have_text("The vase I received looks nothing like the photo.")
    page.get_by_role("button", name="Take into review").click()
    expect(page.get_by_role("status").first).to_contain_text("You are reviewing this report.")
    page.get_by_label("Outcome").select_option(label="Product hidden")
    page.get_by_label("Decision and reason").fill(REASON)
    shot("moderation-resolve")
    page.get_by_role("button", name="Resolve the report").click()
    expect(page.get_by_role("status").first).to_contain_text("The report is resolved and the reporter has been told.")
    response = page.goto(f"{site.base}/products/{site.vase_id}")
    assert response.status == 404
    _log_out(page, site.base)

    # then: the producer sees the listing hidden, and why, and cannot put it back on sale
    log_in(site.producer_user_email)
    page.goto(site.base + "/dashboard/producer")
    row = page.locator("tr", has_text="Blue-glaze ceramic vase")
    expect(row.locator(".badge")).to_have_text("Hidden by staff")
    row.get_by_role("link", name="Why?").click()
    banner = page.get_by_test_id("hidden-reason")
    expect(banner).to_contain_text("Staff have hidden this listing")
    expect(banner).to_contain_text(f"Reason: {REASON}")
    shot("moderation-producer-reason")
    page.get_by_role("button", name="Save listing").click()  # an edit keeps the hide
    expect(page.get_by_test_id("hidden-reason")).to_be_visible()
    page.goto(site.base + "/notifications")
    expect(page.locator("main")).to_contain_text("“Blue-glaze ceramic vase”")  # the title in the reader's language
    expect(page.locator("main")).to_contain_text(REASON)
