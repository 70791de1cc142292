"""The account page (issue 10 item 2): change the password (other sessions end), choose the language."""
import pytest
from flask import g

from marketplace.accounts import services as accounts
from marketplace.accounts.models import User
from marketplace.extensions import db as sqla
from marketplace.notifications.services import notify
from tests.factories import PASSWORD, UserFactory
from tests.mail_helpers import mails_to

NEW = "mái ngói rêu phong cổ kính"


def _fresh(user_id):
    sqla.session.expire_all()
    return sqla.session.get(User, user_id)


def _logged_in(app, email, password=PASSWORD, lang=None):
    """A new browser that logged in through the form (after choosing ``lang``, when given)."""
    g.pop("_login_user", None)
    browser = app.test_client()
    if lang:
        browser.post(f"/lang/{lang}")
    assert browser.post("/login", data={"email": email, "password": password}).status_code == 302
    return browser


def test_the_account_page_shows_the_language_password_data_and_delete(app, db):
    """Does /account (in the menu) show the language choice, the password change, the download and the delete link?"""
    UserFactory(email="lan@example.vn", locale="en")
    page = _logged_in(app, "lan@example.vn").get("/account").get_data(as_text=True)

    assert '<a href="/account">My account</a>' in page
    assert '<option selected value="en">English</option>' in page
    assert 'action="/account/password"' in page and 'name="current"' in page
    assert 'href="/account/export.json"' in page and 'href="/account/delete"' in page


def test_changing_the_password_ends_every_other_session_but_this_one(app, db):
    """After a change, does this browser stay logged in, the other browser get logged out, and only the new password work?"""
    user = UserFactory(email="lan@example.vn")
    here, elsewhere = _logged_in(app, "lan@example.vn", lang="en"), _logged_in(app, "lan@example.vn")

    response = here.post("/account/password", data={"current": PASSWORD, "password": NEW, "confirm": NEW})

    assert (response.status_code, response.headers["Location"]) == (303, "/account")
    g.pop("_login_user", None)
    page = here.get("/account")
    assert page.status_code == 200
    assert "Your password is changed. You are logged out everywhere else." in page.get_data(as_text=True)
    g.pop("_login_user", None)
    assert elsewhere.get("/account").status_code == 302
    assert _fresh(user.id).check_password(NEW) and not _fresh(user.id).check_password(PASSWORD)


def test_a_wrong_current_password_and_a_weak_new_one_are_named_at_once(app, db):
    """Does a wrong current password, a common new one and a wrong repeat each get their message (400), changing nothing?"""
    user = UserFactory(email="lan@example.vn")
    before = user.password_hash
    browser = _logged_in(app, "lan@example.vn", lang="en")

    response = browser.post("/account/password", data={"current": "not it", "password": "password1234",
                                                      "confirm": "something else"})

    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "That is not your current password." in page
    assert "This password is too easy to guess. It is a common password, word or name, or close to one." in page
    assert "The passwords do not match." in page
    assert "3 fields need your attention" in page
    assert _fresh(user.id).password_hash == before


def test_a_missing_current_password_is_required(app, db):
    """Is a change without the current password refused with "Give your current password." (400)?"""
    UserFactory(email="lan@example.vn")
    browser = _logged_in(app, "lan@example.vn", lang="en")

    response = browser.post("/account/password", data={"password": NEW, "confirm": NEW})

    assert response.status_code == 400
    assert "Give your current password." in response.get_data(as_text=True)


def test_the_language_chosen_on_the_account_page_is_used_for_pages_and_e_mails(app, db):
    """After choosing English on the account page, are pages English and a notification's e-mail English?"""
    user = UserFactory(email="lan@example.vn", locale="vi")
    browser = _logged_in(app, "lan@example.vn")

    response = browser.post("/account/language", data={"language": "en"})
    notify(_fresh(user.id), "producers.approved", {"name": "Gốm Lan"})
    sqla.session.commit()

    assert response.status_code == 303
    assert _fresh(user.id).locale == "en"
    assert [(m.subject, m.body) for m in mails_to("lan@example.vn")] == [
        ("Your shop is approved", "Gốm Lan is now visible to buyers.")]
    assert '<html lang="en">' in browser.get("/account").get_data(as_text=True)


def test_an_unknown_language_is_refused(app, db):
    """Is language "fr" a 400 naming the choice, with the account's language unchanged?"""
    user = UserFactory(email="lan@example.vn", locale="vi")
    browser = _logged_in(app, "lan@example.vn")

    response = browser.post("/account/language", data={"language": "fr"})

    assert response.status_code == 400
    assert "Hãy chọn tiếng Việt hoặc tiếng Anh." in response.get_data(as_text=True)
    assert _fresh(user.id).locale == "vi"


def test_the_language_chosen_before_login_is_kept_when_the_account_has_none(app, db):
    """Does an account with no language take the one switched to before logging in, and keep it on another device?"""
    user = UserFactory(email="lan@example.vn", locale=None)

    _logged_in(app, "lan@example.vn", lang="en")
    other_device = _logged_in(app, "lan@example.vn")

    assert _fresh(user.id).locale == "en"
    assert '<html lang="en">' in other_device.get("/account").get_data(as_text=True)


def test_an_accounts_language_wins_over_the_visitors_at_login(app, db):
    """Does an account that chose Vietnamese stay Vietnamese (pages too) when logging in from an English session?"""
    user = UserFactory(email="lan@example.vn", locale="vi")

    browser = _logged_in(app, "lan@example.vn", lang="en")

    assert _fresh(user.id).locale == "vi"
    assert '<html lang="vi">' in browser.get("/account").get_data(as_text=True)


def test_switching_language_while_logged_in_updates_the_account(app, db):
    """Does the header's language switch, used while logged in, change the account's language?"""
    user = UserFactory(email="lan@example.vn", locale="vi")
    browser = _logged_in(app, "lan@example.vn")

    browser.post("/lang/en")

    assert _fresh(user.id).locale == "en"


def test_sign_up_keeps_the_language_chosen_before(app, db):
    """Does a sign-up after switching to English make an English account, and one without a switch an account with none?"""
    english = app.test_client()
    english.post("/lang/en")
    for browser, email in ((english, "en@example.vn"), (app.test_client(), "none@example.vn")):
        browser.post("/register", data={"name": "Lan", "email": email, "password": NEW, "confirm": NEW})

    assert [sqla.session.query(User.locale).filter_by(email=email).scalar() for email in ("en@example.vn",
                                                                                            "none@example.vn")] \
        == ["en", None]
    assert mails_to("en@example.vn")[0].subject == "Confirm your e-mail address"
    assert mails_to("none@example.vn")[0].subject == "Xác nhận địa chỉ e-mail của bạn"


@pytest.mark.parametrize("path", ["/account", "/account/export.json", "/account/delete"])
def test_account_pages_need_a_login(client, db, path):
    """Does a visitor asking for an account page go to the login page?"""
    response = client.get(path)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_an_importer_without_a_language_gets_the_one_it_corresponds_in(app, db):
    """Does an importer who never chose a language get English from a German-and-English company profile
    (and Vietnamese when it corresponds in Vietnamese), so its e-mails are in a language it reads?"""
    english = UserFactory(email="buyer@import.de", role="importer", locale=None)
    vietnamese = UserFactory(email="mua@import.vn", role="importer", locale=None)
    chosen = UserFactory(email="kaeufer@import.de", role="importer", locale="vi")
    for user, languages in ((english, ["de", "en"]), (vietnamese, ["en", "vi"]), (chosen, ["de"])):
        accounts.save_importer_profile(user, {"company": "Import GmbH", "country": "DE", "languages": languages})

    assert [_fresh(user.id).locale for user in (english, vietnamese, chosen)] == ["en", "vi", "vi"]
