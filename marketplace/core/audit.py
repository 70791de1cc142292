"""Who changed what, when: one history of the platform's reference data, shown to staff.

A service that creates or changes a village, a craft, an association, a mark, an invitation or a
village request calls ``record`` in its own transaction, with the row's fields before and after;
only the fields that changed are kept, each as ``[before, after]``.
"""
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core import labels
from marketplace.core.columns import Keyed
from marketplace.core.time import utcnow
from marketplace.core.types import UTCDateTime
from marketplace.core.validation import load
from marketplace.extensions import db

PER_PAGE = 30

labels.register("entity", {"village": _l("Village"), "craft": _l("Craft"), "association": _l("Association"),
                           "trademark": _l("Collective trademark"), "village_request": _l("Village request")})
labels.register("change", {
    "create": _l("Created"), "update": _l("Changed"), "invite": _l("Admin invited"),
    "cancel_invitation": _l("Invitation cancelled"), "add_admin": _l("Admin added"), "request": _l("Requested"),
    "approved": _l("Approved"), "declined": _l("Declined"),
})
labels.register("field", {
    "slug": _l("Address (slug)"), "name": _l("Name"), "name_vi": _l("Name in Vietnamese"),
    "name_en": _l("Name in English"), "commune": _l("Commune or ward"), "district": _l("Former district"),
    "story_vi": _l("Story (Vietnamese)"), "story_en": _l("Story (English)"), "recognised": _l("Recognised"),
    "recognised_year": _l("Year of recognition"), "crafts": _l("Crafts"), "photo": _l("Photo"),
    "description_vi": _l("Description (Vietnamese)"), "description_en": _l("Description (English)"),
    "registration_no": _l("Registration number"), "registration_date": _l("Date of registration"),
    "villages": _l("Villages covered"), "image": _l("Image"), "rules": _l("Rules of use"),
    "admin": _l("Admin"), "invited": _l("Invited"), "craft": _l("Craft"), "status": _l("Status"),
    "reason": _l("Reason"),
})


class Change(Keyed, db.Model):
    """One change to one record of the reference data."""

    __tablename__ = "changes"

    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # What was changed: "village", "craft", "association", "trademark", "village_request".
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(Integer)
    # The record's name when it changed, so the global list reads without loading each record.
    label: Mapped[str] = mapped_column(String(200), default="")
    # "create", "update", "invite", "cancel_invitation", "add_admin", "approve", "decline", "request"
    action: Mapped[str] = mapped_column(String(32))
    # {field: [before, after]} of the fields that changed (before is None on creation).
    fields = mapped_column(JSON, default=dict)
    at = mapped_column(UTCDateTime, default=utcnow, index=True)

    actor = relationship("User")

    __table_args__ = (db.Index("ix_changes_entity", "entity", "entity_id"),)


def plain(value):
    """A field's value as JSON keeps it (dates as ISO text, collections as sorted lists)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(plain(v) for v in value)
    return value


def snapshot(row, names):
    """The values of ``names`` on ``row`` (None for a row not made yet)."""
    return {name: plain(getattr(row, name)) for name in names} if row is not None else {}


def record(actor, entity, entity_id, label, action, before, after):
    """Write one change (the caller's transaction commits it); nothing when no field changed on update.

    On creation (and other actions) only the fields given a value are kept.
    """
    changed = {name: [before.get(name), value] for name, value in after.items()
               if before.get(name) != value and (action == "update" or value not in ("", None, []))}
    if action == "update" and not changed:
        return None
    change = Change(actor_id=actor.id if actor is not None else None, entity=entity, entity_id=entity_id,
                    label=(label or "")[:200], action=action, fields=changed)
    db.session.add(change)
    return change


def save(actor, entity, row, clean, state, label_field="name"):
    """Set ``clean`` values on ``row`` (new when it has no id yet) and record the creation or change.

    ``state(row)`` is what the history compares (its fields as JSON keeps them). The caller owns
    the transaction.
    """
    new = row.id is None
    before = {} if new else state(row)
    for name, value in clean.items():
        setattr(row, name, value)
    if new:
        db.session.add(row)
    db.session.flush()
    record(actor, entity, row.id, getattr(row, label_field), "create" if new else "update", before, state(row))
    return row


def save_fields(actor, entity, row, schema, data, fields, label_field="name"):
    """``save`` for a record of plain ``fields`` only (a craft, an association): ``data`` is checked
    by ``schema`` (a ``BaseSchema`` class, told which row is edited) and the history compares ``fields``."""
    clean = load(schema(current_id=row.id), data)
    return save(actor, entity, row, clean, lambda r: snapshot(r, fields), label_field)


def history(entity, entity_id):
    """Every change to one record, newest first."""
    return db.session.scalars(select(Change).where(Change.entity == entity, Change.entity_id == entity_id)
                              .order_by(Change.id.desc())).all()


def all_changes(page=1, entity=None):
    """Every change, newest first, a page at a time (optionally of one kind of record)."""
    query = select(Change).order_by(Change.id.desc())
    if entity:
        query = query.where(Change.entity == entity)
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)
