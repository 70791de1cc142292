"""Export leads' limits and choices: inquiries, quotes and messages."""
from babel import Locale

MAX_QUANTITY = 10_000_000  # pieces (or kg, sets...) per inquiry or quote
MAX_REFERENCES = 5  # reference products per inquiry
MAX_DAYS_AHEAD = 730  # an inquiry's delivery date is within two years
MAX_QUOTE_DAYS = 365  # a quote is valid for at most a year
MAX_LEAD_TIME_DAYS = 365  # a quote's production lead time
MAX_PORT = 80  # characters of a quote's port of loading
DEFAULT_DEPOSIT_PCT = 30  # share of a deal's total paid before production, unless the quote says otherwise
MAX_TEXT = 2000  # characters of a description, a quote's message or a thread message
# ISO 3166 countries as CLDR names them, less its groupings and "unknown region".
COUNTRIES = frozenset(code for code in Locale("en").territories if len(code) == 2 and code.isalpha()) - {
    "ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}
