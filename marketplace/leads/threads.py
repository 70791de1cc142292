"""Message threads: between the importer and a matched producer, and between the importer and a
consortium's association admins."""
from flask_babel import gettext as _

from marketplace.core.errors import found
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.leads.errors import QuoteError
from marketplace.leads.models import (
    Consortium,
    LeadMessage,
    Match,
)
from marketplace.leads.recipients import (
    admins_of,
    association_ids,
    consortium_link,
    importer_thread_link,
    inquiry_link,
    people_of,
    producer_lead_link,
)
from marketplace.leads.schemas import MessageSchema
from marketplace.notifications.services import notify
from marketplace.producers import services as producers


def _lead_party(user, match_id):
    """The lead, if the user is its inquiry's importer or acts for its producer; else 404."""
    row = found(Match, match_id, _("Lead not found."),
                allowed=lambda row: row.inquiry.importer_id == user.id or producers.can_act_for(user, row.producer_id))
    return row


def thread_for(user, match_id):
    return _lead_party(user, match_id)


def _clean_message(body):
    return load(MessageSchema(), {"body": body}, QuoteError)["body"]


def post_message(user, match_id, body):
    """Add a message to a lead's thread; the other side is told."""
    row = _lead_party(user, match_id)
    body = _clean_message(body)
    message = LeadMessage(match_id=row.id, author_id=user.id, body=body)
    db.session.add(message)
    said = {"id": row.inquiry_id, "text": body[:500]}
    if user.id == row.inquiry.importer_id:
        for person in people_of(row.producer_id):
            notify(person, "leads.message", said, link=producer_lead_link(row.id))
    else:
        notify(row.inquiry.importer, "leads.message", said, link=importer_thread_link(row.inquiry_id, row.id))
    db.session.commit()
    return message


def in_consortium_thread(user, consortium):
    """Is the user a party to the consortium's thread: its inquiry's importer or an admin of the
    association that leads it? (A village consortium has no association, so no thread.)"""
    return consortium.association_id is not None and (
        consortium.inquiry.importer_id == user.id or consortium.association_id in association_ids(user))


def _consortium_party(user, consortium_id):
    """The consortium, if the user is a party to its thread; else 404 (nothing is revealed)."""
    consortium = found(Consortium, consortium_id, _("Lead not found."),
                       allowed=lambda consortium: in_consortium_thread(user, consortium))
    return consortium


def consortium_thread_for(user, consortium_id):
    return _consortium_party(user, consortium_id)


def post_consortium_message(user, consortium_id, body):
    """Add a message to a consortium's thread; the other side is told: every admin of the
    association when the importer writes, the importer when an admin does."""
    consortium = _consortium_party(user, consortium_id)
    body = _clean_message(body)
    message = LeadMessage(consortium_id=consortium.id, author_id=user.id, body=body)
    db.session.add(message)
    inquiry = consortium.inquiry
    said = {"id": inquiry.id, "text": body[:500]}
    if user.id == inquiry.importer_id:
        for person in admins_of(consortium.association_id):
            notify(person, "leads.message", said, link=consortium_link(consortium.id))
    else:
        notify(inquiry.importer, "leads.message", said, link=inquiry_link(inquiry.id))
    db.session.commit()
    return message
