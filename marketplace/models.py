"""Imports every domain's models so that SQLAlchemy and Alembic see the whole schema."""
from marketplace.accounts.models import ApiToken, AssociationAdmin, ImporterProfile, ProducerMember, Role, User  # noqa: F401  # noqa: F401,E402
from marketplace.catalog.models import Listing, ListingImage, ListingStatus, Variant, WholesaleTier  # noqa: F401
from marketplace.core.audit import Change  # noqa: F401
from marketplace.core.outbox import OutboxTask  # noqa: F401
from marketplace.leads.models import Consortium, Inquiry, LeadMessage, Match, Quote  # noqa: F401,E402
from marketplace.notifications.models import Notification, OutboxMessage, OutboxStatus  # noqa: F401
from marketplace.orders.models import (  # noqa: F401
    Cart,
    CartItem,
    Order,
    OrderLine,
    OrderPart,
    PartEvent,
    PartStatus,
    PaymentMethod,
    PayoutStatus,
)
from marketplace.payments.models import Payment, PayoutBatch, PayoutLine, Refund, StripeEvent  # noqa: F401
from marketplace.producers.models import (  # noqa: F401
    InvitationStatus,
    OfficerInvitation,
    Producer,
    ProducerKind,
    ProducerStatus,
)
from marketplace.trademarks.models import (  # noqa: F401
    AdminInvitation,
    Association,
    Membership,
    MembershipEvent,
    MembershipStatus,
    ProductRight,
    RightStatus,
    Trademark,
)
from marketplace.villages.models import Craft, Village, VillageRequest  # noqa: F401
