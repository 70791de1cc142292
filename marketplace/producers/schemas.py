"""What a producer sends: its shop's profile, checked field by field and reported all at once.

The OCOP rating is not part of it: a producer's claim waits for staff review (moderation.schemas.OcopSchema)."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, validates

from marketplace.core.templating import format_number, format_vnd
from marketplace.core.validation import BaseSchema, Choice, Codes, Flag, Text, Whole
from marketplace.extensions import db
from marketplace.producers.credentials import certification_codes, language_codes
from marketplace.producers.models import ProducerKind
from marketplace.villages.models import Village

MAX_CAPACITY = 10_000_000  # pieces a month: anything above is a typo
MAX_THRESHOLD_VND = 1_000_000_000  # free shipping from at most 1 billion đồng: anything above is a typo

_VILLAGE = _l("Choose the producer's village.")


class ProducerSchema(BaseSchema):
    name = Text(140, collapse=True, required=True, required_message=_l("Give the producer's name."))
    kind = Choice(ProducerKind.ALL, _l("Choose household, cooperative or enterprise."), required=True,
                  required_message=_l("Choose household, cooperative or enterprise."))
    village_id = Whole(_l("Village"), minimum=1, required=True,
                       messages={"required": _VILLAGE, "not_whole": _VILLAGE, "out_of_range": _VILLAGE})
    phone = Text(32)
    story_vi = Text(5000)
    story_en = Text(5000)
    export_ready = Flag()
    monthly_capacity = Whole(_l("Monthly capacity"), minimum=0, maximum=MAX_CAPACITY, load_default=0,
                             messages={"out_of_range": lambda: _("Monthly capacity is between 0 and %(max)s.",
                                                                 max=format_number(MAX_CAPACITY))})
    # Parcels whose goods reach it ship free; blank: the buyer always pays shipping.
    free_shipping_over_vnd = Whole(_l("Free shipping from"), minimum=1, maximum=MAX_THRESHOLD_VND, load_default=None,
                                   messages={"out_of_range": lambda: _(
                                       "Free shipping starts from 1 ₫ to %(max)s; leave it empty for none.",
                                       max=format_vnd(MAX_THRESHOLD_VND))})
    certifications = Codes(certification_codes, _l("Choose certifications from the list; name any other below."))
    certification_other = Text(200, too_long=_l("Name other certificates in at most %(n)s characters."))
    languages = Codes(language_codes, _l("Choose the languages from the list."))
    bank_name = Text(80)
    bank_account_number = Text(30)
    bank_account_name = Text(120)

    @validates("village_id")
    def _known_village(self, value, **kwargs):
        if db.session.get(Village, value) is None:
            raise ValidationError(_("Choose the producer's village."))

    @validates("bank_account_number")
    def _digits(self, value, **kwargs):
        if value.replace(" ", "") and not value.replace(" ", "").isdigit():
            raise ValidationError(_("A bank account number has digits only."))
