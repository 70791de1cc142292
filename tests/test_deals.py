"""From an accepted quote to a wholesale deal: the deal's lines and deposit, both payments (bank
transfer recorded by staff, card through localstripe), members' ledger shares to the đồng,
milestones, shipment, the PDFs, and who may do what."""
import io
from datetime import date

import pytest
from pypdf import PdfReader

from marketplace.accounts.models import Role
from marketplace.core.shares import split
from marketplace.deals import money
from marketplace.deals.models import Deal, DealMilestone, DealPayout, DealStatus
from marketplace.leads.models import Inquiry, InquiryStatus, Quote, QuoteStatus
from marketplace.notifications.models import OutboxMessage
from tests.deals_data import BALANCE, DEPOSIT, LINES, TOTAL, consortium_world, quote_data, quoted
from tests.factories import UserFactory
from tests.mail_helpers import notes_of, read_as
from tests.order_helpers import client_for


def _deal(db):
    db.session.expire_all()
    return db.session.query(Deal).one()


def _pdf_text(body):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_shares_always_add_up_and_the_remainder_goes_to_the_largest_fraction():
    """Do members' shares add up to the amount exactly, with the leftover đồng placed the same way every time?"""
    assert split(313_541_251, [475_110_003, 285_009_000, 190_006_000]) == [156_786_301, 94_052_970, 62_701_980]
    assert split(100, [1, 1, 1]) == [34, 33, 33]  # a tie goes to the lead (first) member
    assert split(7, [0, 0]) == [7, 0]
    assert money.deposit_of(TOTAL, 33) == DEPOSIT and money.deposit_of(101, 50) == 51
    assert money.commission_of(156_786_301, 800) == 12_542_904
    assert split(10_001, [5000, 3000, 2000]) == [5001, 3000, 2000]  # a consortium quote's quantities


def test_the_association_quotes_with_terms_and_accepting_opens_the_deal_once(db, app):
    """Does the consortium quote carry Incoterm, port and deposit, and accepting it (twice) open one deal
    with each member's line, every member told, and the French importer told in English with USD?"""
    world = consortium_world()
    response = client_for(app, world.admin).post(f"/dashboard/association/leads/{world.consortium.id}", data=quote_data())
    assert response.status_code == 302
    quote = db.session.query(Quote).one()
    assert (quote.incoterm, quote.port, quote.deposit_pct, quote.total_vnd) == ("FOB", "Hai Phong", 33, TOTAL)

    first = client_for(app, world.importer).post(f"/dashboard/importer/quotes/{quote.id}/accept")
    again = client_for(app, world.importer).post(f"/dashboard/importer/quotes/{quote.id}/accept")

    deal = _deal(db)
    assert first.headers["Location"].endswith(f"/dashboard/deals/{deal.id}")
    assert again.status_code == 302 and db.session.query(Deal).count() == 1
    assert (deal.status, deal.incoterm, deal.port, deal.total_vnd, deal.deposit_vnd, deal.balance_vnd) == (
        DealStatus.AWAITING_DEPOSIT, "FOB", "Hai Phong", TOTAL, DEPOSIT, BALANCE)
    assert [(line.producer.name, line.quantity, line.total_vnd) for line in deal.lines] == [
        ("Gốm An", *LINES[0]), ("Gốm Bình", *LINES[1]), ("Gốm Cúc", *LINES[2])]
    assert db.session.get(Inquiry, world.inquiry.id).status == InquiryStatus.ACCEPTED
    assert db.session.get(Quote, quote.id).status == QuoteStatus.ACCEPTED
    for owner in world.owners.values():
        assert len(notes_of(owner, "deals.member")) == 1
    assert read_as(notes_of(world.owners["binh"], "deals.member")[0])[1] == (
        f"The importer accepted the quote for inquiry #{world.inquiry.id}. Your part: 3,000 at ₫95,003 each "
        "(₫285,009,000). Production starts when the deposit is paid.")
    mail = db.session.query(OutboxMessage).filter_by(to_email="achats@maison-lyon.fr").order_by(OutboxMessage.id.desc()).first()
    assert mail.subject == f"Wholesale order {deal.reference} opened"
    assert "Pay the deposit of ₫313,541,251 (≈ $12,344.14) to start production." in mail.body
    vi_mail = db.session.query(OutboxMessage).filter_by(to_email="an@example.vn").order_by(OutboxMessage.id.desc()).first()
    assert vi_mail.subject == f"Đơn sỉ {deal.reference}: phần của bạn"


def test_a_village_consortium_is_quoted_by_its_lead_member_only(db, app):
    """Without a mark, can the highest-ranked member quote for all, and another member not?"""
    world = consortium_world(with_mark=False)
    assert client_for(app, world.owners["binh"]).get(f"/dashboard/association/leads/{world.consortium.id}").status_code == 404
    assert client_for(app, world.owners["binh"]).post(f"/dashboard/association/leads/{world.consortium.id}", data=quote_data()).status_code == 404
    assert f"/dashboard/association/leads/{world.consortium.id}" in client_for(app, world.owners["an"]).get("/dashboard/producer/leads").get_data(
        as_text=True)

    response = client_for(app, world.owners["an"]).post(f"/dashboard/association/leads/{world.consortium.id}",
                                                         data=quote_data())

    assert response.status_code == 302
    quote = db.session.query(Quote).one()
    assert quote.supplier_name == "Bát Tràng (Gốm An)"
    client_for(app, world.importer).post(f"/dashboard/importer/quotes/{quote.id}/accept")
    deal = _deal(db)
    assert (deal.lead_producer_id, deal.association_id, deal.total_vnd) == (world.an.id, None, TOTAL)


def _accepted(db, app, with_mark=True):
    world = consortium_world(with_mark=with_mark)
    quote = quoted(world, world.admin)
    client_for(app, world.importer).post(f"/dashboard/importer/quotes/{quote.id}/accept")
    world.deal = _deal(db)
    world.staff = UserFactory(role=Role.STAFF, email="staff@langnghe.vn")
    db.session.commit()
    return world


def test_staff_record_the_deposit_transfer_and_each_member_is_owed_its_exact_share(db, app):
    """Does the deal page show the VietQR deposit, and recording it (twice) write one ledger line per
    member whose gross adds up to the deposit, with the retail commission rule?"""
    world = _accepted(db, app)
    page = client_for(app, world.importer).get(f"/dashboard/deals/{world.deal.id}").get_data(as_text=True)
    assert "₫313,541,251" in page and world.deal.reference in page and "<svg" in page
    client_for(app, world.staff).post(f"/dashboard/deals/{world.deal.id}/transfer", data={"stage": "deposit"})
    client_for(app, world.staff).post(f"/dashboard/deals/{world.deal.id}/transfer", data={"stage": "deposit"})

    deal = _deal(db)
    assert deal.status == DealStatus.IN_PRODUCTION
    payouts = db.session.query(DealPayout).order_by(DealPayout.id).all()
    assert [(p.producer_id, p.gross_vnd, p.commission_vnd, p.net_vnd) for p in payouts] == [
        (world.an.id, 156_786_301, 12_542_904, 144_243_397),
        (world.binh.id, 94_052_970, 7_524_238, 86_528_732),
        (world.cuc.id, 62_701_980, 5_016_158, 57_685_822)]
    assert sum(p.gross_vnd for p in payouts) == DEPOSIT
    assert len(deal.payments) == 1 and deal.payments[0].amount_vnd == DEPOSIT
    assert read_as(notes_of(world.owners["binh"], "deals.member_paid")[0])[1] == (
        "The importer paid (Deposit). Your share: ₫94,052,970, less ₫7,524,238 commission: ₫86,528,732 owed to you.")


def test_only_staff_record_transfers_and_strangers_see_nothing(db, app):
    """Can an importer, a member or a stranger record a transfer or open the deal? (Nothing changes.)"""
    world = _accepted(db, app)
    stranger = client_for(app, UserFactory(role=Role.PRODUCER, email="x@example.vn"))
    assert stranger.get(f"/dashboard/deals/{world.deal.id}").status_code == 404
    assert stranger.get(f"/dashboard/deals/{world.deal.id}/proforma.pdf").status_code == 404
    for user in (world.importer, world.owners["an"]):
        assert client_for(app, user).post(f"/dashboard/deals/{world.deal.id}/transfer",
                                          data={"stage": "deposit"}).status_code == 403
    assert _deal(db).status == DealStatus.AWAITING_DEPOSIT and db.session.query(DealPayout).count() == 0


def _in_production(db, app):
    world = _accepted(db, app)
    client_for(app, world.staff).post(f"/dashboard/deals/{world.deal.id}/transfer", data={"stage": "deposit"})
    return world


def test_each_member_marks_its_own_milestones_and_the_importer_sees_them(db, app):
    """Does a member's milestone show for the importer, and may a member not mark another's?"""
    world = _in_production(db, app)
    mark = f"/dashboard/deals/{world.deal.id}/milestones"
    client_for(app, world.owners["binh"]).post(mark, data={"producer_id": world.binh.id, "step": "sample"})
    client_for(app, world.owners["binh"]).post(mark, data={"producer_id": world.binh.id, "step": "sample"})
    client_for(app, world.owners["binh"]).post(mark, data={"producer_id": world.an.id, "step": "packed"})

    rows = db.session.query(DealMilestone).all()
    assert [(m.producer_id, m.step) for m in rows] == [(world.binh.id, "sample")]
    page = client_for(app, world.importer).get(f"/dashboard/deals/{world.deal.id}").get_data(as_text=True)
    assert "✓</span> Sample approved" in page
    assert read_as(notes_of(world.importer, "deals.milestone")[0])[1] == "Gốm Bình marked “Sample approved”."


def test_the_shipment_makes_the_balance_due_and_names_every_missing_field(db, app):
    """Does the lead's shipment need carrier, reference and date (all named at once), and then ask for the balance?"""
    world = _in_production(db, app)
    empty = client_for(app, world.admin).post(f"/dashboard/deals/{world.deal.id}/shipment", data={"carrier": "", "reference": "", "shipped_on": ""})
    assert empty.status_code == 400
    text = empty.get_data(as_text=True)
    assert "Name the carrier" in text and "carrier&#39;s reference" in text and "YYYY-MM-DD" in text
    assert _deal(db).status == DealStatus.IN_PRODUCTION
    assert client_for(app, world.owners["cuc"]).post(f"/dashboard/deals/{world.deal.id}/shipment", data={
        "carrier": "Maersk", "reference": "MAEU123", "shipped_on": date.today().isoformat()}).status_code == 404

    client_for(app, world.admin).post(f"/dashboard/deals/{world.deal.id}/shipment", data={
        "carrier": "Maersk", "reference": "MAEU 2468 1357", "shipped_on": date.today().isoformat()})

    deal = _deal(db)
    assert (deal.status, deal.carrier, deal.shipment_ref) == (DealStatus.BALANCE_DUE, "Maersk", "MAEU 2468 1357")
    mail = db.session.query(OutboxMessage).filter_by(to_email="achats@maison-lyon.fr").order_by(OutboxMessage.id.desc()).first()
    assert "The balance of ₫636,583,752 (≈ $25,062.35) is now due." in mail.body


def test_the_pdfs_show_each_member_and_the_exact_totals_with_vietnamese_letters(db, app):
    """Do the pro-forma invoice and the packing list carry the members, the totals and diacritics?"""
    world = _accepted(db, app)
    proforma = client_for(app, world.owners["an"], lang="vi").get(f"/dashboard/deals/{world.deal.id}/proforma.pdf")
    packing = client_for(app, world.importer).get(f"/dashboard/deals/{world.deal.id}/packing-list.pdf")

    assert proforma.mimetype == "application/pdf"
    text = _pdf_text(proforma.data)
    assert f"Hóa đơn chiếu lệ {world.deal.reference}" in text
    assert "Gốm Bình" in text and "950.125.003 ₫" in text and "313.541.251 ₫" in text and "636.583.752 ₫" in text
    packing_text = _pdf_text(packing.data)
    assert f"Packing list {world.deal.reference}" in packing_text
    assert "5,001 piece" in packing_text and "10,001 piece" in packing_text and "Gốm Cúc" in packing_text


def test_the_importer_sees_dollars_beside_dong_on_the_quote_the_deal_its_list_and_the_invoice(db, app):
    """Before and after accepting, does every amount the importer reads (the quote's deposit, each member's
    unit price and line, the totals, the list, the pro-forma) carry its USD figure at the one rate?"""
    world = consortium_world()
    quote = quoted(world, world.admin)
    importer = client_for(app, world.importer)
    inquiry_page = importer.get(f"/dashboard/importer/inquiries/{world.inquiry.id}").get_data(as_text=True)
    deposit = inquiry_page[inquiry_page.index('data-testid="quote-deposit"'):][:200]
    assert "33 % · ₫313,541,251" in deposit and "≈ $12,344.14" in deposit
    importer.post(f"/dashboard/importer/quotes/{quote.id}/accept")
    deal = _deal(db)

    page = importer.get(f"/dashboard/deals/{deal.id}").get_data(as_text=True)
    listing = importer.get("/dashboard/deals").get_data(as_text=True)
    invoice = _pdf_text(importer.get(f"/dashboard/deals/{deal.id}/proforma.pdf").data)

    assert "× ₫95,003 <span class=\"muted\">(≈ $3.74)</span> = <strong>₫475,110,003</strong>" in page
    assert "≈ $18,705.12" in page and "≈ $37,406.50" in page  # Gốm An's line; the total
    assert "₫950,125,003" in listing and "≈ $37,406.50" in listing
    assert "₫95,003\n≈ $3.74\n₫475,110,003" in invoice and "$37,406.50" in invoice and "$12,344.14" in invoice


@pytest.fixture
def card_app(make_app, stripe):
    app = make_app(**stripe.config)
    with app.app_context():
        yield app


def test_the_balance_is_paid_by_card_once_and_completes_the_deal(make_app, stripe):
    """Does the importer's card (localstripe) pay the exact balance once, and the members' balance shares add up?"""
    from marketplace.extensions import db

    app = make_app(**stripe.config)
    with app.app_context():
        world = _in_production(db, app)
        client_for(app, world.admin).post(f"/dashboard/deals/{world.deal.id}/shipment", data={
            "carrier": "Maersk", "reference": "MAEU1", "shipped_on": date.today().isoformat()})
        assert 'id="card-form"' in client_for(app, world.importer).get(f"/dashboard/deals/{world.deal.id}").get_data(
            as_text=True)

        answer = client_for(app, world.importer).post(f"/dashboard/deals/{world.deal.id}/pay", data={
            "stage": "balance", "payment_method_id": "pm_card_visa"}, headers={"Accept": "application/json"})
        again = client_for(app, world.importer).post(f"/dashboard/deals/{world.deal.id}/pay", data={
            "stage": "balance", "payment_method_id": "pm_card_visa"}, headers={"Accept": "application/json"})

        assert answer.get_json()["status"] == "succeeded" and again.status_code == 409
        deal = _deal(db)
        assert deal.status == DealStatus.COMPLETED
        card = [p for p in deal.payments if p.method == "card"]
        assert [(p.amount_vnd, p.status) for p in card] == [(BALANCE, "succeeded")]
        intent = stripe.client().v1.payment_intents.retrieve(card[0].provider_ref)
        assert (intent.amount, intent.currency) == (BALANCE, "vnd")
        balance = db.session.query(DealPayout).filter_by(stage="balance").order_by(DealPayout.id).all()
        assert [p.gross_vnd for p in balance] == [318_323_702, 190_956_030, 127_304_020]
        assert sum(p.gross_vnd for p in balance) == BALANCE


def test_an_importer_gives_the_target_price_in_dollars_converted_once(db, app):
    """Is a target in US dollars stored as whole VND at the rate (with the currency), and are a bad
    amount or both currencies at once refused, naming the field and storing nothing?"""
    from tests.leads_data import ceramics_world

    world = ceramics_world()
    form = {"description": "Blue glaze vases", "quantity": "3000", "unit": "piece", "target_price_vnd": "",
            "target_price_usd": "3.55", "destination_country": "DE", "incoterm": "FOB",
            "required_by": date.fromordinal(date.today().toordinal() + 90).isoformat(),
            "craft": "", "ocop_stars": "", "trademark": "", "reference_listing_ids": ""}
    for bad, message in (("3.555", "at most two decimals"), ("abc", "at most two decimals")):
        response = client_for(app, world.importer).post("/dashboard/importer/inquiries/new",
                                                         data={**form, "target_price_usd": bad})
        assert response.status_code == 400 and message in response.get_data(as_text=True)
    both = client_for(app, world.importer).post("/dashboard/importer/inquiries/new",
                                                data={**form, "target_price_vnd": "90000"})
    assert "in đồng or in dollars, not both" in both.get_data(as_text=True)
    assert db.session.query(Inquiry).count() == 0

    client_for(app, world.importer).post("/dashboard/importer/inquiries/new", data=form)

    inquiry = db.session.query(Inquiry).one()
    assert (inquiry.target_price_vnd, inquiry.target_price_currency) == (90_170, "USD")  # 3.55 × 25,400


def test_the_export_directory_lists_export_ready_producers_with_filters_csv_and_pdf(db, client):
    """Does the public directory list only approved export-ready producers, filter by craft, mark, OCOP,
    capacity and HS code, and give the same list as CSV and PDF in either language?"""
    from tests.leads_data import ceramics_world

    world = ceramics_world()  # An (export-ready, mark member) and Cúc (export-ready, OCOP 4) make ceramics
    world.vase.hs_code, world.plain.hs_code = "691390", "691200"
    db.session.commit()

    page = client.get("/export/directory?lang=en").get_data(as_text=True)
    assert "Gốm An" in page and "Gốm Cúc" in page and "Gốm Bình" not in page and "Lụa Phúc Hà" not in page
    assert "Gốm Cúc" not in client.get("/export/directory?mark=gom-su-bat-trang").get_data(as_text=True)
    only_cuc = client.get("/export/directory?ocop=4&capacity=500&hs=6912").get_data(as_text=True)
    assert "Gốm Cúc" in only_cuc and "Gốm An" not in only_cuc

    csv = client.get("/export/directory.csv?craft=gom-su&lang=en").get_data(as_text=True)
    assert csv.splitlines()[0] == "\ufeffProducer,Village,Crafts,Collective marks,OCOP,Monthly capacity,HS codes,Certifications,Languages"
    assert "Gốm An,Bát Tràng,Ceramic ware,Bát Tràng Ceramics,,1000,691390" in csv
    assert "Gốm Cúc,Bát Tràng,Ceramic ware,,4,500,691200" in csv
    vi_pdf = _pdf_text(client.get("/export/directory.pdf?craft=gom-su&lang=vi").data)
    assert "Gốm sứ · 2 nhà sản xuất · Làng Nghề Market" in vi_pdf and "Gốm sứ Bát Tràng" in vi_pdf
    assert "Export-ready producers" in _pdf_text(client.get("/export/directory.pdf?craft=gom-su&lang=en").data)


def test_a_deal_worth_billions_is_kept_to_the_dong_from_quote_to_payout_batch(db, app):
    """Is a 9.5-billion-đồng consortium deal (more than a 32-bit integer holds: PostgreSQL refused it
    before) accepted, its deposit recorded and batched for the members to the đồng?"""
    from marketplace.payments import ledger

    world = consortium_world()
    quote = quoted(world, world.admin)
    quote.unit_price_vnd = 950_003  # 10,001 at 950,003 ₫
    for number, producer in enumerate((world.an, world.binh, world.cuc)):
        producer.bank_name, producer.bank_account_number, producer.bank_account_name = (
            "Vietcombank", f"001100123456{number}", producer.name.upper())
    db.session.commit()
    client_for(app, world.importer).post(f"/dashboard/importer/quotes/{quote.id}/accept")
    deal = _deal(db)
    assert (deal.total_vnd, deal.deposit_vnd, deal.balance_vnd) == (9_500_980_003, 3_135_323_401, 6_365_656_602)
    assert [line.total_vnd for line in deal.lines] == [4_750_965_003, 2_850_009_000, 1_900_006_000]

    staff = UserFactory(role=Role.STAFF, email="staff@langnghe.vn")
    client_for(app, staff).post(f"/dashboard/deals/{deal.id}/transfer", data={"stage": "deposit"})

    deal = _deal(db)
    assert deal.status == DealStatus.IN_PRODUCTION and [p.amount_vnd for p in deal.payments] == [3_135_323_401]
    payouts = db.session.query(DealPayout).order_by(DealPayout.id).all()
    assert sum(p.gross_vnd for p in payouts) == 3_135_323_401
    assert all(p.gross_vnd - p.commission_vnd == p.net_vnd for p in payouts)
    batch = ledger.create_payout_batch(staff)
    assert batch.total_vnd == sum(p.net_vnd for p in payouts) > 2_147_483_647
    assert sorted(line.amount_vnd for line in batch.lines) == sorted(p.net_vnd for p in payouts)
