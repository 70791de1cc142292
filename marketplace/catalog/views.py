from dataclasses import dataclass
from urllib.parse import parse_qsl

import segno
from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from marketplace.catalog import services
from marketplace.catalog.forms import ListingForm
from marketplace.catalog.models import ListingStatus, unit_label
from marketplace.catalog.schemas import ListingSchema
from marketplace.core import caching, counters, replica
from marketplace.core.errors import InvalidInput
from marketplace.core.forms import flash_outcome, form_status, mark_required, save_form
from marketplace.core.labels import status_label
from marketplace.core.paging import page_number
from marketplace.core.redirects import safe_next
from marketplace.core.templating import tr, tr_both
from marketplace.follows import services as follows
from marketplace.follows import views as follows_views
from marketplace.producers import services as producers
from marketplace.reports import tallies
from marketplace.reviews import services as reviews
from marketplace.trademarks import services as trademarks
from marketplace.villages import services as villages

bp = Blueprint("catalog", __name__)


@bp.route("/products")
@replica.routed(unless=caching.personal)
def index():
    try:
        params = services.SearchParams.from_args(request.args)
    except InvalidInput as exc:
        flash(exc.message, "error")
        return render_template("catalog/index.html", params=None, error=exc.message, crafts=villages.all_crafts()), 400
    # The whole page is cached for anonymous visitors, with slots for what is each visitor's own
    # (caching.page: CSRF token, nonce, the address as typed); a signed-in user's is made afresh.
    search_args = parse_qsl(caching.normalised(params))  # the forms' hidden arguments, the same for every visitor

    def page():
        results = render_template("catalog/_results.html", page=services.search_listings(params), search_args=search_args)
        return caching.page("catalog/index.html", params=params, results=Markup(results), search_args=search_args)

    return caching.catalogue_read("products-page", params, build=page,
                                  respond=lambda html: make_response(caching.filled_page(html)))


@dataclass(frozen=True)
class ProductKey:
    """What a product's cached part depends on, besides the language and the day (caching.key_for)."""
    listing_id: int
    page: int = 1  # of its reviews


@bp.route("/products/<int:listing_id>")
@replica.routed(unless=caching.personal)
def detail(listing_id):
    # The whole page is cached for anonymous visitors, with slots for what is each visitor's own
    # (caching.page: CSRF token, nonce, the address as typed), as /products is; a signed-in user's is
    # made afresh, with their recently viewed products. A view counts, cached or not.
    page = page_number(request.args)
    response = caching.catalogue_read("product-page", ProductKey(listing_id, page),
                                      build=lambda: _product_page(listing_id, page),
                                      respond=lambda html: make_response(caching.filled_page(html)))
    counters.hit("views", listing_id)  # batched: written by the beat task, never an UPDATE per view
    tallies.flush_if_due()  # only without Redis, at most once per COUNTER_FLUSH_SECONDS
    return response


def _product_page(listing_id, page):
    """A public product's page as this viewer sees it (any anonymous one alike), with slots for the
    request's own values; 404 when it is not public. A signed-in buyer's recently viewed products
    (this one remembered first, left out of them) are theirs: their page is never kept."""
    listing = services.public_listing(listing_id)
    staff = current_user.is_authenticated and current_user.is_staff
    title = tr(listing, "title")
    body = caching.fragment(
        "catalog/_product.html", listing=listing, can_edit=producers.can_act_for(current_user, listing.producer_id),
        reviews=reviews.reviews_of(listing.id, page=page, with_hidden=staff),
        can_review=reviews.can_review(current_user, listing.id), saved=follows.is_saved(current_user, listing.id))
    follows_views.remember_view(listing.id)
    return caching.page("catalog/detail.html", title=title, description=(tr(listing, "description") or title)[:160],
                        body=Markup(body), recent=follows_views.recently_viewed(skip=listing.id))


def _craft_choices(form):
    form.craft_id.choices = [(c.id, tr_both(c, "name")) for c in villages.all_crafts()]


def _form_page(form, producer, listing=None, status=200):
    if status == 400 and any(f.filename for f in request.files.getlist("images")):
        # Browsers cannot refill a file input: say so rather than drop the pictures silently.
        form.images.errors = [*form.images.errors, _("Your pictures were not saved. Please attach them again.")]
    return render_template("catalog/form.html", form=form, producer=producer, listing=listing), status



@bp.route("/dashboard/producer/<int:producer_id>/listings/new", methods=["GET", "POST"])
@login_required
def create(producer_id):
    producer = producers.get_for(current_user, producer_id)
    form = mark_required(ListingForm(), ListingSchema())
    _craft_choices(form)
    saved = save_form(form, lambda values: services.create_listing(current_user, producer.id, values, form.uploads()),
                      _("Listing saved."), lambda listing: url_for("catalog.edit", listing_id=listing.id))
    return saved or _form_page(form, producer, status=form_status())


@bp.route("/dashboard/listings/<int:listing_id>/edit", methods=["GET", "POST"])
@login_required
def edit(listing_id):
    listing = services.get_own_listing(current_user, listing_id)
    form = ListingForm(obj=listing) if request.method == "GET" else ListingForm()
    if request.method == "GET":
        form.fill_rows(listing)
    if listing.status == ListingStatus.HIDDEN:  # only staff lift a hide: the form keeps it
        form.status.choices = [(ListingStatus.HIDDEN, status_label(ListingStatus.HIDDEN, "listing"))]
    mark_required(form, ListingSchema())
    _craft_choices(form)
    saved = save_form(form, lambda values: services.update_listing(current_user, listing_id, values, form.uploads()),
                      _("Listing saved."), lambda _listing: url_for("catalog.edit", listing_id=listing_id))
    return saved or _form_page(form, listing.producer, listing, status=form_status())


@bp.route("/dashboard/listings/<int:listing_id>/status", methods=["POST"])
@login_required
def change_status(listing_id):
    listing = services.get_own_listing(current_user, listing_id)
    flash_outcome(lambda: services.set_status(current_user, listing_id, request.form.get("status", "")),
                  lambda changed: _("Status changed to %(status)s.", status=status_label(changed.status, "listing")))
    return redirect(safe_next(request.form.get("next")) or url_for("producers.dashboard", p=listing.producer_id))


@bp.route("/dashboard/listings/<int:listing_id>/images/<int:image_id>/delete", methods=["POST"])
@login_required
def delete_image(listing_id, image_id):
    services.delete_image(current_user, listing_id, image_id)
    flash(_("Image removed."), "success")
    return redirect(url_for("catalog.edit", listing_id=listing_id))


@bp.app_template_global()
def verify_qr_svg(code):
    """An inline SVG QR code pointing at /verify/<code> (segno; no network, no files)."""
    url = url_for("trademarks.verify", code=code, _external=True)
    # omitsize gives a viewBox, so CSS can scale it; Markup because it is our own SVG, not user text.
    return Markup(segno.make(url, error="m").svg_inline(scale=4, dark="#3b2a1a", omitsize=True))


bp.add_app_template_global(trademarks.can_administer)
bp.add_app_template_global(unit_label)
