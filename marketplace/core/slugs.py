"""The address (slug) of a row: well formed and used by no other row of its kind."""
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.core.errors import InvalidInput
from marketplace.extensions import db
from marketplace.text import slugify


def slug_problem(model, slug, current_id=None):
    """Why ``slug`` cannot be the address of a ``model`` row (``current_id`` keeps its own), or None."""
    if not slug or slugify(slug) != slug or len(slug) > model.slug.type.length:
        return _("Give an address of lower-case letters, digits and hyphens.")
    query = select(model.id).where(model.slug == slug)
    if current_id is not None:
        query = query.where(model.id != current_id)
    if db.session.scalar(query) is not None:
        return _("This address is already used.")
    return None


def new_slug(model, slug):
    """``slug`` if it is a URL address (lower-case ASCII words and hyphens) that no ``model`` row has yet."""
    slug = (slug or "").strip()
    problem = slug_problem(model, slug)
    if problem:
        raise InvalidInput(problem, field="slug")
    return slug
