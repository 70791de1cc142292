"""What a user can get wrong with a wholesale deal."""
from marketplace.core.errors import InvalidInput


class DealError(InvalidInput):
    """Raised when a step of a deal (a payment, a milestone, the shipment) is not allowed as asked."""


class DealConflict(DealError):
    """Raised when the deal is no longer in the state the step needs (paid already, shipped already)."""

    status_code = 409
