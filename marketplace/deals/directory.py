"""The export directory: approved, export-ready producers, filtered the way a city trade department
lists them for importers (craft, village, collective mark, OCOP, capacity, HS code), as a page, a
CSV and a PDF per craft; also by the certifications producers hold and the languages they write in."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import literal, select

from marketplace.catalog.models import Listing, ListingStatus
from marketplace.extensions import db
from marketplace.producers.credentials import certification_codes, certification_name, language_codes, language_name
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.trademarks.models import Membership, MembershipStatus, Trademark
from marketplace.villages.models import Craft, Village


@dataclass
class Filters:
    craft: str = ""  # craft slug
    village: str = ""  # village slug
    mark: str = ""  # collective trademark slug
    ocop: int = 0  # at least this many stars, certificate valid
    capacity: int = 0  # at least this monthly capacity
    hs: str = ""  # HS code prefix of an active listing ("6912")
    certification: str = ""  # a certification code the producer holds (producers.credentials)
    language: str = ""  # an ISO 639-1 code of a language the producer corresponds in

    @classmethod
    def read(cls, args):
        def whole(name):
            value = (args.get(name) or "").strip()
            return int(value) if value.isdigit() and len(value) <= 9 else 0
        hs = "".join(ch for ch in (args.get("hs") or "") if ch.isdigit())[:10]
        return cls(craft=(args.get("craft") or "")[:80], village=(args.get("village") or "")[:120],
                   mark=(args.get("mark") or "")[:140], ocop=min(whole("ocop"), 5), capacity=whole("capacity"), hs=hs,
                   certification=_known(args.get("certification"), certification_codes()),
                   language=_known(args.get("language"), language_codes()))

    def as_args(self):
        return {k: v for k, v in self.__dict__.items() if v}


def _known(value, codes):
    return value if isinstance(value, str) and value in codes else ""


def _holds(column, code):
    """``column`` (comma-separated codes) includes ``code``."""
    return (literal(",") + column + literal(",")).like(f"%,{code},%")


@dataclass
class Entry:
    producer: Producer
    crafts: list = field(default_factory=list)
    marks: list = field(default_factory=list)
    hs_codes: list = field(default_factory=list)


def export_ready(filters, limit=500):
    """The directory's producers under ``filters``, by village then name, with their crafts, marks and HS codes."""
    listing = select(Listing.producer_id).where(Listing.status == ListingStatus.ACTIVE)
    if filters.craft:
        listing = listing.join(Craft, Craft.id == Listing.craft_id).where(Craft.slug == filters.craft)
    if filters.hs:
        listing = listing.where(Listing.hs_code.startswith(filters.hs))
    query = (select(Producer).join(Village, Village.id == Producer.village_id)
             .where(Producer.status == ProducerStatus.APPROVED, Producer.export_ready.is_(True),
                    Producer.id.in_(listing)))
    if filters.village:
        query = query.where(Village.slug == filters.village)
    if filters.mark:
        query = query.where(Producer.id.in_(
            select(Membership.producer_id).join(Trademark, Trademark.id == Membership.trademark_id)
            .where(Trademark.slug == filters.mark, Membership.status == MembershipStatus.ACTIVE)))
    if filters.ocop:
        query = query.where(Producer.ocop_stars >= filters.ocop,
                            (Producer.ocop_expires_on.is_(None)) | (Producer.ocop_expires_on >= date.today()))
    if filters.capacity:
        query = query.where(Producer.monthly_capacity >= filters.capacity)
    if filters.certification:
        query = query.where(_holds(Producer.certifications, filters.certification))
    if filters.language:
        query = query.where(_holds(Producer.languages, filters.language))
    producers = db.session.scalars(query.order_by(Village.name, Producer.name, Producer.id).limit(limit)).all()
    return _with_details(producers)


def _with_details(producers):
    entries = {p.id: Entry(p) for p in producers}
    if not entries:
        return []
    for producer_id, craft, hs_code in db.session.execute(
            select(Listing.producer_id, Craft, Listing.hs_code).join(Craft, Craft.id == Listing.craft_id)
            .where(Listing.producer_id.in_(entries), Listing.status == ListingStatus.ACTIVE)
            .order_by(Listing.producer_id, Craft.id, Listing.hs_code)):
        entry = entries[producer_id]
        if craft not in entry.crafts:
            entry.crafts.append(craft)
        if hs_code and hs_code not in entry.hs_codes:
            entry.hs_codes.append(hs_code)
    for producer_id, trademark in db.session.execute(
            select(Membership.producer_id, Trademark).join(Trademark, Trademark.id == Membership.trademark_id)
            .where(Membership.producer_id.in_(entries), Membership.status == MembershipStatus.ACTIVE)
            .order_by(Trademark.id)):
        entries[producer_id].marks.append(trademark)
    return list(entries.values())


def choices():
    """What the filters offer: crafts, villages and marks that exist."""
    return (db.session.scalars(select(Craft).order_by(Craft.id)).all(),
            db.session.scalars(select(Village).order_by(Village.name)).all(),
            db.session.scalars(select(Trademark).order_by(Trademark.id)).all())


def _tr(obj, stem, locale):
    return (getattr(obj, f"{stem}_en") or getattr(obj, f"{stem}_vi")) if locale == "en" else getattr(obj, f"{stem}_vi")


def certifications(producer, locale):
    """The producer's certifications named in ``locale``, then the other one it typed."""
    names = [certification_name(code, locale) for code in producer.certification_codes]
    return ", ".join(names + ([producer.certification_other] if producer.certification_other else []))


def rows(entries, locale):
    """The directory as table rows (strings), in ``locale``: for the CSV and the PDF."""
    return [[entry.producer.name, entry.producer.village.name, ", ".join(_tr(c, "name", locale) for c in entry.crafts),
             ", ".join(_tr(t, "name", locale) for t in entry.marks),
             str(entry.producer.ocop_stars) if entry.producer.ocop_valid_on(date.today()) else "",
             entry.producer.monthly_capacity, " ".join(entry.hs_codes), certifications(entry.producer, locale),
             ", ".join(language_name(code, locale) for code in entry.producer.language_codes)] for entry in entries]
