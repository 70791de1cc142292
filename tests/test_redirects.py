"""Where ``next`` may send the browser: only to a path on this site (issue 13, item 2)."""
import pytest

from marketplace.core.redirects import safe_next
from tests.factories import PASSWORD, ListingFactory, UserFactory

# Each arrives in ``next`` as the server reads it (query and form values are already decoded).
OFF_SITE = [
    "/\t/evil.example",          # the reported one: browsers drop the tab and go to //evil.example
    "/\n/x",                     # was a 500 (a newline cannot go into a header)
    "/\r/x",
    "/\r\n/x",
    "\t//evil.example",
    "/\\evil.example",           # browsers read a backslash as a slash
    "\\\\evil.example",
    "/\\/evil.example",
    "//evil.example",
    "///evil.example",
    "/%2F%2Fevil.example",       # decodes to ///evil.example
    "/%2F/evil.example",
    "/%5Cevil.example",          # decodes to /\evil.example
    "/%09/evil.example",         # encoded twice on the way in
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,hi",
    "evil.example",
    " /evil.example",
    "/\x00/x",
    "/\u202e/x",                 # a right-to-left override
    "",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_off_site_and_disguised_targets_are_refused(target):
    """Is every scheme, host, control character, backslash and encoded slash refused as a redirect target?"""
    assert safe_next(target) is None


@pytest.mark.parametrize(("target", "location"), [
    ("/orders/3", "/orders/3"),
    ("/products?q=b%C3%A1t+tr%C3%A0ng&craft=ceramics", "/products?q=b%C3%A1t+tr%C3%A0ng&craft=ceramics"),
    ("/products?q=bát tràng", "/products?q=b%C3%A1t%20tr%C3%A0ng"),
    ("/about?", "/about"),
    ("/login?next=/orders", "/login?next=/orders"),
    ("/a%2Fb", "/a%2Fb"),
])
def test_paths_on_this_site_are_kept_ready_for_a_location_header(target, location):
    """Is a path on this site kept, with non-ASCII characters percent-encoded?"""
    assert safe_next(target) == location


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\n/x", "//evil.example", "/\\evil.example",
                                    "https://evil.example", "/%2F%2Fevil.example", "javascript:alert(1)"])
def test_the_language_switch_stays_on_the_site(client, target):
    """Does the language switch send an off-site or disguised ``next`` to the home page instead?"""
    response = client.post("/lang/en", data={"next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    with client.session_transaction() as session:
        assert session["lang"] == "en"


def test_the_language_switch_returns_to_the_page_it_was_used_on(client):
    """Does the language switch come back to the page (with its query) it was clicked on?"""
    response = client.post("/lang/en", data={"next": "/products?q=gom&page=2"})
    assert (response.status_code, response.headers["Location"]) == (303, "/products?q=gom&page=2")


@pytest.mark.parametrize("query", ["/%09/evil.example", "/%0A/x", "//evil.example", "/%5Cevil.example",
                                   "https://evil.example", "/%252F%252Fevil.example", "javascript:alert(1)"])
def test_login_does_not_send_a_signed_in_user_off_site(client, db, query):
    """After a real login, does ``/login?next=`` refuse an off-site target and go to the user's home?"""
    UserFactory(email="an@example.vn")
    response = client.post(f"/login?next={query}", data={"email": "an@example.vn", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_follows_a_next_on_this_site(client, db):
    """Does a login with ``next=/orders`` land on /orders?"""
    UserFactory(email="an@example.vn")
    response = client.post("/login?next=/orders", data={"email": "an@example.vn", "password": PASSWORD})
    assert (response.status_code, response.headers["Location"]) == (302, "/orders")


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\n/x", "//evil.example", "/\\evil.example",
                                    "https://evil.example", "/%2F%2Fevil.example"])
def test_adding_to_the_cart_does_not_redirect_off_site(client, db, target):
    """Does the cart's POST ``next`` refuse an off-site target and show the cart instead (the item still added)?"""
    listing = ListingFactory(price_vnd=100_000)
    response = client.post("/cart/add", data={"listing_id": listing.id, "quantity": "1", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/cart"
    assert 'data-testid="cart-count">1<' in client.get("/cart").get_data(as_text=True)
