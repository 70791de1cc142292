"""An office shares the export directory: the filters it picked, kept in a row that a signed link names.

The link (``core.tokens.SignedLink``, its own salt, valid ``DIRECTORY_SHARE_MAX_AGE`` seconds: 90 days)
opens the filtered page, CSV and PDF without logging in; each opening is counted on the row, so the
office sees which of its links are used. A tampered link is refused (400), an expired one gone (410).
"""
from flask_babel import gettext as _
from sqlalchemy import select, update

from marketplace.core.errors import InvalidInput
from marketplace.core.time import utcnow
from marketplace.core.tokens import SignedLink
from marketplace.core.transaction import transactional
from marketplace.deals.directory import Filters
from marketplace.extensions import db
from marketplace.tradeoffices.models import DirectoryShare
from marketplace.tradeoffices.services import office_of

_LINK = SignedLink("directory-share", "DIRECTORY_SHARE_MAX_AGE")


class ShareLinkError(InvalidInput):
    """Raised when a shared directory link was tampered with or names no share (400)."""


class ShareLinkExpired(ShareLinkError):
    """Raised when a shared directory link is older than its validity (410: it existed, it is gone)."""

    status_code = 410


def valid_days():
    return _LINK.valid_days()


@transactional
def share_directory(user, args):
    """A new share of the directory under the filters in ``args`` (what the directory's form sends)."""
    office = office_of(user)
    share = DirectoryShare(office_id=office.id, filters=Filters.read(args).as_args())
    db.session.add(share)
    db.session.flush()
    return share


def share_token(share):
    return _LINK.make(share, office=share.office_id)


def shares_of(user):
    office = office_of(user)
    return db.session.scalars(select(DirectoryShare).where(DirectoryShare.office_id == office.id)
                              .order_by(DirectoryShare.id.desc())).all()


@transactional
def open_share(token):
    """(share, filters) for a shared link, counting the opening; ShareLinkError (or ShareLinkExpired) if not."""
    share, data = _LINK.open(token, DirectoryShare, lambda: ShareLinkExpired(
        _("This shared list has expired. Ask the trade office that sent it for a new link.")))
    if share is None or share.office_id != data.get("office"):
        raise ShareLinkError(_("This link is not valid. Check that you opened the whole link."))
    db.session.execute(update(DirectoryShare).where(DirectoryShare.id == share.id).values(
        opened=DirectoryShare.opened + 1, last_opened_at=utcnow()))
    return share, Filters.read(share.filters)
