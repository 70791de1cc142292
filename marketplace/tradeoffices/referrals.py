"""An office refers an importer: an e-mail with a signed sign-up link (``core.tokens.SignedLink``, its
own salt, valid ``TRADE_OFFICE_INVITATION_MAX_AGE`` seconds). Signing up through it as an importer, or
accepting it with the importer account the address already has, links the importer to the office; the
importer's leads then say who referred them. The first referral an importer takes up is the one kept.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from marketplace.accounts.models import ImporterProfile, Role
from marketplace.accounts.schemas import SignUpSchema
from marketplace.accounts.services import RegistrationError, find_by_email, new_user, normalise_email
from marketplace.core.errors import InvalidInput, NotAllowed
from marketplace.core.time import utcnow
from marketplace.core.tokens import SignedLink
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.leads.models import Inquiry
from marketplace.notifications.services import notify, public_url, send_email
from marketplace.tradeoffices.models import Referral, ReferralStatus
from marketplace.tradeoffices.schemas import ReferralSchema
from marketplace.tradeoffices.services import office_of, referring_office

_LINK = SignedLink("importer-referral", "TRADE_OFFICE_INVITATION_MAX_AGE")


class ReferralLinkError(InvalidInput):
    """Raised when a referral link is tampered with, expired or already used."""


def valid_days():
    return _LINK.valid_days()


@transactional
def refer_importer(user, data):
    """E-mail the importer ``data`` names a sign-up link from the user's office: in English, or in the
    language of the account the address already has."""
    office = office_of(user)
    clean = load(ReferralSchema(), data)
    referral = Referral(office_id=office.id, **clean)
    db.session.add(referral)
    db.session.flush()
    link = public_url("tradeoffices.referral", token=_LINK.make(referral, email=referral.email))
    existing = find_by_email(referral.email)
    note = f"\n\n{office.name}: “{referral.note}”" if referral.note else ""
    send_email(referral.email, _l("%(office)s invites %(company)s to source from Hanoi's craft villages",
                                  office=office.name, company=referral.company), _l(
        "%(office)s (%(city)s) recommends Làng Nghề Market to %(company)s: export-ready producers of Hanoi's "
        "craft villages, who answer bulk inquiries with quotes.%(note)s\n\nOpen this link to create your "
        "importer account, or to accept with the one you have (valid for %(days)s days):\n\n%(link)s",
        office=office.name, city=office.city, company=referral.company, note=note, days=valid_days(), link=link),
        locale=existing.reader_locale if existing is not None else "en")
    return referral


def referral_from_link(token):
    referral, data = _LINK.open(token, Referral, lambda: ReferralLinkError(
        _("This invitation has expired. Ask the trade office for a new one.")))
    if referral is None or referral.email != data.get("email"):
        raise ReferralLinkError(_("This link is not valid. Check that you opened the whole link."))
    if referral.status != ReferralStatus.SENT:
        raise ReferralLinkError(_("This invitation has already been used."))
    return referral


def has_account(referral):
    return find_by_email(referral.email) is not None


@transactional
def accept_referral(token, user, data=None, locale="en"):
    """Sign up as an importer from the link (``data``: name, password, confirm), or accept with the signed-in
    account of the invited address (an importer, or a buyer who becomes one). Returns (referral, account)."""
    referral = referral_from_link(token)
    if user.is_authenticated:
        if normalise_email(user.email) != referral.email:
            raise NotAllowed(_("This invitation was sent to %(email)s. Log out, then log in with that address "
                               "to accept it.", email=referral.email))
        if user.role not in (Role.BUYER, Role.IMPORTER):
            raise NotAllowed(_("Only an importer account can accept this invitation."))
        account = user
        account.role = Role.IMPORTER
    elif find_by_email(referral.email) is not None:
        raise NotAllowed(_("%(email)s already has an account: log in to accept.", email=referral.email))
    else:
        clean = load(SignUpSchema(), {**(data or {}), "email": referral.email}, error=RegistrationError)
        account = new_user(referral.email, clean["password"], clean["name"], Role.IMPORTER, locale, verified=True)
        db.session.flush()
    account.mark_verified()
    earlier = referring_office(account.id)
    if earlier is not None:
        raise InvalidInput(_("Your account was already referred by %(office)s.", office=earlier.name))
    if db.session.scalar(select(ImporterProfile.id).where(ImporterProfile.user_id == account.id)) is None:
        db.session.add(ImporterProfile(user_id=account.id, company=referral.company, country=referral.country,
                                       languages=account.reader_locale))
    moved = db.session.execute(update(Referral).where(
        Referral.id == referral.id, Referral.status == ReferralStatus.SENT).values(
        status=ReferralStatus.JOINED, importer_id=account.id, joined_at=utcnow()))
    if moved.rowcount != 1:  # of two clicks at the same moment, one wins
        raise ReferralLinkError(_("This invitation has already been used."))
    db.session.refresh(referral)
    if referral.office.user is not None:
        notify(referral.office.user, "tradeoffices.importer_joined",
               {"company": referral.company, "name": account.name})
    return referral, account


def referrals_of(user):
    """The office's referrals, newest first, each with its importer's inquiries by status:
    [(referral, {status: count})]."""
    office = office_of(user)
    referrals = db.session.scalars(select(Referral).where(Referral.office_id == office.id)
                                   .order_by(Referral.id.desc())).all()
    importers = [r.importer_id for r in referrals if r.importer_id is not None]
    counts = {}
    if importers:
        for importer_id, status, n in db.session.execute(
                select(Inquiry.importer_id, Inquiry.status, func.count()).where(Inquiry.importer_id.in_(importers))
                .group_by(Inquiry.importer_id, Inquiry.status).order_by(Inquiry.importer_id, Inquiry.status)):
            counts.setdefault(importer_id, {})[status] = n
    return [(r, counts.get(r.importer_id, {})) for r in referrals]
