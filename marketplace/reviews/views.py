"""Review pages: a buyer's review form for a delivered product, and the producer's answer."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.catalog import services as catalog
from marketplace.core.errors import InvalidInput, NotAllowed
from marketplace.core.forms import flash_outcome, form_status, mark_required, raw_values, show_error
from marketplace.extensions import limiter
from marketplace.reviews import services
from marketplace.reviews.constants import MAX_PHOTOS, WRITTEN_IN
from marketplace.reviews.forms import AnswerForm, ReviewForm
from marketplace.reviews.schemas import ReviewSchema

bp = Blueprint("reviews", __name__)


def _product_page(listing_id, review_id=None):
    return url_for("catalog.detail", listing_id=listing_id) + (f"#review-{review_id}" if review_id else "#reviews")


@bp.route("/products/<int:listing_id>/review", methods=["GET", "POST"])
@login_required
@limiter.limit(lambda: current_app.config["REVIEW_RATE_LIMIT"], methods=["POST"])
def write(listing_id):
    """The review form, for a buyer whose order of this product was delivered and who has not reviewed it yet."""
    listing = catalog.public_listing(listing_id)
    form = mark_required(ReviewForm(), ReviewSchema())
    if request.method == "GET":
        if not services.can_review(current_user, listing.id):
            raise NotAllowed(_("Only a buyer whose order of this product was delivered can review it, once."))
        form.language.data = str(get_locale())
    else:
        try:
            review = services.write_review(current_user, listing.id, raw_values(form), form.photo_bytes())
        except InvalidInput as exc:
            show_error(form, exc)
            if form.photos.data and any(getattr(f, "filename", "") for f in form.photos.data):
                form.photos.errors = [*form.photos.errors, _("Your photos were not saved. Please attach them again.")]
            return render_template("reviews/form.html", form=form, listing=listing, max_photos=MAX_PHOTOS), \
                getattr(exc, "status_code", 400)
        flash(_("Thank you: your review is on the product's page."), "success")
        return redirect(_product_page(listing.id, review.id), 303)
    return render_template("reviews/form.html", form=form, listing=listing, max_photos=MAX_PHOTOS), form_status()


@bp.route("/reviews/<int:review_id>/answer", methods=["POST"])
@login_required
def answer(review_id):
    """The producer's one answer; a mistake is flashed and nothing is saved."""
    form = AnswerForm()
    review = flash_outcome(lambda: services.answer_review(current_user, review_id, raw_values(form), str(get_locale())),
                           _("Your answer is published under the review."))
    listing_id = review.listing_id if review is not None else request.form.get("listing_id", type=int)
    if listing_id is None:
        return redirect(url_for("storefront.index"), 303)
    return redirect(_product_page(listing_id, review_id), 303)


@bp.app_context_processor
def _language_marks():
    """The "written in …" mark each review carries, for every template that lists reviews."""
    return {"written_in": WRITTEN_IN}
