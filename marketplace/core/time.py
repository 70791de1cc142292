from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo


def utcnow():
    """Timezone-aware now in UTC; used as a column default callable."""
    return datetime.now(UTC)


def local_day_start(day, zone):
    """The UTC instant a calendar ``day`` begins in the time zone named ``zone`` (e.g. Hanoi's)."""
    return datetime.combine(day, time(), ZoneInfo(zone)).astimezone(UTC)
