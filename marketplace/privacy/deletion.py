"""Deleting an account: personal data goes, the records the law keeps stay, anonymised.

The user row itself stays as an anonymous stand-in (an address nobody has, no name, no usable
password, inactive, ``deleted_at`` set), because orders, quotes and the ledger point at it.
Orders the person placed keep their totals and lines (accounting and tax records) but lose the
name, phone and address; payouts and the ledger are not touched. Everything else that is theirs
(notifications, cart, saved products and follows, API tokens, company profile, memberships of
shops and associations, e-mails waiting to be sent to them, invitations to their address, village
requests still waiting) is deleted. Their reviews stay, signed by the anonymous stand-in.
What they wrote into records that others keep is emptied: their reports' text (staff keep the
report, its subject and outcome), their decided village requests' names and places (the village
staff created stays), and their address in the history of association invitations. Nothing that names the
person is logged or kept, so the address can register again at once.
"""
import secrets

from flask_babel import gettext as _
from sqlalchemy import delete, exists, func, select, update
from werkzeug.security import generate_password_hash

from marketplace.accounts.models import ApiToken, AssociationAdmin, ImporterProfile, ProducerMember, Role
from marketplace.accounts.schemas import PasswordSchema
from marketplace.core.audit import Change
from marketplace.core.errors import InvalidInput
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.follows.models import DigestMark, Favourite, Follow
from marketplace.leads.models import Inquiry, InquiryStatus, LeadMessage
from marketplace.messages.models import PartMessage
from marketplace.moderation.models import Report
from marketplace.notifications.models import Notification, OutboxMessage
from marketplace.orders.models import Address, Cart, CartItem, Order, OrderPart, PartStatus, PayoutStatus
from marketplace.producers.models import OfficerInvitation, Producer, ProducerStatus
from marketplace.returns.models import ReturnRequest
from marketplace.trademarks.models import AdminInvitation
from marketplace.villages.models import RequestStatus, VillageRequest

# What a deleted account's orders show instead of the recipient's name (the other fields are emptied).
ANONYMOUS = "—"
_UNPAID = (PayoutStatus.DUE, PayoutStatus.IN_BATCH)
# Association history entries that name an invited or added admin's address (trademarks.invitations, .reference).
_ADDRESS_CHANGES = ("invite", "cancel_invitation", "add_admin")


class DeletionRefused(InvalidInput):
    """Raised when an account cannot be deleted yet (orders to finish, earnings to be paid, the last admin)."""


def _owned_producers(user):
    return db.session.scalars(select(Producer).join(ProducerMember).where(
        ProducerMember.user_id == user.id, ProducerMember.role == ProducerMember.OWNER).order_by(Producer.name)).all()


def blockers(user):
    """Why ``user`` cannot delete the account now, as sentences (empty when nothing stands in the way)."""
    reasons = []
    open_orders = db.session.scalar(select(func.count(func.distinct(Order.id))).join(OrderPart).where(
        Order.buyer_id == user.id, OrderPart.status.in_(PartStatus.OPEN)))
    if open_orders:
        reasons.append(_("%(n)s of your orders are not delivered or cancelled yet: they need your address.",
                         n=open_orders))
    for producer in _owned_producers(user):
        busy = db.session.scalar(select(exists().where(OrderPart.producer_id == producer.id,
                                                       OrderPart.status.in_(PartStatus.OPEN))))
        unpaid = db.session.scalar(select(exists().where(OrderPart.producer_id == producer.id,
                                                         OrderPart.payout_status.in_(_UNPAID))))
        if busy:
            reasons.append(_("%(shop)s has orders to ship or deliver.", shop=producer.name))
        if unpaid:
            reasons.append(_("%(shop)s has earnings not paid out yet.", shop=producer.name))
    for link in db.session.scalars(select(AssociationAdmin).where(AssociationAdmin.user_id == user.id)).all():
        admins = db.session.scalar(select(func.count()).select_from(AssociationAdmin).where(
            AssociationAdmin.association_id == link.association_id))
        if admins == 1:
            reasons.append(_("You are the only admin of %(association)s: another admin must be named first.",
                             association=link.association.name))
    return reasons


def _close_shops_owned_alone(user):
    """A shop whose only member is this person closes: hidden, without its phone and bank account."""
    for producer in _owned_producers(user):
        if len(producer.members) == 1:
            producer.status = ProducerStatus.SUSPENDED
            producer.phone = producer.bank_name = producer.bank_account_number = producer.bank_account_name = ""


def _scrub_writings(user, email):
    """Empty what the person wrote into records others keep: reports, village requests, invitation history."""
    db.session.execute(update(Report).where(Report.reporter_id == user.id).values(text=""))
    request_ids = db.session.scalars(select(VillageRequest.id).where(VillageRequest.requested_by_id == user.id)).all()
    db.session.execute(delete(VillageRequest).where(VillageRequest.requested_by_id == user.id,
                                                    VillageRequest.status == RequestStatus.PENDING))
    db.session.execute(update(VillageRequest).where(VillageRequest.requested_by_id == user.id).values(
        name=ANONYMOUS, district="", commune="", craft=""))
    for change in db.session.scalars(select(Change).where(Change.entity == "village_request",
                                                          Change.entity_id.in_(request_ids or [0]))):
        change.label = ANONYMOUS
        change.fields = {name: value for name, value in (change.fields or {}).items()
                         if name not in ("name", "district", "commune", "craft")}
    db.session.execute(delete(AdminInvitation).where(func.lower(AdminInvitation.email) == email))
    for change in db.session.scalars(select(Change).where(Change.entity == "association",
                                                          Change.action.in_(_ADDRESS_CHANGES))):
        fields = {name: [ANONYMOUS if str(value).lower() == email else value for value in values]
                  for name, values in (change.fields or {}).items()}
        if fields != change.fields:
            change.fields = fields


@transactional
def delete_account(user, data):
    """Delete ``user``'s account once its password is given; DeletionRefused says what must be settled first."""
    password = load(PasswordSchema(), data)["password"]
    if not user.check_password(password):
        raise InvalidInput(_("That is not your password."), field="password")
    reasons = blockers(user)
    if reasons:
        raise DeletionRefused(" ".join(reasons))
    email = user.email
    db.session.execute(update(Order).where(Order.buyer_id == user.id).values(
        recipient_name=ANONYMOUS, phone="", province="", district="", ward="", street="", note=""))
    db.session.execute(update(Inquiry).where(Inquiry.importer_id == user.id, Inquiry.status == InquiryStatus.OPEN)
                       .values(status=InquiryStatus.CLOSED, closed_at=utcnow()))
    db.session.execute(update(LeadMessage).where(LeadMessage.author_id == user.id).values(body=""))
    _scrub_writings(user, email.lower())
    db.session.execute(update(PartMessage).where(PartMessage.author_id == user.id).values(body=""))
    db.session.execute(update(ReturnRequest).where(ReturnRequest.buyer_id == user.id).values(reason=""))
    _close_shops_owned_alone(user)
    db.session.execute(delete(CartItem).where(CartItem.cart_id.in_(select(Cart.id).where(Cart.user_id == user.id))))
    for model, column in ((Notification, Notification.user_id), (Cart, Cart.user_id), (Address, Address.user_id),
                          (ApiToken, ApiToken.user_id),
                          (ImporterProfile, ImporterProfile.user_id), (ProducerMember, ProducerMember.user_id),
                          (AssociationAdmin, AssociationAdmin.user_id), (Favourite, Favourite.user_id),
                          (Follow, Follow.user_id), (DigestMark, DigestMark.user_id)):
        db.session.execute(delete(model).where(column == user.id))
    db.session.execute(delete(OfficerInvitation).where(func.lower(OfficerInvitation.email) == email))
    db.session.execute(delete(OutboxMessage).where(func.lower(OutboxMessage.to_email) == email))
    db.session.expire(user, ["producer_links", "association_links"])
    user.email = f"deleted-{user.id}@deleted.invalid"
    user.name = ANONYMOUS
    user.password_hash = generate_password_hash(secrets.token_urlsafe(32))  # nobody knows it
    user.role = Role.BUYER
    user.active, user.email_verified, user.email_verified_at, user.locale = False, False, None, None
    user.session_version += 1
    user.deleted_at = utcnow()
