"""The deal's arithmetic, in integer VND only: the deposit and the platform's commission on a member's
share of a payment (the shares themselves: ``core.shares.split``). Pure functions, so every rounding
rule is tested on its own."""


def deposit_of(total_vnd, pct):
    """The deposit: ``total × pct / 100`` rounded half up to a whole đồng."""
    return (total_vnd * pct + 50) // 100


def commission_of(gross_vnd, rate_bp):
    """The platform's commission, rounded half up: the rule retail order parts use (orders.checkout)."""
    return (gross_vnd * rate_bp + 5000) // 10000

