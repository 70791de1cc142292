"""Orders' public interface: the cart, checkout, stock reservation and each part's state machine.
Each job lives in its own module; views, tasks and other domains call them through this one.

Stock is reserved by conditional UPDATEs (``stock = stock - n WHERE stock >= n``), so two checkouts
can never both take the last unit; a part changes status only by a conditional UPDATE on its current
status, so a double click or a retried task changes it once. Payments (``marketplace.payments``) call
back into ``mark_paid`` and ``release_unpaid``, and hear of cancellations and cash through
``orders.signals``.
"""
from marketplace.orders.addresses import (  # noqa: F401
    add_address,
    addresses_of,
    default_address,
)
from marketplace.orders.cart import (  # noqa: F401
    CartGroup,
    CartLine,
    CartReview,
    accept_prices,
    add_to_cart,
    cart_for,
    cart_size,
    merge_carts,
    remove_item,
    review_cart,
    set_quantity,
)
from marketplace.orders.checkout import (  # noqa: F401
    commission_on,
    new_checkout_token,
    place_order,
)
from marketplace.orders.constants import CARD_FAILED, MAX_ID, RESERVATION_EXPIRED  # noqa: F401
from marketplace.orders.errors import (  # noqa: F401
    CartProblem,
    OrderError,
    StateConflict,
)
from marketplace.orders.messages import (  # noqa: F401
    producer_users,
)
from marketplace.orders.parts import (  # noqa: F401
    auto_deliver,
    cancel_part,
    confirm_receipt,
    expire_reservations,
    mark_paid,
    part_for_buyer,
    part_for_producer,
    release_unpaid,
    ship_part,
)
from marketplace.orders.queries import (  # noqa: F401
    OrderFilters,
    all_orders,
    open_count,
    order_for,
    orders_csv,
    orders_of,
    parts_for_producer,
)
from marketplace.orders.stock import (  # noqa: F401
    reserve,
)
