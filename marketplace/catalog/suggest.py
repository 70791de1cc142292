"""Suggestions as a buyer types: villages, crafts, marks, producers and product titles for a prefix.

Each name is stored as a few keys in ``search_suggestions``: its folded words from each of
its first ``KEY_STARTS`` words on ("binh hoa men lam", "hoa men lam", "men lam", "lam"), so
"men l" or "Bình h" finds it. A prefix is then a range on the (kind, key) index, ``key >= p
AND key < p + "{"`` (keys hold only ``[0-9a-z ]``, all below "{"), the same on SQLite and
PostgreSQL (where the column sorts bytewise, "C"), and one statement reads every kind, each
capped: a few index pages whatever the catalogue's size. Products and producers that are not
public are filtered by a join as the rows are read. Rows are written when a listing's search
text is refreshed (``catalog.search.refresh``): the listing's titles replace its own rows, its
producer's, village's, craft's and marks' names are upserted.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, literal, select, union_all
from sqlalchemy.dialects import postgresql, sqlite

from marketplace.catalog.models import Listing, ListingStatus, Suggestion
from marketplace.producers.models import Producer, ProducerStatus
from marketplace.text import fold

KEY_STARTS = 4  # keys begin at each of a name's first four words
KEY_LENGTH = 80
PER_KIND = 5
KINDS = {  # in the order the box shows them, with their headings
    "village": _l("Villages"),
    "craft": _l("Crafts"),
    "mark": _l("Collective trademarks"),
    "producer": _l("Producers"),
    "product": _l("Products"),
}
_FETCH = PER_KIND * 4  # a name may hold the prefix at two places, in two languages: read more, keep five


def keys(*texts):
    """The prefix keys of a name given in one or more languages."""
    found = []
    for text in texts:
        words = fold(text).split()
        found += [" ".join(words[start:])[:KEY_LENGTH].rstrip() for start in range(min(KEY_STARTS, len(words)))]
    return list(dict.fromkeys(k for k in found if k))


def entries(kind, ref_id, slug, label_vi, label_en, *texts):
    """The rows for one thing a buyer may look for; ``texts`` default to its labels."""
    label_en = label_en or label_vi
    return [{"kind": kind, "ref_id": ref_id, "key": key, "label_vi": label_vi[:300], "label_en": label_en[:300],
             "slug": str(slug)} for key in keys(*(texts or (label_vi, label_en)))]


def village_label(name, district):
    """ "Phùng Xá (Mỹ Đức)": two villages may share a name, never with their district."""
    return f"{name} ({district})" if district else name


def listing_entries(listing, marks):
    """The rows of a listing's title and of the producer, village, craft and ``marks`` it shows."""
    rows = entries("product", listing.id, listing.id, listing.title_vi, listing.title_en)
    producer = listing.producer
    if producer is not None:
        rows += entries("producer", producer.id, producer.slug, producer.name, producer.name)
        village = producer.village
        if village is not None:
            label = village_label(village.name, village.district)
            rows += entries("village", village.id, village.slug, label, label, village.name)
    if listing.craft is not None:
        craft = listing.craft
        rows += entries("craft", craft.id, craft.slug, craft.name_vi, craft.name_en)
    for mark in marks:
        rows += entries("mark", mark.id, mark.slug, mark.name_vi, mark.name_en)
    return rows


def _insert(session):
    return (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert(Suggestion.__table__)


def store(session, listing_id, rows):
    """Replace a listing's own rows and upsert the rest (a renamed producer keeps its keys, new labels)."""
    table = Suggestion.__table__
    session.execute(delete(table).where(table.c.kind == "product", table.c.ref_id == listing_id))
    store_many(session, rows)


def forget(session, kind, ref_id):
    """Drop the keys of something renamed (a producer): its listings' refresh writes the new ones."""
    table = Suggestion.__table__
    session.execute(delete(table).where(table.c.kind == kind, table.c.ref_id == ref_id))


def store_many(session, rows):
    """Upsert suggestion rows (one statement): a key already there takes the new labels."""
    if not rows:
        return
    table = Suggestion.__table__
    upsert = _insert(session)
    session.execute(upsert.on_conflict_do_update(
        index_elements=[table.c.kind, table.c.ref_id, table.c.key],
        set_={"label_vi": upsert.excluded.label_vi, "label_en": upsert.excluded.label_en, "slug": upsert.excluded.slug},
    ), rows)


def _kind_query(kind, prefix, label):
    s = Suggestion
    query = (select(literal(kind).label("kind"), s.ref_id, s.slug, label.label("label"), s.key)
             .where(s.kind == kind, s.key >= prefix, s.key < prefix + "{"))
    if kind == "product":
        query = (query.join(Listing, Listing.id == s.ref_id).join(Producer, Producer.id == Listing.producer_id)
                 .where(Listing.status == ListingStatus.ACTIVE, Producer.status == ProducerStatus.APPROVED))
    elif kind == "producer":
        query = query.join(Producer, and_(Producer.id == s.ref_id, Producer.status == ProducerStatus.APPROVED))
    return query.order_by(s.key, s.ref_id).limit(_FETCH)


def lookup(session, text, locale, per_kind=PER_KIND):
    """{kind: [{"label", "slug"}, …]} for what the buyer has typed so far, at most ``per_kind`` of each,
    labelled in ``locale``; one statement. A product title shared by several listings is shown once."""
    prefix = " ".join(fold(text).split())[:KEY_LENGTH]
    if not prefix:
        return {}
    label = Suggestion.label_en if locale == "en" else Suggestion.label_vi
    branches = [_kind_query(kind, prefix, label).subquery() for kind in KINDS]
    found, seen = {}, set()
    rows = session.execute(union_all(*[select(*branch.c) for branch in branches])).all()
    for row in sorted(rows, key=lambda r: (r.kind, r.key, r.ref_id)):
        items = found.setdefault(row.kind, [])
        identity = (row.kind, row.label if row.kind == "product" else row.ref_id)
        if identity in seen or len(items) >= per_kind:
            continue
        seen.add(identity)
        items.append({"label": row.label, "slug": row.slug})
    return {kind: found[kind] for kind in KINDS if found.get(kind)}

