"""Load the demo catalogue: ``flask --app wsgi demo-data [--no-images]``.

Everything is created through the same service functions a user's request goes through, so
the demo obeys the rules users do (and tells people what they would be told): accounts are
registered, producers created by their owners and approved by staff, memberships applied for
and approved by the association, listings created by their producers and granted the mark,
orders placed, shipped and delivered, inquiries sent and matched, a consortium's quote accepted
into a wholesale order with its deposit received, a trade office invited that shares the export
directory and refers the importer, delivered products reviewed
(one answered) and shops and a village followed. Reference data that only
staff would create (crafts, villages, associations and their marks) goes through the owning
domain's ``create_*`` service.

Idempotent: each thing is looked up by its natural key (slug, e-mail, (producer, Vietnamese
title), (trademark, producer), the importer's description) and created only when missing,
so a second run changes nothing; pictures are drawn only for demo listings that have none.
"""
from sqlalchemy import func, select

from demo import aftercare, catalogue, content, deals, offices, social, trade
from demo.people import account, ensure_people
from marketplace.accounts.models import Role, User
from marketplace.catalog.models import Listing, ListingImage
from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.producers.models import Producer
from marketplace.trademarks import reference as trademarks
from marketplace.trademarks.models import Association, Trademark
from marketplace.villages import reference as villages
from marketplace.villages.models import Craft, Village


def load_demo_data(with_images=True):
    """Create whatever part of the demo catalogue is missing; returns row counts of what exists."""
    ensure_crafts()
    ensure_villages()
    people = ensure_people()
    admins = ensure_trademarks()
    producers = catalogue.ensure_producers(people)
    members = catalogue.ensure_memberships(producers, admins)
    catalogue.ensure_listings(producers, members, with_images)
    catalogue.finish_suspensions(members)
    if with_images:
        catalogue.ensure_images(producers)
    trade.ensure_orders(people)
    trade.ensure_inquiries(people)
    deals.ensure_deal(people)
    offices.ensure_trade_office(people)
    social.ensure_reviews(people)
    social.ensure_follows(people)
    social.ensure_views()
    aftercare.ensure_aftercare(people)
    return counts()


def counts():
    """How many of each thing exist now (demo or not)."""
    tables = (("villages", Village), ("crafts", Craft), ("trademarks", Trademark), ("producers", Producer),
              ("listings", Listing), ("images", ListingImage), ("users", User), ("orders", Order))
    return {name: db.session.scalar(select(func.count()).select_from(model)) for name, model in tables}


def _existing(model, column, keys):
    """{key: row} of the rows of ``model`` whose ``column`` is one of ``keys``."""
    column = getattr(model, column)
    return {getattr(row, column.key): row for row in db.session.scalars(select(model).where(column.in_(list(keys))))}


def ensure_crafts():
    rows = content.load("crafts")
    existing = _existing(Craft, "slug", [row["slug"] for row in rows])
    for row in rows:
        if row["slug"] not in existing:
            villages.create_craft(None, row)


def ensure_villages():
    rows = content.load("villages")
    existing = _existing(Village, "slug", [row["slug"] for row in rows])
    crafts = _existing(Craft, "slug", {slug for row in rows for slug in row["crafts"]})
    for row in rows:
        if row["slug"] not in existing:
            villages.create_village(None, {**row, "crafts": [crafts[slug].id for slug in row["crafts"]]})


def ensure_trademarks():
    """The associations, their admins and their collective marks: {mark slug: (trademark, admin)}."""
    marks = {}
    for row in content.load("trademarks"):
        association = db.session.scalar(select(Association).where(Association.slug == row["association"]["slug"]))
        if association is None:
            association = trademarks.create_association(None, row["association"])
        admin = account(row["admin"]["email"], row["admin"]["name"], Role.ASSOCIATION_ADMIN)
        if not any(link.user_id == admin.id for link in association.admins):
            trademarks.add_association_admin(None, association.id, admin)
        trademark = db.session.scalar(select(Trademark).where(Trademark.slug == row["slug"]))
        if trademark is None:
            villages_covered = _existing(Village, "slug", row["villages"])
            trademark = trademarks.create_trademark(
                None, association.id, {**row, "villages": [villages_covered[slug].id for slug in row["villages"]]})
        marks[row["slug"]] = (trademark, admin)
    return marks
