"""Collective trademarks: membership decisions, product rights and public verification.

Every decision is written to ``MembershipEvent`` in the same transaction as the change.
A product right is only as good as its membership: suspending a member makes all its
rights invalid at once (see ``ProductRight.effective_status``); revoking revokes them.
"""
import secrets
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from marketplace.accounts.models import AssociationAdmin, Role
from marketplace.accounts.rules import staff_or_linked
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Listing
from marketplace.core.errors import InvalidInput, NotFound, found
from marketplace.core.time import utcnow
from marketplace.extensions import db
from marketplace.notifications.messages import both
from marketplace.notifications.services import notify, site_path
from marketplace.producers import services as producers
from marketplace.producers.models import Producer
from marketplace.trademarks.models import (
    Membership,
    MembershipEvent,
    MembershipStatus,
    ProductRight,
    RightStatus,
    Trademark,
)

# Verification codes avoid look-alike characters (0/O, 1/I/L) so they can be typed from a label.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


class TrademarkError(InvalidInput):
    """Raised when a membership or right decision is not allowed from the current state."""


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def trademarks_administered_by(user):
    if not user.is_authenticated:
        return []
    query = select(Trademark).order_by(Trademark.name_vi)
    if user.role != Role.STAFF:
        query = query.join(AssociationAdmin, AssociationAdmin.association_id == Trademark.association_id).where(
            AssociationAdmin.user_id == user.id
        )
    return db.session.scalars(query).all()


def can_administer(user, trademark):
    return staff_or_linked(user, AssociationAdmin, association_id=trademark.association_id)


def administered_trademark(user, trademark_id):
    """The trademark if the user administers its association; 404 otherwise."""
    trademark = found(Trademark, trademark_id, _("Trademark not found."),
                      allowed=lambda trademark: can_administer(user, trademark))
    return trademark


def _administered_membership(user, membership_id):
    membership = found(Membership, membership_id, _("Membership not found."),
                       allowed=lambda membership: can_administer(user, membership.trademark))
    return membership


def _record(membership, actor, action, from_status, to_status, listing_id=None, note=""):
    db.session.add(MembershipEvent(
        membership=membership, actor_id=actor.id if actor else None, action=action,
        from_status=from_status, to_status=to_status, listing_id=listing_id, note=(note or "").strip()[:1000],
    ))


def _tell_producer(producer, key, params):
    for member in producer.members:
        notify(member.user, key, params, link=site_path("producers.dashboard"))


def apply_for_membership(user, producer_id, trademark_id, note=""):
    """A producer applies to use a collective mark; the association is told."""
    producer = producers.get_for(user, producer_id)
    trademark = found(Trademark, trademark_id, _("Trademark not found."))
    if trademark.villages and producer.village_id not in {v.id for v in trademark.villages}:
        raise TrademarkError(_("This mark is only for producers of %(villages)s.", villages=", ".join(v.name for v in trademark.villages)))
    membership = db.session.scalar(
        select(Membership).where(Membership.trademark_id == trademark.id, Membership.producer_id == producer.id)
    )
    if membership is not None and membership.status != MembershipStatus.REVOKED:
        raise TrademarkError(_("This producer has already applied for this mark."))
    if membership is None:
        membership = Membership(trademark=trademark, producer=producer, status=MembershipStatus.PENDING)
        db.session.add(membership)
        previous = ""
    else:
        previous, membership.status, membership.applied_at = membership.status, MembershipStatus.PENDING, utcnow()
    _record(membership, user, "apply", previous, MembershipStatus.PENDING, note=note)
    db.session.flush()  # a new membership's id, for the admins' link
    for link in trademark.association.admins:
        notify(link.user, "trademarks.applied", {"producer": producer.name, "mark": _mark(trademark)},
               link=site_path("trademarks.member", membership_id=membership.id))
    db.session.commit()
    return membership


def _mark(trademark):
    return both(trademark.name_vi, trademark.name_en)


_ACTIONS = {
    # action: (target status, the producer's notification)
    "approve": (MembershipStatus.ACTIVE, "trademarks.approve"),
    "refuse": (MembershipStatus.REVOKED, "trademarks.refuse"),
    "reinstate": (MembershipStatus.ACTIVE, "trademarks.reinstate"),
    "suspend": (MembershipStatus.SUSPENDED, "trademarks.suspend"),
    "revoke": (MembershipStatus.REVOKED, "trademarks.revoke"),
}


def decide(user, membership_id, action, note=""):
    """An association admin approves or refuses an application, or suspends, reinstates or revokes a member.

    Suspension invalidates every product right of the member at once; revocation ends them.
    """
    if action not in _ACTIONS:
        raise TrademarkError(_("Unknown decision."))
    # Lock the membership row so two admins deciding at once cannot interleave.
    membership = _administered_membership(user, membership_id)
    db.session.refresh(membership, with_for_update=True)
    target, subject = _ACTIONS[action]
    if action in ("approve", "refuse") and membership.status != MembershipStatus.PENDING:
        raise TrademarkError(_("Only a pending application can be approved or refused."))
    if action == "reinstate" and membership.status != MembershipStatus.SUSPENDED:
        raise TrademarkError(_("Only a suspended member can be reinstated."))
    if target not in MembershipStatus.TRANSITIONS[membership.status]:
        raise TrademarkError(_("This membership cannot be changed that way from its current state."))
    previous = membership.status
    membership.status = target
    _record(membership, user, action, previous, target, note=note)
    affected = [right.listing_id for right in _rights_of(membership)]
    if target == MembershipStatus.REVOKED:
        for right in _rights_of(membership):
            if right.status == RightStatus.ACTIVE:
                right.status, right.ended_at = RightStatus.REVOKED, utcnow()
    db.session.flush()
    catalog.refresh_search_for_listings(affected)
    _tell_producer(membership.producer, subject, {"mark": _mark(membership.trademark), "note": note or "-"})
    db.session.commit()
    return membership


def _rights_of(membership):
    return db.session.scalars(select(ProductRight).where(ProductRight.membership_id == membership.id)).all()


def grant_right(user, membership_id, listing_id, note=""):
    """Allow one of an active member's listings to carry the mark, with a new verification code."""
    membership = _administered_membership(user, membership_id)
    if membership.status != MembershipStatus.ACTIVE:
        raise TrademarkError(_("Only active members' products can carry the mark."))
    listing = found(Listing, listing_id, _("Listing not found."), 
                    allowed=lambda listing: listing.producer_id == membership.producer_id)
    right = db.session.scalar(
        select(ProductRight).where(ProductRight.trademark_id == membership.trademark_id, ProductRight.listing_id == listing.id)
    )
    if right is not None and right.status == RightStatus.ACTIVE:
        raise TrademarkError(_("This product already carries the mark."))
    if right is None:
        right = ProductRight(trademark_id=membership.trademark_id, listing_id=listing.id, membership_id=membership.id, code=new_code())
        db.session.add(right)
    else:  # granted again after a withdrawal: a new code, so old labels stay invalid
        right.code, right.status, right.ended_at, right.membership_id = new_code(), RightStatus.ACTIVE, None, membership.id
    right.granted_by_id, right.granted_at = user.id, utcnow()
    _record(membership, user, "grant", "", RightStatus.ACTIVE, listing_id=listing.id, note=note)
    db.session.flush()
    catalog.refresh_search_for_listings([listing.id])
    db.session.commit()
    return right


def withdraw_right(user, right_id, note=""):
    right = found(ProductRight, right_id, _("Right not found."),
                  allowed=lambda right: can_administer(user, right.trademark))
    if right.status != RightStatus.ACTIVE:
        raise TrademarkError(_("This right is no longer active."))
    right.status, right.ended_at = RightStatus.WITHDRAWN, utcnow()
    _record(right.membership, user, "withdraw", RightStatus.ACTIVE, RightStatus.WITHDRAWN, listing_id=right.listing_id, note=note)
    db.session.flush()
    catalog.refresh_search_for_listings([right.listing_id])
    db.session.commit()
    return right


def members(trademark, status=None):
    query = (
        select(Membership).where(Membership.trademark_id == trademark.id)
        .options(joinedload(Membership.producer).joinedload(Producer.village))
        .order_by(Membership.status, Membership.applied_at.desc())
    )
    if status:
        query = query.where(Membership.status == status)
    return db.session.scalars(query).all()


def membership_detail(user, membership_id):
    membership = _administered_membership(user, membership_id)
    rights = {r.listing_id: r for r in _rights_of(membership)}
    listings = db.session.scalars(
        select(Listing).where(Listing.producer_id == membership.producer_id).order_by(Listing.title_vi)
    ).all()
    return membership, listings, rights


def public_trademark(slug):
    trademark = db.session.scalar(
        select(Trademark).where(Trademark.slug == slug).options(selectinload(Trademark.villages), joinedload(Trademark.association))
    )
    if trademark is None:
        raise NotFound(_("Trademark not found."))
    return trademark


def active_members(trademark):
    return db.session.scalars(
        select(Producer).join(Membership).where(
            Membership.trademark_id == trademark.id, Membership.status == MembershipStatus.ACTIVE, Producer.status == "approved"
        ).options(joinedload(Producer.village)).order_by(Producer.name)
    ).all()


def all_trademarks():
    return db.session.scalars(
        select(Trademark).options(selectinload(Trademark.villages), joinedload(Trademark.association)).order_by(Trademark.name_vi)
    ).all()


@dataclass
class Verification:
    code: str
    found: bool
    status: str = "unknown"  # "active", "suspended", "revoked", "withdrawn", "pending" or "unknown"
    right: ProductRight | None = None

    @property
    def valid(self):
        return self.status == RightStatus.ACTIVE


def verify(code):
    """What anyone may learn from a verification code: the product, producer, village, mark, validity today."""
    code = (code or "").strip().upper()
    if not code or len(code) > 32:
        return Verification(code=code, found=False)
    right = db.session.scalar(
        select(ProductRight).where(ProductRight.code == code).options(
            joinedload(ProductRight.listing).joinedload(Listing.producer).joinedload(Producer.village),
            joinedload(ProductRight.trademark).joinedload(Trademark.association),
            joinedload(ProductRight.membership),
        )
    )
    if right is None:
        return Verification(code=code, found=False)
    return Verification(code=code, found=True, status=right.effective_status, right=right)


def producer_memberships(producer_id):
    return db.session.scalars(
        select(Membership).where(Membership.producer_id == producer_id).options(joinedload(Membership.trademark))
    ).all()
