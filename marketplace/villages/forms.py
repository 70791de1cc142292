from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from marketplace.core.forms import BaseForm, form_for
from marketplace.villages.schemas import CraftSchema, VillageRequestSchema, VillageSchema

# Rendering and CSRF only: the schemas hold the rules and the labels.
CraftForm = form_for(CraftSchema)
VillageForm = form_for(VillageSchema, photo=FileField(_l("Photo (JPEG, PNG or WebP)")))
VillageRequestForm = form_for(VillageRequestSchema)


class DeclineForm(BaseForm):
    reason = TextAreaField(_l("Reason (the producer reads it)"), validators=[DataRequired(), Length(max=1000)])
