"""Reporting periods and their date buckets, grouped in SQL alike on SQLite and PostgreSQL.

A period is the last 30 days (one bucket per day), 90 days (per week, Monday first) or 365 days
(per month). Buckets are days of the marketplace's own time zone (``BABEL_DEFAULT_TIMEZONE``,
Hanoi): an order placed at 23:30 in Hanoi on 1 December counts on 1 December, though it is
16:30 UTC. The SQL gives each row its bucket's first day as ``YYYY-MM-DD`` text; Python fills
in the buckets with no rows, so a chart always has every bucket of its period.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, literal_column

from marketplace.core.time import local_day_start
from marketplace.extensions import db

PERIODS = {"30": "day", "90": "week", "365": "month"}  # days covered -> bucket size
DEFAULT_PERIOD = "30"


@dataclass(frozen=True)
class Period:
    days: int
    size: str  # "day", "week" or "month"
    buckets: tuple  # each bucket's first day (date), oldest first
    start: datetime  # UTC instant the first bucket starts
    zone: str

    def empty(self):
        """Every bucket's key at 0, in order: what a series starts from."""
        return {day.isoformat(): 0 for day in self.buckets}


def _zone():
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def _bucket_starts(size, today, days):
    if size == "day":
        return tuple(today - timedelta(days=n) for n in range(days - 1, -1, -1))
    if size == "week":
        monday = today - timedelta(days=today.weekday())
        return tuple(monday - timedelta(weeks=n) for n in range(12, -1, -1))  # 13 weeks: 91 days
    month, starts = today.replace(day=1), []
    for _ in range(12):
        starts.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    return tuple(reversed(starts))


def period(days=DEFAULT_PERIOD, today=None):
    """The period of the last ``days`` ("30", "90" or "365") up to ``today`` (Hanoi's date by default)."""
    days = days if days in PERIODS else DEFAULT_PERIOD
    zone = _zone()
    today = today or datetime.now(ZoneInfo(zone)).date()
    buckets = _bucket_starts(PERIODS[days], today, int(days))
    start = local_day_start(buckets[0], zone)
    return Period(days=int(days), size=PERIODS[days], buckets=buckets, start=start, zone=zone)


def bucket(column, chosen):
    """SQL for the first day (``YYYY-MM-DD``) of ``chosen``'s bucket that the UTC timestamp ``column`` falls in.

    The size and the zone are inlined as SQL literals, never bound: PostgreSQL must see the
    grouped expression and the selected one as the same, and two sets of bound parameters
    would make them different. Both come from this module's constants and the configuration.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        local = func.timezone(literal_column(_quoted(chosen.zone)), column)  # timestamptz -> Hanoi wall time
        truncated = func.date_trunc(literal_column(_quoted(chosen.size)), local)
        return func.to_char(truncated, literal_column("'YYYY-MM-DD'"))
    # SQLite stores UTC text: shift it by the zone's offset (Vietnam keeps no daylight saving time).
    offset = datetime.now(ZoneInfo(chosen.zone)).utcoffset()
    shift = literal_column(_quoted(f"{int(offset.total_seconds() // 60):+d} minutes"))
    if chosen.size == "day":
        return func.date(column, shift)
    if chosen.size == "week":  # forward to Sunday (or stay on one), back six days: that week's Monday
        return func.date(column, shift, literal_column("'weekday 0'"), literal_column("'-6 days'"))
    return func.date(column, shift, literal_column("'start of month'"))


def _quoted(text):
    if "'" in text:
        raise ValueError(f"not a safe SQL literal: {text!r}")
    return f"'{text}'"


def series(chosen, rows):
    """``rows`` of (bucket key, value) as one value per bucket, oldest first (missing buckets 0)."""
    values = chosen.empty()
    for key, value in rows:
        if key in values:
            values[key] = int(value or 0)
    return list(values.values())

