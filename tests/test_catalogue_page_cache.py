"""The catalogue's whole page is cached for anonymous visitors (Redis): a second visitor's page
renders no template, yet carries their own CSRF token, CSP nonce, query as typed and way back;
a visitor with a message waiting, or signed in, gets the page built afresh and never stored."""
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import template_rendered

from marketplace.accounts.models import Role
from tests.factories import ListingFactory, UserFactory
from tests.order_helpers import client_for
from tests.test_product_page_cache import NONCE, app  # noqa: F401  (the cached app fixture)

LANG_FORM = re.compile(r'<form class="lang-switch".*?name="csrf_token" value="([^"]+)".*?name="next" value="([^"]+)"', re.DOTALL)


@pytest.fixture
def rendered(app):
    names = []

    def record(sender, template, context, **extra):
        names.append(template.name)

    template_rendered.connect(record, app)
    yield names
    template_rendered.disconnect(record, app)


def test_a_second_visitor_gets_the_cached_page_with_their_own_token_nonce_and_query(make_cached_app):
    """With CSRF on (as in production), does the second anonymous visitor of "Bình gốm" get the page
    without one template rendered, with their own CSRF token (valid for them only), the nonce of their
    own CSP header, their query as typed and their way back?"""
    app = make_cached_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        ListingFactory(title_vi="Bình gốm men lam", price_vnd=350_000)
    names = []
    template_rendered.connect(lambda sender, template, context, **extra: names.append(template.name), app, weak=False)
    # Each request in its own app context, as when served (g, where the token is kept, included).
    lan, minh = app.test_client(), app.test_client()
    first = lan.get("/products?q=B%C3%ACnh+g%E1%BB%91m")
    assert "catalog/index.html" in names
    names.clear()

    typed = "/products?q=b%C3%ACnh%20%20G%E1%BB%91M&utm_source=zalo"  # the same search, typed otherwise
    second = minh.get(typed)
    html = second.get_data(as_text=True)

    assert names == []
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.headers["Cache-Control"] == "public, max-age=60"
    nonce = NONCE.search(second.headers["Content-Security-Policy"]).group(1)
    assert nonce != NONCE.search(first.headers["Content-Security-Policy"]).group(1)
    assert html.count(f'nonce="{nonce}"') == 3
    lan_token = LANG_FORM.search(first.get_data(as_text=True)).group(1)
    minh_token, back = LANG_FORM.search(html).groups()
    assert lan_token != minh_token
    assert unescape(back) == typed
    assert 'value="bình  GốM"' in html and "<title>bình  GốM · " in html  # what this visitor typed
    login = unescape(re.search(r'href="(/login\?next=[^"]+)"', html).group(1))
    assert parse_qs(urlsplit(login).query) == {"next": [typed]}  # back to this visitor's page after logging in
    assert "Bình gốm men lam" in html
    assert not re.search(r"<(csrf-token|csp-nonce|here|typed-q|login-href)>", html)
    # Minh's language form works with Minh's token only
    assert minh.post("/lang/en", data={"csrf_token": lan_token, "next": typed}).status_code == 400
    assert minh.post("/lang/en", data={"csrf_token": minh_token, "next": typed}).status_code in (302, 303)


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page_that_is_not_kept(app, db, rendered):
    """After a refused log-in flashes a message, does /products show it, built afresh and sent no-store?"""
    ListingFactory(title_vi="Bình gốm men lam")
    app.test_client().get("/products")  # cached now
    client = app.test_client()
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Bạn đã đăng xuất.")]
    rendered.clear()

    response = client.get("/products")

    assert "catalog/index.html" in rendered
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Bạn đã đăng xuất." in response.get_data(as_text=True)
    rendered.clear()
    again = client.get("/products")  # the message was shown once: the cached page again
    assert rendered == [] and "Bạn đã đăng xuất." not in again.get_data(as_text=True)


def test_a_signed_in_buyer_gets_their_own_header_never_the_cached_page(app, db, rendered):
    """Does a signed-in buyer's /products carry their name in the header, built afresh, private?"""
    ListingFactory(title_vi="Bình gốm men lam")
    app.test_client().get("/products")  # cached now
    buyer = UserFactory(role=Role.BUYER, name="Nguyễn Thu Hà")
    rendered.clear()
    response = client_for(app, buyer).get("/products")
    assert "catalog/index.html" in rendered
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Nguyễn Thu Hà" in response.get_data(as_text=True)
