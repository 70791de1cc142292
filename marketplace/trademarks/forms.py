from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField

from marketplace.core.forms import form_for
from marketplace.trademarks.schemas import AssociationSchema, InvitationSchema, TrademarkSchema

# Rendering and CSRF only: the schemas hold the rules and the labels.
AssociationForm = form_for(AssociationSchema)
TrademarkForm = form_for(TrademarkSchema, image=FileField(_l("The mark's image (JPEG, PNG or WebP)")),
                         rules=FileField(_l("Rules of use (PDF)")))
InvitationForm = form_for(InvitationSchema)

