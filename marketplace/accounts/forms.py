from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from marketplace.accounts.models import Role
from marketplace.accounts.passwords import password_problem
from marketplace.core.forms import BaseForm


def _strong_password(form, field):
    """The password rules (length, not common, not repetitive, not the account's own words)."""
    problem = password_problem(field.data, user_inputs=(form.email.data, form.name.data))
    if problem:
        raise ValidationError(problem)


class LoginForm(BaseForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class ResendVerificationForm(BaseForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=255)])


class RegisterForm(BaseForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=255)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), _strong_password])
    confirm = PasswordField(_l("Repeat password"), validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))])
    role = SelectField(
        _l("I am"),
        choices=[(Role.BUYER, _l("a buyer")), (Role.PRODUCER, _l("a village producer")), (Role.IMPORTER, _l("an importer"))],
        default=Role.BUYER,
    )


# Languages an importer may correspond in (ISO 639-1), shown by their own names.
IMPORTER_LANGUAGES = [("en", "English"), ("vi", "Tiếng Việt"), ("de", "Deutsch"), ("fr", "Français"),
                      ("es", "Español"), ("it", "Italiano"), ("nl", "Nederlands"), ("ja", "日本語"),
                      ("ko", "한국어"), ("zh", "中文")]


class ImporterProfileForm(BaseForm):
    """Rendering and CSRF only: ``accounts.schemas.ImporterProfileSchema`` holds the rules."""

    company = StringField(_l("Company"))
    country = SelectField(_l("Country"), validate_choice=False)
    languages = SelectMultipleField(_l("Languages you correspond in"), choices=IMPORTER_LANGUAGES, validate_choice=False)
    website = StringField(_l("Website"))


class TokenForm(BaseForm):
    name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=100)])
