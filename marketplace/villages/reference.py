"""Staff keep the reference data: crafts, and villages with their photo; every change is recorded.

Each function owns its transaction and writes the change history (``core.audit``) in it. A
village's photo goes through the listings' image pipeline (``catalog.images``): checked by
content, size-limited, resized, stored under UPLOAD_FOLDER/villages.
"""
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.catalog import images
from marketplace.core import audit
from marketplace.core.errors import found
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.villages.models import Craft, Village
from marketplace.villages.schemas import CraftSchema, VillageSchema

CRAFT_FIELDS = ("slug", "name_vi", "name_en")
VILLAGE_FIELDS = ("slug", "name", "commune", "district", "story_vi", "story_en", "recognised", "recognised_year")
PER_PAGE = 30


def _village_state(village):
    state = audit.snapshot(village, VILLAGE_FIELDS)
    state["crafts"] = sorted(c.slug for c in village.crafts)
    state["photo"] = village.photo_path
    return state


def craft_page(page=1):
    return db.paginate(select(Craft).order_by(Craft.name_vi), page=page, per_page=PER_PAGE, error_out=False)


def get_craft(craft_id):
    return found(Craft, craft_id, _("Craft not found."))


@transactional
def create_craft(actor, data):
    """A new craft (trade) that villages practise and listings are filed under."""
    return audit.save_fields(actor, "craft", Craft(), CraftSchema, data, CRAFT_FIELDS, "name_vi")


@transactional
def update_craft(actor, craft_id, data):
    return audit.save_fields(actor, "craft", get_craft(craft_id), CraftSchema, data, CRAFT_FIELDS, "name_vi")


def village_page(page=1):
    query = select(Village).options(selectinload(Village.crafts)).order_by(Village.name)
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def get_village(village_id):
    return found(Village, village_id, _("Village not found."))


def _apply_village(village, clean, photo):
    crafts = clean.pop("crafts")
    for name, value in clean.items():
        setattr(village, name, value)
    if not village.recognised:
        village.recognised_year = None
    village.crafts = db.session.scalars(select(Craft).where(Craft.id.in_(crafts)).order_by(Craft.name_vi)).all()
    if photo:
        old = (village.photo_path, village.photo_thumb_path)
        try:
            village.photo_path, village.photo_thumb_path, _w, _h = images.store_image(photo, kind="villages")
        except images.ImageRejected as exc:
            raise images.ImageRejected(exc.message, field="photo") from None
        return [p for p in old if p]
    return []


@transactional
def create_village(actor, data, photo=None):
    """A new craft village: ``data`` as the form sends it (``VillageSchema``), ``photo`` the uploaded bytes."""
    clean = load(VillageSchema(), data)
    village = Village()
    _apply_village(village, clean, photo)
    db.session.add(village)
    db.session.flush()
    audit.record(actor, "village", village.id, village.name, "create", {}, _village_state(village))
    return village


@transactional
def update_village(actor, village_id, data, photo=None):
    """Change a village (a new ``photo`` replaces the old one, whose files are deleted)."""
    village = get_village(village_id)
    clean = load(VillageSchema(current_id=village.id), data)
    before = _village_state(village)
    replaced = _apply_village(village, clean, photo)
    db.session.flush()
    audit.record(actor, "village", village.id, village.name, "update", before, _village_state(village))
    images.delete_files(*replaced)
    return village
