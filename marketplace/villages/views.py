from flask import Blueprint, render_template

from marketplace.catalog import services as catalog
from marketplace.villages import services

bp = Blueprint("villages", __name__)


@bp.route("/villages")
def index():
    return render_template("villages/index.html", villages=services.all_villages())


@bp.route("/villages/<slug>")
def detail(slug):
    village = services.village_by_slug(slug)
    return render_template("villages/detail.html", village=village, producers=services.producers_in(village),
                           products=catalog.newest(village=slug))


@bp.route("/crafts/<slug>")
def craft(slug):
    craft = services.craft_by_slug(slug)
    products = catalog.search_listings(catalog.SearchParams(craft=slug, per_page=12, sort="newest"), with_facets=False)
    return render_template("villages/craft.html", craft=craft, products=products)
