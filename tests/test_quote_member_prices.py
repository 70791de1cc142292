"""Consortium members priced differently in one quote: the form's prices per member, what they add up
to on the quote and the deal (lines, deposit, pro-forma, notifications), and the mistakes refused.

The Bát Tràng consortium of ``tests.deals_data`` (shares 5,000 / 3,000 / 2,000) quotes 1,000 bowls at
110,000 ₫ with a 30 % deposit: Gốm An 500 at its own 100,000 ₫, Gốm Bình 300 at 120,000 ₫, Gốm Cúc 200
left blank, so at the quote's 110,000 ₫. Total 50,000,000 + 36,000,000 + 22,000,000 = 108,000,000 ₫,
deposit 32,400,000 ₫, balance 75,600,000 ₫.
"""
import io

from flask_babel import force_locale
from pypdf import PdfReader

from marketplace.accounts import services as accounts
from marketplace.deals.models import Deal
from marketplace.leads import services as leads
from marketplace.leads.errors import QuoteError
from marketplace.leads.models import LeadResponse, Quote, QuoteMemberPrice
from marketplace.notifications.models import Notification
from tests.deals_data import consortium_world, quote_data
from tests.mail_helpers import notes_of, read_as
from tests.order_helpers import client_for

TOTAL, DEPOSIT, BALANCE = 108_000_000, 32_400_000, 75_600_000


def _prices(world, an="100.000", binh="120000", cuc=""):
    """The form's member rows, as the consortium page posts them (lead first)."""
    rows = {}
    for index, (producer, price) in enumerate(((world.an, an), (world.binh, binh), (world.cuc, cuc))):
        rows[f"member_prices-{index}-producer_id"] = str(producer.id)
        rows[f"member_prices-{index}-unit_price_vnd"] = price
    return rows


def _post_quote(app, world, **prices):
    return client_for(app, world.admin).post(f"/dashboard/association/leads/{world.consortium.id}", data={
        **quote_data(unit_price_vnd="110000", quantity="1000", deposit_pct="30"), **_prices(world, **prices)})


def test_the_consortium_page_asks_each_member_with_a_share_for_its_own_price(db, app):
    """Does the quote form list every member with its share and an empty price box of its own?"""
    world = consortium_world()

    page = client_for(app, world.admin).get(f"/dashboard/association/leads/{world.consortium.id}").get_data(as_text=True)

    prices = page[page.index('data-testid="member-prices"'):page.index("</fieldset>", page.index('data-testid="member-prices"'))]
    assert "Leave a member's price empty to use the quote's unit price." in prices
    assert [name in prices for name in ("Gốm An", "Gốm Bình", "Gốm Cúc")] == [True, True, True]
    assert "<td data-label=\"Share\">5,000</td>" in prices and "<td data-label=\"Share\">2,000</td>" in prices
    for index, producer in enumerate((world.an, world.binh, world.cuc)):
        assert f'name="member_prices-{index}-producer_id" type="hidden" value="{producer.id}"' in prices
        assert f'name="member_prices-{index}-unit_price_vnd" placeholder="Quote\'s price" type="text" value=""' in prices


def test_members_priced_differently_add_up_on_the_quote_and_the_deal_to_the_dong(db, app):
    """Does each member's own price (or the quote's, left blank) make the quote's total, the importer's
    comparison (VND with USD), the deal's lines, deposit and pro-forma, and each member's notification?"""
    world = consortium_world()

    response = _post_quote(app, world)

    assert response.status_code == 302
    quote = db.session.query(Quote).one()
    assert [(row.producer_id, row.unit_price_vnd) for row in quote.member_prices] == [
        (world.an.id, 100_000), (world.binh.id, 120_000)]
    assert [(line.producer.name, line.quantity, line.unit_price_vnd, line.total_vnd) for line in quote.lines] == [
        ("Gốm An", 500, 100_000, 50_000_000), ("Gốm Bình", 300, 120_000, 36_000_000),
        ("Gốm Cúc", 200, 110_000, 22_000_000)]
    assert (quote.unit_price_vnd, quote.total_vnd, quote.price_range) == (110_000, TOTAL, (100_000, 120_000))
    assert read_as(notes_of(world.importer, "leads.quote_members")[0])[1] == (
        f"Hiệp hội Gốm sứ Bát Tràng quoted 1,000 for ₫108,000,000 (≈ $4,251.97) on inquiry #{world.inquiry.id}, "
        "each member at its own unit price (₫100,000 to ₫120,000).")
    importer = client_for(app, world.importer)
    card = importer.get(f"/dashboard/importer/inquiries/{world.inquiry.id}").get_data(as_text=True)
    assert '<p class="price-big flush" data-testid="quote-price-range">₫100,000 – ₫120,000</p>' in card
    assert '<dd data-testid="quote-total">₫108,000,000<br><span class="muted">≈ $4,251.97</span>' in card
    assert "<strong>Gốm Bình</strong> <span>300 × ₫120,000 <span class=\"muted\">(≈ $4.72)</span> = ₫36,000,000 " \
           "<span class=\"muted\">≈ $1,417.32</span>" in card
    assert "<strong>Gốm Cúc</strong> <span>200 × ₫110,000 <span class=\"muted\">(≈ $4.33)</span> = ₫22,000,000" in card
    assert "30 % · ₫32,400,000<br><span class=\"muted\">≈ $1,275.59</span>" in card
    mine = client_for(app, world.admin, lang="vi").get(f"/dashboard/association/leads/{world.consortium.id}").get_data(
        as_text=True)
    assert '<strong data-testid="quote-total">108.000.000 ₫</strong>' in mine
    assert "<strong>Gốm An</strong> <span>500 × 100.000 ₫ = 50.000.000 ₫</span>" in mine

    importer = client_for(app, world.importer)  # one client per person, made when it is used
    importer.post(f"/dashboard/importer/quotes/{quote.id}/accept")

    deal = db.session.query(Deal).one()
    assert [(line.producer.name, line.quantity, line.unit_price_vnd, line.total_vnd) for line in deal.lines] == [
        ("Gốm An", 500, 100_000, 50_000_000), ("Gốm Bình", 300, 120_000, 36_000_000),
        ("Gốm Cúc", 200, 110_000, 22_000_000)]
    assert (deal.total_vnd, deal.deposit_pct, deal.deposit_vnd, deal.balance_vnd) == (TOTAL, 30, DEPOSIT, BALANCE)
    assert read_as(notes_of(world.owners["binh"], "deals.member")[0])[1] == (
        f"The importer accepted the quote for inquiry #{world.inquiry.id}. Your part: 300 at ₫120,000 each "
        "(₫36,000,000). Production starts when the deposit is paid.")
    assert read_as(notes_of(world.owners["an"], "deals.member")[0], "vi")[1] == (
        f"Nhà nhập khẩu đã chấp nhận báo giá cho yêu cầu #{world.inquiry.id}. Phần của bạn: 500, đơn giá 100.000 ₫ "
        "(50.000.000 ₫). Bắt đầu sản xuất khi nhận được đặt cọc.")
    assert read_as(notes_of(world.admin, "leads.accepted_members")[0])[1] == (
        f"The importer accepted your quote for inquiry #{world.inquiry.id}: 1,000 for ₫108,000,000, each member at "
        "its own unit price (₫100,000 to ₫120,000). Reply in the lead's messages to arrange the contract.")
    invoice = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(
        importer.get(f"/dashboard/deals/{deal.id}/proforma.pdf").data)).pages).split())
    assert "Gốm An 500 ₫100,000 ≈ $3.94 ₫50,000,000 $1,968.50" in invoice
    assert "Gốm Bình 300 ₫120,000 ≈ $4.72 ₫36,000,000 $1,417.32" in invoice
    assert "Gốm Cúc 200 ₫110,000 ≈ $4.33 ₫22,000,000 $866.14" in invoice
    assert "Total ₫108,000,000 $4,251.97 Deposit (30%) ₫32,400,000 $1,275.59 Balance on shipment ₫75,600,000" in invoice


def test_bad_member_prices_are_all_named_and_nothing_is_saved(db, app):
    """Are a negative, a non-number and an absurd price each refused naming the member, all at once with 400,
    the typed values kept, and no quote, price, answer or notification saved?"""
    world = consortium_world()

    response = _post_quote(app, world, an="-5000", binh="12,5", cuc="3000000000")

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Unit price for Gốm An cannot be negative." in page
    assert "Unit price for Gốm Bình must be a whole number." in page
    assert "Unit price for Gốm Cúc must be between 1,000 and 2,000,000,000." in page
    assert 'name="member_prices-1-unit_price_vnd" placeholder="Quote\'s price" type="text" value="12,5"' in page
    assert db.session.query(Quote).count() == 0 and db.session.query(QuoteMemberPrice).count() == 0
    assert db.session.get(type(world.consortium), world.consortium.id).response == LeadResponse.OPEN
    assert db.session.query(Notification).filter_by(user_id=world.importer.id).count() == 0


def test_the_service_refuses_a_price_for_a_producer_without_a_share_or_twice_for_one_member(db, app):
    """Given as JSON rows, is a price for someone outside the consortium, or two for one member, named
    (with the other faults) under member_prices, and nothing saved?"""
    world = consortium_world()
    data = {**quote_data(unit_price_vnd="110000", quantity="1000"), "member_prices": [
        {"producer_id": world.an.id, "unit_price_vnd": 100_000}, {"producer_id": 999_999, "unit_price_vnd": 90_000},
        {"producer_id": world.binh.id, "unit_price_vnd": -1}, {"producer_id": world.an.id, "unit_price_vnd": 99_000}]}

    with app.test_request_context(), force_locale("en"):
        try:
            leads.submit_consortium_quote(accounts.find_by_email("hoi@battrang.vn"), world.consortium.id, data)
        except QuoteError as exc:
            errors = exc.errors
    assert errors == {"member_prices": ["Producer 999999 has no share in this consortium.",
                                        "Unit price for Gốm Bình cannot be negative.",
                                        "Gốm An has two unit prices; give one."]}
    db.session.rollback()
    assert db.session.query(Quote).count() == 0 and db.session.query(QuoteMemberPrice).count() == 0


def test_a_quote_without_member_prices_gives_every_member_the_quote_price(db, app):
    """Does a quote whose member prices are all left blank (as every quote before them) price each line
    at the quote's unit price, and tell the importer that one price, as before?"""
    world = consortium_world()

    _post_quote(app, world, an="", binh="", cuc="")

    quote = db.session.query(Quote).one()
    assert quote.member_prices == [] and quote.price_range == (110_000, 110_000)
    assert [(line.quantity, line.unit_price_vnd) for line in quote.lines] == [(500, 110_000), (300, 110_000), (200, 110_000)]
    assert quote.total_vnd == 110_000_000
    assert read_as(notes_of(world.importer, "leads.quote")[0])[1] == (
        f"Hiệp hội Gốm sứ Bát Tràng quoted ₫110,000 per unit for 1,000 on inquiry #{world.inquiry.id}.")
    client_for(app, world.importer).post(f"/dashboard/importer/quotes/{quote.id}/accept")
    deal = db.session.query(Deal).one()
    assert [line.unit_price_vnd for line in deal.lines] == [110_000] * 3 and deal.total_vnd == 110_000_000
    assert deal.deposit_vnd == 33_000_000


def test_the_api_shows_each_members_price_and_the_total_of_a_consortium_quote(db, app, client):
    """Does GET /api/v1/inquiries/<id> carry the quote's lines at each member's price and their total?"""
    world = consortium_world()
    _post_quote(app, world)
    _row, token = accounts.create_api_token(world.importer, "ERP")

    [quote] = client.get(f"/api/v1/inquiries/{world.inquiry.id}", headers={"Authorization": f"Bearer {token}"}).json["quotes"]

    assert (quote["unit_price_vnd"], quote["quantity"], quote["total_vnd"]) == (110_000, 1000, TOTAL)
    assert quote["lines"] == [
        {"producer": "Gốm An", "quantity": 500, "unit_price_vnd": 100_000, "unit_price_usd": 3.94, "total_vnd": 50_000_000},
        {"producer": "Gốm Bình", "quantity": 300, "unit_price_vnd": 120_000, "unit_price_usd": 4.72, "total_vnd": 36_000_000},
        {"producer": "Gốm Cúc", "quantity": 200, "unit_price_vnd": 110_000, "unit_price_usd": 4.33, "total_vnd": 22_000_000}]
