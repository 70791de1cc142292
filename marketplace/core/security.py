"""Security headers on every answer (Flask-Talisman).

- A strict Content-Security-Policy: pages load only this site's scripts, styles, images and
  fonts; every ``<script>`` carries the request's nonce (``nonce="{{ csp_nonce() }}"``) and there
  is no inline script, inline event handler, ``javascript:`` URL or ``style`` attribute
  (static/js/app.js and the classes of static/css/app.css do that work), so none is allowed.
- The pay page alone (``@allows_stripe``) may load Stripe.js, show its frames and let it call
  Stripe's API, with the hosts Stripe documents for Stripe.js.
- No site may frame ours (``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``); other sites
  get only our origin as referrer, and only over HTTPS.
- With ``HTTPS_ONLY`` (production): plain-http requests are redirected to https (``/healthz``
  excepted, ``@plain_http``) and HSTS is sent. Development and tests run on http://127.0.0.1.
"""
from flask import current_app, request
from flask_talisman import Talisman

SELF, NONE = "'self'", "'none'"
POLICY = {
    "default-src": SELF,
    "script-src": SELF,  # and the request's nonce
    "style-src": SELF,
    "img-src": SELF,
    "font-src": SELF,
    "connect-src": SELF,
    "frame-src": NONE,
    "object-src": NONE,
    "base-uri": NONE,
    "form-action": SELF,
    "frame-ancestors": NONE,
}
# Stripe.js, its card and 3-D Secure frames, and its API calls (Stripe's integration security guide).
STRIPE_POLICY = {
    **POLICY,
    "script-src": f"{SELF} https://js.stripe.com https://*.js.stripe.com",
    "connect-src": f"{SELF} https://api.stripe.com",
    "frame-src": "https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com",
}
PERMISSIONS = {"camera": "()", "microphone": "()", "geolocation": "()", "browsing-topics": "()"}
HSTS_MAX_AGE = 365 * 24 * 3600
_VIEW_OPTIONS = "security_options"


def allows_stripe(view):
    """The view's page loads Stripe.js: it gets the policy that lets Stripe in (the pay page only)."""
    return _with_options(view, content_security_policy=STRIPE_POLICY)


def no_referrer(view):
    """The view's URL carries a secret (a reset token): no page it links to learns it."""
    return _with_options(view, referrer_policy="no-referrer")


def plain_http(view):
    """The view answers plain http even with ``HTTPS_ONLY`` (health checks talk to gunicorn directly)."""
    return _with_options(view, force_https=False)


def _with_options(view, **options):
    setattr(view, _VIEW_OPTIONS, {**getattr(view, _VIEW_OPTIONS, {}), **options})
    return view


class _Talisman(Talisman):
    """Talisman with per-view options read from ``@allows_stripe`` / ``@plain_http``.

    Talisman's own per-view decorator stores a dict on the view and fills it in place with the
    options of the first app that serves it; with one app per test (and one Talisman per app,
    since it keeps its options on itself) those would leak between apps. Here each request starts
    from this app's options.
    """

    def _get_local_options(self):
        options = super()._get_local_options()  # a fresh dict: our views carry no talisman_view_options
        options.update(getattr(current_app.view_functions.get(request.endpoint), _VIEW_OPTIONS, {}))
        return options

    def _set_referrer_policy_headers(self, headers):  # Talisman has no per-view referrer policy
        headers["Referrer-Policy"] = self._get_local_options().get("referrer_policy") or self.referrer_policy


def register(app):
    https_only = app.config.get("HTTPS_ONLY", False)
    app.extensions["talisman"] = _Talisman(
        app,
        content_security_policy=POLICY,
        content_security_policy_nonce_in=["script-src"],
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        permissions_policy=PERMISSIONS,
        force_https=https_only,
        strict_transport_security=https_only,
        strict_transport_security_max_age=HSTS_MAX_AGE,
        strict_transport_security_include_subdomains=True,
        # Talisman would otherwise set these itself; config.py decides them.
        session_cookie_secure=app.config.get("SESSION_COOKIE_SECURE", False),
        session_cookie_samesite=app.config["SESSION_COOKIE_SAMESITE"],
    )
