"""What staff, reporters and producers send to moderation: one schema per input, all mistakes at once."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, validates_schema

from marketplace.core.validation import BaseSchema, Choice, Day, Text, Whole
from marketplace.moderation.constants import CATEGORIES, REASON_MAX, REPORT_TEXT_MAX, SUBJECTS
from marketplace.moderation.models import ReportOutcome

_REASON = _l("Give the reason: the person concerned will read it.")
_STARS = _l("OCOP ratings are 3, 4 or 5 stars.")


class ReasonSchema(BaseSchema):
    """A staff measure (hide, suspend, deactivate, reject) and why."""

    reason = Text(REASON_MAX, collapse=True, required=True, required_message=_REASON)


class LiftSchema(BaseSchema):
    """Lifting a measure; the reason is optional."""

    reason = Text(REASON_MAX, collapse=True)


class ReportSchema(BaseSchema):
    """Someone's report: what it is about, why, and what they saw."""

    subject = Choice(tuple(SUBJECTS), _l("Say what you are reporting."), required=True,
                     required_message=_l("Say what you are reporting."))
    listing_id = Whole(_l("Product"), minimum=1, load_default=None)
    producer_id = Whole(_l("Producer"), minimum=1, load_default=None)
    code = Text(32, collapse=True)
    review_id = Whole(_l("Review"), minimum=1, load_default=None)
    category = Choice(tuple(CATEGORIES), _l("Choose what is wrong."), required=True,
                      required_message=_l("Choose what is wrong."))
    text = Text(REPORT_TEXT_MAX, required=True, required_message=_l("Tell us what you saw (a sentence or two is enough)."))

    @validates_schema(skip_on_field_errors=False)
    def _names_its_subject(self, data, **kwargs):
        needed = {"listing": "listing_id", "producer": "producer_id", "mark": "code",
                  "review": "review_id"}.get(data.get("subject"))
        if needed and not data.get(needed):
            raise ValidationError({needed: [_("Say which product, producer, review or code you are reporting.")]})


class ResolveSchema(BaseSchema):
    """Staff's decision on a report, and the note the reporter (and, for a hide, the producer) reads."""

    outcome = Choice(ReportOutcome.ALL, _l("Choose the outcome."), required=True, required_message=_l("Choose the outcome."))
    note = Text(REASON_MAX, collapse=True, required=True, required_message=_l("Write what was decided and why."))


class OcopSchema(BaseSchema):
    """An OCOP rating and certificate a producer claims (staff check it before it is public)."""

    stars = Whole(_l("OCOP stars"), minimum=3, maximum=5, required=True,
                  messages={"required": _STARS, "not_whole": _STARS, "out_of_range": _STARS})
    certificate_number = Text(60, collapse=True, required=True, required_message=_l("Give the certificate's number."))
    issuer = Text(200, collapse=True, required=True, required_message=_l("Say who issued the certificate."))
    expires_on = Day(required=True, required_message=_l("Give the expiry date of the OCOP certificate."))
