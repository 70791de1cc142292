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
from sqlalchemy import DateTime, case, cast, exists, literal_column, null, select, union_all

from marketplace.catalog.search import among
from marketplace.deals.models import Deal, DealLine, DealStatus
from marketplace.leads.models import Inquiry, Match, Quote, QuoteStatus
from marketplace.producers.capacity import Booking, Row, first_of
from marketplace.producers.models import CapacityMonth

UNSHIPPED = (DealStatus.AWAITING_DEPOSIT, DealStatus.IN_PRODUCTION)


def _selects(session, producer_ids, today):
    """The three kinds of row a booking comes from, as selects of the same columns."""
    no_deal = ~exists().where(Deal.quote_id == Quote.id)
    window = (Quote.status == QuoteStatus.ACCEPTED, Inquiry.required_by > today, among(session, Match.producer_id, producer_ids),
              no_deal)
    own = (select(Match.producer_id, Quote.quantity, Inquiry.unit, Quote.decided_at, Inquiry.required_by,
                  literal_column("'quote'").label("kind"), Match.id.label("ref_id"), Inquiry.id.label("inquiry_id"))
           .join(Match, Match.id == Quote.match_id).join(Inquiry, Inquiry.id == Quote.inquiry_id).where(*window))
    shares = (select(Match.producer_id, Match.allocation, Inquiry.unit, Quote.decided_at, Inquiry.required_by,
                     literal_column("'quote'"), Match.id, Inquiry.id)
              .join(Match, Match.consortium_id == Quote.consortium_id).join(Inquiry, Inquiry.id == Quote.inquiry_id)
              .where(*window, Match.active.is_(True), Match.allocation.is_not(None)))
    deals = (select(DealLine.producer_id, DealLine.quantity, Deal.unit, Deal.created_at, Inquiry.required_by,
                    literal_column("'deal'"), Deal.id, Inquiry.id)
             .join(Deal, Deal.id == DealLine.deal_id).join(Inquiry, Inquiry.id == Deal.inquiry_id)
             .where(among(session, DealLine.producer_id, producer_ids), Deal.status.in_(UNSHIPPED), Deal.shipped_at.is_(None),
                    Inquiry.required_by > today))
    return own, shares, deals


def _booking(row, today):
    producer_id, quantity, unit, started, required_by, kind, ref_id, inquiry_id = row
    start = started.date() if started is not None else today
    return producer_id, Booking(quantity, start, required_by, unit, kind, ref_id, inquiry_id)


def bookings_of(session, producer_ids, today):
    """{producer id: [Booking]} still to make after ``today``, for all the producers in one statement."""
    booked = {}
    if producer_ids:
        for row in session.execute(union_all(*_selects(session, producer_ids, today))):
            producer_id, booking = _booking(row, today)
            booked.setdefault(producer_id, []).append(booking)
    return booked


def bookings_and_calendars(session, producer_ids, today):
    """({producer id: [Booking]}, {producer id: [calendar Row]}) in one statement: what matching needs to know
    of the candidates' capacity. The calendar rows (this month on, ``producers.capacity.calendars``' rows without
    their notes) ride in the same union, marked by their kind."""
    booked, calendars = {}, {}
    if not producer_ids:
        return booked, calendars
    months = (select(CapacityMonth.producer_id, CapacityMonth.quantity, CapacityMonth.unit,
                     cast(null(), DateTime(timezone=True)), CapacityMonth.month, literal_column("'month'"),
                     case((CapacityMonth.blocked.is_(True), 1), else_=0), null())
              .where(among(session, CapacityMonth.producer_id, producer_ids), CapacityMonth.month >= first_of(today)))
    rows = session.execute(union_all(*_selects(session, producer_ids, today), months)).all()
    for row in rows:
        if row[5] == "month":
            calendars.setdefault(row[0], []).append(Row(row[4], row[2], row[1], bool(row[6])))
        else:
            producer_id, booking = _booking(row, today)
            booked.setdefault(producer_id, []).append(booking)
    for producer_rows in calendars.values():
        producer_rows.sort()
    return booked, calendars
