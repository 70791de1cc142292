"""Wholesale deals' public interface: accepting a quote opens a deal; its payments, milestones,
shipment and documents. Views and other callers use this module."""
from marketplace.deals.cards import refresh_card_payment  # noqa: F401
from marketplace.deals.creation import accept_quote, deal_for_quote, deal_link  # noqa: F401
from marketplace.deals.errors import DealConflict, DealError  # noqa: F401
from marketplace.deals.progress import mark_milestone, progress, record_shipment  # noqa: F401
from marketplace.deals.queries import can_see, deal_of_inquiry, deals_for, get_deal_for, leads_deal  # noqa: F401
from marketplace.deals.settlement import (  # noqa: F401
    BANK_TRANSFER,
    CARD,
    pay_by_card,
    payouts_of,
    record_transfer,
    transfer_instructions,
)
