"""Password rules: 12 to 128 characters, not common, not repetitive, not the account's own
words, and the reason said in the reader's language (issue 13, item 11)."""
import pytest

from marketplace.accounts.models import Role, User
from tests.factories import UserFactory

TOO_EASY = "This password is too easy to guess."
ADVICE = "A few unrelated words make a password that is hard to guess and easy to remember."


def _register(client, password, **overrides):
    data = {"name": "Nguyễn Thị Lan", "email": "lan@example.vn", "password": password, "confirm": password,
            "role": "buyer", **overrides}
    return client.post("/register", data=data)


def _html_text(response):
    return response.get_data(as_text=True).replace("&#34;", '"').replace("&#39;", "'")


@pytest.mark.parametrize(("password", "reason"), [
    ("aaaaaaaaaaaa", "It repeats characters or words, like “aaaa” or “abcabc”."),
    ("abcabcabcabc", "It repeats characters or words, like “aaaa” or “abcabc”."),
    ("123456789012", "It is a common password, word or name, or close to one."),
    ("password1234", "It is a common password, word or name, or close to one."),
    ("abcdefghijkl", "It is a sequence, like “abcd” or “1234”."),
    ("qwertyuiop[]", "It is a pattern of neighbouring keys, like “qwerty”."),
    ("lan@example.vn", "It contains your name, your e-mail address or the site's name."),
    ("langnghe2026!", "It contains your name, your e-mail address or the site's name."),
])
def test_common_and_repetitive_passwords_are_refused_with_the_reason(english_client, db, password, reason):
    """Is each easily guessed password refused at registration (400), saying why, with no account made?"""
    response = _register(english_client, password)
    assert response.status_code == 400
    assert f"{TOO_EASY} {reason} {ADVICE}" in _html_text(response)
    assert db.session.query(User).count() == 0


def test_a_password_of_100000_characters_is_refused(english_client, db):
    """Is a 100,000-character password refused with the length bound, and no account made?"""
    response = _register(english_client, "correct horse battery " * 4546)
    assert response.status_code == 400
    assert "Use at most 128 characters." in response.get_data(as_text=True)
    assert db.session.query(User).count() == 0


def test_128_characters_are_accepted_and_129_refused(english_client, db):
    """Is the bound exactly 128 characters (a strong 128-character password works, one more does not)?"""
    long_enough = ("gốm men lam bên sông Hồng " * 6)[:128]
    assert len(long_enough) == 128
    too_long = _register(english_client, long_enough + "x", email="lan2@example.vn")
    assert too_long.status_code == 400 and "Use at most 128 characters." in too_long.get_data(as_text=True)
    assert _register(english_client, long_enough).status_code == 303  # to "check your e-mail"
    assert db.session.query(User).one().check_password(long_enough)


def test_a_few_unrelated_words_are_accepted(english_client, db):
    """Is a passphrase of a few ordinary words accepted?"""
    assert _register(english_client, "bình gốm lam bên sông").status_code == 303
    assert db.session.query(User).one().email == "lan@example.vn"


def test_the_reason_is_given_in_vietnamese_by_default(client, db):
    """Without a language chosen, is the refusal in Vietnamese?"""
    response = _register(client, "aaaaaaaaaaaa")
    assert response.status_code == 400
    assert ("Mật khẩu này quá dễ đoán. Mật khẩu lặp lại ký tự hoặc từ, như “aaaa” hay “abcabc”. "
            "Vài từ không liên quan đến nhau tạo thành mật khẩu khó đoán mà dễ nhớ.") in _html_text(response)


def test_every_problem_of_the_form_is_reported_at_once(english_client, db):
    """Does a weak password show its reason together with the other fields' messages in one answer?"""
    response = _register(english_client, "123456789012", email="not-an-email", confirm="something else")
    html = _html_text(response)
    assert response.status_code == 400
    for message in ("Invalid email address.", "The passwords do not match.", TOO_EASY):
        assert message in html


def test_create_staff_refuses_a_weak_password_with_the_reason(app, db):
    """Does `flask create-staff` refuse "aaaaaaaaaaaa" with the reason (Vietnamese, the default) and make no account?"""
    result = app.test_cli_runner().invoke(args=["create-staff", "--email", "a@b.vn", "--password", "aaaaaaaaaaaa"])
    assert result.exit_code != 0
    assert "Mật khẩu này quá dễ đoán." in result.output  # in the default language, Vietnamese
    assert db.session.query(User).count() == 0


def test_create_staff_does_not_promote_an_account_with_a_weak_password(app, db):
    """Does promoting an existing account with "123456789012" fail and leave its role and password as they were?"""
    user = UserFactory(email="lan@example.vn", role=Role.BUYER)
    result = app.test_cli_runner().invoke(args=["create-staff", "--email", "lan@example.vn", "--password", "123456789012"])
    assert result.exit_code != 0
    db.session.expire_all()
    assert db.session.get(User, user.id).role == Role.BUYER
    assert not db.session.get(User, user.id).check_password("123456789012")
