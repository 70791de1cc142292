"""What a producer's capacity is already booked for, in one statement, and in which unit.

Two kinds of booking, each counted once:

- an accepted quote that has no wholesale deal yet: a producer's own quote books its quantity, a
  consortium's books each member's allocation, from the acceptance to the inquiry's required date;
- a wholesale deal (``deals.models``) not shipped yet: each member's line quantity, from the deal's
  opening to the inquiry's required date. Accepting a quote opens its deal in the same transaction,
  so a quote with a deal is counted by its deal only.

Bookings are in the inquiry's (the deal's) unit; ``leads.capacity.in_unit`` converts them to a
calendar's unit.
"""
from sqlalchemy import exists, literal, select, union_all

from marketplace.deals.models import Deal, DealLine, DealStatus
from marketplace.leads.models import Inquiry, Match, Quote, QuoteStatus
from marketplace.producers.capacity import Booking

UNSHIPPED = (DealStatus.AWAITING_DEPOSIT, DealStatus.IN_PRODUCTION)


def bookings_of(session, producer_ids, today):
    """{producer id: [Booking]} still to make after ``today``, for all the producers in one statement."""
    if not producer_ids:
        return {}
    no_deal = ~exists().where(Deal.quote_id == Quote.id)
    window = (Quote.status == QuoteStatus.ACCEPTED, Inquiry.required_by > today, Match.producer_id.in_(producer_ids),
              no_deal)
    own = (select(Match.producer_id, Quote.quantity, Inquiry.unit, Quote.decided_at, Inquiry.required_by,
                  literal("quote").label("kind"), Match.id.label("ref_id"), Inquiry.id.label("inquiry_id"))
           .join(Match, Match.id == Quote.match_id).join(Inquiry, Inquiry.id == Quote.inquiry_id).where(*window))
    shares = (select(Match.producer_id, Match.allocation, Inquiry.unit, Quote.decided_at, Inquiry.required_by,
                     literal("quote"), Match.id, Inquiry.id)
              .join(Match, Match.consortium_id == Quote.consortium_id).join(Inquiry, Inquiry.id == Quote.inquiry_id)
              .where(*window, Match.active.is_(True), Match.allocation.is_not(None)))
    deals = (select(DealLine.producer_id, DealLine.quantity, Deal.unit, Deal.created_at, Inquiry.required_by,
                    literal("deal"), Deal.id, Inquiry.id)
             .join(Deal, Deal.id == DealLine.deal_id).join(Inquiry, Inquiry.id == Deal.inquiry_id)
             .where(DealLine.producer_id.in_(producer_ids), Deal.status.in_(UNSHIPPED), Deal.shipped_at.is_(None),
                    Inquiry.required_by > today))
    booked = {}
    for producer_id, quantity, unit, started, required_by, kind, ref_id, inquiry_id in session.execute(
        union_all(own, shares, deals)
    ):
        start = started.date() if started is not None else today
        booked.setdefault(producer_id, []).append(
            Booking(quantity, start, required_by, unit, kind, ref_id, inquiry_id))
    return booked
