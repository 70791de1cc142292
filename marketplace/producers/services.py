"""Producers: registration, profile, officers, and staff approval."""
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import ProducerMember, Role
from marketplace.accounts.rules import staff_or_linked
from marketplace.core.errors import InvalidInput, NotFound, found
from marketplace.core.time import utcnow
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.notifications.services import notify, site_path
from marketplace.producers import signals
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.producers.schemas import ProducerSchema
from marketplace.text import slugify

PROFILE_FIELDS = (
    "name", "kind", "village_id", "story_vi", "story_en", "phone",
    "export_ready", "monthly_capacity", "free_shipping_over_vnd", "certifications", "certification_other", "languages",
    "bank_name", "bank_account_number", "bank_account_name",
)


class ProducerError(InvalidInput):
    """Raised when a producer profile breaks a rule (unknown village, bad OCOP rating…)."""


def producers_of(user):
    """Producers this user may act for, as owner or officer (staff: none of their own)."""
    if not user.is_authenticated:
        return []
    return db.session.scalars(
        select(Producer).join(ProducerMember).where(ProducerMember.user_id == user.id).order_by(Producer.name)
    ).all()


def can_act_for(user, producer_id):
    return staff_or_linked(user, ProducerMember, producer_id=producer_id)


def get_for(user, producer_id):
    """The producer, if this user may act for it; 404 otherwise (others' producers are not revealed)."""
    producer = found(Producer, producer_id, _("Producer not found."),
                     allowed=lambda _row: can_act_for(user, producer_id))
    return producer


def _clean(data):
    """The profile's clean values (``ProducerSchema``), or ProducerError naming every field at fault."""
    clean = load(ProducerSchema(), data, error=ProducerError)
    clean["bank_account_number"] = clean["bank_account_number"].replace(" ", "")
    clean["certifications"], clean["languages"] = ",".join(clean["certifications"]), ",".join(clean["languages"])
    return clean


def _unique_slug(name):
    base = slugify(name)[:120]
    slug, n = base, 1
    while db.session.scalar(select(Producer.id).where(Producer.slug == slug)) is not None:
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_producer(user, data, slug=None):
    """Register a producer owned by ``user``; it waits for staff approval before going public.

    Its address (slug) is made from its name unless ``slug`` is given (the demo's producers keep theirs).
    """
    data = _clean(data)
    producer = Producer(slug=_unique_slug(slug or data["name"]), status=ProducerStatus.PENDING)
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(producer, field, data[field])
    producer.name = producer.name.strip()
    producer.monthly_capacity = producer.monthly_capacity or 0
    db.session.add(producer)
    db.session.flush()
    db.session.add(ProducerMember(user_id=user.id, producer_id=producer.id, role=ProducerMember.OWNER))
    if user.role == Role.BUYER:
        user.role = Role.PRODUCER
    db.session.commit()
    return producer


def update_profile(user, producer_id, data):
    producer = get_for(user, producer_id)
    data = _clean(data)
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(producer, field, data[field])
    signals.profile_changed.send(producer)  # the listings' search text names the producer
    db.session.commit()
    return producer


def approve(staff_user, producer_id):
    """Staff approve a producer: its active listings become public."""
    producer = found(Producer, producer_id, _("Producer not found."))
    if producer.status == ProducerStatus.APPROVED:
        return producer
    if producer.status == ProducerStatus.SUSPENDED:  # lifting a suspension is recorded, with its reason
        raise ProducerError(_("This producer is suspended: reinstate it from moderation instead."))
    producer.status = ProducerStatus.APPROVED
    producer.approved_at = utcnow()
    producer.approved_by_id = staff_user.id

    for member in producer.members:
        notify(member.user, "producers.approved", {"name": producer.name},
               link=site_path("producers.dashboard"))
    db.session.commit()
    return producer


def suspend(producer_id):
    """Take an approved or pending producer's shop down (moderation records why and commits)."""
    producer = found(Producer, producer_id, _("Producer not found."))
    producer.status = ProducerStatus.SUSPENDED
    return producer


def reinstate(producer_id):
    """Open a suspended producer's shop again (moderation records why and commits)."""
    producer = found(Producer, producer_id, _("Producer not found."))
    producer.status = ProducerStatus.APPROVED
    if producer.approved_at is None:
        producer.approved_at = utcnow()
    return producer


def public_producer(slug, preview_by=None):
    """An approved producer's public profile; staff and the producer's own people may preview it before approval."""
    producer = db.session.scalar(select(Producer).where(Producer.slug == slug))
    if producer is not None and producer.status != ProducerStatus.APPROVED:
        if preview_by is None or not can_act_for(preview_by, producer.id):
            producer = None
    if producer is None:
        raise NotFound(_("Producer not found."))
    return producer


def producer_choices():
    """(id, name) of every producer, by name: a staff filter's choices."""
    return db.session.execute(select(Producer.id, Producer.name).order_by(Producer.name, Producer.id)).all()
