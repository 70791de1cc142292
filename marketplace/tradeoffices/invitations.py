"""Staff create a trade office by inviting the person who will act for it (the association admins'
invitation pattern, ``trademarks.invitations``), by a signed link (``services.OFFICE_LINK``). A person
without an account creates one there (already confirmed, role ``trade_office``); one with a buyer
account logs in as that address and accepts.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.accounts.models import Role
from marketplace.accounts.services import find_by_email, invited_account
from marketplace.core import audit
from marketplace.core.errors import InvalidInput, NotAllowed
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.notifications.services import notify, public_url, send_email
from marketplace.tradeoffices.models import TradeOffice, TradeOfficeStatus
from marketplace.tradeoffices.schemas import OfficeSchema
from marketplace.tradeoffices.services import OFFICE_LINK, opened, take_up, valid_days


@transactional
def invite_office(actor, data):
    """Create the office ``data`` describes (staff only) and e-mail its address the link to accept."""
    if actor.role != Role.STAFF:
        raise NotAllowed(_("Only staff create trade offices."))
    clean = load(OfficeSchema(), data)
    taken = db.session.scalar(select(TradeOffice).where(TradeOffice.email == clean["email"]))
    if taken is not None:
        raise InvalidInput(_("%(email)s is already invited for %(office)s.", email=clean["email"], office=taken.name),
                           field="email")
    office = TradeOffice(**clean, invited_by_id=actor.id)
    db.session.add(office)
    db.session.flush()
    link = public_url("tradeoffices.invitation", token=OFFICE_LINK.make(office, email=office.email))
    invitee = find_by_email(office.email)
    send_email(office.email, _l("Invitation to Làng Nghề Market for %(office)s", office=office.name), _l(
        "%(inviter)s invited you to act for %(office)s on Làng Nghề Market: share the export directory of "
        "Hanoi's craft villages with importers and refer importers to the producers.\n\nOpen this link to "
        "accept (valid for %(days)s days):\n\n%(link)s\n\nIf you did not expect this, ignore this message.",
        inviter=actor.name, office=office.name, days=valid_days(), link=link),
        locale=invitee.reader_locale if invitee is not None else "en")
    audit.record(actor, "trade_office", office.id, office.name, "invite_office", {}, {"invited": office.email})
    return office


def office_from_link(token):
    """The invited office a link names, or LinkError saying why not."""
    return opened(OFFICE_LINK, token, TradeOffice, _("This invitation has expired. Ask the platform's staff for a new "
                                                     "one."), lambda office: office.status == TradeOfficeStatus.INVITED)


@transactional
def accept_invitation(token, user, data=None, locale="vi"):
    """Accept with the signed-in account (the invited address, a buyer or trade-office account), or create
    one from ``data`` (name, password, confirm).

    Returns (office, account); staff who invited are told.
    """
    office = office_from_link(token)
    account = invited_account(user, office.email, data, Role.TRADE_OFFICE, locale, refused=_(
        "This account is used for something else. Ask staff to invite another address."))
    take_up(TradeOffice, office, TradeOfficeStatus.INVITED, status=TradeOfficeStatus.ACTIVE, user_id=account.id,
            accepted_at=utcnow())
    if office.invited_by is not None:
        notify(office.invited_by, "tradeoffices.office_joined", {"name": account.name, "office": office.name})
    return office, account
