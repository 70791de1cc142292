"""Helpers for the review tests: a product delivered to a buyer, through the real order services."""
from marketplace.orders import services as orders
from tests.order_helpers import make_shop, place


def deliver(shop, *lines):
    """Place a cash-on-delivery order of ``lines`` for the shop's buyer, then ship every part and confirm its receipt."""
    order = place(shop.buyer, *lines)
    owners = {shop.a.producer_id: shop.owner_a, shop.b.producer_id: shop.owner_b}
    for part in order.parts:
        orders.ship_part(owners[part.producer_id], part.id, "Viettel Post", "VTP12345678")
        orders.confirm_receipt(shop.buyer, part.id)
    return order


def delivered_shop():
    """The order helpers' shop, with one Bình gốm men lam and one Khăn lụa tơ tằm delivered to the buyer."""
    shop = make_shop()
    deliver(shop, (shop.a, 1), (shop.b, 1))
    return shop
