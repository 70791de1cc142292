"""Locale selection and picking the right language's column."""
from flask import current_app, has_request_context, request, session
from flask_login import current_user


def select_locale():
    """``?lang=``, then the language switch (session), then the user's, then Vietnamese.

    API clients without any of those get their Accept-Language; browsers get Vietnamese first.
    """
    languages = current_app.config["LANGUAGES"]
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():  # workers and CLI: callers use force_locale for a user's language
        return default
    for chosen in (request.args.get("lang"), session.get("lang")):
        if chosen in languages:
            return chosen
    if getattr(current_user, "is_authenticated", False) and current_user.locale in languages:
        return current_user.locale
    if request.path.startswith("/api/"):
        return request.accept_languages.best_match(languages) or default
    return default


def localized(obj, field, locale):
    """``obj.field_en`` in English when it is filled in, ``obj.field_vi`` otherwise."""
    if locale == "en":
        value = getattr(obj, f"{field}_en", "")
        if value:
            return value
    return getattr(obj, f"{field}_vi", "")
