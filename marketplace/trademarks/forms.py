from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import EmailField, PasswordField, StringField, TextAreaField

from marketplace.core.forms import BaseForm, CheckboxesField


class AssociationForm(BaseForm):
    """Rendering and CSRF only: ``trademarks.schemas.AssociationSchema`` holds the rules."""

    name = StringField(_l("Name in Vietnamese"))
    name_en = StringField(_l("Name in English"))
    slug = StringField(_l("Address (slug)"))


class TrademarkForm(BaseForm):
    """Rendering and CSRF only: ``trademarks.schemas.TrademarkSchema`` holds the rules."""

    name_vi = StringField(_l("Mark's name in Vietnamese"))
    name_en = StringField(_l("Mark's name in English"))
    slug = StringField(_l("Address (slug)"))
    villages = CheckboxesField(_l("Villages covered"), coerce=str, validate_choice=False)
    registration_no = StringField(_l("Registration number (IP office)"))
    registration_date = StringField(_l("Date of registration"))
    description_vi = TextAreaField(_l("Description (Vietnamese)"))
    description_en = TextAreaField(_l("Description (English)"))
    image = FileField(_l("The mark's image (JPEG, PNG or WebP)"))
    rules = FileField(_l("Rules of use (PDF)"))


class InvitationForm(BaseForm):
    email = EmailField(_l("Admin's e-mail"))


class AcceptInvitationForm(BaseForm):
    """A new admin's account: ``accounts.schemas.SignUpSchema`` holds the rules."""

    name = StringField(_l("Your name"))
    password = PasswordField(_l("Password"))
    confirm = PasswordField(_l("Repeat password"))
