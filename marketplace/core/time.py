from datetime import UTC, datetime


def utcnow():
    """Timezone-aware now in UTC; used as a column default callable."""
    return datetime.now(UTC)
