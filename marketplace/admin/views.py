from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from marketplace.accounts.auth import staff_required
from marketplace.catalog.models import Listing
from marketplace.core.errors import InvalidInput
from marketplace.core.forms import flash_outcome
from marketplace.core.paging import one_of, page_number
from marketplace.extensions import db
from marketplace.orders import services as orders
from marketplace.orders.models import PartStatus, PaymentMethod
from marketplace.payments import services as payments
from marketplace.producers import services as producers
from marketplace.producers.models import Producer, ProducerStatus

bp = Blueprint("admin", __name__, url_prefix="/staff")


@bp.route("/")
@staff_required
def index():
    status = one_of(request.args, "status", ProducerStatus.ALL, ProducerStatus.PENDING)
    page = db.paginate(
        select(Producer).where(Producer.status == status).options(joinedload(Producer.village)).order_by(Producer.created_at.desc()),
        page=page_number(request.args), per_page=30, error_out=False,
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


# ---------------------------------------------------------------- orders, payments, payouts

def _order_filters():
    """The list's filters from the query string, or (empty filters, the error naming each bad one)."""
    try:
        return orders.OrderFilters.from_args(request.args), None
    except InvalidInput as exc:
        return orders.OrderFilters(), exc


@bp.route("/orders")
@staff_required
def orders_index():
    filters, error = _order_filters()
    page = orders.all_orders(filters) if error is None else None
    html = render_template("admin/orders.html", page=page, filters=filters, error=error, statuses=PartStatus.ALL,
                           methods=PaymentMethod.ALL, producers=producers.producer_choices(), args=request.args)
    return html, 400 if error else 200


@bp.route("/orders.csv")
@staff_required
def orders_csv():
    filters, error = _order_filters()
    if error is not None:
        raise error
    return Response(orders.orders_csv(filters), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=orders.csv"})


@bp.route("/payments")
@staff_required
def payments_index():
    return render_template("admin/payments.html", transfers=payments.awaiting_transfers(),
                           refunds=payments.refunds_to_transfer(), unsent=payments.refunds_not_sent(),
                           recent=payments.recent_payments(page=page_number(request.args)), report=None)


@bp.route("/payments/transfers/<int:order_id>", methods=["POST"])
@staff_required
def record_transfer(order_id):
    flash_outcome(lambda: payments.record_transfer(current_user, order_id),
                  lambda order: _("Order %(ref)s is marked as paid.", ref=order.reference))
    return redirect(url_for("admin.payments_index"), 303)


@bp.route("/payments/statement", methods=["POST"])
@staff_required
def import_statement():
    upload = request.files.get("statement")
    if upload is None or not upload.filename:
        flash(_("Choose the bank statement file (CSV)."), "error")
        return redirect(url_for("admin.payments_index"), 303)
    try:
        report = payments.import_statement(current_user, upload.read())
    except InvalidInput as exc:
        flash(exc.message, "error")
        return redirect(url_for("admin.payments_index"), 303)
    return render_template("admin/payments.html", transfers=payments.awaiting_transfers(),
                           refunds=payments.refunds_to_transfer(), unsent=payments.refunds_not_sent(),
                           recent=payments.recent_payments(), report=report)


# What staff can do with a refund, and what they are told once it is done.
_REFUND_STEPS = {
    "transferred": (payments.mark_refund_transferred, _l("The refund is recorded as transferred.")),
    "retry": (payments.retry_refund, _l("The card refund will be sent to Stripe again.")),
}


@bp.route("/payments/refunds/<int:refund_id>/<any(transferred, retry):step>", methods=["POST"])
@staff_required
def refund_step(refund_id, step):
    """Record a bank transfer back to the buyer, or send a card refund to Stripe again."""
    call, done = _REFUND_STEPS[step]
    call(current_user, refund_id)
    flash(str(done), "success")
    return redirect(url_for("admin.payments_index"), 303)


@bp.route("/payouts")
@staff_required
def payouts_index():
    return render_template("admin/payouts.html", due=payments.due_by_producer(),
                           batches=payments.batches(page=page_number(request.args)))


@bp.route("/payouts", methods=["POST"])
@staff_required
def create_payout_batch():
    try:
        batch = payments.create_payout_batch(current_user)
    except InvalidInput as exc:
        flash(exc.message, "error")
        return redirect(url_for("admin.payouts_index"), 303)
    flash(_("Payout batch %(id)s is ready: download its CSV for the bank.", id=batch.id), "success")
    return redirect(url_for("admin.payout_batch", batch_id=batch.id), 303)


@bp.route("/payouts/<int:batch_id>")
@staff_required
def payout_batch(batch_id):
    batch = payments.get_batch(batch_id)
    return render_template("admin/payout_batch.html", batch=batch, lines=payments.payout_lines(batch.id))


@bp.route("/payouts/<int:batch_id>.csv")
@staff_required
def payout_csv(batch_id):
    return Response(payments.payout_csv(batch_id), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=payout-batch-{batch_id}.csv"})


@bp.route("/payouts/<int:batch_id>-bank.csv")
@staff_required
def payout_bank_csv(batch_id):
    """The batch in the bank's bulk-transfer layout (payments.banks): ASCII, names unaccented in upper case."""
    return Response(payments.payout_bank_csv(batch_id), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=payout-batch-{batch_id}-bank.csv"})


@bp.route("/payouts/<int:batch_id>/paid", methods=["POST"])
@staff_required
def payout_paid(batch_id):
    flash_outcome(lambda: payments.mark_batch_paid(current_user, batch_id),
                  _("Batch %(id)s is marked as paid; producers have been told.", id=batch_id))
    return redirect(url_for("admin.payout_batch", batch_id=batch_id), 303)
