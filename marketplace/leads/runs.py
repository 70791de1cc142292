"""A matching run: candidates ranked and scored, matches and the consortium stored in place (safe
to run again), and everyone concerned told once, in a fixed number of statements."""
import logging
from datetime import date

from flask_babel import force_locale
from sqlalchemy import func, insert, literal, literal_column, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite

from marketplace.accounts.models import AssociationAdmin, ProducerMember, User
from marketplace.core.time import utcnow
from marketplace.core.transaction import transactional
from marketplace.extensions import db
from marketplace.leads import candidates, matching
from marketplace.leads.models import (
    Consortium,
    Inquiry,
    Match,
    MatchingStatus,
    inquiry_references,
)
from marketplace.leads.recipients import consortium_link, inquiry_link, producer_lead_link
from marketplace.notifications.messages import check, day, each, number
from marketplace.notifications.models import Notification, OutboxMessage
from marketplace.notifications.services import render_email, send_after_commit

log = logging.getLogger(__name__)


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
    query = candidates.read_request(db.session, inquiry.description)
    reference_ids = db.session.scalars(
        select(inquiry_references.c.listing_id).where(inquiry_references.c.inquiry_id == inquiry.id)
        .order_by(inquiry_references.c.listing_id)).all()
    found, excluded = candidates.find(
        query, today, inquiry.quantity, craft_id=inquiry.craft_id, ocop_stars=inquiry.required_ocop_stars,
        trademark_id=inquiry.required_trademark_id, reference_ids=reference_ids,
    )
    request = matching.Request(
        quantity=inquiry.quantity, required_by=inquiry.required_by, today=today, unit=inquiry.unit,
        target_price_vnd=inquiry.target_price_vnd, required_ocop_stars=inquiry.required_ocop_stars,
        required_trademark_id=inquiry.required_trademark_id, words=tuple(query.labels),
        corrected=query.corrected,
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
        # An importer who never chose a language reads English (User.reader_locale), not the default Vietnamese.
        users.append(select(literal("i"), User.id, User.id, User.email, func.coalesce(User.locale, literal("en")))
                     .where(User.id == inquiry.importer_id))
    people = {}  # (kind, key) -> [(user id, e-mail, locale)] by user id
    if new_leads or tell_association or first_run:
        for kind, key, user_id, email, locale in db.session.execute(union_all(*users).order_by(literal_column("user_id"))):
            people.setdefault((kind, key), []).append((user_id, email, locale))
    messages = []  # (user, key, params, link)
    what, by = _what(inquiry), day(inquiry.required_by)
    asked = {"id": inquiry.id, "quantity": number(inquiry.quantity), "what": what, "date": by}
    for match_id, producer_id, allocation in new_leads:
        params = {**asked, "share": number(allocation)} if allocation else asked
        key, link = "leads.new_share" if allocation else "leads.new", producer_lead_link(match_id)
        messages += [(user, key, params, link) for user in people.get(("p", producer_id), ())]
    if tell_association:
        shares = each("leads.share", [{"name": m.candidate.name, "quantity": number(share)} for m, share in plan.members])
        params, link = {**asked, "shares": shares}, consortium_link(consortium_to_tell)
        messages += [(user, "leads.new_consortium", params, link) for user in people.get(("a", plan.association_id), ())]
    if first_run:
        key = "leads.shortlist" if result.matched else "leads.no_match"
        link = inquiry_link(inquiry.id)
        messages += [(user, key, {"id": inquiry.id}, link) for user in people.get(("i", inquiry.importer_id), ())]
    _notify_all(messages)


def _notify_all(messages):
    """``notify`` for many (user, key, params, link) at once: each e-mail rendered in its reader's
    language (one ``force_locale`` per language), one insert for the notifications and one for the
    outbox, whose ids the after-commit hook sends."""
    if not messages:
        return
    emails = [None] * len(messages)
    by_locale = {}
    for i, message in enumerate(messages):
        by_locale.setdefault(message[0][2] or "vi", []).append(i)
    for locale, indexes in by_locale.items():
        with force_locale(locale):
            for i in indexes:
                emails[i] = render_email(*messages[i][1:])
    db.session.execute(insert(Notification.__table__), [
        {"user_id": user[0], "message_key": check(key), "params": params, "link": link, "subject": "", "body": ""}
        for user, key, params, link in messages])
    ids = db.session.execute(insert(OutboxMessage.__table__).returning(OutboxMessage.__table__.c.id), [
        {"to_email": user[1], "subject": subject, "body": body}
        for (user, *_rest), (subject, body) in zip(messages, emails)]).scalars().all()
    send_after_commit(ids)
