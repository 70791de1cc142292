"""What a buyer or producer can get wrong with a cart, a checkout or an order part."""
from marketplace.core.errors import InvalidInput


class OrderError(InvalidInput):
    """The cart or checkout breaks a rule the buyer can fix (stock, MOQ, address); 400."""


class CartProblem(OrderError):
    """The cart cannot be checked out as it is; ``problems`` lists every reason."""

    def __init__(self, problems):
        super().__init__(" ".join(problems))
        self.problems = problems


class StateConflict(InvalidInput):
    """The part is no longer in a state that allows this action (already shipped, cancelled…); 409."""

    status_code = 409
