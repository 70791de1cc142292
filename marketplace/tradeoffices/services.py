"""Who a trade office is to the rest of the marketplace: the office a user acts for, and the office
that referred an importer (which the importer's leads show)."""
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.core.errors import NotFound
from marketplace.extensions import db
from marketplace.tradeoffices.models import Referral, ReferralStatus, TradeOffice, TradeOfficeStatus


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
