from flask_babel import lazy_gettext as _l
from marketplace.core.forms import BaseForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from marketplace.accounts.models import Role

from marketplace.accounts.services import MIN_PASSWORD_LENGTH as MIN_PASSWORD


class LoginForm(BaseForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class RegisterForm(BaseForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=255)])
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD, message=_l("Use at least 12 characters."))],
    )
    confirm = PasswordField(_l("Repeat password"), validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))])
    role = SelectField(
        _l("I am"),
        choices=[(Role.BUYER, _l("a buyer")), (Role.PRODUCER, _l("a village producer")), (Role.IMPORTER, _l("an importer"))],
        default=Role.BUYER,
    )
