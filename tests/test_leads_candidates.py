"""Candidates: on PostgreSQL the cut of producers ranked by how many of their words match the request
(``producer_lexemes``, migration 0029), in the order ``ts_rank`` gave their stripped vectors before; and
titles judged from their stored words (``listings.search_title``)."""
from datetime import date

import pytest
from sqlalchemy import Text, cast, select, text, update

from marketplace.catalog import search
from marketplace.catalog.models import Listing
from marketplace.extensions import db as sqla
from marketplace.leads import candidates, relevance
from marketplace.leads import services as leads
from tests.factories import CraftFactory, ListingFactory, ProducerFactory, VillageFactory
from tests.leads_data import ceramics_world, make_inquiry

# What 0005's producer_search held per producer, ranked as matching ranked it until 0029.
_TS_RANK_ORDER = text("""
    SELECT producer_id FROM (
        SELECT producer_id, strip(to_tsvector('simple', f_unaccent(string_agg(search_text, ' ')))) AS vector
        FROM listings WHERE status = 'active' GROUP BY producer_id) AS producers
    WHERE vector @@ to_tsquery('simple', :query)
    ORDER BY ts_rank(vector, to_tsquery('simple', :query)) DESC, producer_id LIMIT :limit""")


def _workshops():
    craft = CraftFactory(slug="thu-cong", name_vi="Thủ công", name_en="Handicraft")
    village = VillageFactory(slug="lang-thu", name="Làng Thử")
    titles = {
        "Ba": ["Blue glaze vase", "Glazed bowl"],  # glaze, glazed, vase
        "Hai": ["Tall vase"],  # vase
        "Bon": ["Glaze jar, blue"],  # glaze
        "Nam": ["Porcelain vase"],  # porcelain, vase
        "Mot": ["Wooden spoon"],  # nothing
    }
    made = {}
    for name, listings in titles.items():
        producer = ProducerFactory(name=f"Xưởng {name}", village=village)
        made[name] = producer
        for title in listings:
            ListingFactory(producer=producer, craft=craft, title_vi=title, title_en=title)
    return made


def _cut(request, limit, monkeypatch):
    monkeypatch.setattr(candidates, "CANDIDATE_LIMIT", limit)
    found, _ = candidates.find(relevance.parse(request), date(2027, 1, 4), 100)
    return sorted(c.producer_id for c in found)


@pytest.mark.postgres_only
def test_producers_are_cut_by_their_matching_words_in_ts_ranks_order(db, monkeypatch):
    """For "blue glaze ceramic vases" (porcelain is a ceramic) with room for three candidates, are they Ba (three
    matching words), Nam (two), then the first of Hai and Bon (one each: the lower id), and for any room the
    producers ts_rank put first over each one's vector?"""
    made = _workshops()
    words = relevance.sql_words(relevance.parse("blue glaze ceramic vases"))
    query = sqla.session.scalar(select(cast(search.any_word_tsquery(words), Text)))  # the OR query it ranked by

    cut = _cut("blue glaze ceramic vases", 3, monkeypatch)

    assert cut == sorted([made["Ba"].id, made["Nam"].id, made["Hai"].id])
    for limit in (1, 2, 3, 4, 5):
        expected = sqla.session.scalars(_TS_RANK_ORDER, {"query": query, "limit": limit}).all()
        assert _cut("blue glaze ceramic vases", limit, monkeypatch) == sorted(expected)
    assert made["Mot"].id not in _cut("blue glaze ceramic vases", 5, monkeypatch)


@pytest.mark.postgres_only
def test_a_retitled_listing_moves_its_producer_in_the_cut(db, monkeypatch):
    """When Hai's vase becomes a "Tall glazed vase" (the listing's search columns refreshed, producer_lexemes by
    trigger), does Hai (two words now, as Nam, and the lower id) take Nam's place as the second candidate?"""
    made = _workshops()
    listing = made["Hai"].listings[0]
    listing.title_vi = listing.title_en = "Tall glazed vase"
    search.refresh(listing)
    sqla.session.commit()

    assert _cut("blue glaze ceramic vases", 2, monkeypatch) == sorted([made["Ba"].id, made["Hai"].id])


def test_listings_without_stored_title_words_are_judged_by_their_titles(db):
    """Listings written around the app (a bulk load) with no ``search_title``: for 3,000 blue glaze vases at
    100,000 ₫, is An still 100 and Cúc's plain vase 39, as when their titles' words are stored?"""
    world = ceramics_world()
    sqla.session.execute(update(Listing).values(search_title=None))
    sqla.session.commit()
    inquiry = make_inquiry(world.importer, "Blue glaze vases, please", quantity=3000, days=90, target=100_000)

    leads.run_matching(inquiry.id)

    assert [(m.producer.name, m.score) for m in inquiry.matches if m.active] == [("Gốm An", 100), ("Gốm Cúc", 39)]
