"""The one module that talks to Stripe. Every write carries an idempotency key.

VND is a zero-decimal currency: Stripe is told the same integer we store (350000 is 350.000 ₫).
"""
import stripe
from flask import current_app


class StripeDeclined(Exception):
    """The card was declined; ``message`` is Stripe's reason, safe to show the buyer."""

    def __init__(self, message, payment_intent_id=None):
        super().__init__(message)
        self.message = message
        self.payment_intent_id = payment_intent_id


class StripeUnavailable(Exception):
    """Stripe could not be reached or answered with an error that is not the buyer's doing."""


class StripeRefused(Exception):
    """Stripe answered that it will not do this (an invalid request, a refund over the charge):
    trying again will not help; staff must look at it."""


class BadSignature(Exception):
    """A webhook's signature is missing, wrong or too old."""


def enabled():
    config = current_app.config
    return bool(config["STRIPE_SECRET_KEY"] and config["STRIPE_PUBLISHABLE_KEY"])


def _client():
    config = current_app.config
    options = {"max_network_retries": 2}
    if config["STRIPE_API_BASE"]:
        options["base_addresses"] = {"api": config["STRIPE_API_BASE"].rstrip("/")}
    return stripe.StripeClient(config["STRIPE_SECRET_KEY"], **options)


def charge(*, amount_vnd, payment_method_id, order_reference, order_id, idempotency_key, metadata=None):
    """Create and confirm a PaymentIntent for ``amount_vnd`` with the buyer's payment method.

    Returns ``(intent_id, status, client_secret)``; status "requires_action" means the buyer's
    bank wants 3-D Secure, which Stripe.js finishes on the page.
    """
    client = _client()
    try:
        intent = client.v1.payment_intents.create(
            params={
                "amount": amount_vnd, "currency": "vnd", "payment_method": payment_method_id, "confirm": True,
                "payment_method_types": ["card"],
                # A wholesale deal passes its own (no order_id: the order webhooks ignore its intents).
                "metadata": metadata or {"order_id": str(order_id), "order_reference": order_reference},
            },
            options={"idempotency_key": idempotency_key},
        )
    except stripe.CardError as exc:
        intent_id = getattr(getattr(exc, "error", None), "payment_intent", None)
        raise StripeDeclined(exc.user_message or str(exc), getattr(intent_id, "id", intent_id)) from exc
    except stripe.StripeError as exc:
        raise StripeUnavailable(str(exc)) from exc
    return intent.id, intent.status, intent.client_secret


def retrieve_status(intent_id):
    try:
        return _client().v1.payment_intents.retrieve(intent_id).status
    except stripe.StripeError as exc:
        raise StripeUnavailable(str(exc)) from exc


def refund(*, intent_id, amount_vnd, idempotency_key):
    """Refund part or all of a PaymentIntent; returns the refund id.

    Raises StripeUnavailable when trying again later may work (network, rate limit, Stripe's own
    errors) and StripeRefused when it will not (Stripe refused the request itself).
    """
    try:
        result = _client().v1.refunds.create(
            params={"payment_intent": intent_id, "amount": amount_vnd},
            options={"idempotency_key": idempotency_key},
        )
    except (stripe.InvalidRequestError, stripe.AuthenticationError, stripe.PermissionError) as exc:
        raise StripeRefused(str(exc)) from exc
    except stripe.StripeError as exc:
        raise StripeUnavailable(str(exc)) from exc
    return result.id


def parse_event(payload, signature):
    """Verify a webhook on its raw body; returns ``(event_id, type, object_dict)``."""
    secret = current_app.config["STRIPE_WEBHOOK_SECRET"]
    if not secret or not signature:
        raise BadSignature("missing signature or webhook secret")
    try:
        event = stripe.Webhook.construct_event(payload, signature, secret)
    except (ValueError, stripe.SignatureVerificationError) as exc:
        raise BadSignature(str(exc)) from exc
    data = event.to_dict() if hasattr(event, "to_dict") else dict(event)
    return data["id"], data["type"], data.get("data", {}).get("object", {})
