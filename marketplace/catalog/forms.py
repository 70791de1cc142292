from flask_babel import lazy_gettext as _l
from marketplace.core.forms import BaseForm
from flask_wtf.file import MultipleFileField
from wtforms import FieldList, Form, FormField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from marketplace.catalog.models import UNITS, ListingStatus


class VariantRow(Form):
    # The variant this row edits (empty for a new one): edits keep the ids that carts and orders hold.
    id = HiddenField()
    name_vi = StringField(_l("Variant (Vietnamese)"), validators=[Optional(), Length(max=120)])
    name_en = StringField(_l("Variant (English)"), validators=[Optional(), Length(max=120)])
    price_vnd = IntegerField(_l("Price (₫)"), validators=[Optional(), NumberRange(min=0)])
    stock = IntegerField(_l("Stock"), validators=[Optional(), NumberRange(min=0)])


class TierRow(Form):
    min_qty = IntegerField(_l("From quantity"), validators=[Optional(), NumberRange(min=0)])
    unit_price_vnd = IntegerField(_l("Unit price (₫)"), validators=[Optional(), NumberRange(min=0)])


class ListingForm(BaseForm):
    title_vi = StringField(_l("Title (Vietnamese)"), validators=[DataRequired(), Length(max=200)])
    title_en = StringField(_l("Title (English)"), validators=[Optional(), Length(max=200)])
    craft_id = SelectField(_l("Craft"), coerce=int, validators=[DataRequired()])
    description_vi = TextAreaField(_l("Description (Vietnamese)"), validators=[Optional(), Length(max=10000)])
    description_en = TextAreaField(_l("Description (English)"), validators=[Optional(), Length(max=10000)])
    price_vnd = IntegerField(_l("Price (₫)"), validators=[
        DataRequired(), NumberRange(min=1000, max=2_000_000_000, message=_l("Enter a price from 1.000 ₫ to 2.000.000.000 ₫."))])
    stock = IntegerField(_l("Stock"), default=0, validators=[Optional(), NumberRange(min=0, max=10_000_000)])
    unit = SelectField(_l("Unit"), default="piece", choices=list(UNITS.items()))
    materials = StringField(_l("Materials"), validators=[Optional(), Length(max=300)])
    lead_time_days = IntegerField(_l("Lead time (days)"), default=0, validators=[Optional(), NumberRange(min=0, max=365)])
    moq = IntegerField(_l("Minimum order"), default=1, validators=[Optional(), NumberRange(min=1, max=1_000_000)])
    hs_code = StringField(_l("HS code"), validators=[Optional(), Length(max=12)])
    status = SelectField(
        _l("Status"),
        choices=[(ListingStatus.DRAFT, _l("Draft")), (ListingStatus.ACTIVE, _l("Active (on sale)")), (ListingStatus.ARCHIVED, _l("Archived"))],
    )
    variants = FieldList(FormField(VariantRow), min_entries=3, max_entries=20)
    tiers = FieldList(FormField(TierRow), min_entries=3, max_entries=10)
    images = MultipleFileField(_l("Images (JPEG, PNG or WebP, up to 8)"))

    def to_data(self):
        data = {name: getattr(self, name).data for name in (
            "title_vi", "title_en", "craft_id", "description_vi", "description_en", "price_vnd", "stock", "unit",
            "materials", "lead_time_days", "moq", "hs_code", "status")}
        data["variants"] = [row.data for row in self.variants]
        data["tiers"] = [row.data for row in self.tiers]
        return data

    def uploads(self):
        return [f.read() for f in (self.images.data or []) if getattr(f, "filename", "")]

    def fill_rows(self, listing):
        while len(self.variants) < len(listing.variants) + 1:
            self.variants.append_entry()
        while len(self.tiers) < len(listing.tiers) + 1:
            self.tiers.append_entry()
