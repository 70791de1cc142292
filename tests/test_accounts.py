"""Accounts: registration, login, sessions, rate limiting, CSRF, production settings."""
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from marketplace.accounts.models import Role, User
from tests.factories import PASSWORD, UserFactory
from tests.mail_helpers import verification_link

ROOT = Path(__file__).resolve().parent.parent


def _register(client, **overrides):
    data = {"name": "Nguyễn Thị Lan", "email": "lan@example.vn", "password": "mật khẩu đủ dài",
            "confirm": "mật khẩu đủ dài", "role": "buyer"}
    data.update(overrides)
    return client.post("/register", data=data)


@pytest.fixture
def client(english_client):
    """These tests read messages in English."""
    return english_client


def test_registration_creates_a_hashed_account_and_logs_in(client, db):
    """Does registering store a hashed password, and does the e-mailed link start a session?"""
    response = _register(client)
    assert (response.status_code, response.headers["Location"]) == (303, "/register/check-email")
    user = db.session.query(User).one()
    assert (user.email, user.role, user.name, user.email_verified) == ("lan@example.vn", "buyer", "Nguyễn Thị Lan", False)
    assert user.password_hash.startswith("scrypt:") and "mật khẩu" not in user.password_hash
    with client.session_transaction() as session:
        assert "_user_id" not in session  # not until the address is confirmed

    assert client.get(verification_link("lan@example.vn")).status_code == 302

    db.session.refresh(user)
    assert user.email_verified is True
    with client.session_transaction() as session:
        assert session["_user_id"] == user.get_id()


@pytest.mark.parametrize(("overrides", "message"), [
    ({"password": "short", "confirm": "short"}, "Use at least 12 characters."),
    ({"confirm": "something else entirely"}, "The passwords do not match."),
    ({"email": "not-an-email"}, "Invalid email address."),
    ({"role": "staff"}, "Not a valid choice."),
])
def test_bad_registrations_are_refused_with_a_message(client, db, overrides, message):
    """Does each bad registration answer 400 with its reason and create no account?"""
    response = _register(client, **overrides)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.query(User).count() == 0


def test_an_email_can_register_only_once_whatever_its_case(client, db):
    """Does a second sign-up with the same e-mail (in other letters' case) create no account, without saying so?"""
    UserFactory(email="lan@example.vn")
    response = _register(client, email="LAN@Example.vn")
    assert (response.status_code, response.headers["Location"]) == (303, "/register/check-email")
    assert "already exists" not in client.get("/register/check-email").get_data(as_text=True)
    assert db.session.query(User).count() == 1


def test_login_with_the_right_password_starts_a_fresh_session(client, db):
    """Does logging in drop whatever was in the session before (no fixation) but keep the language?"""
    UserFactory(email="an@example.vn", role=Role.BUYER)
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
        session["lang"] = "en"
    response = client.post("/login", data={"email": "an@example.vn", "password": PASSWORD})
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["lang"] == "en"
        assert session["_user_id"].startswith("1:")


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client, db):
    """Does a wrong password answer 401 with the same message as an unknown e-mail?"""
    UserFactory(email="an@example.vn")
    wrong = client.post("/login", data={"email": "an@example.vn", "password": "not the password"})
    unknown = client.post("/login", data={"email": "nobody@example.vn", "password": "not the password"})
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong e-mail or password." in wrong.get_data(as_text=True)
    assert "Wrong e-mail or password." in unknown.get_data(as_text=True)


def test_logout_ends_every_copy_of_the_session(client, db, app):
    """After logout, is a copy of the old session cookie useless?"""
    user = UserFactory(email="an@example.vn", role=Role.PRODUCER)
    client.post("/login", data={"email": "an@example.vn", "password": PASSWORD})
    stolen = client.get_cookie("session").value
    assert client.post("/logout").status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/dashboard/producer").status_code == 302  # sent to the login page
    assert db.session.get(User, user.id).session_version == 1


def test_login_is_rate_limited_across_workers_through_redis(make_app, db):
    """With Redis storage, do two app processes share one login counter (3 per minute, then 429)?"""
    storage = "redis://127.0.0.1:6379/14"
    limit = "3 per minute"
    first = make_app(RATELIMIT_STORAGE_URI=storage, LOGIN_RATE_LIMIT=limit,
                     RATELIMIT_KEY_PREFIX=f"test-{uuid.uuid4().hex}")
    second = make_app(RATELIMIT_STORAGE_URI=storage, LOGIN_RATE_LIMIT=limit,
                      RATELIMIT_KEY_PREFIX=first.config["RATELIMIT_KEY_PREFIX"])
    statuses = []
    for app in (first, second, first, second):
        with app.test_client() as client:
            statuses.append(client.post("/login", data={"email": "x@example.vn", "password": "wrong-password-1"}).status_code)
    assert statuses == [401, 401, 401, 429]


def test_forms_refuse_posts_without_a_csrf_token(make_app):
    """With CSRF on (as in production), is a login POST without a token refused?"""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        response = app.test_client().post("/login?lang=en", data={"email": "x@example.vn", "password": "whatever-password"})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)


def _production(env_overrides, code):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL", "CELERY_BROKER_URL")}
    env.update({"APP_ENV": "production", **env_overrides})
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_production_refuses_to_start_without_its_secrets():
    """Does APP_ENV=production without SECRET_KEY stop with a message naming it?"""
    result = _production({}, "from marketplace import create_app; create_app()")
    assert result.returncode != 0
    assert "APP_ENV=production needs SECRET_KEY, DATABASE_URL, CELERY_BROKER_URL" in result.stderr


def test_production_cookies_are_secure():
    """Are session and remember cookies Secure and HttpOnly in production?"""
    result = _production(
        {"SECRET_KEY": "s" * 32, "DATABASE_URL": "sqlite://", "CELERY_BROKER_URL": "memory://"},
        "from marketplace import create_app; c = create_app().config; "
        "print(c['SESSION_COOKIE_SECURE'], c['SESSION_COOKIE_HTTPONLY'], c['REMEMBER_COOKIE_SECURE'], c['RATELIMIT_STORAGE_URI'])",
    )
    assert result.stdout.split() == ["True", "True", "True", "redis://127.0.0.1:6379/1"], result.stderr
