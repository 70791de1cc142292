"""An office refers an importer: an e-mail with a signed sign-up link (``services.REFERRAL_LINK``).

Signing up through it as an importer, or accepting it with the importer account the address already
has, links the importer to the office; the importer's leads then say who referred them. The first
referral an importer takes up is the one kept.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from marketplace.accounts.models import ImporterProfile, Role
from marketplace.accounts.services import find_by_email, invited_account
from marketplace.core.errors import InvalidInput
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.leads.models import Inquiry
from marketplace.notifications.services import notify, public_url, send_email
from marketplace.tradeoffices.models import Referral, ReferralStatus
from marketplace.tradeoffices.schemas import ReferralSchema
from marketplace.tradeoffices.services import REFERRAL_LINK, office_of, opened, referring_office, take_up, valid_days


@transactional
def refer_importer(user, data):
    """E-mail the importer ``data`` names a sign-up link from the user's office: in English, or in the
    language of the account the address already has."""
    office = office_of(user)
    clean = load(ReferralSchema(), data)
    referral = Referral(office_id=office.id, **clean)
    db.session.add(referral)
    db.session.flush()
    link = public_url("tradeoffices.referral", token=REFERRAL_LINK.make(referral, email=referral.email))
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
    """The referral a link names, not yet taken up, or LinkError saying why not."""
    return opened(REFERRAL_LINK, token, Referral, _("This invitation has expired. Ask the trade office for a new one."),
                  lambda referral: referral.status == ReferralStatus.SENT)


@transactional
def accept_referral(token, user, data=None, locale="en"):
    """Sign up as an importer from the link (``data``: name, password, confirm), or accept with the signed-in
    account of the invited address (an importer, or a buyer who becomes one). Returns (referral, account)."""
    referral = referral_from_link(token)
    account = invited_account(user, referral.email, data, Role.IMPORTER, locale,
                              refused=_("Only an importer account can accept this invitation."))
    earlier = referring_office(account.id)
    if earlier is not None:
        raise InvalidInput(_("Your account was already referred by %(office)s.", office=earlier.name))
    if db.session.scalar(select(ImporterProfile.id).where(ImporterProfile.user_id == account.id)) is None:
        db.session.add(ImporterProfile(user_id=account.id, company=referral.company, country=referral.country,
                                       languages=account.reader_locale))
    take_up(Referral, referral, ReferralStatus.SENT, status=ReferralStatus.JOINED, importer_id=account.id,
            joined_at=utcnow())
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
