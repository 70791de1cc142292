"""Imports every domain's models so that SQLAlchemy and Alembic see the whole schema."""
from marketplace.accounts import models as accounts  # noqa: F401
from marketplace.catalog import models as catalog  # noqa: F401
from marketplace.core import audit, outbox  # noqa: F401  (the change log's and the outbox's tables)
from marketplace.deals import models as deals  # noqa: F401
from marketplace.follows import models as follows  # noqa: F401
from marketplace.leads import models as leads  # noqa: F401
from marketplace.messages import models as messages  # noqa: F401
from marketplace.moderation import models as moderation  # noqa: F401
from marketplace.notifications import models as notifications  # noqa: F401
from marketplace.orders import models as orders  # noqa: F401
from marketplace.payments import models as payments  # noqa: F401
from marketplace.producers import models as producers  # noqa: F401
from marketplace.returns import models as returns  # noqa: F401
from marketplace.reviews import models as reviews  # noqa: F401
from marketplace.shipping import models as shipping  # noqa: F401
from marketplace.trademarks import models as trademarks  # noqa: F401
from marketplace.tradeoffices import models as tradeoffices  # noqa: F401
from marketplace.villages import models as villages  # noqa: F401
