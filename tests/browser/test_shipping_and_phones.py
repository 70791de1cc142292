"""Shipping priced by zone and weight (Hà Nội against Hồ Chí Minh City), the address book, the
VietQR page's copy buttons and saved image, and every main page on a 390 px phone in both languages."""
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BUYER = "an@example.vn"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def make_app(make_app):
    """The zone and weight fee table (data/rates.json), not the flat fee other browser tests use."""

    def factory(**overrides):
        return make_app(**{"SHIPPING_FEE_VND": None, **overrides})

    return factory


@pytest.fixture
def buyer(site):
    """A buyer; the Bát Tràng vase weighs 400 g packed (village commune: Bát Tràng)."""
    from marketplace.catalog.models import Listing
    from marketplace.extensions import db
    from marketplace.villages.models import Village
    from tests.factories import UserFactory

    with site.app.app_context():
        UserFactory(email=BUYER, name="Phạm Văn An", locale="en")
        db.session.get(Listing, site.vase_id).weight_grams = 400
        db.session.query(Village).filter_by(slug="bat-trang").one().commune = "Bát Tràng"
        db.session.commit()
    return BUYER


def _width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def _both_widths(page, shot, name):
    """Screenshots at 1280 and 390 px; at 390 the page must not scroll sideways."""
    page.set_viewport_size(DESKTOP)
    shot(f"{name}-1280")
    page.set_viewport_size(PHONE)
    assert _width(page) <= 390, name
    shot(f"{name}-390")
    page.set_viewport_size(DESKTOP)


def _ship_to(page, province, commune):
    form = page.locator("form.ship-to")
    form.get_by_label("Province or city", exact=True).select_option(province)
    form.get_by_label("Ward or commune", exact=True).fill(commune)
    form.get_by_role("button", name="Show shipping").click()


def _address(page, province, commune, street):
    page.get_by_label("Recipient's full name", exact=True).fill("Phạm Văn An")
    page.get_by_label("Phone number", exact=True).fill("0912 345 678")
    page.get_by_label("Province or city", exact=True).select_option(province)
    page.get_by_label("Ward or commune", exact=True).fill(commune)
    page.get_by_label("House number and street", exact=True).fill(street)


def test_shipping_to_hanoi_and_to_ho_chi_minh_city_differs_in_the_cart_and_on_the_order(log_in, site, buyer, shot):
    """Two 400 g vases (800 g) from Bát Tràng: 25.000 ₫ to inner Hà Nội, 45.000 ₫ to Hồ Chí Minh City?"""
    page = log_in(buyer)
    page.goto(f"{site.base}/products/{site.vase_id}")
    page.get_by_label("Quantity").fill("2")
    page.get_by_test_id("add-to-cart").click()
    page.goto(site.base + "/cart")
    expect(page.get_by_test_id("parcel-shipping")).to_have_text("from ₫18,000")  # same commune, up to 1 kg

    _ship_to(page, "Hà Nội", "Phường Hoàn Kiếm")
    expect(page.get_by_test_id("parcel-shipping")).to_have_text("₫25,000")
    expect(page.get_by_test_id("cart-total")).to_have_text("₫725,000")
    _ship_to(page, "Hồ Chí Minh", "Sài Gòn")
    expect(page.get_by_test_id("parcel-shipping")).to_have_text("₫45,000")
    expect(page.get_by_test_id("cart-total")).to_have_text("₫745,000")
    _both_widths(page, shot, "shipping-cart")

    page.get_by_role("link", name="Check out").click()
    _address(page, "Hồ Chí Minh", "Sài Gòn", "12 Lê Lợi")
    page.get_by_label("Save this address in my address book").check()
    page.get_by_role("button", name="Update shipping for this address").click()
    expect(page.get_by_test_id("parcel-shipping")).to_have_text("₫45,000")
    expect(page.get_by_test_id("place-order")).to_contain_text("₫745,000")
    _both_widths(page, shot, "shipping-checkout")
    page.get_by_label("Bank transfer").check()
    page.get_by_test_id("place-order").click()

    expect(page.get_by_test_id("part-shipping")).to_have_text("₫45,000")
    expect(page.get_by_test_id("transfer-amount")).to_have_text("₫745,000")
    expect(page.get_by_test_id("save-qr")).to_have_attribute("download", "vietqr-LN000001.png")
    copy_amount = page.get_by_role("button", name="Copy · Copy the amount")
    expect(copy_amount).to_be_visible()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    copy_amount.click()
    assert page.evaluate("navigator.clipboard.readText()") == "745000"
    with page.expect_download() as download:
        page.get_by_test_id("save-qr").click()
    assert download.value.suggested_filename == "vietqr-LN000001.png"
    assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    _both_widths(page, shot, "shipping-order-vietqr")

    # The second order: checkout pre-fills the saved (Hồ Chí Minh) address; the buyer changes it to Hà Nội.
    page.goto(f"{site.base}/products/{site.vase_id}")
    page.get_by_label("Quantity").fill("2")
    page.get_by_test_id("add-to-cart").click()
    page.goto(site.base + "/checkout")
    expect(page.get_by_label("House number and street", exact=True)).to_have_value("12 Lê Lợi")
    expect(page.get_by_test_id("parcel-shipping")).to_have_text("₫45,000")
    _address(page, "Hà Nội", "Phường Hoàn Kiếm", "8 Hàng Bạc")
    page.get_by_test_id("place-order").click()  # priced for Hồ Chí Minh City: stopped, the new total shown
    expect(page.locator(".form-errors, [role=alert]").first).to_contain_text(
        "Shipping to this address comes to ₫25,000: check the new total, ₫725,000, and place the order again.")
    page.get_by_test_id("place-order").click()

    expect(page.get_by_test_id("part-shipping")).to_have_text("₫25,000")
    expect(page.get_by_role("heading", level=1)).to_contain_text("LN000002")

    page.goto(site.base + "/account/addresses")
    expect(page.get_by_test_id("address-book")).to_contain_text("12 Lê Lợi, Sài Gòn, Hồ Chí Minh")
    _both_widths(page, shot, "shipping-address-book")


def test_staff_see_the_fee_table(log_in, site, shot):
    """Does /staff/shipping show the five zones' fees as the data file gives them?"""
    from marketplace.accounts.models import Role
    from tests.factories import UserFactory

    with site.app.app_context():
        UserFactory(email="staff@example.vn", name="Nhân viên Hà", role=Role.STAFF)
    page = log_in("staff@example.vn")
    page.goto(site.base + "/staff/shipping")
    expect(page.get_by_label("Southern provinces, up to 0.5 kg")).to_have_value("38000")
    _both_widths(page, shot, "shipping-staff-table")


PUBLIC = ("/", "/products", "/products/{vase}", "/villages/bat-trang", "/trademarks/gom-su-bat-trang",
          "/verify/{code}", "/cart", "/login", "/register")
SIGNED_IN = ("/checkout", "/account", "/account/addresses", "/dashboard/producer")


def _in(app, lang, msgid):
    from flask_babel import gettext

    with app.test_request_context(f"/?lang={lang}"):
        return gettext(msgid)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_main_page_fits_a_phone_and_the_menu_reaches_everything(page, site, lang, shot):
    """At 390 px, in each language: no page scrolls sideways, and the menu opens to show Register?"""
    from tests.factories import PASSWORD

    page.set_viewport_size(PHONE)
    page.goto(f"{site.base}/about?lang={lang}")
    page.locator("form.lang-switch").get_by_role("button", name=lang.upper()).click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    menu = page.get_by_role("button", name=_in(site.app, lang, "Menu"))
    for path in PUBLIC:
        page.goto(site.base + path.format(vase=site.vase_id, code=site.code))
        assert _width(page) <= 390, path
        expect(menu).to_have_attribute("aria-expanded", "false")
        menu.click()
        nav = page.get_by_role("navigation", name=_in(site.app, lang, "Main"))
        expect(nav.get_by_role("link", name=_in(site.app, lang, "Register"), exact=True)).to_be_visible()
        expect(nav.get_by_role("link", name=_in(site.app, lang, "Verify a product"))).to_be_visible()
        assert _width(page) <= 390, path
        shot(f"phone-{lang}-{path.strip('/').split('/')[0] or 'home'}{'-one' if path.count('/') > 1 else ''}")

    page.goto(f"{site.base}/products/{site.vase_id}")
    page.get_by_test_id("add-to-cart").click()
    page.goto(site.base + "/login")
    page.locator("input[type=email]").fill(site.producer_user_email)
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    for path in SIGNED_IN:
        page.goto(site.base + path)
        expect(page.locator("html")).to_have_attribute("lang", lang)
        assert _width(page) <= 390, path
        shot(f"phone-{lang}-{path.strip('/').replace('/', '-')}")
