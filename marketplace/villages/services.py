"""Villages and crafts: the places and trades the catalogue is organised by."""
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from marketplace.core.errors import InvalidInput, NotFound
from marketplace.core.slugs import new_slug
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


# --- reference data (loaded by the demo; a staff back office will call these too) ---------


def _required(value, field):
    value = (value or "").strip()
    if not value:
        raise InvalidInput(_("This field is required."), field=field)
    return value


def create_craft(slug, name_vi, name_en):
    """A new craft (trade) that villages practise and listings are filed under."""
    craft = Craft(slug=new_slug(Craft, slug), name_vi=_required(name_vi, "name_vi"), name_en=_required(name_en, "name_en"))
    db.session.add(craft)
    db.session.commit()
    return craft


def create_village(slug, name, district, story_vi, story_en, craft_slugs):
    """A new craft village practising the crafts named by ``craft_slugs`` (which must exist)."""
    crafts = db.session.scalars(select(Craft).where(Craft.slug.in_(list(craft_slugs)))).all()
    if not craft_slugs or len(crafts) != len(set(craft_slugs)):
        raise InvalidInput(_("Unknown craft."), field="crafts")
    village = Village(slug=new_slug(Village, slug), name=_required(name, "name"), district=(district or "").strip(),
                      story_vi=(story_vi or "").strip(), story_en=(story_en or "").strip(), crafts=crafts)
    db.session.add(village)
    db.session.commit()
    return village
