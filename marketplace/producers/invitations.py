"""Cooperative officers join a producer only by accepting an invitation sent to their address.

Inviting answers the same whatever the address (an account or not, already invited or not), so
a producer cannot learn who has an account; nothing about the invitee changes until they accept.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from marketplace.accounts.models import ProducerMember, Role, User
from marketplace.accounts.rules import require_verified
from marketplace.accounts.services import find_by_email, normalise_email
from marketplace.core.errors import InvalidInput, NotFound
from marketplace.core.time import utcnow
from marketplace.extensions import db
from marketplace.notifications.services import absolute, notify, send_email, site_path
from marketplace.producers.models import InvitationStatus, OfficerInvitation
from marketplace.producers.services import get_for

# Roles that may act for a producer; a buyer who accepts becomes a producer (the page says so).
_CAN_ACT = (Role.PRODUCER, Role.BUYER)


class InvitationError(InvalidInput):
    """Raised when an invitation cannot be answered (already answered, an account that cannot act)."""


def invite_officer(user, producer_id, email):
    """Invite ``email`` to act for the producer; the same outcome for the caller whoever owns the address."""
    producer = get_for(user, producer_id)
    email = normalise_email(email)
    already_member = db.session.scalar(
        select(ProducerMember.id).join(User, User.id == ProducerMember.user_id)
        .where(ProducerMember.producer_id == producer.id, func.lower(User.email) == email))
    pending = db.session.scalar(select(OfficerInvitation.id).where(
        OfficerInvitation.producer_id == producer.id, OfficerInvitation.email == email,
        OfficerInvitation.status == InvitationStatus.PENDING))
    if already_member is None and pending is None:
        invitation = OfficerInvitation(producer_id=producer.id, email=email, invited_by_id=user.id)
        db.session.add(invitation)
        db.session.flush()
        _send(invitation, inviter=user)
    db.session.commit()


def _send(invitation, inviter):
    path = site_path("producers.invitation", invitation_id=invitation.id)
    link = absolute(path)
    values = {"inviter": inviter.name, "producer": invitation.producer.name}
    subject = _l("Invitation to act for %(producer)s", producer=invitation.producer.name)
    invitee = find_by_email(invitation.email)
    if invitee is not None and invitee.email_verified:
        notify(invitee, "producers.invited", values, link=path)
        return
    # No account, or one whose address is not proved yet: only the mailbox's owner hears of it.
    send_email(invitation.email, subject, _l(
        "%(inviter)s invited you to act for %(producer)s on Làng Nghề Market as a cooperative officer.\n\n"
        "To accept, create an account with this e-mail address, confirm it, then open this link:\n\n%(link)s\n\n"
        "If you do not know %(inviter)s, ignore this message: nothing happens unless you accept.",
        link=link, **values), locale=invitee.locale if invitee is not None else inviter.locale)


def pending_invitations_of(producer_id):
    """Invitations the producer sent that wait for an answer (shown on its dashboard)."""
    return db.session.scalars(select(OfficerInvitation).where(
        OfficerInvitation.producer_id == producer_id, OfficerInvitation.status == InvitationStatus.PENDING)
        .order_by(OfficerInvitation.id)).all()


def invitations_for(user):
    """Invitations waiting for this account's answer (none until its address is confirmed)."""
    if not user.email_verified:
        return []
    return db.session.scalars(select(OfficerInvitation).where(
        OfficerInvitation.email == normalise_email(user.email), OfficerInvitation.status == InvitationStatus.PENDING)
        .order_by(OfficerInvitation.id)).all()


def get_invitation_for(user, invitation_id):
    """The invitation, if it was sent to this account's address (404 for anyone else); the address must be confirmed."""
    invitation = db.session.get(OfficerInvitation, invitation_id) if 0 < invitation_id < 2**31 else None
    if invitation is None or invitation.email != normalise_email(user.email):
        raise NotFound(_("Invitation not found."))
    require_verified(user)  # an address not yet proved may belong to someone else
    return invitation


def _answer(invitation, user, status):
    """Move a pending invitation to ``status`` once: of two clicks at the same moment, one wins."""
    moved = db.session.execute(
        update(OfficerInvitation)
        .where(OfficerInvitation.id == invitation.id, OfficerInvitation.status == InvitationStatus.PENDING)
        .values(status=status, answered_by_id=user.id, answered_at=utcnow()))
    if moved.rowcount != 1:
        raise InvitationError(_("This invitation has already been answered."))


def accept_invitation(user, invitation_id):
    """The invitee agrees: they act for the producer from now on (a buyer becomes a producer)."""
    invitation = get_invitation_for(user, invitation_id)
    if not invitation.is_pending:
        raise InvitationError(_("This invitation has already been answered."))
    if user.role not in _CAN_ACT:
        raise InvitationError(_("This account cannot act for a producer. Accept with a buyer or producer account."))
    _answer(invitation, user, InvitationStatus.ACCEPTED)
    member = db.session.scalar(select(ProducerMember.id).where(
        ProducerMember.user_id == user.id, ProducerMember.producer_id == invitation.producer_id))
    if member is None:
        db.session.add(ProducerMember(user_id=user.id, producer_id=invitation.producer_id, role=ProducerMember.OFFICER))
    if user.role == Role.BUYER:
        user.role = Role.PRODUCER
    if invitation.invited_by is not None:
        notify(invitation.invited_by, "producers.invitation_accepted",
               {"name": user.name, "producer": invitation.producer.name},
               link=site_path("producers.dashboard"))
    db.session.commit()
    return invitation


def decline_invitation(user, invitation_id):
    """The invitee says no: nothing about their account or the producer changes."""
    invitation = get_invitation_for(user, invitation_id)
    if not invitation.is_pending:
        raise InvitationError(_("This invitation has already been answered."))
    _answer(invitation, user, InvitationStatus.DECLINED)
    db.session.commit()
    return invitation
