"""Who hears about a lead: a producer's people, an association's admins, and the links they get."""

from flask import current_app
from sqlalchemy import select

from marketplace.accounts.models import AssociationAdmin, ProducerMember, User
from marketplace.extensions import db


def lead_link(path):
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


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
