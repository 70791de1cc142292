"""What an importer or a producer can get wrong with an inquiry or a quote."""
from marketplace.core.errors import InvalidInput


class InquiryError(InvalidInput):
    """Raised when an inquiry breaks rules; ``errors`` maps every field at fault to its messages."""


class QuoteError(InvalidInput):
    """Raised when a quote, a decline or a message cannot be accepted as given."""
