"""The home page (villages, marks, new products, crafts) and the about page."""
from flask import Blueprint, render_template

from marketplace.catalog import services as catalog
from marketplace.follows import views as follows
from marketplace.trademarks import services as trademarks
from marketplace.villages import services as villages

bp = Blueprint("storefront", __name__)


@bp.route("/")
def index():
    return render_template(
        "index.html",
        villages=villages.all_villages()[:8],
        trademarks=trademarks.all_trademarks(),
        products=catalog.featured(8),
        crafts=villages.all_crafts(),
        recent=follows.recently_viewed(),
    )


@bp.route("/about")
def about():
    return render_template("about.html")
