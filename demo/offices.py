"""The demo's trade office, through the trade-office services: staff invite the Vietnam Trade Office in
France, its counsellor opens the invitation and creates the account (the demo password), shares the
export directory's silk producers, and refers the demo importer, who accepts while signed in: the
importer's leads then say "Referred by …" to the producers. Each step is taken only when it has not
been yet, so a second load changes nothing.

The links are the ones the e-mails carry (``tradeoffices.services.OFFICE_LINK`` and ``REFERRAL_LINK``
make them for the office's and the referral's rows), opened as the person would open them."""
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from demo import content
from marketplace.extensions import db
from marketplace.tradeoffices import invitations, referrals, shares
from marketplace.tradeoffices.models import Referral, ReferralStatus, TradeOffice, TradeOfficeStatus
from marketplace.tradeoffices.services import OFFICE_LINK, REFERRAL_LINK, referring_office


def ensure_trade_office(people):
    """The active office with its account, one directory share and the importer's referral taken up."""
    plan = content.load("trade_office")
    wanted = plan["office"]
    office = db.session.scalar(select(TradeOffice).where(TradeOffice.email == wanted["email"]))
    if office is None:
        office = invitations.invite_office(people[content.load("accounts")["staff"]], wanted)
    if office.status == TradeOfficeStatus.INVITED:  # nobody signed in: the account is made on the invitation's page
        office, _account = invitations.accept_invitation(
            OFFICE_LINK.make(office, email=office.email), AnonymousUserMixin(),
            {"name": plan["person"], "password": content.PASSWORD, "confirm": content.PASSWORD}, locale="vi")
    if not shares.shares_of(office.user):
        shares.share_directory(office.user, plan["share"])
    _refer(office, plan["referral"], people[plan["referral"]["importer"]])
    return office


def _refer(office, wanted, importer):
    """The office refers the importer, who accepts with its own account (unless another office got there first)."""
    if referring_office(importer.id) is not None:
        return
    referral = db.session.scalar(select(Referral).where(Referral.office_id == office.id,
                                                        Referral.email == importer.email,
                                                        Referral.status == ReferralStatus.SENT))
    if referral is None:
        referral = referrals.refer_importer(office.user, {"email": importer.email, **{
            key: wanted[key] for key in ("company", "country", "note")}})
    referrals.accept_referral(REFERRAL_LINK.make(referral, email=referral.email), importer)

