"""The address (slug) of a new row: well formed and not used yet."""
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.core.errors import InvalidInput
from marketplace.extensions import db
from marketplace.text import slugify


def new_slug(model, slug):
    """``slug`` if it is a URL address (lower-case ASCII words and hyphens) that no ``model`` row has yet."""
    slug = (slug or "").strip()
    if not slug or slugify(slug) != slug or len(slug) > model.slug.type.length:
        raise InvalidInput(_("Give an address of lower-case letters, digits and hyphens."), field="slug")
    if db.session.scalar(select(model.id).where(model.slug == slug)) is not None:
        raise InvalidInput(_("This address is already used."), field="slug")
    return slug
