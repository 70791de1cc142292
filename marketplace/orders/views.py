"""Cart, checkout, the buyer's orders, and the producer's order queue and earnings."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.core.errors import InvalidInput
from marketplace.core.forms import mark_required, raw_values, show_error
from marketplace.core.paging import page_number
from marketplace.core.redirects import safe_next
from marketplace.core.security import allows_stripe
from marketplace.notifications.messages import said
from marketplace.orders import services
from marketplace.orders.forms import CheckoutForm, ShipForm
from marketplace.orders.models import PartStatus, PaymentMethod
from marketplace.orders.schemas import CheckoutSchema
from marketplace.payments import services as payments
from marketplace.producers import services as producers

bp = Blueprint("orders", __name__)

CART_TOKEN = "cart_token"


def _cart(create=False):
    cart = services.cart_for(current_user, session.get(CART_TOKEN), create=create)
    if cart is not None and cart.token and session.get(CART_TOKEN) != cart.token:
        session[CART_TOKEN] = cart.token
    return cart


def _back(default):
    return redirect(safe_next(request.form.get("next")) or default)


# ---------------------------------------------------------------- cart

@bp.route("/cart")
def cart():
    review = services.review_cart(_cart())
    return render_template("orders/cart.html", review=review)


@bp.route("/cart/add", methods=["POST"])
def add():
    listing_id = request.form.get("listing_id", type=int) or 0
    try:
        cart = services.add_to_cart(current_user, session.get(CART_TOKEN), listing_id,
                                    request.form.get("variant_id", type=int), request.form.get("quantity", "1"))
    except InvalidInput as exc:
        flash(exc.message, "error")
        return redirect(url_for("catalog.detail", listing_id=listing_id)), 303
    if cart.token:
        session[CART_TOKEN] = cart.token
    flash(_("Added to your cart."), "success")
    return _back(url_for("orders.cart"))


@bp.route("/cart/items/<int:item_id>", methods=["POST"])
def update_item(item_id):
    try:
        if request.form.get("action") == "remove":
            services.remove_item(current_user, session.get(CART_TOKEN), item_id)
            flash(_("Removed from your cart."), "success")
        else:
            services.set_quantity(current_user, session.get(CART_TOKEN), item_id, request.form.get("quantity", ""))
    except InvalidInput as exc:
        flash(exc.message, "error")
    return redirect(url_for("orders.cart"))


@bp.route("/cart/accept-prices", methods=["POST"])
def accept_prices():
    cart = _cart()
    if cart is not None:
        services.accept_prices(cart)
    return redirect(url_for("orders.checkout" if current_user.is_authenticated else "orders.cart"))


# ---------------------------------------------------------------- checkout

def _checkout_form():
    form = mark_required(CheckoutForm(), CheckoutSchema())
    form.payment_method.choices = [(p.method, p.label) for p in payments.available_methods()]
    return form


@bp.route("/checkout", methods=["GET", "POST"])
@login_required
def checkout():
    cart = _cart()
    form = _checkout_form()
    if request.method == "GET":
        form.checkout_token.data = services.new_checkout_token()
        form.payment_method.data = PaymentMethod.COD
        form.recipient_name.data = current_user.name
    review = services.review_cart(cart)
    if request.method == "GET" and review.empty:
        flash(_("Your cart is empty."), "info")
        return redirect(url_for("orders.cart"))
    if request.method == "POST" and form.validate_on_submit():
        try:
            order = services.place_order(current_user, cart, raw_values(form), form.payment_method.data,
                                         form.checkout_token.data, card_enabled=payments.card_enabled())
        except InvalidInput as exc:
            show_error(form, exc)
            review = services.review_cart(_cart())
            return render_template("orders/checkout.html", form=form, review=review), exc.status_code
        if order.payment_method == PaymentMethod.CARD:
            return redirect(url_for("orders.pay", order_id=order.id), 303)
        flash(_("Thank you! Your order %(ref)s is placed.", ref=order.reference), "success")
        return redirect(url_for("orders.order_page", order_id=order.id), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("orders/checkout.html", form=form, review=review), status


# ---------------------------------------------------------------- buyer's orders

@bp.route("/orders")
@login_required
def my_orders():
    page = services.orders_of(current_user, page=page_number(request.args))
    return render_template("orders/list.html", page=page)


@bp.route("/orders/<int:order_id>")
@login_required
def order_page(order_id):
    if request.args.get("payment_intent"):  # back from Stripe's 3-D Secure page
        payments.refresh_card_payment(current_user, order_id)
    order = services.order_for(current_user, order_id)
    transfer = None
    if order.payment_method == PaymentMethod.BANK_TRANSFER and order.awaiting_payment:
        transfer = payments.transfer_instructions(order)
    return render_template("orders/order.html", order=order, transfer=transfer,
                           payments=payments.payments_of(order.id))


@bp.route("/orders/<int:order_id>/parts/<int:part_id>/cancel", methods=["POST"])
@login_required
def cancel(order_id, part_id):
    order = services.order_for(current_user, order_id)
    if part_id not in {part.id for part in order.parts}:
        abort(404)
    try:
        part, refund = services.cancel_part(current_user, part_id, request.form.get("reason", ""))
    except InvalidInput as exc:
        flash(exc.message, "error")
        return redirect(url_for("orders.order_page", order_id=order_id)), 303
    flash(_("That part of your order is cancelled.") + (" " + _("The refund is on its way.") if refund else ""), "success")
    return redirect(url_for("orders.order_page", order_id=order_id), 303)


@bp.route("/orders/<int:order_id>/parts/<int:part_id>/received", methods=["POST"])
@login_required
def received(order_id, part_id):
    part = services.part_for_buyer(current_user, part_id)
    if part.order_id != order_id:
        abort(404)
    try:
        services.confirm_receipt(current_user, part_id)
    except InvalidInput as exc:
        flash(exc.message, "error")
        return redirect(url_for("orders.order_page", order_id=order_id), 303)
    flash(_("Thank you: the producer has been told that your parcel arrived."), "success")
    return redirect(url_for("orders.order_page", order_id=order_id), 303)


@bp.route("/orders/<int:order_id>/pay", methods=["GET", "POST"])
@allows_stripe
@login_required
def pay(order_id):
    order = services.order_for(current_user, order_id)
    if order.buyer_id != current_user.id:
        abort(404)
    if order.payment_method != PaymentMethod.CARD or not order.awaiting_payment:
        return redirect(url_for("orders.order_page", order_id=order.id))
    if request.method == "POST":
        try:
            result = payments.pay_by_card(current_user, order.id, request.form.get("payment_method_id", ""))
        except InvalidInput as exc:
            # A declined card released the order and refilled the cart: the buyer goes back there.
            target = url_for("orders.cart") if exc.status_code == 402 else url_for("orders.pay", order_id=order.id)
            if request.accept_mimetypes.best == "application/json":
                return {"status": "error", "message": exc.message, "redirect": target}, exc.status_code
            flash(exc.message, "error")
            return redirect(target, 303)
        target = url_for("orders.order_page", order_id=order.id)
        if request.accept_mimetypes.best == "application/json":
            return {"status": result.status, "client_secret": result.client_secret, "redirect": target}
        return redirect(target, 303)
    return render_template("orders/pay.html", order=order, publishable_key=current_app.config["STRIPE_PUBLISHABLE_KEY"])


# ---------------------------------------------------------------- producer's orders

@bp.route("/dashboard/producer/<int:producer_id>/orders")
@login_required
def producer_orders(producer_id):
    producer = producers.get_for(current_user, producer_id)
    status = request.args.get("status", "open")
    page = services.parts_for_producer(producer.id, status=status, page=page_number(request.args))
    return render_template("orders/producer_queue.html", producer=producer, page=page, status=status,
                           statuses=("open", *PartStatus.ALL))


@bp.route("/dashboard/producer/orders/<int:part_id>")
@login_required
def producer_part(part_id):
    part = services.part_for_producer(current_user, part_id)
    return render_template("orders/producer_part.html", part=part, form=ShipForm())


@bp.route("/dashboard/producer/orders/<int:part_id>/<action>", methods=["POST"])
@login_required
def producer_action(part_id, action):
    form = ShipForm()
    try:
        if action == "ship":
            services.ship_part(current_user, part_id, form.carrier.data, form.tracking_number.data)
            flash(_("Shipment recorded; the buyer has been told."), "success")
        elif action == "cancel":
            services.cancel_part(current_user, part_id, request.form.get("reason", ""))
            flash(_("The order part is cancelled and its stock is back on sale."), "success")
        else:
            abort(404)
    except InvalidInput as exc:
        part = services.part_for_producer(current_user, part_id)
        show_error(form, exc)
        return render_template("orders/producer_part.html", part=part, form=form), exc.status_code
    return redirect(url_for("orders.producer_part", part_id=part_id), 303)


@bp.route("/dashboard/producer/<int:producer_id>/earnings")
@login_required
def earnings(producer_id):
    producer = producers.get_for(current_user, producer_id)
    ledger = payments.earnings_of(producer.id, page=page_number(request.args))
    return render_template("orders/earnings.html", producer=producer, ledger=ledger)


bp.add_app_template_filter(said, "said")


@bp.app_template_global()
def cart_count():
    """Items in the visitor's cart (signed in or not), for the header; one query."""
    return services.cart_size(current_user, session.get("cart_token"))
