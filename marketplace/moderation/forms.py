"""Rendering and CSRF only: moderation.schemas holds the rules."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, FileField, HiddenField, SelectField, StringField, TextAreaField

from marketplace.core.forms import BaseForm
from marketplace.core.labels import status_label
from marketplace.moderation.constants import CATEGORIES
from marketplace.moderation.models import ReportOutcome


class ReasonForm(BaseForm):
    reason = TextAreaField(_l("Reason (the person concerned reads it)"))


class ReportForm(BaseForm):
    subject = HiddenField()
    listing_id = HiddenField()
    producer_id = HiddenField()
    code = HiddenField()
    review_id = HiddenField()
    category = SelectField(_l("What is wrong?"), choices=[("", "—"), *CATEGORIES.items()], validate_choice=False)
    text = TextAreaField(_l("What did you see?"))


class ResolveForm(BaseForm):
    outcome = SelectField(_l("Outcome"), validate_choice=False,
                          choices=[(code, status_label(code, "outcome")) for code in ReportOutcome.ALL])
    note = TextAreaField(_l("Decision and reason (the reporter reads it; for a hide or suspension, the producer too)"))


class OcopForm(BaseForm):
    stars = SelectField(_l("OCOP stars"), choices=[("", "—"), ("3", "3 ★"), ("4", "4 ★"), ("5", "5 ★")],
                        validate_choice=False)
    certificate_number = StringField(_l("Certificate number"))
    issuer = StringField(_l("Issued by"))
    expires_on = DateField(_l("Valid until"))
    scan = FileField(_l("Scan or photo of the certificate (JPEG, PNG or WebP)"))
