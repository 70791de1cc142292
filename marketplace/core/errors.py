"""Error pages for people and JSON errors for the API."""
import logging

from flask import abort, jsonify, make_response, render_template, request
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from marketplace.extensions import db

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule of the marketplace that the user's request broke; shown to them as it is."""

    status_code = 400

    def __init__(self, message, field=None, errors=None):
        super().__init__(message)
        self.message = message
        self.field = field
        # Every input at fault with its messages ({"price_min": ["..."]}): forms show each next to
        # its field, the API returns it as error.fields.
        self.errors = errors if errors is not None else ({field: [message]} if field else {})

    @classmethod
    def for_fields(cls, errors):
        """The error for a schema's ``errors``: its message is every message, in field order."""
        return cls(" ".join(dict.fromkeys(m for messages in errors.values() for m in messages)),
                   field=next(iter(errors), None), errors=errors)


class InvalidInput(DomainError):
    """The user's input breaks a rule; views show the message next to the form (400)."""

    status_code = 400


class NotAllowed(DomainError):
    """The user may not act on this object (another producer's listing, another association's member)."""

    status_code = 403


class NotFound(DomainError):
    """The object does not exist, or the user may not know that it does."""

    status_code = 404


def _has_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _body_has_nul():
    """True when the request's form fields or JSON body hold a NUL character anywhere."""
    if request.is_json:
        return _has_nul(request.get_json(silent=True))
    return any(_has_nul(k) or _has_nul(v) for k, v in request.form.items(multi=True))


def found(model, ident, message, allowed=None):
    """The ``model`` row with this id, or NotFound(``message``): a 404 that says nothing more.

    With ``allowed`` (a test of the row), a row the person may not see is the same 404, so that
    others' rows are not revealed."""
    row = db.session.get(model, ident)
    if row is None or (allowed is not None and not allowed(row)):
        raise NotFound(message)
    return row


def _wants_json():
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def api_error(status, message, errors=None):
    payload = {"error": {"status": status, "message": message}}
    if errors:
        payload["error"]["fields"] = errors
    return jsonify(payload), status


def register(app):
    @app.errorhandler(DomainError)
    def domain_error(exc):
        if _wants_json():
            return api_error(exc.status_code, exc.message, exc.errors or None)
        return render_template("errors/error.html", status=exc.status_code, message=exc.message), exc.status_code

    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        message = _("This form has expired or did not come from our site (CSRF check failed). Reload the page and try again.")
        if _wants_json():
            return api_error(400, message)
        return render_template("errors/error.html", status=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(exc):
        messages = {
            400: _("The request could not be understood."),
            401: _("Sign in first, or send an API token as Authorization: Bearer <token>."),
            403: _("You are not allowed to do that."),
            404: _("We could not find that page."),
            405: _("That method is not allowed here."),
            413: _("The upload is too large."),
            429: _("Too many attempts. Please wait a minute and try again."),
        }
        message = messages.get(exc.code, exc.description)
        if isinstance(exc, RateLimitExceeded):  # say how long the window is: a minute, an hour...
            message = _("Too many attempts. Please wait %(wait)s and try again.",
                        wait=format_timedelta(exc.limit.limit.get_expiry()))
        if _wants_json():
            response, status = api_error(exc.code, message)
        else:
            response = make_response(render_template("errors/error.html", status=exc.code, message=message), exc.code)
            status = exc.code
        # The exception's own headers travel with our body: a 405's Allow (RFC 9110 requires it),
        # a 401's WWW-Authenticate, a 429's Retry-After.
        for name, value in exc.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response, status

    @app.before_request
    def refuse_nul_characters():
        """PostgreSQL cannot store or compare NUL characters; no real input contains them.

        Checked here for the path and query string, and for form and JSON bodies, so that no
        field (an inquiry's description, a producer's story, a token's name...) reaches the
        database with one and fails there as a 500.
        """
        if "\x00" in request.path or any("\x00" in k or "\x00" in v for k, v in request.args.items(multi=True)):
            abort(400)
        if request.method in ("POST", "PUT", "PATCH") and _body_has_nul():
            raise InvalidInput(_("A field contains a NUL character (\\0), which no text may hold. Remove it and try again."))

    @app.errorhandler(Exception)
    def unexpected(exc):
        log.exception("unhandled error on %s %s", request.method, request.path)
        db.session.rollback()  # leave no half-done transaction to the next request on this session
        if _wants_json():
            return api_error(500, "Internal server error")
        return render_template("errors/error.html", status=500, message=_("Something went wrong on our side.")), 500
