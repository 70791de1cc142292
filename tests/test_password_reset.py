"""Password reset by e-mail (issue 10 item 2): the same answer for any address, a link that works once."""
import time

import pytest
from flask import g
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import select

from marketplace.accounts import recovery
from marketplace.accounts.models import User
from marketplace.notifications.models import OutboxMessage
from tests.factories import PASSWORD, UserFactory
from tests.mail_helpers import mails_to, reset_link

NEW = "mái ngói rêu phong cổ kính"
ASKED = "If an account exists for that address, we sent a link to choose a new password. It is valid for 1 hour."


@pytest.fixture
def client(english_client):
    """These tests read the pages in English."""
    return english_client


def _ask(client, email):
    return client.post("/forgot-password", data={"email": email})


def _login(app, email, password):
    g.pop("_login_user", None)
    return app.test_client().post("/login", data={"email": email, "password": password}).status_code


def test_the_login_page_links_to_the_reset(client, db):
    """Does the login page offer "Forgot password?", leading to a form asking for the e-mail?"""
    login_page = client.get("/login").get_data(as_text=True)
    form = client.get("/forgot-password")

    assert '<a href="/forgot-password">Forgot password?</a>' in login_page
    assert form.status_code == 200
    assert "Give the e-mail address of your account." in form.get_data(as_text=True)


def test_known_and_unknown_addresses_get_the_same_answer_and_the_same_work(client, db, count_queries):
    """Do an address with an account and one without get the same redirect, message, number of SQL
    statements and of e-mails, with a reset link only for the account?"""
    UserFactory(email="lan@example.vn", name="Nguyễn Thị Lan", locale="en")
    _ask(client, "warm-up@example.vn")  # the first request compiles what the others reuse

    answers = {}
    for email in ("lan@example.vn", "nobody@example.vn"):
        with count_queries() as queries:
            response = _ask(client, email)
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        answers[email] = (response.status_code, response.headers["Location"], ASKED in page, len(queries),
                          len(mails_to(email)))

    assert answers["lan@example.vn"] == answers["nobody@example.vn"]
    assert answers["lan@example.vn"][:3] == (303, "/login", True)
    assert answers["lan@example.vn"][4] == 1
    assert "/reset-password/" in mails_to("lan@example.vn")[0].body
    assert mails_to("nobody@example.vn")[0].subject == "Resetting your password on Làng Nghề Market"
    assert "but no account uses this address" in mails_to("nobody@example.vn")[0].body
    assert "/reset-password/" not in mails_to("nobody@example.vn")[0].body


def test_an_invalid_address_is_named_and_nothing_is_sent(client, db):
    """Is "lan@" refused with the field's message (400), with no e-mail written?"""
    response = _ask(client, "lan@")

    assert response.status_code == 400
    assert "Invalid email address." in response.get_data(as_text=True)
    assert db.session.scalar(select(db.func.count()).select_from(OutboxMessage)) == 0


def test_the_link_sets_a_new_password_once(app, client, db):
    """Does the e-mailed link (valid 1 hour, in the owner's language) set a new password, the old one
    stop working, and the same link then refuse to work again?"""
    UserFactory(email="lan@example.vn", name="Nguyễn Thị Lan", locale="en")
    _ask(client, "lan@example.vn")
    mail = mails_to("lan@example.vn")[-1]
    link = reset_link("lan@example.vn")

    form = client.get(link)
    done = client.post(link, data={"password": NEW, "confirm": NEW})
    told = client.get("/login").get_data(as_text=True)
    again = client.post(link, data={"password": NEW + " nữa", "confirm": NEW + " nữa"})

    assert mail.subject == "Reset your password"
    assert "open this link (valid for 1 hour, and only once)" in mail.body
    assert form.status_code == 200 and form.headers["Referrer-Policy"] == "no-referrer"
    assert (done.status_code, done.headers["Location"]) == (303, "/login")
    assert "Your password is changed, and every other session of your account has ended." in told
    assert again.status_code == 400
    assert "This link is not valid, or it was already used. Ask for a new one below." in again.get_data(as_text=True)
    assert (_login(app, "lan@example.vn", PASSWORD), _login(app, "lan@example.vn", NEW)) == (401, 302)


def test_a_weak_or_unrepeated_password_is_refused_and_nothing_changes(client, db):
    """Does the reset page name both a common password and a wrong repeat, leaving the password as it was?"""
    user = UserFactory(email="lan@example.vn")
    before = user.password_hash
    _ask(client, "lan@example.vn")

    response = client.post(reset_link("lan@example.vn"), data={"password": "password1234", "confirm": "other"})

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "This password is too easy to guess. It is a common password, word or name, or close to one." in page
    assert "The passwords do not match." in page
    db.session.expire_all()
    assert db.session.get(User, user.id).password_hash == before


def test_an_expired_or_tampered_link_offers_a_new_one(app, client, db):
    """Is a link older than PASSWORD_RESET_MAX_AGE, or with a changed character, a 400 with a form to ask again?"""
    user = UserFactory(email="lan@example.vn")

    class TwoHoursAgo(TimestampSigner):
        def get_timestamp(self):
            return int(time.time()) - 7200

    old = URLSafeTimedSerializer("test-secret", salt="password-reset", signer=TwoHoursAgo).dumps(
        {"id": user.id, "pw": recovery._fingerprint(user)})
    expired = client.get(f"/reset-password/{old}")
    tampered = client.get(f"/reset-password/{recovery.reset_token(user)}x")

    assert expired.status_code == tampered.status_code == 400
    assert "This link has expired. Ask for a new one below." in expired.get_data(as_text=True)
    assert "This link is not valid, or it was already used." in tampered.get_data(as_text=True)
    assert 'action="/forgot-password"' in tampered.get_data(as_text=True)


def test_a_reset_ends_every_session_and_confirms_the_address(app, client, db):
    """Is a browser that was logged in logged out by the reset, and an unconfirmed address confirmed by it?"""
    user = UserFactory(email="lan@example.vn", email_verified=False, email_verified_at=None)
    elsewhere = app.test_client()
    elsewhere.post("/login", data={"email": "lan@example.vn", "password": PASSWORD})
    assert elsewhere.get("/account").status_code == 200

    _ask(client, "lan@example.vn")
    client.post(reset_link("lan@example.vn"), data={"password": NEW, "confirm": NEW})

    g.pop("_login_user", None)
    assert elsewhere.get("/account").status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).email_verified is True


def test_the_mail_is_in_the_owners_language_or_else_the_askers(make_app, db):
    """Is the reset e-mail in the account's language, and for an account without one, in the asker's?"""
    app = make_app()
    with app.app_context():
        UserFactory(email="vi@example.vn", locale="vi")
        UserFactory(email="none@example.vn", locale=None)
        english = app.test_client()
        with english.session_transaction() as session:
            session["lang"] = "en"
        english.post("/forgot-password", data={"email": "vi@example.vn"})
        english.post("/forgot-password", data={"email": "none@example.vn"})

        assert [mails_to("vi@example.vn")[0].subject, mails_to("none@example.vn")[0].subject] == \
            ["Đặt lại mật khẩu", "Reset your password"]
        assert "có hiệu lực trong 1 tiếng và chỉ dùng được một lần" in mails_to("vi@example.vn")[0].body
