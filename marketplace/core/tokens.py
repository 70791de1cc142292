"""Signed, expiring links (e-mail verification, password reset, invitations).

A link's token is ``URLSafeTimedSerializer`` data signed with the app's ``SECRET_KEY`` and a salt
of its own (a token made for one purpose opens nothing else), valid for the seconds a setting names.
It names a record by ``id`` beside whatever proves the link still fits it (an address, a password
fingerprint): the caller checks that part.
"""
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from marketplace.extensions import db


class SignedLink:
    """One kind of link: ``salt`` sets it apart, ``max_age_setting`` is the config key of its validity."""

    def __init__(self, salt, max_age_setting):
        self.salt, self.max_age_setting = salt, max_age_setting

    def _serializer(self):
        return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=self.salt)

    def max_age(self):
        return current_app.config[self.max_age_setting]

    def valid_days(self):
        """How many days a link stays valid (at least one), for the e-mail that carries it."""
        return max(1, self.max_age() // 86400)

    def make(self, record, **proof):
        return self._serializer().dumps({"id": record.id, **proof})

    def open(self, token, model, expired):
        """(record, data): the ``model`` row a token names and the token's data; (None, {}) when it was
        tampered with or names no row. A token older than its validity raises ``expired()``."""
        try:
            data = self._serializer().loads(token, max_age=self.max_age())
        except SignatureExpired:
            raise expired() from None
        except BadSignature:
            return None, {}
        if not isinstance(data, dict):
            return None, {}
        ident = data.get("id")
        return (db.session.get(model, ident) if isinstance(ident, int) and 0 < ident < 2**31 else None), data

    def open_invitation(self, token, model, error, expired, used, still_open):
        """The row an e-mailed invitation link names (by ``id``, with the ``email`` it was sent to), while
        ``still_open(row)``; else ``error`` with ``expired`` (too old), ``used`` (answered), or a message
        saying the link is not whole (tampered with, or naming no such row)."""
        row, data = self.open(token, model, lambda: error(expired))
        if row is None or row.email != data.get("email"):
            raise error(_("This link is not valid. Check that you opened the whole link."))
        if not still_open(row):
            raise error(used)
        return row
