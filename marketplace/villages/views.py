from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.auth import roles_required
from marketplace.accounts.models import Role
from marketplace.catalog import services as catalog
from marketplace.core.forms import form_page, mark_required
from marketplace.follows import services as follows
from marketplace.reviews import services as reviews
from marketplace.villages import requests, services
from marketplace.villages.forms import VillageRequestForm
from marketplace.villages.schemas import VillageRequestSchema

bp = Blueprint("villages", __name__)


@bp.route("/villages")
def index():
    return render_template("villages/index.html", villages=services.all_villages())


@bp.route("/villages/<slug>")
def detail(slug):
    village = services.village_by_slug(slug)
    return render_template("villages/detail.html", village=village, producers=services.producers_in(village),
                           products=catalog.newest(village=slug), rating=reviews.village_rating(village.id),
                           following=follows.following(current_user, "village", village.id),
                           followers=follows.follower_count("village", village.id))


@bp.route("/crafts/<slug>")
def craft(slug):
    craft = services.craft_by_slug(slug)
    products = catalog.search_listings(catalog.SearchParams(craft=slug, per_page=12, sort="newest"), with_facets=False)
    return render_template("villages/craft.html", craft=craft, products=products)


@bp.route("/villages/request", methods=["GET", "POST"])
@roles_required(Role.PRODUCER, Role.BUYER)
def request_village():
    """A producer whose village is not listed asks staff to add it (from registration or the profile)."""
    form = VillageRequestForm(producer_id=request.args.get("producer", "")) if request.method == "GET" else VillageRequestForm()
    return form_page(
        mark_required(form, VillageRequestSchema()), lambda values: requests.request_village(current_user, values),
        lambda row: _("Thank you. Staff will add %(name)s or tell you why not; you will get a notification.",
                      name=row.name),
        lambda row: url_for("villages.request_village"),
        "villages/request.html", asked=requests.requests_of(current_user))
