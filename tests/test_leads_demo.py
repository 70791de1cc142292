"""Honest matching on the demo catalogue (issue 12): what nobody makes is "no match", with its reason."""
import pytest

from demo.loader import load_demo_data
from marketplace.accounts.models import User
from marketplace.deals.models import Deal, DealStatus
from marketplace.leads import services as leads
from marketplace.leads.models import Inquiry, QuoteStatus
from marketplace.leads.reasons import describe
from tests.leads_data import make_inquiry

# The silk consortium's first run: 5,000 scarves at 340,000 ₫, split 13,500 : 6,500 as the matching proposed.
LINES = [("HTX Dệt lụa Vạn Phúc", 3375, 340_000), ("Công ty TNHH Lụa Hà Đông Xưa", 1625, 340_000)]
TOTAL = 1_700_000_000


@pytest.mark.demo
def test_on_the_demo_catalogue_what_nobody_makes_is_no_match_and_the_samples_still_match(db, english):
    """Do requests for things no demo producer makes (matched before on "hand", "natural", "gift", "paper", "cm")
    end "no match" saying what is missing, a half match score half, and the demo's sample inquiries still match?"""
    load_demo_data(with_images=False)
    importer = db.session.query(User).filter_by(email="importer@demo.langnghe.vn").one()
    outcomes = {}
    for description in ("Vietnamese hand-painted surfboards", "paper notebooks, 20 cm", "titanium bicycle frames",
                        "Handmade natural paper gift bags, 30 cm"):
        inquiry = make_inquiry(importer, description, quantity=1000, days=90)
        leads.run_matching(inquiry.id)
        outcomes[description] = (inquiry.matching_status, [describe(r) for r in inquiry.no_match_reasons],
                                 max((m.score for m in inquiry.matches), default=None))

    assert outcomes == {
        "Vietnamese hand-painted surfboards": ("no_match", [
            "No producer's product has “surfboards”.",
            ("The closest, “Celadon set of 6 rice bowls with lotus painting” by HTX Gốm Bát Tràng Xanh, covers 50% of "
            "your request; it lacks “surfboards”.")], None),
        "paper notebooks, 20 cm": ("no_match", [
            "No producer's product has “notebooks”.",
            ("The closest, “Handmade rice paper for spring rolls, 500 g pack” by HTX Chế biến nông sản Minh Khai, covers "
            "50% of your request; it lacks “notebooks”.")], None),
        "titanium bicycle frames": ("no_match", [
            "No producer's product has “titanium”, “bicycle”.",
            ("The closest, “Raised-stitch embroidered handkerchief with chrysanthemums” by Thêu tay Phạm Gia, covers 17% "
            "of your request; it lacks “titanium”, “bicycle”.")], None),
        # Bags, but none of paper: tote and bamboo bags at half relevance (0.5 × 100 at best), never 90/100.
        "Handmade natural paper gift bags, 30 cm": ("done", [], 50),
    }
    samples = db.session.query(Inquiry).filter_by(importer_id=importer.id).order_by(Inquiry.id).limit(2).all()
    assert [(s.matching_status, s.matches[0].producer.name) for s in samples] == [
        ("done", "Xưởng gốm Minh Châu"), ("done", "HTX Dệt lụa Vạn Phúc")]


def test_the_demo_importer_has_a_wholesale_order_from_the_van_phuc_consortium_with_its_deposit_paid(db):
    """Did the loader, through the services, accept the silk consortium's quote into a deal whose deposit staff
    recorded by bank transfer, the members' shares adding up, and the lead member's first milestone marked, once?"""
    load_demo_data(with_images=False)
    load_demo_data(with_images=False)

    importer = db.session.query(User).filter_by(email="importer@demo.langnghe.vn").one()
    [deal] = db.session.query(Deal).all()
    assert (deal.importer_id, deal.status, deal.incoterm, deal.port, deal.deposit_pct) == (
        importer.id, DealStatus.IN_PRODUCTION, "CIF", "Hai Phong", 30)
    assert deal.association.slug == "hoi-det-lua-van-phuc" and deal.quote.status == QuoteStatus.ACCEPTED
    lines = [(line.producer.name, line.quantity, line.unit_price_vnd) for line in deal.lines]
    assert lines == LINES
    assert deal.total_vnd == sum(q * p for _name, q, p in lines) == TOTAL
    assert deal.deposit_vnd == 510_000_000
    [payment] = deal.payments
    assert (payment.stage, payment.method, payment.amount_vnd, payment.status) == (
        "deposit", "bank_transfer", deal.deposit_vnd, "succeeded")
    staff = db.session.query(User).filter_by(email="staff@demo.langnghe.vn").one()
    assert payment.recorded_by_id == staff.id
    assert sum(p.gross_vnd for p in deal.payouts) == deal.deposit_vnd and len(deal.payouts) == len(lines)
    assert [(m.producer_id, m.step) for m in deal.milestones] == [(deal.lines[0].producer_id, "materials")]


@pytest.mark.demo
def test_the_demo_trade_office_shares_the_directory_and_its_referral_shows_on_the_importers_leads(db, app):
    """Is the demo's trade office active with its published login, one directory share, and the demo importer
    referred by it, so that a producer's lead and the association's consortium page say "Referred by …"?"""
    from demo import content
    from marketplace.accounts.models import Role
    from marketplace.accounts.services import authenticate
    from marketplace.tradeoffices import shares
    from marketplace.tradeoffices.models import DirectoryShare, Referral, TradeOffice
    from tests.order_helpers import client_for

    load_demo_data(with_images=False)

    [office] = db.session.query(TradeOffice).all()
    counsellor = authenticate("tradeoffice@demo.langnghe.vn", content.PASSWORD)
    assert (office.name, office.country, office.city, office.status) == (
        "Thương vụ Việt Nam tại Pháp – Vietnam Trade Office in France", "FR", "Paris", "active")
    assert (counsellor.id, counsellor.role) == (office.user_id, Role.TRADE_OFFICE)
    assert [share.filters for share in db.session.query(DirectoryShare).filter_by(office_id=office.id)] == [
        {"craft": "silk"}]
    importer = db.session.query(User).filter_by(email="importer@demo.langnghe.vn").one()
    [referral] = db.session.query(Referral).all()
    assert (referral.office_id, referral.importer_id, referral.status, referral.company) == (
        office.id, importer.id, "joined", "Maison Indochine Import")

    vases, scarves = db.session.query(Inquiry).filter_by(importer_id=importer.id).order_by(Inquiry.id).limit(2).all()
    lead = vases.matches[0]
    owner = db.session.query(User).filter_by(email=f"{lead.producer.slug}@demo.langnghe.vn").one()
    expected = ('<span data-testid="referred-by">Referred by Thương vụ Việt Nam tại Pháp – Vietnam Trade Office in '
                'France (Paris)</span>')
    assert expected in client_for(app, owner).get(f"/dashboard/producer/leads/{lead.id}").get_data(as_text=True)
    admin = db.session.query(User).filter_by(email="vanphuc@demo.langnghe.vn").one()
    page = client_for(app, admin).get(f"/dashboard/association/leads/{scarves.consortium.id}").get_data(as_text=True)
    assert expected in page
    dashboard = client_for(app, counsellor).get("/dashboard/trade-office").get_data(as_text=True)
    assert "Maison Indochine Import" in dashboard
    [share] = shares.shares_of(counsellor)
    shared = app.test_client().get(f"/export/shared/{shares.share_token(share)}?lang=en").get_data(as_text=True)
    assert "Shared by Thương vụ Việt Nam tại Pháp – Vietnam Trade Office in France (Paris)" in shared
    assert "HTX Dệt lụa Vạn Phúc" in shared and "Xưởng gốm Minh Châu" not in shared
