"""Locale selection, the compiled catalogues, and picking the right language's column."""
import logging
from pathlib import Path

from flask import current_app, has_request_context, request, session
from flask_login import current_user

# The language the msgids are written in: it needs no catalogue.
SOURCE_LANGUAGE = "en"

log = logging.getLogger(__name__)


def check_catalogues(app):
    """Every language but the source one needs its compiled catalogue (``messages.mo``).

    Without it Flask-Babel quietly shows the English msgids, so with ``TRANSLATIONS_REQUIRED``
    (production) the app refuses to start; elsewhere it logs how to compile them.
    """
    directories = [Path(d) for d in app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")]
    domain = app.config.get("BABEL_DOMAIN", "messages")
    missing = [
        str(directories[0] / language / "LC_MESSAGES" / f"{domain}.mo")
        for language in app.config["LANGUAGES"]
        if language != SOURCE_LANGUAGE
        and not any((d / language / "LC_MESSAGES" / f"{domain}.mo").is_file() for d in directories)
    ]
    if not missing:
        return
    problem = f"compiled translation catalogue missing: {', '.join(missing)}"
    if app.config.get("TRANSLATIONS_REQUIRED"):
        raise RuntimeError(f"{problem}. Install the package with `pip install .` (its build compiles "
                           "them) or run `pybabel compile -d marketplace/translations`")
    log.warning("%s; pages show English until `pybabel compile -d marketplace/translations` is run", problem)


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
