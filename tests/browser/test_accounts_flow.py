"""A person signs up, confirms the address from the e-mail, and accepts a producer's officer invitation."""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import switch_to_english
from tests.mail_helpers import link_in, mails_to, verification_link

pytestmark = pytest.mark.browser


def _log_out(page, base):
    page.locator("details.menu summary").click()
    page.get_by_role("button", name="Log out").click()
    switch_to_english(page, base + "/about")  # logging out forgets the language


def test_sign_up_confirm_and_accept_an_officer_invitation(in_english, log_in, site, shot):
    """Can a new buyer sign up, see the confirm banner, open the e-mailed link, then accept an invitation with consent?"""
    page = in_english
    page.goto(site.base + "/register")
    page.get_by_label("Your name").fill("Phạm Văn Hòa")
    page.get_by_label("E-mail").fill("hoa@htx.vn")
    page.locator("#password").fill("mật khẩu đủ dài")
    page.locator("#confirm").fill("mật khẩu đủ dài")
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    expect(page.get_by_text("We sent you an e-mail to confirm your address.")).to_be_visible()
    shot("accounts-check-email")
    with site.app.app_context():
        link = verification_link("hoa@htx.vn")
    page.goto(site.base + link)
    expect(page.get_by_role("status")).to_contain_text("Your e-mail address is confirmed. Welcome, Phạm Văn Hòa.")
    expect(page.get_by_test_id("verify-banner")).to_have_count(0)

    _log_out(page, site.base)
    owner = log_in(site.producer_user_email)
    owner.goto(site.base + "/dashboard/producer")
    owner.get_by_label("Officer's e-mail").fill("hoa@htx.vn")
    owner.get_by_role("button", name="Invite officer").click()
    expect(owner.get_by_role("status")).to_contain_text(
        "We sent an invitation to hoa@htx.vn. They can act for this producer once they accept it.")
    expect(owner.get_by_test_id("pending-invitations")).to_contain_text("hoa@htx.vn")
    shot("accounts-officer-invited")
    with site.app.app_context():
        invitation = link_in(mails_to("hoa@htx.vn")[-1], "/invitations/")

    _log_out(owner, site.base)
    page.goto(site.base + "/login")
    page.get_by_label("E-mail").fill("hoa@htx.vn")
    page.get_by_label("Password").fill("mật khẩu đủ dài")
    page.get_by_role("button", name="Log in").click()
    page.goto(site.base + invitation)
    expect(page.get_by_test_id("role-change")).to_contain_text("Accepting turns your buyer account into a producer account.")
    shot("accounts-invitation")
    page.get_by_role("button", name="Accept").click()

    expect(page.get_by_role("status")).to_contain_text("You can now act for Gốm Minh Hải.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gốm Minh Hải")
