"""Stock taken and given back by conditional UPDATEs, in (listing, variant) order so that two
checkouts cannot deadlock; the database, not a read, decides whether the units are there."""
from flask_babel import gettext as _
from sqlalchemy import update

from marketplace.catalog.models import Listing, Variant
from marketplace.extensions import db
from marketplace.orders.cart import title_for_reader
from marketplace.orders.errors import OrderError


def _change_stock(model, row_id, delta):
    """Add ``delta`` (negative to take) to one row's stock unless that would make it negative.

    Returns whether it changed: the condition is checked by the database in the same UPDATE,
    so two transactions can never both take the last units.
    """
    return db.session.execute(
        update(model).where(model.id == row_id, model.stock + delta >= 0)
        .values(stock=model.stock + delta).execution_options(synchronize_session=False)
    ).rowcount == 1


def _stock_rows(listing_id, variant_id):
    """The rows a line's quantity moves: its variant (if any) and always its listing, whose
    ``stock`` is kept equal to the sum of its variants'."""
    return ([(Variant, variant_id)] if variant_id is not None else []) + [(Listing, listing_id)]


def reserve(lines):
    """Take each line's quantity from stock, or raise OrderError and leave every stock as it was.

    Rows are updated in (listing, variant) order so that two checkouts lock them in the same
    order and cannot deadlock each other.
    """
    for listing_id, variant_id, quantity, item in sorted(lines, key=lambda l: (l[0], l[1] or 0)):
        for model, row_id in _stock_rows(listing_id, variant_id):
            if not _change_stock(model, row_id, -quantity):
                raise OrderError(_("Sorry, %(name)s has just sold out or has fewer left than you asked for.",
                                   name=title_for_reader(item.listing)))


def restock(part):
    """Give a cancelled part's quantities back to stock."""
    for line in sorted(part.lines, key=lambda l: (l.listing_id, l.variant_id or 0)):
        for model, row_id in _stock_rows(line.listing_id, line.variant_id):
            _change_stock(model, row_id, line.quantity)
