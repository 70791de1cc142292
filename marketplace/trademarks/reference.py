"""Staff keep the associations and their collective marks; every change is recorded.

A mark carries what the IP office registered (number and date), the villages it covers, its
image (through ``catalog.images``) and its rules of use as a PDF (``trademarks.documents``).
"""
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import AssociationAdmin, Role
from marketplace.catalog import images
from marketplace.core import audit
from marketplace.core.errors import InvalidInput, found
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.trademarks import documents
from marketplace.trademarks.models import Association, Trademark
from marketplace.trademarks.schemas import AssociationSchema, TrademarkSchema
from marketplace.villages.models import Village

ASSOCIATION_FIELDS = ("slug", "name", "name_en")
TRADEMARK_FIELDS = ("slug", "name_vi", "name_en", "description_vi", "description_en", "registration_no",
                    "registration_date")
PER_PAGE = 30


def _trademark_state(trademark):
    state = audit.snapshot(trademark, TRADEMARK_FIELDS)
    state["villages"] = sorted(v.slug for v in trademark.villages)
    state["image"], state["rules"] = trademark.image_path, trademark.rules_filename
    return state


def association_page(page=1):
    query = select(Association).options(selectinload(Association.trademarks)).order_by(Association.name)
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def get_association(association_id):
    return found(Association, association_id, _("Association not found."))


@transactional
def create_association(actor, data):
    """A village association or cooperative union, which will own collective marks."""
    return audit.save_fields(actor, "association", Association(), AssociationSchema, data, ASSOCIATION_FIELDS)


@transactional
def update_association(actor, association_id, data):
    association = get_association(association_id)
    return audit.save_fields(actor, "association", association, AssociationSchema, data, ASSOCIATION_FIELDS)


@transactional
def add_association_admin(actor, association_id, user):
    """Let ``user`` administer this association's marks and members (an admin account from now on)."""
    association = get_association(association_id)
    if user.role not in (Role.ASSOCIATION_ADMIN, Role.BUYER, Role.STAFF):
        raise InvalidInput(_("That account cannot administer an association."), field="email")
    if any(link.user_id == user.id for link in association.admins):
        raise InvalidInput(_("That person already administers this association."), field="email")
    if user.role == Role.BUYER:
        user.role = Role.ASSOCIATION_ADMIN
    association.admins.append(AssociationAdmin(user_id=user.id))
    audit.record(actor, "association", association.id, association.name, "add_admin", {}, {"admin": user.email})
    return association


def get_trademark(trademark_id):
    return found(Trademark, trademark_id, _("Trademark not found."))


def _apply_trademark(trademark, clean, image, rules):
    """Set the mark's fields and files; returns the paths of files it replaced (to delete after)."""
    village_ids = clean.pop("villages")
    for name, value in clean.items():
        setattr(trademark, name, value)
    with db.session.no_autoflush:  # a new mark is not complete yet
        trademark.villages = db.session.scalars(select(Village).where(Village.id.in_(village_ids))).all()
    replaced = []
    if rules:  # first: a refused PDF then leaves no stored image behind
        data, filename = rules
        replaced += [trademark.rules_path] if trademark.rules_path else []
        trademark.rules_path, trademark.rules_filename = documents.store_pdf(data, filename)
    if image:
        replaced += [p for p in (trademark.image_path, trademark.image_thumb_path) if p]
        try:
            trademark.image_path, trademark.image_thumb_path, _w, _h = images.store_image(image, kind="marks")
        except images.ImageRejected as exc:
            raise images.ImageRejected(exc.message, field="image") from None
    return replaced


@transactional
def create_trademark(actor, association_id, data, image=None, rules=None):
    """A collective mark owned by an association; ``rules`` is (bytes, file name) of its rules of use."""
    association = get_association(association_id)
    clean = load(TrademarkSchema(), data)
    trademark = Trademark(association=association)
    _apply_trademark(trademark, clean, image, rules)
    db.session.add(trademark)
    db.session.flush()
    audit.record(actor, "trademark", trademark.id, trademark.name_vi, "create", {}, _trademark_state(trademark))
    return trademark


@transactional
def update_trademark(actor, trademark_id, data, image=None, rules=None):
    trademark = get_trademark(trademark_id)
    clean = load(TrademarkSchema(current_id=trademark.id), data)
    before = _trademark_state(trademark)
    replaced = _apply_trademark(trademark, clean, image, rules)
    db.session.flush()
    audit.record(actor, "trademark", trademark.id, trademark.name_vi, "update", before, _trademark_state(trademark))
    images.delete_files(*replaced)
    return trademark
