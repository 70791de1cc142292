"""Villages and crafts: the places and trades the catalogue is organised by."""
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from marketplace.core.errors import NotFound
from marketplace.extensions import db
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.villages.models import Craft, Village


def all_villages():
    """Villages with their crafts and how many approved producers each has (two queries)."""
    villages = db.session.scalars(select(Village).options(selectinload(Village.crafts)).order_by(Village.name)).all()
    counts = dict(db.session.execute(
        select(Producer.village_id, func.count(Producer.id)).where(Producer.status == ProducerStatus.APPROVED).group_by(Producer.village_id)
    ).all())
    return [(village, counts.get(village.id, 0)) for village in villages]


def village_by_slug(slug):
    village = db.session.scalar(select(Village).where(Village.slug == slug).options(selectinload(Village.crafts)))
    if village is None:
        raise NotFound(_("Village not found."))
    return village


def producers_in(village):
    return db.session.scalars(
        select(Producer).where(Producer.village_id == village.id, Producer.status == ProducerStatus.APPROVED).order_by(Producer.name)
    ).all()


def craft_by_slug(slug):
    craft = db.session.scalar(select(Craft).where(Craft.slug == slug).options(selectinload(Craft.villages)))
    if craft is None:
        raise NotFound(_("Craft not found."))
    return craft


def all_crafts():
    return db.session.scalars(select(Craft).order_by(Craft.name_vi)).all()
