"""A product's collective mark: its badge, code and QR code, the public check, and suspension."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def _certificate(page):
    return page.locator("section.certificate")


def test_mark_is_shown_verified_and_withdrawn_after_suspension(log_in, site, shot):
    """Does a marked product show its badge, code and QR code, verify as valid, and stop carrying the mark once the association suspends the producer?"""
    page = log_in(site.admin_email)
    product_url = f"{site.base}/products/{site.vase_id}"
    page.goto(product_url)
    info = page.locator(".product-info")
    expect(info.get_by_role("link", name="Bát Tràng Ceramics")).to_have_attribute("href", "/trademarks/gom-su-bat-trang")
    certificate = _certificate(page)
    expect(certificate).to_have_count(1)
    expect(certificate.get_by_role("heading", name="Bát Tràng Ceramics")).to_be_visible()
    expect(certificate).to_contain_text("Genuine collective trademark")
    expect(certificate.locator(".code-pill")).to_have_text(site.code)
    qr = certificate.get_by_role("img", name=f"QR code linking to the verification page for {site.code}")
    expect(qr.locator("svg")).to_be_visible()
    assert qr.locator("svg").bounding_box()["width"] >= 100

    certificate.get_by_role("link", name=f"Verify at /verify/{site.code}").click()
    verify_url = f"{site.base}/verify/{site.code}"
    expect(page).to_have_url(verify_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Genuine: this product may carry the mark")
    details = page.locator("dl.kv")
    expect(details.locator("dt")).to_have_text(["Product", "Producer", "Village", "Mark", "Association", "Right granted"])
    expect(details.locator("dd").nth(0)).to_have_text("Blue-glaze ceramic vase")
    expect(details.locator("dd").nth(1)).to_have_text("Gốm Minh Hải")
    expect(details.locator("dd").nth(2)).to_have_text("Bát Tràng, Gia Lâm")
    expect(details.locator("dd").nth(3)).to_have_text("Bát Tràng Ceramics")
    expect(details.locator("dd").nth(4)).to_have_text("Hiệp hội Gốm sứ Bát Tràng")
    shot("mark-verify-valid")

    page.goto(site.base + "/dashboard/association")
    page.get_by_role("link", name="Gốm Minh Hải").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gốm Minh Hải")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Suspend").click()
    expect(page.get_by_role("status")).to_contain_text("Decision recorded.")
    expect(page.get_by_role("button", name="Reinstate")).to_be_visible()

    response = page.goto(verify_url)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Not valid today")
    verdict = page.get_by_role("alert")
    expect(verdict).to_contain_text("The association has suspended this producer's membership of Bát Tràng Ceramics.")
    expect(verdict.locator(".badge")).to_have_text("Suspended")
    shot("mark-verify-suspended")

    page.goto(product_url)
    expect(page.locator(".product-info").get_by_role("heading", level=1)).to_have_text("Blue-glaze ceramic vase")
    expect(page.locator(".product-info .mark-badge")).to_have_count(0)
    expect(_certificate(page)).to_have_count(0)
    expect(page.get_by_text(site.code)).to_have_count(0)
    shot("mark-product-after-suspension")


def test_unknown_verification_code_says_so(in_english, site, shot):
    """Does /verify/NOPE234567 answer 404 with a clear "we do not know this code"?"""
    page = in_english

    response = page.goto(site.base + "/verify/NOPE234567")

    assert response.status == 404
    verdict = page.get_by_role("alert")
    expect(verdict.get_by_role("heading", level=1)).to_have_text("We do not know this code")
    expect(verdict).to_contain_text("No product has the verification code below.")
    expect(verdict.locator(".code-pill")).to_have_text("NOPE234567")
    expect(page.get_by_label("Verification code")).to_have_value("NOPE234567")
    shot("mark-verify-unknown")
