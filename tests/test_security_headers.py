"""Security headers (core/security.py): the exact policy each kind of answer gets.

Every page and API answer: a Content-Security-Policy with a fresh nonce that every ``<script>``
carries, no framing, a referrer policy, no MIME sniffing. Stripe's hosts only on the pay page.
HTTPS redirect and HSTS only with the production settings.
"""
import re
from pathlib import Path

import pytest

from config import Config, ProductionConfig
from tests.factories import ListingFactory, UserFactory
from tests.order_helpers import client_for, make_shop, place

NONCE = re.compile(r"'nonce-([A-Za-z0-9_-]{32})'")
BASE_POLICY = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self'; "
               "font-src 'self'; connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; "
               "form-action 'self'; frame-ancestors 'none'")
PAY_POLICY = ("default-src 'self'; script-src 'self' https://js.stripe.com https://*.js.stripe.com 'nonce-{nonce}'; "
              "style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self' https://api.stripe.com; "
              "frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com; object-src 'none'; "
              "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
OTHER_HEADERS = {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), browsing-topics=()",
}
# What ProductionConfig sets beyond the defaults (its secrets and services come from the test's config).
PRODUCTION = {name: value for name, value in vars(ProductionConfig).items()
              if name.isupper() and name != "RATELIMIT_STORAGE_URI"}


def _nonce(response):
    found = NONCE.search(response.headers["Content-Security-Policy"])
    assert found, response.headers["Content-Security-Policy"]
    return found.group(1)


def _assert_headers(response, policy):
    """The answer's headers are exactly ``policy`` (with its nonce) and the others; no HSTS outside production."""
    nonce = _nonce(response)
    assert response.headers["Content-Security-Policy"] == policy.format(nonce=nonce)
    assert {name: response.headers.get(name) for name in OTHER_HEADERS} == OTHER_HEADERS
    assert "Strict-Transport-Security" not in response.headers
    return nonce


def _assert_page_obeys_policy(html, nonce):
    """Every script carries the nonce, and nothing inline that the policy would block is left."""
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts), scripts
    assert re.findall(r"<script\b[^>]*>\s*[^<\s]", html) == []  # no inline script body
    assert re.findall(r"\sstyle=|<style\b|\son[a-z]+=|javascript:", html, flags=re.IGNORECASE) == []


def test_a_public_page_gets_the_strict_policy_with_a_fresh_nonce_each_time(client):
    """Does the home page send the exact security headers, with a nonce its scripts carry and a new one per request?"""
    first = client.get("/")
    second = client.get("/")

    assert first.status_code == 200
    nonce = _assert_headers(first, BASE_POLICY)
    _assert_page_obeys_policy(first.get_data(as_text=True), nonce)
    assert _assert_headers(second, BASE_POLICY) != nonce


def test_a_product_page_and_the_catalogue_obey_the_policy(client, db):
    """Do the catalogue and a product page (gallery, QR-free) have no inline style or script left?"""
    listing = ListingFactory(title_en="Blue-glaze vase")
    db.session.commit()

    for path in ("/products", f"/products/{listing.id}"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_page_obeys_policy(response.get_data(as_text=True), _assert_headers(response, BASE_POLICY))


def test_a_signed_in_page_gets_the_same_policy_without_stripe(app, db, login):
    """Does a buyer's own page (notifications) get the strict policy, Stripe not allowed?"""
    buyer = UserFactory(email="lan@example.vn")
    db.session.commit()

    response = login(buyer).get("/notifications")

    assert response.status_code == 200
    _assert_page_obeys_policy(response.get_data(as_text=True), _assert_headers(response, BASE_POLICY))
    assert "stripe" not in response.headers["Content-Security-Policy"]


@pytest.fixture
def card_app(make_app):
    """Card payments on (no Stripe call is made by showing the pay page)."""
    app = make_app(STRIPE_SECRET_KEY="sk_test_headers", STRIPE_PUBLISHABLE_KEY="pk_test_headers")
    with app.app_context():
        yield app


def test_only_the_pay_page_lets_stripe_in(card_app):
    """Does the pay page allow Stripe.js, its frames and API, and load it with the nonce, while the order page does not?"""
    shop = make_shop()
    order = place(shop.buyer, (shop.a, 1), method="card", card_enabled=True)
    client = client_for(card_app, shop.buyer)

    pay = client.get(f"/orders/{order.id}/pay")
    order_page = client.get(f"/orders/{order.id}")

    assert pay.status_code == 200
    nonce = _assert_headers(pay, PAY_POLICY)
    html = pay.get_data(as_text=True)
    assert f'<script src="https://js.stripe.com/v3/" nonce="{nonce}"></script>' in html
    _assert_page_obeys_policy(html, nonce)
    assert order_page.status_code == 200
    _assert_headers(order_page, BASE_POLICY)


def test_a_json_api_answer_gets_the_headers_too(client):
    """Does an API v1 answer carry the same policy and headers?"""
    response = client.get("/api/v1/products")

    assert (response.status_code, response.mimetype) == (200, "application/json")
    _assert_headers(response, BASE_POLICY)


def test_production_sends_hsts_and_redirects_plain_http_to_https(make_app):
    """With the production settings, does an https page carry HSTS and a plain-http one go to https?"""
    client = make_app(**PRODUCTION).test_client()

    secure = client.get("/about", base_url="https://localhost")
    plain = client.get("/about?x=1", base_url="http://localhost")  # the test client would use PREFERRED_URL_SCHEME
    health = client.get("/healthz", base_url="http://localhost")

    assert secure.status_code == 200
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert secure.headers["Content-Security-Policy"] == BASE_POLICY.format(nonce=_nonce(secure))
    assert (plain.status_code, plain.headers["Location"]) == (302, "https://localhost/about?x=1")
    assert "Strict-Transport-Security" not in plain.headers
    assert health.status_code == 200  # load balancers check gunicorn over plain http


def test_testing_and_development_send_no_hsts_and_never_redirect(client):
    """Outside production (http on 127.0.0.1), is there no HSTS even over https, and no redirect?"""
    secure = client.get("/about", base_url="https://localhost")
    plain = client.get("/about")

    assert Config.HTTPS_ONLY is False
    assert "Strict-Transport-Security" not in secure.headers
    assert plain.status_code == 200


def test_no_template_or_script_needs_what_the_policy_forbids():
    """Does any template hold a style attribute, <style>, inline handler, javascript: URL, inline
    script or a <script> without the nonce, or any script set a style attribute? (Pages added later
    are caught here, before a browser shows the violation.)"""
    root = Path(__file__).resolve().parent.parent
    forbidden = re.compile(r"""\sstyle\s*=|<style\b|\son[a-z]+\s*=|javascript:|<script\b(?![^>]*\snonce="\{\{ csp_nonce\(\) \}\}")[^>]*>|<script\b[^>]*>[^<]""",
                           re.IGNORECASE)
    found = [f"{path.relative_to(root)}:{number}: {line.strip()}"
             for path in sorted((root / "templates").rglob("*.html"))
             for number, line in enumerate(path.read_text().splitlines(), 1) if forbidden.search(line)]
    found += [f"{path.relative_to(root)}:{number}: {line.strip()}"
              for path in sorted((root / "static" / "js").rglob("*.js"))
              for number, line in enumerate(path.read_text().splitlines(), 1)
              if re.search(r"""setAttribute\(\s*["']style|\.innerHTML\s*=|\beval\(|new Function\(""", line)]

    assert found == []
