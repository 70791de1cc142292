"""The catalogue's limits and choices, shared by its schemas, forms, services and the API."""
import re

from marketplace.core import numbers

MAX_PRICE = 2_000_000_000  # 2 billion VND: anything above is a typo
MIN_PRICE = 1000  # no craft product sells for less than 1.000 ₫
MAX_STOCK = 10_000_000  # units in stock per listing or variant
MAX_MOQ = 1_000_000  # the largest minimum order a listing may ask for
MAX_LEAD_TIME_DAYS = 365  # a producer who needs longer takes orders by inquiry instead
MAX_WEIGHT_GRAMS = 100_000  # one unit, packed: heavier goods go by freight, through an inquiry
HS_CODE = re.compile(r"^\d{4}(\d{2}){0,3}$")  # Harmonized System: 4, 6, 8 or 10 digits
MAX_ID = numbers.MAX_INT  # larger ids cannot exist; PostgreSQL would refuse to compare them
SORTS = ("relevance", "newest", "price_asc", "price_desc", "rating")  # the catalogue's orders, relevance needs q
MAX_QUERY = 200  # characters of a search query; a longer one is refused (400) with a message
# Tables whose changes can change what the public catalogue shows: a commit writing any of them
# makes every cached catalogue answer stale (core.caching). The reviews are on the cached product page.
CATALOGUE_TABLES = ("listings", "variants", "wholesale_tiers", "listing_images", "producers", "associations",
                    "trademarks", "memberships", "product_rights", "villages", "crafts", "reviews", "review_photos")
