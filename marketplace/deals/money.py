"""The deal's arithmetic, in integer VND only: the deposit, each member's share of a payment, and
the platform's commission on it. Pure functions, so every rounding rule is tested on its own."""


def deposit_of(total_vnd, pct):
    """The deposit: ``total × pct / 100`` rounded half up to a whole đồng."""
    return (total_vnd * pct + 50) // 100


def split(amount_vnd, weights):
    """``amount_vnd`` split in proportion to ``weights`` (the members' line totals, lead first).

    Each share is the floor of its exact part; the đồng left over go one each to the largest
    fractional remainders, ties to the earlier member (the lead first). The shares always add up
    to ``amount_vnd`` exactly, and the same inputs always give the same shares.
    """
    whole = sum(weights)
    if whole <= 0:
        return [amount_vnd] + [0] * (len(weights) - 1) if weights else []
    shares = [amount_vnd * weight // whole for weight in weights]
    remainders = [amount_vnd * weight % whole for weight in weights]
    left = amount_vnd - sum(shares)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        shares[index] += 1
    return shares


def commission_of(gross_vnd, rate_bp):
    """The platform's commission, rounded half up: the rule retail order parts use (orders.checkout)."""
    return (gross_vnd * rate_bp + 5000) // 10000


def scaled(allocations, quantity):
    """Members' quantities for a consortium quote of ``quantity``: their proposed shares
    (``allocations``) scaled to it with the same largest-remainder rule, none below 1 when possible."""
    return split(quantity, allocations)
