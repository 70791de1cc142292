from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from marketplace.core.forms import BaseForm, CheckboxesField, form_for
from marketplace.producers.models import ProducerKind
from marketplace.producers.schemas import MONTHS_SHOWN, CalendarSchema


class ProducerForm(BaseForm):
    """Rendering and CSRF only: ``producers.schemas.ProducerSchema`` holds the rules."""

    name = StringField(_l("Shop or workshop name"))
    kind = SelectField(
        _l("Kind"),
        choices=[(ProducerKind.HOUSEHOLD, _l("Household")), (ProducerKind.COOPERATIVE, _l("Cooperative")), (ProducerKind.ENTERPRISE, _l("Enterprise"))],
        validate_choice=False,
    )
    village_id = SelectField(_l("Village"), coerce=str, validate_choice=False)
    phone = StringField(_l("Phone"))
    story_vi = TextAreaField(_l("Your story (Vietnamese)"))
    story_en = TextAreaField(_l("Your story (English)"))
    export_ready = BooleanField(_l("Ready to export"))
    monthly_capacity = IntegerField(_l("Monthly capacity (pieces)"), default=0)
    certifications = CheckboxesField(_l("Certifications"), coerce=str, validate_choice=False)
    certification_other = StringField(_l("Other certificates (optional)"))
    languages = CheckboxesField(_l("Languages you correspond in"), coerce=str, validate_choice=False)
    free_shipping_over_vnd = StringField(_l("Free shipping from (₫, optional)"))
    bank_name = StringField(_l("Bank (for your earnings)"))
    bank_account_number = StringField(_l("Bank account number"))
    bank_account_name = StringField(_l("Account holder's name"))


class OfficerForm(BaseForm):
    email = EmailField(_l("Officer's e-mail"), validators=[DataRequired(), Email(), Length(max=255)])


class ApplyForm(BaseForm):
    trademark_id = SelectField(_l("Collective trademark"), coerce=int, validators=[DataRequired()])
    note = TextAreaField(_l("Message to the association"), validators=[Optional(), Length(max=1000)])


class CapacityMonthRow(Form):
    month = HiddenField()
    quantity = StringField(_l("Capacity"))
    blocked = BooleanField(_l("Blocked"))
    note = StringField(_l("Note"))


# The capacity calendar page: one unit's next months (``producers.schemas.CalendarSchema`` holds the rules).
CalendarForm = form_for(CalendarSchema, unit=HiddenField(),
                        months=FieldList(FormField(CapacityMonthRow), _l("Months"), min_entries=MONTHS_SHOWN, max_entries=MONTHS_SHOWN))
