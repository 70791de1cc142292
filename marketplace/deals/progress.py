"""Production and shipment: each member marks its own milestones; the lead (or the association,
or staff) records the shipment, which makes the balance due."""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from marketplace.core.errors import NotFound
from marketplace.core.time import utcnow
from marketplace.core.validation import load
from marketplace.deals.creation import deal_link
from marketplace.deals.errors import DealConflict, DealError
from marketplace.deals.models import MILESTONES, Deal, DealMilestone, DealStatus
from marketplace.deals.queries import get_deal_for, leads_deal, people_of_deal
from marketplace.deals.schemas import ShipmentSchema
from marketplace.extensions import db
from marketplace.notifications.messages import day, label, money_usd
from marketplace.notifications.services import notify
from marketplace.producers import services as producers


def progress(deal):
    """{producer id: {step: milestone}} for the deal's page."""
    done = {}
    for milestone in deal.milestones:
        done.setdefault(milestone.producer_id, {})[milestone.step] = milestone
    return done


def mark_milestone(user, deal_id, producer_id, step):
    """A member marks one of its own milestones (once; marking it again changes nothing)."""
    deal = get_deal_for(user, deal_id)
    if step not in MILESTONES:
        raise DealError(_("Unknown milestone."), field="step")
    line = next((line for line in deal.lines if line.producer_id == producer_id), None)
    if line is None or not producers.can_act_for(user, producer_id):
        raise NotFound(_("Wholesale order not found."))
    if deal.status != DealStatus.IN_PRODUCTION:
        raise DealConflict(_("Milestones are marked between the deposit and the shipment."))
    if step in progress(deal).get(producer_id, {}):
        return deal
    try:
        with db.session.begin_nested():
            db.session.add(DealMilestone(deal_id=deal.id, producer_id=producer_id, step=step, marked_by_id=user.id))
    except IntegrityError:  # marked at the same moment by another officer: theirs stands
        return deal
    params = {"ref": deal.reference, "producer": line.producer.name, "step": label(step, "milestone")}
    for person in [deal.importer, *people_of_deal(deal)]:
        if person.id != user.id:
            notify(person, "deals.milestone", params, link=deal_link(deal.id))
    db.session.commit()
    return deal


def record_shipment(user, deal_id, data):
    """The lead records the carrier, its reference and the date: the balance is due."""
    deal = get_deal_for(user, deal_id, lock=True)
    if not leads_deal(user, deal):
        raise NotFound(_("Wholesale order not found."))
    clean = load(ShipmentSchema(), data, DealError)
    moved = db.session.execute(
        update(Deal).where(Deal.id == deal.id, Deal.status == DealStatus.IN_PRODUCTION)
        .values(status=DealStatus.BALANCE_DUE, carrier=clean["carrier"], shipment_ref=clean["reference"],
                shipped_on=clean["shipped_on"], shipped_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    if moved != 1:
        db.session.rollback()
        raise DealConflict(_("Only a deal in production can be shipped."))
    db.session.refresh(deal)
    params = {"ref": deal.reference, "carrier": deal.carrier, "tracking": deal.shipment_ref,
              "date": day(deal.shipped_on or date.today()), "amount": money_usd(deal.balance_vnd)}
    for person in [deal.importer, *people_of_deal(deal)]:
        notify(person, "deals.shipped", params, link=deal_link(deal.id))
    db.session.commit()
    return deal
