"""A link from another site changes nothing: the language switch and "mark all read" are
CSRF-checked POSTs, and their pages' GETs only read (issue 13, item 10)."""
import re

from marketplace.accounts.models import User
from marketplace.extensions import db as database
from marketplace.notifications.models import Notification
from tests.factories import UserFactory


def _csrf_token(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _notes(db, user, count):
    for number in range(count):
        db.session.add(Notification(user_id=user.id, subject=f"Tin {number}", body=""))
    db.session.commit()


def _unread(db, user):
    db.session.expire_all()
    return db.session.query(Notification).filter_by(user_id=user.id, read=False).count()


def test_a_get_of_the_language_switch_changes_nothing(client, db, login):
    """Does GET /lang/en (a link or image on another site) answer 405, leaving the account's and session's language alone?"""
    user = UserFactory(locale="vi")
    login(user, lang="vi")
    response = client.get("/lang/en?next=/about")
    assert response.status_code == 405
    assert "Location" not in response.headers
    assert db.session.get(User, user.id).locale == "vi"
    with client.session_transaction() as session:
        assert session["lang"] == "vi"


def test_the_language_switch_posts_and_remembers_the_choice_for_the_account(client, db, login):
    """Does POST /lang/en set the session's and the signed-in account's language?"""
    user = UserFactory(locale="vi")
    login(user, lang="vi")
    response = client.post("/lang/en", data={"next": "/about"})
    assert (response.status_code, response.headers["Location"]) == (303, "/about")
    db.session.expire_all()
    assert db.session.get(User, user.id).locale == "en"
    with client.session_transaction() as session:
        assert session["lang"] == "en"


def test_the_language_switch_refuses_a_post_without_a_csrf_token(make_app):
    """With CSRF on (as in production), is a cross-site POST to /lang/en refused and the language kept?"""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        user = UserFactory(locale="vi")
        client = app.test_client()
        client.get("/")  # a session exists, as for any visitor
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
        response = client.post("/lang/en", data={"next": "/about"})
        assert response.status_code == 400
        assert database.session.get(User, user.id).locale == "vi"
        with client.session_transaction() as session:
            assert "lang" not in session


def test_the_header_switch_is_a_form_with_a_csrf_token_that_works(make_app):
    """With CSRF on, does the header's VI/EN form carry a token, the page's path, and switch the language when sent?"""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        client = app.test_client()
        html = client.get("/about?x=1").get_data(as_text=True)
        form = re.search(r'<form class="lang-switch" method="post".*?</form>', html, re.S).group(0)
        assert 'formaction="/lang/en"' in form and 'formaction="/lang/vi"' in form
        assert '<input type="hidden" name="next" value="/about?x=1">' in form
        response = client.post("/lang/en", data={"csrf_token": _csrf_token(form), "next": "/about?x=1"})
        assert (response.status_code, response.headers["Location"]) == (303, "/about?x=1")
        assert '<html lang="en">' in client.get("/about").get_data(as_text=True)


def test_reading_the_notifications_page_marks_nothing_read(client, db, login):
    """Does GET /notifications show the unread notifications and leave them unread, with a "Mark all as read" button?"""
    user = UserFactory()
    _notes(db, user, 2)
    login(user)
    html = client.get("/notifications").get_data(as_text=True)
    assert html.count('<li class="unread">') == 2
    assert "Mark all as read" in html
    client.get("/notifications")
    assert _unread(db, user) == 2


def test_mark_all_read_is_a_post_that_touches_only_the_users_own(client, db, login):
    """Does POST /notifications/read mark the user's notifications read, and nobody else's?"""
    user, other = UserFactory(), UserFactory()
    _notes(db, user, 3)
    _notes(db, other, 2)
    login(user)
    response = client.post("/notifications/read")
    assert (response.status_code, response.headers["Location"]) == (303, "/notifications")
    assert (_unread(db, user), _unread(db, other)) == (0, 2)
    html = client.get("/notifications").get_data(as_text=True)
    assert "All notifications marked as read." in html
    assert '<li class="unread">' not in html and "Mark all as read" not in html


def test_mark_all_read_refuses_a_post_without_a_csrf_token(make_app):
    """With CSRF on, is a cross-site POST to /notifications/read refused and everything left unread?"""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        user = UserFactory()
        _notes(database, user, 2)
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
        response = client.post("/notifications/read")
        assert response.status_code == 400
        assert _unread(database, user) == 2


def test_mark_all_read_needs_a_signed_in_user(client, db):
    """Does a visitor's POST /notifications/read go to the login page?"""
    response = client.post("/notifications/read")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
