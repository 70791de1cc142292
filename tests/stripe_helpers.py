"""Helpers for tests that talk to Stripe: the handle the ``stripe`` fixture yields, and webhook signing."""
import hashlib
import hmac
import json
import time
import urllib.request
from dataclasses import dataclass, field

WEBHOOK_EVENTS = ["payment_intent.succeeded", "payment_intent.payment_failed"]


def sign_payload(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """A ``Stripe-Signature`` header value for ``payload``, as Stripe (and localstripe) sign it.

    ``timestamp`` defaults to now; pass an old one to test the 300 s tolerance.
    """
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    signature = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={signature}"


@dataclass(frozen=True)
class FakeStripe:
    """A clean localstripe for one test: its URL, our test keys, and the app config pointing at it."""

    url: str
    secret_key: str = "sk_test_langnghe"
    publishable_key: str = "pk_test_langnghe"
    webhook_secret: str = "whsec_langnghe_test"
    config: dict = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "config", {
            "STRIPE_SECRET_KEY": self.secret_key,
            "STRIPE_PUBLISHABLE_KEY": self.publishable_key,
            "STRIPE_WEBHOOK_SECRET": self.webhook_secret,
            "STRIPE_API_BASE": self.url,
        })

    def client(self):
        """A stripe-python client on localstripe (use ``client.v1.…``)."""
        import stripe

        return stripe.StripeClient(self.secret_key, base_addresses={"api": self.url})

    def register_webhook(self, url, webhook_id="langnghe"):
        """Have localstripe POST payment_intent.succeeded/payment_failed events to ``url``, signed
        with ``webhook_secret``; they arrive about a second after the action."""
        self.request("POST", f"/_config/webhooks/{webhook_id}",
                     {"url": url, "secret": self.webhook_secret, "events": WEBHOOK_EVENTS})

    def reset(self):
        """Forget every object and registered webhook (the fixture does this before each test)."""
        self.request("DELETE", "/_config/data")
        self.request("DELETE", "/_config/webhooks")

    def request(self, method, path, payload=None):
        body = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(self.url + path, data=body, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:  # raises on 4xx/5xx
            return response.read()
