"""Filters and globals every template can use."""
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache

from babel import numbers as babel_numbers

from flask import current_app, request, url_for
from flask_babel import (
    format_currency,
    format_date,
    format_datetime,
    format_decimal,
    format_percent,
    get_locale,
    get_timezone,
)
from jinja2 import pass_context

from marketplace.core.labels import status_label
from marketplace.i18n import localized

# The one place numbers and money become text, in the reader's locale (Flask-Babel's: the page's, or
# the one a caller forced for an e-mail). The API and CSV files keep plain integers.


_SAMPLE = 1234567  # digits that appear once in any grouping of them


@lru_cache(maxsize=32)
def _whole_number_shape(locale, currency):
    """(positive, negative, group symbol): Babel's text of a whole number in ``locale`` (as money in
    ``currency`` when given, without decimals), the digits of _SAMPLE replaced by "{}"; None where the
    locale does not group by threes. Babel parses its CLDR pattern on every call (30 µs, 24 times a
    page of cards); the shape is the same for every number."""
    grouped = babel_numbers.format_decimal(_SAMPLE, locale=locale)
    group = babel_numbers.get_group_symbol(locale)
    if grouped != f"{_SAMPLE:,}".replace(",", group):
        return None

    def text(n):
        if currency:
            return babel_numbers.format_currency(n, currency, locale=locale, currency_digits=True).replace("\xa0", " ")
        return babel_numbers.format_decimal(n, locale=locale)

    positive, negative = text(_SAMPLE), text(-_SAMPLE)
    if positive.count(grouped) != 1 or negative.count(grouped) != 1 or "{" in positive + negative:
        return None
    return positive.replace(grouped, "{}"), negative.replace(grouped, "{}"), group


def _whole(n, currency=None):
    """A whole number in the reader's locale, as Babel writes it (``_whole_number_shape``)."""
    locale = str(get_locale())
    shape = _whole_number_shape(locale, currency)
    if shape is None:
        if currency:
            return format_currency(n, currency, currency_digits=True).replace("\xa0", " ")
        return format_decimal(n)
    positive, negative, group = shape
    return (positive if n >= 0 else negative).format(f"{abs(n):,}".replace(",", group))


def format_vnd(amount):
    """350000 -> "350.000 ₫" in Vietnamese, "₫350,000" in English (Babel's CLDR patterns, no decimals).

    Babel puts a no-break space before the Vietnamese "₫"; it is written as a plain space, as
    prices are written everywhere else in the project (copy, e-mails, tests).
    """
    if amount is None:
        return ""
    return _whole(int(amount), "VND")


def format_number(value):
    """1350 -> "1.350" in Vietnamese, "1,350" in English."""
    if value is None:
        return ""
    return _whole(int(value))


def format_kg(grams):
    """1250 (grams) -> "1,25 kg" in Vietnamese, "1.25 kg" in English: a parcel's or product's weight."""
    if grams is None:
        return ""
    return f"{format_decimal(int(grams) / 1000, format='#,##0.##')} kg"


def format_rating(average):
    """An average of stars with one decimal: 4.5 -> "4,5" in Vietnamese, "4.5" in English."""
    if average is None:
        return ""
    return format_decimal(round(average, 1), format="0.0")


def format_percent_1(share):
    """A share with one decimal: 0.125 -> "12,5 %" in Vietnamese, "12.5%" in English; "" for None."""
    if share is None:
        return ""
    return format_percent(share, format="#,##0.0%")


def format_usd(vnd):
    """An indicative dollar figure for importers at ``USD_VND_RATE`` (derived, never stored):
    350000 -> "$13.78" in English, "13,78 US$" in Vietnamese."""
    if vnd is None:
        return ""
    return format_currency(vnd / current_app.config["USD_VND_RATE"], "USD").replace("\xa0", " ")


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


def tr_both(obj, field):
    """The field in the reader's language, then in the other: "Ceramics / Gốm sứ" in English."""
    first = tr(obj, field)
    other = getattr(obj, f"{field}_vi" if current_locale() == "en" else f"{field}_en", "")
    return f"{first} / {other}" if other and other != first else first


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


def _at_render(func):
    """``func`` as a filter that runs each time the page is made.

    Jinja computes a filter applied to a literal (``{{ 1350 | num }}``) once, when it compiles the
    template, in the language of whichever request came first, and keeps the result: English pages
    said "1.350". A filter that takes the template's context is never folded that way.
    """

    @pass_context
    def run(_context, value, *args, **kwargs):
        return func(value, *args, **kwargs)

    return run


def register(app):
    for name, func in (("vnd", format_vnd), ("num", format_number), ("usd", format_usd), ("kg", format_kg),
                       ("rating", format_rating), ("percent", format_percent_1), ("date", _date),
                       ("datetime", _datetime)):
        app.jinja_env.filters[name] = _at_render(func)
    app.jinja_env.globals.update(
        tr=tr, current_locale=current_locale, media_url=media_url, url_with=url_with, status_label=status_label,
        today=today, page_window=page_window,
    )
