"""A producer's capacity calendar: what it can make each month, per unit, and what is free by a date.

The calendar holds one row per month and unit (``CapacityMonth``): a quantity (None: the standard
``Producer.monthly_capacity``) or the month blocked, with a note. A month without a row reads the
standard capacity. A blocked month is blocked in every unit.

Free capacity by a date, in one unit (``free_by``): for each month from today to the date, the
month's capacity pro rata by the days of it in the window (rounded down), less what is booked in
those days (each booking spread evenly over its days, rounded up: ``booked_between``), never below
0; a blocked month gives 0. A producer with no calendar row and nothing booked in the window keeps
the flat rule (the standard capacity × days / 30, rounded down) that matching always used.

Bookings (accepted quotes, wholesale deals not shipped yet) are gathered by ``leads.bookings``;
this module only counts them, so the rules are pure and testable with exact numbers.
"""
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import select

from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.producers.models import CapacityMonth
from marketplace.producers.schemas import MONTHS_SHOWN, CalendarSchema
from marketplace.producers.services import ProducerError, get_for

DAYS_PER_MONTH = 30  # the flat rule's month


class Booking(NamedTuple):
    """Capacity taken: ``quantity`` spread evenly over the days [first, last)."""

    quantity: int
    first: date
    last: date
    unit: str | None = None  # None: the producer's selling unit
    kind: str = "quote"  # "quote" (accepted, no deal yet) or "deal" (not shipped)
    ref_id: int | None = None  # the quote's or the deal's id
    inquiry_id: int | None = None


class Row(NamedTuple):
    """A calendar row as plain values."""

    month: date
    unit: str
    quantity: int | None
    blocked: bool = False
    note: str = ""


@dataclass(frozen=True)
class MonthFigure:
    month: date
    days: int  # of the month inside the window
    capacity: int  # pro rata by those days, rounded down
    booked: int
    free: int
    blocked: bool
    note: str = ""
    stated: bool = False  # the producer gave this month's quantity (not the standard)


@dataclass(frozen=True)
class Free:
    available: int
    booked: int = 0
    blocked: tuple = ()  # first days of the blocked months in the window


def first_of(day):
    return day.replace(day=1)


def next_month(month):
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def days_in(month):
    return (next_month(month) - first_of(month)).days


def months_from(today, count=MONTHS_SHOWN):
    month, out = first_of(today), []
    for _ in range(count):
        out.append(month)
        month = next_month(month)
    return out


def booked_between(bookings, start, end):
    """How much of ``bookings`` ((quantity, from, to) each, spread evenly over its days) falls in [start, end)."""
    total = 0
    for booking in bookings:
        quantity, first, last = booking[0], booking[1], booking[2]
        days = max(1, (last - first).days)
        overlap = (min(last, end) - max(first, start)).days
        if overlap > 0:
            total += -(-quantity * overlap // days)  # rounded up: a booking is never under-counted
    return total


def _stated(rows, unit, month):
    return next((r for r in rows if r.month == month and r.unit == unit and r.quantity is not None), None)


def _blocked(rows, month):
    return next((r for r in rows if r.month == month and r.blocked), None)


def month_figures(rows, bookings, unit, standard, start, end):
    """Each month overlapping [start, end): its capacity in ``unit``, what is booked and what is free."""
    figures, month = [], first_of(start)
    while month < end:
        lo, hi = max(month, start), min(next_month(month), end)
        days = (hi - lo).days
        if days > 0:
            row, block = _stated(rows, unit, month), _blocked(rows, month)
            capacity = (row.quantity if row else standard) * days // days_in(month)
            booked = booked_between(bookings, lo, hi)
            free = 0 if block else max(0, capacity - booked)
            note = (block or row).note if (block or row) else ""
            figures.append(MonthFigure(month, days, capacity, booked, free, block is not None, note, row is not None))
        month = next_month(month)
    return figures


def free_by(rows, bookings, unit, standard, today, by, lead_time_days=0):
    """What the producer can still make in ``unit`` from ``today`` to ``by`` (exclusive): ``Free``."""
    days = max(0, (by - today).days)
    if lead_time_days > days:
        return Free(0)
    window = [r for r in rows if today.replace(day=1) <= r.month < by and (r.blocked or r.unit == unit)]
    if not window and not booked_between(bookings, today, by):
        return Free(standard * days // DAYS_PER_MONTH)
    figures = month_figures(rows, bookings, unit, standard, today, by)
    return Free(sum(f.free for f in figures), booked_between(bookings, today, by),
                tuple(f.month for f in figures if f.blocked))


def calendar_table(rows, bookings, unit, standard, today):
    """The calendar page's months in ``unit``: [(MonthFigure over the whole month, [its Booking])]."""
    months = months_from(today)
    figures = month_figures(rows, bookings, unit, standard, months[0], next_month(months[-1]))
    return [(figure, [b for b in bookings if b.first < next_month(figure.month) and b.last > figure.month])
            for figure in figures]


def calendars(session, producer_ids, today):
    """{producer id: [Row]} from this month on, for all of them in one statement."""
    out = {}
    if not producer_ids:
        return out
    for producer_id, *values in session.execute(
        select(CapacityMonth.producer_id, CapacityMonth.month, CapacityMonth.unit, CapacityMonth.quantity,
               CapacityMonth.blocked, CapacityMonth.note)
        .where(CapacityMonth.producer_id.in_(producer_ids), CapacityMonth.month >= first_of(today))
        .order_by(CapacityMonth.producer_id, CapacityMonth.month, CapacityMonth.unit)
    ):
        out.setdefault(producer_id, []).append(Row(*values))
    return out


def calendar_of(user, producer_id, today):
    """The producer (if this user may act for it) and its calendar rows from this month on."""
    producer = get_for(user, producer_id)
    return producer, calendars(db.session, [producer.id], today).get(producer.id, [])


def save_calendar(user, producer_id, data, today):
    """Save one unit's next months as the producer gave them; every field at fault named at once, nothing
    saved then. A blank quantity reads the standard capacity; blocking a month blocks it in every unit."""
    producer = get_for(user, producer_id)
    clean = load(CalendarSchema(months=months_from(today)), data, error=ProducerError)
    unit = clean["unit"]
    existing = {(r.month, r.unit): r for r in db.session.scalars(
        select(CapacityMonth).where(CapacityMonth.producer_id == producer.id,
                                    CapacityMonth.month >= first_of(today)))}
    for entry in clean["months"]:
        month = entry["month"]
        others = [r for (m, u), r in existing.items() if m == month and u != unit]
        row = existing.get((month, unit))
        wanted = entry["quantity"] is not None or entry["blocked"] or entry["note"]
        if row is None and wanted:
            row = CapacityMonth(producer_id=producer.id, month=month, unit=unit)
            db.session.add(row)
        if row is not None:
            row.quantity, row.blocked, row.note = entry["quantity"], entry["blocked"], entry["note"]
            if not wanted:
                db.session.delete(row)
        for other in others:  # a month is blocked, or not, in every unit
            other.blocked = entry["blocked"]
            if not entry["blocked"] and other.quantity is None and not other.note:
                db.session.delete(other)
    db.session.commit()
    return producer
