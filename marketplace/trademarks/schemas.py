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


class AssociationSchema(BaseSchema):
    slug = Slug(Association)
    name = Text(200, collapse=True, required=True, required_message=_l("Give the association's name in Vietnamese."))
    name_en = Text(200, collapse=True, required=True, required_message=_l("Give the association's name in English."))


class TrademarkSchema(BaseSchema):
    slug = Slug(Trademark)
    name_vi = Text(200, collapse=True, required=True, required_message=_l("Give the mark's name in Vietnamese."))
    name_en = Text(200, collapse=True, required=True, required_message=_l("Give the mark's name in English."))
    description_vi = Text(10_000)
    description_en = Text(10_000)
    villages = IdList(50, _l("Choose the villages the mark covers."), _l("Choose at most %(n)s villages."),
                      required=True, required_message=_l("Choose the villages the mark covers."))
    # From the IP office's certificate; a mark being registered may be entered before it has them.
    registration_no = Text(64, collapse=True)
    registration_date = Day(load_default=None)

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
    email = Email(required=True, required_message=_l("Give the e-mail address to invite."))
