"""Who may see and act on a deal, and the deals each person has."""
from flask_babel import gettext as _
from sqlalchemy import or_, select

from marketplace.accounts.models import Role
from marketplace.core.errors import NotFound
from marketplace.deals.models import Deal, DealLine
from marketplace.extensions import db
from marketplace.leads import services as leads
from marketplace.producers import services as producers


def _administers(user, association_id):
    return association_id is not None and association_id in set(leads.association_ids(user))


def can_see(user, deal):
    """The importer, the members' people, the leading association's admins, and staff."""
    if not user.is_authenticated:
        return False
    if user.role == Role.STAFF or deal.importer_id == user.id or _administers(user, deal.association_id):
        return True
    return any(producers.can_act_for(user, line.producer_id) for line in deal.lines)


def leads_deal(user, deal):
    """Who ships and speaks for the deal: the lead producer's people, the association's admins, staff."""
    return user.role == Role.STAFF or producers.can_act_for(user, deal.lead_producer_id) \
        or _administers(user, deal.association_id)


def get_deal_for(user, deal_id, lock=False):
    """A deal this user may see; 404 for anyone else's (nothing is revealed)."""
    query = select(Deal).where(Deal.id == deal_id)
    deal = db.session.scalar(query.with_for_update() if lock else query)
    if deal is None or not can_see(user, deal):
        raise NotFound(_("Wholesale order not found."))
    return deal


def deal_of_inquiry(inquiry_id):
    return db.session.scalar(select(Deal).where(Deal.inquiry_id == inquiry_id))


def deals_for(user):
    """Every deal this user takes part in, newest first (importer, member, association, staff)."""
    if user.role == Role.STAFF:
        query = select(Deal)
    else:
        own = [p.id for p in producers.producers_of(user)]
        associations = leads.association_ids(user)
        query = select(Deal).where(or_(
            Deal.importer_id == user.id, Deal.association_id.in_(associations),
            Deal.id.in_(select(DealLine.deal_id).where(DealLine.producer_id.in_(own)))))
    return db.session.scalars(query.order_by(Deal.id.desc()).limit(200)).all()


def people_of_deal(deal):
    """Everyone on the supplying side to tell: each member's people and the association's admins, once each."""
    seen, people = set(), []
    for line in deal.lines:
        for person in leads.people_of(line.producer_id):
            if person.id not in seen:
                seen.add(person.id)
                people.append(person)
    if deal.association_id:
        for person in leads.admins_of(deal.association_id):
            if person.id not in seen:
                seen.add(person.id)
                people.append(person)
    return people
