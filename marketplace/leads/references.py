"""An inquiry's reference products as an importer gives them: product numbers or product page addresses.

The picker on the inquiry form fills in numbers; without JavaScript the importer may paste a
product's page address (``https://…/products/123`` or ``/products/123-binh-gom``) instead, so
both read as the listing id. Only public products (active, of an approved producer) count.
"""
import re

from sqlalchemy import select

from marketplace.catalog.models import Listing, ListingStatus
from marketplace.extensions import db
from marketplace.producers.models import Producer, ProducerStatus

_PAGE = re.compile(r"(?:https?://[^/\s]+)?/products/(\d{1,10})(?:-[^/?#\s]*)?/?(?:[?#]\S*)?", re.IGNORECASE)


def split(text):
    """The entries of a typed list: separated by commas or spaces."""
    return text.replace(",", " ").split()


def as_id(entry):
    """The listing id an entry names (a number or a product page address), or None."""
    if isinstance(entry, int) and not isinstance(entry, bool):
        return entry
    if not isinstance(entry, str):
        return None
    entry = entry.strip()
    if entry.isascii() and entry.isdigit():
        return int(entry)
    found = _PAGE.fullmatch(entry)
    return int(found.group(1)) if found else None


def public_listings(ids):
    """The public listings among ``ids``, in the order given (each once)."""
    wanted = [i for i in dict.fromkeys(ids) if 0 < i < 2**31]
    if not wanted:
        return []
    found = {listing.id: listing for listing in db.session.scalars(
        select(Listing).join(Producer, Producer.id == Listing.producer_id)
        .where(Listing.id.in_(wanted), Listing.status == ListingStatus.ACTIVE,
               Producer.status == ProducerStatus.APPROVED))}
    return [found[i] for i in wanted if i in found]


def chosen(text):
    """The public products a form's reference field names, for showing them by title."""
    ids = [as_id(entry) for entry in split(text or "")]
    return public_listings([i for i in ids if i is not None])
