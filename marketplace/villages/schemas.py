"""What staff send about crafts and villages, and what a producer sends to ask for a missing village."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, validates, validates_schema
from sqlalchemy import func, select

from marketplace.core.time import utcnow
from marketplace.core.validation import BaseSchema, Flag, IdList, Slug, Text, Whole
from marketplace.extensions import db
from marketplace.villages.models import Craft, Village

FIRST_RECOGNITION_YEAR = 1990  # Hanoi recognised its first craft villages in the 1990s (Decision 31/2005 and before)


SLUG_LABEL = _l("Address (slug)")
COMMUNE_LABEL = _l("Commune or ward (since 1 July 2025)")
DISTRICT_LABEL = _l("Former district (before 2025)")


class CraftSchema(BaseSchema):
    slug = Slug(Craft, label=SLUG_LABEL)
    name_vi = Text(120, collapse=True, required=True, required_message=_l("Give the craft's name in Vietnamese."),
                   label=_l("Name in Vietnamese"))
    name_en = Text(120, collapse=True, required=True, required_message=_l("Give the craft's name in English."),
                   label=_l("Name in English"))


class VillageSchema(BaseSchema):
    name = Text(120, collapse=True, required=True, required_message=_l("Give the village's name."),
                label=_l("Village name"))
    slug = Slug(Village, label=SLUG_LABEL)
    commune = Text(120, collapse=True, label=COMMUNE_LABEL)
    district = Text(120, collapse=True, label=DISTRICT_LABEL)
    crafts = IdList(20, _l("Choose the village's crafts."), _l("Choose at most %(n)s crafts."),
                    required=True, required_message=_l("Choose at least one craft."), label=_l("Crafts"))
    story_vi = Text(10_000, label=_l("Story (Vietnamese)"))
    story_en = Text(10_000, label=_l("Story (English)"))
    recognised = Flag(_l("Recognised craft village"))
    recognised_year = Whole(_l("Year of recognition"), minimum=FIRST_RECOGNITION_YEAR, maximum=9999, load_default=None)

    @validates("crafts")
    def _known_crafts(self, value, **kwargs):
        if not value:
            raise ValidationError(_("Choose at least one craft."))
        known = db.session.scalar(select(func.count(Craft.id)).where(Craft.id.in_(set(value))))
        if known != len(set(value)):
            raise ValidationError(_("Choose the village's crafts."))

    @validates_schema(skip_on_field_errors=False)
    def _recognition_dated(self, data, **kwargs):
        year = data.get("recognised_year")
        if data.get("recognised") and not year:
            raise ValidationError({"recognised_year": [_("Give the year the village was recognised.")]})
        if year and year > utcnow().year:
            raise ValidationError({"recognised_year": [_("The year of recognition cannot be in the future.")]})


class VillageRequestSchema(BaseSchema):
    """A producer's request for a village the list lacks."""

    name = Text(120, collapse=True, required=True, required_message=_l("Give the village's name."),
                label=_l("Village name"))
    commune = Text(120, collapse=True, required=True, required_message=_l("Give the commune or ward."),
                   label=COMMUNE_LABEL)
    district = Text(120, collapse=True, label=DISTRICT_LABEL)
    craft = Text(120, collapse=True, required=True, required_message=_l("Say which craft the village practises."),
                 label=_l("Craft"))
    producer_id = Whole(_l("Shop"), minimum=1, load_default=None, metadata={"hidden": True})


class DeclineSchema(BaseSchema):
    reason = Text(1000, required=True, required_message=_l("Tell the producer why (they will read it)."))
