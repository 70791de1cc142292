"""The Content-Security-Policy breaks nothing: Chromium reports no violation on the main pages.

A visitor browses, fills a cart and logs in; the buyer checks out by card and reaches the pay
page, where Stripe.js (the fake Stripe server's, served at https://js.stripe.com/v3/ because
this machine has no network) mounts its card form; a producer opens its dashboard and listing
form; staff open their pages. Any console message about the policy, or a script error, fails.
"""
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import switch_to_english

pytestmark = pytest.mark.browser


@pytest.fixture
def live_server(serve, stripe):
    """The ``site`` catalogue on an app with card payments on (localstripe behind the server)."""
    return serve(**stripe.config)


@pytest.fixture
def watched(page, stripe):
    """The page with its console watched; ``watched.problems`` lists each CSP violation or script error."""
    problems = []
    page.on("console", lambda message: problems.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text else None)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: script error {error}"))
    with urllib.request.urlopen(stripe.url + "/js.stripe.com/v3/", timeout=10) as answer:
        fake_stripe_js = answer.read()
    page.route("https://js.stripe.com/v3/", lambda route: route.fulfill(
        status=200, body=fake_stripe_js, content_type="application/javascript"))
    page.problems = problems
    return page


def _visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("load")


def _log_in(page, site, email, fresh=True):
    """Log in as ``email`` in English; ``fresh`` forgets the previous person's session first."""
    from tests.factories import PASSWORD

    if fresh:
        page.context.clear_cookies()
    switch_to_english(page, site.base + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("status").filter(has_text="Welcome back")).to_be_visible()


def test_no_page_breaks_the_content_security_policy(watched, site, shot):
    """Do home, catalogue, product, cart, login, checkout, the card pay page, the producer's and the
    staff's pages load, scripts and all, without one CSP violation?"""
    from marketplace.accounts.models import Role
    from tests.factories import UserFactory

    page = watched
    with site.app.app_context():
        buyer = UserFactory(email="an@example.vn", name="Phạm Văn An").email
        staff = UserFactory(email="trang@example.vn", name="Đỗ Thu Trang", role=Role.STAFF).email

    # a visitor: home, catalogue with facets, a product with its gallery and QR code, the cart
    for path in ("/", "/products", "/products?q=gom", f"/products/{site.vase_id}", "/villages", "/trademarks",
                 f"/verify/{site.code}", "/about", "/register"):
        _visit(page, site.base + path)
    _visit(page, f"{site.base}/products/{site.vase_id}")
    page.get_by_test_id("add-to-cart").click()
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
    _visit(page, site.base + "/cart")

    # the buyer logs in (the login page too) and checks out by card: the pay page loads Stripe.js
    _log_in(page, site, buyer, fresh=False)
    _visit(page, site.base + "/checkout")  # the visitor's cart came along
    page.get_by_label("Recipient's full name", exact=True).fill("Phạm Văn An")
    page.get_by_label("Phone number", exact=True).fill("0912 345 678")
    page.get_by_label("Province or city", exact=True).select_option("Hà Nội")
    page.get_by_label("Ward or commune", exact=True).fill("Phường Hoàn Kiếm")
    page.get_by_label("House number and street", exact=True).fill("12 phố Hàng Bạc")
    page.locator("input[name=payment_method][value=card]").check()
    page.get_by_test_id("place-order").click()
    expect(page).to_have_url(re.compile(r"/orders/\d+/pay$"))
    expect(page.locator("#payment-element input[placeholder=number]")).to_be_visible()  # Stripe.js ran, then pay.js
    shot("csp-pay-page")
    _visit(page, site.base + "/orders")
    _visit(page, site.base + "/notifications")

    # the producer's dashboard and listing form (image deletion confirms through app.js)
    _log_in(page, site, site.producer_user_email)
    for path in ("/dashboard/producer", f"/dashboard/listings/{site.vase_id}/edit", "/dashboard/producer/leads"):
        _visit(page, site.base + path)

    # staff
    _log_in(page, site, staff)
    for path in ("/staff/", "/staff/overview", "/staff/orders", "/staff/payments", "/staff/payouts", "/dashboard/association"):
        _visit(page, site.base + path)

    assert page.problems == []
