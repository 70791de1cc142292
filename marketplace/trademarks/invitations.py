"""Association admins join by invitation: staff, or an admin of the association, invite an address.

The e-mail carries a signed, expiring link (``URLSafeTimedSerializer`` with the app's
``SECRET_KEY`` and its own salt, valid ``ADMIN_INVITATION_MAX_AGE`` seconds) naming the
invitation and the address. Opening it proves the mailbox: a person without an account creates
one there (already confirmed); one with an account logs in as that address and accepts.
Either way they administer the association from then on.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from marketplace.accounts.models import AssociationAdmin, Role, User
from marketplace.accounts.services import find_by_email, invited_account
from marketplace.core import audit
from marketplace.core.errors import InvalidInput, NotFound, found
from marketplace.core.time import utcnow
from marketplace.core.tokens import SignedLink
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.notifications.services import notify, public_url, send_email
from marketplace.trademarks.models import AdminInvitation, AdminInvitationStatus
from marketplace.trademarks.reference import add_association_admin, get_association
from marketplace.trademarks.schemas import InvitationSchema

_LINK = SignedLink("association-admin-invitation", "ADMIN_INVITATION_MAX_AGE")


class InvitationLinkError(InvalidInput):
    """Raised when an invitation link is tampered with, expired, cancelled or already used."""


def valid_days():
    """How many days an invitation link stays valid (at least one)."""
    return _LINK.valid_days()


def can_invite(user, association):
    """Staff, and the association's own admins, may invite its admins."""
    if not user.is_authenticated:
        return False
    return user.role == Role.STAFF or any(link.user_id == user.id for link in association.admins)


def _invitable_association(user, association_id):
    association = get_association(association_id)
    if not can_invite(user, association):
        raise NotFound(_("Association not found."))
    return association


def invitation_token(invitation):
    return _LINK.make(invitation, email=invitation.email)


@transactional
def invite_admin(actor, association_id, data):
    """E-mail ``data["email"]`` a link to administer the association (again, if already invited)."""
    association = _invitable_association(actor, association_id)
    email = load(InvitationSchema(), data)["email"]
    admin = db.session.scalar(select(AssociationAdmin.id).join(User, User.id == AssociationAdmin.user_id).where(
        AssociationAdmin.association_id == association.id, func.lower(User.email) == email))
    if admin is not None:
        raise InvalidInput(_("That person already administers this association."), field="email")
    invitation = db.session.scalar(select(AdminInvitation).where(
        AdminInvitation.association_id == association.id, AdminInvitation.email == email,
        AdminInvitation.status == AdminInvitationStatus.PENDING))
    if invitation is None:
        invitation = AdminInvitation(association_id=association.id, email=email, invited_by_id=actor.id)
        db.session.add(invitation)
        db.session.flush()
    days = valid_days()
    link = public_url("trademarks.admin_invitation", token=invitation_token(invitation))
    invitee = find_by_email(email)
    send_email(email, _l("Invitation to administer %(association)s", association=association.name), _l(
        "%(inviter)s invited you to administer %(association)s on Làng Nghề Market: admit members to its "
        "collective marks and grant the marks to their products.\n\nOpen this link to accept (valid for %(days)s "
        "days):\n\n%(link)s\n\nIf you did not expect this, ignore this message: nothing happens unless you accept.",
        inviter=actor.name, association=association.name, days=days, link=link),
        locale=invitee.locale if invitee is not None else actor.locale)
    audit.record(actor, "association", association.id, association.name, "invite", {}, {"invited": email})
    return invitation


def pending_invitations(association_id):
    return db.session.scalars(select(AdminInvitation).where(
        AdminInvitation.association_id == association_id, AdminInvitation.status == AdminInvitationStatus.PENDING)
        .order_by(AdminInvitation.id)).all()


@transactional
def cancel_invitation(actor, invitation_id):
    """Withdraw an invitation not yet accepted: its link stops working."""
    invitation = found(AdminInvitation, invitation_id, _("Invitation not found."))
    association = _invitable_association(actor, invitation.association_id)
    _move(invitation, AdminInvitationStatus.CANCELLED)
    audit.record(actor, "association", association.id, association.name, "cancel_invitation", {},
                 {"invited": invitation.email})
    return invitation


def _move(invitation, status, user=None):
    """Move a pending invitation once: of two clicks at the same moment, one wins."""
    moved = db.session.execute(
        update(AdminInvitation)
        .where(AdminInvitation.id == invitation.id, AdminInvitation.status == AdminInvitationStatus.PENDING)
        .values(status=status, answered_at=utcnow(), accepted_by_id=user.id if user is not None else None))
    if moved.rowcount != 1:
        raise InvitationLinkError(_("This invitation has already been used or was cancelled."))


def invitation_from_link(token):
    """The pending invitation a link names, or InvitationLinkError saying why not."""
    return _LINK.open_invitation(token, AdminInvitation, InvitationLinkError,
                                 _("This invitation has expired. Ask whoever invited you for a new one."),
                                 _("This invitation has already been used or was cancelled."),
                                 lambda invitation: invitation.is_pending)


def has_account(invitation):
    return find_by_email(invitation.email) is not None


@transactional
def accept_invitation(token, user, data=None, locale="vi"):
    """Accept with the signed-in account (which must have the invited address), or create one from ``data``.

    Returns (invitation, account). The link reached the mailbox, so the address counts as confirmed.
    """
    invitation = invitation_from_link(token)
    account = invited_account(user, invitation.email, data, Role.ASSOCIATION_ADMIN, locale)
    _move(invitation, AdminInvitationStatus.ACCEPTED, account)
    add_association_admin(account, invitation.association_id, account)
    if invitation.invited_by is not None:
        notify(invitation.invited_by, "trademarks.admin_joined",
               {"name": account.name, "association": invitation.association.name})
    return invitation, account
