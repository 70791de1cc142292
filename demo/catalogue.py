"""The demo's producers, their trademark memberships, their listings and the listings' marks and pictures.

Each producer is created by its owner's account and approved by staff; members apply for
their village's mark and the association's admin approves them, grants the mark to their
listings and, for the one suspended member, suspends it after the grants (so its history
reads apply, approve, grant…, suspend). Listings are created by their owner with their
pictures, which are drawn ahead in worker threads while the services store them.
"""
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import repeat

from sqlalchemy import select

from demo import art, content
from demo.people import account
from marketplace.accounts.models import Role, User
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Listing
from marketplace.extensions import db
from marketplace.moderation import services as moderation
from marketplace.producers import invitations
from marketplace.producers import services as producers
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks import services as trademarks
from marketplace.trademarks.models import Membership, MembershipStatus
from marketplace.villages.models import Craft, Village

PROFILE = ("name", "kind", "story_vi", "story_en", "phone", "export_ready", "monthly_capacity",
           "bank_name", "bank_account_number", "bank_account_name")
LISTING = ("title_vi", "title_en", "description_vi", "description_en", "price_vnd", "stock", "unit", "materials",
           "lead_time_days", "moq", "hs_code", "status", "variants", "tiers")


def _profile(row, village_id):
    """What the producer's owner fills in on the registration form."""
    data = {key: row[key] for key in PROFILE}
    data["village_id"] = village_id
    data["free_shipping_over_vnd"] = row.get("free_shipping_over_vnd")  # a few shops ship free over a sum
    return data


def _rate(staff, owner, producer, row, today):
    """The owner sends the OCOP certificate and staff approve it, as on the OCOP page and the staff queue."""
    expires = today + timedelta(days=30 * row["ocop_months"])  # months from today; negative: already expired
    stars = row["ocop_stars"]
    sent = moderation.submit_ocop(owner, producer.id, {
        "stars": stars, "certificate_number": f"OCOP-HN-{producer.id:04d}", "expires_on": expires,
        "issuer": "Hội đồng OCOP Trung ương" if stars == 5 else "UBND Thành phố Hà Nội"})
    moderation.approve_ocop(staff, sent.id)


def ensure_producers(people):
    """Demo producers, created by their owners, with the officer added and staff's approval: {slug: (producer, owner)}."""
    names = content.load("accounts")
    staff, officer = people[names["staff"]], people[names["officer"]]
    village_ids = dict(db.session.execute(select(Village.slug, Village.id)).all())
    rows = content.load("producers")
    existing = {p.slug: p for p in db.session.scalars(select(Producer).where(Producer.slug.in_([row["slug"] for row in rows])))}
    today, found = date.today(), {}
    for row in rows:
        owner = account(row["owner"]["email"], row["owner"]["name"], Role.PRODUCER)
        producer = existing.get(row["slug"])
        if producer is None:
            producer = producers.create_producer(owner, _profile(row, village_ids[row["village"]]), slug=row["slug"])
            if row["ocop_stars"]:
                _rate(staff, owner, producer, row, today)
        if row["officer"] and not producers.can_act_for(officer, producer.id):
            # As a real officer joins: the owner invites, the officer accepts.
            invitations.invite_officer(owner, producer.id, officer.email)
            waiting = next(i for i in invitations.invitations_for(officer) if i.producer_id == producer.id)
            invitations.accept_invitation(officer, waiting.id)
        if row["status"] == ProducerStatus.APPROVED and producer.status == ProducerStatus.PENDING:
            producers.approve(staff, producer.id)
        found[row["slug"]] = (producer, owner)
    return found


@dataclass
class Member:
    """A demo membership: ``target`` is the status it ends in, ``new`` whether this run applied for it."""

    membership: Membership
    admin: User
    target: str
    new: bool
    note: str = ""


def ensure_memberships(producers_by_slug, marks):
    """Memberships of demo producers in their village's mark, applied for and approved: {producer slug: Member}.

    A member that ends suspended is approved now and suspended by ``finish_suspensions``, once
    its listings hold the mark.
    """
    mark_of_village = {village: row["slug"] for row in content.load("trademarks") for village in row["villages"]}
    members = {}
    for row in content.load("producers"):
        slug = mark_of_village.get(row["village"])
        if row["membership"] is None or slug is None:
            continue
        (producer, owner), (trademark, admin) = producers_by_slug[row["slug"]], marks[slug]
        membership = db.session.scalar(select(Membership).where(
            Membership.trademark_id == trademark.id, Membership.producer_id == producer.id))
        new = membership is None
        if new:
            membership = trademarks.apply_for_membership(owner, producer.id, trademark.id)
            if row["membership"] != MembershipStatus.PENDING:
                membership = trademarks.decide(admin, membership.id, "approve")
        members[row["slug"]] = Member(membership, admin, row["membership"], new, row.get("suspension_note", ""))
    return members


def finish_suspensions(members):
    for member in members.values():
        if member.new and member.target == MembershipStatus.SUSPENDED:
            trademarks.decide(member.admin, member.membership.id, "suspend", note=member.note)


# Shipping weight of one unit, packed, by craft, for demo listings that do not give their own.
WEIGHT_GRAMS = {
    "ceramics": 1500, "silk": 300, "embroidery": 400, "lacquer": 1200, "rattan-bamboo": 900, "wood-carving": 2500,
    "sculpture": 3000, "silver": 200, "sheet-metal": 2000, "knitwear": 500, "food": 600, "furniture": 15000,
    "sewing": 400, "agricultural-machinery": 20000,
}


def _listing_data(item, craft_id, craft_slug=""):
    """What the producer fills in on the listing form."""
    weight = item.get("weight_grams") or WEIGHT_GRAMS.get(craft_slug, 800)
    pack = {key: item[key] for key in ("pack_size", "pack_unit") if key in item}  # a set of 6, a 500 g pack
    return {**{key: item[key] for key in LISTING}, **pack, "craft_id": craft_id, "weight_grams": weight}


def _draw(item):
    return [art.render(item["art"], item["title_vi"], index) for index in range(item["images"])]


def _pictures(items):
    """Each item's pictures as JPEG bytes, in order, drawn ahead in worker threads (no app or database needed)."""
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        yield from pool.map(_draw, items)


def ensure_listings(producers_by_slug, members, with_images=True):
    """Create the demo listings that are missing, oldest first, and have the association grant the mark."""
    crafts = dict(db.session.execute(select(Craft.slug, Craft.id)).all())
    planned = content.load("listings")
    missing = []
    for row in content.load("producers"):
        producer, owner = producers_by_slug[row["slug"]]
        have = set(db.session.scalars(select(Listing.title_vi).where(Listing.producer_id == producer.id)))
        missing += [(row, item) for item in planned[row["slug"]] if item["title_vi"] not in have]
    pictures = _pictures([item for _, item in missing]) if with_images else repeat([])
    for (row, item), uploads in zip(missing, pictures):
        producer, owner = producers_by_slug[row["slug"]]
        listing = catalog.create_listing(owner, producer.id, _listing_data(item, crafts[row["craft"]], row["craft"]), uploads)
        member = members.get(row["slug"])
        if item["mark"] and member is not None and member.membership.status == MembershipStatus.ACTIVE:
            trademarks.grant_right(member.admin, member.membership.id, listing.id)


def ensure_images(producers_by_slug):
    """Pictures for demo listings that have none (loaded earlier with ``--no-images``)."""
    by_producer = {producer.id: (slug, owner) for slug, (producer, owner) in producers_by_slug.items()}
    planned = {(slug, item["title_vi"]): item for slug, items in content.load("listings").items() for item in items}
    rows = db.session.execute(
        select(Listing.id, Listing.producer_id, Listing.title_vi)
        .where(Listing.producer_id.in_(list(by_producer)), ~Listing.images.any()).order_by(Listing.id)).all()
    jobs = [(listing_id, by_producer[producer_id][1], planned[(by_producer[producer_id][0], title)])
            for listing_id, producer_id, title in rows if (by_producer[producer_id][0], title) in planned]
    for (listing_id, owner, _item), uploads in zip(jobs, _pictures([item for _, _, item in jobs])):
        catalog.add_images(owner, listing_id, uploads)
