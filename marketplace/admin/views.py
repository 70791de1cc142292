from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from marketplace.accounts.auth import staff_required
from marketplace.catalog.models import Listing
from marketplace.extensions import db
from marketplace.producers import services as producers
from marketplace.producers.models import Producer, ProducerStatus

bp = Blueprint("admin", __name__, url_prefix="/staff")


@bp.route("/")
@staff_required
def index():
    status = request.args.get("status", ProducerStatus.PENDING)
    if status not in ProducerStatus.ALL:
        status = ProducerStatus.PENDING
    page = db.paginate(
        select(Producer).where(Producer.status == status).options(joinedload(Producer.village)).order_by(Producer.created_at.desc()),
        page=request.args.get("page", 1, type=int), per_page=30, error_out=False,
    )
    counts = dict(db.session.execute(select(Producer.status, func.count()).group_by(Producer.status)).all())
    listing_counts = dict(db.session.execute(
        select(Listing.producer_id, func.count()).where(Listing.producer_id.in_([p.id for p in page.items])).group_by(Listing.producer_id)
    ).all()) if page.items else {}
    return render_template("admin/index.html", page=page, status=status, counts=counts, listing_counts=listing_counts)


@bp.route("/producers/<int:producer_id>/approve", methods=["POST"])
@staff_required
def approve(producer_id):
    producer = producers.approve(current_user, producer_id)
    flash(_("%(name)s is approved.", name=producer.name), "success")
    return redirect(url_for("admin.index"))


@bp.route("/producers/<int:producer_id>/suspend", methods=["POST"])
@staff_required
def suspend(producer_id):
    producer = producers.suspend(current_user, producer_id)
    flash(_("%(name)s is suspended.", name=producer.name), "success")
    return redirect(url_for("admin.index", status="approved"))
