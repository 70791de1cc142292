"""Buying from two villages: cart, checkout (cash on delivery and bank transfer), shipping and payment.

The buyer uses the site in Vietnamese, its default; the producer and the staff member switch to
English. Words the buyer reads are looked up in the app's own catalogue, so the test keeps
passing once the new strings are translated.
"""
import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS, switch_to_english

pytestmark = pytest.mark.browser

SHIPPING = "30.000 ₫"


def _vi(app, msgid, **values):
    """What the app says for ``msgid`` in Vietnamese (the msgid itself while it is untranslated)."""
    from flask_babel import gettext

    with app.test_request_context("/?lang=vi"):
        return gettext(msgid, **values)


def _status_vi(app, code):
    from marketplace.core.templating import status_label

    with app.test_request_context("/?lang=vi"):
        return str(status_label(code, "part"))


@pytest.fixture
def shop(live_server):
    """Two approved producers in two villages, each with an owner and products in stock; a buyer; a staff member.

    Gốm Minh Hải (Bát Tràng): "Bình gốm men lam" 350 000 ₫ and "Bộ ấm chén men rạn" 420 000 ₫;
    Lụa Phúc Hà (Vạn Phúc): "Khăn lụa tơ tằm" 550 000 ₫. Shipping is 30 000 ₫ per producer.
    """
    from marketplace.accounts.models import Role
    from tests.factories import CraftFactory, ListingFactory, ProducerFactory, UserFactory, VillageFactory

    base, app = live_server
    with app.app_context():
        ceramics = CraftFactory(slug="gom-su", name_vi="Gốm sứ", name_en="Ceramics")
        silk = CraftFactory(slug="lua", name_vi="Lụa", name_en="Silk")
        bat_trang = VillageFactory(slug="bat-trang", name="Bát Tràng", district="Gia Lâm")
        van_phuc = VillageFactory(slug="van-phuc", name="Vạn Phúc", district="Hà Đông")
        potter = UserFactory(email="minhhai@example.vn", name="Nguyễn Minh Hải", role=Role.PRODUCER, locale="en")
        weaver = UserFactory(email="phucha@example.vn", name="Lê Thị Hà", role=Role.PRODUCER, locale="en")
        minh_hai = ProducerFactory(slug="gom-minh-hai", name="Gốm Minh Hải", village=bat_trang, owner=potter)
        phuc_ha = ProducerFactory(slug="lua-phuc-ha", name="Lụa Phúc Hà", village=van_phuc, owner=weaver)
        vase = ListingFactory(producer=minh_hai, craft=ceramics, title_vi="Bình gốm men lam",
                              title_en="Blue-glaze ceramic vase", price_vnd=350_000, stock=12)
        tea_set = ListingFactory(producer=minh_hai, craft=ceramics, title_vi="Bộ ấm chén men rạn",
                                 title_en="Crackle-glaze tea set", price_vnd=420_000, stock=4)
        scarf = ListingFactory(producer=phuc_ha, craft=silk, title_vi="Khăn lụa tơ tằm",
                               title_en="Mulberry silk scarf", price_vnd=550_000, stock=6)
        buyer = UserFactory(email="an@example.vn", name="Phạm Văn An", role=Role.BUYER)
        staff = UserFactory(email="staff@example.vn", name="Đỗ Thu Trang", role=Role.STAFF, locale="en")
        return SimpleNamespace(
            base=base, app=app, buyer_email=buyer.email, staff_email=staff.email, potter_email=potter.email,
            minh_hai_id=minh_hai.id, vase_id=vase.id, tea_set_id=tea_set.id, scarf_id=scarf.id,
        )


def _add_to_cart(page, shop, listing_id):
    page.goto(f"{shop.base}/products/{listing_id}")
    page.get_by_test_id("add-to-cart").click()
    expect(page.get_by_role("status")).to_contain_text(_vi(shop.app, "Added to your cart."))


def _log_in_vi(page, shop, email):
    """Sign in through the login form, in Vietnamese, from the page's own "Log in" link."""
    from tests.factories import PASSWORD

    page.get_by_role("link", name=_vi(shop.app, "Log in"), exact=True).click()
    page.get_by_label(_vi(shop.app, "E-mail")).fill(email)
    page.get_by_label(_vi(shop.app, "Password")).fill(PASSWORD)
    page.get_by_role("button", name=_vi(shop.app, "Log in")).click()
    expect(page.get_by_role("status")).to_contain_text(_vi(shop.app, "Welcome back, %(name)s.", name="Phạm Văn An"))


def _fill_address(page, shop, phone="0912 345 678"):
    vi = lambda msgid: _vi(shop.app, msgid)  # noqa: E731
    page.get_by_label(vi("Recipient's full name"), exact=True).fill("Phạm Văn An")
    page.get_by_label(vi("Phone number"), exact=True).fill(phone)
    page.get_by_label(vi("Province or city"), exact=True).select_option("Hà Nội")
    page.get_by_label(vi("Ward or commune"), exact=True).fill("Phường Hoàn Kiếm")
    page.get_by_label(vi("Village, hamlet or residential group (optional)"), exact=True).fill("Tổ dân phố 5")
    page.get_by_label(vi("House number and street"), exact=True).fill("12 phố Hàng Bạc")


def _check_out(page, shop, method_label, total):
    page.goto(shop.base + "/checkout")
    _fill_address(page, shop)
    page.get_by_label(method_label).check()
    place = page.get_by_test_id("place-order")
    expect(place).to_have_text(_vi(shop.app, "Place order · %(total)s", total=total))
    place.click()
    expect(page).to_have_url(re.compile(r"/orders/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def _part(page, producer_name):
    return page.locator("section.order-part").filter(has=page.get_by_role("heading", name=re.compile(producer_name)))


def _other_user(browser, shop, email):
    """A second browser (its own cookies) signed in as ``email``, in English."""
    from tests.factories import PASSWORD

    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    switch_to_english(page, shop.base + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome back")
    return context, page


def test_buyer_orders_from_two_villages_producer_ships_and_staff_records_the_transfer(page, browser, shop, shot):
    """Can a buyer fill a cart before logging in, pay one order cash on delivery and one by transfer,
    then see the producer's shipment and the staff's payment record on the order pages?"""
    app = shop.app
    # given a visitor (not logged in) who puts a product of each village in the cart
    _add_to_cart(page, shop, shop.vase_id)
    _add_to_cart(page, shop, shop.scarf_id)
    expect(page.get_by_test_id("cart-count")).to_have_text("2")
    page.goto(shop.base + "/cart")
    expect(page.locator("section.panel h2")).to_have_text([re.compile("^Gốm Minh Hải"), re.compile("^Lụa Phúc Hà")])
    expect(page.get_by_test_id("cart-total")).to_have_text("960.000 ₫")

    # when they log in, the cart comes along
    _log_in_vi(page, shop, shop.buyer_email)
    page.goto(shop.base + "/cart")
    expect(page.get_by_test_id("cart-total")).to_have_text("960.000 ₫")

    # and they check out paying cash on delivery: 350 000 + 550 000 + 2 × 30 000
    cod_id = _check_out(page, shop, _vi(app, "Cash on delivery"), "960.000 ₫")
    expect(page.get_by_role("status")).to_contain_text(
        _vi(app, "Thank you! Your order %(ref)s is placed.", ref=f"LN{cod_id:06d}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(_vi(app, "Order %(ref)s", ref=f"LN{cod_id:06d}"))
    expect(page.locator(".dash-head strong")).to_have_text("960.000 ₫")
    for producer in ("Gốm Minh Hải", "Lụa Phúc Hà"):
        expect(_part(page, producer).get_by_test_id("part-status")).to_have_text(_status_vi(app, "confirmed"))
    expect(page.get_by_test_id("cart-count")).to_have_count(0)

    # then they order the tea set and pay by bank transfer: 420 000 + 30 000
    _add_to_cart(page, shop, shop.tea_set_id)
    transfer_id = _check_out(page, shop, _vi(app, "Bank transfer (VietQR)"), "450.000 ₫")
    reference = f"LN{transfer_id:06d}"
    assert re.fullmatch(r"LN\d{6}", reference)
    expect(page.get_by_test_id("transfer-amount")).to_have_text("450.000 ₫")
    expect(page.get_by_test_id("transfer-reference")).to_have_text(reference)
    qr = page.get_by_role("img", name=_vi(app, "VietQR code for paying order %(ref)s", ref=reference))
    expect(qr.locator("svg")).to_be_visible()
    expect(_part(page, "Gốm Minh Hải").get_by_test_id("part-status")).to_have_text(_status_vi(app, "awaiting_payment"))
    shot("orders-transfer-qr")

    # when the potter opens its queue and records the shipment of the cash-on-delivery part
    potter, producer_page = _other_user(browser, shop, shop.potter_email)
    producer_page.goto(f"{shop.base}/dashboard/producer/{shop.minh_hai_id}/orders")
    queue = producer_page.get_by_role("table")
    expect(queue.get_by_role("link")).to_have_text([f"{reference}-{shop.minh_hai_id}", f"LN{cod_id:06d}-{shop.minh_hai_id}"])
    queue.get_by_role("link", name=f"LN{cod_id:06d}-{shop.minh_hai_id}").click()
    producer_page.get_by_label("Carrier").select_option("Viettel Post")
    producer_page.get_by_label("Tracking number").fill("VTP123456789")
    producer_page.get_by_role("button", name="Mark as shipped").click()
    expect(producer_page.get_by_role("status")).to_contain_text("Shipment recorded; the buyer has been told.")
    expect(producer_page.get_by_test_id("part-status")).to_have_text("Shipped")
    potter.close()

    # then the buyer sees that part shipped, with its tracking number, and the other still confirmed
    page.goto(f"{shop.base}/orders/{cod_id}")
    shipped = _part(page, "Gốm Minh Hải")
    expect(shipped.get_by_test_id("part-status")).to_have_text(_status_vi(app, "shipped"))
    expect(shipped).to_contain_text(_vi(app, "Shipped with %(carrier)s, tracking number %(tracking)s.",
                                        carrier="Viettel Post", tracking="VTP123456789"))
    expect(_part(page, "Lụa Phúc Hà").get_by_test_id("part-status")).to_have_text(_status_vi(app, "confirmed"))
    shot("orders-cod-one-part-shipped")

    # when staff marks the transfer as received
    staff, staff_page = _other_user(browser, shop, shop.staff_email)
    staff_page.goto(shop.base + "/staff/payments")
    row = staff_page.get_by_role("row").filter(has=staff_page.get_by_role("link", name=reference))
    expect(row).to_contain_text("₫450,000")  # staff read English
    staff_page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Mark as paid").click()
    expect(staff_page.get_by_role("status")).to_contain_text(f"Order {reference} is marked as paid.")
    staff.close()

    # then the buyer's transfer order is paid, and no longer asks for a transfer
    page.goto(f"{shop.base}/orders/{transfer_id}")
    expect(_part(page, "Gốm Minh Hải").get_by_test_id("part-status")).to_have_text(_status_vi(app, "paid"))
    expect(page.get_by_test_id("transfer-amount")).to_have_count(0)


def _page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_cart_and_checkout_fit_a_phone(page, shop, shot):
    """On a 390×844 phone, do the cart (two producers) and the checkout form scroll only vertically?"""
    page.set_viewport_size({"width": 390, "height": 844})
    _add_to_cart(page, shop, shop.vase_id)
    _add_to_cart(page, shop, shop.scarf_id)
    page.goto(shop.base + "/cart")
    expect(page.get_by_test_id("cart-total")).to_have_text("960.000 ₫")
    assert _page_width(page) <= 390
    shot("mobile-cart")

    _log_in_vi(page, shop, shop.buyer_email)
    page.goto(shop.base + "/checkout")
    _fill_address(page, shop, phone="12345")
    page.get_by_test_id("place-order").click()

    phone = page.get_by_label(_vi(shop.app, "Phone number"), exact=True)
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".field.has-error")).to_contain_text(
        _vi(shop.app, "Give a Vietnamese phone number, e.g. 0912 345 678."))
    assert _page_width(page) <= 390
    shot("mobile-checkout-error")
