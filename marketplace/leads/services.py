"""Export leads: inquiries, matching, consortium offers, quotes and messages.

Each public function is one user action (or the worker's matching run) and owns its
transaction. Matching is requested after the inquiry is committed; if the broker is down
the inquiry stays ``queued`` with ``matching_requested_at`` and the beat sweep
(``requeue_waiting_inquiries``) asks again, so no request is lost. A run is idempotent:
matches are updated in place (unique on inquiry and producer) and each producer and
association is told about a lead once (``notified_at``), however often matching runs.
"""
import logging
from datetime import date, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, insert, literal, literal_column, or_, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from marketplace.accounts.models import AssociationAdmin, ProducerMember, Role, User
from marketplace.accounts.rules import require_verified
from marketplace.core import outbox
from marketplace.core.errors import InvalidInput, NotAllowed, NotFound
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.core.validation import load
from marketplace.extensions import db
from marketplace.leads import candidates, matching
from marketplace.leads.models import (
    Consortium,
    Inquiry,
    InquiryStatus,
    LeadMessage,
    LeadResponse,
    Match,
    MatchingStatus,
    Quote,
    QuoteStatus,
    inquiry_references,
)
from marketplace.leads.schemas import InquirySchema, MessageSchema, QuoteSchema
from marketplace.notifications.models import Notification, OutboxMessage
from marketplace.notifications.services import notify, send_after_commit
from marketplace.producers import services as producers
from marketplace.producers.models import Producer

log = logging.getLogger(__name__)

MATCH_TASK = "workers.lead_tasks.match_inquiry"


class InquiryError(InvalidInput):
    """Raised when an inquiry breaks rules; ``errors`` maps every field at fault to its messages."""


class QuoteError(InvalidInput):
    """Raised when a quote, a decline or a message cannot be accepted as given."""


# --- input -----------------------------------------------------------------------------------


def clean_inquiry(data):
    """An inquiry from the web form or the API checked by InquirySchema; every field at fault is reported at once."""
    return load(InquirySchema(), data, InquiryError)


# --- importer side ---------------------------------------------------------------------------


def _importer_only(user):
    if user.role not in (Role.IMPORTER, Role.STAFF):
        raise NotAllowed(_("Only importer accounts can send inquiries."))


def create_inquiry(user, data):
    """Store an importer's inquiry and ask the worker to match it (after the commit)."""
    _importer_only(user)
    require_verified(user)
    clean = clean_inquiry(data)
    inquiry = Inquiry(
        importer_id=user.id, craft=clean["craft"], description=clean["description"], quantity=clean["quantity"],
        unit=clean["unit"], target_price_vnd=clean["target_price_vnd"],
        destination_country=clean["destination_country"], incoterm=clean["incoterm"],
        required_by=clean["required_by"], required_ocop_stars=clean["ocop_stars"],
        required_trademark=clean["trademark"], references=clean["references"],
        matching_status=MatchingStatus.QUEUED, matching_requested_at=utcnow(),
    )
    db.session.add(inquiry)
    db.session.flush()
    outbox.schedule(MATCH_TASK, inquiry.id)
    db.session.commit()
    return inquiry


def inquiries_of(user, page=1, per_page=20):
    return db.paginate(
        select(Inquiry).where(Inquiry.importer_id == user.id).order_by(Inquiry.id.desc()),
        page=page, per_page=per_page, error_out=False,
    )


def get_inquiry_for(user, inquiry_id):
    """The importer's own inquiry with matches, consortium and quotes; 404 for anyone else's."""
    inquiry = db.session.scalar(
        select(Inquiry).where(Inquiry.id == inquiry_id).options(
            selectinload(Inquiry.matches).joinedload(Match.producer).joinedload(Producer.village),
            selectinload(Inquiry.matches).joinedload(Match.quote),
            selectinload(Inquiry.quotes), joinedload(Inquiry.consortium),
        )
    )
    if inquiry is None or (inquiry.importer_id != user.id and user.role != Role.STAFF):
        raise NotFound(_("Inquiry not found."))
    return inquiry


def rerun_matching(user, inquiry_id):
    inquiry = get_inquiry_for(user, inquiry_id)
    if not inquiry.is_open:
        raise InvalidInput(_("This inquiry is closed."))
    inquiry.matching_status = MatchingStatus.QUEUED
    inquiry.matching_requested_at = utcnow()
    outbox.schedule(MATCH_TASK, inquiry.id)
    db.session.commit()
    return inquiry


def close_inquiry(user, inquiry_id):
    """Close an open inquiry without accepting; waiting quotes are declined and their authors told."""
    inquiry = get_inquiry_for(user, inquiry_id)
    if not inquiry.is_open:
        return inquiry
    inquiry.status = InquiryStatus.CLOSED
    inquiry.closed_at = utcnow()
    for quote in inquiry.quotes:
        if quote.status == QuoteStatus.SUBMITTED:
            quote.status = QuoteStatus.REJECTED
            quote.decided_at = utcnow()
            _tell_quoter(quote, _l("Inquiry closed"), _l(
                "The importer closed inquiry #%(id)s without accepting a quote.", id=inquiry.id))
    db.session.commit()
    return inquiry


def accept_quote(user, quote_id):
    """Accept one quote: it closes the inquiry; the other quoters are told. Twice is once."""
    quote = db.session.get(Quote, quote_id)
    if quote is None:
        raise NotFound(_("Quote not found."))
    inquiry = db.session.scalars(select(Inquiry).where(Inquiry.id == quote.inquiry_id).with_for_update()).one()
    if inquiry.importer_id != user.id and user.role != Role.STAFF:
        raise NotFound(_("Quote not found."))
    db.session.refresh(quote)
    if quote.status == QuoteStatus.ACCEPTED:
        return quote  # a double-submitted form changes nothing
    if not inquiry.is_open:
        raise InvalidInput(_("This inquiry is closed."))
    if quote.valid_until < date.today():
        raise InvalidInput(_("This quote has expired; ask the producer for a new one."))
    now = utcnow()
    quote.status, quote.decided_at = QuoteStatus.ACCEPTED, now
    inquiry.status, inquiry.closed_at = InquiryStatus.ACCEPTED, now
    _tell_quoter(quote, _l("Your quote was accepted"), _l(
        "The importer accepted your quote for inquiry #%(id)s: %(quantity)s at %(price)s ₫ each. "
        "Reply in the lead's messages to arrange the contract.",
        id=inquiry.id, quantity=f"{quote.quantity:,}", price=f"{quote.unit_price_vnd:,}"))
    for other in inquiry.quotes:
        if other.id != quote.id and other.status == QuoteStatus.SUBMITTED:
            other.status, other.decided_at = QuoteStatus.REJECTED, now
            _tell_quoter(other, _l("Another quote was chosen"), _l(
                "The importer of inquiry #%(id)s accepted another quote. Thank you for yours.", id=inquiry.id))
    db.session.commit()
    return quote


# --- matching (the worker) -------------------------------------------------------------------


@transactional
def run_matching(inquiry_id, today=None):
    """Match an inquiry and store the result; safe to run again (updates in place, tells once).

    The worker's hot path, kept to a fixed, small number of statements whatever the number of
    matches (benchmarks/leads_bench.py): the candidates come as plain rows (``leads.candidates``),
    matches and the consortium are written with one ``INSERT … ON CONFLICT DO UPDATE`` each,
    and everyone to tell is looked up in one query and told with one insert per table.
    """
    inquiry = db.session.scalars(select(Inquiry).where(Inquiry.id == inquiry_id).with_for_update()).first()
    if inquiry is None:
        log.warning("matching: inquiry %s does not exist", inquiry_id)
        return None
    if not inquiry.is_open:  # closed meanwhile: nothing to match any more
        return None
    today = today or date.today()
    words = candidates.request_words(inquiry.description)
    reference_ids = db.session.scalars(
        select(inquiry_references.c.listing_id).where(inquiry_references.c.inquiry_id == inquiry.id)
        .order_by(inquiry_references.c.listing_id)).all()
    found, excluded = candidates.find(
        words, today, inquiry.quantity, craft_id=inquiry.craft_id, ocop_stars=inquiry.required_ocop_stars,
        trademark_id=inquiry.required_trademark_id, reference_ids=reference_ids,
    )
    request = matching.Request(
        quantity=inquiry.quantity, required_by=inquiry.required_by, today=today, unit=inquiry.unit,
        target_price_vnd=inquiry.target_price_vnd, required_ocop_stars=inquiry.required_ocop_stars,
        required_trademark_id=inquiry.required_trademark_id, words=words,
    )
    result = matching.match(found, request, excluded)
    first_run = inquiry.matched_at is None
    now = utcnow()
    new_leads, consortium_to_tell = _store(inquiry, result, now)
    inquiry.matching_status = MatchingStatus.DONE if result.matched else MatchingStatus.NO_MATCH
    inquiry.no_match_reasons = result.no_match_reasons
    inquiry.matched_at = now
    _tell(inquiry, result, new_leads, consortium_to_tell, first_run)
    db.session.commit()
    return result


def _insert(table):
    """The dialect's INSERT, which knows ``ON CONFLICT … DO UPDATE`` (PostgreSQL and SQLite)."""
    if db.session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _store(inquiry, result, now):
    """Write the matches and the consortium in place; returns (new leads, consortium id to tell or None).

    A new lead is an active match whose producer was never told (``notified_at``); it is
    marked told here, in the same statement, and ``_tell`` tells it before the commit.
    """
    matches, consortia = Match.__table__, Consortium.__table__
    existing, old_consortium = {}, None  # producer id -> (match id, notified_at); (id, notified_at)
    for kind, row_id, producer_id, notified_at in db.session.execute(union_all(
        select(literal("m"), matches.c.id, matches.c.producer_id, matches.c.notified_at)
        .where(matches.c.inquiry_id == inquiry.id),
        select(literal("c"), consortia.c.id, consortia.c.inquiry_id, consortia.c.notified_at)
        .where(consortia.c.inquiry_id == inquiry.id),
    )):
        if kind == "m":
            existing[producer_id] = (row_id, notified_at)
        else:
            old_consortium = (row_id, notified_at)

    plan = result.consortium
    consortium_id, consortium_to_tell, members = None, None, {}
    if plan is not None:
        values = {"trademark_id": plan.trademark_id, "association_id": plan.association_id,
                  "village_id": plan.village_id if plan.village_id else plan.members[0][0].candidate.village_id,
                  "capacity": plan.capacity, "active": True}
        upsert = _insert(consortia).values(inquiry_id=inquiry.id, notified_at=now, **values)
        consortium_id = db.session.execute(upsert.on_conflict_do_update(
            index_elements=[consortia.c.inquiry_id],
            set_={**values, "notified_at": func.coalesce(consortia.c.notified_at, upsert.excluded.notified_at)},
        ).returning(consortia.c.id)).scalar_one()
        if old_consortium is None or old_consortium[1] is None:
            consortium_to_tell = consortium_id
        members = {m.producer_id: (position, share) for position, (m, share) in enumerate(plan.members, 1)}
    elif old_consortium is not None:
        db.session.execute(update(consortia).where(consortia.c.id == old_consortium[0]).values(active=False))

    rows = []
    for item in result.ranked:
        c = item.candidate
        position, share = members.get(c.producer_id, (None, None))
        rows.append({
            "inquiry_id": inquiry.id, "producer_id": c.producer_id, "listing_id": c.listing_id, "rank": item.rank,
            "score": item.score, "covers": item.covers, "capacity_by_date": item.capacity_by_date,
            "unit_price_vnd": c.unit_price_vnd, "reasons": item.reasons, "active": True,
            "consortium_id": consortium_id if position else None, "consortium_position": position, "allocation": share,
            "notified_at": now, "updated_at": now,
        })
    new_leads = []
    if rows:
        upsert = _insert(matches)
        changed = ("listing_id", "rank", "score", "covers", "capacity_by_date", "unit_price_vnd", "reasons", "active",
                   "consortium_id", "consortium_position", "allocation", "updated_at")
        ids = dict(db.session.execute(  # one statement for all rows (SQLAlchemy's "insertmanyvalues")
            upsert.on_conflict_do_update(
                index_elements=[matches.c.inquiry_id, matches.c.producer_id],
                set_={**{name: upsert.excluded[name] for name in changed},
                      "notified_at": func.coalesce(matches.c.notified_at, upsert.excluded.notified_at)},
            ).returning(matches.c.producer_id, matches.c.id),
            rows,
        ).all())
        for row in rows:
            if existing.get(row["producer_id"], (None, None))[1] is None:
                new_leads.append((ids[row["producer_id"]], row["producer_id"], row["allocation"]))
    gone = [producer_id for producer_id in existing if producer_id not in {r["producer_id"] for r in rows}]
    if gone:  # no longer a match: kept for its quote and messages, hidden from the list
        db.session.execute(
            update(matches).where(matches.c.inquiry_id == inquiry.id, matches.c.producer_id.in_(gone))
            .values(active=False, consortium_id=None, allocation=None,
                    rank=matches.c.rank + matching.SHORTLIST * 100, updated_at=now))
    return new_leads, consortium_to_tell


def _link(path):
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + path


def _people_of(producer_id):
    return db.session.scalars(
        select(User).join(ProducerMember, ProducerMember.user_id == User.id)
        .where(ProducerMember.producer_id == producer_id, User.active.is_(True)).order_by(User.id)).all()


def _admins_of(association_id):
    return db.session.scalars(
        select(User).join(AssociationAdmin, AssociationAdmin.user_id == User.id)
        .where(AssociationAdmin.association_id == association_id, User.active.is_(True)).order_by(User.id)).all()


def _what(inquiry):
    return (inquiry.description or (inquiry.craft.name_en if inquiry.craft else "") or "—")[:80]


def _tell(inquiry, result, new_leads, consortium_to_tell, first_run):
    """Tell each newly matched producer, a new consortium's association and, on the first run,
    the importer: everyone in one query, each message rendered once per language, one insert
    per table (``notifications.services.notify`` does the same one row at a time)."""
    users = [select(literal("p").label("kind"), ProducerMember.producer_id.label("key"), User.id.label("user_id"),
                    User.email, User.locale)
             .join(User, User.id == ProducerMember.user_id)
             .where(ProducerMember.producer_id.in_([producer_id for _, producer_id, _ in new_leads]), User.active.is_(True))]
    plan = result.consortium
    tell_association = consortium_to_tell is not None and plan.association_id
    if tell_association:
        users.append(select(literal("a"), AssociationAdmin.association_id, User.id, User.email, User.locale)
                     .join(User, User.id == AssociationAdmin.user_id)
                     .where(AssociationAdmin.association_id == plan.association_id, User.active.is_(True)))
    if first_run:
        users.append(select(literal("i"), User.id, User.id, User.email, User.locale).where(User.id == inquiry.importer_id))
    people = {}  # (kind, key) -> [(user id, e-mail, locale)] by user id
    if new_leads or tell_association or first_run:
        for kind, key, user_id, email, locale in db.session.execute(union_all(*users).order_by(literal_column("user_id"))):
            people.setdefault((kind, key), []).append((user_id, email, locale))
    messages = []  # (user, subject, body, link)
    what, by = _what(inquiry), inquiry.required_by.isoformat()
    for match_id, producer_id, allocation in new_leads:
        if allocation:
            body = _l("Inquiry #%(id)s asks for %(quantity)s (%(what)s) by %(date)s. You are proposed as a member of a "
                      "consortium, making %(share)s of them. Open the lead to quote or decline.",
                      id=inquiry.id, quantity=f"{inquiry.quantity:,}", what=what, date=by, share=f"{allocation:,}")
        else:
            body = _l("Inquiry #%(id)s asks for %(quantity)s (%(what)s) by %(date)s. Open the lead to quote or decline.",
                      id=inquiry.id, quantity=f"{inquiry.quantity:,}", what=what, date=by)
        link = _link(f"/dashboard/producer/leads/{match_id}")
        messages += [(user, _l("New export lead"), body, link) for user in people.get(("p", producer_id), ())]
    if tell_association:
        shares = "; ".join(f"{m.candidate.name}: {share:,}" for m, share in plan.members)
        body = _l("Inquiry #%(id)s asks for %(quantity)s (%(what)s) by %(date)s. Your members can make it together: "
                  "%(shares)s. Open the consortium lead to quote for them.",
                  id=inquiry.id, quantity=f"{inquiry.quantity:,}", what=what, date=by, shares=shares)
        link = _link(f"/dashboard/association/leads/{consortium_to_tell}")
        messages += [(user, _l("New consortium lead"), body, link) for user in people.get(("a", plan.association_id), ())]
    if first_run:
        for_importer = _l("Your shortlist for inquiry #%(id)s is ready.", id=inquiry.id) if result.matched else \
            _l("No producer can supply inquiry #%(id)s as asked; the inquiry page says why.", id=inquiry.id)
        link = _link(f"/dashboard/importer/inquiries/{inquiry.id}")
        messages += [(user, _l("Matching finished"), for_importer, link) for user in people.get(("i", inquiry.importer_id), ())]
    _notify_all(messages)


def _notify_all(messages):
    """``notify`` for many (user, subject, body, link) at once: rendered in each user's language,
    one insert for the notifications and one for the outbox, whose ids the after-commit hook sends."""
    if not messages:
        return
    rendered = [None] * len(messages)
    by_locale = {}
    for i, message in enumerate(messages):
        by_locale.setdefault(message[0][2] or "vi", []).append(i)
    for locale, indexes in by_locale.items():
        with force_locale(locale):
            for i in indexes:
                rendered[i] = (str(messages[i][1]), str(messages[i][2]))
    db.session.execute(insert(Notification.__table__), [
        {"user_id": user[0], "subject": subject, "body": body, "link": link}
        for (user, _s, _b, link), (subject, body) in zip(messages, rendered)])
    ids = db.session.execute(insert(OutboxMessage.__table__).returning(OutboxMessage.__table__.c.id), [
        {"to_email": user[1], "subject": subject, "body": body + (f"\n\n{link}" if link else "")}
        for (user, _s, _b, link), (subject, body) in zip(messages, rendered)]).scalars().all()
    send_after_commit(ids)


def requeue_waiting_inquiries(now=None):
    """Beat sweep: ask again for inquiries whose matching request seems lost; returns their ids."""
    now = now or utcnow()
    cutoff = now - timedelta(seconds=current_app.config["MATCHING_RETRY_AFTER"])
    ids = db.session.scalars(
        select(Inquiry.id).where(Inquiry.matching_status == MatchingStatus.QUEUED, Inquiry.status == InquiryStatus.OPEN,
                                 Inquiry.matching_requested_at < cutoff).order_by(Inquiry.id).limit(500)).all()
    if ids:
        db.session.execute(db.update(Inquiry).where(Inquiry.id.in_(ids)).values(matching_requested_at=now))
        for inquiry_id in ids:
            outbox.schedule(MATCH_TASK, inquiry_id)
        db.session.commit()
    return ids


# --- producer side ---------------------------------------------------------------------------


def _visible_lead():
    return or_(Match.active.is_(True), Match.response != LeadResponse.OPEN)


def leads_of(user, producer_ids=None, page=1, per_page=20):
    """Leads of the producers this user acts for (optionally some of them), newest first."""
    own = [p.id for p in producers.producers_of(user)]
    if producer_ids is not None:
        own = [i for i in own if i in set(producer_ids)]
    return db.paginate(
        select(Match).where(Match.producer_id.in_(own), _visible_lead())
        .options(joinedload(Match.inquiry), joinedload(Match.producer), joinedload(Match.quote))
        .order_by(Match.id.desc()),
        page=page, per_page=per_page, error_out=False,
    )


def get_lead_for(user, match_id):
    """A lead of a producer this user acts for; 404 for anyone else's (nothing is revealed)."""
    row = db.session.get(Match, match_id)
    if row is None or not producers.can_act_for(user, row.producer_id):
        raise NotFound(_("Lead not found."))
    return row


def _clean_quote(data):
    return load(QuoteSchema(), data, QuoteError)


def _check_open(inquiry):
    if not inquiry.is_open:
        raise QuoteError(_("This inquiry is closed."))


def submit_quote(user, match_id, data):
    """A producer's quote on its own lead (one per lead); the importer is told."""
    row = get_lead_for(user, match_id)
    require_verified(user)
    inquiry = row.inquiry
    _check_open(inquiry)
    if row.quote is not None:
        raise QuoteError(_("You have already quoted on this lead."))
    if row.response == LeadResponse.DECLINED:
        raise QuoteError(_("You declined this lead."))
    values = _clean_quote(data)
    quote = Quote(inquiry_id=inquiry.id, match_id=row.id, author_id=user.id, **values)
    row.response = LeadResponse.QUOTED
    db.session.add(quote)
    notify(inquiry.importer, _l("New quote"), _l(
        "%(producer)s quoted %(price)s ₫ per unit for %(quantity)s on inquiry #%(id)s.", producer=row.producer.name,
        price=f"{quote.unit_price_vnd:,}", quantity=f"{quote.quantity:,}", id=inquiry.id),
        link=_link(f"/dashboard/importer/inquiries/{inquiry.id}"))
    try:
        db.session.commit()
    except IntegrityError:  # the same quote submitted twice at once: the first one stands
        db.session.rollback()
        raise QuoteError(_("You have already quoted on this lead.")) from None
    return quote


def decline_lead(user, match_id):
    row = get_lead_for(user, match_id)
    _check_open(row.inquiry)
    if row.response == LeadResponse.DECLINED:
        return row
    if row.response == LeadResponse.QUOTED:
        raise QuoteError(_("You have already quoted on this lead."))
    row.response = LeadResponse.DECLINED
    notify(row.inquiry.importer, _l("A producer declined"), _l(
        "%(producer)s declined inquiry #%(id)s.", producer=row.producer.name, id=row.inquiry_id),
        link=_link(f"/dashboard/importer/inquiries/{row.inquiry_id}"))
    db.session.commit()
    return row


def _lead_party(user, match_id):
    """The lead, if the user is its inquiry's importer or acts for its producer; else 404."""
    row = db.session.get(Match, match_id)
    if row is None or not (row.inquiry.importer_id == user.id or producers.can_act_for(user, row.producer_id)):
        raise NotFound(_("Lead not found."))
    return row


def thread_for(user, match_id):
    return _lead_party(user, match_id)


def _clean_message(body):
    return load(MessageSchema(), {"body": body}, QuoteError)["body"]


def post_message(user, match_id, body):
    """Add a message to a lead's thread; the other side is told."""
    row = _lead_party(user, match_id)
    body = _clean_message(body)
    message = LeadMessage(match_id=row.id, author_id=user.id, body=body)
    db.session.add(message)
    subject = _l("New message on inquiry #%(id)s", id=row.inquiry_id)
    if user.id == row.inquiry.importer_id:
        for person in _people_of(row.producer_id):
            notify(person, subject, body[:500], link=_link(f"/dashboard/producer/leads/{row.id}"))
    else:
        notify(row.inquiry.importer, subject, body[:500],
               link=_link(f"/dashboard/importer/inquiries/{row.inquiry_id}/leads/{row.id}"))
    db.session.commit()
    return message


def _tell_quoter(quote, subject, body):
    if quote.match_id is not None:
        people = _people_of(quote.match.producer_id)
    else:
        people = _admins_of(quote.consortium.association_id) if quote.consortium.association_id else [quote.author]
    for person in people:
        notify(person, subject, body)


# --- association side (consortia) ------------------------------------------------------------


def _association_ids(user):
    return db.session.scalars(select(AssociationAdmin.association_id).where(AssociationAdmin.user_id == user.id)).all()


def consortia_of(user, page=1, per_page=20):
    """Consortium leads of the associations this user administers, newest first."""
    return db.paginate(
        select(Consortium).where(Consortium.association_id.in_(_association_ids(user)),
                                 or_(Consortium.active.is_(True), Consortium.response != LeadResponse.OPEN))
        .order_by(Consortium.id.desc()), page=page, per_page=per_page, error_out=False,
    )


def get_consortium_for(user, consortium_id):
    consortium = db.session.get(Consortium, consortium_id)
    if consortium is None or (consortium.association_id not in _association_ids(user) and user.role != Role.STAFF):
        raise NotFound(_("Lead not found."))
    return consortium


def submit_consortium_quote(user, consortium_id, data):
    """The association's quote for its consortium as a whole (one per consortium)."""
    consortium = get_consortium_for(user, consortium_id)
    require_verified(user)
    inquiry = consortium.inquiry
    _check_open(inquiry)
    if not consortium.active:
        raise QuoteError(_("This consortium is no longer proposed."))
    if db.session.scalar(select(func.count()).select_from(Quote).where(Quote.consortium_id == consortium.id)):
        raise QuoteError(_("You have already quoted on this lead."))
    values = _clean_quote(data)
    quote = Quote(inquiry_id=inquiry.id, consortium_id=consortium.id, author_id=user.id, **values)
    consortium.response = LeadResponse.QUOTED
    db.session.add(quote)
    notify(inquiry.importer, _l("New quote"), _l(
        "%(producer)s quoted %(price)s ₫ per unit for %(quantity)s on inquiry #%(id)s.",
        producer=consortium.association.name, price=f"{quote.unit_price_vnd:,}", quantity=f"{quote.quantity:,}",
        id=inquiry.id), link=_link(f"/dashboard/importer/inquiries/{inquiry.id}"))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise QuoteError(_("You have already quoted on this lead.")) from None
    return quote


def in_consortium_thread(user, consortium):
    """Is the user a party to the consortium's thread: its inquiry's importer or an admin of the
    association that leads it? (A village consortium has no association, so no thread.)"""
    return consortium.association_id is not None and (
        consortium.inquiry.importer_id == user.id or consortium.association_id in _association_ids(user))


def _consortium_party(user, consortium_id):
    """The consortium, if the user is a party to its thread; else 404 (nothing is revealed)."""
    consortium = db.session.get(Consortium, consortium_id)
    if consortium is None or not in_consortium_thread(user, consortium):
        raise NotFound(_("Lead not found."))
    return consortium


def consortium_thread_for(user, consortium_id):
    return _consortium_party(user, consortium_id)


def post_consortium_message(user, consortium_id, body):
    """Add a message to a consortium's thread; the other side is told: every admin of the
    association when the importer writes, the importer when an admin does."""
    consortium = _consortium_party(user, consortium_id)
    body = _clean_message(body)
    message = LeadMessage(consortium_id=consortium.id, author_id=user.id, body=body)
    db.session.add(message)
    inquiry = consortium.inquiry
    subject = _l("New message on inquiry #%(id)s", id=inquiry.id)
    if user.id == inquiry.importer_id:
        for person in _admins_of(consortium.association_id):
            notify(person, subject, body[:500], link=_link(f"/dashboard/association/leads/{consortium.id}"))
    else:
        notify(inquiry.importer, subject, body[:500], link=_link(f"/dashboard/importer/inquiries/{inquiry.id}"))
    db.session.commit()
    return message
