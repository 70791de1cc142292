"""The fake Stripe server the payment tests rely on: does localstripe do what our code will ask of it?

The SDK is imported as ``stripe_sdk`` because ``stripe`` is the fixture.
"""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import stripe as stripe_sdk

from tests.conftest import wait_for
from tests.stripe_helpers import sign_payload


@pytest.fixture
def webhook_receiver():
    """An HTTP server on 127.0.0.1 that records every POST as (raw body, Stripe-Signature header)."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((body, self.headers.get("Stripe-Signature")))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/stripe/webhook", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_fixture_gives_keys_and_app_config(stripe):
    """Does the fixture hand out our test keys and the config that points an app at localstripe?"""
    assert stripe.url.startswith("http://127.0.0.1:")
    assert stripe.config == {
        "STRIPE_SECRET_KEY": "sk_test_langnghe",
        "STRIPE_PUBLISHABLE_KEY": "pk_test_langnghe",
        "STRIPE_WEBHOOK_SECRET": "whsec_langnghe_test",
        "STRIPE_API_BASE": stripe.url,
    }


def test_payment_intent_in_vnd_succeeds_in_one_call(stripe):
    """Can an intent be created with a card and confirm=True, succeeding for the exact VND amount?"""
    client = stripe.client()

    intent = client.v1.payment_intents.create(params={
        "amount": 350000, "currency": "vnd", "payment_method": "pm_card_visa", "confirm": True,
        "metadata": {"order_id": "42"},
    })

    assert (intent.status, intent.amount, intent.currency) == ("succeeded", 350000, "vnd")
    assert intent.metadata.to_dict() == {"order_id": "42"}
    # localstripe returns latest_charge expanded (a Charge), where Stripe gives its id unless expanded.
    assert (intent.latest_charge.amount, intent.latest_charge.paid) == (350000, True)
    assert client.v1.payment_intents.retrieve(intent.id).status == "succeeded"


def test_payment_intent_created_then_confirmed(stripe):
    """Does create (card set, no confirm) then confirm() with no arguments succeed too?"""
    client = stripe.client()

    intent = client.v1.payment_intents.create(params={
        "amount": 350000, "currency": "vnd", "payment_method": "pm_card_visa"})
    assert intent.status == "requires_confirmation"
    intent = client.v1.payment_intents.confirm(intent.id)

    assert (intent.status, intent.amount) == ("succeeded", 350000)


def test_confirm_with_a_payment_method_is_not_implemented(stripe):
    """Does localstripe refuse confirm(payment_method=...), so our code must set the card on create?"""
    client = stripe.client()
    intent = client.v1.payment_intents.create(params={"amount": 350000, "currency": "vnd"})

    with pytest.raises(stripe_sdk.APIError, match="Not implemented"):
        client.v1.payment_intents.confirm(intent.id, params={"payment_method": "pm_card_visa"})


def test_declined_card_raises_card_error(stripe):
    """Does a card that fails on charge raise CardError, leaving the intent needing a payment method?"""
    client = stripe.client()

    with pytest.raises(stripe_sdk.CardError) as declined:
        client.v1.payment_intents.create(params={
            "amount": 350000, "currency": "vnd", "payment_method": "pm_card_chargeCustomerFail", "confirm": True})

    assert (declined.value.http_status, declined.value.code) == (402, "card_declined")
    [intent] = client.v1.payment_intents.list().data  # stored anyway, as Stripe does
    assert intent.status == "requires_payment_method"


def test_partial_refund(stripe):
    """Does a partial refund of a paid intent succeed at once, for exactly the amount asked?"""
    client = stripe.client()
    intent = client.v1.payment_intents.create(params={
        "amount": 350000, "currency": "vnd", "payment_method": "pm_card_visa", "confirm": True})

    refund = client.v1.refunds.create(params={"payment_intent": intent.id, "amount": 100000},
                                      options={"idempotency_key": f"refund-{intent.id}-1"})

    assert (refund.object, refund.status, refund.amount, refund.currency) == ("refund", "succeeded", 100000, "vnd")
    assert (refund.payment_intent, refund.charge) == (intent.id, intent.latest_charge.id)
    charge = client.v1.charges.retrieve(intent.latest_charge.id)
    assert (charge.amount_refunded, charge.refunded) == (100000, False)


def test_idempotency_key_is_ignored(stripe):
    """Does localstripe honour Idempotency-Key? It does not: the same key creates a second intent.

    So tests cannot rely on localstripe to deduplicate retried writes; our own guards must.
    """
    client = stripe.client()
    params = {"amount": 350000, "currency": "vnd"}

    first = client.v1.payment_intents.create(params=params, options={"idempotency_key": "order-42"})
    second = client.v1.payment_intents.create(params=params, options={"idempotency_key": "order-42"})

    assert first.id != second.id
    assert len(client.v1.payment_intents.list().data) == 2


def test_state_is_cleared_between_tests(stripe):
    """Does each test start with no objects left by the ones before?"""
    assert stripe.client().v1.payment_intents.list().data == []


def test_signed_webhook_for_a_successful_payment(stripe, webhook_receiver):
    """Does localstripe POST payment_intent.succeeded, signed so construct_event verifies it?"""
    url, received = webhook_receiver
    stripe.register_webhook(url)
    client = stripe.client()

    intent = client.v1.payment_intents.create(params={
        "amount": 350000, "currency": "vnd", "payment_method": "pm_card_visa", "confirm": True})

    def succeeded():
        return [(body, header) for body, header in received
                if json.loads(body)["type"] == "payment_intent.succeeded"
                and json.loads(body)["data"]["object"]["id"] == intent.id]

    [(body, header)] = wait_for(succeeded, timeout=10)
    event = stripe_sdk.Webhook.construct_event(body, header, stripe.webhook_secret)
    assert event.type == "payment_intent.succeeded"
    assert (event.data.object.id, event.data.object.amount) == (intent.id, 350000)
    with pytest.raises(stripe_sdk.SignatureVerificationError):
        stripe_sdk.Webhook.construct_event(body, header, "whsec_someone_else")


def test_signed_webhook_for_a_declined_payment(stripe, webhook_receiver):
    """Does a declined card send payment_intent.payment_failed to the registered URL?"""
    url, received = webhook_receiver
    stripe.register_webhook(url)

    with pytest.raises(stripe_sdk.CardError):
        stripe.client().v1.payment_intents.create(params={
            "amount": 350000, "currency": "vnd", "payment_method": "pm_card_chargeCustomerFail", "confirm": True})

    [(body, header)] = wait_for(lambda: received, timeout=10)
    event = stripe_sdk.Webhook.construct_event(body, header, stripe.webhook_secret)
    assert event.type == "payment_intent.payment_failed"


def test_reset_drops_events_not_yet_sent(stripe, webhook_receiver):
    """Does an event from before a reset stay unsent (localstripe sends each a second late)?"""
    url, received = webhook_receiver
    stripe.register_webhook(url)
    stripe.client().v1.payment_intents.create(params={
        "amount": 350000, "currency": "vnd", "payment_method": "pm_card_visa", "confirm": True})

    stripe.reset()
    stripe.register_webhook(url)
    time.sleep(1.5)

    assert received == []


def test_sign_payload_verifies_and_tampering_does_not(stripe):
    """Does a payload we sign ourselves verify, while a changed body or an old timestamp does not?"""
    body = json.dumps({"id": "evt_1", "object": "event", "type": "payment_intent.succeeded",
                       "data": {"object": {"id": "pi_1", "object": "payment_intent", "amount": 350000}}}).encode()
    header = sign_payload(body, stripe.webhook_secret)

    event = stripe_sdk.Webhook.construct_event(body, header, stripe.webhook_secret)

    assert (event.id, event.data.object.amount) == ("evt_1", 350000)
    with pytest.raises(stripe_sdk.SignatureVerificationError):
        stripe_sdk.Webhook.construct_event(body.replace(b"350000", b"950000"), header, stripe.webhook_secret)
    old = sign_payload(body, stripe.webhook_secret, timestamp=time.time() - 301)
    with pytest.raises(stripe_sdk.SignatureVerificationError):
        stripe_sdk.Webhook.construct_event(body, old, stripe.webhook_secret)
