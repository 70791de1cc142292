from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from marketplace.core.forms import BaseForm
from marketplace.producers.models import ProducerKind


class ProducerForm(BaseForm):
    name = StringField(_l("Shop or workshop name"), validators=[DataRequired(), Length(max=140)])
    kind = SelectField(
        _l("Kind"),
        choices=[(ProducerKind.HOUSEHOLD, _l("Household")), (ProducerKind.COOPERATIVE, _l("Cooperative")), (ProducerKind.ENTERPRISE, _l("Enterprise"))],
    )
    village_id = SelectField(_l("Village"), coerce=int, validators=[DataRequired()])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=32)])
    story_vi = TextAreaField(_l("Your story (Vietnamese)"), validators=[Optional(), Length(max=5000)])
    story_en = TextAreaField(_l("Your story (English)"), validators=[Optional(), Length(max=5000)])
    ocop_stars = SelectField(_l("OCOP stars"), choices=[("", "—"), ("3", "3 ★"), ("4", "4 ★"), ("5", "5 ★")], validators=[Optional()])
    ocop_expires_on = DateField(_l("OCOP certificate valid until"), validators=[Optional()])
    export_ready = BooleanField(_l("Ready to export"))
    monthly_capacity = IntegerField(_l("Monthly capacity (pieces)"), default=0, validators=[Optional(), NumberRange(min=0, max=10_000_000)])
    bank_name = StringField(_l("Bank (for your earnings)"), validators=[Optional(), Length(max=80)])
    bank_account_number = StringField(_l("Bank account number"), validators=[Optional(), Length(max=30)])
    bank_account_name = StringField(_l("Account holder's name"), validators=[Optional(), Length(max=120)])

    def to_data(self):
        return {
            "name": self.name.data, "kind": self.kind.data, "village_id": self.village_id.data,
            "phone": (self.phone.data or "").strip(), "story_vi": self.story_vi.data or "", "story_en": self.story_en.data or "",
            "ocop_stars": int(self.ocop_stars.data) if self.ocop_stars.data else None,
            "ocop_expires_on": self.ocop_expires_on.data, "export_ready": bool(self.export_ready.data),
            "monthly_capacity": self.monthly_capacity.data or 0,
            "bank_name": (self.bank_name.data or "").strip(),
            "bank_account_number": (self.bank_account_number.data or "").replace(" ", ""),
            "bank_account_name": (self.bank_account_name.data or "").strip(),
        }


class OfficerForm(BaseForm):
    email = EmailField(_l("Officer's e-mail"), validators=[DataRequired(), Email(), Length(max=255)])


class ApplyForm(BaseForm):
    trademark_id = SelectField(_l("Collective trademark"), coerce=int, validators=[DataRequired()])
    note = TextAreaField(_l("Message to the association"), validators=[Optional(), Length(max=1000)])
