"""Filters and globals every template can use."""
from collections.abc import Mapping
from datetime import datetime

from flask import request, url_for
from flask_babel import format_date, format_datetime, get_locale, get_timezone
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from marketplace.i18n import localized


def format_vnd(amount):
    """350000 -> "350.000 ₫", the way prices are written in Vietnam."""
    if amount is None:
        return ""
    return f"{int(amount):,}".replace(",", ".") + " ₫"


def format_number(value):
    return f"{int(value):,}".replace(",", ".") if str(get_locale()) == "vi" else f"{int(value):,}"


def current_locale():
    return str(get_locale())


def tr(obj, field):
    """The field of ``obj`` in the current language (``title`` -> ``title_vi``/``title_en``).

    ``obj`` may also be a mapping, such as a facet row ``{"name_vi": …, "name_en": …}``.
    """
    if isinstance(obj, Mapping):
        if current_locale() == "en" and obj.get(f"{field}_en"):
            return obj[f"{field}_en"]
        return obj.get(f"{field}_vi", "")
    return localized(obj, field, current_locale())


def media_url(path):
    return url_for("core.media", path=path)


def url_with(**changes):
    """The current URL with some query arguments changed (None removes one); for facets and paging."""
    args = request.args.to_dict(flat=False)
    for key, value in changes.items():
        if value is None or value == "":
            args.pop(key, None)
        else:
            args[key] = [str(value)]
    if "page" not in changes:
        args.pop("page", None)
    return url_for(request.endpoint, **(request.view_args or {}), **args)


# Status codes are stored in English; people read these words. The same code can mean
# different things in different places ("active" listing = on sale, "active" member), so
# each kind of object has its own words, falling back to the shared ones.
_STATUS_WORDS = {
    None: {
        "pending": _l("Pending"), "approved": _l("Approved"), "suspended": _l("Suspended"),
        "active": _l("Active"), "revoked": _l("Revoked"), "withdrawn": _l("Withdrawn"),
        "draft": _l("Draft"), "archived": _l("Archived"), "unknown": _l("Unknown"),
    },
    "listing": {"active": _l("On sale"), "draft": _l("Draft"), "archived": _l("Archived")},
    "producer": {"pending": _l("Waiting for approval"), "approved": _l("Approved"), "suspended": _l("Suspended")},
    "membership": {"pending": _l("Applied"), "active": _l("Active member"), "suspended": _l("Suspended"), "revoked": _l("Revoked")},
    "right": {"active": _l("Carries the mark"), "withdrawn": _l("Withdrawn"), "revoked": _l("Revoked")},
    "action": {
        "apply": _l("Applied"), "approve": _l("Approved"), "suspend": _l("Suspended"), "reinstate": _l("Reinstated"),
        "revoke": _l("Revoked"), "grant": _l("Right granted"), "withdraw": _l("Right withdrawn"),
    },
    "kind": {"household": _l("Household"), "cooperative": _l("Cooperative"), "enterprise": _l("Enterprise")},
    "member_role": {"owner": _l("Owner"), "officer": _l("Officer")},
    "part": {
        "awaiting_payment": _l("Awaiting payment"), "confirmed": _l("Confirmed, cash on delivery"), "paid": _l("Paid"),
        "shipped": _l("Shipped"), "delivered": _l("Delivered"), "cancelled": _l("Cancelled"), "refunded": _l("Refunded"),
        "mixed": _l("In progress"),
    },
    "payout": {"not_due": _l("Not due yet"), "due": _l("Due"), "in_batch": _l("Being transferred"), "paid": _l("Paid out")},
    "payment_method": {"card": _l("Card"), "cod": _l("Cash on delivery"), "bank_transfer": _l("Bank transfer")},
    "payment": {"pending": _l("Not received yet"), "succeeded": _l("Received"), "failed": _l("Failed")},
    "refund": {"requested": _l("Being sent"), "succeeded": _l("Refunded"), "failed": _l("Refused by Stripe"),
               "to_transfer": _l("To transfer back"), "transferred": _l("Transferred back")},
    "batch": {"open": _l("Being transferred"), "paid": _l("Paid")},
}


def status_label(code, kind=None):
    """The translated word for a status or action code, e.g. ``status_label("active", "listing")``."""
    if not code:
        return "—"
    words = _STATUS_WORDS.get(kind, {})
    return words.get(code) or _STATUS_WORDS[None].get(code) or code


def unread_notifications():
    """Unread notifications of the signed-in user (0 for visitors); one query, only when signed in."""
    if not getattr(current_user, "is_authenticated", False):
        return 0
    from marketplace.notifications.services import unread_count

    return unread_count(current_user) or 0


def cart_count():
    """Items in the visitor's cart (signed in or not), for the header; one query."""
    from flask import session

    from marketplace.orders.services import cart_size

    return cart_size(current_user, session.get("cart_token"))


def dashboard_url():
    """Where the signed-in user's own pages start (the same rule as after login)."""
    if not getattr(current_user, "is_authenticated", False):
        return None
    from marketplace.accounts.views import home_for

    target = home_for(current_user)
    return None if target == url_for("core.index") else target


def today():
    """Today's date where the user is (Flask-Babel's time zone)."""
    return datetime.now(get_timezone()).date()


def page_window(current, total, radius=2):
    """Page numbers to show around ``current``, with None where a gap ("…") goes: 1 … 4 5 [6] 7 8 … 20."""
    shown = sorted({1, total, *range(max(1, current - radius), min(total, current + radius) + 1)})
    window, previous = [], 0
    for number in shown:
        if number - previous > 1:
            window.append(None)
        window.append(number)
        previous = number
    return window






def _date(value, format="medium"):
    return format_date(value, format) if value else ""


def _datetime(value, format="medium"):
    return format_datetime(value, format) if value else ""


def unit_label(unit):
    """A listing's unit in the reader's language ("piece" -> "chiếc")."""
    from marketplace.catalog.models import UNITS

    return str(UNITS.get(unit, unit))


def register(app):
    app.jinja_env.filters["vnd"] = format_vnd
    app.jinja_env.filters["num"] = format_number
    app.jinja_env.filters["date"] = _date
    app.jinja_env.filters["datetime"] = _datetime
    app.jinja_env.globals.update(unit_label=unit_label, 
        tr=tr, current_locale=current_locale, media_url=media_url, url_with=url_with,
        status_label=status_label, unread_notifications=unread_notifications, dashboard_url=dashboard_url, cart_count=cart_count,
        today=today, page_window=page_window,
    )
