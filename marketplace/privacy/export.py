"""A person's own data, as one JSON document they can download (their right of access)."""
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import ApiToken, AssociationAdmin, ImporterProfile, ProducerMember
from marketplace.core.time import utcnow
from marketplace.extensions import db
from marketplace.leads.models import Inquiry, LeadMessage, Quote
from marketplace.messages.models import PartMessage
from marketplace.moderation.models import Report
from marketplace.notifications import services as notifications
from marketplace.notifications.models import Notification
from marketplace.orders.models import Address, Order, OrderPart
from marketplace.returns.models import ReturnRequest
from marketplace.trademarks.models import AdminInvitation
from marketplace.villages.models import VillageRequest

_ADDRESS = ("recipient_name", "phone", "province", "district", "ward", "street")


def _when(value):
    return value.isoformat() if value is not None else None


def _rows(model, *where, order=None):
    return db.session.scalars(select(model).where(*where).order_by(order if order is not None else model.id)).all()


def _order(order):
    return {
        "reference": order.reference, "created_at": _when(order.created_at), "payment_method": order.payment_method,
        "total_vnd": order.total_vnd, "paid_at": _when(order.paid_at), "note": order.note,
        "address": {name: getattr(order, name) for name in _ADDRESS},
        "parts": [{
            "producer": part.producer.name, "status": part.status, "goods_vnd": part.goods_vnd,
            "shipping_vnd": part.shipping_vnd, "carrier": part.carrier, "tracking_number": part.tracking_number,
            "lines": [{"title_vi": line.title_vi, "title_en": line.title_en, "variant_vi": line.variant_name_vi,
                       "variant_en": line.variant_name_en, "quantity": line.quantity, "unit": line.unit,
                       "unit_price_vnd": line.unit_price_vnd} for line in part.lines],
        } for part in order.parts],
    }


def _quote(quote):
    return {"inquiry": quote.inquiry_id, "supplier": quote.supplier_name, "unit_price_vnd": quote.unit_price_vnd,
            "quantity": quote.quantity, "lead_time_days": quote.lead_time_days,
            "valid_until": _when(quote.valid_until), "message": quote.message, "status": quote.status,
            "created_at": _when(quote.created_at)}


def _inquiry(inquiry):
    return {"id": inquiry.id, "description": inquiry.description, "quantity": inquiry.quantity, "unit": inquiry.unit,
            "target_price_vnd": inquiry.target_price_vnd, "destination_country": inquiry.destination_country,
            "incoterm": inquiry.incoterm, "required_by": _when(inquiry.required_by), "status": inquiry.status,
            "created_at": _when(inquiry.created_at), "quotes": [_quote(quote) for quote in inquiry.quotes]}


def _producer(link):
    producer = link.producer
    return {"name": producer.name, "slug": producer.slug, "your_role": link.role, "kind": producer.kind,
            "village": producer.village.name, "status": producer.status, "phone": producer.phone,
            "story_vi": producer.story_vi, "story_en": producer.story_en, "bank_name": producer.bank_name,
            "bank_account_number": producer.bank_account_number, "bank_account_name": producer.bank_account_name,
            "created_at": _when(producer.created_at)}


def personal_data(user):
    """Everything the marketplace keeps about ``user``, as JSON-ready data (their own, not others')."""
    orders = db.session.scalars(
        select(Order).where(Order.buyer_id == user.id).order_by(Order.id)
        .options(selectinload(Order.parts).selectinload(OrderPart.lines), selectinload(Order.parts)
                 .selectinload(OrderPart.producer))).all()
    saved = _rows(Address, Address.user_id == user.id, order=Address.id)
    # The address book first, then every other address an order went to, each once.
    addresses = list({tuple(getattr(row, name) for name in _ADDRESS): None for row in [*saved, *orders]})
    profile = db.session.scalar(select(ImporterProfile).where(ImporterProfile.user_id == user.id))
    return {
        "exported_at": _when(utcnow()),
        "profile": {"id": user.id, "email": user.email, "name": user.name, "role": user.role,
                    "language": user.locale, "email_verified_at": _when(user.email_verified_at),
                    "created_at": _when(user.created_at)},
        "importer_profile": None if profile is None else {
            "company": profile.company, "country": profile.country, "languages": profile.language_codes,
            "website": profile.website},
        "addresses": [dict(zip(_ADDRESS, address)) for address in addresses],
        "orders": [_order(order) for order in orders],
        "inquiries": [_inquiry(inquiry) for inquiry in _rows(Inquiry, Inquiry.importer_id == user.id)],
        "quotes": [_quote(quote) for quote in _rows(Quote, Quote.author_id == user.id)],
        "messages": [{"created_at": _when(message.created_at), "body": message.body}
                     for message in _rows(LeadMessage, LeadMessage.author_id == user.id)],
        "order_messages": [{"order_part": message.part_id, "created_at": _when(message.created_at), "body": message.body}
                           for message in _rows(PartMessage, PartMessage.author_id == user.id)],
        "returns": [{"order_part": row.part_id, "status": row.status, "reason": row.reason, "refund_vnd": row.refund_vnd,
                     "created_at": _when(row.created_at)} for row in _rows(ReturnRequest, ReturnRequest.buyer_id == user.id)],
        "notifications": [_notification(row) for row in _rows(Notification, Notification.user_id == user.id)],
        "producers": [_producer(link) for link in _rows(ProducerMember, ProducerMember.user_id == user.id)],
        "associations": [link.association.name for link in _rows(AssociationAdmin, AssociationAdmin.user_id == user.id)],
        "reports": [{"subject": row.subject, "listing": row.listing_id, "producer": row.producer_id, "code": row.code,
                     "category": row.category, "text": row.text, "status": row.status, "created_at": _when(row.created_at)}
                    for row in _rows(Report, Report.reporter_id == user.id)],
        "village_requests": [{"name": row.name, "district": row.district, "commune": row.commune, "craft": row.craft,
                              "status": row.status, "reason": row.reason, "created_at": _when(row.created_at),
                              "decided_at": _when(row.decided_at)}
                             for row in _rows(VillageRequest, VillageRequest.requested_by_id == user.id)],
        "admin_invitations": [{"association": row.association.name, "email": row.email, "status": row.status,
                               "created_at": _when(row.created_at), "answered_at": _when(row.answered_at)}
                              for row in _rows(AdminInvitation, func.lower(AdminInvitation.email) == user.email.lower())],
        "api_tokens": [{"name": row.name, "starts_with": row.prefix, "created_at": _when(row.created_at),
                        "last_used_at": _when(row.last_used_at), "revoked_at": _when(row.revoked_at)}
                       for row in _rows(ApiToken, ApiToken.user_id == user.id)],
    }


def _notification(row):
    """A notification as its reader sees it, in the language of the export's page."""
    shown = notifications.shown(row)
    return {"subject": shown["subject"], "body": shown["body"], "link": row.link, "read": row.read,
            "created_at": _when(row.created_at)}
