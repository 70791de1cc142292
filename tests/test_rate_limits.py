"""Rate limits beyond the login (issue 10 item 2): sign-up, password reset requests and API writes.

A limited request is a 429 saying how long to wait: a page for people, the usual JSON error for the API.
The test client's own address, 127.0.0.1, plays the proxy where a test needs several client addresses.
"""
import pytest

from config import Config
from marketplace.accounts import services as accounts
from marketplace.accounts.models import Role
from tests.factories import UserFactory

WAIT_PAGE = "Too many attempts. Please wait 1 hour and try again."
SIGN_UP = {"name": "Lan", "password": "mái ngói rêu phong cổ kính", "confirm": "mái ngói rêu phong cổ kính"}


@pytest.fixture
def limited(make_app):
    """An app behind one trusted proxy, with 3 an hour for each limit under test, in English."""
    app = make_app(TRUSTED_PROXIES=1, REGISTER_RATE_LIMIT="3 per hour", RESET_RATE_LIMIT="3 per hour",
                   RESET_EMAIL_RATE_LIMIT="2 per hour", API_WRITE_RATE_LIMIT="2 per hour")
    with app.app_context():
        yield app


def _post(app, path, data, forwarded_for="203.0.113.5"):
    client = app.test_client()
    with client.session_transaction() as session:
        session["lang"] = "en"
    return client.post(path, data=data, headers={"X-Forwarded-For": forwarded_for})


def test_sign_ups_from_one_address_are_limited(limited, db):
    """Is the fourth sign-up from one address within the hour a 429 page saying to wait an hour, while another address signs up?"""
    statuses = [_post(limited, "/register", {**SIGN_UP, "email": f"lan{n}@example.vn"}).status_code for n in range(3)]
    fourth = _post(limited, "/register", {**SIGN_UP, "email": "lan3@example.vn"})
    other = _post(limited, "/register", {**SIGN_UP, "email": "an@example.vn"}, forwarded_for="198.51.100.7")

    assert statuses == [303, 303, 303]
    assert fourth.status_code == 429
    assert WAIT_PAGE in fourth.get_data(as_text=True)
    assert 3500 < int(fourth.headers["Retry-After"]) <= 3600  # seconds left in the hour
    assert accounts.find_by_email("lan3@example.vn") is None
    assert other.status_code == 303


def test_reset_requests_for_one_address_are_limited_from_any_client(limited, db):
    """Are requests for one e-mail limited (2 an hour) even from different client addresses, leaving other e-mails alone?"""
    UserFactory(email="lan@example.vn")
    statuses = [_post(limited, "/forgot-password", {"email": "LAN@example.vn" if n else "lan@example.vn"},
                      forwarded_for=f"203.0.113.{n + 1}").status_code for n in range(3)]
    other = _post(limited, "/forgot-password", {"email": "an@example.vn"}, forwarded_for="203.0.113.9")

    assert statuses == [303, 303, 429]
    assert other.status_code == 303


def test_reset_requests_from_one_client_are_limited(limited, db):
    """Is a fourth reset request from one client address (for four different e-mails) a 429?"""
    statuses = [_post(limited, "/forgot-password", {"email": f"person{n}@example.vn"}).status_code for n in range(4)]

    assert statuses == [303, 303, 303, 429]


def test_api_writes_are_limited_per_account_whichever_token(limited, db):
    """Do an importer's writes share one bucket across its tokens and endpoints (429 JSON in the usual shape),
    while another importer still writes?"""
    importer = UserFactory(email="buyer@import.de", role=Role.IMPORTER)
    other = UserFactory(email="other@import.fr", role=Role.IMPORTER)
    tokens = [accounts.create_api_token(importer, name)[1] for name in ("ERP", "Script")]
    _row, other_token = accounts.create_api_token(other, "ERP")
    client = limited.test_client()

    def write(token, path="/api/v1/inquiries"):
        return client.post(path, json={}, headers={"Authorization": f"Bearer {token}", "Accept-Language": "en"})

    first, second = write(tokens[0]), write(tokens[1])
    third = write(tokens[0], "/api/v1/leads/1/quotes")
    theirs = write(other_token)

    assert (first.status_code, second.status_code) == (400, 400)  # refused input still counts as a write
    assert third.status_code == 429
    assert third.get_json() == {"error": {"status": 429, "message": WAIT_PAGE}}
    assert 3500 < int(third.headers["Retry-After"]) <= 3600
    assert theirs.status_code == 400


def test_api_reads_are_not_write_limited(limited, db):
    """Once the writes are used up, does the same token still read its inquiries?"""
    importer = UserFactory(email="buyer@import.de", role=Role.IMPORTER)
    _row, token = accounts.create_api_token(importer, "ERP")
    client = limited.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(3):
        client.post("/api/v1/inquiries", json={}, headers=headers)

    assert client.get("/api/v1/inquiries", headers=headers).status_code == 200


def test_the_limits_page_speaks_vietnamese_by_default(make_app, db):
    """Is the 429 page in Vietnamese for a visitor who chose no language, with the wait in Vietnamese words?"""
    app = make_app(REGISTER_RATE_LIMIT="1 per minute")
    with app.app_context():
        client = app.test_client()
        client.post("/register", data={**SIGN_UP, "email": "lan0@example.vn"})
        response = client.post("/register", data={**SIGN_UP, "email": "lan1@example.vn"})

    assert response.status_code == 429
    assert "Quá nhiều lần thử. Vui lòng đợi 1 phút rồi thử lại." in response.get_data(as_text=True)


def test_the_defaults_are_sane(app):
    """Are the limits' defaults what the README says?"""
    assert (Config.REGISTER_RATE_LIMIT, Config.RESET_RATE_LIMIT, Config.RESET_EMAIL_RATE_LIMIT,
            Config.API_WRITE_RATE_LIMIT, Config.PASSWORD_RESET_MAX_AGE) == (
        "10 per hour", "10 per hour", "3 per hour", "60 per hour", 3600)
