"""Orders' limits and choices: the checkout address rules and cart quantities."""
import re

from marketplace.core import numbers
from marketplace.shipping.zones import province_names

MAX_QUANTITY = 100_000  # per cart line: anything above is a typo

# Provinces and centrally-run cities of Việt Nam since the 2025 merger (34 units), with their
# regions, are data: marketplace/shipping/data/provinces.json.
PROVINCES = province_names()
# Mobile (03x, 05x, 07x, 08x, 09x) and landline (02x) numbers, with 0 or +84.
PHONE = re.compile(r"^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$")
BOOK_FIELDS = ("recipient_name", "phone", "province", "district", "ward", "street")  # a saved address
ADDRESS_FIELDS = (*BOOK_FIELDS, "note")  # an order's
# Ids from forms and Stripe's metadata are checked against it; URL ids by the converter.
MAX_ID = numbers.MAX_INT
# Why unpaid parts were released: phrase keys of notifications.messages, read in the buyer's language.
RESERVATION_EXPIRED = "orders.reservation_expired"
CARD_FAILED = "orders.card_failed"
CASH_COLLECTED = "orders.cash_collected"  # the note of a cash-on-delivery part's delivery
AUTO_DELIVERED = "orders.auto_delivered"  # the note of a part counted as delivered by the beat task
