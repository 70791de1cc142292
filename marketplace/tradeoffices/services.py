"""Who a trade office is to the rest of the marketplace: the office a user acts for, and the office
that referred an importer (which the importer's leads show); and the e-mailed links that bring people in.

An office's invitation and an importer's referral are signed, expiring links (``core.tokens.SignedLink``,
each with its own salt, both valid ``TRADE_OFFICE_INVITATION_MAX_AGE`` seconds) naming the row and the
address they were sent to; opening one proves the mailbox.
"""
from flask_babel import gettext as _
from sqlalchemy import select, update

from marketplace.accounts.models import Role
from marketplace.accounts.services import find_by_email
from marketplace.core.errors import InvalidInput, NotFound
from marketplace.core.tokens import SignedLink
from marketplace.extensions import db
from marketplace.tradeoffices.models import Referral, ReferralStatus, TradeOffice, TradeOfficeStatus

OFFICE_LINK = SignedLink("trade-office-invitation", "TRADE_OFFICE_INVITATION_MAX_AGE")
REFERRAL_LINK = SignedLink("importer-referral", "TRADE_OFFICE_INVITATION_MAX_AGE")


class LinkError(InvalidInput):
    """Raised when an office's invitation or an importer's referral link is tampered with, expired or used."""


def valid_days():
    """How many days an invitation or a referral link stays valid."""
    return OFFICE_LINK.valid_days()


def opened(link, token, model, expired, still_open):
    """The row ``link``'s token names while ``still_open(row)``, or LinkError saying why not."""
    return link.open_invitation(token, model, LinkError, expired, _("This invitation has already been used."),
                                still_open)


def take_up(model, row, waiting, **values):
    """Move an invitation or referral ``row`` out of ``waiting`` once, setting ``values``: of two clicks at the
    same moment, one wins (the other gets LinkError)."""
    moved = db.session.execute(update(model).where(model.id == row.id, model.status == waiting).values(**values))
    if moved.rowcount != 1:
        raise LinkError(_("This invitation has already been used."))
    db.session.refresh(row)


def has_account(invited):
    """Whether the address an invitation or a referral went to already has an account."""
    return find_by_email(invited.email) is not None


def office_of(user):
    """The active office ``user`` acts for; NotFound for anyone else (staff included: they see the list)."""
    office = None
    if user.is_authenticated and user.role == Role.TRADE_OFFICE:
        office = db.session.scalar(select(TradeOffice).where(TradeOffice.user_id == user.id,
                                                             TradeOffice.status == TradeOfficeStatus.ACTIVE))
    if office is None:
        raise NotFound(_("Trade office not found."))
    return office


def referring_office(importer_id):
    """The office whose referral the importer took up, or None."""
    return db.session.scalar(select(TradeOffice).join(Referral, Referral.office_id == TradeOffice.id).where(
        Referral.importer_id == importer_id, Referral.status == ReferralStatus.JOINED))


def referral_summary(importer_id):
    """The referring office as the API shows it ({"office", "city", "country"}), or None."""
    office = referring_office(importer_id)
    return {"office": office.name, "city": office.city, "country": office.country} if office else None


def all_offices():
    """Every office, invited or active, newest first (the staff page)."""
    return db.session.scalars(select(TradeOffice).order_by(TradeOffice.id.desc())).all()
