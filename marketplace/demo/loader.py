"""Load the demo catalogue: ``flask --app wsgi demo-data [--no-images]``.

Idempotent: every row is looked up by its natural key (slug, e-mail, (producer, Vietnamese
title), (trademark, producer)…) before it is created, so a second run adds nothing, and
pictures are drawn only for demo listings that have none. Rows are built directly rather
than through the services: those check a signed-in user's permissions, notify people and
commit once per call, none of which a seed wants. What the services compute is reused:
``search.refresh`` for the search text, ``trademarks.services.new_code`` for codes,
``images.store_image`` for pictures.
"""
import logging
import os
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from marketplace.accounts.models import AssociationAdmin, ProducerMember, Role, User
from marketplace.catalog import search
from marketplace.catalog.images import store_image
from marketplace.catalog.models import Listing, ListingImage, Variant, WholesaleTier
from marketplace.core.time import utcnow
from marketplace.demo import art, content
from marketplace.demo import orders as demo_orders
from marketplace.demo.listings import plan_listings
from marketplace.extensions import db
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks.models import (
    Association,
    Membership,
    MembershipEvent,
    MembershipStatus,
    ProductRight,
    RightStatus,
    Trademark,
)
from marketplace.trademarks.services import new_code
from marketplace.villages.models import Craft, Village

log = logging.getLogger(__name__)

GRANT_SHARE = 0.85  # share of an active member's listings granted the mark
SUSPENDED_GRANTS = 3  # rights the suspended member held before its suspension
SUSPENDED_DAYS_AGO = 12
SUSPENSION_NOTE = "Lô hàng kiểm tra tháng này không đạt tiêu chuẩn chất lượng của hội; tạm đình chỉ đến khi khắc phục."
IMAGE_BATCH = 40  # listings whose pictures are committed together


def load_demo_data(with_images=True):
    """Create whatever part of the demo catalogue is missing; returns row counts of what exists."""
    today, now = date.today(), utcnow()
    passwords = _PasswordHash()
    crafts = _ensure_crafts()
    villages = _ensure_villages(crafts)
    people = _ensure_people(passwords)
    marks = _ensure_marks(villages, passwords)
    producers = _ensure_producers(villages, people, passwords, today, now)
    members = _ensure_memberships(marks, producers, now)
    # New listings are written once, complete: a later UPDATE would stamp them all "updated now".
    with db.session.no_autoflush:
        plans, created = _ensure_listings(producers, crafts, members, now)
        _finish_suspensions(members, now)
        for listing in created:  # once the marks are settled: a listing's valid marks are searchable
            search.refresh(listing)
    db.session.commit()
    _ensure_importer_demo(people, today)
    if with_images:
        _ensure_images(producers, plans)
    demo_orders.ensure_bank_accounts()
    demo_orders.ensure_orders()
    return counts()


# The demo importer's company and sample inquiries: (description, quantity, days ahead, target VND, mark slug).
IMPORTER_COMPANY = ("Maison Indochine Import", "FR", "fr,en", "https://maison-indochine.example")
SAMPLE_INQUIRIES = [
    ("Blue and white ceramic vases (men lam), hand-painted, for our Paris and Lyon shops", 1_500, 90, 300_000, None),
    ("Khăn lụa tơ tằm Vạn Phúc cho chuỗi khách sạn", 20_000, 45, 350_000, "lua-van-phuc"),
]


def _ensure_importer_demo(people, today):
    """The importer's company profile and sample inquiries, matched once (looked up by description)."""
    from marketplace.accounts.models import ImporterProfile
    from marketplace.leads import services as leads
    from marketplace.leads.models import Inquiry

    importer = people.get(content.email("importer"))
    if importer is None:
        return
    if db.session.scalar(select(ImporterProfile.id).where(ImporterProfile.user_id == importer.id)) is None:
        company, country, languages, website = IMPORTER_COMPANY
        db.session.add(ImporterProfile(user_id=importer.id, company=company, country=country, languages=languages,
                                       website=website))
    existing = set(db.session.scalars(select(Inquiry.description).where(Inquiry.importer_id == importer.id)))
    created = []
    for description, quantity, days, target, mark in SAMPLE_INQUIRIES:
        if description in existing:
            continue
        inquiry = Inquiry(importer_id=importer.id, description=description, quantity=quantity, unit="piece",
                          target_price_vnd=target, destination_country="FR", incoterm="CIF",
                          required_by=today + timedelta(days=days),
                          required_trademark=db.session.scalar(select(Trademark).where(Trademark.slug == mark)) if mark else None)
        db.session.add(inquiry)
        created.append(inquiry)
    db.session.commit()
    for inquiry in created:  # what the worker would do; matched here so that the demo shows it at once
        leads.run_matching(inquiry.id)


def counts():
    """How many of each thing exist now (demo or not)."""
    from marketplace.orders.models import Order

    tables = (("villages", Village), ("crafts", Craft), ("trademarks", Trademark), ("producers", Producer),
              ("listings", Listing), ("images", ListingImage), ("users", User), ("orders", Order))
    return {name: db.session.scalar(select(func.count()).select_from(model)) for name, model in tables}


class _PasswordHash:
    """The demo password's hash, computed once and only if a user is created (scrypt is slow on purpose)."""

    def __init__(self):
        self._hash = None

    def __str__(self):
        if self._hash is None:
            self._hash = generate_password_hash(content.PASSWORD)
        return self._hash


def _by(model, column, keys):
    return {getattr(row, column): row for row in db.session.scalars(select(model).where(getattr(model, column).in_(list(keys))))}


# --- crafts, villages, people, marks ---------------------------------------------------------------


def _ensure_crafts():
    crafts = _by(Craft, "slug", [slug for slug, _, _ in content.CRAFTS])
    for slug, name_vi, name_en in content.CRAFTS:
        if slug not in crafts:
            crafts[slug] = Craft(slug=slug, name_vi=name_vi, name_en=name_en)
            db.session.add(crafts[slug])
    return crafts


def _ensure_villages(crafts):
    villages = _by(Village, "slug", [v.slug for v in content.VILLAGES])
    for row in content.VILLAGES:
        if row.slug not in villages:
            villages[row.slug] = Village(slug=row.slug, name=row.name, district=row.district, story_vi=row.story_vi,
                                         story_en=row.story_en, crafts=[crafts[c] for c in row.crafts])
            db.session.add(villages[row.slug])
    return villages


def _ensure_user(users, email, name, role, passwords):
    if email not in users:
        users[email] = User(email=email, name=name, role=role, locale="vi", password_hash=str(passwords))
        users[email].mark_verified()  # demo accounts sign in at once, as their README table says
        db.session.add(users[email])
    return users[email]


def _ensure_people(passwords):
    users = _by(User, "email", [p.email for p in content.PEOPLE])
    for person in content.PEOPLE:
        _ensure_user(users, person.email, person.name, person.role, passwords)
    db.session.flush()
    return users


def _ensure_marks(villages, passwords):
    """Associations, their admins and their collective marks, keyed by mark slug."""
    associations = _by(Association, "slug", [m.association_slug for m in content.MARKS])
    trademarks = _by(Trademark, "slug", [m.slug for m in content.MARKS])
    admins = _by(User, "email", [m.admin_email for m in content.MARKS])
    for mark in content.MARKS:
        association = associations.get(mark.association_slug)
        if association is None:
            association = associations[mark.association_slug] = Association(slug=mark.association_slug, name=mark.association_name)
            db.session.add(association)
        admin = _ensure_user(admins, mark.admin_email, mark.admin_name, Role.ASSOCIATION_ADMIN, passwords)
        if not any(link.user is admin for link in association.admins):
            association.admins.append(AssociationAdmin(user=admin))
        if mark.slug not in trademarks:
            trademarks[mark.slug] = Trademark(
                slug=mark.slug, name_vi=mark.name_vi, name_en=mark.name_en, description_vi=mark.description_vi,
                description_en=mark.description_en, association=association, villages=[villages[v] for v in mark.villages])
            db.session.add(trademarks[mark.slug])
    db.session.flush()
    return {slug: (trademark, admins[_mark(slug).admin_email]) for slug, trademark in trademarks.items()}


def _mark(slug):
    return next(m for m in content.MARKS if m.slug == slug)


def _mark_of_village(village_slug):
    return next((m.slug for m in content.MARKS if village_slug in m.villages), None)


# --- producers ------------------------------------------------------------------------------------


def _new_producer(row, village, staff, today, now):
    producer = Producer(
        slug=row.slug, name=row.name, kind=row.kind, village=village, story_vi=row.story_vi, story_en=row.story_en,
        phone=row.phone, export_ready=row.export, monthly_capacity=row.capacity, status=row.status,
        created_at=now - timedelta(days=400 + _days(row.slug, 300)),
    )
    if row.ocop:
        stars, months = row.ocop
        producer.ocop_stars, producer.ocop_expires_on = stars, today + timedelta(days=30 * months)
    if row.status == ProducerStatus.APPROVED:
        producer.approved_at, producer.approved_by_id = now - timedelta(days=300 + _days(row.slug, 60)), staff.id
    return producer


def _days(key, spread):
    """A stable number of days in [0, spread) for a key, for believable dates."""
    return random.Random(key).randrange(spread)


def _ensure_producers(villages, people, passwords, today, now):
    producers = _by(Producer, "slug", [p.slug for p in content.PRODUCERS])
    owners = _by(User, "email", [content.email(p.slug) for p in content.PRODUCERS])
    officer, staff = people[content.OFFICER_EMAIL], people[content.STAFF_EMAIL]
    for row in content.PRODUCERS:
        if row.slug not in producers:
            producers[row.slug] = _new_producer(row, villages[row.village], staff, today, now)
            db.session.add(producers[row.slug])
        _ensure_user(owners, content.email(row.slug), row.owner, Role.PRODUCER, passwords)
    db.session.flush()
    links = {tuple(row) for row in db.session.execute(select(ProducerMember.user_id, ProducerMember.producer_id))}
    for row in content.PRODUCERS:
        producer = producers[row.slug]
        wanted = [(owners[content.email(row.slug)], ProducerMember.OWNER)] + ([(officer, ProducerMember.OFFICER)] if row.officer else [])
        for user, role in wanted:
            if (user.id, producer.id) not in links:
                db.session.add(ProducerMember(user_id=user.id, producer_id=producer.id, role=role))
    db.session.flush()
    return {slug: (producers[slug], owners[content.email(slug)]) for slug in producers}


# --- memberships ----------------------------------------------------------------------------------


@dataclass
class _Member:
    """A demo membership being loaded: ``target`` is the status it ends in, ``new`` whether this run made it."""

    membership: Membership
    admin: User
    target: str
    new: bool


def _suspension_time(now):
    return now - timedelta(days=SUSPENDED_DAYS_AGO)


def _ensure_memberships(marks, producers, now):
    """Trademark memberships of demo producers, keyed by producer slug.

    A membership that will end suspended is created active: its rights are granted first and
    the suspension recorded last (``_finish_suspensions``), so its history reads in order.
    """
    existing = {(m.trademark_id, m.producer_id): m for m in db.session.scalars(select(Membership))}
    members = {}
    for row in content.PRODUCERS:
        mark_slug = _mark_of_village(row.village)
        if row.membership is None or mark_slug is None:
            continue
        trademark, admin = marks[mark_slug]
        producer, owner = producers[row.slug]
        membership = existing.get((trademark.id, producer.id))
        new = membership is None
        if new:
            membership = _new_membership(trademark, producer, owner, admin, row.membership, now)
        members[row.slug] = _Member(membership, admin, row.membership, new)
    db.session.flush()
    return members


def _new_membership(trademark, producer, owner, admin, target, now):
    if target == MembershipStatus.PENDING:
        applied = now - timedelta(days=3 + _days(producer.slug, 10))
    else:
        applied = now - timedelta(days=240 + _days(producer.slug + "/apply", 90))
    membership = Membership(trademark=trademark, producer=producer, status=MembershipStatus.PENDING, applied_at=applied,
                            updated_at=applied)
    db.session.add(membership)
    _record(membership, owner, "apply", "", MembershipStatus.PENDING, applied)
    if target != MembershipStatus.PENDING:
        approved = applied + timedelta(days=9)
        _record(membership, admin, "approve", MembershipStatus.PENDING, MembershipStatus.ACTIVE, approved)
        membership.status, membership.updated_at = MembershipStatus.ACTIVE, approved
    return membership


def _record(membership, actor, action, before, after, at, listing=None, note=""):
    db.session.add(MembershipEvent(membership=membership, actor=actor, action=action, from_status=before,
                                   to_status=after, at=at, listing=listing, note=note))


def _finish_suspensions(members, now):
    for member in members.values():
        if member.new and member.target == MembershipStatus.SUSPENDED:
            at = _suspension_time(now)
            _record(member.membership, member.admin, "suspend", MembershipStatus.ACTIVE, MembershipStatus.SUSPENDED, at,
                    note=SUSPENSION_NOTE)
            member.membership.status, member.membership.updated_at = MembershipStatus.SUSPENDED, at


# --- listings -------------------------------------------------------------------------------------


def _plan_all():
    """Every demo listing, planned in a fixed producer order: {(producer slug, title_vi): plan}."""
    taken, plans = set(), {}
    for row in content.PRODUCERS:
        for plan in plan_listings(row, _village_row(row.village), taken):
            plans[(row.slug, plan.title_vi)] = plan
    return plans


def _village_row(slug):
    return next(v for v in content.VILLAGES if v.slug == slug)


def _ensure_listings(producers, crafts, members, now):
    """Create the planned listings that do not exist yet; returns (all plans, the new listings)."""
    plans = _plan_all()
    ids = [producer.id for producer, _ in producers.values()]
    existing = {tuple(row) for row in db.session.execute(
        select(Listing.producer_id, Listing.title_vi).where(Listing.producer_id.in_(ids)))}
    created = []
    craft_of = {row.slug: crafts[row.craft] for row in content.PRODUCERS}
    order = {row.slug: i for i, row in enumerate(content.PRODUCERS)}
    # Oldest first, so ids, grants and their history follow the listing dates.
    for (slug, title_vi), plan in sorted(plans.items(), key=lambda item: (order[item[0][0]], -item[1].age_days)):
        producer, _ = producers[slug]
        if (producer.id, title_vi) in existing:
            continue
        listing = _new_listing(plan, producer, craft_of[slug], now)
        created.append(listing)
        if slug in members:
            _grant(listing, plan, members[slug], now)
    return plans, created


def _new_listing(plan, producer, craft, now):
    listed = now - timedelta(days=plan.age_days)
    listing = Listing(
        producer=producer, craft=craft, title_vi=plan.title_vi, title_en=plan.title_en,
        description_vi=plan.description_vi, description_en=plan.description_en, price_vnd=plan.price_vnd,
        stock=plan.stock, unit=plan.unit, materials=plan.materials, lead_time_days=plan.lead_time_days, moq=plan.moq,
        hs_code=plan.hs_code, status=plan.status, created_at=listed, updated_at=listed,
        variants=[Variant(name_vi=vi, name_en=en, price_vnd=price, stock=stock) for vi, en, price, stock in plan.variants],
        tiers=[WholesaleTier(min_qty=qty, unit_price_vnd=price) for qty, price in plan.tiers],
    )
    db.session.add(listing)
    return listing


def _grant(listing, plan, member, now):
    """Give a new listing the mark as its association would have: most of an active member's,
    a few of a member that is about to be suspended (granted before the suspension)."""
    membership = member.membership
    if member.target == MembershipStatus.ACTIVE:
        wanted = plan.status != "archived" and random.Random(plan.title_vi).random() < GRANT_SHARE
        latest = now - timedelta(days=1)
    elif member.target == MembershipStatus.SUSPENDED:
        latest = _suspension_time(now) - timedelta(days=1)
        grants = sum(1 for e in membership.events if e.action == "grant")
        wanted = grants < SUSPENDED_GRANTS and listing.created_at < latest - timedelta(days=10)
    else:
        wanted = False
    if not wanted or membership.status != MembershipStatus.ACTIVE:
        return
    approved = next((e.at for e in membership.events if e.action == "approve"), membership.applied_at)
    granted = min(latest, max(approved, listing.created_at) + timedelta(days=2))
    db.session.add(ProductRight(trademark=membership.trademark, listing=listing, membership=membership, code=new_code(),
                                status=RightStatus.ACTIVE, granted_at=granted, granted_by_id=member.admin.id))
    _record(membership, member.admin, "grant", "", RightStatus.ACTIVE, granted, listing=listing)


# --- images ---------------------------------------------------------------------------------------


def _ensure_images(producers, plans):
    """Draw and store pictures for demo listings that have none, committing in batches."""
    slug_of = {producer.id: slug for slug, (producer, _) in producers.items()}
    rows = db.session.execute(
        select(Listing.id, Listing.producer_id, Listing.title_vi)
        .where(Listing.producer_id.in_(list(slug_of)), ~Listing.images.any()).order_by(Listing.id)
    ).all()
    jobs = [(listing_id, plans[(slug_of[producer_id], title)]) for listing_id, producer_id, title in rows
            if (slug_of[producer_id], title) in plans]
    if not jobs:
        return
    app = current_app._get_current_object()
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = pool.map(lambda job: (job[0], _draw_and_store(app, job[1])), jobs)
        for done, (listing_id, stored) in enumerate(results, start=1):
            for position, (path, thumb, width, height) in enumerate(stored):
                db.session.add(ListingImage(listing_id=listing_id, position=position, path=path, thumb_path=thumb,
                                            width=width, height=height))
            if done % IMAGE_BATCH == 0:
                db.session.commit()
    db.session.commit()
    log.info("demo data: drew pictures for %d listings", len(jobs))


def _draw_and_store(app, plan):
    """Runs in a worker thread: draw a listing's pictures and store them (files only, no database)."""
    with app.app_context():
        return [store_image(art.render(plan.art, plan.title_vi, index)) for index in range(plan.images)]
