"""The listing form: rendering and CSRF only; every rule is ``catalog.schemas.ListingSchema``'s."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import FieldList, Form, FormField, HiddenField, IntegerField, SelectField, StringField, TextAreaField

from marketplace.catalog.models import UNITS, ListingStatus
from marketplace.catalog.units import measures
from marketplace.core.forms import BaseForm


class VariantRow(Form):
    # The variant this row edits (empty for a new one): edits keep the ids that carts and orders hold.
    id = HiddenField()
    name_vi = StringField(_l("Variant (Vietnamese)"))
    name_en = StringField(_l("Variant (English)"))
    price_vnd = IntegerField(_l("Price (₫)"))
    stock = IntegerField(_l("Stock"))


class TierRow(Form):
    min_qty = IntegerField(_l("From quantity"))
    unit_price_vnd = IntegerField(_l("Unit price (₫)"))


class ListingForm(BaseForm):
    title_vi = StringField(_l("Title (Vietnamese)"))
    title_en = StringField(_l("Title (English)"))
    craft_id = SelectField(_l("Craft"), coerce=int, validate_choice=False)
    description_vi = TextAreaField(_l("Description (Vietnamese)"))
    description_en = TextAreaField(_l("Description (English)"))
    price_vnd = IntegerField(_l("Price (₫)"))
    stock = IntegerField(_l("Stock"), default=0)
    unit = SelectField(_l("Unit"), default="piece", choices=list(UNITS.items()), validate_choice=False)
    materials = StringField(_l("Materials"))
    lead_time_days = IntegerField(_l("Lead time (days)"), default=0)
    moq = IntegerField(_l("Minimum order"), default=1)
    weight_grams = StringField(_l("Weight, packed (grams)"))
    pack_size = IntegerField(_l("Pack size"), default=1)
    pack_unit = SelectField(_l("The pack holds"), default="", validate_choice=False,
                            choices=[("", _l("— (not a set, pack or box)"))] + [(u, UNITS[u]) for u in measures()])
    hs_code = StringField(_l("HS code"))
    status = SelectField(
        _l("Status"), validate_choice=False,
        choices=[(ListingStatus.DRAFT, _l("Draft")), (ListingStatus.ACTIVE, _l("Active (on sale)")), (ListingStatus.ARCHIVED, _l("Archived"))],
    )
    variants = FieldList(FormField(VariantRow), min_entries=3, max_entries=20)
    tiers = FieldList(FormField(TierRow), min_entries=3, max_entries=10)
    images = MultipleFileField(_l("Images (JPEG, PNG or WebP, up to 8)"))

    def uploads(self):
        return [f.read() for f in (self.images.data or []) if getattr(f, "filename", "")]

    def fill_rows(self, listing):
        while len(self.variants) < len(listing.variants) + 1:
            self.variants.append_entry()
        while len(self.tiers) < len(listing.tiers) + 1:
            self.tiers.append_entry()
