"""Who hears about a lead: a producer's people, an association's admins, and the links they get."""

from sqlalchemy import select

from marketplace.accounts.models import AssociationAdmin, ProducerMember, User
from marketplace.extensions import db
from marketplace.notifications.services import site_path


def producer_lead_link(match_id):
    return site_path("leads.lead", match_id=match_id)


def inquiry_link(inquiry_id):
    return site_path("leads.inquiry", inquiry_id=inquiry_id)


def importer_thread_link(inquiry_id, match_id):
    return site_path("leads.importer_thread", inquiry_id=inquiry_id, match_id=match_id)


def consortium_link(consortium_id):
    return site_path("leads.consortium", consortium_id=consortium_id)


def people_of(producer_id):
    return db.session.scalars(
        select(User).join(ProducerMember, ProducerMember.user_id == User.id)
        .where(ProducerMember.producer_id == producer_id, User.active.is_(True)).order_by(User.id)).all()


def admins_of(association_id):
    return db.session.scalars(
        select(User).join(AssociationAdmin, AssociationAdmin.user_id == User.id)
        .where(AssociationAdmin.association_id == association_id, User.active.is_(True)).order_by(User.id)).all()


def association_ids(user):
    return db.session.scalars(select(AssociationAdmin.association_id).where(AssociationAdmin.user_id == user.id)).all()
