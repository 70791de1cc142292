"""Login rate limits behind a proxy: one bucket per client address and one per account
(issue 13, item 3). The test client's own address, 127.0.0.1, plays the proxy."""
import pytest

from tests.factories import PASSWORD, UserFactory

LIMIT = "3 per minute"


@pytest.fixture
def behind_proxy(make_app):
    """An app behind one trusted proxy (the README's nginx), with 3 logins a minute per address and per account."""
    app = make_app(TRUSTED_PROXIES=1, LOGIN_RATE_LIMIT=LIMIT, LOGIN_ACCOUNT_RATE_LIMIT=LIMIT)
    with app.app_context():
        UserFactory(email="lan@example.vn")
        UserFactory(email="an@example.vn")
        yield app


def _login(app, email, password, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return app.test_client().post("/login", data={"email": email, "password": password}, headers=headers).status_code


def test_wrong_passwords_from_one_address_do_not_lock_out_another_address(behind_proxy):
    """Behind the proxy, after one address's wrong passwords use up its bucket, does another user's right password from another address still log in?"""
    attacker = [_login(behind_proxy, f"guess{n}@example.vn", "wrong-password-1", "203.0.113.5") for n in range(4)]
    assert attacker == [401, 401, 401, 429]
    assert _login(behind_proxy, "lan@example.vn", PASSWORD, "198.51.100.7") == 302


def test_one_account_hammered_from_many_addresses_is_still_limited(behind_proxy):
    """Do wrong passwords for one account from four addresses hit the account's limit (429 even for the right one), leaving other accounts alone?"""
    statuses = [_login(behind_proxy, "lan@example.vn", "wrong-password-1", f"203.0.113.{n}") for n in range(1, 4)]
    assert statuses == [401, 401, 401]
    assert _login(behind_proxy, "LAN@example.vn ", PASSWORD, "198.51.100.7") == 429  # the same account, spelt otherwise
    assert _login(behind_proxy, "an@example.vn", PASSWORD, "198.51.100.8") == 302


def test_right_passwords_do_not_use_up_the_accounts_bucket(behind_proxy):
    """Do four successful logins of one account from four addresses all succeed (only failures count per account)?"""
    assert [_login(behind_proxy, "lan@example.vn", PASSWORD, f"198.51.100.{n}") for n in range(1, 5)] == [302] * 4


def test_a_client_cannot_choose_its_address_by_sending_x_forwarded_for_itself(behind_proxy):
    """With one trusted proxy, does a client that invents a new first X-Forwarded-For hop each time still share its real address's bucket?"""
    statuses = [_login(behind_proxy, f"guess{n}@example.vn", "wrong-password-1", f"10.0.0.{n}, 203.0.113.5")
                for n in range(4)]
    assert statuses == [401, 401, 401, 429]


def test_without_trusted_proxies_x_forwarded_for_is_ignored(make_app):
    """With TRUSTED_PROXIES unset (0, the default), does a forged X-Forwarded-For leave every attempt in the one real address's bucket?"""
    app = make_app(LOGIN_RATE_LIMIT=LIMIT, LOGIN_ACCOUNT_RATE_LIMIT=LIMIT)
    assert app.config["TRUSTED_PROXIES"] == 0
    with app.app_context():
        statuses = [_login(app, f"guess{n}@example.vn", "wrong-password-1", f"203.0.113.{n}") for n in range(4)]
    assert statuses == [401, 401, 401, 429]

