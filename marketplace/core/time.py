from datetime import datetime, timezone


def utcnow():
    """Timezone-aware now in UTC; used as a column default callable."""
    return datetime.now(timezone.utc)
