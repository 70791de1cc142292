"""Site-wide plumbing: the language switch, uploaded media and the health check."""
from pathlib import Path

from flask import Blueprint, abort, current_app, jsonify, redirect, request, send_from_directory, session
from flask_login import current_user
from sqlalchemy import text

from marketplace.core import security
from marketplace.core.redirects import safe_next
from marketplace.extensions import db

bp = Blueprint("core", __name__)


@bp.route("/lang/<code>", methods=["POST"])
def set_language(code):
    """The header's language switch: a POST with a CSRF token, so no other site can change it."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
        if current_user.is_authenticated and current_user.locale != code:
            current_user.locale = code
            db.session.commit()
    return redirect(safe_next(request.form.get("next")) or "/", 303)


@bp.route("/media/<path:path>")
def media(path):
    """Public uploads (listing, village and mark images); the private folders are served by views that check access."""
    if path.split("/", 1)[0] in current_app.config["PRIVATE_UPLOAD_FOLDERS"]:
        abort(404)
    return uploaded(path, max_age=7 * 24 * 3600)


def uploaded(path, max_age=None):
    """A file under UPLOAD_FOLDER (404 when missing or outside it), sent as nothing but what it is."""
    response = send_from_directory(Path(current_app.config["UPLOAD_FOLDER"]).resolve(), path, max_age=max_age)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/healthz")
@security.plain_http
def healthz():
    """200 when the database and the broker answer, 503 with details otherwise."""
    state = {"database": "ok", "broker": "ok"}
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # reported, not raised: this is the health check
        state["database"] = f"error: {exc.__class__.__name__}"
    try:
        celery = current_app.extensions["celery"]
        with celery.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        state["broker"] = f"error: {exc.__class__.__name__}"
    healthy = all(v == "ok" for v in state.values())
    return jsonify(status="ok" if healthy else "degraded", **state), 200 if healthy else 503


def send_private(image, thumb=False):
    """A private upload (a return's or a message's photo) to someone the caller's view has checked:
    kept by the browser only, never by a shared cache."""
    path = image.thumb_path if thumb else image.path
    response = send_from_directory(Path(current_app.config["UPLOAD_FOLDER"]).resolve(), path, max_age=3600)
    response.headers["Cache-Control"] = "private, max-age=3600"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
