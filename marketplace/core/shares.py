"""A whole amount shared out in proportion, the largest-remainder way: a consortium quote's quantity
among its members (``leads.models.Quote.lines``) and a deal's payment among them (``deals.settlement``).
Pure, so the rounding rule is tested on its own, and one rule, so the quote's total, the deal's
lines and the members' shares of each payment agree to the unit and the đồng."""


def split(amount, weights):
    """``amount`` split in proportion to ``weights`` (members' shares or line totals, lead first).

    Each part is the floor of its exact part; the units left over go one each to the largest
    fractional remainders, ties to the earlier member (the lead first). The parts always add up
    to ``amount`` exactly, and the same inputs always give the same parts.
    """
    whole = sum(weights)
    if whole <= 0:
        return [amount] + [0] * (len(weights) - 1) if weights else []
    shares = [amount * weight // whole for weight in weights]
    remainders = [amount * weight % whole for weight in weights]
    left = amount - sum(shares)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        shares[index] += 1
    return shares
