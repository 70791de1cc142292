"""After the sale: a buyer orders, the producer ships, they exchange messages, the buyer confirms receipt;
another buyer asks to return a product with a photo, the producer declines, staff decide.

Everyone reads English (each switches with the header's EN button). The live server here binds
127.0.0.1 on a port of 5150-5159, the ports this feature's work was given.
"""
import io
import re
import threading
from types import SimpleNamespace

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, TIMEOUT_MS, switch_to_english

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def server(make_app):
    """The app served from a thread on the first free port of 5150-5159."""
    from werkzeug.serving import make_server

    app = make_app(SERVER_NAME=None)
    for port in range(5150, 5160):
        try:
            httpd = make_server("127.0.0.1", port, app, threaded=True)
            break
        except OSError:
            continue
    else:
        pytest.fail("no free port in 5150-5159")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        httpd.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def shop(server):
    """A potter with a vase (350 000 ₫) and a bank account, two buyers, staff; the second buyer's order of
    two vases is already delivered (placed, shipped and confirmed through the services)."""
    from marketplace.accounts.models import Role
    from marketplace.orders import services as orders
    from tests.factories import ListingFactory, ProducerFactory, UserFactory
    from tests.order_helpers import place

    base, app = server
    with app.app_context():
        potter = UserFactory(email="minhhai@example.vn", name="Nguyễn Minh Hải", role=Role.PRODUCER, locale="en")
        minh_hai = ProducerFactory(slug="gom-minh-hai", name="Gốm Minh Hải", owner=potter, bank_name="Vietcombank",
                                   bank_account_number="0011001234567", bank_account_name="NGUYEN MINH HAI")
        vase = ListingFactory(producer=minh_hai, title_vi="Bình gốm men lam", title_en="Blue-glaze ceramic vase",
                              price_vnd=350_000, stock=12)
        an = UserFactory(email="an@example.vn", name="Phạm Văn An", role=Role.BUYER, locale="en")
        binh = UserFactory(email="binh@example.vn", name="Trần Thị Bình", role=Role.BUYER, locale="en")
        staff = UserFactory(email="staff@example.vn", name="Đỗ Thu Trang", role=Role.STAFF, locale="en")
        delivered = place(binh, (vase, 2))
        part = delivered.parts[0]
        orders.ship_part(potter, part.id, "GHN", "GHN2026120101")
        orders.confirm_receipt(binh, part.id)
        return SimpleNamespace(base=base, app=app, vase_id=vase.id, minh_hai_id=minh_hai.id, an=an.email,
                               binh=binh.email, potter=potter.email, staff=staff.email,
                               binh_order=delivered.id, binh_part=part.id)


def _log_in(browser, shop, email, viewport=DESKTOP):
    """A browser of its own (cookies) signed in as ``email``, in English."""
    from tests.factories import PASSWORD

    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    switch_to_english(page, shop.base + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome back")
    return context, page


def _both_widths(page, name):
    """Full-page screenshots of this person's page at 1280 and 390 px wide (test-artifacts/); the page
    must not scroll sideways on a phone."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(ARTIFACTS / f"{name}-1280.png"), full_page=True)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(ARTIFACTS / f"{name}-390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def _jpeg(path):
    image = Image.new("RGB", (800, 600), (200, 120, 60))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_buyer_orders_talks_to_the_producer_and_confirms_receipt(browser, shop):
    """Can a buyer order cash on delivery, see the shipment, write to the producer and read the answer,
    then confirm receipt, making the producer's earnings due?"""
    buyer, page = _log_in(browser, shop, shop.an)
    # given a buyer who orders a vase, cash on delivery
    page.goto(f"{shop.base}/products/{shop.vase_id}")
    page.get_by_test_id("add-to-cart").click()
    page.goto(shop.base + "/checkout")
    page.get_by_label("Recipient's full name", exact=True).fill("Phạm Văn An")
    page.get_by_label("Phone number", exact=True).fill("0912 345 678")
    page.get_by_label("Province or city", exact=True).select_option("Hà Nội")
    page.get_by_label("Ward or commune", exact=True).fill("Phường Hoàn Kiếm")
    page.get_by_label("House number and street", exact=True).fill("12 phố Hàng Bạc")
    page.get_by_label("Cash on delivery").check()
    page.get_by_test_id("place-order").click()
    expect(page).to_have_url(re.compile(r"/orders/\d+$"))
    order_url = page.url

    # when the potter ships it
    potter, producer_page = _log_in(browser, shop, shop.potter)
    producer_page.goto(f"{shop.base}/dashboard/producer/{shop.minh_hai_id}/orders")
    producer_page.get_by_role("table").get_by_role("link").first.click()
    part_url = producer_page.url
    producer_page.get_by_label("Carrier").select_option("Viettel Post")
    producer_page.get_by_label("Tracking number").fill("VTP123456789")
    producer_page.get_by_role("button", name="Mark as shipped").click()
    expect(producer_page.get_by_test_id("part-status")).to_have_text("Shipped")
    expect(producer_page.get_by_text("Mark as delivered")).to_have_count(0)  # the buyer confirms now

    # and the buyer writes to the potter from the order page
    page.goto(order_url)
    page.get_by_role("link", name="Messages with Gốm Minh Hải").click()
    expect(page.get_by_text("No messages yet")).to_be_visible()
    page.get_by_label("Your message").fill("Chào anh, bình có kịp tới trước thứ bảy không ạ?")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("status")).to_contain_text("Message sent.")

    # then the potter reads it and answers
    producer_page.goto(part_url)
    producer_page.get_by_role("link", name="Messages with the buyer").click()
    expect(producer_page.get_by_test_id("thread")).to_contain_text("bình có kịp tới trước thứ bảy")
    producer_page.get_by_label("Your message").fill("Chào anh An, hàng tới thứ sáu ạ. Bình được bọc ba lớp xốp.")
    producer_page.get_by_role("button", name="Send message").click()
    expect(producer_page.get_by_test_id("thread").locator("li")).to_have_count(2)

    page.reload()
    expect(page.get_by_test_id("thread").locator("li").last).to_contain_text("hàng tới thứ sáu")
    _both_widths(page, "aftercare-messages")

    # when the parcel arrives and the buyer confirms receipt
    page.goto(order_url)
    received = page.get_by_role("button", name=re.compile("I received this parcel and paid ₫380,000"))
    _both_widths(page, "aftercare-order-shipped")
    received.click()
    expect(page.get_by_role("status")).to_contain_text("the producer has been told that your parcel arrived")
    expect(page.get_by_test_id("part-status")).to_have_text("Delivered")

    # then the potter's earnings for it are due: 350 000 + 30 000 − 28 000 commission
    producer_page.goto(f"{shop.base}/dashboard/producer/{shop.minh_hai_id}/earnings")
    expect(producer_page.get_by_test_id("due")).to_have_text("₫1,026,000")  # and Bình's 674 000 from before
    potter.close()
    buyer.close()


def test_another_buyer_asks_for_a_return_and_staff_decide(browser, shop, tmp_path):
    """Can a buyer ask to return one of two delivered vases with a photo, the producer decline, the buyer
    escalate, and staff (reading the order's messages) accept a refund that the producer's earnings show?"""
    buyer, page = _log_in(browser, shop, shop.binh)
    # given a buyer whose two vases arrived, one of them cracked
    page.goto(f"{shop.base}/orders/{shop.binh_order}")
    page.get_by_role("link", name=re.compile("Return products or ask for a refund")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Return products from Gốm Minh Hải")
    page.get_by_role("button", name="Send the return request").click()  # nothing filled in
    expect(page.get_by_text("Say what is wrong with the products.")).to_be_visible()
    expect(page.locator(".form-errors")).to_contain_text("Choose how many of which product you want to return.")
    page.get_by_label(re.compile("Blue-glaze ceramic vase")).fill("1")
    page.get_by_label("What is wrong?").fill("Một bình bị nứt ở miệng khi mở hộp.")
    page.get_by_label("Photos (optional, up to 4)").set_input_files(str(_jpeg(tmp_path / "nut.jpg")))
    _both_widths(page, "aftercare-return-form")
    page.get_by_role("button", name="Send the return request").click()
    expect(page.get_by_role("status")).to_contain_text("Your return request is sent")
    expect(page.get_by_test_id("return-status")).to_have_text("Waiting for the producer")
    expect(page.get_by_role("img", name="Photo 1 from the buyer")).to_be_visible()
    return_url = page.url

    # when the potter declines it
    potter, producer_page = _log_in(browser, shop, shop.potter)
    producer_page.goto(return_url)
    _both_widths(producer_page, "aftercare-return-producer")
    producer_page.get_by_label("Reason for declining").fill("Ảnh chưa cho thấy vết nứt.")
    producer_page.get_by_role("button", name="Decline").click()
    expect(producer_page.get_by_test_id("return-status")).to_have_text("Declined by the producer")

    # and the buyer asks staff to decide
    page.reload()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ask our staff to decide").click()
    expect(page.get_by_test_id("return-status")).to_have_text("With staff")

    # then staff find it in their queue, read the order's messages, and accept a refund of 350 000 ₫
    staff, staff_page = _log_in(browser, shop, shop.staff)
    staff_page.goto(shop.base + "/staff/returns")
    expect(staff_page.get_by_test_id("returns")).to_contain_text(f"LN{shop.binh_order:06d}-{shop.minh_hai_id}")
    _both_widths(staff_page, "aftercare-staff-returns")
    staff_page.get_by_test_id("returns").get_by_role("link").first.click()
    staff_page.get_by_test_id("thread-link").click()
    expect(staff_page.get_by_text("Staff read this thread while a return of this order is with them")).to_be_visible()
    staff_page.go_back()
    staff_page.get_by_label("Refund (đồng)").fill("350000")
    staff_page.once("dialog", lambda dialog: dialog.accept())
    staff_page.get_by_role("button", name="Accept and refund").click()
    expect(staff_page.get_by_test_id("return-status")).to_have_text("Refund accepted")
    expect(staff_page.get_by_test_id("return-outcome")).to_contain_text("with a refund of ₫350,000")
    _both_widths(staff_page, "aftercare-return-decided")

    # and the potter's earnings lose the refund less its commission: 674 000 − (350 000 − 28 000)
    producer_page.goto(f"{shop.base}/dashboard/producer/{shop.minh_hai_id}/earnings")
    expect(producer_page.get_by_test_id("due")).to_have_text("₫352,000")
    expect(producer_page.get_by_test_id("adjustments")).to_contain_text("−₫322,000")
    _both_widths(producer_page, "aftercare-earnings")
    for context in (staff, potter, buyer):
        context.close()
