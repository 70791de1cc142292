"""What staff send about associations and their collective marks, and an admin's invitation."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, validates, validates_schema
from sqlalchemy import func, select

from marketplace.core.time import utcnow
from marketplace.core.validation import BaseSchema, Day, Email, IdList, Slug, Text
from marketplace.extensions import db
from marketplace.trademarks.models import Association, Trademark
from marketplace.villages.models import Village
from marketplace.villages.schemas import SLUG_LABEL


def _name(label, message):
    return Text(200, collapse=True, required=True, label=label, required_message=message)


class AssociationSchema(BaseSchema):
    name = _name(_l("Name in Vietnamese"), _l("Give the association's name in Vietnamese."))
    name_en = _name(_l("Name in English"), _l("Give the association's name in English."))
    slug = Slug(Association, label=SLUG_LABEL)


class TrademarkSchema(BaseSchema):
    name_vi = _name(_l("Mark's name in Vietnamese"), _l("Give the mark's name in Vietnamese."))
    name_en = _name(_l("Mark's name in English"), _l("Give the mark's name in English."))
    slug = Slug(Trademark, label=SLUG_LABEL)
    villages = IdList(50, _l("Choose the villages the mark covers."), _l("Choose at most %(n)s villages."),
                      required=True, required_message=_l("Choose the villages the mark covers."),
                      label=_l("Villages covered"))
    # From the IP office's certificate; a mark being registered may be entered before it has them.
    registration_no = Text(64, collapse=True, label=_l("Registration number (IP office)"))
    registration_date = Day(load_default=None, label=_l("Date of registration"))
    description_vi = Text(10_000, label=_l("Description (Vietnamese)"))
    description_en = Text(10_000, label=_l("Description (English)"))

    @validates("villages")
    def _known_villages(self, value, **kwargs):
        known = db.session.scalar(select(func.count(Village.id)).where(Village.id.in_(set(value)))) if value else 0
        if not value or known != len(set(value)):
            raise ValidationError(_("Choose the villages the mark covers."))

    @validates("registration_date")
    def _not_future(self, value, **kwargs):
        if value is not None and value > utcnow().date():
            raise ValidationError(_("The date of registration cannot be in the future."))

    @validates_schema(skip_on_field_errors=False)
    def _number_and_date(self, data, **kwargs):
        if data.get("registration_no") and not data.get("registration_date"):
            raise ValidationError({"registration_date": [_("Give the date of registration with its number.")]})
        if data.get("registration_date") and not data.get("registration_no"):
            raise ValidationError({"registration_no": [_("Give the registration number with its date.")]})


class InvitationSchema(BaseSchema):
    email = Email(required=True, required_message=_l("Give the e-mail address to invite."), label=_l("Admin's e-mail"))
