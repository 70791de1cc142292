from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from marketplace.core.forms import BaseForm, CheckboxesField


class CraftForm(BaseForm):
    """Rendering and CSRF only: ``villages.schemas.CraftSchema`` holds the rules."""

    slug = StringField(_l("Address (slug)"))
    name_vi = StringField(_l("Name in Vietnamese"))
    name_en = StringField(_l("Name in English"))


class VillageForm(BaseForm):
    """Rendering and CSRF only: ``villages.schemas.VillageSchema`` holds the rules."""

    name = StringField(_l("Village name"))
    slug = StringField(_l("Address (slug)"))
    commune = StringField(_l("Commune or ward (since 1 July 2025)"))
    district = StringField(_l("Former district (before 2025)"))
    crafts = CheckboxesField(_l("Crafts"), coerce=str, validate_choice=False)
    story_vi = TextAreaField(_l("Story (Vietnamese)"))
    story_en = TextAreaField(_l("Story (English)"))
    recognised = BooleanField(_l("Recognised craft village"))
    recognised_year = StringField(_l("Year of recognition"))
    photo = FileField(_l("Photo (JPEG, PNG or WebP)"))


class VillageRequestForm(BaseForm):
    """Rendering and CSRF only: ``villages.schemas.VillageRequestSchema`` holds the rules."""

    name = StringField(_l("Village name"))
    commune = StringField(_l("Commune or ward (since 1 July 2025)"))
    district = StringField(_l("Former district (before 2025)"))
    craft = StringField(_l("Craft"))
    producer_id = HiddenField()


class DeclineForm(BaseForm):
    reason = TextAreaField(_l("Reason (the producer reads it)"), validators=[DataRequired(), Length(max=1000)])
