"""Orders' limits and choices: the checkout address rules and cart quantities."""
import re

from marketplace.core import numbers

MAX_QUANTITY = 100_000  # per cart line: anything above is a typo

# Provinces and centrally-run cities of Việt Nam since the 2025 merger (34 units).
PROVINCES = (
    "Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế",
    "An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Điện Biên", "Đồng Nai", "Đồng Tháp",
    "Gia Lai", "Hà Tĩnh", "Hưng Yên", "Khánh Hòa", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai",
    "Nghệ An", "Ninh Bình", "Phú Thọ", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sơn La", "Tây Ninh",
    "Thái Nguyên", "Thanh Hóa", "Tuyên Quang", "Vĩnh Long",
)
# Mobile (03x, 05x, 07x, 08x, 09x) and landline (02x) numbers, with 0 or +84.
PHONE = re.compile(r"^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$")
ADDRESS_FIELDS = ("recipient_name", "phone", "province", "district", "ward", "street", "note")
# Ids from forms and Stripe's metadata are checked against it; URL ids by the converter.
MAX_ID = numbers.MAX_INT
# Why unpaid parts were released: phrase keys of notifications.messages, read in the buyer's language.
RESERVATION_EXPIRED = "orders.reservation_expired"
CARD_FAILED = "orders.card_failed"
CASH_COLLECTED = "orders.cash_collected"  # the note of a cash-on-delivery part's delivery
AUTO_DELIVERED = "orders.auto_delivered"  # the note of a part counted as delivered by the beat task
