"""What the producers' services announce, for other domains to act on in the same transaction.

Receivers are connected by the domains that care (the catalogue), so producers need not import them.
"""
from blinker import Namespace

_signals = Namespace()

# Sent with the producer after its profile (name, village, …) changed, before the commit:
# the catalogue refreshes the search text of its listings, which names the producer.
profile_changed = _signals.signal("producer-profile-changed")
