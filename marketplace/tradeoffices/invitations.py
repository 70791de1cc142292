"""Staff create a trade office by inviting the person who will act for it (the association admins'
invitation pattern, ``trademarks.invitations``): a signed, expiring link (``core.tokens.SignedLink``,
its own salt, valid ``TRADE_OFFICE_INVITATION_MAX_AGE`` seconds) naming the office and the address.
Opening it proves the mailbox: a person without an account creates one there (already confirmed, role
``trade_office``); one with a buyer account logs in as that address and accepts.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from marketplace.accounts.models import Role
from marketplace.accounts.schemas import SignUpSchema
from marketplace.accounts.services import RegistrationError, find_by_email, new_user, normalise_email
from marketplace.core import audit
from marketplace.core.errors import InvalidInput, NotAllowed
from marketplace.core.time import utcnow
from marketplace.core.tokens import SignedLink
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.notifications.services import notify, public_url, send_email
from marketplace.tradeoffices.models import TradeOffice, TradeOfficeStatus
from marketplace.tradeoffices.schemas import OfficeSchema

_LINK = SignedLink("trade-office-invitation", "TRADE_OFFICE_INVITATION_MAX_AGE")


class OfficeLinkError(InvalidInput):
    """Raised when an office's invitation link is tampered with, expired or already used."""


def valid_days():
    return _LINK.valid_days()


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
    link = public_url("tradeoffices.invitation", token=_LINK.make(office, email=office.email))
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
    """The invited office a link names, or OfficeLinkError saying why not."""
    office, data = _LINK.open(token, TradeOffice, lambda: OfficeLinkError(
        _("This invitation has expired. Ask the platform's staff for a new one.")))
    if office is None or office.email != data.get("email"):
        raise OfficeLinkError(_("This link is not valid. Check that you opened the whole link."))
    if not office.is_invited:
        raise OfficeLinkError(_("This invitation has already been used."))
    return office


def has_account(office):
    return find_by_email(office.email) is not None


@transactional
def accept_invitation(token, user, data=None, locale="vi"):
    """Accept with the signed-in account (the invited address, a buyer or trade-office account), or create
    one from ``data``. Returns (office, account)."""
    office = office_from_link(token)
    if user.is_authenticated:
        if normalise_email(user.email) != office.email:
            raise NotAllowed(_("This invitation was sent to %(email)s. Log out, then log in with that address "
                               "to accept it.", email=office.email))
        if user.role not in (Role.BUYER, Role.TRADE_OFFICE):
            raise NotAllowed(_("This account is used for something else. Ask staff to invite another address."))
        account = user
        account.role = Role.TRADE_OFFICE
    elif find_by_email(office.email) is not None:
        raise NotAllowed(_("%(email)s already has an account: log in to accept.", email=office.email))
    else:
        clean = load(SignUpSchema(), {**(data or {}), "email": office.email}, error=RegistrationError)
        account = new_user(office.email, clean["password"], clean["name"], Role.TRADE_OFFICE, locale, verified=True)
        db.session.flush()
    account.mark_verified()
    moved = db.session.execute(update(TradeOffice).where(
        TradeOffice.id == office.id, TradeOffice.status == TradeOfficeStatus.INVITED).values(
        status=TradeOfficeStatus.ACTIVE, user_id=account.id, accepted_at=utcnow()))
    if moved.rowcount != 1:  # of two clicks at the same moment, one wins
        raise OfficeLinkError(_("This invitation has already been used."))
    db.session.refresh(office)
    if office.invited_by is not None:
        notify(office.invited_by, "tradeoffices.office_joined", {"name": account.name, "office": office.name})
    return office, account
