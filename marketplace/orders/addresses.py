"""The buyer's address book: saved delivery addresses, one of them the default that checkout pre-fills."""
from flask_babel import gettext as _
from sqlalchemy import select, update

from marketplace.core.errors import found
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.orders.constants import BOOK_FIELDS
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Address
from marketplace.orders.schemas import AddressSchema

MAX_ADDRESSES = 20  # per buyer: an address book, not a mailing list


def addresses_of(user):
    """The user's saved addresses, the default first."""
    return db.session.scalars(select(Address).where(Address.user_id == user.id)
                              .order_by(Address.is_default.desc(), Address.id)).all()


def default_address(user):
    if user is None or not user.is_authenticated:
        return None
    return db.session.scalars(select(Address).where(Address.user_id == user.id, Address.is_default.is_(True))).first()


def get_address(user, address_id):
    """One of the user's own addresses (anyone else's is "not found")."""
    return found(Address, address_id, _("Address not found."), allowed=lambda a: a.user_id == user.id)


def as_values(address):
    return {name: getattr(address, name) for name in BOOK_FIELDS}


def _make_default(user, address):
    db.session.execute(update(Address).where(Address.user_id == user.id, Address.id != address.id)
                       .values(is_default=False).execution_options(synchronize_session="fetch"))
    address.is_default = True


@transactional
def add_address(user, data, default=False):
    """Save a new address (checked by ``AddressSchema``); the first one, or ``default``, becomes the default."""
    clean = load(AddressSchema(), data, OrderError)
    mine = addresses_of(user)
    same = next((a for a in mine if as_values(a) == {n: clean[n] for n in BOOK_FIELDS}), None)
    if same is None:
        if len(mine) >= MAX_ADDRESSES:
            raise OrderError(_("Your address book is full (%(n)s addresses): delete one first.", n=MAX_ADDRESSES))
        same = Address(user_id=user.id, **{n: clean[n] for n in BOOK_FIELDS})
        db.session.add(same)
        db.session.flush()
    if default or not mine:
        _make_default(user, same)
    return same


@transactional
def update_address(user, address_id, data):
    address = get_address(user, address_id)
    clean = load(AddressSchema(), data, OrderError)
    for name in BOOK_FIELDS:
        setattr(address, name, clean[name])
    return address


@transactional
def set_default(user, address_id):
    address = get_address(user, address_id)
    _make_default(user, address)
    return address


@transactional
def delete_address(user, address_id):
    """Delete a saved address; when it was the default, the oldest one left becomes the default."""
    address = get_address(user, address_id)
    was_default = address.is_default
    db.session.delete(address)
    db.session.flush()
    if was_default:
        left = addresses_of(user)
        if left:
            left[0].is_default = True
