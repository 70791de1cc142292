"""Accounts cannot be enumerated: login costs the same, sign-up answers alike, addresses are verified."""
import hashlib
import re
import time
import uuid
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from flask import g
from flask_migrate import upgrade
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import create_engine, text
from werkzeug.security import check_password_hash

from marketplace.accounts import services as accounts
from marketplace.accounts import verification
from marketplace.accounts.models import Role, User
from marketplace.extensions import db as sqla
from marketplace.leads import services as leads
from marketplace.leads.models import Inquiry, Match, Quote
from marketplace.orders.models import CartItem, Order
from tests.conftest import POSTGRES_SERVER
from tests.factories import PASSWORD, ListingFactory, ProducerFactory, UserFactory
from tests.leads_data import ceramics_world
from tests.mail_helpers import link_in, mails_to, verification_link
from tests.order_helpers import ADDRESS

SIGN_UP = {"name": "Nguyễn Thị Lan", "password": "mật khẩu đủ dài", "confirm": "mật khẩu đủ dài", "role": "buyer"}


@contextmanager
def _counting_scrypt(monkeypatch):
    """Count real scrypt runs (the password hash) and the parameters of each: ``[(n, r, p), ...]``."""
    calls, real = [], hashlib.scrypt

    def counted(password, *, salt, n, r, p, maxmem=0, dklen=64):
        calls.append((n, r, p))
        return real(password, salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)

    with monkeypatch.context() as patch:
        patch.setattr(hashlib, "scrypt", counted)
        yield calls


@pytest.fixture
def client(english_client):
    """These tests read messages in English."""
    return english_client


def test_login_runs_the_password_hash_once_whether_or_not_the_account_exists(client, db, monkeypatch):
    """Does a login with an unknown e-mail cost one scrypt with the same parameters as a wrong password?"""
    UserFactory(email="an@example.vn")
    client.post("/login", data={"email": "warm-up@example.vn", "password": "the dummy hash is made once"})

    outcomes = {}
    for case, email, password in (("unknown", "nobody@example.vn", "not the password"),
                                  ("wrong password", "an@example.vn", "not the password"),
                                  ("right password", "an@example.vn", PASSWORD)):
        with _counting_scrypt(monkeypatch) as calls:
            status = client.post("/login", data={"email": email, "password": password}).status_code
        outcomes[case] = (status, calls)
        client.post("/logout")

    assert outcomes == {"unknown": (401, [(32768, 8, 1)]), "wrong password": (401, [(32768, 8, 1)]),
                        "right password": (302, [(32768, 8, 1)])}


def test_a_deactivated_account_costs_the_same_hash_and_gets_the_same_answer(client, db, monkeypatch):
    """Is a deactivated account's right password refused like a wrong one, after one scrypt?"""
    UserFactory(email="an@example.vn", active=False)

    with _counting_scrypt(monkeypatch) as calls:
        response = client.post("/login", data={"email": "an@example.vn", "password": PASSWORD})

    assert (response.status_code, calls) == (401, [(32768, 8, 1)])
    assert "Wrong e-mail or password." in response.get_data(as_text=True)


def test_signing_up_with_a_taken_address_looks_exactly_like_a_new_sign_up(client, db, monkeypatch):
    """Do a new and a taken address get the same status, redirect and page, each for one hash and one e-mail?"""
    owner = UserFactory(email="lan@example.vn", name="Lan", locale="en")
    before = (owner.name, owner.password_hash, owner.role, owner.session_version, owner.email_verified)

    answers = {}
    for email in ("mai@example.vn", "LAN@example.vn"):
        with _counting_scrypt(monkeypatch) as calls:
            response = client.post("/register", data={**SIGN_UP, "email": email})
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        # the CSP nonce is new on every page, whoever asks
        page = re.sub(r'nonce="[^"]+"', 'nonce="NONCE"', page.replace(email.lower(), "ADDRESS"))
        answers[email] = (response.status_code, response.headers["Location"], len(calls), page)

    assert answers["mai@example.vn"] == answers["LAN@example.vn"]
    assert answers["mai@example.vn"][:3] == (303, "/register/check-email", 1)
    assert "We sent you an e-mail to confirm your address." in answers["mai@example.vn"][3]
    assert db.session.query(User).count() == 2  # the owner and the new sign-up; nothing for the taken address
    db.session.refresh(owner)
    assert (owner.name, owner.password_hash, owner.role, owner.session_version, owner.email_verified) == before
    assert [len(mails_to("mai@example.vn")), len(mails_to("lan@example.vn"))] == [1, 1]


def test_the_owner_of_a_taken_address_is_told_in_their_language_with_a_login_link(client, db):
    """Is the owner e-mailed in their own language (not the visitor's) with a link to log in?"""
    UserFactory(email="lan@example.vn", name="Lan", locale="vi")

    client.post("/register", data={**SIGN_UP, "email": "lan@example.vn"})

    [mail] = mails_to("lan@example.vn")
    assert mail.subject == "Có người đã thử đăng ký bằng địa chỉ e-mail của bạn"
    assert link_in(mail, "/login") == "/login"
    assert "/verify-email/" not in mail.body  # a confirmed account gets no verification link


def test_a_new_sign_up_is_unverified_and_mailed_a_signed_link(client, db, app):
    """Does a new sign-up make an unverified account and e-mail a link signed with SECRET_KEY and its own salt?"""
    client.post("/register", data={**SIGN_UP, "email": "mai@example.vn"})

    user = db.session.query(User).filter_by(email="mai@example.vn").one()
    assert (user.email_verified, user.email_verified_at, user.role) == (False, None, Role.BUYER)
    [mail] = mails_to("mai@example.vn")
    assert mail.subject == "Confirm your e-mail address"  # the visitor's language, English here
    token = verification_link("mai@example.vn").removeprefix("/verify-email/")
    signed = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="email-verification")
    assert signed.loads(token, max_age=3 * 24 * 3600) == {"id": user.id, "email": "mai@example.vn"}
    assert app.config["EMAIL_VERIFICATION_MAX_AGE"] == 3 * 24 * 3600
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_the_link_verifies_the_address_and_logs_in_only_the_first_time(client, db, app):
    """Does the first opening of the link verify and log in, and a later one only send to the login page?"""
    client.post("/register", data={**SIGN_UP, "email": "mai@example.vn"})
    link = verification_link("mai@example.vn")

    first = client.get(link)

    user = db.session.query(User).filter_by(email="mai@example.vn").one()
    assert (first.status_code, first.headers["Location"]) == (302, "/")
    assert user.email_verified is True and user.email_verified_at is not None
    with client.session_transaction() as session:
        assert session["_user_id"] == user.get_id()
    g.pop("_login_user", None)  # the test's app context caches the user the first client logged in
    later = app.test_client().get(link)
    assert (later.status_code, later.headers["Location"]) == (302, "/login")
    with client.session_transaction() as session:
        assert session["_user_id"] == user.get_id()


def test_a_producer_who_confirms_is_sent_to_register_the_shop(client, db):
    """Does a producer's confirmed sign-up land on the shop registration form, as registering did before?"""
    client.post("/register", data={**SIGN_UP, "email": "xuong@example.vn", "role": "producer"})

    response = client.get(verification_link("xuong@example.vn"), follow_redirects=True)

    assert response.request.path == "/dashboard/producer/new"


def test_an_expired_link_gets_a_clear_page_and_a_new_link_on_request(client, db, monkeypatch):
    """Is a link older than EMAIL_VERIFICATION_MAX_AGE refused with a page to ask again, and does the new link work?"""
    user = UserFactory(email="mai@example.vn", email_verified=False, email_verified_at=None)
    issued = time.time() - 3 * 24 * 3600 - 5
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: issued)
        old_token = verification.verification_token(user)

    expired = client.get(f"/verify-email/{old_token}")

    page = expired.get_data(as_text=True)
    assert expired.status_code == 400
    assert "This link has expired. Ask for a new one below." in page
    assert 'action="/verify-email/resend"' in page and 'name="email"' in page
    db.session.refresh(user)
    assert user.email_verified is False
    resent = client.post("/verify-email/resend", data={"email": "mai@example.vn"})
    assert (resent.status_code, resent.headers["Location"]) == (303, "/login")
    assert client.get(verification_link("mai@example.vn")).status_code == 302
    db.session.refresh(user)
    assert user.email_verified is True


def test_a_tampered_link_is_refused_and_verifies_nothing(client, db):
    """Does a link with a changed token answer 400 with a clear message and leave the account unverified?"""
    client.post("/register", data={**SIGN_UP, "email": "mai@example.vn"})
    link = verification_link("mai@example.vn")
    tampered = link[:-3] + ("aaa" if not link.endswith("aaa") else "bbb")

    response = client.get(tampered)

    assert response.status_code == 400
    assert "This link is not valid." in response.get_data(as_text=True)
    assert db.session.query(User).filter_by(email="mai@example.vn").one().email_verified is False
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_asking_for_a_new_link_answers_alike_for_any_address(client, db):
    """Does the resend form answer the same for unknown, confirmed and unconfirmed addresses, mailing only the last?"""
    UserFactory(email="done@example.vn")
    UserFactory(email="waiting@example.vn", email_verified=False, email_verified_at=None)

    answers = {email: client.post("/verify-email/resend", data={"email": email})
               for email in ("nobody@example.vn", "done@example.vn", "waiting@example.vn")}

    assert {email: (r.status_code, r.headers["Location"]) for email, r in answers.items()} == {
        email: (303, "/login") for email in answers}
    assert [len(mails_to(email)) for email in answers] == [0, 0, 1]


def test_an_unverified_account_logs_in_and_fills_a_cart_but_cannot_order(client, db, login):
    """Can an unconfirmed buyer log in and add to the cart, while checkout answers 403 with a resend button?"""
    UserFactory(email="mai@example.vn", email_verified=False, email_verified_at=None)
    listing = ListingFactory(price_vnd=350000, stock=10)
    assert client.post("/login", data={"email": "mai@example.vn", "password": PASSWORD}).status_code == 302
    client.post("/cart/add", data={"listing_id": listing.id, "quantity": "2"})

    response = client.post("/checkout", data={**ADDRESS, "payment_method": "cod", "checkout_token": "tok-1"})

    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Confirm your e-mail address first: open the link we sent to mai@example.vn." in page
    assert 'action="/verify-email/resend"' in page and "Resend the e-mail" in page
    assert db.session.query(Order).count() == 0
    assert [(item.listing_id, item.quantity) for item in db.session.query(CartItem)] == [(listing.id, 2)]
    assert client.post("/verify-email/resend", data={"next": "/cart"}).headers["Location"] == "/cart"
    assert len(mails_to("mai@example.vn")) == 1


def test_an_unverified_importer_cannot_send_an_inquiry_by_form_or_api(client, db, login):
    """Does an unconfirmed importer get 403 (page and JSON) for an inquiry, and nothing is stored?"""
    world = ceramics_world()
    world.importer.email_verified = False
    db.session.commit()
    _row, token = accounts.create_api_token(world.importer, "ERP")
    body = {"description": "Blue glaze vases", "quantity": 3000, "unit": "piece", "target_price_vnd": 100_000,
            "destination_country": "DE", "incoterm": "FOB", "required_by": (date.today() + timedelta(days=90)).isoformat()}

    api = client.post("/api/v1/inquiries", json=body, headers={"Authorization": f"Bearer {token}"})
    login(world.importer)
    form = client.post("/dashboard/importer/inquiries/new", data={**body, "craft": "", "ocop_stars": "", "trademark": "",
                                                                 "reference_listing_ids": ""})

    message = f"Confirm your e-mail address first: open the link we sent to {world.importer.email}."
    assert (api.status_code, api.json) == (403, {"error": {"status": 403, "message": message}})
    assert form.status_code == 403 and message in form.get_data(as_text=True)
    assert db.session.query(Inquiry).count() == 0


def test_an_unverified_producer_cannot_quote(client, db, login):
    """Does an unconfirmed producer's quote on its own lead answer 403 and store nothing?"""
    world = ceramics_world()
    leads.run_matching(leads.create_inquiry(world.importer, {
        "description": "blue glaze vase", "quantity": "3000", "unit": "piece", "target_price_vnd": "100000",
        "destination_country": "DE", "incoterm": "FOB",
        "required_by": (date.today() + timedelta(days=90)).isoformat()}).id)
    owner = world.owners["an"]
    lead = db.session.query(Match).filter_by(producer_id=world.an.id).one()
    owner.email_verified = False
    db.session.commit()
    login(owner)

    response = client.post(f"/dashboard/producer/leads/{lead.id}", data={
        "unit_price_vnd": "95000", "quantity": "3000", "lead_time_days": "45",
        "valid_until": (date.today() + timedelta(days=30)).isoformat(), "message": "Có mẫu."})

    assert response.status_code == 403
    assert db.session.query(Quote).count() == 0


def test_accounts_made_directly_count_as_verified(app, db):
    """Are create-staff accounts (new or promoted) and the factories' users verified?"""
    staff = accounts.create_staff("staff@example.vn", "a long staff password")
    promoted = UserFactory(email="was-buyer@example.vn", email_verified=False, email_verified_at=None)
    accounts.create_staff("was-buyer@example.vn", "another long password")

    db.session.refresh(promoted)
    assert (staff.email_verified, promoted.email_verified, UserFactory().email_verified) == (True, True, True)
    assert check_password_hash(promoted.password_hash, "another long password")
    assert ProducerFactory().status == "approved"


@pytest.fixture
def empty_database(backend, tmp_path):
    """A database with no schema at all (SQLite file or a new PostgreSQL database), dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    name = f"lnm_migration_{uuid.uuid4().hex[:10]}"
    server = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def test_the_migration_counts_accounts_that_existed_before_it_as_verified(make_app, empty_database):
    """Does upgrading a database with accounts mark each of them verified, with a timestamp?"""
    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database)
    with app.app_context():
        upgrade(revision="0005")
        with sqla.engine.begin() as conn:
            conn.execute(text("INSERT INTO users (email, name, password_hash, role, locale, active, session_version) "
                              "VALUES ('old@example.vn', 'Old', '-', 'buyer', 'vi', :yes, 0)"), {"yes": True})

        upgrade()

        with sqla.engine.connect() as conn:
            rows = conn.execute(text("SELECT email, email_verified, email_verified_at IS NOT NULL FROM users")).all()
        sqla.engine.dispose()
    assert [tuple(row) for row in rows] == [("old@example.vn", True, True)]
