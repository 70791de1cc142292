"""Cart, checkout, the buyer's orders, and the producer's order queue and earnings."""
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.core.errors import InvalidInput
from marketplace.core.forms import flash_outcome, form_page, mark_required, raw_values, show_error
from marketplace.core.paging import page_number
from marketplace.core.redirects import safe_next
from marketplace.core.security import allows_stripe
from marketplace.notifications.messages import said
from marketplace.orders import addresses, services
from marketplace.orders.constants import PROVINCES
from marketplace.orders.forms import AddressForm, CheckoutForm, DestinationForm, ShipForm
from marketplace.orders.models import PartStatus, PaymentMethod
from marketplace.orders.schemas import AddressSchema, CheckoutSchema
from marketplace.payments import services as payments
from marketplace.producers import services as producers
from marketplace.reviews import services as reviews
from marketplace.shipping import tracking

bp = Blueprint("orders", __name__)

CART_TOKEN = "cart_token"
SHIP_TO = "ship_to"  # the province and commune chosen in the cart, to price shipping before checkout


def _cart(create=False):
    cart = services.cart_for(current_user, session.get(CART_TOKEN), create=create)
    if cart is not None and cart.token and session.get(CART_TOKEN) != cart.token:
        session[CART_TOKEN] = cart.token
    return cart


def _back(default):
    return redirect(safe_next(request.form.get("next")) or default)


# ---------------------------------------------------------------- cart

def _destination():
    """Where the cart's parcels go: the place chosen in the cart, else the default saved address."""
    chosen = session.get(SHIP_TO)
    if chosen and chosen.get("province") in PROVINCES:
        return chosen
    saved = addresses.default_address(current_user)
    return {"province": saved.province, "district": saved.district} if saved is not None else None


@bp.route("/cart")
def cart():
    destination = _destination()
    review = services.review_cart(_cart(), destination=destination)
    return render_template("orders/cart.html", review=review,
                           destination_form=DestinationForm(data=destination or {}))


@bp.route("/cart/destination", methods=["POST"])
def destination():
    """The cart's "Ship to" picker: remembered in the session (a blank province forgets it)."""
    form = DestinationForm()
    province = form.province.data or ""
    if province in PROVINCES:
        session[SHIP_TO] = {"province": province, "district": " ".join((form.district.data or "").split())[:80]}
    else:
        session.pop(SHIP_TO, None)
        if province:
            flash(_("Choose the province or city."), "error")
    return redirect(url_for("orders.cart"), 303)


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
        chosen = request.args.get("address", type=int)
        saved = addresses.get_address(current_user, chosen) if chosen else addresses.default_address(current_user)
        if saved is not None:
            form.process(data={**addresses.as_values(saved), "checkout_token": form.checkout_token.data,
                               "payment_method": PaymentMethod.COD})
        elif session.get(SHIP_TO):
            form.province.data, form.district.data = session[SHIP_TO]["province"], session[SHIP_TO]["district"]
    review = services.review_cart(cart, destination=_typed_destination(form))
    if request.method == "GET" and review.empty:
        flash(_("Your cart is empty."), "info")
        return redirect(url_for("orders.cart"))
    if request.method == "POST" and request.form.get("action") == "quote" and form.validate_on_submit():
        return _checkout_page(form, review)  # "Update shipping": the same form, priced for the address typed
    if request.method == "POST" and form.validate_on_submit():
        try:
            order = services.place_order(current_user, cart, raw_values(form), form.payment_method.data,
                                         form.checkout_token.data, card_enabled=payments.card_enabled(),
                                         quoted_total=request.form.get("quoted_total", type=int))
        except InvalidInput as exc:
            show_error(form, exc)
            review = services.review_cart(_cart(), destination=_typed_destination(form))
            return _checkout_page(form, review, exc.status_code)
        if order.payment_method == PaymentMethod.CARD:
            return redirect(url_for("orders.pay", order_id=order.id), 303)
        flash(_("Thank you! Your order %(ref)s is placed.", ref=order.reference), "success")
        return redirect(url_for("orders.order_page", order_id=order.id), 303)
    return _checkout_page(form, review, 400 if request.method == "POST" else 200)


def _checkout_page(form, review, status=200):
    return render_template("orders/checkout.html", form=form, review=review,
                           saved_addresses=addresses.addresses_of(current_user)), status


def _typed_destination(form):
    """The address on the checkout form, to price each parcel (None until a province is chosen)."""
    if form.province.data in PROVINCES:
        return {"province": form.province.data, "district": form.district.data or ""}
    return None


# ---------------------------------------------------------------- the address book

@bp.route("/account/addresses", methods=["GET", "POST"])
@login_required
def address_book():
    form = mark_required(AddressForm(), AddressSchema())
    return form_page(form, lambda values: addresses.add_address(current_user, values),
                     _("The address is saved."), lambda row: url_for("orders.address_book"),
                     "orders/addresses.html", book=addresses.addresses_of(current_user), editing=None)


@bp.route("/account/addresses/<int:address_id>", methods=["GET", "POST"])
@login_required
def edit_address(address_id):
    address = addresses.get_address(current_user, address_id)
    form = mark_required(AddressForm(obj=address) if request.method == "GET" else AddressForm(), AddressSchema())
    return form_page(form, lambda values: addresses.update_address(current_user, address.id, values),
                     _("The address is saved."), lambda row: url_for("orders.address_book"),
                     "orders/addresses.html", book=addresses.addresses_of(current_user), editing=address)


@bp.route("/account/addresses/<int:address_id>/<action>", methods=["POST"])
@login_required
def address_action(address_id, action):
    if action == "default":
        flash_outcome(lambda: addresses.set_default(current_user, address_id),
                      _("This is now your default address: checkout fills it in."))
    elif action == "delete":
        flash_outcome(lambda: addresses.delete_address(current_user, address_id), _("The address is deleted."))
    else:
        abort(404)
    return redirect(url_for("orders.address_book"), 303)


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
    delivered = [part.id for part in order.parts if part.status == PartStatus.DELIVERED]
    return render_template("orders/order.html", order=order, transfer=transfer,
                           payments=payments.payments_of(order.id), reviewed=reviews.reviewed_lines(delivered),
                           reviewer=order.buyer_id == current_user.id)


@bp.route("/orders/<int:order_id>/vietqr.png")
@login_required
def vietqr_png(order_id):
    """The order's VietQR code as a file to save, for paying from the same phone."""
    order = services.order_for(current_user, order_id)
    png = payments.transfer_qr_png(order)
    if png is None:
        abort(404)
    return Response(png, mimetype="image/png", headers={
        "Content-Disposition": f'attachment; filename="vietqr-{order.reference}.png"', "Cache-Control": "private, no-store"})


@bp.route("/orders/<int:order_id>/parts/<int:part_id>/cancel", methods=["POST"])
@login_required
def cancel(order_id, part_id):
    order = services.order_for(current_user, order_id)
    if part_id not in {part.id for part in order.parts}:
        abort(404)
    try:
        _part, refund = services.cancel_part(current_user, part_id, request.form.get("reason", ""))
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
bp.add_app_template_global(tracking.tracking_link, "tracking_link")


@bp.app_template_global()
def cart_count():
    """Items in the visitor's cart (signed in or not), for the header; one query."""
    return services.cart_size(current_user, session.get("cart_token"))
