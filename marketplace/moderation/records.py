"""The moderation log and the sanctions in force: written by every moderation service, read by pages."""
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.core.errors import NotAllowed
from marketplace.extensions import db
from marketplace.moderation.constants import LOG_PER_PAGE
from marketplace.moderation.models import ModerationAction, Sanction


def require_staff(actor):
    """Moderation is staff's work: anyone else is refused (views check too)."""
    if actor is None or not getattr(actor, "is_staff", False):
        raise NotAllowed(_("Only platform staff can do that."))


def record(actor, action, subject_kind, subject_id, reason=""):
    """Add one line to the moderation log, in the caller's transaction."""
    row = ModerationAction(actor_id=actor.id if actor is not None else None, action=action,
                           subject_kind=subject_kind, subject_id=subject_id, reason=reason or "")
    db.session.add(row)
    return row


def in_force(kind, subject_id):
    """The sanction of ``kind`` in force on this subject, or None."""
    return db.session.scalar(select(Sanction).where(
        Sanction.kind == kind, Sanction.subject_id == subject_id, Sanction.lifted_at.is_(None)).order_by(Sanction.id.desc()))


def sanction_reason(kind, subject_id):
    """Why staff took the measure in force on this subject ("" when none is): what its owner reads."""
    sanction = in_force(kind, subject_id)
    return sanction.reason if sanction is not None else ""


def all_in_force(kind):
    return db.session.scalars(select(Sanction).where(Sanction.kind == kind, Sanction.lifted_at.is_(None))
                              .order_by(Sanction.imposed_at.desc())).all()


def log(page=1, subject_kind=None, subject_id=None):
    """The moderation log, newest first; for one subject when given."""
    query = select(ModerationAction)
    if subject_kind:
        query = query.where(ModerationAction.subject_kind == subject_kind)
    if subject_id:
        query = query.where(ModerationAction.subject_id == subject_id)
    return db.paginate(query.order_by(ModerationAction.id.desc()), page=page, per_page=LOG_PER_PAGE, error_out=False)
