"""A locked-out user resets the password from the e-mailed link, logs in, and finds the account page."""
import pytest
from playwright.sync_api import expect

from tests.mail_helpers import reset_link

pytestmark = pytest.mark.browser

NEW = "mái ngói rêu phong cổ kính"


def test_forgot_password_email_link_new_password_then_login(in_english, site, shot):
    """Can a producer who forgot the password ask for a link, open it from the e-mail, choose a new
    password, log in with it, and see the account page with the language and password forms?"""
    page = in_english
    page.goto(site.base + "/login")
    page.get_by_role("link", name="Forgot password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgot your password?")
    page.get_by_label("E-mail").fill(site.producer_user_email)
    shot("accounts-forgot-password")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("status")).to_contain_text(
        "If an account exists for that address, we sent a link to choose a new password. It is valid for 1 hour.")

    with site.app.app_context():
        link = reset_link(site.producer_user_email)
    page.goto(site.base + link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    page.get_by_label("New password", exact=True).fill("password1234")
    page.get_by_label("Repeat the new password").fill("password1234")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.locator(".error").first).to_contain_text("This password is too easy to guess.")
    shot("accounts-reset-weak")
    page.get_by_label("New password", exact=True).fill(NEW)
    page.get_by_label("Repeat the new password").fill(NEW)
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("status")).to_contain_text("Your password is changed")
    shot("accounts-reset-done")

    page.get_by_label("E-mail").fill(site.producer_user_email)
    page.get_by_label("Password").fill(NEW)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("status").filter(has_text="Welcome back")).to_be_visible()

    page.locator("details.menu summary").click()
    page.get_by_role("link", name="My account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    expect(page.get_by_label("Language for pages and e-mails")).to_have_value("en")
    shot("accounts-account-page")
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_test_id("what-happens")).to_contain_text("This cannot be undone.")
    shot("accounts-delete-page")

    page.goto(site.base + link)  # the link worked once
    expect(page.get_by_role("alert")).to_contain_text("This link is not valid, or it was already used.")
