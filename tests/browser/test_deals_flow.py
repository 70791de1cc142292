"""A wholesale deal in a browser: the importer accepts a consortium's quote, pays the deposit by bank
transfer (recorded by staff), each member marks a milestone, the PDFs download, the association
records the shipment and the balance falls due; and an association prices one member apart."""
import io
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import switch_to_english
from tests.deals_data import consortium_world, quoted

pytestmark = pytest.mark.browser


@pytest.fixture
def deal_site(live_server):
    """The app on 127.0.0.1 with the Bát Tràng consortium's quote waiting for the importer."""
    from marketplace.accounts.models import Role
    from tests.factories import UserFactory

    base, app = live_server
    with app.app_context():
        world = consortium_world()
        quote = quoted(world, world.admin)
        UserFactory(email="staff@langnghe.vn", role=Role.STAFF, locale="en")
        ids = {"inquiry": world.inquiry.id, "quote": quote.id,
               "members": [world.an.id, world.binh.id, world.cuc.id]}
    return base, ids


@pytest.fixture
def consortium_site(live_server):
    """The app on 127.0.0.1 with the Bát Tràng consortium proposed and not yet quoted."""
    base, app = live_server
    with app.app_context():
        world = consortium_world()
        ids = {"consortium": world.consortium.id, "inquiry": world.inquiry.id}
    return base, ids


def _log_in(page, base, email):
    from tests.factories import PASSWORD

    page.context.clear_cookies()
    switch_to_english(page, base + "/about")
    page.goto(base + "/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".flash, [role=status]").first).to_be_visible()


def _both_widths(page, shot, name):
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


def _pdf_text(page, link_name):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    with open(info.value.path(), "rb") as file:
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(file.read())).pages)


def test_a_consortium_quote_becomes_a_deal_paid_produced_documented_and_shipped(page, deal_site, shot):
    """Can the importer accept the consortium's quote, and the deal then go deposit → milestones →
    PDFs → shipment → balance due, each step by the person whose step it is?"""
    base, ids = deal_site
    _log_in(page, base, "achats@maison-lyon.fr")
    page.goto(f"{base}/dashboard/importer/inquiries/{ids['inquiry']}")
    card = page.locator(".quote-card")
    expect(card).to_contain_text("FOB Hai Phong")
    expect(card).to_contain_text("33 %")
    expect(card.get_by_test_id("quote-deposit")).to_contain_text("₫313,541,251")  # the deposit's money, with USD
    expect(card.get_by_test_id("quote-deposit")).to_contain_text("$12,344.14")
    page.once("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name="Accept this quote").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wholesale order WD000001")
    expect(page.get_by_test_id("deal-status")).to_have_text("Deposit due")
    expect(page.get_by_test_id("transfer-amount")).to_have_text("₫313,541,251")
    expect(page.get_by_test_id("payment-due")).to_contain_text("$12,344.14")
    expect(page.get_by_test_id("transfer-reference")).to_have_text("WD000001")
    expect(page.get_by_test_id("deal-total")).to_contain_text("₫950,125,003")
    _both_widths(page, shot, "deal-deposit-due")

    _log_in(page, base, "staff@langnghe.vn")
    page.goto(f"{base}/dashboard/deals/1")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Record the transfer").click()
    expect(page.get_by_test_id("deal-status")).to_have_text("In production")
    expect(page.get_by_test_id("payment-due")).to_have_count(0)

    for email, producer_id in zip(("an@example.vn", "binh@example.vn", "cuc@example.vn"), ids["members"], strict=True):
        _log_in(page, base, email)
        page.goto(f"{base}/dashboard/deals/1")
        member = page.get_by_test_id(f"member-{producer_id}")
        member.locator("button").first.click()
        expect(page.get_by_test_id(f"member-{producer_id}").locator("li.done")).to_have_count(1)
        # Only one's own line has buttons.
        others = [i for i in ids["members"] if i != producer_id]
        expect(page.get_by_test_id(f"member-{others[0]}").locator("button")).to_have_count(0)
    _both_widths(page, shot, "deal-member-milestones")

    _log_in(page, base, "achats@maison-lyon.fr")
    page.goto(f"{base}/dashboard/deals/1")
    expect(page.locator("li.done")).to_have_count(3)
    expect(page.locator("li.done").first).to_contain_text("Materials sourced")
    proforma = _pdf_text(page, "Pro-forma invoice (PDF)")
    assert "Pro-forma invoice WD000001" in proforma and "₫950,125,003" in proforma and "₫636,583,752" in proforma
    assert "Gốm Bình" in proforma and "Hiệp hội Gốm sứ Bát Tràng" in proforma
    packing = _pdf_text(page, "Packing list (PDF)")
    assert "Packing list WD000001" in packing and "10,001 piece" in packing

    _log_in(page, base, "hoi@battrang.vn")
    page.goto(f"{base}/dashboard/deals/1?lang=en")
    page.get_by_label("Carrier", exact=True).fill("Maersk")
    page.get_by_label("Carrier's reference (bill of lading, tracking)").fill("MAEU 2468 1357")
    page.get_by_label("Shipped on").fill(date.today().isoformat())
    page.get_by_role("button", name="Record the shipment").click()
    # The association admin reads Vietnamese (their account's language) once the form has posted.
    expect(page.get_by_test_id("shipment")).to_contain_text("Đã giao qua Maersk, mã MAEU 2468 1357")

    _log_in(page, base, "achats@maison-lyon.fr")
    page.goto(f"{base}/dashboard/deals/1")
    expect(page.get_by_test_id("deal-status")).to_have_text("Shipped, balance due")
    expect(page.get_by_test_id("transfer-amount")).to_have_text("₫636,583,752")
    _both_widths(page, shot, "deal-balance-due")
    page.goto(f"{base}/dashboard/deals")
    expect(page.locator("table")).to_contain_text("WD000001")
    _both_widths(page, shot, "deal-list")


def test_the_association_prices_one_member_apart_and_the_importer_compares_and_accepts_it(page, consortium_site, shot):
    """Can the association give Gốm Bình its own unit price in the quote form, and the importer then read each
    member's price, the total and the deposit on the quote, and find them on the deal?"""
    base, ids = consortium_site
    _log_in(page, base, "hoi@battrang.vn")
    page.goto(f"{base}/dashboard/association/leads/{ids['consortium']}?lang=en")
    prices = page.get_by_test_id("member-prices")
    expect(prices).to_contain_text("Gốm An")
    page.get_by_label("Unit price (₫)", exact=True).fill("110000")
    page.get_by_label("Quantity", exact=True).fill("1000")
    page.get_by_label("Lead time (days)").fill("60")
    page.get_by_label("Valid until").fill(date.fromordinal(date.today().toordinal() + 30).isoformat())
    page.get_by_label("Port of loading").fill("Hai Phong")
    page.get_by_label("Unit price for Gốm Bình").fill("120.000")  # Vietnamese thousands dots
    shot("quote-member-prices-form")
    page.get_by_role("button", name="Send quote").click()
    # After the post the admin reads Vietnamese, the account's language.
    expect(page.get_by_test_id("quote-total")).to_have_text("113.000.000 ₫")

    _log_in(page, base, "achats@maison-lyon.fr")
    page.goto(f"{base}/dashboard/importer/inquiries/{ids['inquiry']}")
    card = page.locator(".quote-card")
    expect(card.get_by_test_id("quote-price-range")).to_have_text("₫110,000 – ₫120,000")
    expect(card.get_by_test_id("quote-lines")).to_contain_text("300 × ₫120,000 (≈ $4.72) = ₫36,000,000")
    expect(card.get_by_test_id("quote-lines")).to_contain_text("500 × ₫110,000 (≈ $4.33) = ₫55,000,000")
    expect(card.get_by_test_id("quote-total")).to_contain_text("₫113,000,000")
    expect(card.get_by_test_id("quote-deposit")).to_contain_text("₫33,900,000")
    _both_widths(page, shot, "quote-member-prices")
    page.once("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name="Accept this quote").click()

    expect(page.get_by_test_id("deal-total")).to_contain_text("₫113,000,000")
    expect(page.get_by_test_id("transfer-amount")).to_have_text("₫33,900,000")
