"""Export leads' fixed lists, shared by the forms, the API and the services."""
from babel import Locale

# ISO 3166 countries as CLDR names them, less its groupings and "unknown region".
COUNTRIES = frozenset(code for code in Locale("en").territories if len(code) == 2 and code.isalpha()) - {
    "ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}
