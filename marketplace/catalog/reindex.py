"""Recompute every listing's search columns, the vocabulary and the suggestions, in batches.

For a migration that changes what is indexed (0013: stems, marked words, suggestions) and
for ``flask search-reindex``. It reads plain columns with Core (no ORM objects, so a later
migration's new columns cannot break it) and builds light stand-ins with the attributes
``catalog.search.refresh`` reads, so what it stores is exactly what a refresh would.
"""
from types import SimpleNamespace

from sqlalchemy import bindparam, delete, select, update

from marketplace.catalog import spelling, suggest
from marketplace.catalog.models import Listing, Suggestion
from marketplace.catalog.search import search_columns, title_words
from marketplace.producers.models import Producer
from marketplace.trademarks.models import Membership, MembershipStatus, ProductRight, RightStatus, Trademark
from marketplace.villages.models import Craft, Village

BATCH = 2000


def _marks(session, first_id, last_id):
    rows = session.execute(
        select(ProductRight.listing_id, Trademark.id, Trademark.slug, Trademark.name_vi, Trademark.name_en)
        .join(Membership, Membership.id == ProductRight.membership_id).join(Trademark, Trademark.id == ProductRight.trademark_id)
        .where(ProductRight.listing_id.between(first_id, last_id), ProductRight.status == RightStatus.ACTIVE,
               Membership.status == MembershipStatus.ACTIVE)
        .order_by(ProductRight.listing_id, Trademark.id))
    marks = {}
    for listing_id, *mark in rows:
        marks.setdefault(listing_id, []).append(SimpleNamespace(id=mark[0], slug=mark[1], name_vi=mark[2], name_en=mark[3]))
    return marks


def _stand_in(row):
    village = SimpleNamespace(id=row.village_id, slug=row.village_slug, name=row.village_name, district=row.district)
    producer = SimpleNamespace(id=row.producer_id, slug=row.producer_slug, name=row.producer_name, village=village,
                               ocop_stars=row.ocop_stars)
    craft = SimpleNamespace(id=row.craft_id, slug=row.craft_slug, name_vi=row.craft_vi, name_en=row.craft_en)
    return SimpleNamespace(id=row.id, title_vi=row.title_vi, title_en=row.title_en, description_vi=row.description_vi,
                           description_en=row.description_en, materials=row.materials, producer=producer, craft=craft)


def reindex_all(session, batch=BATCH, columns=("search_text", "search_marked", "search_terms", "search_title")):
    """Rebuild the search columns of every listing and all suggestions; returns how many listings.

    ``columns``: the ones to write (a migration older than a column leaves it out)."""
    session.execute(delete(Suggestion.__table__))
    query = (
        select(Listing.id, Listing.title_vi, Listing.title_en, Listing.description_vi, Listing.description_en,
               Listing.materials, Producer.id.label("producer_id"), Producer.slug.label("producer_slug"),
               Producer.name.label("producer_name"), Producer.ocop_stars, Village.id.label("village_id"), Village.slug.label("village_slug"),
               Village.name.label("village_name"), Village.district, Craft.id.label("craft_id"),
               Craft.slug.label("craft_slug"), Craft.name_vi.label("craft_vi"), Craft.name_en.label("craft_en"))
        .join(Producer, Producer.id == Listing.producer_id).join(Village, Village.id == Producer.village_id)
        .join(Craft, Craft.id == Listing.craft_id).order_by(Listing.id)
    )
    table = Listing.__table__
    change = update(table).where(table.c.id == bindparam("listing_id")).values(
        {name: bindparam(f"new_{name}") for name in columns})
    done, last = 0, 0
    while True:
        rows = session.execute(query.where(Listing.id > last).limit(batch)).all()
        if not rows:
            return done
        marks = _marks(session, rows[0].id, rows[-1].id)
        changes, words, suggestions = [], set(), {}
        for row in rows:
            listing = _stand_in(row)
            listing_marks = marks.get(row.id, [])
            indexed = search_columns(listing, listing_marks)
            values = {"search_text": indexed.text, "search_marked": indexed.marked, "search_terms": indexed.terms,
                      "search_title": title_words(row.title_vi, row.title_en)}
            changes.append({"listing_id": row.id, **{f"new_{name}": values[name] for name in columns}})
            words.update(indexed.words)
            for entry in suggest.listing_entries(listing, listing_marks):
                suggestions[(entry["kind"], entry["ref_id"], entry["key"])] = entry
        session.execute(change, changes)
        spelling.record(session, words)
        suggest.store_many(session, list(suggestions.values()))
        done, last = done + len(rows), rows[-1].id
