"""Free capacity of a candidate by the required date, in the request's unit: pure, no database.

The calendar read (``producers.capacity``) is the producer's months in the request's unit when it
states any, otherwise in the listing's selling unit (a month without a row: the standard monthly
capacity, counted in the selling unit as matching always did). Bookings are converted to that unit
(``in_unit``; a booking that does not convert books nothing in it), the free figure back to the
request's unit, rounded down.
"""
from fractions import Fraction

from marketplace.catalog import units
from marketplace.producers import capacity


def in_unit(bookings, unit, pack_size=1, pack_unit=None):
    """``bookings`` as quantities of ``unit`` (a set of ``pack_size`` ``pack_unit``), rounded up; those whose
    unit does not convert are left out. A booking without a unit is already in ``unit``."""
    out = []
    for booking in bookings:
        per = units.ratio(unit, pack_size, pack_unit, booking.unit) if booking.unit else Fraction(1)
        if per is None:
            continue
        out.append(booking._replace(quantity=-(-booking.quantity * per.denominator // per.numerator), unit=unit))
    return out


def _states(rows, unit):
    return any(r.unit == unit and r.quantity is not None for r in rows)


def free_for(candidate, request, per):
    """(available, booked, blocked months) by the date in the request's unit; ``per`` is how many of the
    request's unit one selling unit is."""
    if request.unit != candidate.unit and _states(candidate.calendar, request.unit):
        unit, ratio, standard = request.unit, Fraction(1), int(candidate.monthly_capacity * per)
        booked = in_unit(candidate.booked, unit)
    else:
        unit, ratio, standard = candidate.unit, per, candidate.monthly_capacity
        booked = in_unit(candidate.booked, unit, candidate.pack_size, candidate.pack_unit)
    free = capacity.free_by(candidate.calendar, booked, unit, standard, request.today, request.required_by,
                            candidate.lead_time_days)
    return int(free.available * ratio), -(-free.booked * ratio.numerator // ratio.denominator), free.blocked
