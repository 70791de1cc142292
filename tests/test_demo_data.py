"""The demo catalogue: idempotent, complete enough to try the site, searchable without diacritics."""
import io
import subprocess
import sys

import pytest
from click.testing import CliRunner
from flask.cli import FlaskGroup, ScriptInfo
from PIL import Image
from sqlalchemy import func, select

from demo import art, content
from demo.loader import load_demo_data
from marketplace.accounts.models import AssociationAdmin, ImporterProfile, ProducerMember, Role, User
from marketplace.accounts.services import authenticate
from marketplace.catalog.models import Listing, ListingStatus, ListingViewDay, Variant, WholesaleTier
from marketplace.catalog.services import SearchParams, search_listings
from marketplace.core.time import utcnow
from marketplace.deals.models import Deal, DealMilestone, DealPayment, DealPayout
from marketplace.leads.models import Inquiry, MatchingStatus
from marketplace.notifications.models import Notification, OutboxMessage
from marketplace.orders.models import OrderLine
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks import services as marks
from marketplace.trademarks.models import (
    MarkScanDay,
    Membership,
    MembershipEvent,
    MembershipStatus,
    ProductRight,
    Trademark,
)
from marketplace.tradeoffices.models import DirectoryShare, Referral, TradeOffice
from marketplace.villages.models import Village


def _count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def _search_total(q):
    return search_listings(SearchParams(q=q), with_facets=False).total


def test_loading_twice_creates_nothing_new(db):
    """Does a second load find everything the first one made and add nothing?"""
    first = load_demo_data(with_images=False)
    others = [Membership, MembershipEvent, ProductRight, Variant, WholesaleTier, ProducerMember, AssociationAdmin,
              ListingViewDay, MarkScanDay, Deal, DealPayment, DealPayout, DealMilestone, Notification, OutboxMessage,
              TradeOffice, DirectoryShare, Referral]
    before = [_count(db, model) for model in others]
    views = db.session.scalar(select(func.sum(ListingViewDay.views)))

    second = load_demo_data(with_images=False)

    assert second == first
    assert [_count(db, model) for model in others] == before
    assert views > 0 and db.session.scalar(select(func.sum(ListingViewDay.views))) == views
    assert first["images"] == 0 and first["listings"] >= 200
    assert [_count(db, model) for model in (Deal, DealPayment, DealPayout, DealMilestone)] == [1, 1, 2, 1]
    assert [_count(db, model) for model in (TradeOffice, DirectoryShare, Referral)] == [1, 1, 1]


@pytest.mark.demo
def test_catalogue_has_the_villages_marks_producers_and_listings_to_try_the_site(db):
    """Are there 12+ villages, the three named marks, 30+ producers and 200+ listings, active ones in both languages?"""
    summary = load_demo_data(with_images=False)

    assert summary["villages"] >= 12 and summary["producers"] >= 30 and summary["listings"] >= 200
    names = set(db.session.scalars(select(Trademark.name_vi)))
    assert {"Gốm sứ Bát Tràng", "Lụa Vạn Phúc", "Thêu Quất Động"} <= names
    active = db.session.scalars(select(Listing).where(Listing.status == ListingStatus.ACTIVE)).all()
    assert len(active) >= 200
    assert all(listing.title_vi and listing.title_en and listing.description_vi and listing.description_en for listing in active)
    assert len({(listing.producer_id, listing.title_vi) for listing in active}) == len(active)
    both_phung_xa = db.session.scalars(select(Village.slug).where(Village.name == "Phùng Xá").order_by(Village.slug)).all()
    assert both_phung_xa == ["phung-xa-my-duc", "phung-xa-thach-that"]


@pytest.mark.demo
def test_searching_without_diacritics_finds_what_the_marked_query_finds(db):
    """Do "bat trang", "lua van phuc", "quat dong" and "do go" find exactly as many products as their marked forms?"""
    load_demo_data(with_images=False)

    for plain, marked in (("bat trang", "Bát Tràng"), ("lua van phuc", "Lụa Vạn Phúc"), ("quat dong", "Quất Động"), ("do go", "đồ gỗ")):
        assert _search_total(plain) == _search_total(marked) > 0, plain


@pytest.mark.demo
def test_listing_prices_variants_and_tiers_follow_the_catalogue_rules(db):
    """Are prices whole thousands of VND, variant stock summed, and every wholesale tier at or above the MOQ and cheaper?"""
    load_demo_data(with_images=False)

    listings = db.session.scalars(select(Listing)).all()
    assert all(listing.price_vnd % 1000 == 0 and listing.price_vnd >= 1000 for listing in listings)
    with_variants = [listing for listing in listings if listing.variants]
    assert with_variants and all(listing.stock == sum(v.stock for v in listing.variants) for listing in with_variants)
    assert {listing.craft.slug for listing in with_variants} == {"silk", "knitwear"}
    tiers = [(listing, tier) for listing in listings for tier in listing.tiers]
    assert tiers and all(tier.min_qty >= listing.moq and tier.unit_price_vnd < listing.price_vnd for listing, tier in tiers)


@pytest.mark.demo
def test_memberships_cover_active_pending_and_suspended_members(db):
    """Does the suspended member's code verify as "suspended", the applicant hold no rights, and an active member's code verify?"""
    load_demo_data(with_images=False)

    by_status = {}
    for membership in db.session.scalars(select(Membership)):
        by_status.setdefault(membership.status, []).append(membership)
    suspended, = by_status[MembershipStatus.SUSPENDED]
    pending, = by_status[MembershipStatus.PENDING]
    assert len(by_status[MembershipStatus.ACTIVE]) >= 12
    assert [e.action for e in suspended.events][:2] == ["apply", "approve"] and suspended.events[-1].action == "suspend"
    suspended_codes = db.session.scalars(select(ProductRight.code).where(ProductRight.membership_id == suspended.id)).all()
    assert suspended_codes and {marks.verify(code).status for code in suspended_codes} == {"suspended"}
    assert db.session.scalar(select(func.count()).select_from(ProductRight).where(ProductRight.membership_id == pending.id)) == 0
    active_code = db.session.scalar(select(ProductRight.code).join(Membership).where(Membership.status == MembershipStatus.ACTIVE))
    assert marks.verify(active_code).valid is True


@pytest.mark.demo
def test_demo_accounts_sign_in_with_the_published_password(db):
    """Can staff, an association admin, the officer and a producer owner sign in, with the right roles and links?"""
    load_demo_data(with_images=False)

    staff = authenticate("staff@demo.langnghe.vn", content.PASSWORD)
    admin = authenticate("battrang@demo.langnghe.vn", content.PASSWORD)
    officer = authenticate("officer@demo.langnghe.vn", content.PASSWORD)
    owner = authenticate("gom-minh-chau@demo.langnghe.vn", content.PASSWORD)

    assert (staff.role, admin.role, officer.role, owner.role) == (Role.STAFF, Role.ASSOCIATION_ADMIN, Role.PRODUCER, Role.PRODUCER)
    assert [link.association.slug for link in admin.association_links] == ["hiep-hoi-gom-su-bat-trang"]
    assert {link.role for link in officer.producer_links} == {ProducerMember.OFFICER} and len(officer.producer_links) == 3
    assert [(link.producer.slug, link.role) for link in owner.producer_links] == [("gom-minh-chau", ProducerMember.OWNER)]
    pending = db.session.scalars(select(Producer.slug).where(Producer.status == ProducerStatus.PENDING)).all()
    assert len(pending) == 2


def test_every_craft_gets_a_picture_that_the_image_store_accepts():
    """Does the illustrator draw an 800 × 800 JPEG for every demo craft, the same one for the same seed?"""
    for craft in art.PAINTERS:
        data = art.render({"craft": craft}, "seed")
        image = Image.open(io.BytesIO(data))
        assert (image.format, image.size) == ("JPEG", (art.SIZE, art.SIZE)), craft
        assert art.render({"craft": craft}, "seed") == data


@pytest.mark.demo
def test_the_demo_buyer_has_orders_at_every_stage_and_producers_have_earnings(db):
    """Does the demo show a delivered, a shipped and an unpaid transfer order, and earnings due to a producer?"""
    from marketplace.accounts.models import User
    from marketplace.orders.models import Order, PayoutStatus
    from marketplace.payments.services import earnings_of

    first = load_demo_data(with_images=False)
    again = load_demo_data(with_images=False)

    buyer = db.session.scalars(select(User).where(User.email == content.email("buyer"))).one()
    orders = db.session.scalars(select(Order).where(Order.buyer_id == buyer.id).order_by(Order.id)).all()
    assert first["orders"] == again["orders"] == 12
    assert [(o.payment_method, o.status) for o in orders][:3] == [
        ("cod", "delivered"), ("cod", "shipped"), ("bank_transfer", "awaiting_payment")]
    # the rest are spread over the last four weeks, so the dashboards' charts have a shape
    ages = [(utcnow() - o.created_at).days for o in orders[3:]]
    assert ages == [26, 22, 19, 15, 12, 9, 6, 4, 2]
    assert [o.status for o in orders[3:]].count("delivered") == 8
    assert len(orders[0].parts) == 2
    part = orders[0].parts[0]
    assert part.payout_status == PayoutStatus.DUE
    assert earnings_of(part.producer_id).due_vnd == part.net_vnd
    assert db.session.scalar(select(func.count()).select_from(Producer).where(Producer.bank_account_number == "")) == 0
    from marketplace.orders.services import addresses_of

    assert [(a.street, a.is_default) for a in addresses_of(buyer)] == [("Số 12, ngõ 84 Trần Quốc Hoàn", True)]
    assert db.session.scalars(select(Producer.free_shipping_over_vnd).where(Producer.slug == "gom-minh-chau")).one() == 1500000

    # After delivery: the buyer and the producers talked, and a returned scarf waits for staff (loaded once).
    from marketplace.messages.models import PartMessage
    from marketplace.returns.models import ReturnRequest

    assert db.session.scalar(select(func.count()).select_from(PartMessage)) == 3
    [request] = db.session.scalars(select(ReturnRequest)).all()
    assert (request.part_id, request.status, request.goods_vnd) == (
        orders[0].parts[1].id, "escalated", orders[0].parts[1].lines[0].unit_price_vnd)


@pytest.mark.demo
def test_the_services_made_the_demo_as_they_would_for_users(db):
    """Did staff approve each producer, owners apply, admins approve and grant, and the orders take their stock?"""
    load_demo_data(with_images=False)

    staff = db.session.scalars(select(User).where(User.email == "staff@demo.langnghe.vn")).one()
    approved = db.session.scalars(select(Producer).where(Producer.status == ProducerStatus.APPROVED)).all()
    assert len(approved) == 38 and {p.approved_by_id for p in approved} == {staff.id}
    for membership in db.session.scalars(select(Membership)):
        owners = {m.user_id for m in membership.producer.members if m.role == ProducerMember.OWNER}
        admins = {link.user_id for link in membership.trademark.association.admins}
        first, *later = membership.events
        assert (first.action, first.actor_id in owners) == ("apply", True)
        assert all(event.actor_id in admins for event in later), membership.producer.slug
    rights = db.session.scalars(select(ProductRight)).all()
    granted = {(e.membership_id, e.listing_id) for e in db.session.scalars(select(MembershipEvent).where(MembershipEvent.action == "grant"))}
    assert len(rights) == 93 and {(r.membership_id, r.listing_id) for r in rights} == granted
    planned = {(slug, item["title_vi"]): item["stock"] for slug, items in content.load("listings").items() for item in items}
    for line in db.session.scalars(select(OrderLine)):
        listing = line.listing
        assert listing.stock == planned[(listing.producer.slug, listing.title_vi)] - line.quantity


@pytest.mark.demo
def test_the_demo_importer_has_a_profile_and_two_matched_inquiries_one_a_van_phuc_consortium(db):
    """Does the demo importer have its company profile and two matched inquiries, one offered to a Vạn Phúc silk consortium?"""
    load_demo_data(with_images=False)

    importer = db.session.scalars(select(User).where(User.email == "importer@demo.langnghe.vn")).one()
    profile = db.session.scalars(select(ImporterProfile).where(ImporterProfile.user_id == importer.id)).one()
    inquiries = db.session.scalars(select(Inquiry).where(Inquiry.importer_id == importer.id).order_by(Inquiry.id)).all()
    assert (profile.company, profile.country, profile.languages) == ("Maison Indochine Import", "FR", "fr,en")
    assert [i.matching_status for i in inquiries] == [MatchingStatus.DONE, MatchingStatus.DONE]
    # Only the two vase makers clear the relevance floor (eight producers were shortlisted on some of the words before).
    assert inquiries[0].consortium is None and len(inquiries[0].matches) == 2
    assert inquiries[1].consortium.association.slug == "hoi-det-lua-van-phuc"


def test_flask_demo_data_comes_from_the_demo_packages_entry_point(app, db):
    """Does `flask demo-data --no-images`, found through the flask.commands entry point, load the catalogue once and say so?"""
    cli = FlaskGroup(create_app=lambda: app)
    runner = CliRunner()

    first = runner.invoke(cli, ["demo-data", "--no-images"], obj=ScriptInfo(create_app=lambda: app))
    again = runner.invoke(cli, ["demo-data", "--no-images"], obj=ScriptInfo(create_app=lambda: app))

    assert first.exit_code == 0, first.output
    expected = "15 villages, 14 crafts, 4 trademarks, 40 producers, 266 listings, 0 images, 49 users, 12 orders"
    assert first.output.strip().splitlines()[-1] == again.output.strip().splitlines()[-1] == expected
    with_tiers = db.session.scalar(select(func.count()).select_from(Listing).where(Listing.tiers.any()))
    assert with_tiers == 169


def test_the_marketplace_runs_without_the_demo_package():
    """Does the app that gunicorn serves start without importing the demo, which no longer lives in marketplace/?"""
    code = ("import importlib.util, sys; from marketplace import create_app; create_app({'TESTING': True}); "
            "print(importlib.util.find_spec('marketplace.demo'), "
            "sorted(name for name in sys.modules if name.split('.')[0] == 'demo'))")

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={"APP_ENV": "testing", "PATH": ""})

    assert result.stdout.strip() == "None []"


@pytest.mark.demo
def test_the_demo_buyer_has_reviewed_what_was_delivered_and_follows_shops(db):
    """Does the demo show two reviews (one answered, in each language) counted in the ratings, and the buyer's
    saved products and follows, the same after a second load?"""
    from marketplace.follows.models import Favourite, Follow
    from marketplace.reviews.models import Review

    load_demo_data(with_images=False)
    load_demo_data(with_images=False)

    rows = db.session.scalars(select(Review).order_by(Review.id)).all()
    assert [(r.rating, r.language, bool(r.answer)) for r in rows] == [(5, "vi", True), (4, "en", False)]
    assert [(r.listing.rating_count, r.listing.rating_sum) for r in rows] == [(1, 5), (1, 4)]
    buyer = db.session.scalars(select(User).where(User.email == content.email("buyer"))).one()
    assert _count(db, Favourite) == 2
    follows = db.session.scalars(select(Follow).where(Follow.user_id == buyer.id)).all()
    assert sorted((f.producer.slug if f.producer else f.village.slug) for f in follows) == [
        "bat-trang", "det-lua-trieu-gia", "gom-minh-chau"]
