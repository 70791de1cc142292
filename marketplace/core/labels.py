"""The words people read for stored codes (statuses, roles, methods), registered by each domain.

Codes are stored in English; the same code can mean different things in different places (an
"active" listing is on sale, an "active" member belongs to the mark), so each kind of object has
its own words, registered by the domain that owns it (next to its status constants), with a few
shared words below as the fallback.
"""
from flask_babel import lazy_gettext as _l

_WORDS = {
    None: {
        "pending": _l("Pending"), "approved": _l("Approved"), "suspended": _l("Suspended"),
        "active": _l("Active"), "revoked": _l("Revoked"), "withdrawn": _l("Withdrawn"),
        "draft": _l("Draft"), "archived": _l("Archived"), "unknown": _l("Unknown"),
    },
}


def register(kind, words):
    """Add the words for ``kind`` (e.g. "part": {"paid": _l("Paid"), …}); a domain calls it once."""
    _WORDS.setdefault(kind, {}).update(words)


def status_label(code, kind=None):
    """The translated word for a status or action code, e.g. ``status_label("active", "listing")``."""
    if not code:
        return "—"
    return _WORDS.get(kind, {}).get(code) or _WORDS[None].get(code) or code
