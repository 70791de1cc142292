"""PostgreSQL: a query of common words that go together finds its newest matches by walking the newest
listings (``catalog.walk``), and the answer is the one the text index gives: the same page, total and
facets, whether the walk held more than the cap (used) or not (searched again the ordinary way).

Here the cap is 4, the walk looks at the newest 12 listings, and RANK_CAP is 4 too, so that the ranking
uses the walk as well; the catalogue has 16 "Khăn lụa tơ tằm Vạn Phúc" from Vạn Phúc's weavers and 16
ceramics from Bát Tràng, ANALYZEd so that each of "lua", "van" and "phuc" is on half the listings."""
import pytest
from sqlalchemy import event, text

from marketplace.catalog import browse, walk
from marketplace.catalog.services import SearchParams, search_listings
from tests.factories import CraftFactory, ListingFactory, ProducerFactory, VillageFactory

pytestmark = pytest.mark.postgres_only


def _silk(producer, craft, n):
    return [ListingFactory(producer=producer, craft=craft, title_vi=f"Khăn lụa tơ tằm Vạn Phúc {i}",
                           title_en=f"Van Phuc silk scarf {i}", price_vnd=300000 + i) for i in range(n)]


def _ceramics(producer, craft, n):
    return [ListingFactory(producer=producer, craft=craft, title_vi=f"Bình gốm men lam {i}",
                           title_en=f"Blue glaze vase {i}", price_vnd=200000 + i) for i in range(n)]


@pytest.fixture
def shop(app, db):
    silk = ProducerFactory(name="Lụa Vạn Phúc Hà Đông", village=VillageFactory(name="Vạn Phúc", slug="van-phuc"))
    pottery = ProducerFactory(name="Gốm Minh Long", village=VillageFactory(name="Bát Tràng", slug="bat-trang"))
    return {"silk": (silk, CraftFactory(slug="silk", name_vi="Lụa", name_en="Silk")),
            "ceramics": (pottery, CraftFactory(slug="ceramics", name_vi="Gốm", name_en="Ceramics"))}


@pytest.fixture
def small_walk(app, db, monkeypatch):
    app.config["SEARCH_COUNT_CAP"] = 4
    monkeypatch.setattr(walk, "WALK_ROWS", 12)
    monkeypatch.setattr(browse, "RANK_CAP", 4)
    yield
    app.config["SEARCH_COUNT_CAP"] = 10_000
    walk.forget_statistics()


def _analyzed(db):
    db.session.commit()
    db.session.execute(text("ANALYZE listings"))
    db.session.commit()
    walk.forget_statistics()


def _answer(db, **args):
    """(page ids, total, total exact, facets exact, facets) and whether a statement walked."""
    statements = []
    listener = lambda conn, cursor, statement, *rest: statements.append(statement)
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        page = search_listings(SearchParams.from_args(args))
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    walked = sum("coalesce(listings.search_vector @@" in s for s in statements)
    return ([i.id for i in page.items], page.total, page.total_exact, page.facets_exact, page.facets), walked


def _ordinary(db, monkeypatch, **args):
    with monkeypatch.context() as m:
        m.setattr(walk, "WALK_SHARE", 2.0)  # no term is on 200 % of the listings: never walks
        answer, walked = _answer(db, **args)
    assert walked == 0
    return answer


def test_common_words_that_go_together_walk_and_give_the_ordinary_answer(shop, small_walk, db, monkeypatch):
    """With 16 silk scarves among the newest listings, does "lua van phuc" walk (facets and ranking) and
    answer exactly as the text index does: 4+ matches, the newest 4 ranked, Vạn Phúc's facets?"""
    _ceramics(*shop["ceramics"], 16)
    scarves = _silk(*shop["silk"], 16)
    _analyzed(db)
    answer, walked = _answer(db, q="lua van phuc")
    assert walked == 2  # the total and facets, and the ranking's newest
    assert answer == _ordinary(db, monkeypatch, q="lua van phuc")
    ids, total, total_exact, facets_exact, facets = answer
    assert (total, total_exact, facets_exact) == (4, False, False)
    assert sorted(ids[:4]) == sorted(s.id for s in scarves[-4:])
    assert [(f["slug"], f["count"]) for f in facets["village"]] == [("van-phuc", 4)]
    assert [(f["slug"], f["count"]) for f in facets["craft"]] == [("silk", 4)]


def test_a_walk_that_holds_too_few_matches_searches_again_the_ordinary_way(shop, small_walk, db, monkeypatch):
    """With the silk scarves older than the 16 newest (ceramics) listings, does "lua van phuc" find all
    16 through the text index after a walk that held none, with exact facets?"""
    scarves = _silk(*shop["silk"], 16)
    _ceramics(*shop["ceramics"], 16)
    _analyzed(db)
    answer, walked = _answer(db, q="lua van phuc", per_page=24)
    assert walked == 1  # tried once for the facets, then the ordinary statements
    assert answer == _ordinary(db, monkeypatch, q="lua van phuc", per_page=24)
    ids, total, total_exact, facets_exact, _facets = answer
    assert (total, total_exact, facets_exact) == (4, False, False)
    assert sorted(ids) == sorted(s.id for s in scarves)


def test_a_facet_filter_keeps_the_ranking_off_the_walk(shop, small_walk, db, monkeypatch):
    """With a craft chosen, do the facets still walk while the ranking (narrowed by the craft) does not,
    and is the answer the ordinary one?"""
    _ceramics(*shop["ceramics"], 16)
    _silk(*shop["silk"], 16)
    _analyzed(db)
    answer, walked = _answer(db, q="lua van phuc", craft="silk")
    assert walked == 1
    assert answer == _ordinary(db, monkeypatch, q="lua van phuc", craft="silk")


def test_one_word_and_a_rare_word_never_walk(shop, small_walk, db, monkeypatch):
    """Is "lua" (one word: PostgreSQL's own estimate of it is right) or "lua theu" ("thêu" on one listing
    of 33, under WALK_SHARE) searched the ordinary way, with the embroidered scarf found?"""
    _ceramics(*shop["ceramics"], 16)
    _silk(*shop["silk"], 16)
    producer, craft = shop["silk"]
    embroidered = ListingFactory(producer=producer, craft=craft, title_vi="Khăn lụa thêu tay", title_en="Silk scarf, lotus pattern")
    _analyzed(db)
    assert _answer(db, q="lua")[1] == 0
    (ids, total, *_), walked = _answer(db, q="lua theu")
    assert (walked, ids, total) == (0, [embroidered.id], 1)


def test_a_typo_respelt_to_common_words_is_counted_in_the_walk(shop, small_walk, db, monkeypatch):
    """Does "lua van phucc", answered by its respelling "lua van phuc", ask in the walk whether the
    respelling finds any and then search it as "lua van phuc" is searched, in the walk (the 16 scarves
    among the newest: 4+, found without reading every match from the text index), and show
    the ordinary answer, while a filtered typo is searched as its respelling with that filter is (its facets walk)?"""
    _ceramics(*shop["ceramics"], 16)
    scarves = _silk(*shop["silk"], 16)
    _analyzed(db)
    page = search_listings(SearchParams.from_args({"q": "lua van phucc"}))
    assert (page.did_you_mean, page.fuzzy) == ("lua van phuc", True)
    answer, walked = _answer(db, q="lua van phucc")
    # whether the respelling finds any (one match in the walk will do), then, as "lua van phuc" is searched,
    # the total and facets, and the ranking's newest
    assert walked == 3
    assert answer == _ordinary(db, monkeypatch, q="lua van phucc")
    ids, total, total_exact, *_ = answer
    assert (total, total_exact) == (4, False)
    assert sorted(ids[:4]) == sorted(s.id for s in scarves[-4:])  # the ranked newest, then the rest
    assert ids[4:] == [s.id for s in reversed(scarves[:-4])]
    assert _answer(db, q="lua van phucc", craft="silk")[1] == 1  # as "lua van phuc" in silk: the facets walk
