"""Filters and globals every template can use."""
from flask import request, url_for
from flask_babel import get_locale

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
    """The field of ``obj`` in the current language (``title`` -> ``title_vi``/``title_en``)."""
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


def register(app):
    app.jinja_env.filters["vnd"] = format_vnd
    app.jinja_env.filters["num"] = format_number
    app.jinja_env.globals.update(tr=tr, current_locale=current_locale, media_url=media_url, url_with=url_with)
