"""Stripe's webhook endpoint: verified on the raw body, applied at most once per event."""
from flask import Blueprint, jsonify, request

from marketplace.extensions import csrf
from marketplace.payments import services

bp = Blueprint("payments", __name__)


@bp.route("/webhooks/stripe", methods=["POST"])
@csrf.exempt  # Stripe signs the body instead
def stripe_webhook():
    outcome = services.handle_stripe_webhook(request.get_data(cache=False), request.headers.get("Stripe-Signature", ""))
    return jsonify({"received": True, "outcome": outcome})
