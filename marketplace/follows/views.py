"""Save and follow buttons (each one POST, undone by one more), and the buyer's page of saved
products, follows and recently viewed products."""
from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.core.forms import flash_outcome
from marketplace.core.redirects import safe_next
from marketplace.follows import services

bp = Blueprint("follows", __name__)

RECENT_KEY = "recently_viewed"  # the session key of a signed-in buyer's recently viewed product ids


def remember_view(listing_id):
    """Put a product at the head of a signed-in buyer's recently viewed list (in the session: no write
    to the database per view)."""
    if current_user.is_authenticated:
        session[RECENT_KEY] = services.remember(session.get(RECENT_KEY), listing_id)


def recently_viewed(skip=None):
    if not current_user.is_authenticated:
        return []
    return services.recently_viewed(session.get(RECENT_KEY), skip=skip)


def _back(default):
    return redirect(safe_next(request.form.get("next")) or default, 303)


@bp.route("/products/<int:listing_id>/save", methods=["POST"])
@login_required
def save(listing_id):
    flash_outcome(lambda: services.save(current_user, listing_id),
                  lambda listing: _("Saved: find it under Saved and followed."))
    return _back(url_for("catalog.detail", listing_id=listing_id))


@bp.route("/products/<int:listing_id>/unsave", methods=["POST"])
@login_required
def unsave(listing_id):
    flash_outcome(lambda: services.unsave(current_user, listing_id), _("Removed from your saved products."))
    return _back(url_for("follows.saved"))


# The follow and unfollow buttons: the service each calls and what it then says of the shop or village.
_FOLLOW_BUTTONS = {
    "follow": (services.follow,
               lambda subject: _("You follow %(name)s: its new products come in your digest.", name=subject.name)),
    "unfollow": (services.unfollow, lambda subject: _("You no longer follow %(name)s.", name=subject.name)),
}


@bp.route("/follow/<any(producer, village):kind>/<int:subject_id>", methods=["POST"], endpoint="follow",
          defaults={"action": "follow"})
@bp.route("/unfollow/<any(producer, village):kind>/<int:subject_id>", methods=["POST"], endpoint="unfollow",
          defaults={"action": "unfollow"})
@login_required
def follow_button(kind, subject_id, action):
    call, said = _FOLLOW_BUTTONS[action]
    flash_outcome(lambda: call(current_user, kind, subject_id), said)
    return _back(url_for("follows.saved"))


@bp.route("/account/saved")
@login_required
def saved():
    return render_template("follows/saved.html", favourites=services.favourites_of(current_user),
                           follows=services.follows_of(current_user), recent=recently_viewed())
